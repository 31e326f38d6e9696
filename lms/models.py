from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .roles import Role


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
        """True when the user belongs to the role's group (cached for the request)."""
        if not hasattr(self, "_role_names"):
            self._role_names = set(self.groups.values_list("name", flat=True))
        return role.value in self._role_names


class AuditEvent(models.Model):
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
