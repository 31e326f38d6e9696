"""The demo competency tools: their items (competencies with level descriptors and
harmful behaviours) and role-play scenarios, in English, French and Arabic.

Sanad's own wording, written for the demo; not taken from any published tool.
"""

# French and Arabic for the helping-skills competencies already in snippets.py:
# (description, level 1, level 2, level 3, level 4)
FHS_TRANSLATIONS = {
    "FHS-1": {
        "fr": ("Accorde toute son attention, pose des questions ouvertes, reformule et résume "
               "pour que la personne se sente entendue.",
               "Interrompt, change de sujet ou raconte sa propre histoire ; la personne repart "
               "jugée ou pas entendue.",
               "Écoute et laisse parler, mais pose surtout des questions fermées ; reformule "
               "rarement ou mécaniquement.",
               "Utilise naturellement questions ouvertes, reformulations et résumés ; tolère "
               "le silence ; vérifie sa compréhension.",
               "Adapte son écoute à la culture, à l'âge et à la détresse de la personne ; "
               "remarque ce qui n'est pas dit."),
        "ar": ("يمنح انتباهه الكامل، ويطرح أسئلة مفتوحة، ويعكس ويلخّص حتى يشعر الشخص بأنه مسموع.",
               "يقاطع أو يغيّر الموضوع أو يحكي قصته الخاصة؛ يغادر الشخص وهو يشعر بأنه محكوم عليه "
               "أو غير مسموع.",
               "ينتبه ويترك الشخص يتكلم، لكنه يعتمد على الأسئلة المغلقة؛ نادراً ما يعكس، أو يعكس "
               "بشكل آلي.",
               "يستخدم الأسئلة المفتوحة والعكس والتلخيص بشكل طبيعي؛ يتحمّل الصمت؛ يتحقق من فهمه.",
               "يكيّف إصغاءه مع ثقافة الشخص وعمره وضيقه؛ يلاحظ ما لا يُقال."),
    },
    "FHS-2": {
        "fr": ("Reconnaît et nomme les sentiments de la personne et montre qu'ils ont du sens, "
               "sans fausse réassurance ni jugement.",
               "Minimise les sentiments (« ne pleure pas, sois fort »), blâme la personne ou "
               "montre du choc ou du dégoût.",
               "Exprime une sympathie générale mais manque le sentiment principal ; rassure "
               "trop vite.",
               "Nomme les sentiments avec justesse et les valide comme compréhensibles ; "
               "valider un sentiment n'est pas approuver un acte.",
               "Valide même la colère, la honte ou le désespoir ; aide la personne à se valider "
               "elle-même ; reste chaleureux sans être submergé."),
        "ar": ("يتعرّف على مشاعر الشخص ويسمّيها ويُظهر أنها مفهومة، دون طمأنة زائفة أو حكم.",
               "يقلّل من المشاعر («لا تبكِ، كن قوياً»)، أو يلوم الشخص، أو يُظهر صدمة أو نفوراً.",
               "يعبّر عن تعاطف عام لكنه يخطئ الشعور الرئيسي؛ يطمئن بسرعة زائدة.",
               "يسمّي المشاعر بدقة ويؤكد أنها مفهومة؛ يفرّق بين تفهّم الشعور والموافقة على الفعل.",
               "يتحقق من المشاعر حتى مع الغضب أو الخجل أو اليأس؛ يساعد الشخص على تقبّل مشاعره؛ "
               "يبقى دافئاً دون أن يغرق."),
    },
    "FHS-3": {
        "fr": ("Aide la personne à choisir un problème gérable, trouver des options, en choisir "
               "une et planifier des étapes concrètes.",
               "Résout le problème à la place de la personne, donne des ordres ou impose une "
               "solution risquée.",
               "Suit certaines étapes mais choisit un problème trop vaste ou propose lui-même "
               "la plupart des options.",
               "Guide toutes les étapes ; la personne trouve la plupart des options ; le plan "
               "est précis et réaliste.",
               "Adapte la méthode à l'alphabétisation, à la culture et à l'humeur ; la personne "
               "l'applique seule à d'autres problèmes."),
        "ar": ("يساعد الشخص على اختيار مشكلة يمكن التعامل معها، وتوليد خيارات، واختيار أحدها، "
               "ووضع خطوات محددة.",
               "يحلّ المشكلة بدلاً من الشخص، أو يعطي أوامر، أو يفرض حلاً قد يعرّضه للخطر.",
               "يتبع بعض الخطوات لكنه يختار مشكلة واسعة جداً، أو يقترح معظم الخيارات بنفسه.",
               "يرشد الشخص في كل الخطوات؛ يقترح الشخص معظم الخيارات؛ الخطة محددة وواقعية.",
               "يكيّف الطريقة مع القراءة والكتابة والثقافة والمزاج؛ يطبّقها الشخص وحده على مشكلات "
               "جديدة."),
    },
    "FHS-4": {
        "fr": ("Pose calmement et directement des questions sur le suicide, l'automutilation et "
               "la violence, et agit selon le protocole.",
               "Évite de parler du suicide ou de la violence, promet de garder un risque secret "
               "ou laisse seule une personne en danger.",
               "N'aborde le risque que si la personne en parle, ou de façon hésitante ; connaît "
               "mal le protocole.",
               "Demande directement et sans jugement, explore plan et moyens, informe le "
               "superviseur et suit le protocole.",
               "Intègre l'évaluation du risque avec fluidité ; construit un plan de sécurité "
               "avec la personne et ses proches."),
        "ar": ("يسأل بهدوء ومباشرة عن أفكار الانتحار وإيذاء النفس والعنف، ويتصرف وفق البروتوكول.",
               "يتجنب السؤال عن الانتحار أو العنف، أو يعد بكتمان الخطر، أو يترك شخصاً في خطر وحده.",
               "لا يسأل عن الخطر إلا إذا ذكره الشخص، أو يسأل بتردد؛ يعرف البروتوكول جزئياً.",
               "يسأل مباشرة ودون حكم، ويستكشف الخطة والوسائل، ويبلغ المشرف ويتبع البروتوكول.",
               "يدمج تقييم الخطر بسلاسة؛ يبني خطة أمان مع الشخص ومن يدعمه."),
    },
    "FHS-5": {
        "fr": ("Reconnaît les besoins qui dépassent son rôle et oriente la personne vers le bon "
               "service, avec son accord et un suivi.",
               "Oriente sans consentement, partage des détails inutiles ou envoie vers un "
               "service inadapté.",
               "Oriente vers un service adapté mais informe mal ou ne fait pas de suivi.",
               "Explique le service, obtient le consentement, accompagne si possible et vérifie "
               "que la personne a été reçue.",
               "Connaît la carte des services et ses manques ; lève les obstacles pratiques ; "
               "plaide quand une orientation échoue."),
        "ar": ("يتعرّف على الاحتياجات التي تتجاوز دوره ويصل الشخص بالخدمة المناسبة بموافقته ومع "
               "المتابعة.",
               "يحيل دون موافقة، أو يشارك تفاصيل غير ضرورية، أو يرسل الشخص إلى خدمة غير مناسبة.",
               "يحيل إلى خدمة مناسبة لكن بمعلومات ناقصة أو دون متابعة.",
               "يشرح الخدمة، ويحصل على الموافقة، ويرافق حيث أمكن، ويتأكد من أن الشخص استُقبل.",
               "يعرف خريطة الخدمات وثغراتها؛ يزيل العوائق العملية؛ يدافع عن الشخص عند فشل الإحالة."),
    },
    "FHS-6": {
        "fr": ("Protège ce que la personne confie, explique les limites de la confidentialité "
               "et ne partage que le nécessaire.",
               "Parle des clients par leur nom, laisse des notes visibles ou promet un secret "
               "absolu.",
               "Garde les informations privées mais n'en explique pas les limites.",
               "Explique la confidentialité et ses limites simplement ; range les dossiers en "
               "sécurité ; partage le minimum.",
               "Anticipe les risques dans les lieux bondés, avec les interprètes et la famille ; "
               "aide ses collègues."),
        "ar": ("يحمي ما يشاركه الشخص، ويشرح حدود السرية، ولا يشارك إلا الضروري.",
               "يتحدث عن المستفيدين بأسمائهم، أو يترك ملاحظات مكشوفة، أو يعد بسرية مطلقة.",
               "يحفظ المعلومات لكنه لا يشرح حدود السرية.",
               "يشرح السرية وحدودها بكلمات بسيطة؛ يحفظ السجلات بأمان؛ يشارك الحد الأدنى.",
               "يتوقع مخاطر السرية في الأماكن المزدحمة ومع المترجمين والعائلة؛ يساعد زملاءه."),
    },
    "FHS-7": {
        "fr": ("Travaille en équipe avec l'interprète ou le médiateur : briefing avant, parle au "
               "client, débriefing après.",
               "Parle de la personne à l'interprète comme si elle était absente ou fait "
               "interpréter un enfant.",
               "Briefe peu l'interprète ; s'adresse parfois à lui plutôt qu'au client ; phrases "
               "trop longues.",
               "Briefe et débriefe, convient des rôles, parle par phrases courtes directement "
               "au client.",
               "S'appuie sur le savoir culturel du médiateur sans lui céder le rôle d'aidant ; "
               "veille à son bien-être."),
        "ar": ("يعمل مع المترجم أو الوسيط كفريق: إحاطة قبل الجلسة، يخاطب المستفيد، ومراجعة بعدها.",
               "يتحدث إلى المترجم عن الشخص كأنه غائب، أو يستعين بطفل للترجمة.",
               "يقدّم إحاطة قصيرة للمترجم؛ يخاطبه أحياناً بدل المستفيد؛ جمل طويلة.",
               "يقدّم إحاطة ومراجعة، ويتفق على الأدوار، ويتحدث بجمل قصيرة مباشرة إلى المستفيد.",
               "يستفيد من معرفة الوسيط الثقافية دون أن يتخلى له عن دور المساعدة؛ يهتم بسلامته."),
    },
    "FHS-8": {
        "fr": ("Remarque ses propres signes de stress, utilise la supervision et le soutien des "
               "pairs, garde des limites saines.",
               "Nie être affecté, travaille sans repos ou apporte sa propre détresse en séance.",
               "Reconnaît son stress quand on le lui signale ; s'en occupe irrégulièrement.",
               "Surveille son stress, a un plan personnel, utilise la supervision et demande de "
               "l'aide tôt.",
               "Montre l'exemple de limites saines ; soutient ses pairs ; ajuste sa charge de "
               "travail à temps."),
        "ar": ("يلاحظ علامات الضغط لديه، ويستفيد من الإشراف ودعم الزملاء، ويحافظ على حدود صحية.",
               "ينكر تأثره، أو يعمل دون راحة، أو ينقل ضيقه الخاص إلى الجلسات.",
               "يتعرّف على ضغطه عندما ينبهه الآخرون؛ يعتني بنفسه بشكل متقطع.",
               "يراقب ضغطه، ولديه خطة رعاية ذاتية، ويستفيد من الإشراف ويطلب المساعدة مبكراً.",
               "يقدّم قدوة في الحدود الصحية؛ يدعم زملاءه؛ يعدّل عبء عمله في الوقت المناسب."),
    },
}

# Harmful behaviours per competency code: (English, French, Arabic).
BEHAVIOURS = {
    "FHS-1": [
        ("Cuts the person off to give advice before they have finished.",
         "Coupe la parole pour donner un conseil avant que la personne ait fini.",
         "يقاطع الشخص ليقدّم نصيحة قبل أن يُنهي كلامه."),
        ("Looks at their phone or papers while the person speaks of distress.",
         "Regarde son téléphone ou ses papiers pendant que la personne parle de sa détresse.",
         "ينظر إلى هاتفه أو أوراقه بينما يتحدث الشخص عن ضيقه."),
    ],
    "FHS-2": [
        ("Tells the person their feelings are wrong or shameful.",
         "Dit à la personne que ses sentiments sont faux ou honteux.",
         "يقول للشخص إن مشاعره خاطئة أو مخجلة."),
        ("Blames the person for what happened to them.",
         "Rend la personne responsable de ce qui lui est arrivé.",
         "يلوم الشخص على ما حدث له."),
        ("Laughs at or mocks what the person shares.",
         "Rit de ce que la personne confie ou s'en moque.",
         "يضحك مما يشاركه الشخص أو يسخر منه."),
    ],
    "FHS-3": [
        ("Orders the person to take a step they have not agreed to.",
         "Ordonne à la personne une démarche qu'elle n'a pas acceptée.",
         "يأمر الشخص باتخاذ خطوة لم يوافق عليها."),
        ("Proposes a plan that exposes the person to violence or exploitation.",
         "Propose un plan qui expose la personne à la violence ou à l'exploitation.",
         "يقترح خطة تعرّض الشخص للعنف أو الاستغلال."),
    ],
    "FHS-4": [
        ("Does not ask about suicide when the person says they see no way out.",
         "Ne pose pas de question sur le suicide quand la personne dit ne voir aucune issue.",
         "لا يسأل عن الانتحار عندما يقول الشخص إنه لا يرى مخرجاً."),
        ("Promises to keep a risk of harm secret.",
         "Promet de garder secret un risque de préjudice.",
         "يعد بكتمان خطر الأذى."),
        ("Ends the session leaving a person at imminent risk alone.",
         "Termine la séance en laissant seule une personne en danger imminent.",
         "ينهي الجلسة ويترك شخصاً في خطر وشيك وحده."),
    ],
    "FHS-5": [
        ("Shares the person's story with a service without their consent.",
         "Transmet l'histoire de la personne à un service sans son accord.",
         "يشارك قصة الشخص مع خدمة دون موافقته."),
        ("Sends the person to a service they know is closed or unsafe.",
         "Envoie la personne vers un service qu'il sait fermé ou dangereux.",
         "يرسل الشخص إلى خدمة يعرف أنها مغلقة أو غير آمنة."),
    ],
    "FHS-6": [
        ("Names another client or their story during the session.",
         "Nomme un autre client ou raconte son histoire pendant la séance.",
         "يذكر اسم مستفيد آخر أو قصته خلال الجلسة."),
        ("Promises that nothing will ever be shared, whatever happens.",
         "Promet que rien ne sera jamais partagé, quoi qu'il arrive.",
         "يعد بألّا يُشارك أي شيء أبداً مهما حدث."),
    ],
    "FHS-7": [
        ("Asks a child of the family to interpret a sensitive conversation.",
         "Demande à un enfant de la famille d'interpréter une conversation sensible.",
         "يطلب من طفل في العائلة أن يترجم حديثاً حساساً."),
        ("Discusses the client with the interpreter in front of them as if absent.",
         "Parle du client avec l'interprète devant lui comme s'il était absent.",
         "يناقش المستفيد مع المترجم أمامه كأنه غير موجود."),
    ],
    "FHS-8": [
        ("Describes their own traumatic experience at length to the person.",
         "Raconte longuement sa propre expérience traumatique à la personne.",
         "يسرد تجربته الصادمة الخاصة للشخص بإسهاب."),
        ("Shows anger or irritation at the person's distress.",
         "Montre de la colère ou de l'agacement face à la détresse de la personne.",
         "يُظهر غضباً أو انزعاجاً من ضيق الشخص."),
    ],
}

PFA_FRAMEWORK = "Sanad psychological first aid"
MEDIATION_FRAMEWORK = "Sanad cultural mediation"

# New competencies: code → framework and, per language, (name, description, level 1..4).
NEW_COMPETENCIES = {
    "PFA-1": (PFA_FRAMEWORK, {
        "en": ("Safety and approach",
               "Checks the scene is safe, introduces themselves and their role, and asks "
               "permission before helping.",
               "Approaches without checking safety or consent; crowds or touches the person.",
               "Introduces themselves but overlooks safety or forgets to ask permission.",
               "Checks safety, introduces their role plainly and asks before helping.",
               "Reads the setting quickly, finds a calm private place and adapts the approach "
               "to the person's culture and state."),
        "fr": ("Sécurité et approche",
               "Vérifie la sécurité des lieux, se présente avec son rôle et demande la "
               "permission avant d'aider.",
               "S'approche sans vérifier la sécurité ni demander l'accord ; touche la personne.",
               "Se présente mais néglige la sécurité ou oublie de demander la permission.",
               "Vérifie la sécurité, présente simplement son rôle, demande avant d'aider.",
               "Lit vite la situation, trouve un lieu calme et adapte l'approche à la culture "
               "et à l'état de la personne."),
        "ar": ("السلامة وطريقة الاقتراب",
               "يتأكد من أمان المكان، ويعرّف بنفسه وبدوره، ويستأذن قبل تقديم المساعدة.",
               "يقترب دون التأكد من الأمان أو الاستئذان؛ يزاحم الشخص أو يلمسه.",
               "يعرّف بنفسه لكنه يغفل عن السلامة أو ينسى الاستئذان.",
               "يتأكد من السلامة، ويعرّف بدوره ببساطة، ويستأذن قبل المساعدة.",
               "يقرأ الموقف بسرعة، ويجد مكاناً هادئاً، ويكيّف أسلوبه مع ثقافة الشخص وحالته."),
    }),
    "PFA-2": (PFA_FRAMEWORK, {
        "en": ("Calming acute distress",
               "Helps a person who is overwhelmed to feel calmer and more in control, in "
               "their own pace.",
               "Shouts, shakes the person or insists they stop crying.",
               "Tries to calm the person but talks too much or too fast.",
               "Speaks slowly and softly, offers simple grounding and stays with the person.",
               "Adjusts calming to the person's reactions and involves trusted people nearby."),
        "fr": ("Apaiser une détresse aiguë",
               "Aide une personne submergée à se sentir plus calme et maîtresse d'elle-même, à "
               "son rythme.",
               "Crie, secoue la personne ou exige qu'elle arrête de pleurer.",
               "Tente d'apaiser mais parle trop ou trop vite.",
               "Parle lentement et doucement, propose un ancrage simple, reste présent.",
               "Ajuste l'apaisement aux réactions de la personne et implique ses proches de "
               "confiance."),
        "ar": ("تهدئة الضيق الحاد",
               "يساعد الشخص المنهَك على الشعور بمزيد من الهدوء والسيطرة، وفق إيقاعه.",
               "يصرخ أو يهزّ الشخص أو يُصرّ على أن يتوقف عن البكاء.",
               "يحاول التهدئة لكنه يتكلم كثيراً أو بسرعة.",
               "يتكلم ببطء ولطف، ويقترح تمرين تهدئة بسيطاً، ويبقى مع الشخص.",
               "يكيّف التهدئة مع ردود فعل الشخص ويشرك أشخاصاً موثوقين قريبين."),
    }),
    "PFA-3": (PFA_FRAMEWORK, {
        "en": ("Identifying basic needs",
               "Asks about and prioritises urgent needs: water, food, shelter, medical care, "
               "missing family members.",
               "Promises aid they cannot deliver or ignores an urgent medical need.",
               "Asks about needs but does not help the person choose what matters most.",
               "Identifies the most urgent needs with the person and agrees what to do first.",
               "Notices needs the person does not voice, including those of dependants."),
        "fr": ("Identifier les besoins essentiels",
               "S'enquiert des besoins urgents et les hiérarchise : eau, nourriture, abri, "
               "soins, proches disparus.",
               "Promet une aide impossible ou ignore un besoin médical urgent.",
               "Interroge sur les besoins sans aider à choisir le plus important.",
               "Identifie avec la personne les besoins les plus urgents et ce qu'il faut faire "
               "d'abord.",
               "Repère les besoins non exprimés, y compris ceux des personnes à charge."),
        "ar": ("تحديد الاحتياجات الأساسية",
               "يسأل عن الاحتياجات العاجلة ويرتّبها: الماء والغذاء والمأوى والرعاية الطبية وأفراد "
               "الأسرة المفقودين.",
               "يعد بمساعدة لا يستطيع تقديمها أو يتجاهل حاجة طبية عاجلة.",
               "يسأل عن الاحتياجات دون أن يساعد الشخص على اختيار الأهم.",
               "يحدد مع الشخص أكثر الاحتياجات إلحاحاً وما يجب فعله أولاً.",
               "يلاحظ احتياجات لا يذكرها الشخص، بما فيها احتياجات من يعولهم."),
    }),
    "PFA-4": (PFA_FRAMEWORK, {
        "en": ("Listening without pressing",
               "Lets the person say as much or as little as they wish about what happened.",
               "Presses the person for details of the event or asks them to relive it.",
               "Listens but asks more about the event than the person wants to say.",
               "Follows the person's lead and accepts silence or a refusal to talk.",
               "Gently reflects what is shared and helps the person make sense of reactions "
               "as normal."),
        "fr": ("Écouter sans insister",
               "Laisse la personne dire autant ou aussi peu qu'elle le souhaite sur ce qui "
               "s'est passé.",
               "Presse la personne de détailler l'événement ou lui demande de le revivre.",
               "Écoute mais pose plus de questions sur l'événement que la personne ne le veut.",
               "Suit la personne et accepte le silence ou le refus de parler.",
               "Reformule avec douceur et aide la personne à voir ses réactions comme normales."),
        "ar": ("الإصغاء دون إلحاح",
               "يترك الشخص يقول ما يشاء، كثيراً أو قليلاً، عمّا حدث.",
               "يضغط على الشخص لسرد تفاصيل الحدث أو يطلب منه أن يعيشه من جديد.",
               "يصغي لكنه يسأل عن الحدث أكثر مما يرغب الشخص في قوله.",
               "يتبع إيقاع الشخص ويتقبّل الصمت أو رفض الكلام.",
               "يعكس ما يُشارك بلطف ويساعد الشخص على فهم ردود فعله على أنها طبيعية."),
    }),
    "PFA-5": (PFA_FRAMEWORK, {
        "en": ("Linking to support",
               "Connects the person with practical help, services and their own people, with "
               "accurate information.",
               "Gives false or invented information about services or aid.",
               "Names a service but leaves the person unsure how to reach it.",
               "Gives accurate, simple information and helps the person make contact.",
               "Reconnects the person with family or community and checks the link worked."),
        "fr": ("Mettre en lien avec du soutien",
               "Relie la personne à l'aide pratique, aux services et à ses proches, avec des "
               "informations exactes.",
               "Donne des informations fausses ou inventées sur les services ou l'aide.",
               "Cite un service mais la personne ne sait pas comment y accéder.",
               "Donne une information exacte et simple et aide la personne à prendre contact.",
               "Renoue le lien avec la famille ou la communauté et vérifie que le lien a "
               "fonctionné."),
        "ar": ("الربط بالدعم",
               "يصل الشخص بالمساعدة العملية والخدمات وبأهله، بمعلومات دقيقة.",
               "يقدّم معلومات خاطئة أو مختلقة عن الخدمات أو المساعدات.",
               "يذكر خدمة لكن الشخص لا يعرف كيف يصل إليها.",
               "يقدّم معلومات دقيقة وبسيطة ويساعد الشخص على التواصل.",
               "يعيد وصل الشخص بعائلته أو مجتمعه ويتأكد من نجاح الربط."),
    }),
    "CM-1": (MEDIATION_FRAMEWORK, {
        "en": ("Accurate rendering",
               "Renders everything said, in both directions, without adding, leaving out or "
               "softening.",
               "Leaves out or changes what was said, or answers for the client.",
               "Renders the gist but drops details or emotional content.",
               "Renders completely and faithfully, asking for pauses when needed.",
               "Keeps tone and register in both languages, even with distressing content."),
        "fr": ("Restitution fidèle",
               "Restitue tout ce qui est dit, dans les deux sens, sans ajouter, omettre ni "
               "adoucir.",
               "Omet ou modifie ce qui est dit, ou répond à la place du client.",
               "Restitue l'essentiel mais perd des détails ou le contenu émotionnel.",
               "Restitue complètement et fidèlement, demande des pauses si nécessaire.",
               "Garde le ton et le registre dans les deux langues, même face à un contenu "
               "pénible."),
        "ar": ("النقل الدقيق",
               "ينقل كل ما يُقال في الاتجاهين دون إضافة أو حذف أو تلطيف.",
               "يحذف ما قيل أو يغيّره، أو يجيب بدلاً من المستفيد.",
               "ينقل الفكرة العامة لكنه يُسقط تفاصيل أو محتوى عاطفياً.",
               "ينقل بشكل كامل وأمين، ويطلب التوقف عند الحاجة.",
               "يحافظ على النبرة والمستوى اللغوي في اللغتين حتى مع المحتوى المؤلم."),
    }),
    "CM-2": (MEDIATION_FRAMEWORK, {
        "en": ("Impartiality and role",
               "Stays in the mediator's role, neither taking sides nor giving their own advice.",
               "Takes a side, argues with the client or gives personal advice.",
               "Mostly neutral but sometimes adds opinions or explanations unasked.",
               "Keeps to the agreed role and tells both parties when they step out of it.",
               "Handles pressure from either party to take sides calmly and openly."),
        "fr": ("Impartialité et rôle",
               "Reste dans son rôle de médiateur, sans prendre parti ni donner ses propres "
               "conseils.",
               "Prend parti, se dispute avec le client ou donne des conseils personnels.",
               "Plutôt neutre mais ajoute parfois des avis non demandés.",
               "Tient le rôle convenu et prévient les deux parties quand il en sort.",
               "Gère avec calme et transparence les pressions pour prendre parti."),
        "ar": ("الحياد والدور",
               "يبقى في دور الوسيط، فلا ينحاز ولا يقدّم نصائحه الخاصة.",
               "ينحاز لطرف، أو يجادل المستفيد، أو يقدّم نصائح شخصية.",
               "محايد غالباً لكنه يضيف أحياناً آراء لم تُطلب.",
               "يلتزم بالدور المتفق عليه ويخبر الطرفين عندما يخرج عنه.",
               "يتعامل بهدوء وشفافية مع ضغط أي من الطرفين للانحياز."),
    }),
    "CM-3": (MEDIATION_FRAMEWORK, {
        "en": ("Explaining cultural meaning",
               "When a misunderstanding comes from culture, flags it and explains the meaning "
               "to both parties.",
               "Stereotypes the client's culture or hides a misunderstanding.",
               "Notices cultural misunderstandings but explains them only to one party.",
               "Flags the misunderstanding openly and explains it to both, briefly.",
               "Helps both parties find words for distress that make sense in each culture."),
        "fr": ("Expliquer le sens culturel",
               "Quand un malentendu vient de la culture, le signale et l'explique aux deux "
               "parties.",
               "Réduit la culture du client à des stéréotypes ou cache un malentendu.",
               "Repère les malentendus mais ne les explique qu'à une partie.",
               "Signale ouvertement le malentendu et l'explique brièvement aux deux.",
               "Aide les deux parties à trouver des mots pour la détresse qui aient du sens "
               "dans chaque culture."),
        "ar": ("شرح المعنى الثقافي",
               "عندما ينشأ سوء فهم من الثقافة، ينبّه إليه ويشرح معناه للطرفين.",
               "يختزل ثقافة المستفيد في صور نمطية أو يُخفي سوء الفهم.",
               "يلاحظ سوء الفهم الثقافي لكنه يشرحه لطرف واحد فقط.",
               "ينبّه إلى سوء الفهم علناً ويشرحه للطرفين باختصار.",
               "يساعد الطرفين على إيجاد كلمات للضيق لها معنى في كل ثقافة."),
    }),
    "CM-4": (MEDIATION_FRAMEWORK, {
        "en": ("Confidentiality in mediation",
               "Keeps what is said in the session private, including within their own "
               "community.",
               "Talks about the session in the community or with the client's relatives.",
               "Keeps quiet about the session but does not explain this to the client.",
               "Tells the client at the start that they too keep everything confidential.",
               "Anticipates community ties (same village, same family) and raises them early."),
        "fr": ("Confidentialité en médiation",
               "Garde privé ce qui se dit en séance, y compris dans sa propre communauté.",
               "Parle de la séance dans la communauté ou avec la famille du client.",
               "Se tait sur la séance mais ne l'explique pas au client.",
               "Dit au client dès le début qu'il est lui aussi tenu à la confidentialité.",
               "Anticipe les liens communautaires (même village, même famille) et les signale "
               "tôt."),
        "ar": ("السرية في الوساطة",
               "يحفظ ما يُقال في الجلسة، حتى داخل مجتمعه.",
               "يتحدث عن الجلسة في المجتمع أو مع أقارب المستفيد.",
               "يصمت عن الجلسة لكنه لا يشرح ذلك للمستفيد.",
               "يخبر المستفيد في البداية أنه هو أيضاً ملتزم بالسرية.",
               "يتوقع الروابط المجتمعية (القرية نفسها، العائلة نفسها) ويثيرها مبكراً."),
    }),
    "CM-5": (MEDIATION_FRAMEWORK, {
        "en": ("Managing the three-way conversation",
               "Keeps turns short, the seating and gaze direct between helper and client, and "
               "the pace manageable.",
               "Holds side conversations with one party and leaves the other out.",
               "Manages turns but lets long passages build up before rendering.",
               "Asks for short turns, arranges seating so helper and client face each other.",
               "Keeps the conversation flowing so that the mediator is barely noticed."),
        "fr": ("Gérer la conversation à trois",
               "Garde des tours de parole courts, une disposition où aidant et client se "
               "regardent, un rythme tenable.",
               "Tient des apartés avec une partie et laisse l'autre de côté.",
               "Gère les tours mais laisse s'accumuler de longs passages avant de traduire.",
               "Demande des tours courts, place aidant et client face à face.",
               "Fluidifie la conversation au point qu'on remarque à peine le médiateur."),
        "ar": ("إدارة الحوار الثلاثي",
               "يحافظ على أدوار كلام قصيرة، وجلوس يتقابل فيه المساعد والمستفيد، وإيقاع مريح.",
               "يجري أحاديث جانبية مع طرف ويُقصي الآخر.",
               "ينظّم الأدوار لكنه يترك مقاطع طويلة تتراكم قبل الترجمة.",
               "يطلب أدواراً قصيرة، ويرتّب الجلوس ليتقابل المساعد والمستفيد.",
               "يُبقي الحوار سلساً حتى لا يكاد يُلاحظ وجود الوسيط."),
    }),
}

BEHAVIOURS.update({
    "PFA-1": [
        ("Approaches the person in a place that is still dangerous.",
         "S'approche de la personne dans un lieu encore dangereux.",
         "يقترب من الشخص في مكان لا يزال خطراً."),
        ("Touches or holds the person without asking.",
         "Touche ou tient la personne sans lui demander.",
         "يلمس الشخص أو يمسكه دون استئذان."),
    ],
    "PFA-2": [
        ("Shouts at or shakes a distressed person.",
         "Crie sur une personne en détresse ou la secoue.",
         "يصرخ على شخص في ضيق أو يهزّه."),
        ("Leaves a panicking person alone to fetch help without telling anyone.",
         "Laisse seule une personne en panique sans prévenir personne.",
         "يترك شخصاً في حالة ذعر وحده دون إبلاغ أحد."),
    ],
    "PFA-3": [
        ("Promises food, money or relocation they cannot provide.",
         "Promet de la nourriture, de l'argent ou une relocalisation impossibles.",
         "يعد بطعام أو مال أو نقل لا يستطيع توفيره."),
        ("Ignores visible injury or a request for medical help.",
         "Ignore une blessure visible ou une demande de soins.",
         "يتجاهل إصابة ظاهرة أو طلباً للمساعدة الطبية."),
    ],
    "PFA-4": [
        ("Asks the person to describe the event in detail.",
         "Demande à la personne de décrire l'événement en détail.",
         "يطلب من الشخص وصف الحدث بالتفصيل."),
        ("Tells the person how they should feel about what happened.",
         "Dit à la personne ce qu'elle devrait ressentir.",
         "يقول للشخص ما الذي يجب أن يشعر به تجاه ما حدث."),
    ],
    "PFA-5": [
        ("Gives a phone number or address they have not checked.",
         "Donne un numéro ou une adresse non vérifiés.",
         "يعطي رقم هاتف أو عنواناً لم يتحقق منه."),
        ("Takes the person's documents to 'arrange things' for them.",
         "Prend les papiers de la personne pour « arranger les choses ».",
         "يأخذ وثائق الشخص «ليرتّب الأمور» عنه."),
    ],
    "CM-1": [
        ("Leaves out the client's mention of suicidal thoughts.",
         "Omet de traduire la mention d'idées suicidaires du client.",
         "يُسقط ذكر المستفيد لأفكار انتحارية."),
        ("Answers a question for the client instead of rendering it.",
         "Répond à une question à la place du client au lieu de la traduire.",
         "يجيب عن سؤال بدلاً من المستفيد بدل أن ينقله."),
    ],
    "CM-2": [
        ("Tells the client what they should do about their family.",
         "Dit au client ce qu'il doit faire avec sa famille.",
         "يقول للمستفيد ما يجب أن يفعله بشأن عائلته."),
        ("Scolds the client on religious or moral grounds.",
         "Réprimande le client au nom de la religion ou de la morale.",
         "يوبّخ المستفيد لأسباب دينية أو أخلاقية."),
    ],
    "CM-3": [
        ("Describes the client's community with a demeaning stereotype.",
         "Décrit la communauté du client par un stéréotype dégradant.",
         "يصف مجتمع المستفيد بصورة نمطية مهينة."),
        ("Hides from the helper that the client did not understand.",
         "Cache à l'aidant que le client n'a pas compris.",
         "يُخفي عن المساعد أن المستفيد لم يفهم."),
    ],
    "CM-4": [
        ("Mentions the client's situation to people from their community.",
         "Évoque la situation du client auprès de membres de sa communauté.",
         "يذكر وضع المستفيد أمام أشخاص من مجتمعه."),
        ("Contacts the client privately outside the service.",
         "Contacte le client en privé en dehors du service.",
         "يتواصل مع المستفيد بشكل شخصي خارج الخدمة."),
    ],
    "CM-5": [
        ("Holds a long side conversation with the client without rendering it.",
         "Tient un long aparté avec le client sans le traduire.",
         "يجري حديثاً جانبياً طويلاً مع المستفيد دون أن ينقله."),
        ("Lets the helper speak about the client in the third person throughout.",
         "Laisse l'aidant parler du client à la troisième personne tout au long.",
         "يترك المساعد يتحدث عن المستفيد بصيغة الغائب طوال الجلسة."),
    ],
})

# The tools: a key, the course that names it, items in order, name and description per
# language, and scenarios (title, background, opening, helpful, unhelpful) per language.
TOOLS = [
    {
        "key": "helping-skills",
        "course": "basic-helping-skills",
        "items": ["FHS-1", "FHS-2", "FHS-3", "FHS-4", "FHS-5", "FHS-6", "FHS-7", "FHS-8"],
        "en": ("Sanad helping skills observation",
               "Eight foundational helping skills rated in a standardised role-play."),
        "fr": ("Observation Sanad des compétences d'aide",
               "Huit compétences d'aide de base évaluées lors d'un jeu de rôle standardisé."),
        "ar": ("أداة سند لملاحظة مهارات المساعدة",
               "ثماني مهارات مساعدة أساسية تُقيَّم في لعب أدوار موحّد."),
        "scenarios": [
            {
                "en": ("A father who cannot sleep",
                       "A man in his forties living in a camp with his wife and three "
                       "children. He lost his shop when the town was shelled and has not "
                       "slept properly for two months. He feels he has failed his family.",
                       "I don't know why they sent me here. I'm not sick. I just can't sleep.",
                       "He relaxes, speaks of his shame at not providing, and agrees to try "
                       "one small step.",
                       "He becomes short, says 'you don't understand', and asks to leave."),
                "fr": ("Un père qui ne dort plus",
                       "Un homme d'une quarantaine d'années vivant dans un camp avec sa femme "
                       "et trois enfants. Il a perdu sa boutique lors des bombardements et dort "
                       "mal depuis deux mois. Il pense avoir failli envers sa famille.",
                       "Je ne sais pas pourquoi on m'a envoyé ici. Je ne suis pas malade. Je "
                       "n'arrive juste pas à dormir.",
                       "Il se détend, parle de sa honte de ne plus subvenir aux besoins et "
                       "accepte d'essayer une petite étape.",
                       "Il devient sec, dit « vous ne comprenez pas » et demande à partir."),
                "ar": ("أب لا يستطيع النوم",
                       "رجل في الأربعينات يعيش في مخيم مع زوجته وأطفاله الثلاثة. فقد متجره "
                       "عندما قُصفت البلدة ولم ينم جيداً منذ شهرين. يشعر أنه خذل عائلته.",
                       "لا أعرف لماذا أرسلوني إلى هنا. أنا لست مريضاً. فقط لا أستطيع النوم.",
                       "يسترخي، ويتحدث عن خجله لعدم قدرته على الإعالة، ويوافق على تجربة خطوة "
                       "صغيرة.",
                       "يصبح مقتضباً، ويقول «أنت لا تفهم»، ويطلب المغادرة."),
            },
            {
                "en": ("A young woman who mentions not wanting to wake up",
                       "A woman of twenty, recently arrived in the city after her village was "
                       "attacked. She lives with an aunt and says little. Near the end she "
                       "says she sometimes wishes she would not wake up.",
                       "My aunt said I should come. I'm fine, really. I just feel tired.",
                       "She answers questions about risk honestly and accepts that her "
                       "supervisor is informed and a safety plan made.",
                       "She closes up, says she was joking, and will not return."),
                "fr": ("Une jeune femme qui dit ne pas vouloir se réveiller",
                       "Une femme de vingt ans, arrivée en ville après l'attaque de son village. "
                       "Elle vit chez une tante et parle peu. Vers la fin, elle dit qu'elle "
                       "souhaite parfois ne pas se réveiller.",
                       "Ma tante m'a dit de venir. Ça va, vraiment. Je suis juste fatiguée.",
                       "Elle répond honnêtement aux questions sur le risque et accepte qu'on "
                       "informe le superviseur et qu'on fasse un plan de sécurité.",
                       "Elle se ferme, dit qu'elle plaisantait et ne reviendra pas."),
                "ar": ("شابة تقول إنها لا تريد أن تستيقظ",
                       "امرأة في العشرين وصلت إلى المدينة بعد الهجوم على قريتها. تعيش مع خالتها "
                       "وتتكلم قليلاً. قرب النهاية تقول إنها تتمنى أحياناً ألّا تستيقظ.",
                       "خالتي قالت لي أن آتي. أنا بخير حقاً. فقط أشعر بالتعب.",
                       "تجيب بصدق عن أسئلة الخطر وتقبل إبلاغ المشرف ووضع خطة أمان.",
                       "تنغلق على نفسها، وتقول إنها كانت تمزح، ولن تعود."),
            },
        ],
    },
    {
        "key": "pfa",
        "course": "psychological-first-aid",
        "items": ["PFA-1", "PFA-2", "PFA-3", "PFA-4", "PFA-5"],
        "en": ("Sanad psychological first aid observation",
               "Five actions of psychological first aid rated in a simulated crisis."),
        "fr": ("Observation Sanad des premiers secours psychologiques",
               "Cinq gestes de premiers secours psychologiques évalués lors d'une crise "
               "simulée."),
        "ar": ("أداة سند لملاحظة الإسعافات الأولية النفسية",
               "خمسة أفعال من الإسعافات الأولية النفسية تُقيَّم في أزمة محاكاة."),
        "scenarios": [
            {
                "en": ("After the flood at the distribution point",
                       "A woman in her fifties sits alone near a food distribution point the "
                       "day after a flash flood. She has lost contact with her son.",
                       "Where is everyone? I can't find my son. Nobody tells us anything.",
                       "She breathes more slowly, names what she needs most, and accepts help "
                       "to reach the family tracing desk.",
                       "She becomes more agitated and walks away into the crowd."),
                "fr": ("Après l'inondation, au point de distribution",
                       "Une femme d'une cinquantaine d'années est assise seule près d'un point "
                       "de distribution le lendemain d'une crue soudaine. Elle a perdu le "
                       "contact avec son fils.",
                       "Où sont-ils tous ? Je ne trouve pas mon fils. Personne ne nous dit rien.",
                       "Elle respire plus lentement, dit ce dont elle a le plus besoin et "
                       "accepte d'être aidée à rejoindre le bureau de recherche des familles.",
                       "Elle s'agite davantage et s'éloigne dans la foule."),
                "ar": ("بعد الفيضان عند نقطة التوزيع",
                       "امرأة في الخمسينات تجلس وحدها قرب نقطة توزيع غذاء في اليوم التالي لسيل "
                       "مفاجئ. فقدت الاتصال بابنها.",
                       "أين الجميع؟ لا أجد ابني. لا أحد يخبرنا بشيء.",
                       "تتنفس ببطء أكثر، وتذكر ما تحتاجه أكثر، وتقبل المساعدة للوصول إلى مكتب "
                       "البحث عن العائلات.",
                       "تزداد اضطراباً وتبتعد بين الحشود."),
            },
            {
                "en": ("A teenager at the transit centre",
                       "A boy of sixteen arrives at a transit centre at night, travelling "
                       "alone. He is shaking and will not sit down.",
                       "I'm fine. I just need to charge my phone and go.",
                       "He sits, accepts water, and lets the helper connect him with child "
                       "protection staff.",
                       "He refuses everything and tries to leave the centre alone."),
                "fr": ("Un adolescent au centre de transit",
                       "Un garçon de seize ans arrive seul de nuit dans un centre de transit. "
                       "Il tremble et refuse de s'asseoir.",
                       "Ça va. J'ai juste besoin de charger mon téléphone et de repartir.",
                       "Il s'assoit, accepte de l'eau et laisse l'aidant le mettre en lien avec "
                       "l'équipe de protection de l'enfance.",
                       "Il refuse tout et tente de quitter seul le centre."),
                "ar": ("مراهق في مركز العبور",
                       "فتى في السادسة عشرة يصل وحده ليلاً إلى مركز عبور. يرتجف ويرفض الجلوس.",
                       "أنا بخير. أحتاج فقط إلى شحن هاتفي والذهاب.",
                       "يجلس، ويقبل الماء، ويسمح للمساعد بوصله بفريق حماية الطفل.",
                       "يرفض كل شيء ويحاول مغادرة المركز وحده."),
            },
        ],
    },
    {
        "key": "cultural-mediation",
        "course": "working-with-interpreters",
        "items": ["CM-1", "CM-2", "CM-3", "CM-4", "CM-5"],
        "en": ("Sanad cultural mediation observation",
               "Five skills of a cultural mediator rated in a three-way role-play."),
        "fr": ("Observation Sanad de la médiation culturelle",
               "Cinq compétences du médiateur culturel évaluées lors d'un jeu de rôle à trois."),
        "ar": ("أداة سند لملاحظة الوساطة الثقافية",
               "خمس مهارات للوسيط الثقافي تُقيَّم في لعب أدوار ثلاثي."),
        "scenarios": [
            {
                "en": ("Headaches that are 'only the nerves'",
                       "A mother of four tells a clinic counsellor, through the mediator, about "
                       "headaches and a heavy heart. In her language the words for sadness "
                       "and for illness of the nerves overlap.",
                       "The doctor gave me pills for my head, but my heart is still heavy.",
                       "She feels understood when the mediator flags the expression and both "
                       "sides agree on what she means.",
                       "She stops explaining and says only that she wants stronger pills."),
                "fr": ("Des maux de tête « qui ne sont que les nerfs »",
                       "Une mère de quatre enfants parle, par le médiateur, à un conseiller du "
                       "centre de santé de maux de tête et d'un cœur lourd. Dans sa langue, les "
                       "mots de la tristesse et de la maladie des nerfs se recouvrent.",
                       "Le médecin m'a donné des cachets pour la tête, mais mon cœur est "
                       "toujours lourd.",
                       "Elle se sent comprise quand le médiateur signale l'expression et que "
                       "chacun s'accorde sur ce qu'elle veut dire.",
                       "Elle cesse d'expliquer et dit seulement qu'elle veut des cachets plus "
                       "forts."),
                "ar": ("صداع «من الأعصاب فقط»",
                       "أمّ لأربعة أطفال تحدّث مرشد العيادة، عبر الوسيط، عن صداع وثقل في القلب. "
                       "في لغتها تتداخل كلمات الحزن ومرض الأعصاب.",
                       "أعطاني الطبيب حبوباً لرأسي، لكن قلبي ما زال ثقيلاً.",
                       "تشعر بأنها مفهومة عندما ينبّه الوسيط إلى العبارة ويتفق الطرفان على "
                       "معناها.",
                       "تتوقف عن الشرح وتقول فقط إنها تريد حبوباً أقوى."),
            },
            {
                "en": ("A neighbour in the waiting room",
                       "A young man comes for a first session and recognises the mediator "
                       "as someone from his home district. He is worried his story will "
                       "reach his family.",
                       "Do you know my uncle? Please, nobody at home can know I came here.",
                       "He continues when the mediator states their confidentiality and offers "
                       "that another mediator can be found.",
                       "He gives vague answers and leaves before the end."),
                "fr": ("Un voisin dans la salle d'attente",
                       "Un jeune homme vient pour une première séance et reconnaît le "
                       "médiateur, originaire de son quartier. Il craint que son histoire "
                       "n'arrive jusqu'à sa famille.",
                       "Vous connaissez mon oncle ? S'il vous plaît, personne chez moi ne doit "
                       "savoir que je suis venu.",
                       "Il poursuit quand le médiateur affirme sa confidentialité et propose "
                       "un autre médiateur.",
                       "Il répond vaguement et part avant la fin."),
                "ar": ("جار في غرفة الانتظار",
                       "شاب يأتي لجلسة أولى ويتعرّف على الوسيط كشخص من منطقته. يخشى أن تصل قصته "
                       "إلى عائلته.",
                       "هل تعرف عمّي؟ أرجوك، لا أحد في البيت يجب أن يعرف أنني جئت.",
                       "يتابع عندما يؤكد الوسيط التزامه بالسرية ويعرض إيجاد وسيط آخر.",
                       "يجيب بإجابات غامضة ويغادر قبل النهاية."),
            },
        ],
    },
]

REQUIRED_LEVEL = 3
