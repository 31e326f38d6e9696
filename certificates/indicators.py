"""The certification indicator, registered in CertificatesConfig.ready() on the population
and breakdowns of `courses.indicators`."""

from __future__ import annotations

import datetime

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.indicators import build_table, grouped, in_period
from lms.indicators import Cell, Indicator, Kind, Measure, Median

from .models import Certificate

EXPIRING_DAYS = 60


class Certification(Indicator):
    key = "certification"
    order = 70
    name = _("Certification")
    definition = _(
        "Trainees (per course) holding a certificate issued in the period, by where it "
        "stands today: valid; valid but expiring in the next 60 days (also counted as "
        "valid); expired; revoked. A trainee re-certified counts once, by their latest "
        "certificate. Days to certificate: the median, over those trainees, of the days "
        "from enrolment to the issue of that certificate.")
    measures = (
        Measure("valid", _("Valid certificates"), Kind.PEOPLE, headline=True),
        Measure("expiring", _("Expiring in the next 60 days"), Kind.PEOPLE),
        Measure("expired", _("Expired"), Kind.PEOPLE),
        Measure("revoked", _("Revoked"), Kind.PEOPLE),
        Measure("days_to_certificate", _("Median days from enrolment to certificate"),
                Kind.DAYS),
    )

    def compute(self, population, breakdown, filters, today: datetime.date | None = None):
        today = today or timezone.localdate()
        soon = today + datetime.timedelta(days=EXPIRING_DAYS)
        # The latest certificate of each enrollment: a later cycle replaces an earlier one.
        certificates = Certificate.objects.filter(
            Q(enrollment__in=population.values("pk"))
            & in_period("issued_on", filters, date=True)).exclude(
            enrollment__certificates__cycle__gt=F("cycle"))
        valid = Q(status=Certificate.Status.VALID) & (
            Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        groups, total = grouped(
            certificates, breakdown, "issued_on", "enrollment__",
            certified=Count("enrollment_id", distinct=True),
            valid=Count("enrollment_id", distinct=True, filter=valid),
            expiring=Count("enrollment_id", distinct=True,
                           filter=valid & Q(expires_on__lte=soon)),
            expired=Count("enrollment_id", distinct=True,
                          filter=Q(status=Certificate.Status.VALID, expires_on__lt=today)),
            revoked=Count("enrollment_id", distinct=True,
                          filter=Q(status=Certificate.Status.REVOKED)),
            days=Median(ExpressionWrapper(F("issued_on") - TruncDate("enrollment__enrolled_at"),
                                          output_field=DurationField()),
                        output_field=DurationField()),
        )

        def cells(values):
            return {
                "valid": Cell(values["valid"]),
                "expiring": Cell(values["expiring"]),
                "expired": Cell(values["expired"]),
                "revoked": Cell(values["revoked"]),
                "days_to_certificate": Cell(_days(values["days"]),
                                            denominator=values["certified"]),
            }

        return build_table(self, breakdown, groups, total, cells)


def _days(duration) -> float | None:
    if duration is None:
        return None
    if not isinstance(duration, datetime.timedelta):
        duration = datetime.timedelta(microseconds=float(duration))
    return round(duration.total_seconds() / 86400, 1)


def register(registry) -> None:
    registry.register(Certification())
