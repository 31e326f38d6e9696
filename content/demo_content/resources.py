"""The resource library: pages that programmes share, and two small downloads."""

LIBRARY_SLUG = "resources"
LIBRARY = {
    "title": "Resource library",
    "intro": "<p>Case studies, tools, training materials and guidelines shared by the "
             "programmes that use Sanad. Adapt them to your setting and language.</p>",
}

REFERRAL_DIRECTORY_CSV = """\
Service,Type,Address or area,Days and hours,Languages,How to refer,Cost,Contact person role,Last checked
,Mental health (specialist),,,,,,,
,Primary health care,,,,,,,
,Protection / gender-based violence case management,,,,,,,
,Child protection,,,,,,,
,Legal aid and documentation,,,,,,,
,Cash and basic needs,,,,,,,
,Community centre / safe space,,,,,,,
"""

SELF_CARE_PLAN_TXT = """\
MY SELF-CARE PLAN

Fill this in on a calm day and look at it again after a hard one. Keep it private.

1. Signs that I am getting overloaded (body, sleep, mood, behaviour):
   -
   -
2. Three things that help me recover after a difficult session:
   -
   -
   -
3. People I can talk to (a colleague, my supervisor, someone outside work):
   -
4. Limits I keep (hours, phone, days off):
   -
5. If I notice the warning signs for more than two weeks, I will:
   -

Reviewed with my supervisor on: ____________
"""

# (slug, title, file name, content)
DOCUMENTS = [
    ("referral-directory", "Referral directory template", "referral-directory-template.csv",
     REFERRAL_DIRECTORY_CSV),
    ("self-care-plan", "Personal self-care plan", "self-care-plan.txt", SELF_CARE_PLAN_TXT),
]

RESOURCES = [
    {
        "slug": "case-study-outreach-after-floods",
        "title": "Case study: community outreach after the river floods",
        "kind": "case_study",
        "tags": ["outreach", "emergency", "psychological first aid"],
        "summary": "How a team of eight community workers in a flooded district organised "
                   "psychological first aid, kept to their role and built a referral route "
                   "within three weeks.",
        "body": (
            "<p>When the river broke its banks in the (fictional) district of Wadi Sahel, "
            "about 4,000 families moved into schools and a disused warehouse. A local "
            "association trained eight volunteers in psychological first aid in two days "
            "and sent them out in pairs.</p>"
            "<h3>What worked</h3><ul>"
            "<li>Pairs of one woman and one man, so that people could choose whom to talk to.</li>"
            "<li>A one-page map of services updated every evening, with a named contact for "
            "each.</li>"
            "<li>A short daily debrief with a supervisor by phone, where volunteers could "
            "say what had affected them.</li></ul>"
            "<h3>What was hard</h3><ul>"
            "<li>Families asked first for blankets and documents, not for talking. "
            "Volunteers learned to link people to practical help first.</li>"
            "<li>Two volunteers were themselves displaced and became exhausted by the "
            "second week; the team introduced rest days.</li></ul>"
            "<h3>Questions for discussion</h3>"
            "<p>What would you keep, and what would you change, in your own setting?</p>"
        ),
    },
    {
        "slug": "referral-directory-template",
        "title": "Tool: referral directory template",
        "kind": "tool",
        "tags": ["referral", "tool"],
        "summary": "A spreadsheet to map the services people can be referred to, with the "
                   "details a helper needs to make a referral that actually works.",
        "body": (
            "<p>A referral only helps if the service exists, is open, speaks the person's "
            "language and accepts them. Fill this template in with your team, check each "
            "line by phone or visit, and review it every month.</p>"
            "<p>Record how to refer (walk-in, form, phone call), whether it costs anything, "
            "and the role of a contact person rather than a private phone number.</p>"
        ),
        "document": "referral-directory",
    },
    {
        "slug": "self-care-plan",
        "title": "Training material: a personal self-care plan",
        "kind": "training_material",
        "tags": ["self-care", "supervision"],
        "summary": "A one-page plan helpers fill in on a calm day and revisit with their "
                   "supervisor after hard weeks.",
        "body": (
            "<p>People who help others after crises are affected by what they hear. A "
            "self-care plan is not a luxury: it protects the helper and the people they "
            "serve. Use this sheet in training, then ask trainees to keep it and review it "
            "in supervision.</p>"
        ),
        "document": "self-care-plan",
    },
    {
        "slug": "guideline-working-with-interpreters",
        "title": "Guideline: ten agreements for sessions with an interpreter",
        "kind": "guideline",
        "tags": ["interpreters", "cultural mediation", "confidentiality"],
        "summary": "Short agreements that counsellors and interpreters make before their "
                   "first session together.",
        "body": (
            "<ol>"
            "<li>We meet for five minutes before and after each session.</li>"
            "<li>The interpreter renders everything said, in the first person.</li>"
            "<li>The counsellor speaks to the client, not to the interpreter.</li>"
            "<li>We speak in short sentences and pause often.</li>"
            "<li>The interpreter may ask to clarify a word or a cultural meaning.</li>"
            "<li>The interpreter does not give advice or opinions to the client.</li>"
            "<li>Everything said in the session stays confidential, for both of us.</li>"
            "<li>If the interpreter knows the client personally, they say so before the "
            "session starts.</li>"
            "<li>We sit in a triangle so that everyone can see each other.</li>"
            "<li>After a distressing session, we both have access to support.</li>"
            "</ol>"
        ),
    },
    {
        "slug": "case-study-group-sessions-for-mothers",
        "title": "Case study: a support group for mothers in a camp clinic",
        "kind": "case_study",
        "tags": ["group session", "women", "counselling"],
        "summary": "A counsellor and a community health worker run six sessions for mothers "
                   "of young children, and learn to share the lead.",
        "body": (
            "<p>In a camp clinic, a counsellor noticed that many mothers who brought babies "
            "for vaccination looked exhausted and tearful. With a community health worker "
            "who spoke the mothers' dialect, she started a weekly group of ten.</p>"
            "<p>The sessions combined a short topic (sleep, stress in the body, solving one "
            "problem at a time) with time for the mothers to talk. The health worker led "
            "the opening and the closing rituals; the counsellor led the skills. Two "
            "mothers were referred for individual support after they spoke of not wanting "
            "to live; both were seen by the clinic doctor the same week.</p>"
            "<p>Attendance grew when sessions moved to the time of food distribution and "
            "a corner was set up for the children.</p>"
        ),
    },
]
