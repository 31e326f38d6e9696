"""Counselling methods: the basic helping skills course (English, the source language)."""

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
    "slug": "counselling-methods",
    "title": "Counselling methods",
    "summary": "Foundational helping skills for psychosocial workers and counsellors who "
               "support people affected by displacement, violence and loss.",
    "body": "<p>This curriculum builds the everyday skills of helping: listening so that "
            "people feel heard, responding to strong feelings, solving practical problems "
            "step by step, and knowing when and how to refer. Every course combines online "
            "lessons with role-play and supervised practice.</p>",
}

COURSE = {
    "slug": "basic-helping-skills",
    "title": "Basic helping skills",
    "summary": "Active listening, validation, structured problem solving and referral: the "
               "core skills of every helping conversation.",
    "body": "<p>This course is for psychosocial workers, community workers and new "
            "counsellors. You will learn to listen actively, to validate feelings without "
            "false reassurance, to guide a person through a structured problem-solving "
            "conversation, to notice risk and to make referrals that work.</p>"
            "<p>To complete the course you study the lessons, pass the post-test, log "
            "supervised practice and are rated by your supervisor on three skills.</p>",
    "audience": "mixed",
    "estimated_hours": "8",
    "enrolment": "open",
    "required_supervision_hours": "1",
    "certificate_validity_months": 24,
    "practice": [("Individual counselling session", "2"), ("Group session", "1")],
    "competencies": [("FHS-1", 3), ("FHS-2", 3), ("FHS-3", 3)],
}

QUESTION_BANK = {
    "name": "Basic helping skills: course questions",
    "description": "The pre-test and the post-test draw from these as parallel forms.",
}

PRE_TEST = {
    "slug": "pre-test",
    "title": "Pre-test: what do you already know?",
    "intro": "<p>Answer these questions before you start. There is no pass or fail here: "
             "the pre-test shows you and your trainer where you are starting from.</p>",
    "questions": [
        single("A woman tells you she cannot stop crying since her brother died. What is the "
               "most helpful first response?",
               ["Tell her that crying will not bring him back.",
                "*Say that it sounds very painful, and invite her to tell you about it.",
                "Advise her to keep busy so that she thinks about it less.",
                "Change the subject to something more positive."],
               "Yes. Acknowledging the pain and inviting her to talk shows you are listening.",
               "Advice, distraction and hard truths come too early. First show that you have "
               "heard how painful this is."),
        true_false("Asking someone directly whether they are thinking of suicide can put the "
                   "idea in their head.", False,
                   "Correct. Asking directly and calmly does not increase risk; it often "
                   "brings relief.",
                   "This is a common myth. Asking directly does not plant the idea; it opens "
                   "the door to help."),
        multiple("Which of these are open questions?",
                 ["*What has been the hardest part of this week?",
                  "Did you sleep last night?",
                  "*How are things at home at the moment?",
                  "Are you feeling sad?"],
                 "Right. Open questions cannot be answered with yes or no and invite the "
                 "person to tell their story.",
                 "Open questions usually start with what, how or tell me. Questions that "
                 "can be answered yes or no are closed."),
        single("What is the main purpose of a referral?",
               ["To pass a difficult client on to someone else.",
                "*To connect a person with a service that can meet a need beyond your role.",
                "To show the person that you are busy.",
                "To end the helping relationship quickly."],
               "Yes. A referral connects a person to help you cannot give yourself.",
               "A referral is not a way to get rid of someone: it connects a person to help "
               "beyond your role, with their consent."),
        true_false("A helper should find the best solution to the person's problem and "
                   "tell them what to do.", False,
                   "Correct. Helpers support people to find and choose their own solutions.",
                   "Solutions a person chooses themselves are more likely to work and build "
                   "their confidence. Helpers guide; they do not decide."),
        single("A man says: \"Nobody in this camp cares what happens to us.\" Which reply "
               "validates his feeling?",
               ["\"That's not true, many organisations are here to help.\"",
                "\"You should be grateful for what you have.\"",
                "*\"It sounds like you feel alone and forgotten here.\"",
                "\"Let's talk about something else.\""],
               "Yes. Naming the feeling shows you understand his experience.",
               "Arguing or lecturing leaves him feeling unheard. Try naming the feeling "
               "behind his words."),
    ],
}

MODULES = [
    {
        "slug": "listening-and-validation",
        "title": "Listening and validation",
        "summary": "What helping is, how to listen actively, and how to respond to strong "
                   "feelings.",
        "lessons": [
            {
                "slug": "what-helping-is",
                "title": "What helping is, and what it is not",
                "summary": "The role of a helper, its limits, and the principle of doing "
                           "no harm.",
                "minutes": 20,
                "body": [
                    text(
                        "<p>People who have lived through displacement, violence or loss "
                        "often carry their worries alone. A helper offers something simple "
                        "and rare: time, attention and a structured conversation in which "
                        "the person can think more clearly about what is happening and what "
                        "they can do.</p>"
                        "<h3>What a helper does</h3>"
                        "<p>A helper listens, shows understanding, supports the person to "
                        "identify their own needs and resources, and helps them take small, "
                        "concrete steps. A helper also notices when a person needs more than "
                        "they can offer, and connects them to that help.</p>"
                        "<h3>What a helper does not do</h3>"
                        "<p>A helper does not diagnose, prescribe medication or promise "
                        "outcomes they cannot control, such as resettlement or a cash "
                        "payment. A helper does not tell people what to do with their lives, "
                        "and does not judge their beliefs, their choices or their way of "
                        "expressing pain. A helper does not use the relationship for their "
                        "own benefit: no gifts, favours, romantic contact or pressure of any "
                        "kind.</p>"
                        "<h3>Do no harm</h3>"
                        "<p>Well-meant help can hurt. Pushing someone to describe a terrible "
                        "event in detail before they are ready can leave them more "
                        "distressed than before. Talking about a client in the market can "
                        "expose them to gossip or danger. Promising to \"fix\" a problem and "
                        "then disappearing destroys trust. Before every action, ask yourself: "
                        "<b>is this safe for this person, here, now?</b></p>"
                        "<p>Throughout this course you will practise skills, but the "
                        "attitude behind them matters as much: respect for the person's "
                        "dignity, their right to decide, and their own strengths. Most "
                        "people recover from hard times with the support of family, "
                        "community and faith. Your job is to strengthen those supports, not "
                        "to replace them.</p>"),
                    key_points(
                        "A helper listens, supports and connects; the person decides.",
                        "Stay within your role: no diagnosis, no promises you cannot keep.",
                        "Before every action, ask: is this safe for this person, here, now?",
                        "Strengthen the person's own supports rather than replacing them."),
                    reflection(
                        "Think of a time when someone helped you through a difficult moment. "
                        "What did they do that helped? Was there anything that did not help?",
                        "Write two or three lines. You will come back to them at the end of "
                        "the module."),
                ],
            },
            {
                "slug": "active-listening",
                "title": "Active listening",
                "summary": "Attending, open questions, reflecting and summarising.",
                "minutes": 30,
                "body": [
                    text(
                        "<p>Active listening means listening to understand rather than to "
                        "reply. It is the foundation of every other skill in this course, "
                        "and it can be learned.</p>"
                        "<h3>Attending</h3>"
                        "<p>Show with your body that you are present: face the person, keep "
                        "a relaxed posture, put your phone away. Eye contact and distance "
                        "depend on culture, gender and age; follow the person's lead and "
                        "ask your colleagues what is respectful locally. Choose a place "
                        "where others cannot overhear.</p>"
                        "<h3>Open questions</h3>"
                        "<p>Open questions invite a story: <i>\"What happened after you "
                        "arrived?\"</i>, <i>\"How have you been sleeping?\"</i>, <i>\"Tell "
                        "me more about that.\"</i> Closed questions (\"Did you eat today?\") "
                        "are useful for checking facts, but too many make a conversation "
                        "feel like an interrogation. Avoid questions that start with "
                        "\"why\": they can sound like blame.</p>"
                        "<h3>Reflecting</h3>"
                        "<p>Reflecting means giving back, in your own words, what you heard: "
                        "<i>\"So since the school closed, your son stays at home and you "
                        "worry about him all day.\"</i> It shows you understood, lets the "
                        "person correct you, and often helps them hear their own "
                        "situation more clearly.</p>"
                        "<h3>Summarising</h3>"
                        "<p>Every few minutes, and at the end, bring the main points "
                        "together: <i>\"Let me check I have understood. There are three "
                        "things weighing on you: the rent, your husband's health and your "
                        "daughter's exams. Is that right?\"</i></p>"
                        "<h3>Silence</h3>"
                        "<p>New helpers often rush to fill silences. A pause gives the "
                        "person time to think or to feel. Wait a little longer than feels "
                        "comfortable before you speak.</p>"),
                    vignette(
                        "Samir, 52, at a community centre",
                        "<p>Samir comes to the centre to ask about a food voucher. While "
                        "waiting, he tells the community worker that he used to own a "
                        "pharmacy and now \"sits all day doing nothing\". He speaks quickly "
                        "and keeps looking at the door. The worker is busy with a form and "
                        "answers: \"Don't worry, many people are in the same situation.\"</p>",
                        ["What might Samir be trying to say?",
                         "How could the worker have shown that she was listening?",
                         "Write one open question and one reflection she could have used."]),
                    role_play(
                        "Listening without fixing",
                        "<p>A young woman comes to a women's safe space. She says she came "
                        "\"just to sit\", but she looks worried. The helper has ten "
                        "minutes.</p>",
                        [("Helper", "Use attending, at least two open questions, one "
                                    "reflection and a summary. Do not give advice."),
                         ("Young woman", "You are worried about your mother, who stays in "
                                         "bed all day since the family moved. Share more only "
                                         "if you feel listened to."),
                         ("Observer", "Watch the helper and use the checklist. Give "
                                      "feedback starting with what went well.")],
                        ["Sat facing the person and put distractions away",
                         "Asked open questions",
                         "Reflected at least one feeling or fact accurately",
                         "Allowed silences",
                         "Summarised before ending",
                         "Did not give advice or talk about self"]),
                    key_points(
                        "Listen to understand, not to reply.",
                        "Use open questions; avoid \"why\" questions.",
                        "Reflect and summarise to check your understanding.",
                        "Adapt eye contact and distance to local customs."),
                ],
            },
            {
                "slug": "empathy-and-validation",
                "title": "Empathy and validation",
                "summary": "Naming feelings and showing they make sense, without false "
                           "reassurance.",
                "minutes": 25,
                "body": [
                    text(
                        "<p>Empathy is trying to understand the world as the other person "
                        "sees it. Validation is telling them that their feelings make sense "
                        "given what they have lived through. Together they tell the person: "
                        "<i>you are not strange, weak or mad for feeling this way.</i></p>"
                        "<h3>Naming feelings</h3>"
                        "<p>Listen for the feeling behind the words and name it "
                        "tentatively: <i>\"It sounds like you feel ashamed to ask for "
                        "help.\"</i> If you are wrong, the person will correct you, and "
                        "that is useful too. Many languages have rich words for distress, "
                        "often linked to the body (\"my heart is tight\", \"my head is "
                        "heavy\"). Use the person's own words when you can.</p>"
                        "<h3>Validating is not agreeing</h3>"
                        "<p>You can validate a feeling without approving an action. A father "
                        "who shouted at his children can hear: <i>\"You have been under "
                        "enormous pressure, and it makes sense that you are exhausted and "
                        "short-tempered.\"</i> Then you can explore together what he would "
                        "like to do differently.</p>"
                        "<h3>Traps to avoid</h3>"
                        "<ul>"
                        "<li><b>False reassurance:</b> \"Everything will be fine\" may feel "
                        "kind, but you cannot know it, and it tells the person to stop "
                        "talking.</li>"
                        "<li><b>Minimising:</b> \"At least you are alive\" compares pain "
                        "instead of acknowledging it.</li>"
                        "<li><b>Taking over:</b> \"The same happened to me...\" moves the "
                        "attention to you.</li>"
                        "<li><b>Judging:</b> \"You should not feel that way.\" Feelings are "
                        "not right or wrong.</li>"
                        "</ul>"
                        "<p>When someone expresses anger at organisations, including yours, "
                        "resist the urge to defend. Validate first: <i>\"You have waited "
                        "for weeks with no answer; I understand why you are angry.\"</i> "
                        "Explanations can come later, if they are needed at all.</p>"),
                    vignette(
                        "Hana, 19, in a camp clinic",
                        "<p>Hana came with her aunt for a check-up. When the nurse asks how "
                        "she is, she says: \"I'm fine, it's just that I am useless now. I "
                        "was going to be a teacher. Now I carry water and wait.\" Her aunt "
                        "adds: \"She should thank God, others lost everything.\"</p>",
                        ["What feelings might Hana be expressing?",
                         "Write a response that validates Hana without criticising her aunt.",
                         "What would false reassurance sound like here?"]),
                    reflection(
                        "Which of the four traps (false reassurance, minimising, taking "
                        "over, judging) do you fall into most often? What could you say "
                        "instead?"),
                    self_care_note(
                        "<p>Listening to pain every day affects helpers. Feeling sad, "
                        "tired or irritable after sessions is a normal reaction, not a sign "
                        "of weakness. Notice it, talk about it in supervision, and plan "
                        "something that restores you after a heavy day.</p>"),
                ],
            },
        ],
        "check": {
            "slug": "listening-check",
            "title": "Knowledge check: listening and validation",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                multiple("Which are part of active listening?",
                         ["*Reflecting what you heard in your own words",
                          "*Summarising the main points",
                          "Preparing your advice while the person speaks",
                          "*Allowing silences"],
                         "Yes: reflecting, summarising and allowing silence are all part of "
                         "active listening.",
                         "Active listening means listening to understand. Preparing advice "
                         "while someone speaks takes your attention away from them."),
                single("Which of these is a reflection?",
                       ["\"Why did you leave your job?\"",
                        "*\"So since you lost your job, the days feel empty and long.\"",
                        "\"You should look for another job.\"",
                        "\"I also lost my job once.\""],
                       "Right. A reflection gives back the person's message in your words.",
                       "A reflection gives back what the person said, in your own words. "
                       "It is not a question, advice or your own story."),
                true_false("Validating a person's anger means agreeing that what they did "
                           "in anger was right.", False,
                           "Correct. You can validate the feeling without approving the "
                           "action.",
                           "Validation recognises that a feeling makes sense; it does not "
                           "approve every action."),
                single("A man says his chest feels tight every night since the shelling. "
                       "What is the most helpful response?",
                       ["\"That's just in your head.\"",
                        "*\"That sounds frightening. Tell me more about those nights.\"",
                        "\"Everyone here feels the same.\"",
                        "\"Try not to think about it.\""],
                       "Yes. You name the feeling and invite him to say more.",
                       "Dismissing or comparing his experience closes the conversation. "
                       "Acknowledge it and invite him to say more."),
                true_false("Eye contact and the distance to keep between helper and client "
                           "can differ between cultures.", True,
                           "Correct. Follow the person's lead and local custom.",
                           "They do differ: what feels respectful in one setting may feel "
                           "intrusive in another."),
            ],
        },
    },
    {
        "slug": "problem-solving-and-referral",
        "title": "Problem solving, risk and referral",
        "summary": "Helping people act on practical problems, noticing risk and making "
                   "referrals that work.",
        "lessons": [
            {
                "slug": "structured-problem-solving",
                "title": "Structured problem solving",
                "summary": "Seven steps from an overwhelming list of worries to one concrete "
                           "plan.",
                "minutes": 35,
                "body": [
                    text(
                        "<p>When problems pile up (rent, illness, papers, a child who "
                        "will not go to school) people can feel paralysed. Structured "
                        "problem solving helps them move from \"everything is impossible\" "
                        "to \"this is one thing I can do this week\". The person does the "
                        "thinking; the helper keeps the structure.</p>"
                        "<h3>The steps</h3>"
                        "<ol>"
                        "<li><b>List the problems.</b> Write them down together, in the "
                        "person's words.</li>"
                        "<li><b>Sort them.</b> Which can the person influence, even a "
                        "little? Which cannot be changed right now? For the second kind, "
                        "the goal is coping, not solving.</li>"
                        "<li><b>Choose one.</b> Start with a problem that matters but is "
                        "small enough to make progress on soon.</li>"
                        "<li><b>Define it.</b> Make it concrete: not \"my family\" but "
                        "\"my son and I argue every evening about his phone\".</li>"
                        "<li><b>Brainstorm options.</b> Ask for as many ideas as possible, "
                        "without judging them yet. Ask who could help. Offer an idea only "
                        "if the person is stuck, and as one option among others.</li>"
                        "<li><b>Choose and plan.</b> Weigh the options together and choose "
                        "one. Break it into steps: what, when, with whom, and what might "
                        "get in the way.</li>"
                        "<li><b>Review.</b> At the next meeting, ask what happened. "
                        "Whatever the result, there is something to learn. Praise the "
                        "effort, adjust the plan, or choose the next problem.</li>"
                        "</ol>"
                        "<p>Use simple drawings or symbols if the person does not read. "
                        "Keep the plan small: one real step is better than five good "
                        "intentions.</p>"),
                    vignette(
                        "Fatou, 38, in an urban neighbourhood",
                        "<p>Fatou lives with her three children in one room. She lists her "
                        "problems: the landlord wants to raise the rent, her youngest "
                        "coughs at night, she has not heard from her husband for two months, "
                        "and she cannot sleep. She says: \"I don't know where to "
                        "start.\"</p>",
                        ["Which problems can Fatou influence, and which can she not change "
                         "right now?",
                         "Which problem would you suggest she starts with, and why?",
                         "How would you help her cope with the problem she cannot solve?"]),
                    role_play(
                        "From a list to a plan",
                        "<p>Continue with Fatou's story. She has chosen to work on her "
                        "son's cough.</p>",
                        [("Helper", "Help Fatou define the problem, brainstorm at least "
                                    "three options and make a plan with concrete steps."),
                         ("Fatou", "You think the clinic is too far and the queue too "
                                   "long. A neighbour has a cousin who drives a taxi. Say "
                                   "so only if asked who could help."),
                         ("Observer", "Note who proposes the options and whether the plan "
                                      "says what, when and with whom.")],
                        ["Helped choose a problem that is manageable",
                         "Defined the problem concretely",
                         "Let Fatou propose most options",
                         "Plan has what, when and with whom",
                         "Discussed what might get in the way",
                         "Agreed when to review"]),
                    key_points(
                        "The person thinks; the helper keeps the structure.",
                        "Separate problems that can be influenced from those that cannot.",
                        "Make the problem concrete and the plan small.",
                        "Always review: effort deserves recognition, whatever the result."),
                ],
            },
            {
                "slug": "noticing-risk",
                "title": "Noticing risk and keeping people safe",
                "summary": "Asking about suicide and harm directly, and acting on what you "
                           "hear.",
                "minutes": 30,
                "body": [
                    safety_note(
                        "<p>If someone is in immediate danger, for example they have the "
                        "means and intend to end their life today, do not leave them alone. "
                        "Call your supervisor or the emergency contact in your protocol "
                        "straight away.</p>"),
                    text(
                        "<p>Some people you meet will be thinking about ending their lives, "
                        "hurting themselves, or hurting someone else. Others may be at risk "
                        "from someone at home. You are not expected to manage these "
                        "situations alone, but you are expected to notice them and act.</p>"
                        "<h3>Ask directly</h3>"
                        "<p>Asking about suicide does not put the idea in someone's head. "
                        "Most people feel relieved when someone finally asks. Ask calmly "
                        "and plainly, after you have listened for a while: <i>\"Sometimes "
                        "when people feel as hopeless as you describe, they think about "
                        "ending their life. Have you had thoughts like that?\"</i></p>"
                        "<p>If the answer is yes, stay calm and keep listening. Ask about "
                        "a plan, about the means, and about what has kept them going until "
                        "now: family, faith, children, hope for something. These reasons "
                        "are important to remember and to name back.</p>"
                        "<h3>Signs to take seriously</h3>"
                        "<ul>"
                        "<li>Talking about being a burden, or about having no reason to "
                        "live.</li>"
                        "<li>Giving away belongings or saying goodbye.</li>"
                        "<li>A previous attempt.</li>"
                        "<li>Recent severe loss, humiliation or violence.</li>"
                        "<li>Signs that the person is being hurt or threatened at home.</li>"
                        "</ul>"
                        "<h3>Act and explain</h3>"
                        "<p>At the start of every helping relationship, explain the limits "
                        "of confidentiality: what the person says stays private, unless "
                        "someone's life or safety is at risk. When risk appears, tell the "
                        "person what you are going to do and why, inform your supervisor "
                        "the same day, follow your organisation's protocol, and agree on "
                        "when you will see them again. Never promise to keep risk a "
                        "secret.</p>"),
                    vignette(
                        "Yusuf, 27, at a youth centre",
                        "<p>Yusuf has come to football practice every week for a year. "
                        "Lately he skips sessions. Today he gives his football boots to a "
                        "younger boy and tells the coach, who is also a trained helper: "
                        "\"I won't need them where I'm going.\"</p>",
                        ["Which signs of risk do you notice?",
                         "What exactly would the coach say to ask about suicide?",
                         "Who should the coach contact, and when?"]),
                    key_points(
                        "Ask about suicide directly and calmly; asking does not increase "
                        "risk.",
                        "Explore plan, means and reasons for living.",
                        "Explain the limits of confidentiality from the start.",
                        "Inform your supervisor the same day; never keep risk secret."),
                ],
            },
            {
                "slug": "making-referrals",
                "title": "Making referrals that work",
                "summary": "When to refer, how to obtain consent, and how to make sure the "
                           "person arrives.",
                "minutes": 25,
                "body": [
                    text(
                        "<p>No helper can meet every need. A good referral connects the "
                        "person to a service that can do what you cannot, and makes it "
                        "likely that they actually get there.</p>"
                        "<h3>When to refer</h3>"
                        "<ul>"
                        "<li>Risk of suicide or harm that needs specialist follow-up.</li>"
                        "<li>Signs of severe mental disorder: confusion, hearing voices, not "
                        "eating or caring for oneself for days.</li>"
                        "<li>Medical, legal, protection or basic needs outside your role.</li>"
                        "<li>When the person does not improve after several sessions.</li>"
                        "</ul>"
                        "<h3>How to refer</h3>"
                        "<ol>"
                        "<li><b>Explain why</b> in plain words, linking the referral to "
                        "what the person told you.</li>"
                        "<li><b>Describe the service:</b> where it is, when it is open, what "
                        "happens there, whether it costs anything, which languages are "
                        "spoken.</li>"
                        "<li><b>Ask for consent,</b> including what information you may "
                        "share. Respect a refusal, except where a life is at risk, and "
                        "keep the door open.</li>"
                        "<li><b>Remove barriers:</b> transport, documents, childcare, "
                        "fear of stigma. Can someone go with them?</li>"
                        "<li><b>Make it warm:</b> where possible, call the service together "
                        "or introduce the person by name, rather than handing over a "
                        "phone number.</li>"
                        "<li><b>Follow up:</b> check a few days later whether they were "
                        "seen, and what happened.</li>"
                        "</ol>"
                        "<p>Keep your team's referral directory up to date. A service that "
                        "closed last month, or that refuses people without papers, is not "
                        "a referral: it is a disappointment that may stop the person from "
                        "seeking help again.</p>"),
                    document("referral-directory",
                             "A template to map the services in your area."),
                    reflection(
                        "List three services in your area you would refer to for mental "
                        "health, protection and basic needs. For each, do you know the "
                        "opening hours, the cost and who to call?",
                        "If you do not know, that is your next task, with your team."),
                    key_points(
                        "Refer when needs go beyond your role or the person does not improve.",
                        "Explain, describe, obtain consent, remove barriers.",
                        "Warm referrals work better than a phone number on paper.",
                        "Follow up to check that the person was seen."),
                ],
            },
        ],
        "check": {
            "slug": "problem-solving-check",
            "title": "Knowledge check: problem solving, risk and referral",
            "intro": "<p>Five quick questions on this module. You can try again.</p>",
            "questions": [
                single("In structured problem solving, who should propose most of the "
                       "options?",
                       ["The helper, because they have more experience.",
                        "*The person, with the helper's encouragement.",
                        "The person's family.",
                        "Nobody: the helper chooses the best solution."],
                       "Yes. Options a person proposes themselves are more likely to be "
                       "carried out.",
                       "The helper keeps the structure, but the person proposes the "
                       "options and chooses."),
                true_false("A problem that cannot be changed right now should simply be "
                           "ignored in the session.", False,
                           "Correct. For such problems the goal is coping, not solving.",
                           "Problems that cannot be changed still matter: you help the "
                           "person find ways to cope with them."),
                multiple("Which are warning signs of suicide risk?",
                         ["*Giving away belongings",
                          "*Talking about being a burden to others",
                          "Asking for information about a food distribution",
                          "*A previous suicide attempt"],
                         "Right. All three are signs to take seriously and ask about.",
                         "Giving away belongings, feeling like a burden and a previous "
                         "attempt are warning signs; asking about food is not."),
                single("A woman tells you she has thought about ending her life. What do "
                       "you do?",
                       ["Promise her you will not tell anyone.",
                        "Change the subject so she does not dwell on it.",
                        "*Stay calm, ask about a plan and means, and tell her you will "
                        "involve your supervisor.",
                        "Tell her that suicide is forbidden."],
                       "Yes. Explore the risk, explain what you will do, and involve your "
                       "supervisor.",
                       "Never promise secrecy about risk and never judge. Stay calm, "
                       "explore, and involve your supervisor."),
                multiple("What makes a referral more likely to succeed?",
                         ["*Calling the service together with the person",
                          "*Checking that the service is open and accepts the person",
                          "Giving a phone number without explanation",
                          "*Following up a few days later"],
                         "Right: warm referral, accurate information and follow-up.",
                         "A phone number alone is rarely enough. Warm referrals, accurate "
                         "information and follow-up make the difference."),
            ],
        },
    },
]

POST_TEST = {
    "slug": "post-test",
    "title": "Post-test",
    "intro": "<p>Five questions on the whole course, drawn for you from the course's "
             "question bank: none of them was in your pre-test. You need 70% to pass and "
             "have three attempts.</p>",
    "questions": [
        single("A woman tells you she cannot stop crying since her brother died. What is the "
               "most helpful first response?",
               ["Tell her that crying will not bring him back.",
                "*Say that it sounds very painful, and invite her to tell you about it.",
                "Advise her to keep busy so that she thinks about it less.",
                "Change the subject to something more positive."],
               "Yes. Acknowledging the pain and inviting her to talk shows you are listening.",
               "Advice, distraction and hard truths come too early. First show that you have "
               "heard how painful this is."),
        multiple("Which of these are open questions?",
                 ["*What has been the hardest part of this week?",
                  "Did you sleep last night?",
                  "*How are things at home at the moment?",
                  "Are you feeling sad?"],
                 "Right. Open questions invite the person to tell their story.",
                 "Open questions usually start with what, how or tell me."),
        true_false("Saying \"Everything will be fine\" is a good way to validate someone's "
                   "fear.", False,
                   "Correct. That is false reassurance: it closes the conversation.",
                   "\"Everything will be fine\" is false reassurance. Validation names the "
                   "fear and shows it makes sense."),
        single("Which is the best first step in structured problem solving?",
               ["Choose the biggest problem.",
                "*List the problems together, in the person's words.",
                "Tell the person what to do.",
                "Refer the person to a specialist."],
               "Yes. You start by listing the problems together.",
               "Start by listing the problems together; only then sort and choose one."),
        true_false("Asking someone directly whether they are thinking of suicide can put the "
                   "idea in their head.", False,
                   "Correct. Asking calmly and directly does not increase risk.",
                   "This is a myth. Asking directly opens the door to help."),
        multiple("What should you do before referring someone?",
                 ["*Explain why you suggest the referral",
                  "*Ask for their consent, including what you may share",
                  "Share their full story with the service to save time",
                  "*Check that the service can actually see them"],
                 "Right. Explain, obtain consent and check the service.",
                 "Share only what the person agrees to share, and only what is needed."),
        single("A man shouts that your organisation never keeps its promises. What do you "
               "do first?",
               ["Explain the organisation's procedures.",
                "*Acknowledge his anger and what has caused it.",
                "Ask him to calm down or leave.",
                "Agree that the organisation is useless."],
               "Yes. Validate first; explanations can come later.",
               "Defending or agreeing both miss the point. Validate his frustration first."),
        true_false("Helpers should explain the limits of confidentiality at the start of "
                   "the helping relationship.", True,
                   "Correct. The person then knows what to expect if their safety is at "
                   "risk.",
                   "Explaining the limits from the start avoids broken trust later."),
    ],
}
