"""Psychosocial support by non-specialists: the psychological first aid course."""

from . import (
    document,
    key_points,
    multiple,
    reflection,
    role_play,
    safety_note,
    self_care_note,
    single,
    text,
    true_false,
    vignette,
)

CURRICULUM = {
    "slug": "psychosocial-support-by-non-specialists",
    "title": "Psychosocial support by non-specialists",
    "summary": "Skills for community workers, volunteers, teachers and health staff who are "
               "not mental health specialists but meet people in distress every day.",
    "body": "<p>Most people in distress after a crisis never see a psychologist. They talk "
            "to a neighbour, a nurse, a teacher, a volunteer at a distribution. This "
            "curriculum gives these helpers simple, safe skills, and a clear sense of "
            "where their role ends and whom to call. It follows the idea of task-sharing: "
            "non-specialists do what they can do well, under supervision.</p>",
}

COURSE = {
    "slug": "psychological-first-aid",
    "title": "Psychological first aid",
    "summary": "Look, listen, link: supporting people in the hours and days after a crisis, "
               "caring for yourself, and working within referral pathways and supervision.",
    "body": "<p>Psychological first aid is humane, practical support for people who have "
            "just been through a frightening event. It is not therapy and it is not only "
            "for professionals. In this course you will learn to look for safety and "
            "needs, listen without pressure, and link people to help, and to do it while "
            "looking after yourself and working under supervision.</p>"
            "<p>No prior training is needed. Completion requires supervised practice in "
            "psychological first aid and in accompanying a referral.</p>",
    "audience": "non_specialists",
    "estimated_hours": "6",
    "enrolment": "open",
    "required_supervision_hours": "1",
    "certificate_validity_months": 24,
    "practice": [("Psychological first aid", "2"), ("Referral accompaniment", "1")],
    "competencies": [("FHS-1", 2), ("FHS-4", 3), ("FHS-5", 3), ("FHS-8", 2)],
}

PRE_TEST = {
    "slug": "pre-test",
    "title": "Pre-test: psychological first aid",
    "intro": "<p>Six questions before you begin. They help you and your trainer see what "
             "you already know.</p>",
    "questions": [
        single("What is psychological first aid?",
               ["A short form of psychotherapy for trauma.",
                "*Humane, practical support for people in distress after a crisis.",
                "A medical treatment given by doctors.",
                "Asking people to describe exactly what happened to them."],
               "Yes. It is practical and humane support, not therapy.",
               "Psychological first aid is not therapy or treatment: it is practical, "
               "humane support that anyone trained can give."),
        true_false("Everyone who lives through a crisis will develop a mental disorder.",
                   False,
                   "Correct. Most people recover, especially with support.",
                   "Most people recover over time, especially when their basic needs are met "
                   "and they feel supported."),
        multiple("Which are part of the three action principles of psychological first aid?",
                 ["*Look", "*Listen", "Diagnose", "*Link"],
                 "Right: look, listen, link.",
                 "The three principles are look, listen and link. Diagnosis is not part of "
                 "psychological first aid."),
        true_false("You should press people to tell you the details of what happened so "
                   "that they can let it out.", False,
                   "Correct. Never force people to talk; listen if they want to.",
                   "Pressing for details can increase distress. Listen if people want to "
                   "talk, and respect them if they do not."),
        single("You arrive at the site of a building collapse. What do you do first?",
               ["Start talking to the most upset person.",
                "*Check that the site is safe for you and for the people there.",
                "Take photos for the report.",
                "Hand out your phone number to everyone."],
               "Yes. Safety comes first, for them and for you.",
               "Before anything else, look at safety: is it safe to be here, for you and for "
               "them?"),
        single("Which of these is a sign of stress in helpers that should not be ignored?",
               ["Feeling tired after a long day.",
                "*Weeks of poor sleep, irritability and avoiding work.",
                "Looking forward to the weekend.",
                "Feeling moved by a person's story."],
               "Yes. Lasting signs like these call for support.",
               "Passing tiredness is normal. Lasting sleep problems, irritability and "
               "avoidance are signs to act on."),
    ],
}

MODULES = [
    {
        "slug": "look-listen-link",
        "title": "Look, listen, link",
        "summary": "The three action principles of psychological first aid, step by step.",
        "lessons": [
            {
                "slug": "look",
                "title": "Look: safety, urgent needs and serious reactions",
                "summary": "What to check before and as you approach people in a crisis.",
                "minutes": 25,
                "body": [
                    text(
                        "<p>Psychological first aid begins before you say a word. "
                        "<b>Look</b> means taking a moment to understand the situation, "
                        "so that your help is safe and goes where it is most needed.</p>"
                        "<h3>Is it safe?</h3>"
                        "<p>Check for dangers: damaged buildings, fire, traffic, armed "
                        "people, tension in a crowd. If it is not safe, do not go in. You "
                        "cannot help anyone if you are hurt. Follow your team's security "
                        "rules and stay in contact with your coordinator.</p>"
                        "<h3>Who needs help first?</h3>"
                        "<p>Look for people with urgent basic needs: injuries that need "
                        "first aid or a doctor, children on their own, people who are lost, "
                        "older people or people with disabilities who cannot reach water, "
                        "food or shelter. People with obvious physical needs come "
                        "first.</p>"
                        "<h3>Who is reacting very strongly?</h3>"
                        "<p>Most people are shaken: they cry, shake, feel confused or "
                        "numb, or are very quiet. These are normal reactions to an "
                        "abnormal event. Look especially for people who:</p>"
                        "<ul>"
                        "<li>cannot care for themselves or their children;</li>"
                        "<li>are so upset that they do not respond to what is around "
                        "them;</li>"
                        "<li>may hurt themselves or others.</li>"
                        "</ul>"
                        "<p>These people need help from others, sometimes from a "
                        "specialist. Make sure they are not left alone and tell your "
                        "supervisor.</p>"
                        "<h3>What help is available?</h3>"
                        "<p>Find out which services are operating: health posts, "
                        "distributions, family tracing, child-friendly spaces. You will "
                        "need this information to link people.</p>"),
                    safety_note(
                        "<p>Never go alone into an unsafe area. Always tell your "
                        "coordinator where you are, and leave if the situation "
                        "changes.</p>"),
                    vignette(
                        "The market fire",
                        "<p>A fire has destroyed part of the covered market in the town of "
                        "Beit Sahra. Stallholders stand outside; some are crying, one man "
                        "is shouting at the firefighters. A woman sits on the pavement "
                        "holding her arm. A boy of about eight walks between the groups "
                        "calling for his father.</p>",
                        ["What do you check first?",
                         "Whom do you approach first, and why?",
                         "Who else do you need to involve?"]),
                    key_points(
                        "Look before you act: safety first.",
                        "Urgent physical needs and unaccompanied children come first.",
                        "Most strong reactions are normal; watch for people who cannot "
                        "care for themselves.",
                        "Know which services are working, so you can link people."),
                ],
            },
            {
                "slug": "listen",
                "title": "Listen: approaching, asking and calming",
                "summary": "How to approach people, ask about needs and help someone feel "
                           "calmer.",
                "minutes": 30,
                "body": [
                    text(
                        "<p><b>Listen</b> means approaching people respectfully, asking "
                        "about their needs and concerns, and listening in a way that helps "
                        "them feel calmer.</p>"
                        "<h3>Approaching</h3>"
                        "<p>Introduce yourself by name and organisation. Ask if you may "
                        "talk: <i>\"I am Salma from the Red Crescent volunteers. Can I "
                        "sit with you for a moment?\"</i> Respect a no. Keep a respectful "
                        "distance; consider whether a helper of the same gender would be "
                        "more appropriate.</p>"
                        "<h3>Asking about needs</h3>"
                        "<p>Ask what they need and what worries them most. People often "
                        "need practical things first: news of family, water, a phone "
                        "charge, a place to sleep. Their priorities may differ from "
                        "yours.</p>"
                        "<h3>Listening without pressure</h3>"
                        "<p>If the person wants to talk about what happened, listen. If "
                        "not, do not press. Never ask for details of a traumatic event. "
                        "Do not interpret their feelings or tell them how they should "
                        "feel. Saying nothing and staying near is also help.</p>"
                        "<h3>Helping someone feel calmer</h3>"
                        "<p>Some people are very agitated or seem far away. Speak softly "
                        "and slowly. Remind them where they are and that you are there to "
                        "help. Invite them to notice their feet on the ground, or to "
                        "breathe slowly with you. If appropriate, offer water. Do not "
                        "touch them unless you know this is acceptable.</p>"
                        "<h3>What not to say</h3>"
                        "<ul>"
                        "<li>\"You are lucky to be alive.\"</li>"
                        "<li>\"I know how you feel.\"</li>"
                        "<li>\"Everything happens for a reason.\"</li>"
                        "<li>Promises you cannot keep: \"I'll find your son.\"</li>"
                        "</ul>"),
                    role_play(
                        "After the bus accident",
                        "<p>A minibus has overturned near a checkpoint. Passengers with "
                        "minor injuries are waiting for transport to the clinic. A young "
                        "woman sits apart, breathing fast, not answering the nurse.</p>",
                        [("Helper", "Approach, introduce yourself, ask permission, and help "
                                    "her feel calmer. Find out what she needs."),
                         ("Young woman", "You are frightened and cannot stop shaking. "
                                         "Your biggest worry is that your mother does not "
                                         "know where you are."),
                         ("Observer", "Note the helper's words, tone and distance.")],
                        ["Introduced self and asked permission",
                         "Kept a respectful distance",
                         "Spoke slowly and calmly",
                         "Used a simple grounding technique",
                         "Asked about needs and worries",
                         "Did not press for details of the accident",
                         "Made no promises that cannot be kept"]),
                    key_points(
                        "Introduce yourself and ask permission.",
                        "Ask about needs: they are often practical.",
                        "Listen if people want to talk; never press for details.",
                        "Help people feel calmer: soft voice, grounding, water."),
                ],
            },
            {
                "slug": "link",
                "title": "Link: basic needs, information and loved ones",
                "summary": "Helping people reach services, get accurate information and "
                           "reconnect with family and community.",
                "minutes": 25,
                "body": [
                    text(
                        "<p><b>Link</b> means helping people help themselves: connecting "
                        "them to the services, information and people they need. "
                        "Psychological first aid is usually a single contact, so linking "
                        "is how your help continues after you leave.</p>"
                        "<h3>Basic needs and services</h3>"
                        "<p>Help people reach what they asked for: shelter, food, water, "
                        "medical care, documents. Give them accurate, specific "
                        "information: where, when, what to bring. Go with them, or ask a "
                        "colleague to, if they are too distressed or unable to go "
                        "alone.</p>"
                        "<h3>Information</h3>"
                        "<p>In a crisis, rumours spread faster than facts. Tell people what "
                        "you know and say clearly what you do not know. <i>\"I don't know "
                        "when the buses will run. The information point by the school "
                        "will have news at five o'clock.\"</i> Simple, honest information "
                        "reduces fear.</p>"
                        "<h3>Loved ones and social support</h3>"
                        "<p>Being with family and community is one of the strongest "
                        "protections after a crisis. Help people contact family, keep "
                        "children with their caregivers, and connect with neighbours, "
                        "religious leaders or community groups they trust. For separated "
                        "children, always contact the child protection or family tracing "
                        "service; never take a child away yourself.</p>"
                        "<h3>Coping</h3>"
                        "<p>Ask what has helped them in hard times before. Encourage "
                        "positive ways of coping (rest, regular meals, talking to people "
                        "they trust, prayer, routines for children) and gently discourage "
                        "harmful ones, such as alcohol or isolating themselves.</p>"
                        "<h3>Ending the contact</h3>"
                        "<p>Tell the person you are leaving, and who will be there after "
                        "you. Make sure they know where to go for help.</p>"),
                    vignette(
                        "Mariam and her grandchildren",
                        "<p>After the flood, Mariam, 67, is staying in a school with her two "
                        "grandchildren. Their mother was taken to hospital in the city and "
                        "Mariam has had no news. She does not have a phone. She asks you "
                        "whether she should leave the children with a neighbour and go to "
                        "the city to look for her daughter.</p>",
                        ["What practical links could help Mariam?",
                         "What information do you need before answering her?",
                         "How would you protect the children's safety?"]),
                    key_points(
                        "Link people to services with accurate, specific information.",
                        "Say what you know and what you do not know.",
                        "Help people reconnect with family and community.",
                        "Separated children go to child protection; never take a child "
                        "yourself."),
                ],
            },
        ],
        "check": {
            "slug": "look-listen-link-check",
            "title": "Knowledge check: look, listen, link",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                single("Which person do you approach first at a crisis site?",
                       ["The person crying loudest.",
                        "*A child alone, looking for a parent.",
                        "The person who asks for you by name.",
                        "The group that looks calmest."],
                       "Yes. Unaccompanied children are among the first to help.",
                       "Urgent needs come first: an unaccompanied child is at high risk."),
                true_false("Crying, shaking and feeling numb after a frightening event are "
                           "usually normal reactions.", True,
                           "Correct. They are normal reactions to an abnormal event.",
                           "These reactions are common and usually pass with time and "
                           "support."),
                multiple("Which of these should you avoid saying?",
                         ["*\"You are lucky to be alive.\"",
                          "*\"I'll find your son for you.\"",
                          "\"I'm here; would you like some water?\"",
                          "*\"I know exactly how you feel.\""],
                         "Right. These minimise, assume or promise too much.",
                         "Offering water and presence is helpful; the others minimise, "
                         "assume or promise what you cannot deliver."),
                single("Someone asks when the buses will run, and you do not know. What do "
                       "you say?",
                       ["\"Soon, don't worry.\"",
                        "*\"I don't know. The information point will have news at five.\"",
                        "\"Probably tomorrow morning.\"",
                        "Say nothing and move on."],
                       "Yes. Honest information, and where to find more.",
                       "Guessing spreads rumours. Say you do not know and where to find "
                       "out."),
                true_false("If you find a separated child, you may take the child home until "
                           "the family is found.", False,
                           "Correct. Contact child protection or family tracing.",
                           "Never take a child yourself. Contact the child protection or "
                           "family tracing service."),
            ],
        },
    },
    {
        "slug": "self-care-referral-supervision",
        "title": "Self-care, referral pathways and supervision",
        "summary": "Staying well as a helper, knowing the referral pathway, and using "
                   "supervision.",
        "lessons": [
            {
                "slug": "caring-for-yourself",
                "title": "Caring for yourself and your team",
                "summary": "Stress in helpers, what helps, and looking out for each other.",
                "minutes": 20,
                "body": [
                    text(
                        "<p>Helpers in crises are often affected by the same events as the "
                        "people they help. They work long hours, see suffering and may "
                        "feel they never do enough. Caring for yourself is not selfish: a "
                        "helper who is exhausted makes mistakes and may harm the people "
                        "they want to help.</p>"
                        "<h3>Before</h3>"
                        "<p>Think about how you cope with stress, what restores you and "
                        "who supports you. Make sure your own family is safe and knows "
                        "how to reach you.</p>"
                        "<h3>During</h3>"
                        "<ul>"
                        "<li>Take short breaks, eat and drink water.</li>"
                        "<li>Work in pairs where possible and check on each other.</li>"
                        "<li>Stay within your role: you are not responsible for solving "
                        "every problem.</li>"
                        "<li>Avoid alcohol and other harmful ways of coping.</li>"
                        "</ul>"
                        "<h3>After</h3>"
                        "<p>Talk about your experience with your supervisor or a trusted "
                        "colleague; you do not need to share details of people's stories. "
                        "Acknowledge what you were able to do, even small things. Accept "
                        "what you could not do. Rest before going back.</p>"
                        "<h3>When to ask for more help</h3>"
                        "<p>If for more than two weeks you sleep badly, feel hopeless, are "
                        "irritable with family, use alcohol to cope, or avoid work, talk "
                        "to your supervisor. These are common reactions and help is "
                        "available.</p>"),
                    self_care_note(
                        "<p>Fill in a personal self-care plan on a calm day, and look at it "
                        "again after a hard one. Share what you wish with your "
                        "supervisor.</p>"),
                    document("self-care-plan", "A one-page plan to fill in and keep."),
                    reflection(
                        "What are your own first signs of stress? What is one thing you "
                        "will do this week to restore yourself?"),
                ],
            },
            {
                "slug": "referral-pathways",
                "title": "Referral pathways: who does what",
                "summary": "The layers of support in a community, and how to move people "
                           "safely between them.",
                "minutes": 25,
                "body": [
                    text(
                        "<p>Support after a crisis is organised in layers, like a pyramid. "
                        "At the base, everyone needs safety, basic services and dignity. "
                        "Above that, many people need support from family and community. "
                        "Fewer need focused help from trained non-specialists like you. "
                        "A small number need specialist care from psychologists, "
                        "psychiatrists or doctors.</p>"
                        "<p>A <b>referral pathway</b> is the agreed route for moving a "
                        "person from one layer or service to another. It says which "
                        "service does what, how to refer, and who to call when something "
                        "goes wrong.</p>"
                        "<h3>Refer immediately when</h3>"
                        "<ul>"
                        "<li>Someone has a serious injury or a medical emergency.</li>"
                        "<li>Someone may harm themselves or others.</li>"
                        "<li>A child is separated, or at risk of abuse.</li>"
                        "<li>Someone has survived sexual violence and wants medical care, "
                        "which is most effective within 72 hours.</li>"
                        "<li>Someone is so distressed they cannot care for themselves.</li>"
                        "</ul>"
                        "<h3>Referring safely</h3>"
                        "<p>Explain the service and ask for consent. Share only what is "
                        "needed, and only with the service concerned. Use the referral "
                        "form or phone line your team has agreed. Where possible, "
                        "accompany the person or hand them over in person: a referral "
                        "accompaniment is one of the practice activities in this course. "
                        "Note the referral, and follow up.</p>"
                        "<h3>When there is no service</h3>"
                        "<p>Sometimes the service a person needs does not exist nearby. "
                        "Tell your supervisor: gaps in the pathway must be known by "
                        "coordinators. Meanwhile, support the person within your role and "
                        "keep them connected to family and community.</p>"),
                    vignette(
                        "Referral at the distribution point",
                        "<p>During a food distribution, a young woman, Leila, tells a "
                        "volunteer quietly that a man in her shelter attacked her two "
                        "nights ago. She asks the volunteer not to tell anyone in the "
                        "shelter. She has not been to the clinic.</p>",
                        ["What information does Leila need about services, and about "
                         "time?",
                         "How does the volunteer respect her request while keeping her "
                         "safe?",
                         "Who does the volunteer inform, and what do they share?"]),
                    key_points(
                        "Support is layered: most people need basic services and community "
                        "support, a few need specialists.",
                        "Know your referral pathway before you need it.",
                        "Consent, minimum information, accompaniment, follow-up.",
                        "Report gaps in the pathway to your supervisor."),
                ],
            },
            {
                "slug": "working-under-supervision",
                "title": "Working under supervision",
                "summary": "What supervision is for, how to prepare, and how to log your "
                           "practice.",
                "minutes": 20,
                "body": [
                    text(
                        "<p>Non-specialists can provide safe, effective support when they "
                        "are trained <b>and</b> supervised. Supervision is not inspection. "
                        "It is regular, protected time with a more experienced person to "
                        "review your work, learn from it and look after yourself.</p>"
                        "<h3>What supervision is for</h3>"
                        "<ul>"
                        "<li><b>Quality and safety:</b> checking that people receive good "
                        "help, and deciding together about risk and referral.</li>"
                        "<li><b>Learning:</b> practising skills, getting feedback, and "
                        "being rated on competencies after an observed session or "
                        "role-play.</li>"
                        "<li><b>Support:</b> talking about what affected you.</li>"
                        "</ul>"
                        "<h3>Preparing for supervision</h3>"
                        "<p>Bring one or two situations you want to discuss, with your "
                        "questions. Describe them without names or details that would "
                        "identify anyone. Be honest about what went badly: that is where "
                        "learning happens, and a good supervisor will not blame you.</p>"
                        "<h3>Logging your practice</h3>"
                        "<p>In Sanad you record each practice activity in your logbook: the "
                        "date, how long it took, the kind of activity, the setting, how "
                        "many people you supported, whether an interpreter was present, "
                        "and a short reflection. <b>Never</b> write names, phone numbers "
                        "or addresses. Your supervisor reviews each entry and approves it "
                        "or returns it with a comment.</p>"
                        "<h3>Between sessions</h3>"
                        "<p>Know how to reach your supervisor urgently. Any situation of "
                        "serious risk is discussed the same day, not at the next "
                        "scheduled session.</p>"),
                    reflection(
                        "Write down one situation from your recent work that you would like "
                        "to discuss in supervision, without names. What question would you "
                        "ask?"),
                    key_points(
                        "Supervision supports quality, learning and your wellbeing.",
                        "Prepare: bring situations and questions, without identifying "
                        "details.",
                        "Log practice accurately; never record names or contacts.",
                        "Serious risk is discussed the same day."),
                ],
            },
        ],
        "check": {
            "slug": "self-care-and-referral-check",
            "title": "Knowledge check: self-care, referral and supervision",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                multiple("Which are healthy ways for a helper to cope during a crisis "
                         "response?",
                         ["*Taking short breaks and eating regularly",
                          "*Working in pairs and checking on each other",
                          "Skipping rest to help more people",
                          "*Talking with a supervisor after hard days"],
                         "Right. Breaks, peers and supervision keep helpers well.",
                         "Skipping rest leads to exhaustion and mistakes."),
                single("A woman tells you she was sexually assaulted two days ago. Why does "
                       "time matter?",
                       ["It does not matter; she can go whenever she likes.",
                        "*Some medical care is most effective within 72 hours.",
                        "The police only accept reports the same day.",
                        "Her family must be told within a week."],
                       "Yes. She should know this so she can decide quickly.",
                       "Some medical care after sexual violence is most effective within "
                       "72 hours. Give her this information so she can decide."),
                true_false("A practice logbook entry may include the client's first name if "
                           "the supervisor needs it.", False,
                           "Correct. Never record names or contact details.",
                           "Logbook entries never contain names, phone numbers or "
                           "addresses."),
                single("What is a referral pathway?",
                       ["A list of people who have been referred.",
                        "*The agreed route and contacts for moving a person between "
                        "services.",
                        "A road to the nearest hospital.",
                        "A form that clients fill in."],
                       "Yes. It says who does what and how to refer.",
                       "A referral pathway is the agreed route between services, with "
                       "contacts and procedures."),
                true_false("A situation of serious risk can wait until the next scheduled "
                           "supervision session.", False,
                           "Correct. Serious risk is discussed the same day.",
                           "Contact your supervisor the same day when there is serious "
                           "risk."),
            ],
        },
    },
]

POST_TEST = {
    "slug": "post-test",
    "title": "Post-test: psychological first aid",
    "intro": "<p>Eight questions on the whole course. You need 70% to pass and have three "
             "attempts.</p>",
    "questions": [
        single("What is psychological first aid?",
               ["A short form of psychotherapy for trauma.",
                "*Humane, practical support for people in distress after a crisis.",
                "A medical treatment given by doctors.",
                "Asking people to describe exactly what happened to them."],
               "Yes. It is practical and humane support, not therapy.",
               "Psychological first aid is practical, humane support, not therapy."),
        multiple("What are the three action principles?",
                 ["*Look", "*Listen", "Label", "*Link"],
                 "Right: look, listen, link.",
                 "The principles are look, listen and link."),
        single("You arrive at a crisis site. What do you check first?",
               ["Who is most upset.",
                "*Whether it is safe for you and for the people there.",
                "Whether journalists are present.",
                "Whether people have identity documents."],
               "Yes. Safety comes first.",
               "Look at safety first, for yourself and for others."),
        true_false("You should encourage people to tell you every detail of what happened "
                   "to them.", False,
                   "Correct. Listen if they want to talk; never press for details.",
                   "Pressing for details can increase distress. Let people choose."),
        multiple("Which help someone who is very agitated to feel calmer?",
                 ["*Speaking softly and slowly",
                  "*Inviting them to notice their feet on the ground",
                  "Telling them to stop overreacting",
                  "*Offering water"],
                 "Right. Calm voice, grounding and simple comfort help.",
                 "Telling people they overreact adds to their distress."),
        single("A separated child is alone at a distribution point. What do you do?",
               ["Take the child home until the parents are found.",
                "*Stay with the child and contact child protection or family tracing.",
                "Ask the child to wait where they are.",
                "Give the child food and move on."],
               "Yes. Keep the child safe and involve the right service.",
               "Never take a child yourself or leave them. Involve child protection."),
        true_false("Caring for yourself as a helper is part of providing safe help.", True,
                   "Correct. Exhausted helpers make mistakes.",
                   "Self-care protects the people you help as well as you."),
        multiple("Which belong in a practice logbook entry?",
                 ["*The kind of activity and its duration",
                  "*A short reflection",
                  "The client's phone number",
                  "*The setting"],
                 "Right. Never record names or contact details.",
                 "Logbook entries never contain names or contact details."),
    ],
}
