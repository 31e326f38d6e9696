"""Cultural mediation in MHPSS: the working with interpreters course."""

from . import (
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
    "slug": "cultural-mediation",
    "title": "Cultural mediation in mental health and psychosocial support",
    "summary": "For cultural mediators, interpreters and the counsellors who work with them: "
               "roles, ethics, and understanding distress across languages and cultures.",
    "body": "<p>Many people seek help in a language that is not their helper's. Cultural "
            "mediators and interpreters make that help possible, but only if everyone in "
            "the room knows their role. This curriculum prepares mediators and counsellors "
            "to work as a team, ethically and safely.</p>",
}

COURSE = {
    "slug": "working-with-interpreters",
    "title": "Working with interpreters and cultural mediators",
    "summary": "The mediator's role and ethics, three-way sessions that work, and "
               "explanatory models of distress.",
    "body": "<p>This course is for cultural mediators and interpreters who work in mental "
            "health and psychosocial services, and for counsellors who work with them. You "
            "will learn what a mediator does and does not do, how to prepare, run and close "
            "a three-way session, and how people from different backgrounds understand and "
            "explain distress.</p>"
            "<p>Enrolment needs the key given by your programme. Completion requires "
            "supervised practice in mediation or interpreting sessions and two hours of "
            "supervision.</p>",
    "audience": "mixed",
    "estimated_hours": "6",
    "enrolment": "key",
    "enrolment_key": "MEDIATE-2026",
    "required_supervision_hours": "2",
    "certificate_validity_months": 36,
    "practice": [("Cultural mediation or interpreting session", "3")],
    "competencies": [("FHS-7", 3), ("FHS-6", 3), ("FHS-1", 2)],
}

PRE_TEST = {
    "slug": "pre-test",
    "title": "Pre-test: mediation and interpreting",
    "intro": "<p>Six questions to see where you are starting from. Your answers do not "
             "count towards completion.</p>",
    "questions": [
        single("During a counselling session, who should the counsellor look at and speak "
               "to?",
               ["The interpreter, who will pass the message on.",
                "*The client, directly, in the first person.",
                "Whoever is speaking at the moment.",
                "The notes, to avoid influencing anyone."],
               "Yes. The counsellor speaks directly to the client; the interpreter renders "
               "it.",
               "Speaking to the interpreter makes the client an outsider in their own "
               "session. Speak directly to the client."),
        true_false("It is acceptable to ask a client's 12-year-old son to interpret in a "
                   "session about his mother's low mood.", False,
                   "Correct. Children should not interpret, especially on sensitive "
                   "matters.",
                   "Children should not carry their parents' distress or be exposed to "
                   "adult matters. Find a trained interpreter."),
        multiple("Which are part of a cultural mediator's role?",
                 ["*Rendering what is said accurately",
                  "*Pointing out a possible cultural misunderstanding",
                  "Giving the client advice on family matters",
                  "*Keeping what is said in the session confidential"],
                 "Right. Accuracy, flagging misunderstandings and confidentiality are at "
                 "the heart of the role.",
                 "Mediators render, clarify and keep confidentiality; they do not give "
                 "their own advice to the client."),
        single("A client describes \"a heat rising in the head\" since her house was "
               "destroyed. What is the best first step?",
               ["Translate it as \"headache\" to keep things simple.",
                "*Explore what this expression means to her and in her community.",
                "Tell her it is just stress.",
                "Ignore it, as it is probably physical."],
               "Yes. Idioms of distress carry meaning; explore them before labelling.",
               "Expressions like this are often idioms of distress. Explore what it means "
               "to her rather than simplifying or dismissing it."),
        true_false("An interpreter who knows the client from the neighbourhood should say "
                   "so before the session.", True,
                   "Correct. This lets the client and counsellor decide whether to go "
                   "ahead.",
                   "A prior relationship can affect confidentiality and trust. It must be "
                   "declared before the session."),
        single("What is the purpose of a pre-session briefing?",
               ["To decide together what the client should do.",
                "*To agree on roles, the aim of the session and any sensitive topics.",
                "To let the interpreter summarise the client's story.",
                "To save time by skipping introductions in the session."],
               "Yes. A few minutes of briefing prevents many problems.",
               "The briefing is for agreeing roles, aims and how to handle sensitive "
               "topics, not for discussing the client behind their back."),
    ],
}

MODULES = [
    {
        "slug": "the-mediators-role",
        "title": "The mediator's role and ethics",
        "summary": "What a cultural mediator does, the ethical commitments of the role, and "
                   "how to manage conflicts between them.",
        "lessons": [
            {
                "slug": "roles-in-the-room",
                "title": "Interpreter, cultural mediator, helper: roles in the room",
                "summary": "Three roles that often overlap, and why it matters to keep them "
                           "clear.",
                "minutes": 20,
                "body": [
                    text(
                        "<p>In a session with three people, everyone needs to know who does "
                        "what. Confusion about roles is the most common reason why "
                        "three-way sessions go wrong.</p>"
                        "<h3>The interpreter</h3>"
                        "<p>An interpreter renders what each person says into the other "
                        "language, completely and accurately, in the first person: when "
                        "the client says \"I cannot sleep\", the interpreter says \"I cannot "
                        "sleep\", not \"she says she cannot sleep\". Nothing is added, "
                        "nothing is left out, nothing is softened.</p>"
                        "<h3>The cultural mediator</h3>"
                        "<p>A cultural mediator interprets too, but also helps both sides "
                        "understand meanings that words alone do not carry: why a mother "
                        "may not speak about her daughter's illness in front of her "
                        "husband, what a word for distress implies in the client's region, "
                        "why a counsellor's question may sound shameful. The mediator says "
                        "openly when they step out of interpreting to explain: <i>\"May I "
                        "add a word as mediator?\"</i> Both sides then hear the "
                        "explanation.</p>"
                        "<h3>The helper</h3>"
                        "<p>The counsellor or psychosocial worker leads the session and is "
                        "responsible for it: its aims, its safety, the decisions about "
                        "referral. The mediator does not take over this role, even when "
                        "they understand the client better, and the counsellor does not "
                        "hand it over.</p>"
                        "<h3>Why it matters</h3>"
                        "<p>When roles blur, clients may receive advice from someone who "
                        "is not trained to give it, lose trust because side conversations "
                        "happen in a language they cannot follow, or tell their story "
                        "twice. Mediators may carry responsibility that is not theirs, "
                        "and burn out.</p>"),
                    vignette(
                        "A session at the Nour health centre",
                        "<p>A counsellor asks Amal, a cultural mediator, to interpret for "
                        "Mr Darwish, an older man from her own region. After a few "
                        "minutes, Mr Darwish speaks only to Amal, and she answers him "
                        "directly for several exchanges without interpreting. The "
                        "counsellor waits, unsure what is being said.</p>",
                        ["What might be happening between Mr Darwish and Amal?",
                         "How could Amal return to her role without offending him?",
                         "What could the counsellor say?"]),
                    key_points(
                        "Interpreters render everything, in the first person.",
                        "Mediators also explain meanings, openly, so both sides hear.",
                        "The helper leads the session and remains responsible for it.",
                        "Blurred roles harm clients and exhaust mediators."),
                ],
            },
            {
                "slug": "ethics-and-confidentiality",
                "title": "Ethics: accuracy, impartiality and confidentiality",
                "summary": "The commitments that make a mediator trustworthy, and the "
                           "dilemmas they create.",
                "minutes": 25,
                "body": [
                    text(
                        "<p>Clients can only speak freely if they trust everyone in the "
                        "room. Mediators often belong to the same community as their "
                        "clients, which is a strength, and also a source of pressure. Four "
                        "commitments protect everyone.</p>"
                        "<h3>Accuracy</h3>"
                        "<p>Render everything, including insults, hesitations and things "
                        "you find embarrassing. If you do not know a word, say so and "
                        "ask. If you made a mistake, correct it openly.</p>"
                        "<h3>Impartiality</h3>"
                        "<p>Keep your own opinions, beliefs and political views out of the "
                        "session. If you cannot stay impartial, for example because the "
                        "client belongs to a group in conflict with your own, tell the "
                        "counsellor before or after the session, not in front of the "
                        "client.</p>"
                        "<h3>Confidentiality</h3>"
                        "<p>Nothing said in the session is repeated outside it: not at "
                        "home, not in the community, not to other staff who do not need "
                        "to know. In small communities this is hard; people may ask you "
                        "directly about someone they saw at the centre. Prepare a polite "
                        "answer: <i>\"I can't talk about my work, I'm sorry.\"</i> The "
                        "same limits apply to you as to the counsellor: when a life is at "
                        "risk, the counsellor follows the protocol, and you support "
                        "it.</p>"
                        "<h3>Declaring conflicts of interest</h3>"
                        "<p>If you know the client, are related to them, or are affected by "
                        "the same events in a way that could influence you, say so before "
                        "the session. The client may choose another mediator.</p>"),
                    role_play(
                        "The neighbour's question",
                        "<p>At the market, a neighbour stops a mediator: \"I saw Rima going "
                        "into the centre with you. Is she sick? Her mother is worried.\"</p>",
                        [("Mediator", "Protect Rima's confidentiality while staying "
                                      "polite and keeping the relationship with your "
                                      "neighbour."),
                         ("Neighbour", "You are curious and a little insistent. Say that "
                                       "you only want to help."),
                         ("Observer", "Note whether any information was given away, even "
                                      "indirectly.")],
                        ["Did not confirm or deny that Rima was at the centre",
                         "Stayed polite and calm",
                         "Did not give hints through tone or expression",
                         "Offered general information about the centre's services "
                         "instead"]),
                    reflection(
                        "Which of the four commitments is hardest for you in your own "
                        "community, and why? Who could you talk to about it?"),
                ],
            },
            {
                "slug": "mediator-wellbeing",
                "title": "Looking after yourself as a mediator",
                "summary": "Why mediators are at particular risk of distress, and what "
                           "helps.",
                "minutes": 20,
                "body": [
                    text(
                        "<p>Interpreters speak other people's pain in the first person: "
                        "\"They took my son.\" \"I wanted to die.\" Many share the "
                        "client's history of displacement or loss, and may hear stories "
                        "close to their own. Unlike counsellors, they often have no "
                        "supervision, no time between sessions and no training in how to "
                        "protect themselves.</p>"
                        "<h3>Signs to notice</h3>"
                        "<ul>"
                        "<li>Images or phrases from sessions coming back at night.</li>"
                        "<li>Feeling numb, or unusually irritable with family.</li>"
                        "<li>Avoiding certain clients or topics.</li>"
                        "<li>Feeling responsible for clients' outcomes.</li>"
                        "</ul>"
                        "<h3>What helps</h3>"
                        "<p>A debrief with the counsellor after each difficult session, "
                        "even five minutes. Access to supervision or a peer group of "
                        "mediators. Short breaks between sessions. The right to ask not to "
                        "work on a case that is too close to your own experience. And "
                        "ordinary restorative things: sleep, movement, prayer, time with "
                        "people who make you laugh.</p>"
                        "<p>Counsellors have a responsibility here too: ask the mediator "
                        "how they are, and make sure their organisation includes them in "
                        "staff care.</p>"),
                    self_care_note(
                        "<p>If stories from sessions keep coming back for weeks, or you find "
                        "yourself avoiding work, tell your supervisor or coordinator. It is "
                        "a normal reaction to hard work, and support is part of the "
                        "job.</p>"),
                    key_points(
                        "Mediators are exposed to others' pain in the first person.",
                        "Debrief after difficult sessions, even briefly.",
                        "You may ask not to work on cases too close to your own story.",
                        "Counsellors share responsibility for the mediator's wellbeing."),
                ],
            },
        ],
        "check": {
            "slug": "role-and-ethics-check",
            "title": "Knowledge check: the mediator's role and ethics",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                single("The client says, \"I cannot sleep.\" How should the interpreter "
                       "render it?",
                       ["\"She says she cannot sleep.\"",
                        "*\"I cannot sleep.\"",
                        "\"She has sleep problems, probably from stress.\"",
                        "\"She is fine, just tired.\""],
                       "Yes. Interpreting in the first person keeps the client's voice.",
                       "Render in the first person, without adding or softening anything."),
                true_false("A mediator may leave out an insult the client says about the "
                           "counsellor, to keep the session calm.", False,
                           "Correct. Accuracy means rendering everything.",
                           "Leaving things out, even with good intentions, breaks accuracy "
                           "and trust. Render it; the counsellor can respond."),
                multiple("Which should a mediator declare before a session?",
                         ["*Knowing the client personally",
                          "*Being related to the client",
                          "Their favourite food",
                          "*Being affected by the same events in a way that could "
                          "influence them"],
                         "Right. All three could affect impartiality or confidentiality.",
                         "Prior relationships and personal involvement must be declared so "
                         "the client can choose."),
                single("A neighbour asks you whether a client is ill. What do you say?",
                       ["\"Only a little, don't worry.\"",
                        "*\"I can't talk about my work, I'm sorry.\"",
                        "\"Ask her mother.\"",
                        "\"Yes, but don't tell anyone.\""],
                       "Yes. A polite, general answer protects the client.",
                       "Any hint, even reassuring, breaks confidentiality. Decline politely."),
                true_false("Mediators can be affected by the stories they interpret, "
                           "especially if they share the client's history.", True,
                           "Correct. That is why debriefs and supervision matter.",
                           "They can: interpreting in the first person exposes mediators "
                           "to others' pain."),
            ],
        },
    },
    {
        "slug": "sessions-and-explanatory-models",
        "title": "Three-way sessions and explanatory models of distress",
        "summary": "Preparing, running and closing sessions with an interpreter, and "
                   "understanding how people explain their suffering.",
        "lessons": [
            {
                "slug": "before-during-after",
                "title": "Before, during and after a three-way session",
                "summary": "Briefing, seating, speaking in short units, and debriefing.",
                "minutes": 30,
                "body": [
                    text(
                        "<p>A three-way session takes a little more preparation and time "
                        "than a session in one language. That time is well spent.</p>"
                        "<h3>Before: the briefing (five minutes)</h3>"
                        "<ul>"
                        "<li>The aim of the session and what has happened so far, without "
                        "unnecessary detail.</li>"
                        "<li>Sensitive topics that may come up (violence, suicide, "
                        "sexuality) and how to handle them.</li>"
                        "<li>Whether the mediator knows the client; whether the client's "
                        "gender, dialect or background could matter.</li>"
                        "<li>How the mediator will signal a cultural point or a need to "
                        "clarify.</li>"
                        "</ul>"
                        "<h3>During</h3>"
                        "<p>Sit in a triangle so that everyone can see each other. The "
                        "counsellor introduces everyone and explains the roles and "
                        "confidentiality, through the interpreter. The counsellor speaks to "
                        "the client, in short sentences, and pauses. The interpreter "
                        "renders in the first person. If side conversations start, the "
                        "interpreter says what was said, and the counsellor gently brings "
                        "the conversation back to the triangle.</p>"
                        "<p>Sessions take longer: plan for about one and a half times the "
                        "usual time, and do fewer things.</p>"
                        "<h3>After: the debrief (five to ten minutes)</h3>"
                        "<ul>"
                        "<li>Were there words or meanings that were hard to render?</li>"
                        "<li>Did the mediator notice anything the counsellor may have "
                        "missed: tone, a reference, a hesitation?</li>"
                        "<li>How is the mediator after what they heard?</li>"
                        "</ul>"),
                    role_play(
                        "A first session with an interpreter",
                        "<p>A counsellor meets Mrs Haddad for the first time, with an "
                        "interpreter. Mrs Haddad was referred by a nurse for \"nerves\". "
                        "Run the briefing, the first ten minutes of the session and the "
                        "debrief.</p>",
                        [("Counsellor", "Brief the interpreter, then lead the session. "
                                        "Speak directly to Mrs Haddad in short "
                                        "sentences."),
                         ("Interpreter", "Render everything in the first person. Once, "
                                         "signal a word that needs a cultural "
                                         "explanation."),
                         ("Mrs Haddad", "You are unsure why you were sent here and worry "
                                        "people will think you are mad. Your husband "
                                        "does not know you came."),
                         ("Observer", "Use the checklist and time each part.")],
                        ["Briefing covered aims, sensitive topics and signals",
                         "Seating allowed everyone to see each other",
                         "Roles and confidentiality explained to the client",
                         "Counsellor spoke to the client, in short units",
                         "Interpreter used the first person",
                         "Cultural point raised openly, heard by both sides",
                         "Debrief included the interpreter's wellbeing"]),
                    key_points(
                        "Brief before, debrief after: five minutes each.",
                        "Sit in a triangle; speak to the client in short units.",
                        "Side conversations are rendered, not hidden.",
                        "Allow more time and plan to do less."),
                ],
            },
            {
                "slug": "explanatory-models",
                "title": "Explanatory models of distress",
                "summary": "How people understand the causes of their suffering, and why "
                           "helpers should ask.",
                "minutes": 30,
                "body": [
                    text(
                        "<p>Every person has an explanation for what they are going "
                        "through. Someone may see their sleeplessness as the result of "
                        "grief, of a spirit, of the evil eye, of weakness of the nerves, "
                        "of sin, or of a blood problem. These explanations shape what "
                        "people think will help, whom they turn to, and whether a "
                        "counsellor's suggestions make sense to them.</p>"
                        "<h3>Idioms of distress</h3>"
                        "<p>Many communities express distress through the body: a heavy "
                        "heart, thinking too much, a burning head, tired nerves. These "
                        "expressions are not \"really\" something else; they are how "
                        "people experience and communicate suffering. Translating them "
                        "too quickly into clinical words (\"depression\", \"anxiety\") "
                        "loses their meaning and may frighten people.</p>"
                        "<h3>Asking about the explanatory model</h3>"
                        "<p>A few respectful questions open this up:</p>"
                        "<ul>"
                        "<li><i>What do you call this problem?</i></li>"
                        "<li><i>What do you think has caused it?</i></li>"
                        "<li><i>What do people in your family or community say about "
                        "it?</i></li>"
                        "<li><i>What have you already tried? What helped?</i></li>"
                        "<li><i>What do you hope we can do together?</i></li>"
                        "</ul>"
                        "<p>The mediator helps by rendering these terms faithfully and by "
                        "explaining, openly, what they usually mean in the community.</p>"
                        "<h3>Working with the person's explanation</h3>"
                        "<p>You do not need to share a person's explanation to respect it. "
                        "Many people combine several: they may visit a religious healer "
                        "and also try problem solving with you. Look for common ground: "
                        "rest, support from family, faith practices that bring calm, and "
                        "practical steps. Only challenge an explanation if it leads to "
                        "harm, such as chaining, beating or stopping a child's "
                        "treatment, and then with your supervisor's support.</p>"),
                    vignette(
                        "Bashir, 45, in a transit centre",
                        "<p>Bashir tells the counsellor, through a mediator, that his "
                        "\"heart has become small\" since his brother was killed, and that "
                        "a neighbour says someone has put the evil eye on the family. He "
                        "asks whether the counsellor can give him medicine to \"make the "
                        "heart big again\".</p>",
                        ["What questions would you ask to understand Bashir's explanation?",
                         "What might the mediator usefully explain to the counsellor?",
                         "Where could you find common ground with Bashir?"]),
                    reflection(
                        "How do people in your own family explain sadness or worry? How "
                        "does that shape what they do about it?"),
                ],
            },
            {
                "slug": "difficult-moments",
                "title": "Difficult moments in mediated sessions",
                "summary": "Disclosures of violence, risk, strong emotions and requests to "
                           "take sides.",
                "minutes": 25,
                "body": [
                    safety_note(
                        "<p>If a client speaks of suicide or of a risk to a child during a "
                        "mediated session, the interpreter renders it fully and at once. "
                        "The counsellor then follows the protocol. Never agree with a "
                        "client to keep such information from the counsellor.</p>"),
                    text(
                        "<p>Some moments test everyone's role. Preparing for them in the "
                        "briefing makes them easier.</p>"
                        "<h3>When the client asks the mediator to take sides</h3>"
                        "<p><i>\"You are one of us, tell her I am right.\"</i> The "
                        "mediator renders the request, then the counsellor responds. The "
                        "mediator does not answer for themselves. Afterwards, in the "
                        "debrief, talk about how it felt.</p>"
                        "<h3>When the client asks the mediator not to interpret "
                        "something</h3>"
                        "<p>The mediator says, in both languages: <i>\"I interpret "
                        "everything said here; that is my role.\"</i> The client can then "
                        "choose what to say.</p>"
                        "<h3>When the mediator is overwhelmed</h3>"
                        "<p>A mediator may ask for a short pause. The counsellor explains "
                        "it to the client simply, without blaming anyone.</p>"
                        "<h3>When violence is disclosed</h3>"
                        "<p>Gender and trust matter. Before any session where violence may "
                        "be discussed, ask the client whether they prefer a female or male "
                        "interpreter, and whether they know the interpreter. Render "
                        "precisely and without visible reaction; the counsellor leads the "
                        "response, offers information about services and asks for consent "
                        "before any referral.</p>"),
                    key_points(
                        "Risk is always interpreted fully and at once.",
                        "Requests to take sides are rendered, not answered.",
                        "\"I interpret everything said here\": say it in both languages.",
                        "Ask about the client's preferred interpreter gender for sensitive "
                        "topics."),
                ],
            },
        ],
        "check": {
            "slug": "sessions-check",
            "title": "Knowledge check: sessions and explanatory models",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                multiple("What belongs in the briefing before a session?",
                         ["*The aim of the session",
                          "*Sensitive topics that may come up",
                          "A full account of the client's private history",
                          "*How the mediator will signal a cultural point"],
                         "Right. Aims, sensitive topics and signals; only necessary details.",
                         "The briefing shares what the interpreter needs, not the client's "
                         "full history."),
                single("The client asks the mediator, \"You are one of us, tell her I am "
                       "right.\" What does the mediator do?",
                       ["Agree quietly with the client.",
                        "*Render the request, and let the counsellor respond.",
                        "Ignore the request.",
                        "Tell the client they are wrong."],
                       "Yes. The mediator renders; the counsellor responds.",
                       "Answering for yourself takes you out of your role. Render it and let "
                       "the counsellor respond."),
                true_false("Idioms such as \"my heart has become small\" should be translated "
                           "straight into clinical terms like \"depression\".", False,
                           "Correct. Render and explore them; clinical labels lose meaning.",
                           "Translating idioms into clinical terms loses their meaning and "
                           "can frighten people."),
                single("Which question best explores a client's explanatory model?",
                       ["\"Do you have depression?\"",
                        "*\"What do you think has caused this problem?\"",
                        "\"Why don't you just see a doctor?\"",
                        "\"Do you believe in the evil eye?\""],
                       "Yes. An open question about causes invites their own explanation.",
                       "Ask openly about the cause, without labels or judgement."),
                true_false("A client reveals thoughts of suicide and asks the interpreter "
                           "not to tell the counsellor. The interpreter should respect "
                           "this.", False,
                           "Correct. Risk is always rendered, fully and at once.",
                           "The interpreter must render it at once; the counsellor then "
                           "follows the protocol."),
            ],
        },
    },
]

POST_TEST = {
    "slug": "post-test",
    "title": "Post-test: working with interpreters and cultural mediators",
    "intro": "<p>Seven questions on the whole course. You need 70% to pass and have three "
             "attempts.</p>",
    "questions": [
        single("During a counselling session, who should the counsellor look at and speak "
               "to?",
               ["The interpreter, who will pass the message on.",
                "*The client, directly, in the first person.",
                "Whoever is speaking at the moment.",
                "The notes, to avoid influencing anyone."],
               "Yes. The counsellor speaks directly to the client.",
               "Speak directly to the client; the interpreter renders."),
        true_false("It is acceptable to ask a client's child to interpret in a session "
                   "about the parent's distress.", False,
                   "Correct. Children should not interpret on sensitive matters.",
                   "Children should not interpret their parents' distress. Find a trained "
                   "interpreter."),
        multiple("Which are ethical commitments of a cultural mediator?",
                 ["*Accuracy",
                  "*Impartiality",
                  "Persuading the client to follow the counsellor's advice",
                  "*Confidentiality"],
                 "Right: accuracy, impartiality and confidentiality.",
                 "Mediators do not persuade; they render accurately, impartially and "
                 "confidentially."),
        single("When the mediator wants to explain a cultural meaning, what should they "
               "do?",
               ["Explain it privately to the counsellor after the session only.",
                "*Say openly that they are adding a word as mediator, so both sides hear.",
                "Explain it to the client in their shared language.",
                "Keep it to themselves to stay neutral."],
               "Yes. Stepping out of interpreting is done openly.",
               "Cultural explanations are given openly so nobody is left out."),
        multiple("Which help mediators to cope with distressing sessions?",
                 ["*A short debrief after difficult sessions",
                  "*Access to supervision or peer support",
                  "Working through lunch to finish earlier",
                  "*Being able to decline cases too close to their own story"],
                 "Right. Debriefs, supervision and reasonable limits protect mediators.",
                 "Skipping breaks adds to stress. Debriefs, support and limits help."),
        true_false("You must share a client's explanation of their distress in order to "
                   "respect it.", False,
                   "Correct. Respect does not require agreement.",
                   "You can respect an explanation without sharing it, and look for common "
                   "ground."),
        single("How long should a session with an interpreter usually be planned for?",
               ["The same time as usual, by speaking faster.",
                "*About one and a half times the usual time, doing fewer things.",
                "Half the usual time, to avoid tiring the interpreter.",
                "As long as the client wants, with no limit."],
               "Yes. Allow more time and reduce what you plan to cover.",
               "Interpreted sessions take longer; plan for it rather than rushing."),
    ],
}
