"""Grading an assessment on the server. Pure: reads the questions and the answers, writes
nothing, touches no database.

Answers come as the form sends them: for each question, the input ``q-<block id>`` with
the ids of the chosen choices (single and multiple choice) or "true"/"false". Anything
the questions do not know about is refused with a message naming it, so a tampered or
outdated form is never half-graded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from uuid import NAMESPACE_URL, uuid5

from django.utils.translation import gettext as _

ANSWER_PREFIX = "q-"
TRUE_FALSE_VALUES = ("true", "false")


class GradingError(ValueError):
    """The answers do not fit the questions (unknown question or choice, missing answer)."""


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    number: int
    prompt: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class GradeResult:
    score: Decimal  # percentage, one decimal place
    passed: bool
    answers: dict[str, list[str]]  # question id → values chosen, as stored on the attempt
    questions: list[QuestionResult]

    @property
    def correct_count(self) -> int:
        return sum(1 for q in self.questions if q.correct)


def answers_from_post(data: Mapping) -> dict[str, list[str]]:
    """Collect the ``q-<id>`` inputs of a submitted form as question id → values."""
    getlist = getattr(data, "getlist", None)
    answers: dict[str, list[str]] = {}
    for name in data:
        if not name.startswith(ANSWER_PREFIX):
            continue
        values = getlist(name) if getlist else data[name]
        if isinstance(values, str):
            values = [values]
        answers[name[len(ANSWER_PREFIX):]] = [str(v) for v in values if str(v) != ""]
    return answers


def stabilise_choice_ids(questions) -> None:
    """Give choices stored without an id (the list format older than Wagtail's item ids)
    an id derived from the question's id and the choice's place, instead of the random
    one Wagtail makes up on every read, so the form and the grading agree. Choices stored
    with their own id keep it."""
    raw = getattr(questions, "raw_data", None)
    if raw is None:
        # Not a StreamField's value (a list of questions already shown): their ids were
        # settled when the stream they came from was read.
        return
    for index, question in enumerate(questions):
        if question.block_type == "true_false":
            continue
        try:
            stored = raw[index]["value"].get("choices", [])
        except (IndexError, KeyError, TypeError, AttributeError):
            stored = []
        for place, child in enumerate(question.value["choices"].bound_blocks):
            item = stored[place] if place < len(stored) else None
            if not (isinstance(item, dict) and item.get("type") == "item" and item.get("id")):
                child.id = str(uuid5(NAMESPACE_URL, f"sanad:choice:{question.id}:{place}"))


def _choices(question) -> list[tuple[str, bool]]:
    return [(str(child.id), bool(child.value["is_correct"]))
            for child in question.value["choices"].bound_blocks]


def grade(questions: Iterable, answers: Mapping[str, Iterable[str]], *,
          pass_mark: int) -> GradeResult:
    """Grade ``answers`` against the assessment's ``questions`` StreamField.

    A choice question is right when exactly its correct choices are chosen; a true/false
    question when the statement's truth is chosen. Every question must be answered.
    Raises GradingError for an unknown question, an unknown choice, more than one answer
    to a single-answer question, or a question left unanswered.
    """
    stabilise_choice_ids(questions)
    questions = list(questions)
    known = {str(q.id) for q in questions}
    answers = {str(k): [str(v) for v in values] for k, values in answers.items()}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise GradingError(_("The answers name a question this assessment does not have "
                             "(%(ids)s). Reload the page and answer again.")
                           % {"ids": ", ".join(unknown)})
    results: list[QuestionResult] = []
    stored: dict[str, list[str]] = {}
    for number, question in enumerate(questions, start=1):
        qid = str(question.id)
        chosen = answers.get(qid, [])
        if not chosen:
            raise GradingError(_("Question %(number)d has no answer.") % {"number": number})
        if question.block_type == "true_false":
            if len(chosen) != 1 or chosen[0] not in TRUE_FALSE_VALUES:
                raise GradingError(_("Question %(number)d takes “true” or “false”.")
                                   % {"number": number})
            correct = chosen[0] == question.value["answer"]
        else:
            choices = _choices(question)
            choice_ids = {cid for cid, _ in choices}
            strangers = [c for c in chosen if c not in choice_ids]
            if strangers:
                raise GradingError(_("Question %(number)d has no choice “%(choice)s”.")
                                   % {"number": number, "choice": strangers[0]})
            if question.block_type != "multiple_choice" and len(chosen) > 1:
                raise GradingError(_("Question %(number)d takes one answer only.")
                                   % {"number": number})
            correct = set(chosen) == {cid for cid, is_correct in choices if is_correct}
        feedback = question.value.get("feedback_correct" if correct else "feedback_incorrect")
        results.append(QuestionResult(question_id=qid, number=number,
                                      prompt=str(question.value["prompt"]), correct=correct,
                                      feedback=str(feedback or "")))
        stored[qid] = sorted(set(chosen))
    if not results:
        raise GradingError(_("This assessment has no questions yet."))
    score = (Decimal(sum(1 for r in results if r.correct)) * 100 / len(results)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP)
    return GradeResult(score=score, passed=score >= pass_mark, answers=stored,
                       questions=results)


def feedback_for(questions: Iterable, answers: Mapping[str, Iterable[str]]) -> list[QuestionResult]:
    """Per-question results of answers already stored on an attempt.

    Questions edited since the attempt are shown as they now are; answers that no longer
    fit count as wrong rather than failing, because the attempt's score stands as graded.
    """
    stabilise_choice_ids(questions)
    results = []
    for number, question in enumerate(questions, start=1):
        qid = str(question.id)
        chosen = set(answers.get(qid, []))
        if question.block_type == "true_false":
            correct = chosen == {question.value["answer"]}
        else:
            correct = chosen == {cid for cid, ok in _choices(question) if ok}
        feedback = question.value.get("feedback_correct" if correct else "feedback_incorrect")
        results.append(QuestionResult(question_id=qid, number=number,
                                      prompt=str(question.value["prompt"]), correct=correct,
                                      feedback=str(feedback or "")))
    return results


def feedback_released(timing: str, *, attempts_used: int, max_attempts: int, passed: bool,
                      post_test_over: bool = False, course_active: bool = True) -> bool:
    """Whether the trainee may now see which answers were right, and each question's
    feedback, as the assessment's ``feedback_timing`` says. Before that only the score
    is shown: feedback that states the right answer must not come while an attempt that
    counts is still ahead.
    """
    from content.models import AssessmentPage

    Timing = AssessmentPage.FeedbackTiming
    if attempts_used == 0:
        return False
    if timing == Timing.AFTER_EACH_ATTEMPT:
        return True
    if timing == Timing.ONCE_PASSED:
        return passed
    if timing == Timing.AFTER_POST_TEST:
        return post_test_over or not course_active
    return attempts_used >= max_attempts or not course_active


def attempts_closed_by_feedback(timing: str, released: bool) -> bool:
    """Once the answers are shown, no further attempt counts: a retake would only copy
    them. Practice (feedback after each attempt) is the one exception."""
    from content.models import AssessmentPage

    return released and timing != AssessmentPage.FeedbackTiming.AFTER_EACH_ATTEMPT
