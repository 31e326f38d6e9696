"""Assessments must not teach the answers to the test (issue 16).

Feedback is shown when the assessment says (after each attempt, once passed, after the
last attempt, after the post-test); a new attempt opens blank; a pre-test shows no pass
mark.
"""

import re

import pytest
from django.urls import reverse

from content.models import AssessmentPage
from courses.models import AssessmentAttempt
from tests.courses.conftest import answers
from tests.once import with_token

pytestmark = pytest.mark.django_db

FEEDBACK_HEADING = "<h3>Feedback on each question</h3>"


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


def test_a_refused_submission_comes_back_with_its_ticks_once(client, enrollment, post_test):
    client.force_login(enrollment.trainee)
    sent = answers(post_test, right=True)
    left_out = sorted(sent)[-1]
    sent.pop(left_out)  # one question left unanswered: refused, nothing graded
    response = client.post(reverse("courses:assessment_submit", args=[post_test.pk]),
                           with_token(sent), follow=True)
    assert not AssessmentAttempt.objects.exists()
    body = response.content.decode()
    assert "has no answer" in body
    ticked = _checked_inputs(body)
    assert len(ticked) == sum(len(v) if isinstance(v, list) else 1 for v in sent.values())
    assert not any(f'name="{left_out}"' in tag for tag in ticked)
    # Once: opening the test again afterwards is blank.
    assert _checked_inputs(client.get(post_test.url).content.decode()) == []


# --- Feedback is shown when the assessment says ------------------------------------------


def _timing(assessment, timing, **fields):
    AssessmentPage.objects.filter(pk=assessment.pk).update(feedback_timing=timing, **fields)
    assessment.refresh_from_db()
    return assessment


def _knowledge_check(plan):
    from wagtail.models import Page

    step = next(a for a in plan.assessments if a.kind == "knowledge_check")
    return Page.objects.get(pk=step.pk).specific


def test_feedback_after_each_attempt_shows_at_once_and_allows_a_retake(client, enrollment,
                                                                      plan):
    check = _timing(_knowledge_check(plan), "after_each_attempt")
    client.force_login(enrollment.trainee)
    body = _submit(client, check, right=False).content.decode()
    assert FEEDBACK_HEADING in body and "Not quite: listen and reflect first." in body
    assert "Submit a new attempt" in body


def test_feedback_once_passed_waits_for_the_pass_then_closes_the_test(client, enrollment,
                                                                      post_test):
    post_test = _timing(post_test, "once_passed", max_attempts=3)
    client.force_login(enrollment.trainee)
    body = _submit(client, post_test, right=False).content.decode()
    assert FEEDBACK_HEADING not in body and "Look again." not in body
    assert "shown once you pass" in body
    body = _submit(client, post_test, right=True).content.decode()
    assert FEEDBACK_HEADING in body and "Yes: reflecting shows you heard." in body
    # The answers are out: a third attempt would only copy them.
    assert "takes no more attempts" in body and "Submit a new attempt" not in body
    body = _submit(client, post_test, right=True).content.decode()
    assert "takes no more attempts" in body
    assert AssessmentAttempt.objects.filter(enrollment=enrollment).count() == 2


def test_feedback_after_the_last_attempt_waits_for_it(client, enrollment, post_test):
    post_test = _timing(post_test, "after_last_attempt")
    client.force_login(enrollment.trainee)
    body = _submit(client, post_test, right=False).content.decode()
    assert FEEDBACK_HEADING not in body and "shown after your last attempt" in body
    body = _submit(client, post_test, right=False).content.decode()
    assert FEEDBACK_HEADING in body and "Look again." in body
    # An earlier attempt's feedback is open now too.
    body = client.get(f"{post_test.url}?attempt=1").content.decode()
    assert FEEDBACK_HEADING in body


def test_pre_test_feedback_waits_for_the_post_test(client, enrollment, pre_test, post_test):
    pre_test = _timing(pre_test, "after_post_test")
    client.force_login(enrollment.trainee)
    body = _submit(client, pre_test, right=False).content.decode()
    assert "Your starting point" in body
    assert FEEDBACK_HEADING not in body and "finished the post-test" in body
    _submit(client, post_test, right=True)
    body = client.get(f"{pre_test.url}?attempt=1").content.decode()
    assert FEEDBACK_HEADING in body and "Not quite: listen and reflect first." in body


def test_timing_rules_for_each_setting():
    from courses.grading import attempts_closed_by_feedback, feedback_released

    def released(timing, **state):
        defaults = {"attempts_used": 1, "max_attempts": 3, "passed": False}
        return feedback_released(timing, **{**defaults, **state})

    assert not released("after_each_attempt", attempts_used=0)
    assert released("after_each_attempt")
    assert not released("once_passed") and released("once_passed", passed=True)
    assert not released("after_last_attempt", passed=True)
    assert released("after_last_attempt", attempts_used=3)
    assert released("after_last_attempt", course_active=False)
    assert not released("after_post_test") and released("after_post_test", post_test_over=True)
    assert not attempts_closed_by_feedback("after_each_attempt", True)
    assert attempts_closed_by_feedback("once_passed", True)
    assert not attempts_closed_by_feedback("once_passed", False)


def test_existing_assessments_get_the_timing_of_their_kind(course, pre_test, post_test, plan):
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "content.migrations.0007_feedback_defaults_and_bank_authoring")
    check = _knowledge_check(plan)
    for page in (pre_test, post_test, check):
        _timing(page, "after_last_attempt")
        page.save_revision()
    migration.set_feedback_defaults(apps, None)
    timings = dict(AssessmentPage.objects.filter(pk__in=[pre_test.pk, post_test.pk, check.pk])
                   .values_list("kind", "feedback_timing"))
    assert timings == {"pre_test": "after_post_test", "post_test": "once_passed",
                       "knowledge_check": "after_each_attempt"}
    # The editor opens the latest revision: it says the same.
    post_test.refresh_from_db()
    assert post_test.get_latest_revision().content["feedback_timing"] == "once_passed"
