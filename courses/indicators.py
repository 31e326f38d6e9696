"""The population every programme indicator counts, its breakdowns, and the learning
indicators (enrolment and knowledge gain).

`population(viewer, filters)` is the one place that decides which enrollments a viewer's
figures cover; `supervision` and `certificates` build their indicators on it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncMonth, TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from content.models import AssessmentPage, CoursePage, CurriculumPage
from lms.indicators import DIMENSIONS, Cell, Filters, Indicator, Kind, Measure, Row, Table, Viewer
from lms.models import Cadre, Organisation, Sex, Site

from .models import AssessmentAttempt, Cohort, Enrollment


def population(viewer: Viewer, filters: Filters) -> QuerySet[Enrollment]:
    """The enrollments `viewer` may count, narrowed by `filters` (not by period: each
    indicator dates its own events)."""
    enrollments = Enrollment.objects.all()
    if viewer.organisation_ids is not None:
        ids = list(viewer.organisation_ids)
        enrollments = enrollments.filter(
            Q(cohort__organisation_id__in=ids)
            | Q(cohort__isnull=True, trainee__organisation_id__in=ids))
    if viewer.cohort_ids is not None:
        enrollments = enrollments.filter(cohort_id__in=list(viewer.cohort_ids))
    if filters.organisation:
        ids = list(filters.organisation)
        enrollments = enrollments.filter(
            Q(cohort__organisation_id__in=ids)
            | Q(cohort__isnull=True, trainee__organisation_id__in=ids))
    if filters.country:
        enrollments = enrollments.annotate(_country=dimension("country")).filter(
            _country__in=list(filters.country))
    if filters.site:
        enrollments = enrollments.filter(cohort__site_id__in=list(filters.site))
    if filters.curriculum:
        enrollments = enrollments.filter(course_key__in=_course_keys_of(filters.curriculum))
    if filters.course:
        keys = CoursePage.objects.filter(pk__in=list(filters.course)).values("translation_key")
        enrollments = enrollments.filter(course_key__in=keys)
    if filters.cohort:
        enrollments = enrollments.filter(cohort_id__in=list(filters.cohort))
    if filters.cadre:
        enrollments = enrollments.filter(trainee__cadre_id__in=list(filters.cadre))
    if filters.sex:
        enrollments = enrollments.filter(trainee__sex__in=list(filters.sex))
    return enrollments


def _course_keys_of(curriculum_ids: Iterable[int]) -> list:
    """Translation keys of the courses under the given curricula, in every language."""
    curricula = CurriculumPage.objects.filter(
        translation_key__in=CurriculumPage.objects.filter(pk__in=list(curriculum_ids))
        .values("translation_key"))
    query = Q(pk__in=[])
    for path in curricula.values_list("path", flat=True):
        query |= Q(path__startswith=path)
    return list(CoursePage.objects.filter(query).values_list("translation_key", flat=True)
                .distinct())


def _curriculum_of_course() -> dict:
    """course translation key → the curriculum's id (the page in its first language)."""
    curricula = {}
    for pk, key, path in (CurriculumPage.objects.order_by("pk")
                          .values_list("pk", "translation_key", "path")):
        curricula.setdefault(key, pk)
        curricula[path] = curricula[key]
    mapping = {}
    for key, path in CoursePage.objects.values_list("translation_key", "path"):
        parent = curricula.get(path[:-CoursePage.steplen])
        if parent is not None:
            mapping[key] = parent
    return mapping


def dimension(breakdown: str, date_field: str | None = None, prefix: str = ""):
    """An expression giving each row's value of `breakdown`.

    `prefix` is the path to the Enrollment from the model queried ("" on Enrollment
    itself, "enrollment__" on practice entries, ratings, certificates…).
    `month` and `quarter` need the date of the event the indicator counts (`date_field`,
    a path from the model queried, such as "completed_at"); a DateTimeField is cut to
    the month in the current time zone.
    """
    p = prefix
    if breakdown == "organisation":
        return Coalesce(f"{p}cohort__organisation_id", f"{p}trainee__organisation_id")
    if breakdown == "country":
        return Coalesce(NullIf(f"{p}cohort__site__country", Value("")),
                        NullIf(f"{p}cohort__country", Value("")),
                        NullIf(f"{p}trainee__country", Value("")),
                        output_field=CharField())
    if breakdown == "site":
        return F(f"{p}cohort__site_id")
    if breakdown == "curriculum":
        whens = [When(**{f"{p}course_key": key}, then=Value(pk))
                 for key, pk in _curriculum_of_course().items()]
        return Case(*whens, default=None, output_field=IntegerField()) if whens else \
            Value(None, output_field=IntegerField())
    if breakdown == "course":
        return F(f"{p}course_key")
    if breakdown == "cohort":
        return F(f"{p}cohort_id")
    if breakdown == "cadre":
        return F(f"{p}trainee__cadre_id")
    if breakdown == "sex":
        return NullIf(f"{p}trainee__sex", Value(""))
    if breakdown in ("month", "quarter"):
        if date_field is None:
            raise ValueError(f"{breakdown} needs the date of the event counted")
        trunc = TruncMonth if breakdown == "month" else TruncQuarter
        return trunc(date_field)
    raise ValueError(f"unknown breakdown {breakdown!r}; one of {sorted(DIMENSIONS)}")


def labels(breakdown: str, keys: Iterable) -> dict:
    """A readable label for each breakdown value, in at most one query."""
    keys = [k for k in keys if k is not None]
    if breakdown == "organisation":
        return dict(Organisation.objects.filter(pk__in=keys).values_list("pk", "name"))
    if breakdown == "country":
        return {code: countries.name(code) or code for code in keys}
    if breakdown == "site":
        return {site.pk: str(site) for site in Site.objects.filter(pk__in=keys)}
    if breakdown == "curriculum":
        return {page.pk: page.localized.title
                for page in CurriculumPage.objects.filter(pk__in=keys)}
    if breakdown == "course":
        return _course_titles(keys)
    if breakdown == "cohort":
        return dict(Cohort.objects.filter(pk__in=keys).values_list("pk", "name"))
    if breakdown == "cadre":
        return {cadre.pk: str(cadre) for cadre in Cadre.objects.filter(pk__in=keys)}
    if breakdown == "sex":
        return {key: Sex(key).label for key in keys if key in Sex.values}
    if breakdown == "month":
        return {key: key.strftime("%Y-%m") for key in keys}
    if breakdown == "quarter":
        return {key: f"{key.year} Q{(key.month - 1) // 3 + 1}" for key in keys}
    raise ValueError(f"unknown breakdown {breakdown!r}")


def _course_titles(keys: list) -> dict:
    """Course titles in the reader's language where a translation exists."""
    from wagtail.models import Locale

    try:
        active = Locale.get_active().pk
    except Locale.DoesNotExist:
        active = None
    titles: dict = {}
    for key, title, locale_id in (CoursePage.objects.filter(translation_key__in=keys)
                                  .order_by("pk").values_list("translation_key", "title",
                                                              "locale_id")):
        if key not in titles or locale_id == active:
            titles[key] = title
    return titles


UNKNOWN = _("Not recorded")


def people(field: str = "trainee_id", **condition) -> Count:
    """Distinct trainees (optionally those meeting `condition`)."""
    return Count(field, distinct=True, filter=Q(**condition) if condition else None)




def in_period(field: str, filters: Filters, *, date: bool = False) -> Q:
    """Events whose date (`field`, a path from the model queried) falls within the
    period. `date=True` for a DateField (no time of day to convert)."""
    lookup = field if date else f"{field}__date"
    query = Q()
    if filters.start:
        query &= Q(**{f"{lookup}__gte": filters.start})
    if filters.end:
        query &= Q(**{f"{lookup}__lte": filters.end})
    return query


def period_end(filters: Filters):
    """The last day the figures cover: the period's end, or today."""
    today = timezone.localdate()
    return min(filters.end, today) if filters.end else today


def grouped(queryset: QuerySet, breakdown: str | None, date_field: str | None,
            prefix: str = "", **aggregates) -> tuple[dict, dict]:
    """Run `aggregates` over `queryset` once per breakdown value and once in total.

    Two queries whatever the size of the data: one grouped, one for the total (people
    counted distinctly cannot be added up from the groups). `prefix` is the path from
    the queried model to its Enrollment (see `dimension`).
    """
    total = queryset.aggregate(**aggregates)
    if breakdown is None:
        return {}, total
    rows = (queryset.annotate(_group=dimension(breakdown, date_field, prefix))
            .values("_group").order_by("_group").annotate(**aggregates))
    return {_group_key(row.pop("_group")): row for row in rows}, total


def _group_key(value):
    """Months of a DateTimeField come back as midnight in the current zone; the pages
    and the trend key them by the date."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def per_person(queryset: QuerySet, breakdown: str | None, date_field: str | None,
               prefix: str, person: str, value) -> tuple[dict, list]:
    """One number per person (and breakdown value), in one query: for medians over people
    ("median approved hours per trainee"). The rows grow with the people counted, never
    with their events; the total is added up per person from the same rows, so `value`
    must be additive (a Sum or a Count of events, not a distinct count or a mean).

    Returns ({group: [value per person]}, [value per person overall]).
    """
    fields = [person]
    queryset = queryset.order_by()
    if breakdown is not None:
        queryset = queryset.annotate(_group=dimension(breakdown, date_field, prefix))
        fields.insert(0, "_group")
    rows = queryset.values(*fields).annotate(_value=value).values_list(*fields, "_value")
    groups: dict = {}
    totals: dict = {}
    for row in rows:
        *group, who, amount = row
        if amount is None:
            continue
        if group:
            groups.setdefault(_group_key(group[0]), []).append(amount)
        totals[who] = totals.get(who, 0) + amount
    return groups, list(totals.values())


def build_table(indicator: Indicator, breakdown: str | None, groups: dict, total: dict,
                cells) -> Table:
    """A Table whose rows come from `groups` (as `grouped` returns) and whose cells are
    made by `cells(values) -> dict[measure key, Cell]`."""
    names = labels(breakdown, groups) if breakdown else {}
    rows = [Row(key=key, label=names.get(key, UNKNOWN) if key is not None else UNKNOWN,
                cells=cells(values)) for key, values in groups.items()]
    return Table(indicator=indicator, breakdown=breakdown, measures=indicator.measures,
                 rows=rows, total=Row(key=None, label=_("Total"), cells=cells(total)))


def rate(numerator: int | None, denominator: int | None) -> Cell:
    """A percentage of people, with its n; empty when there is nobody to count."""
    numerator, denominator = numerator or 0, denominator or 0
    value = round(100 * numerator / denominator, 1) if denominator else None
    return Cell(value=value, numerator=numerator, denominator=denominator)


class Enrolment(Indicator):
    key = "enrolment"
    row_totals = {"enrolled": ("active", "completed", "withdrawn")}
    order = 10
    name = _("Trainees enrolled and completing")
    definition = _(
        "Trainees (counted once per course) who enrolled in the period, by where their "
        "enrolment stands today: active, completed or withdrawn. Completion rate: of the "
        "trainees in cohorts that have ended, the share who completed by the cohort's end "
        "date. Self-paced learners have no end date and are left out of the rate.")
    measures = (
        Measure("enrolled", pgettext_lazy("trainees", "Enrolled"), Kind.PEOPLE),
        Measure("active", _("Active"), Kind.PEOPLE),
        Measure("completed", _("Completed"), Kind.PEOPLE),
        Measure("withdrawn", _("Withdrawn"), Kind.PEOPLE),
        Measure("completion_rate", _("Completion rate within the cohort's dates"),
                Kind.PERCENT, headline=True),
    )

    def compute(self, population, breakdown, filters):
        today = timezone.localdate()
        enrollments = population.filter(in_period("enrolled_at", filters))
        groups, total = grouped(
            enrollments, breakdown, "enrolled_at",
            enrolled=Count("pk"),
            active=Count("pk", filter=Q(status=Enrollment.Status.ACTIVE)),
            completed=Count("pk", filter=Q(status=Enrollment.Status.COMPLETED)),
            withdrawn=Count("pk", filter=Q(status=Enrollment.Status.WITHDRAWN)),
            ended=Count("pk", filter=Q(cohort__end_date__lt=today)),
            on_time=Count("pk", filter=Q(cohort__end_date__lt=today,
                                         status=Enrollment.Status.COMPLETED,
                                         completed_at__date__lte=F("cohort__end_date"))),
        )

        def cells(values):
            return {
                "enrolled": Cell(values["enrolled"]),
                "active": Cell(values["active"]),
                "completed": Cell(values["completed"]),
                "withdrawn": Cell(values["withdrawn"]),
                "completion_rate": rate(values["on_time"], values["ended"]),
            }

        return build_table(self, breakdown, groups, total, cells)


class KnowledgeGain(Indicator):
    key = "knowledge_gain"
    order = 20
    name = _("Knowledge gain")
    definition = _(
        "Trainees (counted once per course) who took both the pre-test and the post-test, "
        "and whose latest post-test was submitted in the period. Pre-test score: their "
        "first pre-test; post-test score: their best post-test; gain: post minus pre, in "
        "percentage points. Improved: the share of these trainees whose post-test score "
        "is higher than their pre-test score. n is the number of trainees with both tests.")
    measures = (
        Measure("tested", _("Trainees with both tests (n)"), Kind.PEOPLE),
        Measure("pre", _("Mean pre-test score"), Kind.SCORE),
        Measure("post", _("Mean post-test score"), Kind.SCORE),
        Measure("gain", _("Mean gain"), Kind.SCORE, headline=True),
        Measure("improved", _("Trainees who improved"), Kind.PERCENT),
    )

    def compute(self, population, breakdown, filters):
        attempts = AssessmentAttempt.objects.filter(enrollment=OuterRef("pk")).order_by()
        pre = attempts.filter(kind=AssessmentPage.Kind.PRE_TEST)
        post = attempts.filter(kind=AssessmentPage.Kind.POST_TEST)
        # One correlated subquery per figure and enrollment, aggregated in the same
        # statement: the query count stays fixed however many attempts there are.
        enrollments = population.annotate(
            _pre=Subquery(pre.order_by("submitted_at", "pk").values("score")[:1]),
            _post=Subquery(post.values("enrollment").annotate(best=Max("score"))
                           .values("best")),
            _post_at=Subquery(post.values("enrollment")
                              .annotate(last=Max("submitted_at")).values("last")),
        ).filter(_pre__isnull=False, _post__isnull=False).filter(
            in_period("_post_at", filters))
        groups, total = grouped(
            enrollments, breakdown, "_post_at",
            tested=Count("pk"),
            pre=Avg("_pre"),
            post=Avg("_post"),
            improved=Count("pk", filter=Q(_post__gt=F("_pre"))),
        )

        def cells(values):
            n = values["tested"]
            pre, post = values["pre"], values["post"]
            gain = None if pre is None or post is None else round(float(post - pre), 1)
            return {
                "tested": Cell(n),
                "pre": Cell(_score(pre), denominator=n),
                "post": Cell(_score(post), denominator=n),
                "gain": Cell(gain, denominator=n),
                "improved": rate(values["improved"], n),
            }

        return build_table(self, breakdown, groups, total, cells)


def _score(value) -> float | None:
    return None if value is None else round(float(value), 1)


def register(registry) -> None:
    registry.register(Enrolment())
    registry.register(KnowledgeGain())
