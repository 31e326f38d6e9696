"""Question banks in Wagtail (issue 16): trainers author them like the other snippets,
and the editor refuses, with a clear message and nothing saved, an assessment whose draw
does not fit its bank."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from content.models import AssessmentPage, QuestionBank
from tests.content.test_authoring import form_data, logged_in
from tests.factories import (
    AssessmentPageFactory,
    CoursePageFactory,
    QuestionBankFactory,
    bank_questions,
)

pytestmark = pytest.mark.django_db

NO_QUESTIONS = nested_form_data({"questions": streamfield([])})


@pytest.fixture
def bank():
    return QuestionBankFactory(name="Helping skills: whole course", questions=bank_questions(9))


@pytest.fixture
def post_test(bank):
    return AssessmentPageFactory(parent=CoursePageFactory(), kind="post_test", title="Post-test",
                                 question_bank=bank, questions=[], questions_per_attempt=4,
                                 parallel_form=True, feedback_timing="once_passed")


def _page(**fields):
    defaults = {"title": "Post-test", "slug": "post-test", "kind": "post_test",
                "feedback_timing": "once_passed", "questions": []}
    return AssessmentPage(**{**defaults, **fields})


def _errors(page):
    with pytest.raises(ValidationError) as caught:
        page.clean()
    return {field: " ".join(messages) for field, messages in caught.value.message_dict.items()}


# --- The model refuses draws that do not fit ----------------------------------------------


def test_drawing_more_than_the_bank_holds_is_refused(bank):
    errors = _errors(_page(question_bank=bank, questions_per_attempt=10))
    assert errors["questions_per_attempt"] == ("The bank has 9 questions: draw at most that "
                                               "many, or add questions to the bank.")


def test_parallel_forms_must_fit_twice_in_the_bank(bank):
    errors = _errors(_page(question_bank=bank, questions_per_attempt=5, parallel_form=True))
    assert "each draw from half of it: draw at most 4" in errors["questions_per_attempt"]
    _page(question_bank=bank, questions_per_attempt=4, parallel_form=True).clean()


@pytest.mark.parametrize("fields, field, message", [
    ({"questions_per_attempt": None}, "questions_per_attempt", "Say how many questions"),
    ({"kind": "knowledge_check", "feedback_timing": "after_each_attempt",
      "questions_per_attempt": 2, "parallel_form": True}, "parallel_form",
     "Parallel forms are for a pre-test and a post-test."),
    ({"questions_per_attempt": 2, "questions": bank_questions(1)}, "questions",
     "draws its questions from a bank"),
])
def test_a_bank_draw_needs_a_count_and_no_written_questions(bank, fields, field, message):
    assert message in _errors(_page(question_bank=bank, **fields))[field]


def test_without_a_bank_questions_are_written(bank):
    errors = _errors(_page(questions_per_attempt=3, parallel_form=True))
    assert "Write at least one question" in errors["questions"]
    assert "Choose the question bank" in errors["questions_per_attempt"]
    assert "choose one" in errors["parallel_form"]


def test_feedback_timing_must_suit_the_kind():
    assert "nobody passes it" in _errors(_page(
        kind="pre_test", feedback_timing="once_passed",
        questions=bank_questions(1)))["feedback_timing"]
    assert "Only a pre-test" in _errors(_page(
        feedback_timing="after_post_test", questions=bank_questions(1)))["feedback_timing"]


def test_a_bank_cannot_shrink_below_what_its_assessments_draw(post_test, bank):
    bank = QuestionBank.objects.get(pk=bank.pk)
    bank.questions = list(bank.questions.raw_data)[:7]
    with pytest.raises(ValidationError) as caught:
        bank.full_clean()
    assert caught.value.message_dict["questions"] == [
        "“Post-test” draws from this bank and needs at least 8 questions in it."]


# --- In the Wagtail editor ----------------------------------------------------------------


def _edit_form(client, page):
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = form_data(client, url, streams=NO_QUESTIONS)
    # A ticked checkbox without a value attribute is sent as "on" by a browser.
    data["parallel_form"] = "on"
    return url, data


def test_editor_shows_the_message_and_saves_nothing(trainer, post_test):
    client = logged_in(trainer)
    url, data = _edit_form(client, post_test)
    data["questions_per_attempt"] = "6"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "each draw from half of it: draw at most 4" in response.content.decode()
    post_test.refresh_from_db()
    assert post_test.questions_per_attempt == 4
    assert post_test.get_latest_revision().content["questions_per_attempt"] == 4


def test_editor_saves_a_draw_that_fits(trainer, post_test):
    client = logged_in(trainer)
    url, data = _edit_form(client, post_test)
    data["questions_per_attempt"] = "3"
    assert client.post(url, data).status_code == 302
    post_test.refresh_from_db()
    assert post_test.get_latest_revision().as_object().questions_per_attempt == 3


def test_trainer_adds_and_edits_question_banks(trainer, bank):
    client = logged_in(trainer)
    assert client.get(reverse("wagtailsnippets_content_questionbank:list")).status_code == 200
    assert client.get(reverse("wagtailsnippets_content_questionbank:add")).status_code == 200
    assert client.get(reverse("wagtailsnippets_content_questionbank:edit",
                              args=(bank.pk,))).status_code == 200


@pytest.mark.parametrize("role", ["trainee", "supervisor", "manager"])
def test_other_roles_cannot_open_question_banks(role_users, role, bank):
    response = logged_in(role_users[role]).get(
        reverse("wagtailsnippets_content_questionbank:edit", args=(bank.pk,)))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_bank_in_use_cannot_be_deleted(superuser, post_test, bank):
    client = logged_in(superuser)
    url = reverse("wagtailsnippets_content_questionbank:delete", args=(bank.pk,))
    response = client.post(url)
    assert QuestionBank.objects.filter(pk=bank.pk).exists()
    assert response.status_code in (200, 302)


def test_pre_test_sharing_the_post_tests_bank_must_be_a_parallel_form(trainer, post_test,
                                                                      bank):
    pre_test = AssessmentPageFactory(parent=post_test.get_parent(), kind="pre_test",
                                     title="Pre-test", question_bank=bank, questions=[],
                                     questions_per_attempt=4, max_attempts=1,
                                     feedback_timing="after_post_test")
    client = logged_in(trainer)
    url = reverse("wagtailadmin_pages:edit", args=(pre_test.pk,))
    data = form_data(client, url, streams=NO_QUESTIONS)
    data["title"] = "Pre-test, renamed"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "“Post-test” draws from the same bank: tick “parallel forms” on both tests" in \
        response.content.decode()
    assert pre_test.get_latest_revision().content["title"] == "Pre-test"
    data["parallel_form"] = "on"
    assert client.post(url, data).status_code == 302
