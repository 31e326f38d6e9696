import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from content.models import CoursePage
from tests.factories import (
    CoursePageFactory,
    CurriculumPageFactory,
    ModulePageFactory,
    catalogue_page,
    home_page,
)

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200
    return [c.title for c in response.context["courses"]]


def translate_tree(page, language="ar", publish=True):
    """Translate a page and any untranslated ancestors below the root, as an editor would."""
    locale = Locale.objects.get(language_code=language)
    for ancestor in [*page.get_ancestors().filter(depth__gte=2), page]:
        ancestor = ancestor.specific
        if not ancestor.has_translation(locale):
            translated = ancestor.copy_for_translation(locale)
            if publish:
                translated.save_revision().publish()
    return page.get_translation(locale)


@pytest.fixture
def catalogue(db):
    counselling = CurriculumPageFactory(title="Counselling methods")
    mediation = CurriculumPageFactory(title="Cultural mediation")
    CoursePageFactory(parent=counselling, title="Basic helping skills",
                      summary="Active listening and validation.", audience="non_specialists")
    CoursePageFactory(parent=counselling, title="Problem solving counselling",
                      summary="Structured problem solving.", audience="specialists")
    CoursePageFactory(parent=mediation, title="Working with interpreters",
                      summary="Three-way sessions.", audience="mixed")
    CoursePageFactory(parent=mediation, title="Draft course", live=False)
    return catalogue_page()


def test_catalogue_lists_live_courses(client, catalogue):
    assert titles(client.get(catalogue.url)) == [
        "Basic helping skills", "Problem solving counselling", "Working with interpreters"]


def test_catalogue_filters_by_curriculum_and_audience(client, catalogue):
    mediation = catalogue.get_children().get(title="Cultural mediation")
    assert titles(client.get(catalogue.url, {"curriculum": str(mediation.translation_key)})) == [
        "Working with interpreters"]
    assert titles(client.get(catalogue.url, {"audience": "specialists"})) == [
        "Problem solving counselling"]


def test_catalogue_filters_by_language(client, catalogue):
    course = CoursePage.objects.get(title="Basic helping skills")
    arabic_course = translate_tree(course)
    arabic_course.title = "مهارات المساعدة الأساسية"
    arabic_course.save_revision().publish()
    assert titles(client.get(catalogue.url, {"language": "ar"})) == ["مهارات المساعدة الأساسية"]
    assert len(titles(client.get(catalogue.url, {"language": "en"}))) == 3


def test_catalogue_search(client, catalogue):
    assert titles(client.get(catalogue.url, {"q": "interpreters"})) == ["Working with interpreters"]
    assert titles(client.get(catalogue.url, {"q": "validation"})) == ["Basic helping skills"]
    response = client.get(catalogue.url, {"q": "zebra", "audience": "mixed"})
    assert titles(response) == []
    html = response.content.decode()
    assert "No course matches these filters." in html


def test_catalogue_form_has_labels_and_ignores_bad_input(client, catalogue):
    response = client.get(catalogue.url, {"audience": "robots", "language": "xx"})
    assert response.status_code == 200
    html = response.content.decode()
    for field in ("q", "curriculum", "language", "audience"):
        assert f'<label for="id_{field}">' in html
    assert "Select a valid choice" in html


def test_catalogue_query_count_does_not_grow_with_courses(client, catalogue,
                                                          django_assert_num_queries):
    client.get(catalogue.url)
    with CaptureQueriesContext(connection) as captured:
        client.get(catalogue.url)
    few = len(captured)  # now: the next request clears the connection's query log
    curriculum = CurriculumPageFactory(title="Task-shifting")
    for n in range(8):
        CoursePageFactory(parent=curriculum, title=f"PFA {n}")
    # New pages move the content version on: the first request routes afresh.
    client.get(catalogue.url)
    with django_assert_num_queries(few):
        assert len(titles(client.get(catalogue.url))) == 11


def test_catalogue_empty_state(client):
    response = client.get(catalogue_page().url)
    assert "No courses are published yet" in response.content.decode()


def test_home_page_links_to_catalogue(client, catalogue):
    html = client.get("/").content.decode()
    assert f'href="{catalogue.url}"' in html


# --- translations ------------------------------------------------------------------------


def test_arabic_translation_is_right_to_left_and_shares_the_translation_key(client):
    course = CoursePageFactory(title="Psychological first aid", slug="pfa")
    module = ModulePageFactory(parent=course, title="Look, listen, link")
    arabic_module = translate_tree(module)
    arabic_course = arabic_module.get_parent().specific
    assert arabic_course.translation_key == course.translation_key
    assert arabic_module.translation_key == module.translation_key
    assert arabic_course.locale.language_code == "ar"

    response = client.get(arabic_course.url)
    assert arabic_course.url.startswith("/ar/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    # The English page links to the Arabic one, labelled in Arabic, and vice versa.
    english = client.get(course.url).content.decode()
    assert '<html lang="en" dir="ltr">' in english
    assert f'href="{arabic_course.url}" lang="ar" hreflang="ar" dir="rtl">العربيّة</a>' in english
    assert f'href="{course.url}" lang="en" hreflang="en" dir="ltr">English</a>' in html


def test_language_switcher_lands_on_the_translation(client):
    course = CoursePageFactory(title="Psychological first aid", slug="pfa")
    arabic_course = translate_tree(course)
    arabic_course.slug = "is3afat-nafsiya"
    arabic_course.save_revision().publish()
    arabic_course = CoursePage.objects.get(pk=arabic_course.pk)
    response = client.get(course.url)
    next_url = response.context["translation_next"]
    assert next_url == f"/translation/{course.translation_key}/"
    switched = client.post(reverse("set_language"), {"language": "ar", "next": next_url})
    assert switched.status_code == 302
    landing = client.get(switched["Location"])
    assert landing.status_code == 302
    assert landing["Location"].endswith(arabic_course.url)
    assert client.get(landing["Location"]).status_code == 200


def test_translation_route_falls_back_to_the_original(client):
    course = CoursePageFactory()
    response = client.get(f"/fr/translation/{course.translation_key}/")
    assert response.status_code == 302
    assert response["Location"].endswith(course.url)


def test_draft_translation_is_not_linked(client):
    course = CoursePageFactory()
    translate_tree(course.get_parent())
    locale = Locale.objects.get(language_code="fr")
    home_page()
    # A French translation kept as a draft is not offered to readers.
    for page in [*course.get_ancestors().filter(depth__gte=2), course]:
        page = page.specific
        if not page.has_translation(locale):
            page.copy_for_translation(locale)
    html = client.get(course.url).content.decode()
    assert 'hreflang="fr"' not in html
