"""Activity kinds and the competency framework shared by the demo courses."""

# (name, French, Arabic, description)
ACTIVITY_KINDS = [
    ("Individual counselling session", "Séance de counselling individuelle", "جلسة إرشاد فردية",
     "A one-to-one session with a person seeking help, face to face or by phone."),
    ("Group session", "Séance de groupe", "جلسة جماعية",
     "A structured session with a group: psychoeducation, a support group or a skills group."),
    ("Psychological first aid", "Premiers secours psychologiques", "الإسعافات الأولية النفسية",
     "Support given to a person in acute distress soon after a crisis event."),
    ("Cultural mediation or interpreting session",
     "Séance de médiation culturelle ou d'interprétariat", "جلسة وساطة ثقافية أو ترجمة",
     "A session in which the trainee mediates or interprets between a helper and a client."),
    ("Home visit", "Visite à domicile", "زيارة منزلية",
     "A visit to a person's home or shelter, with the household's agreement."),
    ("Referral accompaniment", "Accompagnement vers un service", "مرافقة الإحالة",
     "Accompanying a person to a service they were referred to, in person or by phone."),
]

FRAMEWORK = "Sanad foundational helping skills"

# (code, name, French, Arabic, description, level 1, level 2, level 3, level 4)
COMPETENCIES = [
    ("FHS-1", "Active listening", "Écoute active", "الإصغاء الفعّال",
     "Gives full attention, asks open questions, reflects and summarises so the person feels "
     "heard and the helper understands.",
     "Interrupts, changes the subject or tells their own story; questions are closed or "
     "leading; the person leaves feeling judged or unheard.",
     "Pays attention and lets the person speak, but relies on closed questions; reflections "
     "are rare or repeat the person's words mechanically.",
     "Uses open questions, reflections and summaries naturally; tolerates silence; checks "
     "understanding before moving on.",
     "Adapts listening to the person's culture, age and state of distress; notices what is "
     "not said; uses summaries to help the person see their own situation more clearly."),
    ("FHS-2", "Empathy and validation", "Empathie et validation", "التعاطف والتحقق من المشاعر",
     "Recognises and names the person's feelings and conveys that they make sense, without "
     "false reassurance or judgement.",
     "Dismisses or minimises feelings (\"don't cry, be strong\"), blames the person, or "
     "shows shock or disgust at what they share.",
     "Expresses sympathy in general terms but misses or mislabels the main feeling; "
     "reassures too quickly.",
     "Names feelings accurately and validates them as understandable given the situation; "
     "separates validating a feeling from approving an action.",
     "Validates consistently even with anger, shame or hopelessness; helps the person "
     "validate themselves; stays warm without being overwhelmed."),
    ("FHS-3", "Structured problem solving", "Résolution structurée de problèmes",
     "حل المشكلات المنظّم",
     "Helps the person choose a manageable problem, generate options, choose one and plan "
     "concrete steps, and reviews the result together.",
     "Solves the problem for the person, gives orders, or pushes a solution that could "
     "put them at risk.",
     "Follows some steps but chooses a problem that is too large or vague, or proposes "
     "most of the options.",
     "Guides the person through all steps; the person generates most options; the plan is "
     "specific (who, what, when) and realistic.",
     "Adapts the method to literacy, culture and mood; helps the person apply it to new "
     "problems on their own; anticipates obstacles together."),
    ("FHS-4", "Assessing risk of harm", "Évaluation du risque de préjudice", "تقييم خطر الأذى",
     "Asks directly and calmly about thoughts of suicide, self-harm, harm to others and "
     "violence, and acts on what is found according to the protocol.",
     "Avoids asking about suicide or violence, promises to keep risk secret, or leaves a "
     "person at imminent risk alone.",
     "Asks about risk only when the person raises it, or asks in a hesitant or judging way; "
     "knows the protocol only partly.",
     "Asks directly and without judgement, explores plan and means, informs the supervisor "
     "and follows the protocol, explaining each step to the person.",
     "Integrates risk assessment smoothly into the session; builds a safety plan with the "
     "person and their supports; documents clearly and follows up."),
    ("FHS-5", "Referral", "Orientation", "الإحالة",
     "Recognises needs beyond their role and connects the person to the right service "
     "with consent, clear information and follow-up.",
     "Refers without consent, shares details unnecessarily, or sends the person to a "
     "service that does not exist or does not fit.",
     "Refers to an appropriate service but gives incomplete information or does not "
     "follow up.",
     "Explains the reason and the service, obtains consent, makes a warm referral where "
     "possible and checks that the person was seen.",
     "Knows the local service map and its gaps; removes practical barriers (transport, "
     "documents, language); advocates when a referral fails."),
    ("FHS-6", "Confidentiality", "Confidentialité", "السرية",
     "Protects what the person shares, explains the limits of confidentiality at the start, "
     "and shares only what is needed, with consent, except where safety requires it.",
     "Discusses clients by name with others, leaves notes visible, or promises absolute "
     "secrecy.",
     "Keeps information private but does not explain its limits, or is unsure what to do "
     "when safety is at stake.",
     "Explains confidentiality and its limits in plain words; stores records safely; "
     "shares only the minimum necessary and tells the person.",
     "Anticipates confidentiality risks in crowded settings, with interpreters and with "
     "family members; helps colleagues protect information."),
    ("FHS-7", "Working with interpreters", "Travail avec des interprètes", "العمل مع المترجمين",
     "Works with an interpreter or cultural mediator as a team: briefs before, speaks to "
     "the client, and debriefs after.",
     "Talks to the interpreter about the client as if absent, asks them to \"just "
     "summarise\", or uses a child or relative to interpret sensitive matters.",
     "Briefs the interpreter only briefly; sometimes addresses the interpreter instead of "
     "the client; uses long sentences that are hard to render.",
     "Briefs and debriefs, agrees on roles and confidentiality, speaks in short units "
     "directly to the client, checks understanding.",
     "Uses the mediator's cultural knowledge without handing over the helping role; "
     "attends to the interpreter's wellbeing; handles role conflicts openly."),
    ("FHS-8", "Self-care", "Prendre soin de soi", "الرعاية الذاتية",
     "Notices signs of their own stress, uses supervision and peer support, and keeps "
     "healthy limits on work.",
     "Denies being affected, works without rest, or brings their own distress into "
     "sessions in ways that harm clients.",
     "Recognises stress when others point it out; uses some coping strategies but "
     "irregularly.",
     "Monitors their own stress, has a personal self-care plan, uses supervision and asks "
     "for help early.",
     "Models healthy limits for the team; supports peers; adjusts workload and seeks "
     "support before stress affects their work."),
]
