"""Demo course content: the catalogue, three curricula with one course each, the
resource library, activity kinds and the competency framework.

Texts live in content/demo_content/ as plain data. Pages are looked up by slug under
their parent and only what is missing is created, so running the seed again changes
nothing. The basic-helping-skills course is translated into French and Arabic with
Wagtail's copy_for_translation, so each translation shares its page's translation_key
(learner progress is keyed to it).
"""

from decimal import Decimal
from uuid import NAMESPACE_URL, uuid5

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from .demo_content import counselling, counselling_ar, counselling_fr, mediation, psychosocial
from .demo_content import resources as library_data
from .demo_content import tools as tool_data
from .demo_content.snippets import ACTIVITY_KINDS, COMPETENCIES, FRAMEWORK
from .models import (
    ActivityKind,
    AssessmentPage,
    CatalogueIndexPage,
    Competency,
    CompetencyTool,
    CompetencyToolItem,
    CourseCompetency,
    CourseCompetencyTool,
    CoursePage,
    CoursePracticeRequirement,
    CurriculumPage,
    HarmfulBehaviour,
    LessonPage,
    ModulePage,
    QuestionBank,
    ResourceIndexPage,
    ResourcePage,
    RolePlayScenario,
)

PROGRAMMES = (counselling, mediation, psychosocial)
TRANSLATIONS = {"fr": counselling_fr, "ar": counselling_ar}
TRANSLATED_COURSE = counselling.COURSE["slug"]
# The course whose pre-test and post-test are parallel forms from a bank, and how many
# questions each draws (the bank holds eleven: each half has at least five).
BANKED_COURSE = counselling.COURSE["slug"]
BANK_DRAW = 5
FEEDBACK_TIMING = {
    AssessmentPage.Kind.KNOWLEDGE_CHECK: AssessmentPage.FeedbackTiming.AFTER_EACH_ATTEMPT,
    AssessmentPage.Kind.PRE_TEST: AssessmentPage.FeedbackTiming.AFTER_POST_TEST,
    AssessmentPage.Kind.POST_TEST: AssessmentPage.FeedbackTiming.ONCE_PASSED,
}

CATALOGUE = {
    "slug": "catalogue",
    "title": "Course catalogue",
    "intro": "<p>Courses for counsellors, cultural mediators and community workers in "
             "mental health and psychosocial support. Each course combines online study "
             "with supervised practice.</p>",
}


def seed(stdout):
    for code in ("en", "fr", "ar"):
        Locale.objects.get_or_create(language_code=code)
    home = Site.objects.get(is_default_site=True).root_page.specific
    activity_kinds = _seed_activity_kinds()
    competencies = _seed_competencies()
    tools = _seed_tools(competencies)
    documents = _seed_documents()

    created = 0
    catalogue, new = _child(home, CatalogueIndexPage, CATALOGUE["slug"],
                            title=CATALOGUE["title"], intro=CATALOGUE["intro"])
    created += new
    created += _seed_library(home, documents)
    bank = _seed_question_bank(counselling, Locale.get_default())
    for programme in PROGRAMMES:
        created += _seed_programme(catalogue, programme, activity_kinds, competencies, documents,
                                   bank=bank if programme.COURSE["slug"] == BANKED_COURSE
                                   else None)
    for language, translation in TRANSLATIONS.items():
        locale = Locale.objects.get(language_code=language)
        created += _seed_translation(home, locale, translation, documents,
                                     bank=_seed_question_bank(translation, locale, source=bank))
    _seed_course_tools(tools)
    stdout.write(f"Demo course content ready ({created} pages created).")


# --- Snippets and documents ----------------------------------------------------------


def _translated(original, language, **fields):
    """The snippet's translation into `language`, made (as wagtail-localize would) when
    missing, with `fields` in that language."""
    locale = Locale.objects.get(language_code=language)
    translation = original.get_translation_or_none(locale)
    if translation is None:
        translation = original.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def _seed_activity_kinds():
    kinds = {}
    for name, name_fr, name_ar, description in ACTIVITY_KINDS:
        kinds[name], _ = ActivityKind.objects.get_or_create(
            name=name, locale=Locale.get_default(), defaults={"description": description})
        for language, translated in (("fr", name_fr), ("ar", name_ar)):
            _translated(kinds[name], language, name=translated)
    return kinds


def _seed_competencies():
    competencies = {}
    for code, name, name_fr, name_ar, description, *levels in COMPETENCIES:
        competencies[code], _ = Competency.objects.get_or_create(
            framework=FRAMEWORK, code=code, locale=Locale.get_default(),
            defaults={"name": name, "description": description,
                      **{f"level_{n}_descriptor": text for n, text in enumerate(levels, 1)}})
        for language, translated in (("fr", name_fr), ("ar", name_ar)):
            description, *levels = tool_data.FHS_TRANSLATIONS[code][language]
            _translated(competencies[code], language, name=translated, description=description,
                        **{f"level_{n}_descriptor": text for n, text in enumerate(levels, 1)})
    return competencies


LANGUAGES = ("fr", "ar")


def _seed_tools(competencies):
    """The three demo competency tools with their items, the items' harmful behaviours
    and the tools' role-play scenarios, each in English, French and Arabic. Returns
    {tool key: original tool}."""
    default = Locale.get_default()
    for code, (framework, texts) in tool_data.NEW_COMPETENCIES.items():
        name, description, *levels = texts["en"]
        competencies[code], _ = Competency.objects.get_or_create(
            framework=framework, code=code, locale=default,
            defaults={"name": name, "description": description,
                      **{f"level_{n}_descriptor": text for n, text in enumerate(levels, 1)}})
    for code, behaviours in tool_data.BEHAVIOURS.items():
        _seed_behaviours(competencies[code], behaviours, default)
    for code, (_framework, texts) in tool_data.NEW_COMPETENCIES.items():
        for language in LANGUAGES:
            name, description, *levels = texts[language]
            _translated(competencies[code], language, name=name, description=description,
                        **{f"level_{n}_descriptor": text for n, text in enumerate(levels, 1)})
    for code, behaviours in tool_data.BEHAVIOURS.items():
        _translate_behaviours(competencies[code], behaviours)

    tools = {}
    for data in tool_data.TOOLS:
        name, description = data["en"]
        tool, _ = CompetencyTool.objects.get_or_create(
            name=name, locale=default, defaults={"description": description})
        for order, code in enumerate(data["items"]):
            CompetencyToolItem.objects.get_or_create(
                tool=tool, competency=competencies[code], defaults={"sort_order": order})
        for language in LANGUAGES:
            name, description = data[language]
            _translated(tool, language, name=name, description=description)
        for scenario_data in data["scenarios"]:
            title, background, opening, helpful, unhelpful = scenario_data["en"]
            scenario, _ = RolePlayScenario.objects.get_or_create(
                tool=tool, title=title, locale=default,
                defaults={"background": background, "opening": opening,
                          "helpful_response": helpful, "unhelpful_response": unhelpful})
            for language in LANGUAGES:
                title, background, opening, helpful, unhelpful = scenario_data[language]
                _translated(scenario, language, title=title, background=background,
                            opening=opening, helpful_response=helpful,
                            unhelpful_response=unhelpful)
        tools[data["key"]] = tool
    return tools


def _seed_behaviours(competency, behaviours, locale):
    for order, (description, *_translations) in enumerate(behaviours):
        HarmfulBehaviour.objects.get_or_create(
            competency=competency, description=description, locale=locale,
            defaults={"sort_order": order})


def _translate_behaviours(competency, behaviours):
    """Each behaviour's translation, under the competency's translation. A competency
    translated before the behaviour was written has no copy of it yet: made here, as
    wagtail-localize would on the next sync."""
    originals = {b.description: b for b in competency.harmful_behaviours.all()}
    for description, *translations in behaviours:
        behaviour = originals[description]
        for language, text in zip(LANGUAGES, translations, strict=True):
            locale = Locale.objects.get(language_code=language)
            translation = behaviour.get_translation_or_none(locale)
            if translation is None:
                translation = HarmfulBehaviour(
                    competency=competency.get_translation(locale), locale=locale,
                    translation_key=behaviour.translation_key, sort_order=behaviour.sort_order)
            translation.description = text
            translation.save()


def _seed_course_tools(tools):
    """Each demo course, and each of its translations, names its tool with the level every
    item must reach; added through a published revision so the editor shows it."""
    for data in tool_data.TOOLS:
        tool = tools[data["key"]]
        course = CoursePage.objects.filter(slug=data["course"], locale=Locale.get_default()).first()
        if course is None:
            continue
        for page in (course, *course.get_translations().specific()):
            if page.competency_tools.filter(tool=tool).exists():
                continue
            page.competency_tools.add(CourseCompetencyTool(
                tool=tool, required_level=tool_data.REQUIRED_LEVEL))
            page.save_revision().publish()


def _seed_documents():
    Document = get_document_model()
    documents = {}
    for slug, title, filename, body in library_data.DOCUMENTS:
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title)
            document.file.save(filename, ContentFile(body.encode()), save=False)
            document.save()
        documents[slug] = document
    return documents


def _bank_stream(programme):
    """The pre-test's questions and the post-test's others, as one bank's StreamField
    data. Every question and choice has an id made from its place, the same in every
    language: an attempt drawn in one language is shown and graded in another."""
    pre_prompts = {q["value"]["prompt"] for q in counselling.PRE_TEST["questions"]}
    others = [n for n, q in enumerate(counselling.POST_TEST["questions"])
              if q["value"]["prompt"] not in pre_prompts]
    questions = [*programme.PRE_TEST["questions"],
                 *(programme.POST_TEST["questions"][n] for n in others)]
    stream = []
    for n, question in enumerate(questions):
        key = f"sanad:demo-bank:{BANKED_COURSE}:{n}"
        value = dict(question["value"])
        if "choices" in value:
            value["choices"] = [{"type": "item", "id": str(uuid5(NAMESPACE_URL, f"{key}:{place}")),
                                 "value": choice} for place, choice in enumerate(value["choices"])]
        stream.append({"type": question["type"], "id": str(uuid5(NAMESPACE_URL, key)),
                       "value": value})
    return stream


def _seed_question_bank(programme, locale, source=None):
    """The course's question bank in ``locale`` (a translation of ``source``), created if
    missing."""
    data = programme.QUESTION_BANK
    if source is not None:
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            return existing
        bank = source.copy_for_translation(locale)
    else:
        existing = QuestionBank.objects.filter(name=data["name"], locale=locale).first()
        if existing is not None:
            return existing
        bank = QuestionBank(locale=locale)
    bank.name, bank.description = data["name"], data["description"]
    bank.questions = _bank_stream(programme)
    bank.save()
    return bank


# --- Pages ---------------------------------------------------------------------------


def _child(parent, model, slug, **fields):
    """The published child of `parent` with this slug, created if missing; (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    tags = fields.pop("tags", ())
    relations = fields.pop("relations", {})
    page = model(slug=slug, **fields)
    for name, rows in relations.items():
        setattr(page, name, rows)
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _with_documents(stream, documents):
    """Replace document slugs in raw StreamField data with the documents' ids."""
    resolved = []
    for block in stream:
        if block["type"] == "document":
            value = dict(block["value"], document=documents[block["value"]["document"]].pk)
            block = dict(block, value=value)
        resolved.append(block)
    return resolved


def _with_source_block_ids(stream, source_body):
    """Give each translated block the id of the source's block in the same place, as
    wagtail-localize does: a trainee's reflection is keyed to its prompt block's id, so
    the English and Arabic lessons must share it."""
    source = [(block.block_type, block.id) for block in source_body]
    if [block["type"] for block in stream] != [block_type for block_type, _ in source]:
        return stream
    return [dict(block, id=block_id) for block, (_, block_id) in zip(stream, source, strict=True)]


def _seed_library(home, documents):
    data = library_data.LIBRARY
    library, created = _child(home, ResourceIndexPage, library_data.LIBRARY_SLUG,
                              title=data["title"],
                              intro=data["intro"])
    for resource in library_data.RESOURCES:
        document = documents.get(resource.get("document"))
        _, new = _child(library, ResourcePage, resource["slug"], title=resource["title"],
                        kind=resource["kind"], summary=resource["summary"],
                        body=resource["body"], document=document, tags=resource["tags"])
        created += new
    return created


def _seed_programme(catalogue, programme, activity_kinds, competencies, documents, bank=None):
    data = programme.CURRICULUM
    curriculum, created = _child(catalogue, CurriculumPage, data["slug"], title=data["title"],
                                 summary=data["summary"], body=data["body"])
    data = programme.COURSE
    relations = {
        "practice_requirements": [
            CoursePracticeRequirement(activity_kind=activity_kinds[kind],
                                      minimum_hours=Decimal(hours))
            for kind, hours in data["practice"]],
        "competency_requirements": [
            CourseCompetency(competency=competencies[code], required_level=level)
            for code, level in data["competencies"]],
    }
    course, new = _child(
        curriculum, CoursePage, data["slug"], title=data["title"], summary=data["summary"],
        body=data["body"], audience=data["audience"],
        estimated_hours=Decimal(data["estimated_hours"]),
        required_supervision_hours=Decimal(data["required_supervision_hours"]),
        certificate_validity_months=data.get("certificate_validity_months"),
        enrolment=data["enrolment"], enrolment_key=data.get("enrolment_key", ""),
        relations=relations)
    created += new
    # Children are created in reading order: pre-test, modules, post-test.
    created += _assessment(course, programme.PRE_TEST, AssessmentPage.Kind.PRE_TEST, bank=bank)
    for module_data in programme.MODULES:
        module, new = _child(course, ModulePage, module_data["slug"],
                             title=module_data["title"], summary=module_data["summary"])
        created += new
        for lesson in module_data["lessons"]:
            _, new = _child(module, LessonPage, lesson["slug"], title=lesson["title"],
                            summary=lesson["summary"], estimated_minutes=lesson["minutes"],
                            body=_with_documents(lesson["body"], documents))
            created += new
        created += _assessment(module, module_data["check"], AssessmentPage.Kind.KNOWLEDGE_CHECK)
    created += _assessment(course, programme.POST_TEST, AssessmentPage.Kind.POST_TEST, bank=bank)
    return created


def _assessment(parent, data, kind, bank=None):
    # Knowledge checks are for practice: more attempts, a gentler pass mark.
    is_post_test = kind == AssessmentPage.Kind.POST_TEST
    fields = {"title": data["title"], "kind": kind, "intro": data["intro"],
              "pass_mark": 70 if is_post_test else 60, "max_attempts": 3 if is_post_test else 5,
              "feedback_timing": FEEDBACK_TIMING[kind], "questions": data["questions"]}
    if bank is not None:
        # Parallel forms: a pre-test is taken once, and both draw from the bank.
        fields.update(questions=[], question_bank=bank, questions_per_attempt=BANK_DRAW,
                      parallel_form=True)
        if kind == AssessmentPage.Kind.PRE_TEST:
            fields["max_attempts"] = 1
    _, created = _child(parent, AssessmentPage, data["slug"], **fields)
    return created


# --- Translations --------------------------------------------------------------------


def _translated_fields(translation):
    """Map each page's slug to the text fields of its translation."""
    fields = {
        "home": translation.HOME,
        CATALOGUE["slug"]: translation.CATALOGUE,
        translation.CURRICULUM["slug"]: translation.CURRICULUM,
        translation.COURSE["slug"]: translation.COURSE,
        translation.PRE_TEST["slug"]: translation.PRE_TEST,
        translation.POST_TEST["slug"]: translation.POST_TEST,
    }
    for module in translation.MODULES:
        fields[module["slug"]] = module
        fields[module["check"]["slug"]] = module["check"]
        for lesson in module["lessons"]:
            fields[lesson["slug"]] = lesson
    return fields


TEXT_FIELDS = ("title", "summary", "intro", "body", "questions")


def _translate(page, locale, fields, documents, bank=None):
    """The page's translation into `locale`, copied and filled in if it does not exist.
    An assessment drawing from a bank draws from the bank's translation (`bank`)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translated = page.copy_for_translation(locale).specific
    draws = isinstance(translated, AssessmentPage) and translated.draws_from_bank
    if draws and bank is not None:
        translated.question_bank = bank
    for name, value in fields.items():
        if name == "questions" and draws:
            continue
        if name in TEXT_FIELDS and hasattr(translated, name):
            if name == "body" and isinstance(translated, LessonPage):
                value = _with_source_block_ids(_with_documents(value, documents), page.body)
            setattr(translated, name, value)
    translated.draft_title = translated.title
    translated.save_revision().publish()
    return translated, True


def _seed_translation(home, locale, translation, documents, bank=None):
    """Translate the path Home → Catalogue → Curriculum → Course and the whole course."""
    fields = _translated_fields(translation)
    catalogue = home.get_children().get(slug=CATALOGUE["slug"])
    curriculum = catalogue.get_children().get(slug=translation.CURRICULUM["slug"])
    course = curriculum.get_children().get(slug=TRANSLATED_COURSE)
    created = 0
    for page in (home, catalogue, curriculum, course):
        _, new = _translate(page.specific, locale, fields[page.slug], documents)
        created += new
    # The library's front page, so the home page's card is in the reader's language; its
    # resources stay in the language they were written in.
    library = home.get_children().filter(slug=library_data.LIBRARY_SLUG).first()
    if library is not None and getattr(translation, "LIBRARY", None):
        _, new = _translate(library.specific, locale, translation.LIBRARY, documents)
        created += new
    for page in course.get_descendants().specific().order_by("path"):
        _, new = _translate(page, locale, fields[page.slug], documents, bank=bank)
        created += new
    return created
