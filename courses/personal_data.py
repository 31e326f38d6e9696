"""The learner layer's part of a person's data: enrollments, progress, attempts (with
the questions each drew from a bank), their reflections and the cohort invitations sent
to their address. Registered in `CoursesConfig.ready()`."""

from __future__ import annotations

from django.db.models import Q

from content.models import QuestionBank
from lms.personal_data import Contributor, PersonalDataPart

from .models import (
    AssessmentAttempt,
    AssessmentDraw,
    CohortInvitation,
    Enrollment,
    LessonProgress,
    Reflection,
)


def export(user) -> PersonalDataPart:
    """The person's enrollments with their lesson progress and assessment attempts."""
    enrollments = list(Enrollment.objects.filter(trainee=user)
                       .select_related("course", "cohort").order_by("enrolled_at", "pk"))
    ids = [e.pk for e in enrollments]
    progress: dict[int, list] = {pk: [] for pk in ids}
    for row in LessonProgress.objects.filter(enrollment_id__in=ids).order_by("completed_at"):
        progress[row.enrollment_id].append({"lesson_key": row.page_key,
                                            "completed_at": row.completed_at})
    draw_rows = list(AssessmentDraw.objects.filter(enrollment_id__in=ids)
                     .order_by("enrollment_id", "assessment_key", "number"))
    prompts = _prompts(draw_rows)
    draws = {(d.enrollment_id, d.assessment_key, d.number): _draw(d, prompts)
             for d in draw_rows}
    attempts: dict[int, list] = {pk: [] for pk in ids}
    attempt_rows = list(AssessmentAttempt.objects.filter(enrollment_id__in=ids))
    for attempt in attempt_rows:
        attempts[attempt.enrollment_id].append({
            "assessment_key": attempt.assessment_key, "kind": attempt.kind,
            "number": attempt.number, "score": attempt.score, "passed": attempt.passed,
            "answers": attempt.answers, "submitted_at": attempt.submitted_at,
            # The questions this attempt drew from a bank, as they were shown.
            "questions_drawn": draws.pop((attempt.enrollment_id, attempt.assessment_key,
                                          attempt.number), None)})
    # Questions drawn for an attempt opened but not submitted.
    opened: dict[int, list] = {pk: [] for pk in ids}
    for (enrollment_id, key, number), draw in draws.items():
        opened[enrollment_id].append({"assessment_key": key, "number": number, **draw})
    reflections: dict[int, list] = {pk: [] for pk in ids}
    reflection_rows = list(Reflection.objects.filter(enrollment_id__in=ids).order_by("created_at"))
    for reflection in reflection_rows:
        reflections[reflection.enrollment_id].append({
            "lesson_key": reflection.lesson_key, "prompt": reflection.prompt,
            "text": reflection.text, "shared_with_supervisors_at": reflection.shared_at,
            "written_at": reflection.created_at, "last_saved_at": reflection.updated_at})
    data = {
        "enrollments": [{
            "id": e.pk, "course": e.course.title, "course_key": e.course_key,
            "cohort": e.cohort.name if e.cohort_id else None, "status": e.status,
            "enrolled_at": e.enrolled_at, "completed_at": e.completed_at,
            "withdrawn_at": e.withdrawn_at, "knowledge_gain": e.knowledge_gain,
            "lessons_completed": progress[e.pk], "assessment_attempts": attempts[e.pk],
            "reflections": reflections[e.pk],
            "assessment_attempts_opened": opened[e.pk],
        } for e in enrollments],
        "cohort_invitations": [{
            "cohort": i.cohort.name, "email": i.email, "full_name": i.full_name,
            "invited_at": i.created_at, "accepted_at": i.accepted_at,
        } for i in _invitations_naming(user).select_related("cohort").order_by("pk")],
    }
    return PersonalDataPart(data=data, audit_targets=[*enrollments, *attempt_rows, *draw_rows,
                                                         *reflection_rows])


def _prompts(draw_rows) -> dict[str, str]:
    """Question id → prompt, from the banks the draws came from (one query): read in
    the bank's original language, where its questions were written."""
    keys = {d.bank_key for d in draw_rows}
    if not keys:
        return {}
    prompts: dict[str, str] = {}
    banks = QuestionBank.objects.filter(translation_key__in=keys).order_by("-pk")
    for bank in banks:  # the oldest (the original) last, so its words win
        for question in bank.questions:
            prompts[str(question.id)] = str(question.value["prompt"])
    return prompts


def _draw(draw, prompts) -> dict:
    return {"question_bank_key": draw.bank_key, "drawn_at": draw.drawn_at,
            "questions": [{"id": qid, "prompt": prompts.get(qid, ""),
                           "choices_in_order_shown": draw.choice_order.get(qid, [])}
                          for qid in draw.questions]}


def _invitations_naming(user):
    """Invitations made to the person's account, or to one of their addresses while no
    other account claimed them (an address reused by someone else is not theirs)."""
    from allauth.account.models import EmailAddress

    addresses = Q(email__iexact=user.email)
    for email in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        addresses |= Q(email__iexact=email)
    return CohortInvitation.objects.filter(
        Q(invitee=user) | (addresses & (Q(invitee__isnull=True) | Q(invitee=user))))


def erase(user) -> dict:
    """Remove the invitations that name the person and their reflections (their own
    words, counted by no indicator). Enrollments, progress and scores hold nothing that
    names them and stay for the indicators."""
    removed, _ = _invitations_naming(user).delete()
    reflections, _ = Reflection.objects.filter(enrollment__trainee=user).delete()
    return {"cohort_invitations_removed": removed, "reflections_removed": reflections}


contributor = Contributor(name="learning", export=export, erase=erase)
