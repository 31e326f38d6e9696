"""The learner side: cohorts, enrollments, lesson progress and assessment attempts.

Progress is keyed to a page's `translation_key`, so it survives a change of language.
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from content.models import CoursePage
from lms.models import Cadre, Organisation, Sex, Site


class Cohort(models.Model):
    """One run of a course for a group of trainees."""

    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.PROTECT,
                               related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="cohorts")
    country = CountryField(_("country"))
    location = models.CharField(_("location"), max_length=200, blank=True,
                                help_text=_("Camp, city or centre."))
    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.PROTECT,
                             null=True, blank=True, related_name="cohorts",
                             help_text=_("Where the cohort is trained."))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default="en")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("trainers"),
                                      related_name="cohorts_trained", blank=True)
    supervisors = models.ManyToManyField(settings.AUTH_USER_MODEL,
                                         verbose_name=_("supervisors"),
                                         related_name="cohorts_supervised", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(condition=models.Q(end_date__gte=models.F("start_date")),
                                   name="cohort_ends_after_start"),
        ]

    def __str__(self):
        return self.name


class Enrollment(models.Model):
    """A trainee on a course (and perhaps in a cohort). Everything learned hangs from it."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    # PROTECT: a person's learning record is erased in place, never deleted with them.
    trainee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("trainee"),
                                on_delete=models.PROTECT, related_name="enrollments")
    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.PROTECT,
                               related_name="enrollments")
    # The course's translation_key: the same enrollment whichever language is read.
    course_key = models.UUIDField(_("course key"), db_index=True, editable=False)
    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="enrollments")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ACTIVE)
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    # Best post-test score minus first pre-test score, in percentage points.
    knowledge_gain = models.DecimalField(_("knowledge gain"), max_digits=5, decimal_places=1,
                                         null=True, blank=True)
    last_page_key = models.UUIDField(_("last page visited"), null=True, blank=True)

    class Meta:
        ordering = ["-enrolled_at"]
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")
        constraints = [
            models.UniqueConstraint(fields=["trainee", "course_key"],
                                    name="enrollment_one_per_trainee_course"),
            models.CheckConstraint(
                condition=~models.Q(status="completed") | models.Q(completed_at__isnull=False),
                name="enrollment_completed_has_date"),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.trainee} — {self.course.title}"

    def save(self, *args, **kwargs):
        if not self.course_key and self.course_id:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)


class LessonProgress(models.Model):
    """A lesson completed by an enrollment, keyed to the lesson's translation_key."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE,
                                   related_name="lesson_progress")
    page_key = models.UUIDField(_("lesson key"))
    completed_at = models.DateTimeField(_("completed"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enrollment", "page_key"],
                                               name="lesson_progress_once")]


class AssessmentAttempt(models.Model):
    """One graded submission of an assessment. Numbered per enrollment and assessment."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE,
                                   related_name="attempts")
    assessment_key = models.UUIDField(_("assessment key"))
    kind = models.CharField(_("kind"), max_length=20)
    number = models.PositiveSmallIntegerField(_("attempt number"))
    answers = models.JSONField(_("answers"), default=dict)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=1)
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["enrollment", "assessment_key", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "assessment_key", "number"],
                                    name="attempt_number_unique"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=100),
                                   name="attempt_score_range"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="attempt_number_positive"),
        ]


class AssessmentDraw(models.Model):
    """The questions drawn from a question bank for one attempt, as the trainee sees them.

    Drawn when the attempt is first opened and kept: a reload shows the same questions
    with their choices in the same order, the submission is graded against them, and the
    result is shown with them later. ``number`` is the attempt's number, so the draw of a
    submitted attempt is the one with that attempt's number.
    """

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE,
                                   related_name="assessment_draws")
    assessment_key = models.UUIDField(_("assessment key"))
    number = models.PositiveSmallIntegerField(_("attempt number"))
    # The bank's translation_key: the same questions whichever language is read.
    bank_key = models.UUIDField(_("question bank key"))
    questions = models.JSONField(_("questions drawn"), default=list,
                                 help_text=_("Question ids in the order shown."))
    choice_order = models.JSONField(_("order of the choices"), default=dict,
                                    help_text=_("Question id → choice ids in the order shown."))
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)

    class Meta:
        ordering = ["enrollment", "assessment_key", "number"]
        verbose_name = _("questions drawn for an attempt")
        verbose_name_plural = _("questions drawn for attempts")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "assessment_key", "number"],
                                    name="assessment_draw_once_per_attempt"),
            models.CheckConstraint(condition=models.Q(number__gte=1),
                                   name="assessment_draw_number_positive"),
        ]
        indexes = [models.Index(fields=["enrollment", "bank_key"])]


class CohortInvitation(models.Model):
    """An invitation to a cohort, by e-mail address.

    Nobody is put in a cohort without saying yes. For someone without an account, signing
    up with this address and confirming it is the yes: every pending invitation for it
    then becomes an enrollment in its cohort. Someone who already has an account (the
    `invitee`) accepts or declines on My learning; until they accept, the cohort's
    trainers see nothing of theirs.
    """

    cohort = models.ForeignKey(Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE,
                               related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    # From the import's optional columns; given to the person when they join, if they
    # have not set their own.
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+")
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, blank=True)
    # The account this address belonged to when the invitation was made; such an
    # invitation is answered on My learning and never accepted on the person's behalf.
    invitee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited person"),
                                on_delete=models.CASCADE, null=True, blank=True,
                                related_name="cohort_invitations")
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited by"),
                                   on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    sent_at = models.DateTimeField(_("e-mail sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    declined_at = models.DateTimeField(_("declined"), null=True, blank=True)

    class Meta:
        ordering = ["cohort", "email"]
        verbose_name = _("cohort invitation")
        verbose_name_plural = _("cohort invitations")
        constraints = [
            models.UniqueConstraint(Lower("email"), "cohort", name="cohort_invitation_once"),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(declined_at__isnull=True),
                name="cohort_invitation_answered_once"),
        ]

    def __str__(self):
        return f"{self.email} → {self.cohort}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.declined_at is None


class Reflection(models.Model):
    """A trainee's own answer to a lesson's reflection prompt.

    Private to the trainee: their supervisors read it only while it is shared
    (``shared_at`` set), and trainers and programme managers never do. Keyed to the
    prompt block's id, which wagtail-localize keeps in every translation of the lesson,
    so the English and Arabic pages of a lesson open the same reflection.
    """

    MAX_LENGTH = 4000

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"),
                                   on_delete=models.CASCADE, related_name="reflections")
    block_id = models.CharField(_("prompt block"), max_length=64)
    lesson_key = models.UUIDField(_("lesson key"))
    # The prompt as the trainee read it when they last saved: what they answered, even
    # after an editor rewords the lesson.
    prompt = models.TextField(_("prompt"))
    text = models.TextField(_("reflection"), blank=True)
    shared_at = models.DateTimeField(_("shared with supervisors"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)

    class Meta:
        ordering = ["enrollment", "created_at"]
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "block_id"],
                                    name="reflection_one_per_prompt"),
        ]
        indexes = [models.Index(fields=["enrollment", "lesson_key"])]

    def __str__(self):
        return f"{self.enrollment} — {self.prompt[:40]}"
