"""The supervision forms' errors go through the shared summary: "Rate at least one
competency" leads to the first competency, an entry's errors to their fields."""

import re

from django.urls import reverse

from supervision.models import CompetencyRating, PracticeEntry
from tests.once import with_token


def summary_of(html):
    match = re.search(r'<div class="error-summary"[^>]*>.*?</div>', html, re.S)
    assert match, "no error summary on the page"
    return match.group(0)


def test_rating_nothing_is_linked_to_the_first_competency(client, enrollment, supervisor, course):
    client.force_login(supervisor)
    response = client.post(reverse("supervision:rating", args=[enrollment.pk]),
                           with_token({"observation": "role_play"}))
    assert response.status_code == 200
    summary = summary_of(response.text)
    assert 'role="alert"' in summary and "autofocus" in summary
    assert "Rate at least one competency." in summary
    # The link leads to a radio button of a competency's level (the first one shown).
    target = re.search(r'href="#([^"]+)"', summary).group(1)
    assert target.startswith("id_level_")
    assert f'id="{target}"' in response.text
    assert target.endswith("_0")
    assert not CompetencyRating.objects.exists()


def test_practice_entry_errors_link_to_each_field(client, enrollment, trainee, kinds):
    client.force_login(trainee)
    response = client.post(reverse("supervision:entry_create", args=[enrollment.pk]),
                           with_token({"date": "", "duration_minutes": "9999",
                                       "activity_kind": kinds[0].pk}))
    assert response.status_code == 200
    summary = summary_of(response.text)
    assert 'href="#id_date"' in summary and 'href="#id_duration_minutes"' in summary
    duration = re.search(r'<input[^>]*name="duration_minutes"[^>]*>', response.text).group(0)
    assert 'aria-invalid="true"' in duration
    assert "id_duration_minutes_error" in duration
    assert not PracticeEntry.objects.exists()
