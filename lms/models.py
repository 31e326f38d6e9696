import os

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.files.storage import FileSystemStorage, Storage
from django.db import DatabaseError, models
from django.db.models.functions import Lower
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .roles import Role, role_names


class Organisation(models.Model):
    """An agency that trains, employs or supervises people: UN agency, NGO, ministry."""

    class Kind(models.TextChoices):
        UN_AGENCY = "un_agency", _("UN agency")
        INTERNATIONAL_NGO = "international_ngo", _("International NGO")
        NATIONAL_NGO = "national_ngo", _("National NGO")
        GOVERNMENT = "government", _("Government")
        COMMUNITY_BASED = "community_based", _("Community-based organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    country = CountryField(_("country"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Site(models.Model):
    """A place where an organisation trains people or where they practise: a camp, a
    community centre, a clinic."""

    class Kind(models.TextChoices):
        CAMP = "camp", _("Camp or settlement")
        COMMUNITY_CENTRE = "community_centre", _("Community centre")
        HEALTH_FACILITY = "health_facility", _("Clinic or health facility")
        SCHOOL = "school", _("School")
        OFFICE = "office", _("Office or training centre")
        MOBILE = "mobile", _("Mobile team")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT, related_name="sites")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices,
                            default=Kind.OTHER)
    country = CountryField(_("country"))
    admin_area = models.CharField(_("administrative area"), max_length=200, blank=True,
                                  help_text=_("Governorate, province, district or region."))

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"],
                                    name="site_name_unique_per_organisation"),
        ]

    def __str__(self):
        return self.name


class Consortium(models.Model):
    """A coordination body's group of agencies (for example a country's MHPSS technical
    working group). Its coordinators see aggregates across the members, never records."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    country = CountryField(_("country"), blank=True)
    members = models.ManyToManyField(Organisation, verbose_name=_("member organisations"),
                                     related_name="consortia", blank=True)
    coordinators = models.ManyToManyField("User", verbose_name=_("coordinators"),
                                          related_name="coordinated_consortia", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")

    def __str__(self):
        return self.name


class Cadre(models.Model):
    """A person's professional background (nurse, community worker…): an editable list."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("cadre")
        verbose_name_plural = _("cadres")

    def __str__(self):
        # The cadres Sanad ships with are translated; ones an agency adds show as typed.
        label = DEFAULT_CADRES.get(self.code)
        return str(label) if label is not None else self.name


DEFAULT_CADRES = {
    "community_worker": _("Community worker"),
    "nurse": _("Nurse"),
    "doctor": _("Doctor"),
    "psychologist": _("Psychologist"),
    "social_worker": _("Social worker"),
    "teacher": _("Teacher"),
    "cultural_mediator": _("Cultural mediator"),
    "interpreter": _("Interpreter"),
    "volunteer": _("Volunteer"),
    "other": _("Other"),
}


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses Sanad. The e-mail address is the login.

    `full_name` is the name exactly as it must appear on a certificate, in any script.
    """

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200,
                                 help_text=_("As it should appear on your certificates."))
    preferred_language = models.CharField(_("preferred language"), max_length=8,
                                          choices=[("en", "English"), ("fr", "Français"),
                                                   ("ar", "العربية")],
                                          default="en")
    country = CountryField(_("country"), blank=True)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="members")
    # Optional, for disaggregated indicators (never shown across organisations per person).
    cadre = models.ForeignKey(Cadre, verbose_name=_("cadre"), on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+",
                              help_text=_("Your professional background."))
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
            models.CheckConstraint(condition=~models.Q(full_name=""), name="user_full_name_not_empty"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def has_role(self, role: Role) -> bool:
        """True when the user belongs to the role's group.

        Every page asks (navigation, access rules), so the group names are kept on the
        user for the request and in the cache between requests; adding or removing a
        group forgets them at once (``lms.roles.forget_roles`` on ``m2m_changed``).
        """
        if not hasattr(self, "_role_names"):
            self._role_names = role_names(self.pk)
        return role.value in self._role_names


class AppendOnlyError(DatabaseError):
    """Raised when code tries to change or delete a row of an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk updates and deletions of an append-only record.

    A model may name bookkeeping columns that are not part of the record
    (`append_only_settable`); a bulk update that sets only those is let through. On
    PostgreSQL, triggers refuse the same things for any SQL (see the migrations).
    """

    def update(self, **kwargs):
        settable = getattr(self.model, "append_only_settable", frozenset())
        if not kwargs or not set(kwargs) <= settable:
            raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")
        return super().update(**kwargs)

    update.alters_data = True

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")

    def delete(self):
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")

    delete.alters_data = True


class AppendOnlyModel(models.Model):
    """A record that is written once and never updated or deleted by the app.

    SQLite has no row triggers the test flush would tolerate for DELETE, so the model
    layer refuses here on every database; PostgreSQL refuses in the database too.
    """

    # Columns that may be set after the row is written (bookkeeping, not record).
    append_only_settable: frozenset[str] = frozenset()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            update_fields = kwargs.get("update_fields")
            if update_fields is None or not set(update_fields) <= self.append_only_settable:
                raise AppendOnlyError(f"{self._meta.label} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.label} rows are append-only")


class AuditEvent(AppendOnlyModel):
    """An append-only row for every sign-off, revocation and grade change.

    Written through `lms.services.audit_record`; never updated or deleted by the app.
    """

    actor = models.ForeignKey(User, verbose_name=_("who"), on_delete=models.PROTECT,
                              null=True, related_name="+")
    action = models.CharField(_("action"), max_length=60, db_index=True)
    target_type = models.CharField(_("target type"), max_length=60)
    target_id = models.CharField(_("target id"), max_length=64)
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"


class ErasureRequest(models.Model):
    """A person's request that Sanad erase their personal data.

    An administrator confirms it; erasure then blanks names, e-mail and free text and
    keeps the counts (entries, hours, scores) and verifiable certificates.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        DONE = "done", _("Erased")

    user = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT,
                             related_name="erasure_requests")
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    confirmed_by = models.ForeignKey(User, verbose_name=_("confirmed by"),
                                     on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        ordering = ["requested_at", "pk"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        constraints = [
            models.UniqueConstraint(fields=["user"], condition=models.Q(status="pending"),
                                    name="erasure_request_one_pending"),
            models.CheckConstraint(
                condition=~models.Q(status="done")
                | models.Q(confirmed_by__isnull=False, confirmed_at__isnull=False),
                name="erasure_request_done_is_confirmed"),
        ]

    def __str__(self):
        return f"{self.user_id} · {self.get_status_display()}"

class PrivateStorage(FileSystemStorage):
    """Files only their owner may download, through a view that checks who asks.

    Rooted at SANAD_PRIVATE_ROOT, outside MEDIA_ROOT, and with no URL at all: nothing
    here can be served by the web server or guessed by address.
    """

    # Read from the settings on each use rather than frozen at start-up, so a
    # deployment (or a test) that changes the setting is obeyed.
    @property
    def base_location(self):
        return settings.SANAD_PRIVATE_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise NotImplementedError("Private files are served by a view, never by URL.")


def private_storage() -> Storage:
    """The storage of private files: SANAD_PRIVATE_STORAGE, PrivateStorage by default.

    A callable, so migrations name this function rather than freezing a path or a class.
    """
    return import_string(settings.SANAD_PRIVATE_STORAGE)()


class ExportFile(models.Model):
    """A spreadsheet built in the background for the person who asked for it.

    `kind` names a builder registered in `lms.exports`; `parameters` are what it needs
    (a cohort id, the filters shown on screen). Requested through
    `lms.exports.export_request`, built by the task `lms.tasks.build_export`.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    requested_by = models.ForeignKey(User, verbose_name=_("requested by"),
                                     on_delete=models.CASCADE, related_name="export_files")
    kind = models.CharField(_("kind"), max_length=60)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to="exports/",
                            max_length=255, blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="export_file_ready_has_file"),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

class SubmissionToken(models.Model):
    """The claim of one rendered form's one-time token (see `lms.once`).

    A repeated or concurrent POST of the same form finds this row and is sent where the
    first one went, instead of creating a second practice entry, attempt or cohort.
    """

    token = models.UUIDField(_("token"), unique=True)
    user = models.ForeignKey(User, verbose_name=_("who"), on_delete=models.CASCADE,
                             related_name="+")
    result_url = models.CharField(_("where the submission led"), max_length=2000)
    # The messages the first POST left for the person, as [level, text] pairs: a refusal
    # (e.g. no attempts left) is replayed as the same refusal, not as "already saved".
    result_messages = models.JSONField(_("messages shown"), default=list, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("submission token")
        verbose_name_plural = _("submission tokens")

    def __str__(self):
        return f"{self.token} → {self.result_url}"


class OutgoingEmail(models.Model):
    """One e-mail to send, written before it is sent (an outbox).

    A worker killed while sending leaves the row behind, so the message is sent again by
    the sweeper instead of being lost: at least once, and never twice for the same `key`
    except when a worker dies between the mail server's answer and marking the row sent.
    A worker claims the row with a lease (`lease_until`); a lease that runs out means the
    claimant died, and the row may be claimed again.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")

    key = models.CharField(_("de-duplication key"), max_length=200, unique=True,
                           help_text=_('What the message is about, e.g. "certificate-issued:42".'))
    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=500)
    text = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)
    lease_until = models.DateTimeField(_("claimed until"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            # The sweeper's question: what is not sent yet?
            models.Index(fields=["status", "lease_until"], name="outgoing_email_unsent",
                         condition=~models.Q(status="sent")),
        ]

    def __str__(self):
        return f"{self.key} ({self.status})"


class OfflineWrite(models.Model):
    """A write queued on a person's device while offline, applied once (see `lms.offline_writes`).

    The device gives each write an id of its own; (user, client id) is unique, so a write
    sent again (its answer was lost, two tabs sent it at once) finds this row and is
    answered with the first result instead of being applied twice. Only applied writes
    are recorded: a refused one changed nothing, so sending it again (fixed) is safe.
    """

    user = models.ForeignKey(User, verbose_name=_("who"), on_delete=models.CASCADE,
                             related_name="+")
    client_id = models.UUIDField(_("id given by the device"))
    kind = models.CharField(_("kind"), max_length=40)
    # What the write led to (object id, link, grade), as its kind answers it.
    result = models.JSONField(_("result"), default=dict, blank=True)
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("offline write")
        verbose_name_plural = _("offline writes")
        constraints = [
            models.UniqueConstraint(fields=["user", "client_id"], name="offline_write_once"),
        ]

    def __str__(self):
        return f"{self.kind} {self.client_id}"
