"""Demo course content: the catalogue, three curricula with one course each, the
resource library, activity kinds and the competency framework.

Texts live in content/demo_content/ as plain data. Pages are looked up by slug under
their parent and only what is missing is created, so running the seed again changes
nothing. The basic-helping-skills course is translated into French and Arabic with
Wagtail's copy_for_translation, so each translation shares its page's translation_key
(learner progress is keyed to it).
"""

from decimal import Decimal

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale, Site

from .demo_content import counselling, counselling_ar, counselling_fr, mediation, psychosocial
from .demo_content import resources as library_data
from .demo_content.snippets import ACTIVITY_KINDS, COMPETENCIES, FRAMEWORK
from .models import (
    ActivityKind,
    AssessmentPage,
    CatalogueIndexPage,
    Competency,
    CourseCompetency,
    CoursePage,
    CoursePracticeRequirement,
    CurriculumPage,
    LessonPage,
    ModulePage,
    ResourceIndexPage,
    ResourcePage,
)

PROGRAMMES = (counselling, mediation, psychosocial)
TRANSLATIONS = {"fr": counselling_fr, "ar": counselling_ar}
TRANSLATED_COURSE = counselling.COURSE["slug"]

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
    documents = _seed_documents()

    created = 0
    catalogue, new = _child(home, CatalogueIndexPage, CATALOGUE["slug"],
                            title=CATALOGUE["title"], intro=CATALOGUE["intro"])
    created += new
    created += _seed_library(home, documents)
    for programme in PROGRAMMES:
        created += _seed_programme(catalogue, programme, activity_kinds, competencies, documents)
    for language, translation in TRANSLATIONS.items():
        created += _seed_translation(home, Locale.objects.get(language_code=language),
                                     translation, documents)
    stdout.write(f"Demo course content ready ({created} pages created).")


# --- Snippets and documents ----------------------------------------------------------


def _seed_activity_kinds():
    kinds = {}
    for name, name_fr, name_ar, description in ACTIVITY_KINDS:
        kinds[name], _ = ActivityKind.objects.get_or_create(
            name=name, defaults={"name_fr": name_fr, "name_ar": name_ar,
                                 "description": description})
    return kinds


def _seed_competencies():
    competencies = {}
    for code, name, name_fr, name_ar, description, *levels in COMPETENCIES:
        competencies[code], _ = Competency.objects.get_or_create(
            framework=FRAMEWORK, code=code,
            defaults={"name": name, "name_fr": name_fr, "name_ar": name_ar,
                      "description": description,
                      **{f"level_{n}_descriptor": text for n, text in enumerate(levels, 1)}})
    return competencies


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


def _seed_programme(catalogue, programme, activity_kinds, competencies, documents):
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
    created += _assessment(course, programme.PRE_TEST, AssessmentPage.Kind.PRE_TEST)
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
    created += _assessment(course, programme.POST_TEST, AssessmentPage.Kind.POST_TEST)
    return created


def _assessment(parent, data, kind):
    # Knowledge checks are for practice: more attempts, a gentler pass mark.
    is_post_test = kind == AssessmentPage.Kind.POST_TEST
    _, created = _child(parent, AssessmentPage, data["slug"], title=data["title"], kind=kind,
                        intro=data["intro"], pass_mark=70 if is_post_test else 60,
                        max_attempts=3 if is_post_test else 5, questions=data["questions"])
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


def _translate(page, locale, fields, documents):
    """The page's translation into `locale`, copied and filled in if it does not exist."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific, False
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        if name in TEXT_FIELDS and hasattr(translated, name):
            if name == "body" and isinstance(translated, LessonPage):
                value = _with_documents(value, documents)
            setattr(translated, name, value)
    translated.draft_title = translated.title
    translated.save_revision().publish()
    return translated, True


def _seed_translation(home, locale, translation, documents):
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
        _, new = _translate(page, locale, fields[page.slug], documents)
        created += new
    return created
