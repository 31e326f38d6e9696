"""Supervised practice: assignments, practice entries and their review, supervision
sessions and competency ratings.

Practice records never hold client names or contact details; the forms refuse them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from content.models import (
    ActivityKind,
    Competency,
    CompetencyTool,
    CoursePage,
    HarmfulBehaviour,
    RolePlayScenario,
)
from courses.models import Enrollment
from lms.models import AppendOnlyModel, private_storage

MAX_ENTRY_MINUTES = 12 * 60
# A supervision session counts towards completion: longer than a working day is a typo.
MAX_SESSION_MINUTES = 8 * 60


class SupervisorAssignment(models.Model):
    """A supervisor assigned to one trainee's enrollment.

    Supervising a whole cohort is `Cohort.supervisors` (courses layer); a supervisor
    supervises an enrollment when either exists.
    """

    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"),
                                   on_delete=models.CASCADE, related_name="supervision_assignments")
    enrollment = models.ForeignKey(Enrollment, verbose_name=_("trainee's enrollment"),
                                   on_delete=models.CASCADE, related_name="supervisor_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["supervisor", "enrollment"],
                                    name="assignment_unique_enrollment"),
        ]


class CourseSupervisor(models.Model):
    """A supervisor in a course's pool: self-paced trainees of the course may ask them
    for supervision. Keyed to the course's translation key, so the pool is the same in
    every language."""

    course = models.ForeignKey(CoursePage, verbose_name=_("course"), on_delete=models.CASCADE,
                               related_name="supervisor_pool")
    course_key = models.UUIDField(_("course key"), db_index=True, editable=False)
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"),
                                   on_delete=models.CASCADE, related_name="course_pools")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("added by"),
                                 on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("course supervisor")
        verbose_name_plural = _("course supervisors")
        constraints = [
            models.UniqueConstraint(fields=["course_key", "supervisor"],
                                    name="course_supervisor_once"),
        ]

    def __str__(self):
        return f"{self.supervisor} · {self.course}"

    def save(self, *args, **kwargs):
        if not self.course_key and self.course_id:
            self.course_key = self.course.translation_key
        super().save(*args, **kwargs)


class SupervisionRequest(models.Model):
    """A self-paced trainee asking one supervisor to supervise one enrollment."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("trainee's enrollment"),
                                   on_delete=models.CASCADE, related_name="supervision_requests")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"),
                                   on_delete=models.CASCADE,
                                   related_name="supervision_requests_received")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.REQUESTED)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    # Set when the supervisor has been e-mailed, so the task sends once.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("supervision request")
        verbose_name_plural = _("supervision requests")
        constraints = [
            # One question at a time: a second request waits until the first is answered.
            models.UniqueConstraint(fields=["enrollment"], condition=models.Q(status="requested"),
                                    name="supervision_request_one_open"),
            models.CheckConstraint(
                condition=models.Q(status="requested", answered_at__isnull=True)
                | (~models.Q(status="requested") & models.Q(answered_at__isnull=False)),
                name="supervision_request_answered_has_date"),
        ]

    def __str__(self):
        return f"{self.enrollment} → {self.supervisor} ({self.status})"


class PracticeEntry(models.Model):
    """A trainee's record of one piece of supervised practice."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned")
        APPROVED = "approved", _("Approved")

    class Modality(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        PHONE = "phone", _("Phone")
        VIDEO = "video", _("Video")

    class Setting(models.TextChoices):
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        CAMP = "camp", _("Camp")
        HEALTH_FACILITY = "health_facility", _("Health facility")
        SCHOOL = "school", _("School")
        HOME_VISIT = "home_visit", _("Home visit")
        DETENTION = "detention", _("Detention")
        ONLINE = "online", _("Online")
        OTHER = "other", _("Other")

    # PROTECT: an enrollment with practice on record is never deleted with it.
    enrollment = models.ForeignKey(Enrollment, verbose_name=_("course"), on_delete=models.PROTECT,
                                   related_name="practice_entries")
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ENTRY_MINUTES)])
    activity_kind = models.ForeignKey(ActivityKind, verbose_name=_("activity"),
                                      on_delete=models.PROTECT, related_name="+")
    modality = models.CharField(_("modality"), max_length=12, choices=Modality.choices)
    setting = models.CharField(_("setting"), max_length=20, choices=Setting.choices)
    people_served = models.PositiveSmallIntegerField(_("number of people served"), default=1,
                                                     validators=[MaxValueValidator(500)])
    language = models.CharField(_("language used"), max_length=100)
    interpreter_present = models.BooleanField(_("an interpreter or cultural mediator took part"),
                                              default=False)
    went_well = models.TextField(_("what went well"), blank=True)
    was_hard = models.TextField(_("what was hard"), blank=True)
    do_differently = models.TextField(_("what I would do differently"), blank=True)
    support_needed = models.TextField(_("support I need"), blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    # The id a device gave the entry when it was written offline: later writes queued on
    # the device (edit, submit) name the entry by it before the server's id is known.
    client_id = models.UUIDField(_("id given by the device"), null=True, blank=True,
                                 unique=True, editable=False)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("practice entry")
        verbose_name_plural = _("practice entries")
        constraints = [
            models.CheckConstraint(condition=models.Q(duration_minutes__gte=1,
                                                      duration_minutes__lte=MAX_ENTRY_MINUTES),
                                   name="practice_entry_duration_range"),
            models.CheckConstraint(
                condition=~models.Q(state="approved") | models.Q(approved_by__isnull=False,
                                                               approved_at__isnull=False),
                name="practice_entry_approved_has_approver"),
        ]
        indexes = [models.Index(fields=["state", "submitted_at"]),
                   models.Index(fields=["enrollment", "state"])]

    def __str__(self):
        return f"{self.activity_kind} · {self.date} · {self.duration_minutes} min"


class ReviewEvent(AppendOnlyModel):
    """An append-only record of a practice entry changing state."""

    # The notification receipt is bookkeeping, set once after the event is written.
    append_only_settable = frozenset({"notified_at"})

    entry = models.ForeignKey(PracticeEntry, on_delete=models.PROTECT, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    from_state = models.CharField(max_length=12, choices=PracticeEntry.State.choices)
    to_state = models.CharField(max_length=12, choices=PracticeEntry.State.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the notification task when the e-mail about this change has gone out, so a
    # task that runs twice sends nothing the second time.
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]


class SupervisionSession(models.Model):
    """Supervision received, individual or group; counts for every trainee present."""

    class Format(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual")
        GROUP = "group", _("Group")

    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"),
                                   on_delete=models.PROTECT, related_name="sessions_led")
    date = models.DateField(_("date"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_SESSION_MINUTES)])
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    enrollments = models.ManyToManyField(Enrollment, verbose_name=_("trainees present"),
                                         related_name="supervision_sessions")
    topics = models.TextField(_("topics"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [models.CheckConstraint(
            condition=models.Q(duration_minutes__gte=1, duration_minutes__lte=MAX_SESSION_MINUTES),
            name="supervision_session_duration_range")]


class CompetencyRating(models.Model):
    """A supervisor's rating of a trainee on one competency. The latest one counts."""

    class Observation(models.TextChoices):
        ROLE_PLAY = "role_play", _("Role-play")
        LIVE_SESSION = "live_session", _("Real session, observed")
        RECORDED_SESSION = "recorded_session", _("Recorded session")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT,
                                   related_name="competency_ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Competency.Level.choices)
    harmful_behaviour = models.BooleanField(_("harmful behaviour observed"), default=False)
    observation = models.CharField(_("observation"), max_length=20,
                                   choices=Observation.choices)
    notes = models.TextField(_("notes"), blank=True)
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-rated_at", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(level__range=(1, 4)),
                                              name="competency_rating_level_range")]
        indexes = [models.Index(fields=["enrollment", "competency", "-rated_at"])]


class SupervisorDigest(models.Model):
    """A digest of waiting entries sent to a supervisor on a day (at most one a day)."""

    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+")
    sent_on = models.DateField()
    entry_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supervisor", "sent_on"],
                                               name="supervisor_digest_once_a_day")]


# --- Structured competency assessment --------------------------------------------------


class CompetencyAssessment(models.Model):
    """One structured observation of a trainee with a competency tool, rated by one or
    more raters on every item; the assessment's level per item is agreed by its raters."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline (before training)")
        DURING = "during", _("During training")
        ENDLINE = "endline", _("Endline (after training)")
        FOLLOW_UP = "follow_up", _("Follow-up")

    class ObservationType(models.TextChoices):
        ROLE_PLAY = "role_play", _("Standardised role-play")
        LIVE_SESSION = "live_session", _("Live session")
        RECORDING = "recording", _("Recording")

    class State(models.TextChoices):
        RATING = "rating", _("Being rated")
        CONSENSUS = "consensus", _("Waiting for agreement")
        FINAL = "final", _("Final")

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("trainee's enrollment"),
                                   on_delete=models.PROTECT,
                                   related_name="competency_assessments")
    tool = models.ForeignKey(CompetencyTool, verbose_name=_("competency tool"),
                             on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    observation_type = models.CharField(_("observation"), max_length=14,
                                        choices=ObservationType.choices)
    scenario = models.ForeignKey(RolePlayScenario, verbose_name=_("role-play scenario"),
                                 on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="+")
    observed_on = models.DateField(_("date observed"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.RATING)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"),
                                   on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-observed_on", "-id"]
        verbose_name = _("competency assessment")
        verbose_name_plural = _("competency assessments")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="final") | models.Q(finalised_at__isnull=False,
                                                            finalised_by__isnull=False),
                name="competency_assessment_final_has_who_and_when"),
            models.CheckConstraint(
                condition=~models.Q(observation_type="role_play") | models.Q(
                    scenario__isnull=False),
                name="competency_assessment_role_play_has_scenario"),
        ]
        indexes = [models.Index(fields=["enrollment", "state", "observed_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.observed_on}"


class AssessmentRater(models.Model):
    """A rater of one assessment; `submitted_at` is set when they have rated every item."""

    assessment = models.ForeignKey(CompetencyAssessment, on_delete=models.CASCADE,
                                   related_name="raters")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("rater"),
                              on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "rater"],
                                               name="assessment_rater_once")]


class ItemRating(models.Model):
    """One rater's rating of one item: a level, the harmful behaviours ticked, notes."""

    assessment = models.ForeignKey(CompetencyAssessment, on_delete=models.CASCADE,
                                   related_name="item_ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Competency.Level.choices)
    harmful_behaviours = models.ManyToManyField(HarmfulBehaviour, blank=True,
                                                related_name="+",
                                                verbose_name=_("harmful behaviours seen"))
    notes = models.TextField(_("notes"), blank=True)
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "rater", "competency"],
                                    name="item_rating_once_per_rater"),
            models.CheckConstraint(condition=models.Q(level__range=(1, 4)),
                                   name="item_rating_level_range"),
        ]


class ItemResult(models.Model):
    """The assessment's level for one item: the single rater's, or agreed by the raters."""

    assessment = models.ForeignKey(CompetencyAssessment, on_delete=models.CASCADE,
                                   related_name="results")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("agreed level"),
                                             choices=Competency.Level.choices)
    harmful_behaviours = models.ManyToManyField(HarmfulBehaviour, blank=True,
                                                related_name="+",
                                                verbose_name=_("harmful behaviours agreed"))
    note = models.TextField(_("note on the agreement"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"],
                                    name="item_result_once"),
            models.CheckConstraint(condition=models.Q(level__range=(1, 4)),
                                   name="item_result_level_range"),
        ]


class FollowUp(models.Model):
    """Opened when an endline or follow-up assessment shows a harmful behaviour: what was
    observed, the supervisor's plan and a due date. Open follow-ups block certification
    until a later assessment shows none."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT,
                                   related_name="follow_ups")
    assessment = models.ForeignKey(CompetencyAssessment, verbose_name=_("opened by"),
                                   on_delete=models.PROTECT, related_name="follow_ups")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("supervisor"),
                                   on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+")
    observed = models.TextField(_("what was observed"))
    plan = models.TextField(_("plan"), blank=True)
    due_on = models.DateField(_("due"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices,
                             default=State.OPEN)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by_assessment = models.ForeignKey(CompetencyAssessment, on_delete=models.PROTECT,
                                             null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state="open", closed_at__isnull=True)
                | models.Q(state="closed", closed_at__isnull=False),
                name="follow_up_closed_has_date"),
            models.UniqueConstraint(fields=["assessment"], name="follow_up_one_per_assessment"),
        ]
        indexes = [models.Index(fields=["enrollment", "state"])]


# --- Rater calibration -----------------------------------------------------------------


class CalibrationExercise(models.Model):
    """A reference recording with ratings agreed by experts, which supervisors rate blind
    to check their agreement with the reference and with each other."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open for rating")
        REVEALED = "revealed", _("Reference revealed")

    tool = models.ForeignKey(CompetencyTool, verbose_name=_("competency tool"),
                             on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    recording = models.FileField(_("recording (video or audio)"), blank=True,
                                 upload_to="calibration/%Y/%m/",
                                 storage=private_storage)
    recording_url = models.URLField(_("or a link to the recording"), blank=True)
    pass_threshold = models.PositiveSmallIntegerField(
        _("pass mark: items within one level of the reference (%)"), default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)])
    state = models.CharField(_("state"), max_length=10, choices=State.choices,
                             default=State.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    revealed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("calibration exercise")
        verbose_name_plural = _("calibration exercises")
        constraints = [
            models.CheckConstraint(condition=~models.Q(recording="", recording_url=""),
                                   name="calibration_has_recording"),
            models.CheckConstraint(condition=models.Q(pass_threshold__range=(1, 100)),
                                   name="calibration_threshold_range"),
        ]

    def __str__(self):
        return self.title


class CalibrationReference(models.Model):
    """The experts' agreed rating of one item of the reference recording."""

    exercise = models.ForeignKey(CalibrationExercise, on_delete=models.CASCADE,
                                 related_name="references")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("reference level"),
                                             choices=Competency.Level.choices)
    harmful_behaviours = models.ManyToManyField(HarmfulBehaviour, blank=True,
                                                related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "competency"],
                                    name="calibration_reference_once"),
            models.CheckConstraint(condition=models.Q(level__range=(1, 4)),
                                   name="calibration_reference_level_range"),
        ]


class CalibrationRating(models.Model):
    """A supervisor's blind rating of one item of a calibration recording."""

    exercise = models.ForeignKey(CalibrationExercise, on_delete=models.CASCADE,
                                 related_name="ratings")
    rater = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="calibration_ratings")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), choices=Competency.Level.choices)
    harmful_behaviours = models.ManyToManyField(HarmfulBehaviour, blank=True,
                                                related_name="+")
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "rater", "competency"],
                                    name="calibration_rating_once"),
            models.CheckConstraint(condition=models.Q(level__range=(1, 4)),
                                   name="calibration_rating_level_range"),
        ]
