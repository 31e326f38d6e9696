"""Rules that change learner data. Keyword-only, atomic; views and tasks call these.

Each service checks who may act, validates, then writes; a refusal is a ValidationError
whose message tells the person what is wrong, and nothing is written.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content import selectors as content_selectors
from content.models import AssessmentPage, CoursePage, CoursePrerequisite, LessonPage
from lms import access
from lms.models import Organisation, User
from lms.privacy import (
    REFLECTION_EMAIL_MESSAGE,
    REFLECTION_PHONE_MESSAGE,
    contact_details_problems,
)
from lms.roles import Role
from lms.services import audit_record
from lms.text import clean_text

from . import draws, grading, selectors
from .imports import TraineeRow, cadre_lookup, find_cadre
from .models import (
    AssessmentAttempt,
    AssessmentDraw,
    Cohort,
    CohortInvitation,
    Enrollment,
    LessonProgress,
    Reflection,
)
from .requirements import registry
from .signals import enrollment_completed


def enrollment_check_completion(*, enrollment_ids: Iterable[int]) -> list[int]:
    """Record completion for every listed active enrollment whose requirements are all met.

    Completion is decided here and only here, by the requirement registry. It is recorded
    once (the row is locked and re-read), and `enrollment_completed` is sent after the
    transaction commits. Call it after any event that can change a requirement. Returns
    the ids that were completed by this call.
    """
    completed: list[int] = []
    with transaction.atomic():
        enrollments = list(
            Enrollment.objects.select_for_update(of=("self",))
            .filter(pk__in=list(enrollment_ids), status=Enrollment.Status.ACTIVE)
            .select_related("course", "trainee")
        )
        statuses = registry.evaluate(enrollments)
        now = timezone.now()
        for enrollment in enrollments:
            if statuses[enrollment.pk] and registry.all_met(statuses[enrollment.pk]):
                enrollment.status = Enrollment.Status.COMPLETED
                enrollment.completed_at = now
                enrollment.save(update_fields=["status", "completed_at"])
                audit_record(actor=None, action="enrollment.completed", target=enrollment,
                             trainee=enrollment.trainee_id)
                completed.append(enrollment.pk)
        for enrollment_id in completed:
            transaction.on_commit(
                lambda pk=enrollment_id: enrollment_completed.send(sender=Enrollment,
                                                                   enrollment_id=pk)
            )
    return completed


# --- Enrolment -----------------------------------------------------------------------


def missing_prerequisites(*, trainee: User, course: CoursePage) -> list[CoursePage]:
    """The course's live prerequisites the trainee has not completed (in any language)."""
    prerequisites = [row.prerequisite for row in CoursePrerequisite.objects.filter(course=course)
                     .select_related("prerequisite").order_by("sort_order")
                     if row.prerequisite.live]
    if not prerequisites:
        return []
    completed = set(Enrollment.objects.filter(
        trainee=trainee, status=Enrollment.Status.COMPLETED,
        course_key__in=[p.translation_key for p in prerequisites]).values_list("course_key",
                                                                              flat=True))
    return [p for p in prerequisites if p.translation_key not in completed]


def enrollment_create(*, trainee: User, course: CoursePage, key: str = "") -> Enrollment:
    """Enrol the trainee in the course, as the course's enrolment rules allow.

    Open courses admit anyone, keyed courses the right key, cohort-only courses nobody
    (trainers add trainees to a cohort). Prerequisites must be completed. A trainee who
    withdrew is let back in to the same enrollment, progress intact; enrolling twice
    returns the enrollment already there.
    """
    if not access.has_role(trainee, Role.TRAINEE):
        raise PermissionDenied
    if not course.live:
        raise ValidationError(_("This course is not published, so it cannot be joined."))
    existing = Enrollment.objects.filter(trainee=trainee,
                                         course_key=course.translation_key).first()
    if existing is not None and existing.status != Enrollment.Status.WITHDRAWN:
        return existing
    if existing is None or existing.cohort_id is None:
        if course.enrolment == CoursePage.Enrolment.COHORT:
            raise ValidationError(_("This course is taught in cohorts only: ask your trainer "
                                    "or organisation to add you to a cohort."))
        if course.enrolment == CoursePage.Enrolment.KEY and not hmac.compare_digest(
                key.strip().encode(), course.enrolment_key.strip().encode()):
            raise ValidationError(_("That enrolment key is not right for this course. Check "
                                    "it with your trainer."))
        missing = missing_prerequisites(trainee=trainee, course=course)
        if missing:
            titles = ", ".join(f"“{p.title}”" for p in missing)
            raise ValidationError(ngettext(
                "Complete %(titles)s first: it is a prerequisite of this course.",
                "Complete %(titles)s first: they are prerequisites of this course.",
                len(missing)) % {"titles": titles})
    with transaction.atomic():
        enrollment = _enrol(trainee=trainee, course=course, cohort=None)
    enrollment_check_completion(enrollment_ids=[enrollment.pk])
    enrollment.refresh_from_db()
    return enrollment


def _enrol(*, trainee: User, course: CoursePage, cohort: Cohort | None) -> Enrollment:
    """Create, or reactivate after withdrawal, the trainee's enrollment. Safe against two
    requests at once: the unique (trainee, course key) constraint decides."""
    try:
        with transaction.atomic():
            enrollment, created = Enrollment.objects.select_for_update().get_or_create(
                trainee=trainee, course_key=course.translation_key,
                defaults={"course": course, "cohort": cohort})
    except IntegrityError:
        enrollment, created = Enrollment.objects.select_for_update().get(
            trainee=trainee, course_key=course.translation_key), False
    if created:
        return enrollment
    changed = []
    if enrollment.status == Enrollment.Status.WITHDRAWN:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.withdrawn_at = None
        changed += ["status", "withdrawn_at"]
    if cohort is not None and enrollment.cohort_id != cohort.pk:
        enrollment.cohort = cohort
        changed.append("cohort")
    if changed:
        enrollment.save(update_fields=changed)
    return enrollment


def enrollment_withdraw(*, trainee: User, enrollment: Enrollment) -> Enrollment:
    """Withdraw from an active enrollment. Progress is kept for a return."""
    if enrollment.trainee_id != trainee.pk:
        raise PermissionDenied
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if enrollment.status == Enrollment.Status.WITHDRAWN:
            return enrollment
        if enrollment.status != Enrollment.Status.ACTIVE:
            raise ValidationError(_("A completed course cannot be withdrawn from."))
        enrollment.status = Enrollment.Status.WITHDRAWN
        enrollment.withdrawn_at = timezone.now()
        enrollment.save(update_fields=["status", "withdrawn_at"])
        audit_record(actor=trainee, action="enrollment.withdrawn", target=enrollment)
    return enrollment


def _active_enrollment(trainee: User, page) -> Enrollment:
    course = selectors.course_for_page(page)
    enrollment = selectors.enrollment_for_course(trainee, course) if course else None
    if enrollment is None or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ValidationError(_("Enrol in the course first."))
    if enrollment.status != Enrollment.Status.ACTIVE:
        raise ValidationError(_("You have completed this course; nothing more is recorded."))
    return enrollment


# --- Lessons -------------------------------------------------------------------------


def lesson_complete(*, trainee: User, lesson: LessonPage) -> tuple[LessonProgress, bool]:
    """Mark the lesson complete for the trainee's enrollment. Marking it twice (a double
    click, two tabs) records it once. Returns (progress, created)."""
    if not lesson.live:
        raise ValidationError(_("This lesson is not published."))
    enrollment = _active_enrollment(trainee, lesson)
    try:
        with transaction.atomic():
            progress, created = LessonProgress.objects.get_or_create(
                enrollment=enrollment, page_key=lesson.translation_key)
    except IntegrityError:
        progress, created = LessonProgress.objects.get(
            enrollment=enrollment, page_key=lesson.translation_key), False
    if created:
        audit_record(actor=trainee, action="lesson.completed", target=enrollment,
                     lesson=str(lesson.translation_key))
        enrollment_check_completion(enrollment_ids=[enrollment.pk])
    return progress, created


def page_visited(*, enrollment: Enrollment, page) -> None:
    """Remember where the trainee was, so My learning can send them back there."""
    if enrollment.status == Enrollment.Status.ACTIVE and enrollment.last_page_key != page.translation_key:
        Enrollment.objects.filter(pk=enrollment.pk).update(last_page_key=page.translation_key)
        enrollment.last_page_key = page.translation_key


# --- Assessments ---------------------------------------------------------------------


def assessment_submit(*, trainee: User, assessment: AssessmentPage,
                      answers: Mapping[str, Iterable[str]]) -> AssessmentAttempt:
    """Grade the answers on the server and record the attempt.

    The enrollment row is locked while the attempt is numbered, and (enrollment,
    assessment, number) is unique, so two submissions at once cannot both count. An
    assessment drawing from a bank is graded against the questions drawn for this
    attempt, and nothing else. Refused with nothing saved when the answers do not fit
    the questions, no attempt is left, or the answers have already been shown (see
    `grading.attempts_closed_by_feedback`). Records the knowledge gain for pre- and
    post-tests, audits the grade, and re-checks completion.
    """
    if not assessment.live:
        raise ValidationError(_("This assessment is not published."))
    enrollment = _active_enrollment(trainee, assessment)
    with transaction.atomic():
        enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        earlier = AssessmentAttempt.objects.filter(enrollment=enrollment,
                                                   assessment_key=assessment.translation_key)
        used = earlier.count()
        if used >= assessment.max_attempts:
            raise ValidationError(ngettext(
                "You have used your %(count)d attempt at this assessment.",
                "You have used all %(count)d attempts at this assessment.",
                assessment.max_attempts) % {"count": assessment.max_attempts})
        selectors.prefetch_learning([enrollment])
        released = selectors.feedback_released(enrollment, assessment, attempts_used=used,
                                               passed=earlier.filter(passed=True).exists())
        if grading.attempts_closed_by_feedback(assessment.feedback_timing, released):
            raise ValidationError(_("You have seen the answers to this assessment, so it "
                                    "takes no more attempts."))
        questions = _questions_of_attempt(enrollment, assessment, used + 1)
        try:
            result = grading.grade(questions, answers, pass_mark=assessment.pass_mark)
        except grading.GradingError as error:
            raise ValidationError(str(error)) from error
        try:
            with transaction.atomic():
                attempt = AssessmentAttempt.objects.create(
                    enrollment=enrollment, assessment_key=assessment.translation_key,
                    kind=assessment.kind, number=used + 1, answers=result.answers,
                    score=result.score, passed=result.passed)
        except IntegrityError as error:
            raise ValidationError(_("Another submission of this attempt was recorded at the "
                                    "same moment; only one counts.")) from error
        if assessment.kind in (AssessmentPage.Kind.PRE_TEST, AssessmentPage.Kind.POST_TEST):
            _record_knowledge_gain(enrollment)
        audit_record(actor=trainee, action="assessment.graded", target=attempt,
                     score=str(attempt.score), passed=attempt.passed,
                     assessment=str(attempt.assessment_key), number=attempt.number)
    enrollment_check_completion(enrollment_ids=[enrollment.pk])
    return attempt


def _questions_of_attempt(enrollment: Enrollment, assessment: AssessmentPage, number: int):
    """The questions attempt ``number`` is graded against: the assessment's own, or the
    ones drawn from its bank when the attempt was opened."""
    if not assessment.draws_from_bank:
        return assessment.questions
    draw = AssessmentDraw.objects.filter(enrollment=enrollment,
                                         assessment_key=assessment.translation_key,
                                         number=number).first()
    bank = None
    if draw is not None:
        bank = selectors.bank_with_questions(content_selectors.question_banks_for(assessment),
                                             draw.questions)
    if bank is None or len(draw.questions) != assessment.questions_per_attempt:
        raise ValidationError(_("The questions of this attempt have changed since the page "
                                "was opened. Reload the page and answer again."))
    return selectors.drawn_questions(bank, draw)


def assessment_draw_open(*, enrollment: Enrollment, assessment: AssessmentPage, number: int,
                         banks: list, current: AssessmentDraw | None = None) -> AssessmentDraw:
    """The questions of attempt ``number``, drawn from the assessment's bank now unless
    they were drawn before (``current``) and the bank still has them all.

    Only an attempt not yet submitted is ever drawn again (after an editor removed one
    of its questions). A parallel form draws from this trainee's half of the bank and
    never a question the other form gave them; a retake prefers questions the earlier
    attempts did not ask. Safe against two requests at once: both compute the same
    draw, and (enrollment, assessment, number) is unique.
    """
    key = assessment.translation_key
    named = next((b for b in banks if b.pk == assessment.question_bank_id), None)
    if named is None:
        raise ValidationError(_("This assessment's question bank is missing. Tell your "
                                "trainer."))
    if (current is not None and current.bank_key == named.translation_key
            and len(current.questions) == assessment.questions_per_attempt
            and selectors.bank_with_questions(banks, current.questions) is not None):
        return current
    grading.stabilise_choice_ids(named.questions)
    question_ids = [str(q.id) for q in named.questions]
    earlier = list(AssessmentDraw.objects.filter(enrollment=enrollment,
                                                 bank_key=named.translation_key)
                   .exclude(assessment_key=key, number__gte=number)
                   .values_list("assessment_key", "questions"))
    seen = {qid for other_key, ids in earlier if other_key == key for qid in ids}
    given_elsewhere = {qid for other_key, ids in earlier if other_key != key for qid in ids}
    candidates = question_ids
    if not assessment.parallel_form and assessment.kind in (AssessmentPage.Kind.PRE_TEST,
                                                            AssessmentPage.Kind.POST_TEST):
        # The other test on this bank may be a parallel form while this one is not yet (an
        # author half-way through ticking both): still prefer what it did not ask.
        seen |= given_elsewhere
    if assessment.parallel_form:
        candidates = [qid for qid in draws.parallel_half(
            question_ids, enrollment_id=enrollment.pk, bank_key=named.translation_key,
            first=assessment.kind == AssessmentPage.Kind.PRE_TEST)
            if qid not in given_elsewhere]
    drawn = draws.draw(
        candidates, count=assessment.questions_per_attempt or 0,
        seed=(enrollment.pk, key, number), seen=seen,
        choices={str(q.id): [str(c.id) for c in q.value["choices"].bound_blocks]
                 for q in named.questions if q.block_type != "true_false"})
    if len(drawn.questions) < (assessment.questions_per_attempt or 0):
        raise ValidationError(_("This assessment's question bank has too few questions "
                                "left for you. Tell your trainer."))
    try:
        with transaction.atomic():
            draw, _created = AssessmentDraw.objects.update_or_create(
                enrollment=enrollment, assessment_key=key, number=number,
                defaults={"bank_key": named.translation_key, "questions": drawn.questions,
                          "choice_order": drawn.choice_order})
    except IntegrityError:
        draw = AssessmentDraw.objects.get(enrollment=enrollment, assessment_key=key,
                                          number=number)
    return draw


def _record_knowledge_gain(enrollment: Enrollment) -> None:
    """Best post-test score minus the first pre-test score, when both exist."""
    attempts = AssessmentAttempt.objects.filter(enrollment=enrollment)
    first_pre = (attempts.filter(kind=AssessmentPage.Kind.PRE_TEST)
                 .order_by("submitted_at", "pk").values_list("score", flat=True).first())
    best_post = attempts.filter(kind=AssessmentPage.Kind.POST_TEST).aggregate(
        best=Max("score"))["best"]
    gain = None if first_pre is None or best_post is None else Decimal(best_post) - first_pre
    if enrollment.knowledge_gain != gain:
        enrollment.knowledge_gain = gain
        enrollment.save(update_fields=["knowledge_gain"])


# --- Cohorts -------------------------------------------------------------------------


def can_create_cohorts(user: User) -> bool:
    """Trainers and programme managers create cohorts (the role gate of `lms.access`)."""
    return access.has_role(user, Role.TRAINER, Role.PROGRAMME_MANAGER)


def cohort_create(*, actor: User, cohort: Cohort, trainers: Iterable[User] = (),
                  supervisors: Iterable[User] = ()) -> Cohort:
    """Save a new cohort. Trainers and programme managers create cohorts; a trainer who
    creates one trains it, a programme manager creates them for their own organisation."""
    if not can_create_cohorts(actor):
        raise PermissionDenied
    if (not actor.is_superuser and not actor.has_role(Role.TRAINER)
            and cohort.organisation_id != actor.organisation_id):
        raise ValidationError(_("A programme manager creates cohorts for their own "
                                "organisation only."))
    if not cohort.course.live:
        raise ValidationError(_("Choose a published course."))
    if cohort.end_date < cohort.start_date:
        raise ValidationError(_("The cohort must end on or after the day it starts."))
    if cohort.site_id is not None and cohort.site.organisation_id != cohort.organisation_id:
        raise ValidationError(_("A cohort's site must be one of its organisation's sites."))
    with transaction.atomic():
        cohort.save()
        cohort.trainers.set(list(trainers))
        if actor.has_role(Role.TRAINER):
            cohort.trainers.add(actor)
        cohort.supervisors.set(list(supervisors))
        audit_record(actor=actor, action="cohort.created", target=cohort,
                     course=str(cohort.course.translation_key))
    return cohort


@dataclass
class TraineeImport:
    """What adding people to a cohort did. Nothing here tells whether an address has an
    account: each new address got an invitation, whoever it belongs to."""

    invited: list[CohortInvitation] = field(default_factory=list)
    already_invited: list[CohortInvitation] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)


def cohort_add_trainees(*, actor: User, cohort: Cohort, rows: list[TraineeRow]) -> TraineeImport:
    """Invite the listed people to the cohort; nobody is put in it without saying yes.

    Each address gets an invitation. One that belongs to a trainee's account is answered
    on their My learning page; one without an account is accepted by signing up with it.
    The answer and the refusals are the same whether or not an address has an account,
    so the form cannot be used to find out who uses Sanad or what they study. Only
    people already in this cohort (whom its trainers see anyway) are counted apart.
    All or nothing: any bad line refuses the whole list with every problem named by its
    line, and nothing is written.
    """
    if not selectors.visible_cohorts(actor).filter(pk=cohort.pk).exists():
        raise PermissionDenied
    if not rows:
        raise ValidationError(_("Give at least one e-mail address."))
    organisations = {o.name.lower(): o for o in Organisation.objects.all()}
    cadres = cadre_lookup() if any(row.cadre for row in rows) else {}
    errors = []
    for row in rows:
        if row.organisation and row.organisation.lower() not in organisations:
            errors.append(_("Line %(line)d: there is no organisation called “%(name)s”.")
                          % {"line": row.line, "name": row.organisation})
        if row.cadre and find_cadre(cadres, row.cadre) is None:
            errors.append(_("Line %(line)d: cadre: there is no cadre called “%(name)s”.")
                          % {"line": row.line, "name": row.cadre})
    if errors:
        raise ValidationError(errors)
    users = {u.email.lower(): u for u in User.objects.annotate(email_lower=Lower("email"))
             .filter(email_lower__in=[r.email.lower() for r in rows])
             .prefetch_related("groups")}
    in_cohort = set(Enrollment.objects.filter(cohort=cohort, trainee__in=list(users.values()))
                    .exclude(status=Enrollment.Status.WITHDRAWN)
                    .values_list("trainee_id", flat=True))
    outcome = TraineeImport()
    with transaction.atomic():
        for row in rows:
            user = users.get(row.email.lower())
            if user is not None and user.pk in in_cohort:
                outcome.already_there.append(row.email)
                continue
            organisation = organisations.get(row.organisation.lower()) if row.organisation else None
            invitation, created = CohortInvitation.objects.get_or_create(
                cohort=cohort, email__iexact=row.email,
                defaults={"email": row.email, "full_name": row.full_name,
                          "organisation": organisation, "invited_by": actor,
                          "invitee": user, "sex": row.sex,
                          "cadre": find_cadre(cadres, row.cadre) if row.cadre else None})
            (outcome.invited if created else outcome.already_invited).append(invitation)
        audit_record(actor=actor, action="cohort.trainees_invited", target=cohort,
                     invited=len(outcome.invited),
                     already_invited=len(outcome.already_invited),
                     already_there=len(outcome.already_there))
        from .tasks import send_cohort_invitation

        for invitation in outcome.invited:
            send_cohort_invitation.delay_on_commit(invitation.pk)
    return outcome


def may_answer_invitation(user: User) -> bool:
    """Only trainees are put in cohorts; an invitation to anyone else waits unseen."""
    return user.is_authenticated and user.is_active and user.has_role(Role.TRAINEE)


def cohort_invitations_accept(*, user: User, email: str) -> list[Enrollment]:
    """Enrol a person who has just confirmed this e-mail address in every cohort that
    invited it before they had an account: signing up from the invitation is their yes.

    Invitations made to an account that already existed are left for its owner to
    answer on My learning, and so are invitations older than the account's owner's
    other addresses (an address added later to an existing account). Safe to run twice:
    answered invitations are skipped.
    """
    enrollments = []
    with transaction.atomic():
        invitations = list(CohortInvitation.objects.select_for_update(of=("self",))
                           .filter(email__iexact=email, accepted_at__isnull=True,
                                   declined_at__isnull=True, invitee__isnull=True,
                                   created_at__lte=user.date_joined)
                           .select_related("cohort__course", "organisation"))
        for invitation in invitations:
            enrollment = _join_cohort(user=user, invitation=invitation)
            audit_record(actor=user, action="cohort_invitation.accepted", target=invitation,
                         cohort=invitation.cohort_id, enrollment=enrollment.pk,
                         by_signing_up=True)
            enrollments.append(enrollment)
    return enrollments


def _join_cohort(*, user: User, invitation: CohortInvitation) -> Enrollment:
    enrollment = _enrol(trainee=user, course=invitation.cohort.course, cohort=invitation.cohort)
    invitation.accepted_at = timezone.now()
    invitation.invitee = user
    invitation.save(update_fields=["accepted_at", "invitee"])
    # What the cohort's import said about the person fills only what they left empty:
    # what a person set themselves is never overwritten.
    filled = []
    if user.organisation_id is None and invitation.organisation_id:
        user.organisation = invitation.organisation
        filled.append("organisation")
    if user.cadre_id is None and invitation.cadre_id:
        user.cadre_id = invitation.cadre_id
        filled.append("cadre")
    if not user.sex and invitation.sex:
        user.sex = invitation.sex
        filled.append("sex")
    if filled:
        user.save(update_fields=filled)
    return enrollment


def _answerable(user: User, invitation: CohortInvitation) -> CohortInvitation:
    """The invitation, locked and re-read, once the user may answer it."""
    if invitation.invitee_id != user.pk or not may_answer_invitation(user):
        raise PermissionDenied
    invitation = (CohortInvitation.objects.select_for_update(of=("self",))
                  .select_related("cohort__course").get(pk=invitation.pk))
    if invitation.accepted_at is not None:
        raise ValidationError(_("You have already accepted this invitation."))
    if invitation.declined_at is not None:
        raise ValidationError(_("You have already declined this invitation."))
    return invitation


def cohort_invitation_accept(*, user: User, invitation: CohortInvitation) -> Enrollment:
    """Accept an invitation made to the user's account: enrol them in the cohort, or move
    their enrollment in the course into it with its progress. Audited. Refused when the
    invitation was already answered or the course is already completed."""
    with transaction.atomic():
        invitation = _answerable(user, invitation)
        course = invitation.cohort.course
        current = Enrollment.objects.filter(trainee=user,
                                            course_key=course.translation_key).first()
        if current is not None and current.status == Enrollment.Status.COMPLETED:
            raise ValidationError(_("You have already completed “%(course)s”, so you cannot "
                                    "join a cohort of it. You can decline the invitation.")
                                  % {"course": course.title})
        enrollment = _join_cohort(user=user, invitation=invitation)
        audit_record(actor=user, action="cohort_invitation.accepted", target=invitation,
                     cohort=invitation.cohort_id, enrollment=enrollment.pk,
                     previous_cohort=current.cohort_id if current else None)
    enrollment_check_completion(enrollment_ids=[enrollment.pk])
    return enrollment


def cohort_invitation_decline(*, user: User, invitation: CohortInvitation) -> CohortInvitation:
    """Decline an invitation made to the user's account. Nothing of theirs changes; the
    cohort's trainers see that the invitation was declined. Audited."""
    with transaction.atomic():
        invitation = _answerable(user, invitation)
        invitation.declined_at = timezone.now()
        invitation.save(update_fields=["declined_at"])
        audit_record(actor=user, action="cohort_invitation.declined", target=invitation,
                     cohort=invitation.cohort_id)
    return invitation


# --- Reflections ---------------------------------------------------------------------


def reflection_prompt(lesson: LessonPage, block_id: str) -> str | None:
    """The text of the lesson's reflection prompt with this block id (None if it has none)."""
    for block in lesson.body:
        if block.block_type == "reflection" and block.id == block_id:
            return block.value["prompt"]
    return None


def _reflecting_enrollment(trainee: User, lesson: LessonPage) -> Enrollment:
    course = selectors.course_for_page(lesson)
    enrollment = selectors.enrollment_for_course(trainee, course) if course else None
    # A finished course stays open to reflection; a withdrawn one records nothing new.
    if enrollment is None or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise ValidationError(_("Enrol in the course first."))
    return enrollment


def reflection_clean(text: str | None) -> str:
    """The reflection as it is kept, or ValidationError: too long, or holding someone's
    contact details (the privacy guard, as for practice records)."""
    text = clean_text(text, max_length=Reflection.MAX_LENGTH, multiline=True)
    problems = contact_details_problems(text, email_message=REFLECTION_EMAIL_MESSAGE,
                                        phone_message=REFLECTION_PHONE_MESSAGE)
    if problems:
        raise ValidationError(problems, code="contact_details")
    return text


def reflection_save(*, trainee: User, lesson: LessonPage, block_id: str,
                    text: str | None) -> Reflection | None:
    """Keep the trainee's answer to one reflection prompt of a lesson.

    Saving is repeated as the trainee types, so it is an upsert on (enrollment, prompt)
    and leaves no audit row: the words are the trainee's private notes. Nothing is kept
    for an empty answer that was never written. The same reflection is reached from
    every translation of the lesson (the prompt's block id is shared).
    """
    if not lesson.live:
        raise ValidationError(_("This lesson is not published."))
    prompt = reflection_prompt(lesson, block_id)
    if prompt is None:
        raise ValidationError(_("This lesson has no such reflection prompt."))
    enrollment = _reflecting_enrollment(trainee, lesson)
    text = reflection_clean(text)
    with transaction.atomic():
        reflection = (Reflection.objects.select_for_update()
                      .filter(enrollment=enrollment, block_id=block_id).first())
        if reflection is None:
            if not text:
                return None
            try:
                with transaction.atomic():
                    return Reflection.objects.create(
                        enrollment=enrollment, block_id=block_id,
                        lesson_key=lesson.translation_key, prompt=prompt, text=text)
            except IntegrityError:
                # Two saves of a first answer crossed (two tabs): the later one wins.
                reflection = Reflection.objects.get(enrollment=enrollment, block_id=block_id)
        reflection.text, reflection.prompt = text, prompt
        fields = ["text", "prompt", "updated_at"]
        # Emptied, a shared reflection is taken back: an empty one is listed nowhere (so
        # it could not be unshared), and the next words written there are new words the
        # trainee never chose to share.
        unshared = not text and reflection.shared_at is not None
        if unshared:
            reflection.shared_at = None
            fields.append("shared_at")
        reflection.save(update_fields=fields)
        if unshared:
            audit_record(actor=trainee, action="reflection.unshared", target=reflection,
                         enrollment=reflection.enrollment_id, emptied=True)
    return reflection


def reflection_share(*, trainee: User, reflection: Reflection, share: bool) -> Reflection:
    """Share one reflection with the trainee's supervisors, or take it back. Audited.

    Only the trainee decides, and only for their own reflection; sharing twice changes
    nothing and writes no second row.
    """
    if not access.can(trainee, "reflection.own", reflection):
        raise PermissionDenied
    if share and not reflection.text:
        raise ValidationError(_("Write your reflection before sharing it."))
    if share == (reflection.shared_at is not None):
        return reflection
    reflection.shared_at = timezone.now() if share else None
    reflection.save(update_fields=["shared_at"])
    audit_record(actor=trainee, action="reflection.shared" if share else "reflection.unshared",
                 target=reflection, enrollment=reflection.enrollment_id)
    return reflection
