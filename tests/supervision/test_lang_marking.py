"""Arabic pages mark text that is in another language, so a screen reader reads it with
the right voice and it keeps its own direction."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def test_rating_form_names_competencies_in_arabic_where_translated_and_marks_the_rest(
        client, enrollment, supervisor, course):
    rows = course.competency_requirements.select_related("competency").order_by("sort_order")
    listening, safety = (row.competency for row in rows)
    listening.description = "Reflects feelings and content back to the client."
    listening.save()
    arabic = listening.copy_for_translation(Locale.objects.get_or_create(language_code="ar")[0])
    arabic.name = "الإصغاء الفعّال"
    arabic.save()
    url = reverse("supervision:rating", args=[enrollment.pk])
    client.force_login(supervisor)
    html = client.get("/ar" + url).content.decode()
    assert f"<legend>{listening.code} الإصغاء الفعّال</legend>" in html
    assert f'<legend>{safety.code} <bdi lang="en">Safety and referral</bdi></legend>' in html
    assert '<bdi lang="en">Reflects feelings and content back to the client.</bdi>' in html
    english = client.get(url).content.decode()
    assert "<bdi lang=" not in english and f"<legend>{listening.code} Active listening" in english


def test_the_site_name_in_the_title_is_translated(client, enrollment, supervisor):
    client.force_login(supervisor)
    html = client.get("/ar" + reverse("supervision:queue")).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.endswith("· سند") and "Sanad" not in title


def test_level_descriptors_written_in_english_are_marked_on_arabic_pages(client, enrollment,
                                                                        supervisor, course):
    competency = course.competency_requirements.first().competency
    url = reverse("supervision:rating", args=[enrollment.pk])
    client.force_login(supervisor)
    html = client.get("/ar" + url).content.decode()
    assert (f'<span class="descriptor" lang="en" dir="auto">{competency.level_3_descriptor}'
            in html)
    assert 'class="descriptor" lang=' not in client.get(url).content.decode()
