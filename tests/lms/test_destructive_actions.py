"""Destructive actions look destructive and ask first, in a way that works without
JavaScript: the button that destroys is behind a step the reader opens on purpose."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.urls import reverse

from supervision.models import PracticeEntry
from tests.factories import EnrollmentFactory, PracticeEntryFactory, TraineeFactory, practice_course

pytestmark = pytest.mark.django_db


def _confirm_steps(html):
    return re.findall(r'<details class="[^"]*\bconfirm\b[^"]*">(.*?)</details>', html, re.S)


def test_removing_an_email_address_is_a_separate_red_step(client):
    trainee = TraineeFactory(email="layla@example.org")
    EmailAddress.objects.create(user=trainee, email="old@example.org", verified=True)
    client.force_login(trainee)
    html = client.get(reverse("account_email")).content.decode()
    [step] = _confirm_steps(html)
    assert 'name="action_remove" class="button-danger"' in step
    # Outside the step, no button removes anything, and the primary actions are not red.
    outside = html.replace(step, "")
    assert "action_remove" not in outside
    assert re.search(r'<button type="submit" name="action_primary">', outside)
    # The step still posts to allauth's own view, which removes the chosen address.
    response = client.post(reverse("account_email"), {"email": "old@example.org",
                                                      "action_remove": ""})
    assert response.status_code == 302
    assert not EmailAddress.objects.filter(email="old@example.org").exists()
    assert EmailAddress.objects.filter(email="layla@example.org").exists()


def test_deleting_a_draft_asks_first(client):
    enrollment = EnrollmentFactory(course=practice_course())
    entry = PracticeEntryFactory(enrollment=enrollment)
    client.force_login(enrollment.trainee)
    html = client.get(reverse("supervision:entry_detail", args=[entry.pk])).content.decode()
    [step] = _confirm_steps(html)
    assert reverse("supervision:entry_delete", args=[entry.pk]) in step
    assert 'class="button-danger"' in step
    assert PracticeEntry.objects.filter(pk=entry.pk).exists()  # looking deletes nothing


def test_danger_buttons_outweigh_the_primary_button_style():
    css = (settings.BASE_DIR / "lms" / "static" / "css" / "sanad.css").read_text()
    # The submit-button rule is (0,2,1) specific; the danger rule must be at least as
    # specific and come later, or a red button is drawn green.
    assert css.index("button[type=submit].button-danger") > css.index(
        "button[type=submit]:not(.link-button)")
