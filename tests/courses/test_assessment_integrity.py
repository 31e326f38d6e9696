"""Assessments must not teach the answers to the test (issue 16).

Feedback is shown when the assessment says (after each attempt, once passed, after the
last attempt, after the post-test); a new attempt opens blank; a pre-test shows no pass
mark.
"""

import re

import pytest
from django.urls import reverse

from courses.models import AssessmentAttempt
from tests.courses.conftest import answers
from tests.once import with_token

pytestmark = pytest.mark.django_db

FEEDBACK_HEADING = "Feedback on each question"


def _submit(client, assessment, *, right):
    return client.post(reverse("courses:assessment_submit", args=[assessment.pk]),
                       with_token(answers(assessment, right=right)), follow=True)


def _checked_inputs(body):
    return re.findall(r"<input[^>]*\bchecked\b[^>]*>", body)


# --- A pre-test has no pass mark on screen ---------------------------------------------


def test_pre_test_page_shows_no_pass_mark(client, enrollment, pre_test):
    client.force_login(enrollment.trainee)
    body = client.get(pre_test.url).content.decode()
    assert "Pass mark" not in body and "pass mark" not in body


def test_pre_test_result_shows_no_pass_mark_nor_pass_or_fail(client, enrollment, pre_test):
    client.force_login(enrollment.trainee)
    body = _submit(client, pre_test, right=False).content.decode()
    assert "Your starting point" in body and "you scored 0%" in body
    assert "pass mark" not in body.lower()
    assert "not passed" not in body.lower()


def test_post_test_still_shows_its_pass_mark(client, enrollment, post_test):
    client.force_login(enrollment.trainee)
    body = client.get(post_test.url).content.decode()
    assert "Pass mark 60%" in body


def test_course_outline_shows_no_pass_mark_for_the_pre_test(client, enrollment, course):
    client.force_login(enrollment.trainee)
    body = client.get(course.url).content.decode()
    outline = body[body.index("Pre-test"):]
    pre_test_entry = outline[:outline.index("</li>")]
    assert "pass mark" not in pre_test_entry


# --- A new attempt starts blank --------------------------------------------------------


def test_new_attempt_after_a_failed_one_starts_blank(client, enrollment, post_test):
    client.force_login(enrollment.trainee)
    response = _submit(client, post_test, right=False)
    assert AssessmentAttempt.objects.get().passed is False
    body = response.content.decode()
    assert "Submit a new attempt" in body
    assert _checked_inputs(body) == []
    assert 'autocomplete="off"' in body  # no browser restoring the last ticks either
    # Opening the test again (not the result) is blank too.
    assert _checked_inputs(client.get(post_test.url).content.decode()) == []

