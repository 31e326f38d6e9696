"""French translation of the counselling methods curriculum and its basic helping skills
course. Slugs match the English pages they translate."""

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

HOME = {
    "title": "Sanad",
    "intro": "Formation et pratique supervisée en santé mentale et soutien psychosocial.",
}

CATALOGUE = {
    "title": "Catalogue des formations",
    "intro": "<p>Des formations pour les conseillers, les médiateurs culturels et les agents "
             "communautaires en santé mentale et soutien psychosocial. Chaque formation "
             "associe l'étude en ligne et la pratique supervisée.</p>",
}

LIBRARY = {
    "title": "Bibliothèque de ressources",
    "intro": "<p>Études de cas, outils, supports de formation et lignes directrices partagés "
             "par les programmes qui utilisent Sanad. Adaptez-les à votre contexte et à "
             "votre langue.</p>",
}

CURRICULUM = {
    "slug": "counselling-methods",
    "title": "Méthodes de counselling",
    "summary": "Les compétences d'aide fondamentales pour les intervenants psychosociaux et "
               "les conseillers qui accompagnent des personnes touchées par le déplacement, "
               "la violence et le deuil.",
    "body": "<p>Ce programme développe les compétences quotidiennes de la relation d'aide : "
            "écouter de façon à ce que les personnes se sentent entendues, répondre aux "
            "émotions fortes, résoudre les problèmes pratiques pas à pas, et savoir quand et "
            "comment orienter. Chaque formation associe des leçons en ligne, des jeux de "
            "rôle et une pratique supervisée.</p>",
}

COURSE = {
    "slug": "basic-helping-skills",
    "title": "Compétences d'aide de base",
    "summary": "Écoute active, validation, résolution structurée de problèmes et "
               "orientation : les compétences au cœur de toute relation d'aide.",
    "body": "<p>Cette formation s'adresse aux intervenants psychosociaux, aux agents "
            "communautaires et aux conseillers débutants. Vous apprendrez à écouter "
            "activement, à valider les émotions sans rassurer à tort, à guider une personne "
            "dans une démarche structurée de résolution de problèmes, à repérer les risques "
            "et à orienter de manière efficace.</p>"
            "<p>Pour terminer la formation, vous étudiez les leçons, réussissez le test "
            "final, consignez votre pratique supervisée et êtes évalué par votre superviseur "
            "sur trois compétences.</p>",
}

QUESTION_BANK = {
    "name": "Compétences d'aide de base : questions du cours",
    "description": "Le test initial et le test final y puisent comme formes parallèles.",
}

PRE_TEST = {
    "slug": "pre-test",
    "title": "Test initial : que savez-vous déjà ?",
    "intro": "<p>Répondez à ces questions avant de commencer. Il n'y a ni réussite ni "
             "échec : le test initial montre, à vous et à votre formateur, votre point de "
             "départ.</p>",
    "questions": [
        single("Une femme vous dit qu'elle ne peut plus s'arrêter de pleurer depuis la mort "
               "de son frère. Quelle est la première réponse la plus aidante ?",
               ["Lui dire que pleurer ne le fera pas revenir.",
                "*Lui dire que cela semble très douloureux, et l'inviter à en parler.",
                "Lui conseiller de s'occuper pour moins y penser.",
                "Changer de sujet pour parler de choses plus positives."],
               "Oui. Reconnaître la douleur et l'inviter à parler montre que vous écoutez.",
               "Les conseils, la distraction et les vérités dures viennent trop tôt. "
               "Montrez d'abord que vous avez entendu à quel point c'est douloureux."),
        true_false("Demander directement à quelqu'un s'il pense au suicide peut lui en "
                   "donner l'idée.", False,
                   "Exact. Poser la question calmement et directement n'augmente pas le "
                   "risque ; c'est souvent un soulagement.",
                   "C'est une idée reçue. Poser la question directement ne donne pas "
                   "l'idée ; cela ouvre la porte à l'aide."),
        multiple("Lesquelles de ces questions sont des questions ouvertes ?",
                 ["*Qu'est-ce qui a été le plus difficile cette semaine ?",
                  "Avez-vous dormi la nuit dernière ?",
                  "*Comment les choses se passent-elles à la maison en ce moment ?",
                  "Vous sentez-vous triste ?"],
                 "Exact. On ne peut pas répondre par oui ou non à une question ouverte : "
                 "elle invite la personne à raconter.",
                 "Les questions ouvertes commencent souvent par « que », « comment » ou "
                 "« racontez-moi ». Celles auxquelles on répond par oui ou non sont fermées."),
        single("Quel est le but principal d'une orientation ?",
               ["Confier une personne difficile à quelqu'un d'autre.",
                "*Mettre la personne en lien avec un service qui peut répondre à un besoin "
                "au-delà de votre rôle.",
                "Montrer à la personne que vous êtes occupé.",
                "Mettre fin rapidement à la relation d'aide."],
               "Oui. L'orientation relie la personne à une aide que vous ne pouvez pas "
               "apporter vous-même.",
               "Orienter n'est pas se débarrasser de quelqu'un : c'est relier la personne, "
               "avec son accord, à une aide au-delà de votre rôle."),
        true_false("L'aidant doit trouver la meilleure solution au problème de la personne "
                   "et lui dire quoi faire.", False,
                   "Exact. L'aidant accompagne la personne pour qu'elle trouve et choisisse "
                   "ses propres solutions.",
                   "Une solution choisie par la personne elle-même a plus de chances de "
                   "réussir et renforce sa confiance. L'aidant guide ; il ne décide pas."),
        single("Un homme dit : « Personne dans ce camp ne se soucie de ce qui nous "
               "arrive. » Quelle réponse valide son émotion ?",
               ["« Ce n'est pas vrai, beaucoup d'organisations sont là pour aider. »",
                "« Vous devriez être reconnaissant pour ce que vous avez. »",
                "*« On dirait que vous vous sentez seul et oublié ici. »",
                "« Parlons d'autre chose. »"],
               "Oui. Nommer l'émotion montre que vous comprenez ce qu'il vit.",
               "Contredire ou faire la morale le laisse sans écoute. Essayez de nommer "
               "l'émotion derrière ses mots."),
    ],
}

MODULES = [
    {
        "slug": "listening-and-validation",
        "title": "Écoute et validation",
        "summary": "Ce qu'est la relation d'aide, comment écouter activement et comment "
                   "répondre aux émotions fortes.",
        "lessons": [
            {
                "slug": "what-helping-is",
                "title": "Ce qu'est la relation d'aide, et ce qu'elle n'est pas",
                "summary": "Le rôle de l'aidant, ses limites et le principe de ne pas nuire.",
                "body": [
                    text(
                        "<p>Les personnes qui ont vécu le déplacement, la violence ou le "
                        "deuil portent souvent leurs soucis seules. L'aidant offre quelque "
                        "chose de simple et de rare : du temps, de l'attention et une "
                        "conversation structurée dans laquelle la personne peut penser plus "
                        "clairement à ce qui lui arrive et à ce qu'elle peut faire.</p>"
                        "<h3>Ce que fait l'aidant</h3>"
                        "<p>L'aidant écoute, montre qu'il comprend, aide la personne à "
                        "identifier ses propres besoins et ressources, et l'accompagne dans "
                        "de petites actions concrètes. Il remarque aussi quand la personne a "
                        "besoin de plus que ce qu'il peut offrir, et la met en lien avec "
                        "cette aide.</p>"
                        "<h3>Ce que l'aidant ne fait pas</h3>"
                        "<p>L'aidant ne pose pas de diagnostic, ne prescrit pas de "
                        "médicaments et ne promet pas des résultats qu'il ne maîtrise pas, "
                        "comme une réinstallation ou une aide financière. Il ne dit pas aux "
                        "gens ce qu'ils doivent faire de leur vie et ne juge ni leurs "
                        "croyances, ni leurs choix, ni leur manière d'exprimer la douleur. "
                        "Il n'utilise pas la relation à son propre profit : ni cadeaux, ni "
                        "faveurs, ni relation amoureuse, ni pression d'aucune sorte.</p>"
                        "<h3>Ne pas nuire</h3>"
                        "<p>Une aide bien intentionnée peut blesser. Pousser quelqu'un à "
                        "décrire en détail un événement terrible avant qu'il soit prêt peut "
                        "le laisser plus bouleversé qu'avant. Parler d'une personne au "
                        "marché peut l'exposer aux rumeurs ou au danger. Promettre de "
                        "« régler » un problème puis disparaître détruit la confiance. "
                        "Avant chaque action, demandez-vous : <b>est-ce sans danger pour "
                        "cette personne, ici, maintenant ?</b></p>"
                        "<p>Tout au long de cette formation, vous pratiquerez des "
                        "techniques, mais l'attitude qui les porte compte tout autant : le "
                        "respect de la dignité de la personne, de son droit de décider et "
                        "de ses propres forces. La plupart des gens se remettent des moments "
                        "difficiles grâce au soutien de leur famille, de leur communauté et "
                        "de leur foi. Votre rôle est de renforcer ces soutiens, non de les "
                        "remplacer.</p>"),
                    key_points(
                        "L'aidant écoute, soutient et met en lien ; la personne décide.",
                        "Restez dans votre rôle : pas de diagnostic, pas de promesses "
                        "impossibles à tenir.",
                        "Avant chaque action, demandez-vous : est-ce sans danger pour cette "
                        "personne, ici, maintenant ?",
                        "Renforcez les soutiens de la personne plutôt que de les remplacer."),
                    reflection(
                        "Pensez à un moment où quelqu'un vous a aidé à traverser une période "
                        "difficile. Qu'a-t-il fait qui vous a aidé ? Y a-t-il eu quelque "
                        "chose qui ne vous a pas aidé ?",
                        "Écrivez deux ou trois lignes. Vous y reviendrez à la fin du module."),
                ],
            },
            {
                "slug": "active-listening",
                "title": "L'écoute active",
                "summary": "Être attentif, poser des questions ouvertes, reformuler et "
                           "résumer.",
                "body": [
                    text(
                        "<p>L'écoute active consiste à écouter pour comprendre, et non pour "
                        "répondre. C'est la base de toutes les autres compétences de cette "
                        "formation, et elle s'apprend.</p>"
                        "<h3>Être attentif</h3>"
                        "<p>Montrez par votre corps que vous êtes présent : tournez-vous "
                        "vers la personne, gardez une posture détendue, rangez votre "
                        "téléphone. Le contact visuel et la distance dépendent de la "
                        "culture, du genre et de l'âge ; suivez la personne et demandez à "
                        "vos collègues ce qui est respectueux localement. Choisissez un "
                        "endroit où l'on ne peut pas vous entendre.</p>"
                        "<h3>Les questions ouvertes</h3>"
                        "<p>Les questions ouvertes invitent au récit : <i>« Que s'est-il "
                        "passé après votre arrivée ? »</i>, <i>« Comment dormez-vous ces "
                        "temps-ci ? »</i>, <i>« Dites-m'en plus. »</i> Les questions "
                        "fermées (« Avez-vous mangé aujourd'hui ? ») servent à vérifier des "
                        "faits, mais trop nombreuses, elles transforment la conversation en "
                        "interrogatoire. Évitez les questions qui commencent par "
                        "« pourquoi » : elles peuvent sonner comme un reproche.</p>"
                        "<h3>Reformuler</h3>"
                        "<p>Reformuler, c'est redire avec vos propres mots ce que vous avez "
                        "entendu : <i>« Donc, depuis la fermeture de l'école, votre fils "
                        "reste à la maison et vous vous inquiétez pour lui toute la "
                        "journée. »</i> Cela montre que vous avez compris, permet à la "
                        "personne de vous corriger et l'aide souvent à mieux entendre sa "
                        "propre situation.</p>"
                        "<h3>Résumer</h3>"
                        "<p>Toutes les quelques minutes, et à la fin, rassemblez les points "
                        "principaux : <i>« Je vérifie si j'ai bien compris. Trois choses "
                        "vous pèsent : le loyer, la santé de votre mari et les examens de "
                        "votre fille. C'est bien cela ? »</i></p>"
                        "<h3>Le silence</h3>"
                        "<p>Les aidants débutants se pressent souvent de combler les "
                        "silences. Une pause donne à la personne le temps de penser ou de "
                        "ressentir. Attendez un peu plus longtemps que ce qui vous semble "
                        "confortable avant de parler.</p>"),
                    vignette(
                        "Samir, 52 ans, dans un centre communautaire",
                        "<p>Samir vient au centre se renseigner sur un bon alimentaire. En "
                        "attendant, il raconte à l'agente communautaire qu'il tenait une "
                        "pharmacie et qu'il « reste maintenant assis toute la journée à ne "
                        "rien faire ». Il parle vite et regarde sans cesse la porte. "
                        "L'agente, occupée à remplir un formulaire, répond : « Ne vous "
                        "inquiétez pas, beaucoup de gens sont dans la même situation. »</p>",
                        ["Qu'est-ce que Samir essaie peut-être de dire ?",
                         "Comment l'agente aurait-elle pu montrer qu'elle l'écoutait ?",
                         "Écrivez une question ouverte et une reformulation qu'elle aurait "
                         "pu utiliser."]),
                    role_play(
                        "Écouter sans chercher à réparer",
                        "<p>Une jeune femme vient dans un espace sûr pour femmes. Elle dit "
                        "être venue « juste pour s'asseoir », mais elle semble inquiète. "
                        "L'aidante dispose de dix minutes.</p>",
                        [("Aidante", "Montrez votre attention, posez au moins deux questions "
                                     "ouvertes, faites une reformulation et un résumé. Ne "
                                     "donnez pas de conseils."),
                         ("Jeune femme", "Vous vous inquiétez pour votre mère, qui reste au "
                                         "lit toute la journée depuis le déménagement de la "
                                         "famille. N'en dites plus que si vous vous sentez "
                                         "écoutée."),
                         ("Observateur", "Observez l'aidante avec la liste de contrôle. "
                                         "Commencez votre retour par ce qui a bien "
                                         "fonctionné.")],
                        ["S'est assise face à la personne et a écarté les distractions",
                         "A posé des questions ouvertes",
                         "A reformulé avec justesse au moins une émotion ou un fait",
                         "A laissé des silences",
                         "A résumé avant de conclure",
                         "N'a pas donné de conseils ni parlé d'elle-même"]),
                    key_points(
                        "Écoutez pour comprendre, pas pour répondre.",
                        "Posez des questions ouvertes ; évitez les « pourquoi ».",
                        "Reformulez et résumez pour vérifier votre compréhension.",
                        "Adaptez le contact visuel et la distance aux usages locaux."),
                ],
            },
            {
                "slug": "empathy-and-validation",
                "title": "Empathie et validation",
                "summary": "Nommer les émotions et montrer qu'elles ont un sens, sans "
                           "rassurer à tort.",
                "body": [
                    text(
                        "<p>L'empathie, c'est essayer de comprendre le monde tel que l'autre "
                        "le voit. La validation, c'est lui dire que ses émotions ont du sens "
                        "au regard de ce qu'il a vécu. Ensemble, elles disent à la "
                        "personne : <i>vous n'êtes ni bizarre, ni faible, ni fou de "
                        "ressentir cela.</i></p>"
                        "<h3>Nommer les émotions</h3>"
                        "<p>Écoutez l'émotion derrière les mots et nommez-la avec "
                        "prudence : <i>« On dirait que vous avez honte de demander de "
                        "l'aide. »</i> Si vous vous trompez, la personne vous corrigera, et "
                        "c'est utile aussi. Beaucoup de langues ont des mots riches pour "
                        "dire la détresse, souvent liés au corps (« j'ai le cœur serré », "
                        "« j'ai la tête lourde »). Reprenez les mots de la personne quand "
                        "vous le pouvez.</p>"
                        "<h3>Valider n'est pas approuver</h3>"
                        "<p>On peut valider une émotion sans approuver un acte. Un père qui "
                        "a crié sur ses enfants peut entendre : <i>« Vous êtes sous une "
                        "pression énorme, et il est compréhensible que vous soyez épuisé et "
                        "à bout de nerfs. »</i> Ensuite, vous pouvez explorer ensemble ce "
                        "qu'il aimerait faire autrement.</p>"
                        "<h3>Les pièges à éviter</h3>"
                        "<ul>"
                        "<li><b>Rassurer à tort :</b> « Tout ira bien » peut sembler "
                        "gentil, mais vous n'en savez rien, et cela invite la personne à se "
                        "taire.</li>"
                        "<li><b>Minimiser :</b> « Au moins, vous êtes en vie » compare les "
                        "douleurs au lieu de reconnaître celle-ci.</li>"
                        "<li><b>Prendre la place :</b> « Il m'est arrivé la même "
                        "chose... » ramène l'attention sur vous.</li>"
                        "<li><b>Juger :</b> « Vous ne devriez pas ressentir cela. » Les "
                        "émotions ne sont ni justes ni fausses.</li>"
                        "</ul>"
                        "<p>Quand quelqu'un exprime de la colère contre les organisations, y "
                        "compris la vôtre, résistez à l'envie de vous défendre. Validez "
                        "d'abord : <i>« Vous attendez depuis des semaines sans réponse ; je "
                        "comprends votre colère. »</i> Les explications peuvent venir plus "
                        "tard, si elles sont vraiment nécessaires.</p>"),
                    vignette(
                        "Hana, 19 ans, dans un dispensaire de camp",
                        "<p>Hana est venue avec sa tante pour une consultation. Quand "
                        "l'infirmière lui demande comment elle va, elle répond : « Ça va, "
                        "c'est juste que je ne sers plus à rien. J'allais devenir "
                        "institutrice. Maintenant je porte de l'eau et j'attends. » Sa "
                        "tante ajoute : « Elle devrait remercier Dieu, d'autres ont tout "
                        "perdu. »</p>",
                        ["Quelles émotions Hana exprime-t-elle peut-être ?",
                         "Écrivez une réponse qui valide Hana sans critiquer sa tante.",
                         "À quoi ressemblerait une réassurance trompeuse ici ?"]),
                    reflection(
                        "Dans lequel des quatre pièges (rassurer à tort, minimiser, prendre "
                        "la place, juger) tombez-vous le plus souvent ? Que pourriez-vous "
                        "dire à la place ?"),
                    self_care_note(
                        "<p>Écouter la souffrance chaque jour affecte les aidants. Se sentir "
                        "triste, fatigué ou irritable après les séances est une réaction "
                        "normale, pas un signe de faiblesse. Remarquez-le, parlez-en en "
                        "supervision et prévoyez quelque chose qui vous ressource après une "
                        "journée difficile.</p>"),
                ],
            },
        ],
        "check": {
            "slug": "listening-check",
            "title": "Vérification des connaissances : écoute et validation",
            "intro": "<p>Cinq questions rapides sur ce module. Vous pouvez réessayer.</p>",
            "questions": [
                multiple("Lesquels font partie de l'écoute active ?",
                         ["*Reformuler avec vos propres mots ce que vous avez entendu",
                          "*Résumer les points principaux",
                          "Préparer vos conseils pendant que la personne parle",
                          "*Laisser des silences"],
                         "Oui : reformuler, résumer et laisser des silences font partie de "
                         "l'écoute active.",
                         "L'écoute active, c'est écouter pour comprendre. Préparer des "
                         "conseils pendant que l'autre parle détourne votre attention."),
                single("Laquelle de ces phrases est une reformulation ?",
                       ["« Pourquoi avez-vous quitté votre travail ? »",
                        "*« Donc, depuis que vous avez perdu votre travail, les journées "
                        "vous semblent vides et longues. »",
                        "« Vous devriez chercher un autre travail. »",
                        "« Moi aussi, j'ai perdu mon travail un jour. »"],
                       "Exact. Une reformulation redit le message de la personne avec vos "
                       "mots.",
                       "Une reformulation redit ce que la personne a dit, avec vos mots. "
                       "Ce n'est ni une question, ni un conseil, ni votre propre histoire."),
                true_false("Valider la colère d'une personne, c'est approuver ce qu'elle a "
                           "fait sous l'effet de la colère.", False,
                           "Exact. On peut valider l'émotion sans approuver l'acte.",
                           "La validation reconnaît qu'une émotion a du sens ; elle "
                           "n'approuve pas chaque acte."),
                single("Un homme dit qu'il a la poitrine serrée chaque nuit depuis les "
                       "bombardements. Quelle est la réponse la plus aidante ?",
                       ["« C'est seulement dans votre tête. »",
                        "*« Cela semble effrayant. Parlez-moi de ces nuits. »",
                        "« Tout le monde ici ressent la même chose. »",
                        "« Essayez de ne pas y penser. »"],
                       "Oui. Vous nommez l'émotion et l'invitez à en dire plus.",
                       "Nier ou comparer son expérience ferme la conversation. "
                       "Reconnaissez-la et invitez-le à en dire plus."),
                true_false("Le contact visuel et la distance à garder entre aidant et "
                           "personne aidée peuvent varier selon les cultures.", True,
                           "Exact. Suivez la personne et les usages locaux.",
                           "Ils varient bel et bien : ce qui est respectueux dans un "
                           "contexte peut paraître intrusif dans un autre."),
            ],
        },
    },
    {
        "slug": "problem-solving-and-referral",
        "title": "Résolution de problèmes, risques et orientation",
        "summary": "Aider les personnes à agir sur leurs problèmes pratiques, repérer les "
                   "risques et orienter efficacement.",
        "lessons": [
            {
                "slug": "structured-problem-solving",
                "title": "La résolution structurée de problèmes",
                "summary": "Sept étapes pour passer d'une liste de soucis écrasante à un "
                           "plan concret.",
                "body": [
                    text(
                        "<p>Quand les problèmes s'accumulent (le loyer, la maladie, les "
                        "papiers, un enfant qui refuse d'aller à l'école), on peut se sentir "
                        "paralysé. La résolution structurée de problèmes aide à passer de "
                        "« tout est impossible » à « voici une chose que je peux faire cette "
                        "semaine ». La personne réfléchit ; l'aidant tient le cadre.</p>"
                        "<h3>Les étapes</h3>"
                        "<ol>"
                        "<li><b>Lister les problèmes.</b> Notez-les ensemble, avec les mots "
                        "de la personne.</li>"
                        "<li><b>Les trier.</b> Sur lesquels la personne peut-elle agir, même "
                        "un peu ? Lesquels ne peuvent pas changer pour l'instant ? Pour "
                        "ceux-là, le but est de faire face, non de résoudre.</li>"
                        "<li><b>En choisir un.</b> Commencez par un problème qui compte mais "
                        "qui est assez petit pour avancer rapidement.</li>"
                        "<li><b>Le définir.</b> Rendez-le concret : non pas « ma famille », "
                        "mais « mon fils et moi nous disputons chaque soir à cause de son "
                        "téléphone ».</li>"
                        "<li><b>Chercher des solutions.</b> Demandez le plus d'idées "
                        "possible, sans les juger pour l'instant. Demandez qui pourrait "
                        "aider. Ne proposez une idée que si la personne est bloquée, et "
                        "comme une option parmi d'autres.</li>"
                        "<li><b>Choisir et planifier.</b> Pesez les options ensemble et "
                        "choisissez-en une. Découpez-la en étapes : quoi, quand, avec qui, "
                        "et ce qui pourrait faire obstacle.</li>"
                        "<li><b>Faire le point.</b> À la rencontre suivante, demandez ce qui "
                        "s'est passé. Quel que soit le résultat, il y a quelque chose à "
                        "apprendre. Saluez l'effort, ajustez le plan ou choisissez le "
                        "problème suivant.</li>"
                        "</ol>"
                        "<p>Utilisez des dessins ou des symboles simples si la personne ne "
                        "lit pas. Gardez un plan modeste : une vraie étape vaut mieux que "
                        "cinq bonnes intentions.</p>"),
                    vignette(
                        "Fatou, 38 ans, dans un quartier urbain",
                        "<p>Fatou vit avec ses trois enfants dans une seule pièce. Elle "
                        "énumère ses problèmes : le propriétaire veut augmenter le loyer, "
                        "son plus jeune tousse la nuit, elle est sans nouvelles de son mari "
                        "depuis deux mois et elle ne dort plus. Elle dit : « Je ne sais pas "
                        "par où commencer. »</p>",
                        ["Sur quels problèmes Fatou peut-elle agir, et lesquels ne peut-elle "
                         "pas changer pour l'instant ?",
                         "Par quel problème lui suggéreriez-vous de commencer, et pourquoi ?",
                         "Comment l'aideriez-vous à faire face au problème qu'elle ne peut "
                         "pas résoudre ?"]),
                    role_play(
                        "D'une liste à un plan",
                        "<p>Reprenez l'histoire de Fatou. Elle a choisi de s'occuper de la "
                        "toux de son fils.</p>",
                        [("Aidant", "Aidez Fatou à définir le problème, à trouver au moins "
                                    "trois options et à faire un plan avec des étapes "
                                    "concrètes."),
                         ("Fatou", "Vous trouvez le dispensaire trop loin et la file "
                                   "d'attente trop longue. Une voisine a un cousin qui est "
                                   "chauffeur de taxi. Ne le dites que si l'on vous demande "
                                   "qui pourrait aider."),
                         ("Observateur", "Notez qui propose les options et si le plan "
                                         "précise quoi, quand et avec qui.")],
                        ["A aidé à choisir un problème abordable",
                         "A défini le problème de façon concrète",
                         "A laissé Fatou proposer la plupart des options",
                         "Le plan précise quoi, quand et avec qui",
                         "A discuté de ce qui pourrait faire obstacle",
                         "A convenu d'un moment pour faire le point"]),
                    key_points(
                        "La personne réfléchit ; l'aidant tient le cadre.",
                        "Distinguez les problèmes sur lesquels on peut agir de ceux qu'on "
                        "ne peut pas changer.",
                        "Rendez le problème concret et le plan modeste.",
                        "Faites toujours le point : l'effort mérite d'être reconnu, quel "
                        "que soit le résultat."),
                ],
            },
            {
                "slug": "noticing-risk",
                "title": "Repérer les risques et protéger",
                "summary": "Poser directement la question du suicide et des violences, et "
                           "agir en fonction de ce que l'on entend.",
                "body": [
                    safety_note(
                        "<p>Si une personne est en danger immédiat, par exemple si elle a "
                        "les moyens et l'intention de mettre fin à ses jours aujourd'hui, "
                        "ne la laissez pas seule. Appelez immédiatement votre superviseur "
                        "ou le contact d'urgence prévu par votre protocole.</p>"),
                    text(
                        "<p>Certaines personnes que vous rencontrerez penseront à mettre fin "
                        "à leurs jours, à se faire du mal ou à faire du mal à quelqu'un. "
                        "D'autres seront peut-être menacées par quelqu'un de leur foyer. On "
                        "n'attend pas de vous que vous gériez ces situations seul, mais que "
                        "vous les repériez et que vous agissiez.</p>"
                        "<h3>Poser la question directement</h3>"
                        "<p>Parler du suicide ne donne pas l'idée à quelqu'un. La plupart "
                        "des gens se sentent soulagés quand on leur pose enfin la question. "
                        "Demandez calmement et simplement, après avoir écouté un moment : "
                        "<i>« Parfois, quand on se sent aussi désespéré que vous le "
                        "décrivez, on pense à mettre fin à sa vie. Avez-vous eu de telles "
                        "pensées ? »</i></p>"
                        "<p>Si la réponse est oui, restez calme et continuez d'écouter. "
                        "Demandez s'il existe un plan, des moyens, et ce qui a aidé la "
                        "personne à tenir jusqu'ici : la famille, la foi, les enfants, "
                        "l'espoir de quelque chose. Il est important de retenir ces raisons "
                        "et de les lui redire.</p>"
                        "<h3>Les signes à prendre au sérieux</h3>"
                        "<ul>"
                        "<li>Dire qu'on est un fardeau, ou qu'on n'a plus de raison de "
                        "vivre.</li>"
                        "<li>Donner ses affaires ou faire ses adieux.</li>"
                        "<li>Une tentative antérieure.</li>"
                        "<li>Une perte, une humiliation ou une violence graves et "
                        "récentes.</li>"
                        "<li>Des signes que la personne est maltraitée ou menacée chez "
                        "elle.</li>"
                        "</ul>"
                        "<h3>Agir et expliquer</h3>"
                        "<p>Au début de toute relation d'aide, expliquez les limites de la "
                        "confidentialité : ce que la personne dit reste privé, sauf si la "
                        "vie ou la sécurité de quelqu'un est en jeu. Quand un risque "
                        "apparaît, dites à la personne ce que vous allez faire et pourquoi, "
                        "informez votre superviseur le jour même, suivez le protocole de "
                        "votre organisation et convenez du moment où vous la reverrez. Ne "
                        "promettez jamais de garder un risque secret.</p>"),
                    vignette(
                        "Youssouf, 27 ans, dans un centre de jeunes",
                        "<p>Youssouf vient à l'entraînement de football chaque semaine "
                        "depuis un an. Ces derniers temps, il manque des séances. "
                        "Aujourd'hui, il donne ses chaussures de football à un garçon plus "
                        "jeune et dit à l'entraîneur, qui est aussi un aidant formé : « Je "
                        "n'en aurai pas besoin là où je vais. »</p>",
                        ["Quels signes de risque remarquez-vous ?",
                         "Qu'est-ce que l'entraîneur dirait exactement pour poser la "
                         "question du suicide ?",
                         "Qui l'entraîneur doit-il contacter, et quand ?"]),
                    key_points(
                        "Posez la question du suicide directement et calmement ; cela "
                        "n'augmente pas le risque.",
                        "Explorez le plan, les moyens et les raisons de vivre.",
                        "Expliquez dès le début les limites de la confidentialité.",
                        "Informez votre superviseur le jour même ; ne gardez jamais un "
                        "risque secret."),
                ],
            },
            {
                "slug": "making-referrals",
                "title": "Orienter efficacement",
                "summary": "Quand orienter, comment obtenir le consentement et comment "
                           "s'assurer que la personne arrive au service.",
                "body": [
                    text(
                        "<p>Aucun aidant ne peut répondre à tous les besoins. Une bonne "
                        "orientation relie la personne à un service qui peut faire ce que "
                        "vous ne pouvez pas faire, et augmente les chances qu'elle s'y "
                        "rende réellement.</p>"
                        "<h3>Quand orienter</h3>"
                        "<ul>"
                        "<li>Un risque de suicide ou de préjudice qui demande un suivi "
                        "spécialisé.</li>"
                        "<li>Des signes de trouble mental sévère : confusion, entendre des "
                        "voix, ne plus manger ni prendre soin de soi pendant des jours.</li>"
                        "<li>Des besoins médicaux, juridiques, de protection ou de base "
                        "qui dépassent votre rôle.</li>"
                        "<li>Quand la personne ne va pas mieux après plusieurs séances.</li>"
                        "</ul>"
                        "<h3>Comment orienter</h3>"
                        "<ol>"
                        "<li><b>Expliquez pourquoi</b> avec des mots simples, en reliant "
                        "l'orientation à ce que la personne vous a dit.</li>"
                        "<li><b>Décrivez le service :</b> où il se trouve, ses horaires, ce "
                        "qui s'y passe, s'il est payant, quelles langues y sont "
                        "parlées.</li>"
                        "<li><b>Demandez le consentement,</b> y compris pour les "
                        "informations que vous pouvez transmettre. Respectez un refus, sauf "
                        "si une vie est en danger, et laissez la porte ouverte.</li>"
                        "<li><b>Levez les obstacles :</b> transport, documents, garde des "
                        "enfants, peur de la stigmatisation. Quelqu'un peut-il "
                        "l'accompagner ?</li>"
                        "<li><b>Faites une orientation accompagnée :</b> si possible, "
                        "appelez le service ensemble ou présentez la personne par son nom, "
                        "plutôt que de lui remettre un numéro de téléphone.</li>"
                        "<li><b>Assurez le suivi :</b> vérifiez quelques jours plus tard si "
                        "elle a été reçue, et ce qui s'est passé.</li>"
                        "</ol>"
                        "<p>Tenez à jour le répertoire des services de votre équipe. Un "
                        "service fermé le mois dernier, ou qui refuse les personnes sans "
                        "papiers, n'est pas une orientation : c'est une déception qui peut "
                        "dissuader la personne de chercher de l'aide à nouveau.</p>"),
                    document("referral-directory",
                             "Un modèle pour répertorier les services de votre zone."),
                    reflection(
                        "Citez trois services de votre zone vers lesquels vous orienteriez "
                        "pour la santé mentale, la protection et les besoins de base. Pour "
                        "chacun, connaissez-vous les horaires, le coût et la personne à "
                        "appeler ?",
                        "Si vous ne le savez pas, c'est votre prochaine tâche, avec votre "
                        "équipe."),
                    key_points(
                        "Orientez quand les besoins dépassent votre rôle ou que la personne "
                        "ne va pas mieux.",
                        "Expliquez, décrivez, obtenez le consentement, levez les obstacles.",
                        "Une orientation accompagnée fonctionne mieux qu'un numéro sur un "
                        "papier.",
                        "Assurez le suivi pour vérifier que la personne a été reçue."),
                ],
            },
        ],
        "check": {
            "slug": "problem-solving-check",
            "title": "Vérification des connaissances : résolution de problèmes, risques et "
                     "orientation",
            "intro": "<p>Cinq questions rapides sur ce module. Vous pouvez réessayer.</p>",
            "questions": [
                single("Dans la résolution structurée de problèmes, qui devrait proposer la "
                       "plupart des options ?",
                       ["L'aidant, parce qu'il a plus d'expérience.",
                        "*La personne, encouragée par l'aidant.",
                        "La famille de la personne.",
                        "Personne : l'aidant choisit la meilleure solution."],
                       "Oui. Les options que la personne propose elle-même ont plus de "
                       "chances d'être mises en œuvre.",
                       "L'aidant tient le cadre, mais c'est la personne qui propose les "
                       "options et qui choisit."),
                true_false("Un problème qu'on ne peut pas changer pour l'instant doit "
                           "simplement être ignoré pendant la séance.", False,
                           "Exact. Pour ces problèmes, le but est de faire face, non de "
                           "résoudre.",
                           "Les problèmes qu'on ne peut pas changer comptent aussi : vous "
                           "aidez la personne à trouver des façons d'y faire face."),
                multiple("Lesquels sont des signes d'alerte d'un risque suicidaire ?",
                         ["*Donner ses affaires",
                          "*Dire qu'on est un fardeau pour les autres",
                          "Demander des informations sur une distribution alimentaire",
                          "*Une tentative de suicide antérieure"],
                         "Exact. Ces trois signes sont à prendre au sérieux et à explorer.",
                         "Donner ses affaires, se sentir un fardeau et une tentative "
                         "antérieure sont des signes d'alerte ; demander de la nourriture "
                         "n'en est pas un."),
                single("Une femme vous dit qu'elle a pensé à mettre fin à ses jours. Que "
                       "faites-vous ?",
                       ["Vous lui promettez de n'en parler à personne.",
                        "Vous changez de sujet pour qu'elle n'y pense plus.",
                        "*Vous restez calme, demandez s'il existe un plan et des moyens, et "
                        "lui dites que vous allez en parler à votre superviseur.",
                        "Vous lui dites que le suicide est interdit."],
                       "Oui. Explorez le risque, expliquez ce que vous allez faire et "
                       "impliquez votre superviseur.",
                       "Ne promettez jamais le secret sur un risque et ne jugez pas. Restez "
                       "calme, explorez et impliquez votre superviseur."),
                multiple("Qu'est-ce qui augmente les chances de réussite d'une "
                         "orientation ?",
                         ["*Appeler le service avec la personne",
                          "*Vérifier que le service est ouvert et peut recevoir la "
                          "personne",
                          "Donner un numéro de téléphone sans explication",
                          "*Faire un suivi quelques jours plus tard"],
                         "Exact : orientation accompagnée, informations justes et suivi.",
                         "Un numéro de téléphone seul suffit rarement. L'orientation "
                         "accompagnée, des informations justes et le suivi font la "
                         "différence."),
            ],
        },
    },
]

POST_TEST = {
    "slug": "post-test",
    "title": "Test final",
    "intro": "<p>Cinq questions sur l'ensemble de la formation, tirées pour vous de la "
             "banque de questions du cours : aucune n'était dans votre test initial. Il faut "
             "70 % pour réussir et vous avez trois tentatives.</p>",
    "questions": [
        single("Une femme vous dit qu'elle ne peut plus s'arrêter de pleurer depuis la mort "
               "de son frère. Quelle est la première réponse la plus aidante ?",
               ["Lui dire que pleurer ne le fera pas revenir.",
                "*Lui dire que cela semble très douloureux, et l'inviter à en parler.",
                "Lui conseiller de s'occuper pour moins y penser.",
                "Changer de sujet pour parler de choses plus positives."],
               "Oui. Reconnaître la douleur et l'inviter à parler montre que vous écoutez.",
               "Les conseils, la distraction et les vérités dures viennent trop tôt. "
               "Montrez d'abord que vous avez entendu à quel point c'est douloureux."),
        multiple("Lesquelles de ces questions sont des questions ouvertes ?",
                 ["*Qu'est-ce qui a été le plus difficile cette semaine ?",
                  "Avez-vous dormi la nuit dernière ?",
                  "*Comment les choses se passent-elles à la maison en ce moment ?",
                  "Vous sentez-vous triste ?"],
                 "Exact. Les questions ouvertes invitent la personne à raconter.",
                 "Les questions ouvertes commencent souvent par « que », « comment » ou "
                 "« racontez-moi »."),
        true_false("Dire « Tout ira bien » est une bonne façon de valider la peur de "
                   "quelqu'un.", False,
                   "Exact. C'est une réassurance trompeuse : elle ferme la conversation.",
                   "« Tout ira bien » est une réassurance trompeuse. Valider, c'est nommer "
                   "la peur et montrer qu'elle a du sens."),
        single("Quelle est la meilleure première étape de la résolution structurée de "
               "problèmes ?",
               ["Choisir le plus gros problème.",
                "*Lister les problèmes ensemble, avec les mots de la personne.",
                "Dire à la personne quoi faire.",
                "Orienter la personne vers un spécialiste."],
               "Oui. On commence par lister les problèmes ensemble.",
               "Commencez par lister les problèmes ensemble ; ensuite seulement, triez-les "
               "et choisissez-en un."),
        true_false("Demander directement à quelqu'un s'il pense au suicide peut lui en "
                   "donner l'idée.", False,
                   "Exact. Poser la question calmement et directement n'augmente pas le "
                   "risque.",
                   "C'est une idée reçue. Poser la question directement ouvre la porte à "
                   "l'aide."),
        multiple("Que devez-vous faire avant d'orienter quelqu'un ?",
                 ["*Expliquer pourquoi vous proposez cette orientation",
                  "*Demander son consentement, y compris sur ce que vous pouvez transmettre",
                  "Transmettre toute son histoire au service pour gagner du temps",
                  "*Vérifier que le service peut réellement la recevoir"],
                 "Exact. Expliquez, obtenez le consentement et vérifiez le service.",
                 "Ne transmettez que ce que la personne accepte de partager, et seulement "
                 "ce qui est nécessaire."),
        single("Un homme crie que votre organisation ne tient jamais ses promesses. Que "
               "faites-vous d'abord ?",
               ["Expliquer les procédures de l'organisation.",
                "*Reconnaître sa colère et ce qui la provoque.",
                "Lui demander de se calmer ou de partir.",
                "Reconnaître que l'organisation ne sert à rien."],
               "Oui. Validez d'abord ; les explications peuvent venir ensuite.",
               "Se défendre ou abonder dans son sens passe à côté de l'essentiel. Validez "
               "d'abord sa frustration."),
        true_false("L'aidant doit expliquer les limites de la confidentialité dès le début "
                   "de la relation d'aide.", True,
                   "Exact. La personne sait alors à quoi s'attendre si sa sécurité est en "
                   "jeu.",
                   "Expliquer les limites dès le début évite de trahir la confiance plus "
                   "tard."),
    ],
}
