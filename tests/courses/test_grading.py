from decimal import Decimal

import pytest

from courses import grading
from tests.courses.conftest import answers, as_answers


def test_all_right_scores_100_and_passes(post_test):
    result = grading.grade(post_test.questions, as_answers(answers(post_test)), pass_mark=60)
    assert result.score == Decimal("100.0")
    assert result.passed
    assert [q.correct for q in result.questions] == [True, True, True]
    assert result.questions[0].feedback == "Yes: reflecting shows you heard."


def test_all_wrong_scores_0_with_feedback(post_test):
    result = grading.grade(post_test.questions, as_answers(answers(post_test, right=False)),
                           pass_mark=60)
    assert result.score == 0 and not result.passed
    assert result.questions[1].feedback == "Look again."


def test_partly_right_rounds_to_one_decimal(post_test):
    data = as_answers(answers(post_test))
    wrong = as_answers(answers(post_test, right=False))
    first = next(iter(data))
    data[first] = wrong[first]
    result = grading.grade(post_test.questions, data, pass_mark=60)
    assert result.score == Decimal("66.7") and result.passed


def test_multiple_choice_needs_every_correct_choice(post_test):
    data = as_answers(answers(post_test))
    multiple = [q for q in post_test.questions if q.block_type == "multiple_choice"][0]
    data[str(multiple.id)] = data[str(multiple.id)][:1]
    result = grading.grade(post_test.questions, data, pass_mark=60)
    assert not result.questions[2].correct


@pytest.mark.parametrize("tamper, message", [
    (lambda d, q: d.update({q[0]: ["not-a-choice"]}), "has no choice"),
    (lambda d, q: d.update({"unknown-question": ["x"]}), "does not have"),
    (lambda d, q: d.pop(q[1]), "has no answer"),
    (lambda d, q: d.update({q[1]: ["maybe"]}), "true"),
    (lambda d, q: d.update({q[0]: d[q[0]] + ["other"]}), "Question 1"),
])
def test_answers_that_do_not_fit_are_refused(post_test, tamper, message):
    data = as_answers(answers(post_test))
    ids = [str(q.id) for q in post_test.questions]
    tamper(data, ids)
    with pytest.raises(grading.GradingError, match=message):
        grading.grade(post_test.questions, data, pass_mark=60)


def test_answers_from_post_collects_only_question_inputs():
    from django.http import QueryDict

    data = QueryDict("q-a=1&q-a=2&q-b=true&csrfmiddlewaretoken=x")
    assert grading.answers_from_post(data) == {"a": ["1", "2"], "b": ["true"]}


def test_choices_stored_without_ids_get_the_same_id_on_every_read(post_test):
    """Content saved in the older list format has no choice ids; Wagtail would invent new
    ones on each read, so the form's values could never be graded."""
    from content.models import AssessmentPage

    raw = list(post_test.questions.raw_data)
    for question in raw:
        if "choices" in question["value"]:
            question["value"]["choices"] = [item["value"] for item in question["value"]["choices"]]
    AssessmentPage.objects.filter(pk=post_test.pk).update(questions=raw)
    first = AssessmentPage.objects.get(pk=post_test.pk)
    second = AssessmentPage.objects.get(pk=post_test.pk)
    grading.stabilise_choice_ids(first.questions)
    data = as_answers(answers(first))
    result = grading.grade(second.questions, data, pass_mark=60)
    assert result.score == Decimal("100.0")
