"""The learner's writes a device may queue offline (see lms.offline_writes): lessons marked
complete, reflections, and knowledge-check answers, graded here when they arrive."""

from __future__ import annotations

from django.utils.translation import gettext as _

from content.models import AssessmentPage, LessonPage
from lms.offline_writes import QueuedWrite, WriteKind, WriteRefused

from . import grading, selectors, services


def _page(request, page_id, model):
    page = selectors.page_or_404(page_id, model)
    # A page behind a password or a group is refused offline as it is online.
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            raise WriteRefused(_("This page is restricted: you cannot use it yet."))
    return page


def lesson_complete(write: QueuedWrite, request) -> dict:
    lesson = _page(request, write.fields.get("lesson"), LessonPage)
    services.lesson_complete(trainee=request.user, lesson=lesson)
    return {"lesson": lesson.pk, "url": lesson.get_url(request)}


def reflection_save(write: QueuedWrite, request) -> dict:
    lesson = _page(request, write.fields.get("lesson"), LessonPage)
    block_id = str(write.fields.get("block", ""))
    text = write.fields.get("text", "")
    services.reflection_save(trainee=request.user, lesson=lesson, block_id=block_id,
                             text=text if isinstance(text, str) else "")
    return {"lesson": lesson.pk, "url": f"{lesson.get_url(request)}#reflection-{block_id}"}


def assessment_submit(write: QueuedWrite, request) -> dict:
    assessment = _page(request, write.fields.get("assessment"), AssessmentPage)
    if assessment.kind != AssessmentPage.Kind.KNOWLEDGE_CHECK:
        # Tests that count for completion and knowledge gain are taken online only.
        raise WriteRefused(_("Pre-tests and post-tests can only be taken online."))
    answers = write.fields.get("answers")
    if not isinstance(answers, dict):
        # Sent as the form's own fields (q-<question id>).
        answers = grading.answers_from_post(write.data())
    answers = {str(question): [str(v) for v in (values if isinstance(values, list)
                                                else [values]) if str(v) != ""]
               for question, values in answers.items()}
    attempt = services.assessment_submit(trainee=request.user, assessment=assessment,
                                         answers=answers)
    return {"attempt": attempt.number, "score": str(attempt.score), "passed": attempt.passed,
            "url": f"{assessment.get_url(request)}?attempt={attempt.number}#result"}


def describe_attempt(result: dict) -> str:
    score = result.get("score", "")
    score = score.rstrip("0").rstrip(".") if "." in score else score
    if result.get("passed"):
        return _("Your knowledge check was graded: %(score)s%%, passed.") % {"score": score}
    return _("Your knowledge check was graded: %(score)s%%, not passed.") % {"score": score}


def register(registry) -> None:
    registry.register(WriteKind("lesson.complete", lesson_complete,
                                lambda result: _("Lesson marked complete.")))
    registry.register(WriteKind("reflection.save", reflection_save,
                                lambda result: _("Your reflection is saved.")))
    registry.register(WriteKind("assessment.submit", assessment_submit, describe_attempt))
