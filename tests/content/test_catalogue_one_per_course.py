"""The catalogue lists each course once: in the reader's language where it is translated,
otherwise in its original language with a note of that language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from content.models import CatalogueIndexPage, CoursePage, ResourceIndexPage
from tests.content.test_catalogue_and_languages import catalogue, titles, translate_tree  # noqa: F401
from tests.factories import CoursePageFactory, CurriculumPageFactory, home_page

pytestmark = pytest.mark.django_db


def _translate(page, language, title):
    translated = translate_tree(page, language)
    translated.title = title
    translated.save_revision().publish()
    return translated


@pytest.fixture
def translated_course(catalogue):  # noqa: F811
    course = CoursePage.objects.get(title="Basic helping skills")
    _translate(course, "ar", "مهارات المساعدة الأساسية")
    _translate(course, "fr", "Compétences d’aide de base")
    return course


def _arabic_catalogue():
    return CatalogueIndexPage.objects.get(locale__language_code="ar")


def test_the_arabic_catalogue_lists_each_course_once_in_arabic_where_translated(
        client, translated_course):
    listed = titles(client.get(_arabic_catalogue().url))
    assert sorted(listed) == sorted(["مهارات المساعدة الأساسية", "Problem solving counselling",
                                     "Working with interpreters"])


def _cards(html):
    return html.split('<li class="card course-card">')[1:]


def test_untranslated_courses_carry_a_note_and_the_lang_of_their_language(client,
                                                                         translated_course):
    html = client.get(_arabic_catalogue().url).content.decode()
    cards = {card.split("</a></h2>")[0].rsplit(">", 1)[1]: card for card in _cards(html)}
    for title in ("Problem solving counselling", "Working with interpreters"):
        assert '<div lang="en" dir="auto">' in cards[title]
        assert "باللغة الإنجليزية" in cards[title]
    arabic = cards["مهارات المساعدة الأساسية"]
    assert '<div lang="ar" dir="auto">' in arabic and "باللغة" not in arabic


def test_the_english_catalogue_keeps_english_and_the_french_one_french(client,
                                                                      translated_course):
    english = CatalogueIndexPage.objects.get(locale__language_code="en")
    assert sorted(titles(client.get(english.url))) == [
        "Basic helping skills", "Problem solving counselling", "Working with interpreters"]
    french = CatalogueIndexPage.objects.get(locale__language_code="fr")
    assert "Compétences d’aide de base" in titles(client.get(french.url))
    assert len(titles(client.get(french.url))) == 3


def test_a_course_written_in_arabic_first_is_listed_in_arabic_to_english_readers(client,
                                                                                 catalogue):  # noqa: F811
    arabic_curriculum = translate_tree(CurriculumPageFactory(title="Community work"), "ar")
    CoursePageFactory(parent=arabic_curriculum, title="الإسعاف النفسي الأولي")
    english = CatalogueIndexPage.objects.get(locale__language_code="en")
    html = client.get(english.url).content.decode()
    assert "الإسعاف النفسي الأولي" in titles(client.get(english.url))
    assert "In Arabic" in html


def test_choosing_a_language_lists_that_languages_versions(client, translated_course):
    assert titles(client.get(_arabic_catalogue().url, {"language": "en"})) == [
        "Basic helping skills", "Problem solving counselling", "Working with interpreters"]


def test_one_version_per_course_costs_the_same_at_any_size(client, translated_course):
    url = _arabic_catalogue().url
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    curriculum = CoursePage.objects.get(title="Problem solving counselling").get_parent()
    for n in range(6):
        _translate(CoursePageFactory(parent=curriculum, title=f"PFA {n}"), "ar", f"إسعاف {n}")
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        assert len(titles(client.get(url))) == 9
    assert len(many) == len(few)


def test_home_page_cards_are_in_the_readers_language(client, translated_course):
    home = home_page()
    home.add_child(instance=ResourceIndexPage(title="Resource library", slug="resources"))
    arabic_home = translate_tree(home, "ar")
    html = client.get(arabic_home.url).content.decode()
    assert "Resource library" not in html
    assert "مكتبة الموارد" in html
    assert Locale.objects.filter(language_code="ar").exists()


def test_courses_in_the_readers_language_come_first(client, translated_course):
    listed = titles(client.get(_arabic_catalogue().url))
    assert listed[0] == "مهارات المساعدة الأساسية"


def test_a_course_is_found_by_its_title_in_any_of_its_languages(client, translated_course):
    # An Arabic reader searching the English title finds the course, listed in Arabic.
    assert titles(client.get(_arabic_catalogue().url, {"q": "helping skills"})) == [
        "مهارات المساعدة الأساسية"]
    assert titles(client.get(_arabic_catalogue().url, {"q": "مهارات المساعدة"})) == [
        "مهارات المساعدة الأساسية"]
