"""Assessments drawing from a question bank (issue 16): N questions per attempt with the
choices shuffled, drawn once and kept with the attempt, and a pre-test and a post-test
as parallel forms that never share a question."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import QuestionBank
from content.selectors import question_banks_for
from courses import selectors
from courses.models import AssessmentAttempt, AssessmentDraw, Enrollment
from tests.factories import (
    AssessmentPageFactory,
    EnrollmentFactory,
    QuestionBankFactory,
    TraineeFactory,
    bank_questions,
    learning_course,
)
from tests.once import with_token

pytestmark = pytest.mark.django_db


def bank_course(*, size=10, per_attempt=4, parallel=True, post_attempts=3):
    """A course whose pre-test and post-test draw from one bank."""
    bank = QuestionBankFactory(questions=bank_questions(size))
    course = learning_course(title="Helping skills with a bank", modules=1,
                             lessons_per_module=1, optional_lessons=0, pre_test=False,
                             post_test=False)
    common = {"parent": course, "question_bank": bank, "questions": [],
              "questions_per_attempt": per_attempt, "parallel_form": parallel}
    pre = AssessmentPageFactory(kind="pre_test", title="Pre-test", slug="pre-test",
                                max_attempts=1, feedback_timing="after_post_test", **common)
    post = AssessmentPageFactory(kind="post_test", title="Post-test", slug="post-test",
                                 pass_mark=60, max_attempts=post_attempts,
                                 feedback_timing="after_last_attempt", **common)
    return course, bank, pre, post


@pytest.fixture
def banked():
    return bank_course()


def _open(client, trainee, page, query=""):
    client.force_login(trainee)
    response = client.get(page.url + query)
    assert response.status_code == 200
    return response.content.decode()


def _draw(enrollment, page, number=1):
    return AssessmentDraw.objects.get(enrollment=enrollment, assessment_key=page.translation_key,
                                      number=number)


def _drawn(enrollment, page, number=1):
    draw = _draw(enrollment, page, number)
    return selectors.drawn_questions(question_banks_for(page)[0], draw)


def _answers(questions, *, right=True):
    data = {}
    for question in questions:
        choices = [(str(c.id), c.value["is_correct"]) for c in question.choices]
        data[f"q-{question.id}"] = [next(cid for cid, ok in choices if ok is right)]
    return data


def _submit(client, page, data):
    return client.post(reverse("courses:assessment_submit", args=[page.pk]), with_token(data),
                       follow=True)


def _raw(questions):
    """Factory questions as raw StreamField data, to add to a bank's stored ones."""
    return [{"type": kind, "value": value} for kind, value in questions]


def _prompts(body):
    return re.findall(r"Bank question \d+", body)


# --- Each attempt draws its own questions, once --------------------------------------------


def test_opening_draws_n_questions_and_a_reload_shows_the_same(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    body = _open(client, trainee, post)
    draw = _draw(enrollment, post)
    assert len(draw.questions) == 4 and len(set(draw.questions)) == 4
    assert "4 questions" in body
    shown = _prompts(body)
    assert len(shown) == 4
    # Shown in the stored order, the choices too.
    expected = [q.value["prompt"] for q in _drawn(enrollment, post)]
    assert shown == expected
    first = _drawn(enrollment, post)[0]
    labels = re.findall(r"Choice [ABCD]\d+", body)[:4]
    assert labels == [c.value["text"] for c in first.choices]
    again = _open(client, trainee, post)
    assert _prompts(again) == shown and re.findall(r"Choice [ABCD]\d+", again) == \
        re.findall(r"Choice [ABCD]\d+", body)
    assert AssessmentDraw.objects.filter(enrollment=enrollment).count() == 1


def test_the_choices_are_shuffled(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, post)
    draw = _draw(enrollment, post)
    authored = {str(q.id): [str(c.id) for c in q.value["choices"].bound_blocks]
                for q in question_banks_for(post)[0].questions}
    for qid, order in draw.choice_order.items():
        assert sorted(order) == sorted(authored[qid])
    assert any(order != authored[qid] for qid, order in draw.choice_order.items())


def test_submission_is_graded_against_the_drawn_questions(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, post)
    drawn = _drawn(enrollment, post)
    body = _submit(client, post, _answers(drawn)).content.decode()
    attempt = AssessmentAttempt.objects.get(enrollment=enrollment)
    assert attempt.score == 100 and attempt.passed
    assert set(attempt.answers) == {q.id for q in drawn}
    assert "you scored 100%" in body


def test_answering_a_question_that_was_not_drawn_is_refused(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, post)
    drawn = _drawn(enrollment, post)
    other = next(q for q in bank.questions if str(q.id) not in {d.id for d in drawn})
    data = _answers(drawn[1:])
    data[f"q-{other.id}"] = [str(other.value["choices"].bound_blocks[0].id)]
    body = _submit(client, post, data).content.decode()
    assert "does not have" in body
    assert not AssessmentAttempt.objects.exists()


def test_a_result_is_shown_with_its_own_questions_after_the_bank_changes(client, trainee,
                                                                         banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    AssessmentPageFactory._meta.model.objects.filter(pk=post.pk).update(
        feedback_timing="after_each_attempt")
    _open(client, trainee, post)
    drawn = [q.value["prompt"] for q in _drawn(enrollment, post)]
    _submit(client, post, _answers(_drawn(enrollment, post), right=False))
    # An editor puts two new questions first and reorders the rest.
    bank = QuestionBank.objects.get(pk=bank.pk)
    bank.questions = _raw(bank_questions(2, prefix="Added question")) + list(
        reversed(list(bank.questions.raw_data)))
    bank.save()
    body = _open(client, trainee, post, "?attempt=1")
    feedback = body[body.index("<h3>Feedback on each question</h3>"):]
    assert _prompts(feedback[:feedback.index("</ol>")]) == drawn


def test_a_pending_draw_whose_question_was_removed_is_drawn_again(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, post)
    removed = _draw(enrollment, post).questions[0]
    bank = QuestionBank.objects.get(pk=bank.pk)
    bank.questions = [block for block in bank.questions.raw_data if block["id"] != removed]
    bank.save()
    _open(client, trainee, post)
    draw = _draw(enrollment, post)
    assert removed not in draw.questions and len(draw.questions) == 4


def test_a_retake_asks_other_questions_where_the_form_has_them(client, trainee):
    course, bank, pre, post = bank_course(size=20, per_attempt=4)
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, post)
    first = _drawn(enrollment, post)
    _submit(client, post, _answers(first, right=False))
    second = _draw(enrollment, post, 2)
    assert not set(second.questions) & {q.id for q in first}


# --- Parallel forms ---------------------------------------------------------------------


def test_parallel_forms_never_share_a_question(client, banked):
    course, bank, pre, post = banked
    pre_sets = set()
    for n in range(6):
        trainee = TraineeFactory(email=f"parallel{n}@example.org")
        enrollment = EnrollmentFactory(trainee=trainee, course=course)
        _open(client, trainee, pre)
        _submit(client, pre, _answers(_drawn(enrollment, pre), right=False))
        _open(client, trainee, post)
        for number in (1, 2, 3):
            if number > 1:
                _submit(client, post, _answers(_drawn(enrollment, post, number - 1),
                                               right=False))
            assert not set(_draw(enrollment, pre).questions) & set(
                _draw(enrollment, post, number).questions)
        pre_sets.add(frozenset(_draw(enrollment, pre).questions))
    # Each trainee's bank is split their own way: the forms are balanced across a cohort.
    assert len(pre_sets) > 1


def test_a_post_test_not_yet_ticked_parallel_avoids_the_pre_tests_questions(client, trainee):
    course, bank, pre, post = bank_course(size=10, per_attempt=5)
    post.parallel_form = False
    post.save_revision().publish()
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, pre)
    _open(client, trainee, post)
    assert not set(_draw(enrollment, pre).questions) & set(_draw(enrollment, post).questions)


def test_parallel_forms_stay_apart_when_the_bank_grows_between_them(client, trainee, banked):
    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, pre)
    bank = QuestionBank.objects.get(pk=bank.pk)
    bank.questions = list(bank.questions.raw_data) + _raw(
        bank_questions(6, prefix="Later question"))
    bank.save()
    _open(client, trainee, post)
    assert not set(_draw(enrollment, pre).questions) & set(_draw(enrollment, post).questions)


def test_knowledge_gain_is_recorded_and_counted_with_drawn_questions(client, trainee, banked):
    from courses.indicators import population
    from lms.indicators import Filters, Viewer, registry

    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, pre)
    _submit(client, pre, _answers(_drawn(enrollment, pre)[:2])
            | _answers(_drawn(enrollment, pre)[2:], right=False))  # 2 of 4 right: 50 %
    _open(client, trainee, post)
    _submit(client, post, _answers(_drawn(enrollment, post)))  # 100 %
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    assert enrollment.knowledge_gain == 50
    today = timezone.localdate()
    filters = Filters(start=today - datetime.timedelta(days=1), end=today)
    table = registry.get("knowledge_gain").compute(
        population(Viewer(user_id=None, organisation_ids=None), filters), None, filters)
    values = {key: cell.value for key, cell in table.total.cells.items()}
    assert values["tested"] == 1 and values["pre"] == 50 and values["post"] == 100
    assert values["gain"] == 50


# --- The page costs the same whatever the size of the bank ---------------------------------

# The assessment page's eleven (session, user, routing, restrictions, enrollment,
# translations, progress, attempt summaries, attempts, breadcrumbs) and two for the
# bank: the bank in the reader's language, and the draws of the attempts shown.
ASSESSMENT_PAGE_QUERIES = 13


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_assessment_page_query_count_does_not_grow_with_the_bank(client, trainee,
                                                               django_assert_num_queries):
    first_opens, reloads, results = [], [], []
    for size in (10, 200):
        course, bank, pre, post = bank_course(size=size, per_attempt=4)
        enrollment = EnrollmentFactory(trainee=trainee, course=course)
        client.force_login(trainee)
        client.get(course.url)  # the plan is cached, as for every reader after the first
        count, body = _count(client, post.url)
        first_opens.append(count)
        count, body = _count(client, post.url)
        reloads.append(count)
        assert len(_prompts(body)) == 4
        _submit(client, post, _answers(_drawn(enrollment, post), right=False))
        count, body = _count(client, f"{post.url}?attempt=1")
        results.append(count)
        assert "you scored 0%" in body
    assert first_opens[0] == first_opens[1], first_opens
    assert reloads[0] == reloads[1], reloads
    assert results[0] == results[1], results
    with django_assert_num_queries(ASSESSMENT_PAGE_QUERIES):
        client.get(post.url)


# --- The person's data --------------------------------------------------------------------


def test_personal_data_has_the_questions_each_attempt_drew(client, trainee, banked):
    import json

    from django.core.serializers.json import DjangoJSONEncoder

    from courses import personal_data

    course, bank, pre, post = banked
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    _open(client, trainee, pre)
    drawn = [q.value["prompt"] for q in _drawn(enrollment, pre)]
    _submit(client, pre, _answers(_drawn(enrollment, pre)))
    _open(client, trainee, post)  # opened, not submitted
    data = personal_data.export(trainee).data
    [record] = data["enrollments"]
    [attempt] = record["assessment_attempts"]
    assert [q["prompt"] for q in attempt["questions_drawn"]["questions"]] == drawn
    assert all(len(q["choices_in_order_shown"]) == 4
               for q in attempt["questions_drawn"]["questions"])
    [opened] = record["assessment_attempts_opened"]
    assert opened["assessment_key"] == post.translation_key and len(opened["questions"]) == 4
    json.dumps(data, cls=DjangoJSONEncoder)  # the archive writes it as JSON


def test_course_trainer_previews_a_sample_draw_and_nothing_is_drawn(client, trainer, banked):
    from tests.factories import CohortFactory

    course, bank, pre, post = banked
    CohortFactory(course=course).trainers.add(trainer)
    body = _open(client, trainer, post)
    assert "Preview: you are reading this assessment" in body
    assert len(_prompts(body)) == 4
    assert not AssessmentDraw.objects.exists()


# --- The draw itself (pure) -----------------------------------------------------------------


def test_parallel_halves_split_the_bank_and_barely_move_when_it_grows():
    import uuid

    from courses.draws import parallel_half

    ids = [str(uuid.uuid5(uuid.NAMESPACE_URL, f"question-{n}")) for n in range(11)]
    key = uuid.uuid4()
    first = parallel_half(ids, enrollment_id=7, bank_key=key, first=True)
    second = parallel_half(ids, enrollment_id=7, bank_key=key, first=False)
    assert len(first) == 5 and len(second) == 6 and not set(first) & set(second)
    assert set(first) | set(second) == set(ids)
    grown = parallel_half([*ids, str(uuid.uuid4())], enrollment_id=7, bank_key=key, first=True)
    assert len(set(first) - set(grown)) <= 1
    # Another trainee's halves are cut elsewhere.
    assert any(set(parallel_half(ids, enrollment_id=n, bank_key=key, first=True)) != set(first)
               for n in range(8, 12))


def test_a_draw_is_the_same_each_time_for_the_same_attempt():
    from courses.draws import draw

    ids = [f"q{n}" for n in range(10)]
    choices = {qid: [f"{qid}-c{n}" for n in range(4)] for qid in ids}
    once = draw(ids, count=4, seed=(3, "key", 1), choices=choices)
    again = draw(ids, count=4, seed=(3, "key", 1), choices=choices)
    assert once == again and len(once.questions) == 4
    retake = draw(ids, count=4, seed=(3, "key", 2), seen=once.questions, choices=choices)
    assert not set(retake.questions) & set(once.questions)
