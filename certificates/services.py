"""Rules that change certificates. Keyword-only, atomic; views and tasks call these."""

from __future__ import annotations

import calendar
import datetime
import hashlib
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from content.models import ActivityKind, CertificateTemplate, Competency, CoursePage
from courses.models import Cohort, Enrollment
from lms.models import User
from lms.services import audit_record
from lms.text import clean_name, clean_text

from . import selectors, status_list
from .models import Certificate
from .pdf import CertificateTemplateError, render_pdf, template_body_errors

MAX_REASON_LENGTH = 2000
NAME_MAX_LENGTH = Certificate._meta.get_field("name_as_issued").max_length

NOT_COMPLETE = gettext_lazy(
    "This enrollment is not complete: a certificate is issued only when every "
    "requirement of the course is met.")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _locale(language: str) -> Locale | None:
    return Locale.objects.filter(language_code=language).first()


def template_for(course: CoursePage, language: str) -> CertificateTemplate:
    """The course's template (or the default one), in the language when translated."""
    template = course.certificate_template
    if template is None:
        defaults = CertificateTemplate.objects.filter(is_default=True)
        template = (defaults.filter(locale__language_code=language).first()
                    or defaults.order_by("pk").first())
    if template is None:
        raise CertificateTemplateError(_("No certificate template: mark one as the default."))
    locale = _locale(language)
    if locale is not None and template.locale_id != locale.pk:
        template = template.get_translation_or_none(locale) or template
    return template


def _snapshot(enrollment: Enrollment, language: str) -> dict:
    """What the certificate attests, read now, in the holder's language."""
    from supervision import selectors as supervision_selectors

    course = enrollment.course
    locale = _locale(language)
    if locale is not None and course.locale_id != locale.pk:
        course = course.get_translation_or_none(locale) or course
    hours_by_kind = supervision_selectors.approved_practice_hours_by_kind([enrollment.pk])[
        enrollment.pk]
    supervision = supervision_selectors.supervision_hours([enrollment.pk])[enrollment.pk]
    ratings = supervision_selectors.latest_competency_ratings([enrollment.pk])[enrollment.pk]
    kinds = ActivityKind.objects.in_bulk(list(hours_by_kind))
    levels = dict(Competency.Level.choices)
    with translation.override(language):
        practice = sorted(
            ({"activity_kind": kinds[kind_id].localised() if kind_id in kinds else "",
              "hours": str(hours)} for kind_id, hours in hours_by_kind.items() if hours),
            key=lambda row: row["activity_kind"])
        competencies = sorted(
            ({"code": rating.competency.code, "title": rating.competency.localised(),
              "level": rating.level, "label": str(levels.get(rating.level, rating.level))}
             for rating in ratings.values() if not rating.harmful_behaviour),
            key=lambda row: row["code"])
    return {"course_title": course.title, "practice_hours": practice,
            "supervision_hours": Decimal(supervision), "competency_levels": competencies}


def certificate_issue(*, enrollment_id: int, cycle: int = 1) -> tuple[Certificate, bool]:
    """Issue the certificate of a completed enrollment, once. Returns (certificate, created).

    Safe to call twice and concurrently: the (enrollment, cycle) unique constraint lets
    one insert win; the loser reads the winner's row. Refuses an enrollment that is not
    complete, and a template whose body has unknown placeholders, issuing nothing.
    """
    enrollment = (Enrollment.objects.select_related("trainee", "course", "cohort__organisation")
                  .get(pk=enrollment_id))
    existing = Certificate.objects.filter(enrollment=enrollment, cycle=cycle).first()
    if existing is not None:
        return existing, False
    if enrollment.status != Enrollment.Status.COMPLETED or enrollment.completed_at is None:
        raise ValidationError(NOT_COMPLETE, code="not_complete")
    trainee = enrollment.trainee
    language = trainee.preferred_language or "en"
    template = template_for(enrollment.course, language)
    errors = template_body_errors(template.body)
    if errors:
        raise ValidationError(errors, code="template")
    completion_date = timezone.localdate(enrollment.completed_at)
    validity = enrollment.course.certificate_validity_months
    organisation = template.issuing_organisation or (
        enrollment.cohort.organisation.name if enrollment.cohort else "")
    certificate = Certificate(
        enrollment=enrollment, cycle=cycle, template=template,
        name_as_issued=trainee.full_name, language=language,
        completion_date=completion_date, issued_on=timezone.localdate(),
        expires_on=add_months(completion_date, validity) if validity else None,
        issuing_organisation=organisation, **_snapshot(enrollment, language))
    try:
        with transaction.atomic():
            certificate.save()
            certificate_status_list_index(certificate=certificate)
            audit_record(actor=None, action="certificate.issued", target=certificate,
                         enrollment=enrollment.pk, cycle=cycle)
    except IntegrityError:
        existing = Certificate.objects.filter(enrollment=enrollment, cycle=cycle).first()
        if existing is None:
            raise
        return existing, False
    return certificate, True


# Draws before giving up on a list: with a list at most about half full, each draw
# collides with a chance of one in two at worst, so 40 failures in a row do not happen.
INDEX_DRAWS = 40


def certificate_status_list_index(*, certificate: Certificate) -> int:
    """The certificate's place in the status lists, allocated on first use and never
    changed. Returns it (and sets it on `certificate`).

    A random unused index of the list in use (status_list.list_in_use), so an index says
    nothing of when or in what order certificates were issued. A collision with another
    certificate's index is refused by the unique constraint, inside a savepoint, and
    another index drawn. Certificates issued before this rule keep the index they have.
    """
    if certificate.status_list_index is None:
        number = status_list.list_in_use()
        for _draw in range(INDEX_DRAWS):
            try:
                with transaction.atomic():
                    Certificate.objects.filter(
                        pk=certificate.pk, status_list_index__isnull=True).update(
                        status_list_index=status_list.random_index(number))
                break
            except IntegrityError:
                continue
        else:
            raise IntegrityError(f"No free status list index found in list {number}.")
        # Read back: a concurrent request may have allocated it first.
        certificate.status_list_index = (Certificate.objects.filter(pk=certificate.pk)
                                         .values_list("status_list_index", flat=True).get())
    return certificate.status_list_index


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render (or re-render) a certificate's PDF and store it with its SHA-256.

    Rendering is deterministic, so a re-render of an unchanged certificate finds the
    same digest and writes nothing.
    """
    certificate = Certificate.objects.select_related("template").get(pk=certificate_id)
    template = certificate.template or template_for(certificate.enrollment.course,
                                                    certificate.language)
    content = render_pdf(certificate, template)
    digest = hashlib.sha256(content).hexdigest()
    storage = certificate.pdf.storage
    if (certificate.pdf and certificate.pdf_sha256 == digest
            and storage.exists(certificate.pdf.name)):
        return certificate
    old_name = certificate.pdf.name if certificate.pdf else ""
    certificate.pdf.save(f"{certificate.code}.pdf", ContentFile(content), save=False)
    certificate.pdf_sha256 = digest
    certificate.save(update_fields=["pdf", "pdf_sha256", "updated_at"])
    if old_name and old_name != certificate.pdf.name:
        storage.delete(old_name)
    return certificate


def may_manage(user: User, certificate: Certificate) -> bool:
    return selectors.manageable_certificates(user).filter(pk=certificate.pk).exists()


def certificate_revoke(*, certificate: Certificate, actor: User, category: str,
                       reason: str) -> Certificate:
    """Revoke a certificate with a reason. It shows as revoked at once; audited."""
    if not may_manage(actor, certificate):
        raise PermissionDenied
    errors = {}
    try:
        reason = clean_text(reason, max_length=MAX_REASON_LENGTH, multiline=True)
    except ValidationError as error:
        errors["reason"] = error.messages
    if category not in Certificate.RevocationCategory.values:
        errors["category"] = _("Choose why the certificate is revoked.")
    if not errors.get("reason") and not reason:
        errors["reason"] = _("Explain why the certificate is revoked.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status == Certificate.Status.REVOKED:
            raise ValidationError(_("This certificate is already revoked."))
        locked.status = Certificate.Status.REVOKED
        locked.revocation_category = category
        locked.revocation_reason = reason
        locked.revoked_by = actor
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["status", "revocation_category", "revocation_reason",
                                   "revoked_by", "revoked_at", "updated_at"])
        audit_record(actor=actor, action="certificate.revoked", target=locked,
                     category=category, reason=reason, code=locked.code)
        index = certificate_status_list_index(certificate=locked)
        # Forget the published list now and again once committed, so a list rebuilt by
        # a request that read the database before the commit is not kept.
        status_list.forget(index)
        transaction.on_commit(lambda: status_list.forget(index))
    return locked


def name_digest(name: str) -> str:
    """A keyed digest of a name, for the append-only audit trail."""
    return salted_hmac("sanad.audit.certificate-name", name).hexdigest()


def certificate_correct_name(*, certificate: Certificate, actor: User, name: str,
                             reason: str) -> Certificate:
    """Correct the name as issued and re-render the PDF under the same code; audited."""
    if not may_manage(actor, certificate):
        raise PermissionDenied
    errors = {}
    try:
        name = clean_name(name, max_length=NAME_MAX_LENGTH, empty_message=_(
            "Enter the name as it should appear on the certificate."))
    except ValidationError as error:
        errors["name"] = error.messages
    else:
        if name == certificate.name_as_issued:
            errors["name"] = _("This is already the name on the certificate.")
    try:
        reason = clean_text(reason, max_length=MAX_REASON_LENGTH, multiline=True)
    except ValidationError as error:
        errors["reason"] = error.messages
    else:
        if not reason:
            errors["reason"] = _("Say why the name is corrected.")
    if certificate.status == Certificate.Status.REVOKED:
        errors.setdefault("name", _("A revoked certificate cannot be corrected."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        old_name = locked.name_as_issued
        locked.name_as_issued = name
        locked.save(update_fields=["name_as_issued", "updated_at"])
        # The audit trail cannot be erased, so it keeps keyed digests of the names, not
        # the names: enough to confirm a claimed old or new name, nothing to read back.
        audit_record(actor=actor, action="certificate.name_corrected", target=locked,
                     old_name_digest=name_digest(old_name), new_name_digest=name_digest(name),
                     reason=reason)
        from .tasks import render_certificate

        render_certificate.delay_on_commit(locked.pk)
    return locked


def cohort_issue_all_eligible(*, cohort: Cohort, actor: User) -> int:
    """Queue issuing for every completed enrollment of the cohort without a certificate.

    Returns how many were queued. The tasks are idempotent, so pressing twice is harmless.
    """
    if not selectors.cohorts_for_certificates(actor).filter(pk=cohort.pk).exists():
        raise PermissionDenied
    from .tasks import issue_certificate

    enrollment_ids = list(selectors.eligible_enrollments().filter(cohort=cohort)
                          .values_list("pk", flat=True))
    for enrollment_id in enrollment_ids:
        issue_certificate.delay_on_commit(enrollment_id)
    if enrollment_ids:
        audit_record(actor=actor, action="certificate.issue_all_queued", target=cohort,
                     enrollments=enrollment_ids)
    return len(enrollment_ids)
