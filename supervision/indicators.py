"""Programme indicators of supervised practice: practice hours, supervision, competence
and supervisor load. Registered in SupervisionConfig.ready(); built on the population
and breakdowns of `courses.indicators`, so `courses` never imports this layer.

Every figure is per enrollment ("a trainee on a course"), like the enrolment indicator:
a person on two courses counts once on each.
"""

from __future__ import annotations

import datetime

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _

from content.models import Competency, CourseCompetency, CourseCompetencyTool
from courses.indicators import (
    UNKNOWN,
    build_table,
    dimension,
    grouped,
    in_period,
    per_person,
    period_end,
    rate,
)
from lms.indicators import (
    DIMENSIONS,
    Cell,
    Indicator,
    Kind,
    Measure,
    Median,
    Row,
    Table,
    median,
)

from .models import (
    CompetencyAssessment,
    CompetencyRating,
    ItemResult,
    PracticeEntry,
    ReviewEvent,
    SupervisionSession,
)

State = PracticeEntry.State
# Snapshots (a window before the period's end, today's assignments) have no event date.
NOT_BY_DATE = tuple(key for key in DIMENSIONS if key not in ("month", "quarter"))
# "Practising" and "supervised" look at this many days up to the period's end.
RECENT_DAYS = 30


def merge(*groups: dict) -> dict:
    """The rows of several `grouped` results side by side: {key: {figure: value}}."""
    merged: dict = {}
    for group in groups:
        for key, values in group.items():
            merged.setdefault(key, {}).update(values)
    return merged


def _hours(minutes) -> float | None:
    return None if minutes is None else round(float(minutes) / 60, 1)


def _days(duration) -> float | None:
    if duration is None:
        return None
    if not isinstance(duration, datetime.timedelta):
        # SQLite hands the median of microseconds back as a number.
        duration = datetime.timedelta(microseconds=float(duration))
    return round(duration.total_seconds() / 86400, 1)


class Practice(Indicator):
    key = "practice"
    order = 30
    name = _("Supervised practice")
    definition = _(
        "Approved practice hours: the hours of practice entries a supervisor approved in "
        "the period, in total and as the median per trainee who had any approved (per "
        "course). Waiting for review: entries submitted by the end of the period that no "
        "supervisor has approved or returned yet. Time to decision: the median, over the "
        "approvals and returns made in the period, of the days from the entry's latest "
        "submission to that decision.")
    measures = (
        Measure("approved_hours", _("Approved practice hours"), Kind.HOURS, headline=True),
        Measure("trainees", _("Trainees with approved hours"), Kind.PEOPLE),
        Measure("median_hours", _("Median approved hours per trainee"), Kind.HOURS),
        Measure("waiting", _("Entries waiting for review"), Kind.COUNT),
        Measure("decision_days", _("Median days from submission to decision"), Kind.DAYS),
    )

    def compute(self, population, breakdown, filters):
        entries = PracticeEntry.objects.filter(enrollment__in=population.values("pk"))
        approved = entries.filter(Q(state=State.APPROVED) & in_period("approved_at", filters))
        hours_groups, hours_total = grouped(
            approved, breakdown, "approved_at", "enrollment__",
            minutes=Sum("duration_minutes"), trainees=Count("enrollment_id", distinct=True))
        # One row per trainee (and group): the median is over people, not entries.
        per_trainee, per_trainee_total = per_person(
            approved, breakdown, "approved_at", "enrollment__", "enrollment_id",
            Sum("duration_minutes"))
        waiting = entries.filter(state=State.SUBMITTED)
        if filters.end:
            waiting = waiting.filter(submitted_at__date__lte=filters.end)
        waiting_groups, waiting_total = grouped(
            waiting, breakdown, "submitted_at", "enrollment__", waiting=Count("pk"))
        decisions = ReviewEvent.objects.filter(
            Q(entry__enrollment__in=population.values("pk"), from_state=State.SUBMITTED,
              to_state__in=[State.APPROVED, State.RETURNED])
            & in_period("created_at", filters))
        submitted = Subquery(
            ReviewEvent.objects.filter(entry_id=OuterRef("entry_id"), to_state=State.SUBMITTED,
                                       created_at__lte=OuterRef("created_at"))
            .order_by("-created_at", "-pk").values("created_at")[:1])
        decisions = decisions.annotate(_waited=ExpressionWrapper(
            F("created_at") - submitted, output_field=DurationField()))
        decision_groups, decision_total = grouped(
            decisions, breakdown, "created_at", "entry__enrollment__",
            decision=Median("_waited", output_field=DurationField()),
            decided=Count("entry__enrollment_id", distinct=True))

        def cells(values, minutes_per_trainee):
            trainees = values.get("trainees") or 0
            decided = values.get("decided") or 0
            per_trainee_median = median(minutes_per_trainee)
            return {
                "approved_hours": Cell(_hours(values.get("minutes")) or 0.0,
                                       denominator=trainees),
                "trainees": Cell(trainees),
                "median_hours": Cell(_hours(per_trainee_median), denominator=trainees),
                "waiting": Cell(values.get("waiting") or 0),
                "decision_days": Cell(_days(values.get("decision")), denominator=decided),
            }

        groups = merge(hours_groups, waiting_groups, decision_groups)
        for key, values in groups.items():
            values["_per_trainee"] = per_trainee.get(key, [])
        total = {**hours_total, **waiting_total, **decision_total,
                 "_per_trainee": per_trainee_total}
        return build_table(self, breakdown, groups, total,
                           lambda values: cells(values, values["_per_trainee"]))


class Supervision(Indicator):
    key = "supervision"
    order = 40
    name = _("Supervision of practising trainees")
    breakdowns = NOT_BY_DATE
    definition = _(
        "Practising trainees: those (per course) with at least one practice entry, "
        "submitted or not yet, dated in the last 30 days of the period (up to today when "
        "the period has no end). Supervised: the share of them who attended at least one "
        "supervision session dated in the same 30 days. Supervision hours per trainee: "
        "the hours of the sessions attended in the period, averaged over the trainees "
        "with any practice entry dated in the period (those with no session count as "
        "zero). By month: see the trend, which computes each month as its own period.")
    measures = (
        Measure("practising", _("Practising trainees (last 30 days)"), Kind.PEOPLE),
        Measure("supervised", _("Practising trainees supervised in the last 30 days"),
                Kind.PERCENT, headline=True),
        Measure("hours_per_trainee", _("Supervision hours per trainee"), Kind.HOURS),
    )

    def compute(self, population, breakdown, filters):
        end = period_end(filters)
        window = (end - datetime.timedelta(days=RECENT_DAYS - 1), end)
        entries = PracticeEntry.objects.filter(enrollment_id=OuterRef("pk")).exclude(
            state=State.DRAFT)
        attended = SupervisionSession.enrollments.through.objects.filter(
            enrollment_id=OuterRef("pk"))
        in_session_period = Q()
        if filters.start:
            in_session_period &= Q(supervisionsession__date__gte=filters.start)
        in_session_period &= Q(supervisionsession__date__lte=end)
        enrollments = population.annotate(
            _practising=Exists(entries.filter(date__range=window)),
            _supervised=Exists(attended.filter(supervisionsession__date__range=window)),
            _practised=Exists(entries.filter(in_period("date", filters, date=True),
                                             date__lte=end)),
            _minutes=Subquery(attended.filter(in_session_period).order_by()
                              .values("enrollment_id")
                              .annotate(total=Sum("supervisionsession__duration_minutes"))
                              .values("total")),
        )
        groups, total = grouped(
            enrollments, breakdown, None,
            practising=Count("pk", filter=Q(_practising=True)),
            supervised=Count("pk", filter=Q(_practising=True, _supervised=True)),
            practised=Count("pk", filter=Q(_practised=True)),
            minutes=Sum("_minutes", filter=Q(_practised=True)),
        )

        def cells(values):
            practised = values["practised"]
            minutes = values["minutes"] or 0
            return {
                "practising": Cell(values["practising"]),
                "supervised": rate(values["supervised"], values["practising"]),
                "hours_per_trainee": Cell(
                    round(minutes / 60 / practised, 1) if practised else None,
                    denominator=practised),
            }

        return build_table(self, breakdown, groups, total, cells)


def _latest_level(end: datetime.date) -> Subquery:
    """The level of an enrollment's latest rating of a requirement's competency, as of
    `end` (correlated to a CourseCompetency inside an Enrollment subquery)."""
    return Subquery(
        CompetencyRating.objects.filter(enrollment_id=OuterRef(OuterRef("pk")),
                                        competency_id=OuterRef("competency_id"),
                                        rated_at__date__lte=end)
        .order_by("-rated_at", "-pk").values("level")[:1])


class Competence(Indicator):
    key = "competence"
    order = 50
    name = _("Competence")
    breakdowns = NOT_BY_DATE
    definition = _(
        "Of the trainees (per course) rated on any competency in the period, on a course "
        "that requires competencies: the share whose latest rating, as of the end of the "
        "period, reaches the required level on every required competency without harmful "
        "behaviour flagged. Potentially harmful: of the trainees rated in the period, the "
        "share with any rating of level 1 or with harmful behaviour flagged in the period. "
        "Baseline and latest: for each trainee and competency rated in the period, the "
        "first rating ever and the latest rating up to the period's end, averaged over "
        "these pairs; a competency rated once has the same baseline and latest.")
    measures = (
        Measure("rated", _("Trainees rated"), Kind.PEOPLE),
        Measure("competent", _("Rated at the required level on every competency"),
                Kind.PERCENT, headline=True),
        Measure("harmful", _("With a potentially harmful rating (level 1)"), Kind.PERCENT),
        Measure("baseline", _("Mean baseline level"), Kind.LEVEL),
        Measure("latest", _("Mean latest level"), Kind.LEVEL),
    )

    def compute(self, population, breakdown, filters):
        end = period_end(filters)
        ratings = CompetencyRating.objects.filter(enrollment_id=OuterRef("pk"),
                                                  rated_at__date__lte=end)
        in_period_ratings = ratings.filter(in_period("rated_at", filters))
        requirements = CourseCompetency.objects.filter(course_id=OuterRef("course_id"))
        latest_harmful = Subquery(
            CompetencyRating.objects.filter(enrollment_id=OuterRef(OuterRef("pk")),
                                            competency_id=OuterRef("competency_id"),
                                            rated_at__date__lte=end)
            .order_by("-rated_at", "-pk").values("harmful_behaviour")[:1])
        short = requirements.annotate(_level=_latest_level(end),
                                      _harmful=latest_harmful).filter(
            Q(_level__isnull=True) | Q(_level__lt=F("required_level")) | Q(_harmful=True))
        enrollments = population.annotate(
            _rated=Exists(in_period_ratings),
            _required=Exists(requirements),
            _short=Exists(short),
            _level_one=Exists(in_period_ratings.filter(
                Q(level=Competency.Level.POTENTIALLY_HARMFUL) | Q(harmful_behaviour=True))),
        ).filter(_rated=True)
        groups, total = grouped(
            enrollments, breakdown, None,
            rated=Count("pk"),
            assessed=Count("pk", filter=Q(_required=True)),
            competent=Count("pk", filter=Q(_required=True, _short=False)),
            harmful=Count("pk", filter=Q(_level_one=True)),
        )
        pair_groups, pair_total = self._pairs(population, breakdown, filters, end)

        def cells(values):
            return {
                "rated": Cell(values.get("rated") or 0),
                "competent": rate(values.get("competent"), values.get("assessed")),
                "harmful": rate(values.get("harmful"), values.get("rated")),
                "baseline": Cell(_level(values.get("baseline")),
                                 denominator=values.get("pair_people") or 0),
                "latest": Cell(_level(values.get("latest")),
                               denominator=values.get("pair_people") or 0),
            }

        return build_table(self, breakdown, merge(groups, pair_groups),
                           {**total, **pair_total}, cells)

    def _pairs(self, population, breakdown, filters, end):
        """Baseline (first) and latest level per trainee and competency rated in the
        period, averaged: two queries, each rating row tested with EXISTS on its pair."""
        return grouped(_rated_pairs(population, filters, end), breakdown, None,
                       "enrollment__", **_PAIR_FIGURES)

    detail_title = _("Competency")

    def detail(self, population, filters) -> Table:
        """Baseline → latest level competency by competency (rows keyed by competency
        id, labelled with its name): the issue's "change per competency". Its own
        breakdown, "competency", outside DIMENSIONS: the indicator's page shows it as a
        second table. Two queries."""
        end = period_end(filters)
        ratings = _rated_pairs(population, filters, end)
        rows = (ratings.order_by().values("competency_id").annotate(**_PAIR_FIGURES)
                .values("competency_id", *_PAIR_FIGURES))
        names = {c.pk: str(c) for c in Competency.objects.filter(
            pk__in=ratings.order_by().values("competency_id"))}
        measures = [m for m in self.measures if m.key in ("baseline", "latest")]

        def cells(values):
            return {m.key: Cell(_level(values.get(m.key)),
                                denominator=values.get("pair_people") or 0)
                    for m in measures}

        table_rows = sorted(
            (Row(key=row["competency_id"], label=names.get(row["competency_id"], UNKNOWN),
                 cells=cells(row)) for row in rows), key=lambda row: str(row.label))
        total = ratings.aggregate(**_PAIR_FIGURES)
        return Table(indicator=self, breakdown="competency", measures=measures,
                     rows=table_rows, total=Row(key=None, label=_("Total"),
                                                cells=cells(total)))


def _rated_pairs(population, filters, end):
    """The ratings (up to `end`) of each trainee and competency rated in the period,
    each marked as the pair's first (`_first`) and latest (`_last`)."""
    same_pair = CompetencyRating.objects.filter(
        enrollment_id=OuterRef("enrollment_id"), competency_id=OuterRef("competency_id"))
    earlier = same_pair.filter(Q(rated_at__lt=OuterRef("rated_at"))
                               | Q(rated_at=OuterRef("rated_at"), pk__lt=OuterRef("pk")))
    later = same_pair.filter(Q(rated_at__gt=OuterRef("rated_at"))
                             | Q(rated_at=OuterRef("rated_at"), pk__gt=OuterRef("pk")),
                             rated_at__date__lte=end)
    return CompetencyRating.objects.filter(
        enrollment__in=population.values("pk"), rated_at__date__lte=end).annotate(
        _first=~Exists(earlier),
        _last=~Exists(later),
        _active=Exists(same_pair.filter(in_period("rated_at", filters),
                                        rated_at__date__lte=end)),
    ).filter(_active=True)


def _avg_level(condition: Q):
    return Avg(Cast("level", FloatField()), filter=condition)


_PAIR_FIGURES = {
    "baseline": _avg_level(Q(_first=True)),
    "latest": _avg_level(Q(_last=True)),
    "pairs": Count("pk", filter=Q(_last=True)),
    "pair_people": Count("enrollment_id", distinct=True),
}


def _level(value) -> float | None:
    return None if value is None else round(float(value), 2)


class SupervisorLoad(Indicator):
    key = "supervisor_load"
    order = 60
    name = _("Supervisor load")
    breakdowns = NOT_BY_DATE
    definition = _(
        "Supervisors: the people who today supervise at least one active enrollment in "
        "the population, assigned to the trainee or to the cohort. Trainees per supervisor: the distinct trainees "
        "each supervises on active enrollments; pending entries: the practice entries of "
        "those enrollments waiting for review. Median and maximum over supervisors. "
        "A breakdown (by site, sex…) is by the supervised trainees': a supervisor of "
        "trainees at two sites appears in both rows with the trainees of each.")
    measures = (
        Measure("supervisors", _("Supervisors"), Kind.PEOPLE),
        Measure("trainees_median", _("Trainees per supervisor (median)"), Kind.COUNT,
                headline=True),
        Measure("trainees_max", _("Trainees per supervisor (maximum)"), Kind.COUNT),
        Measure("pending_median", _("Pending entries per supervisor (median)"), Kind.COUNT),
        Measure("pending_max", _("Pending entries per supervisor (maximum)"), Kind.COUNT),
    )

    def compute(self, population, breakdown, filters):
        from courses.models import Enrollment

        active = population.filter(status=Enrollment.Status.ACTIVE)
        pending = (PracticeEntry.objects.filter(enrollment_id=OuterRef("pk"),
                                                state=State.SUBMITTED)
                   .order_by().values("enrollment_id").annotate(n=Count("pk")).values("n"))
        group = dimension(breakdown, None) if breakdown else Value(None, IntegerField())
        # A supervisor supervises an enrollment one by one or through its cohort (the
        # rule of `enrollment.supervise`): one row per supervisor and enrollment from
        # each source, and UNION drops an enrollment reached both ways. One query; its
        # rows grow with the supervised enrollments, never with their entries.
        columns = ("_supervisor", "pk", "trainee_id", "_pending", "_group")
        sources = [
            active.annotate(_supervisor=F(path), _pending=Coalesce(Subquery(pending), 0),
                            _group=group)
            .filter(_supervisor__isnull=False).order_by().values_list(*columns)
            for path in ("supervisor_assignments__supervisor_id", "cohort__supervisors__id")
        ]
        total_load: dict = {}
        group_load: dict = {}
        for supervisor, _enrollment, trainee, waiting, key in sources[0].union(sources[1]).order_by():
            for load in (total_load.setdefault(supervisor, [set(), 0]),
                         group_load.setdefault(key, {}).setdefault(supervisor, [set(), 0])):
                load[0].add(trainee)
                load[1] += waiting

        def rows(load):
            return [(len(trainees), waiting) for trainees, waiting in load.values()]

        groups = {key: rows(load) for key, load in group_load.items()} if breakdown else {}

        def cells(rows):
            trainees = [t for t, _p in rows]
            pending = [p for _t, p in rows]
            n = len(rows)
            return {
                "supervisors": Cell(n),
                "trainees_median": Cell(median(trainees), denominator=n),
                "trainees_max": Cell(max(trainees, default=None), denominator=n),
                "pending_median": Cell(median(pending), denominator=n),
                "pending_max": Cell(max(pending, default=None), denominator=n),
            }

        return build_table(self, breakdown, groups, rows(total_load), cells)


Assessed = CompetencyAssessment.Kind
FINAL = CompetencyAssessment.State.FINAL
ENDLINE_KINDS = (Assessed.ENDLINE, Assessed.FOLLOW_UP)
AFTER_BASELINE_KINDS = (Assessed.DURING, Assessed.ENDLINE, Assessed.FOLLOW_UP)


def _final_results(kinds, end):
    return ItemResult.objects.filter(assessment__state=FINAL, assessment__kind__in=kinds,
                                     assessment__observed_on__lte=end)


def _latest_results(kinds, end):
    """The item results of each enrollment's latest final assessment (of `kinds`, up to
    `end`) with each tool: a result is dropped when a later one of the same tool exists."""
    later = CompetencyAssessment.objects.filter(
        enrollment_id=OuterRef("assessment__enrollment_id"),
        tool_id=OuterRef("assessment__tool_id"), state=FINAL, kind__in=kinds,
        observed_on__lte=end,
    ).filter(Q(observed_on__gt=OuterRef("assessment__observed_on"))
             | Q(observed_on=OuterRef("assessment__observed_on"),
                 pk__gt=OuterRef("assessment_id")))
    return _final_results(kinds, end).annotate(_later=Exists(later)).filter(_later=False)


def _harmful_result():
    return Exists(ItemResult.harmful_behaviours.through.objects.filter(
        itemresult_id=OuterRef("pk")))


class ObservedCompetence(Indicator):
    """Structured observations with a competency tool: competent at the endline, harmful
    behaviour at baseline and at endline, and the change per item from baseline."""

    key = "observed_competence"
    order = 55
    name = _("Observed competence (baseline and endline)")
    breakdowns = NOT_BY_DATE
    definition = _(
        "From structured competency assessments once their raters have agreed. Competent "
        "at endline: of the trainees with an endline or follow-up assessment observed in "
        "the period, the share whose latest one with each tool, as of the period's end, "
        "has every item at the level the course requires and no harmful behaviour. "
        "Harmful behaviour at baseline: of the trainees with a baseline observed in the "
        "period, the share with any harmful behaviour in it; at endline: the same for the "
        "latest endline or follow-up. Mean change: for each trainee and item with a "
        "baseline, the latest level after the baseline (observed in the period) minus the "
        "baseline level, averaged over these pairs.")
    measures = (
        Measure("endline", _("Trainees assessed at endline"), Kind.PEOPLE),
        Measure("competent", _("Competent at endline on every item"), Kind.PERCENT,
                headline=True),
        Measure("harmful_baseline", _("With harmful behaviour at baseline"), Kind.PERCENT),
        Measure("harmful_endline", _("With harmful behaviour at endline"), Kind.PERCENT),
        Measure("change", _("Mean change per item (levels)"), Kind.LEVEL),
    )

    def compute(self, population, breakdown, filters):
        end = period_end(filters)
        period = in_period("observed_on", filters, date=True)
        assessments = CompetencyAssessment.objects.filter(enrollment_id=OuterRef("pk"),
                                                          state=FINAL, observed_on__lte=end)
        latest_endline = _latest_results(ENDLINE_KINDS, end).filter(
            assessment__enrollment_id=OuterRef("pk"))
        required = Coalesce(Subquery(CourseCompetencyTool.objects.filter(
            course_id=OuterRef("assessment__enrollment__course_id"),
            tool_id=OuterRef("assessment__tool_id")).values("required_level")[:1]),
            Value(Competency.Level.COMPETENT))
        short = latest_endline.annotate(_required=required, _harmful=_harmful_result()).filter(
            Q(level__lt=F("_required")) | Q(_harmful=True))
        enrollments = population.annotate(
            _endline=Exists(assessments.filter(period, kind__in=ENDLINE_KINDS)),
            _baseline=Exists(assessments.filter(period, kind=Assessed.BASELINE)),
            _short=Exists(short),
            _harmful_endline=Exists(latest_endline.annotate(_harmful=_harmful_result())
                                    .filter(_harmful=True)),
            _harmful_baseline=Exists(_final_results([Assessed.BASELINE], end).filter(
                in_period("assessment__observed_on", filters, date=True),
                assessment__enrollment_id=OuterRef("pk")).annotate(
                _harmful=_harmful_result()).filter(_harmful=True)),
        ).filter(Q(_endline=True) | Q(_baseline=True))
        groups, total = grouped(
            enrollments, breakdown, None,
            endline=Count("pk", filter=Q(_endline=True)),
            competent=Count("pk", filter=Q(_endline=True, _short=False)),
            baseline=Count("pk", filter=Q(_baseline=True)),
            harmful_baseline=Count("pk", filter=Q(_baseline=True, _harmful_baseline=True)),
            harmful_endline=Count("pk", filter=Q(_endline=True, _harmful_endline=True)),
        )
        change_groups, change_total = grouped(
            self._changes(population, filters, end), breakdown, None, "assessment__enrollment__",
            change=Avg(Cast(F("level") - F("_baseline"), FloatField())),
            change_people=Count("assessment__enrollment_id", distinct=True))

        def cells(values):
            return {
                "endline": Cell(values.get("endline") or 0),
                "competent": rate(values.get("competent"), values.get("endline")),
                "harmful_baseline": rate(values.get("harmful_baseline"),
                                         values.get("baseline")),
                "harmful_endline": rate(values.get("harmful_endline"), values.get("endline")),
                "change": Cell(_level(values.get("change")),
                               denominator=values.get("change_people") or 0),
            }

        return build_table(self, breakdown, merge(groups, change_groups),
                           {**total, **change_total}, cells)

    detail_title = _("Item")
    detail_measures = (
        Measure("baseline", _("Mean baseline level"), Kind.LEVEL),
        Measure("latest", _("Mean latest level"), Kind.LEVEL),
        Measure("change", _("Mean change (levels)"), Kind.LEVEL, headline=True),
    )

    def detail(self, population, filters) -> Table:
        """Baseline → latest level item by item, over the pairs of the mean change.
        Two queries."""
        pairs = self._changes(population, filters, period_end(filters))
        figures = {"baseline": Avg(Cast("_baseline", FloatField())),
                   "latest": Avg(Cast("level", FloatField())),
                   "change": Avg(Cast(F("level") - F("_baseline"), FloatField())),
                   "people": Count("assessment__enrollment_id", distinct=True)}
        rows = pairs.order_by().values("competency_id").annotate(**figures)
        names = {c.pk: str(c) for c in Competency.objects.filter(
            pk__in={row["competency_id"] for row in rows})}

        def cells(values):
            return {m.key: Cell(_level(values.get(m.key)), denominator=values.get("people") or 0)
                    for m in self.detail_measures}

        table_rows = sorted((Row(key=row["competency_id"],
                                 label=names.get(row["competency_id"], UNKNOWN),
                                 cells=cells(row)) for row in rows),
                            key=lambda row: str(row.label))
        return Table(indicator=self, breakdown="item", measures=self.detail_measures,
                     rows=table_rows, total=Row(key=None, label=_("Total"),
                                                cells=cells(pairs.aggregate(**figures))))

    @staticmethod
    def _changes(population, filters, end):
        """Each (trainee, item)'s latest result after the baseline, observed in the
        period, with the baseline level beside it (the earliest final baseline)."""
        baseline = Subquery(_final_results([Assessed.BASELINE], end).filter(
            assessment__enrollment_id=OuterRef("assessment__enrollment_id"),
            competency_id=OuterRef("competency_id"),
        ).order_by("assessment__observed_on", "assessment_id").values("level")[:1])
        return _latest_results(AFTER_BASELINE_KINDS, end).filter(
            in_period("assessment__observed_on", filters, date=True),
            assessment__enrollment__in=population.values("pk"),
        ).annotate(_baseline=baseline).filter(_baseline__isnull=False)


def register(registry) -> None:
    for indicator in (Practice(), Supervision(), Competence(), ObservedCompetence(),
                      SupervisorLoad()):
        registry.register(indicator)


SUPERVISION_ACTIVITY = _("Supervision of practice")


def four_w_supervision(viewer, filters):
    """The 4W's supervision line: trainees who attended at least one supervision session,
    counted once per organisation, country, site, month of the session, sex and cadre.
    One grouped query."""
    from courses.indicators import population

    attended = SupervisionSession.enrollments.through.objects.filter(
        enrollment__in=population(viewer, filters).values("pk"))
    attended = attended.filter(in_period("supervisionsession__date", filters, date=True))
    prefix = "enrollment__"
    rows = (attended
            .annotate(_organisation=dimension("organisation", None, prefix),
                      _country=dimension("country", None, prefix),
                      _month=dimension("month", "supervisionsession__date", prefix))
            .values("_organisation", "_country", "enrollment__cohort__site_id", "_month",
                    "enrollment__trainee__sex", "enrollment__trainee__cadre_id")
            .order_by()
            .annotate(people=Count("enrollment__trainee_id", distinct=True)))
    for row in rows:
        yield {"organisation": row["_organisation"],
               "activity": ("supervision", SUPERVISION_ACTIVITY),
               "country": row["_country"], "site": row["enrollment__cohort__site_id"],
               "month": row["_month"], "sex": row["enrollment__trainee__sex"] or None,
               "cadre": row["enrollment__trainee__cadre_id"], "people": row["people"]}
