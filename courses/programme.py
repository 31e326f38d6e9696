"""What the programme pages show and export: the filter form, the tables of every
registered indicator (suppressed for the viewer), charts drawn as SVG, spreadsheets,
the 4W table and the quarterly report.

The pages iterate `lms.indicators.registry` and never name an indicator, so the ones
`supervision` and `certificates` register appear without this module importing them.
Every figure goes through `lms.indicators.suppress` before anyone sees it.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django import forms
from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from content.models import CoursePage, CurriculumPage
from lms import spreadsheets
from lms.indicators import (
    DIMENSIONS,
    SUPPRESSION_THRESHOLD,
    Filters,
    Indicator,
    Kind,
    Table,
    Viewer,
    registry,
    suppress,
    trend,
    viewer_for,
)
from lms.models import Cadre, Organisation, Sex, Site

from .indicators import UNKNOWN, dimension, labels, population
from .models import Cohort

REPORT_PDF = "programme_report_pdf"
FEWER_THAN = gettext_lazy("fewer than %(threshold)s")


def fewer_than() -> str:
    return FEWER_THAN % {"threshold": SUPPRESSION_THRESHOLD}


# --- Filters ---------------------------------------------------------------------------


def allowed_breakdowns(viewer: Viewer) -> list[str]:
    """The breakdowns a viewer may ask for. A coordinator compares organisations, sites
    and groups of people, never one organisation's cohorts: a cohort is a handful of
    named people, and its name is typed by the organisation that runs it."""
    keys = list(DIMENSIONS)
    if viewer.aggregates_only:
        keys.remove("cohort")
    return keys


class FiltersForm(forms.Form):
    """GET parameters → `Filters`, offering only what the viewer may see. A value the
    viewer may not see is as unknown as one that does not exist."""

    organisation = forms.TypedMultipleChoiceField(label=gettext_lazy("Organisation"),
                                                  coerce=int, required=False)
    country = forms.MultipleChoiceField(label=gettext_lazy("Country"), required=False)
    site = forms.TypedMultipleChoiceField(label=gettext_lazy("Site"), coerce=int,
                                          required=False)
    curriculum = forms.TypedMultipleChoiceField(label=gettext_lazy("Curriculum"), coerce=int,
                                                required=False)
    course = forms.TypedMultipleChoiceField(label=gettext_lazy("Course"), coerce=int,
                                            required=False)
    cohort = forms.TypedMultipleChoiceField(label=gettext_lazy("Cohort"), coerce=int,
                                            required=False)
    cadre = forms.TypedMultipleChoiceField(label=gettext_lazy("Cadre"), coerce=int,
                                           required=False)
    sex = forms.MultipleChoiceField(label=gettext_lazy("Sex"), choices=Sex.choices,
                                    required=False)
    start = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))
    breakdown = forms.ChoiceField(label=gettext_lazy("Break down by"), required=False)

    # Fields shown in the form, in order; the cohort filter is left out for coordinators.
    def __init__(self, data, *, viewer: Viewer, with_breakdown: bool = True):
        super().__init__(data)
        self.viewer = viewer
        organisations = Organisation.objects.order_by("name")
        sites = Site.objects.select_related("organisation").order_by("name")
        cohorts = Cohort.objects.order_by("-start_date", "name")
        if viewer.organisation_ids is not None:
            ids = list(viewer.organisation_ids)
            organisations = organisations.filter(pk__in=ids)
            sites = sites.filter(organisation_id__in=ids)
            cohorts = cohorts.filter(organisation_id__in=ids)
        if viewer.cohort_ids is not None:
            cohorts = cohorts.filter(pk__in=list(viewer.cohort_ids))
            organisations = organisations.filter(cohorts__in=list(viewer.cohort_ids)).distinct()
            sites = sites.filter(cohorts__in=list(viewer.cohort_ids)).distinct()
        organisations = list(organisations.values_list("pk", "name", "country"))
        site_rows = list(sites)
        self.fields["organisation"].choices = [(pk, name) for pk, name, _c in organisations]
        codes = {str(c) for _p, _n, c in organisations if c} | {
            str(s.country) for s in site_rows if s.country}
        self.fields["country"].choices = sorted(
            ((code, countries.name(code) or code) for code in codes), key=lambda c: str(c[1]))
        self.fields["site"].choices = [(s.pk, str(s)) for s in site_rows]
        language = translation.get_language() or "en"
        self.fields["curriculum"].choices = _pages(CurriculumPage, language)
        self.fields["course"].choices = _pages(CoursePage, language)
        self.fields["cadre"].choices = [(c.pk, str(c)) for c in Cadre.objects.all()]
        if viewer.aggregates_only:
            del self.fields["cohort"]
        else:
            self.fields["cohort"].choices = list(cohorts.values_list("pk", "name"))
        if with_breakdown:
            self.fields["breakdown"].choices = [("", _("No breakdown"))] + [
                (key, DIMENSIONS[key]) for key in allowed_breakdowns(viewer)]
        else:
            del self.fields["breakdown"]

    def clean_breakdown(self):
        key = self.cleaned_data.get("breakdown") or None
        if key and key not in allowed_breakdowns(self.viewer):
            raise forms.ValidationError(_("This breakdown is not available to you."))
        return key

    def clean(self):
        cleaned = super().clean()
        if "cohort" not in self.fields and self.data.get("cohort"):
            # Asked for by hand: a coordinator's figures never narrow to one cohort.
            self.add_error(None, _("Figures for a single cohort are not available to you; "
                                   "compare organisations or sites instead."))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts: choose an end date "
                                    "on or after %(start)s.") % {"start": date_format(start)})
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(**{name: tuple(data.get(name) or ())
                          for name in ("organisation", "country", "site", "curriculum",
                                       "course", "cohort", "cadre", "sex")},
                       start=data.get("start"), end=data.get("end"))

    @property
    def chosen_breakdown(self) -> str | None:
        return self.cleaned_data.get("breakdown") or None

    def used(self) -> list[tuple[str, str]]:
        """The filters in force, as (label, readable values), for pages and exports."""
        used = []
        for name, bound in self.fields.items():
            value = self.cleaned_data.get(name)
            if not value or name in ("start", "end", "breakdown"):
                continue
            names = dict(bound.choices)
            used.append((str(bound.label), ", ".join(str(names.get(v, v)) for v in value)))
        start, end = self.cleaned_data.get("start"), self.cleaned_data.get("end")
        if start or end:
            used.append((_("Period"), f"{date_format(start) if start else '…'} – "
                                      f"{date_format(end) if end else '…'}"))
        if self.cleaned_data.get("breakdown"):
            used.append((str(self.fields["breakdown"].label),
                         str(DIMENSIONS[self.cleaned_data["breakdown"]])))
        return used

    def has_filters(self) -> bool:
        return any(self.cleaned_data.get(name) for name in self.fields if name != "breakdown")


def _pages(model, language: str) -> list[tuple[int, str]]:
    """Pages in the reader's language where one exists, else in any language, one per
    translation key."""
    chosen: dict = {}
    for pk, key, title, code in (model.objects.live().order_by("pk")
                                 .values_list("pk", "translation_key", "title",
                                              "locale__language_code")):
        if key not in chosen or code == language:
            chosen[key] = (pk, title)
    return sorted(chosen.values(), key=lambda choice: choice[1])


# --- Tables ----------------------------------------------------------------------------


def table_for(indicator: Indicator, viewer: Viewer, filters: Filters,
              breakdown: str | None) -> Table:
    return suppress(indicator.compute(population(viewer, filters), breakdown, filters), viewer)


def detail_for(indicator: Indicator, viewer: Viewer, filters: Filters) -> Table | None:
    """The indicator's second table (by competency…), suppressed like the first."""
    table = indicator.detail(population(viewer, filters), filters)
    return None if table is None else suppress(table, viewer)


# A trend counts a year month by month, and snapshot indicators (supervision in the last
# 30 days) count each month as its own period: about 5 s for the whole overview with
# 20,000 trainees. Trends are kept for a quarter of an hour per scope and filters, and
# the page says when they were computed.
TREND_CACHE_SECONDS = 15 * 60


def trend_for(indicator: Indicator, viewer: Viewer, filters: Filters) -> Table:
    scope = (indicator.key,
             None if viewer.organisation_ids is None else sorted(viewer.organisation_ids),
             None if viewer.cohort_ids is None else sorted(viewer.cohort_ids),
             viewer.suppress_small_cells, dataclasses.astuple(filters),
             timezone.localdate().isoformat(), translation.get_language())
    key = "programme:trend:" + hashlib.sha256(repr(scope).encode()).hexdigest()
    table = cache.get(key)
    if table is None:
        table = suppress(trend(indicator, population(viewer, filters), filters), viewer)
        table.computed_at = timezone.now()
        cache.set(key, table, TREND_CACHE_SECONDS)
    return table


def format_cell(cell, kind: str) -> str:
    """A cell as a person reads it: "fewer than 5", "—" for nothing to count, numbers in
    the reader's locale."""
    if cell is None:
        return "—"
    if cell.suppressed:
        return fewer_than()
    if cell.value is None:
        return "—"
    if kind == Kind.PERCENT:
        return f"{number_format(cell.value, 1)} %"
    if kind in (Kind.PEOPLE, Kind.COUNT):
        return number_format(cell.value, 0)
    return number_format(cell.value, 1)


def format_n(cell) -> str:
    if cell is None or cell.suppressed or cell.denominator is None:
        return ""
    return number_format(cell.denominator, 0)


@dataclass
class DisplayTable:
    """A table ready for a template: header labels and rows of formatted cells."""

    table: Table
    headers: list[str]
    rows: list[tuple[str, list[str]]]
    total: list[str]


def display(table: Table) -> DisplayTable:
    headers = []
    for measure in table.measures:
        headers.append(str(measure.label))
        if measure.kind not in (Kind.PEOPLE, Kind.COUNT):
            headers.append("n")

    def cells(row):
        out = []
        for measure in table.measures:
            cell = row.cells.get(measure.key)
            out.append(format_cell(cell, measure.kind))
            if measure.kind not in (Kind.PEOPLE, Kind.COUNT):
                out.append(format_n(cell))
        return out

    return DisplayTable(table=table, headers=headers,
                        rows=[(str(row.label), cells(row)) for row in table.rows],
                        total=cells(table.total))


def table_rows(table: Table) -> Iterator[list]:
    """The table as spreadsheet rows: a header, one row per breakdown value, the total.
    Numbers stay numbers; a suppressed cell reads "fewer than 5"."""
    first = str(DIMENSIONS[table.breakdown]) if table.breakdown else ""
    header = [first]
    for measure in table.measures:
        header.append(measure.label)
        if measure.kind not in (Kind.PEOPLE, Kind.COUNT):
            header.append(_("n (%(measure)s)") % {"measure": measure.label})
    yield header
    for row in [*table.rows, table.total]:
        line = [row.label]
        for measure in table.measures:
            cell = row.cells.get(measure.key)
            if cell is None or cell.value is None:
                line.append(fewer_than() if cell is not None and cell.suppressed else "")
            else:
                line.append(cell.value)
            if measure.kind not in (Kind.PEOPLE, Kind.COUNT):
                line.append("" if cell is None or cell.suppressed else cell.denominator)
        yield line


def definition_rows(indicators) -> Iterator[list]:
    yield [_("Indicator"), _("Definition"), _("Measures")]
    for indicator in indicators:
        yield [indicator.name, indicator.definition,
               "; ".join(str(m.label) for m in indicator.measures)]
    yield []
    yield [_("Suppression"), suppression_note()]


def filter_rows(used: list[tuple[str, str]], viewer_label: str) -> Iterator[list]:
    yield [_("Filter"), _("Value")]
    yield [_("Figures for"), viewer_label]
    for label, value in used:
        yield [label, value]
    yield [_("Exported"), timezone.localtime().replace(tzinfo=None)]


def suppression_note() -> str:
    return _("Where figures cross organisations, a cell that counts fewer than "
             "%(threshold)s people is shown as “fewer than %(threshold)s”, and one more "
             "cell of its column is hidden when needed so that the total cannot reveal "
             "it. Rates and means over fewer than %(threshold)s people are hidden the same "
             "way.") % {"threshold": SUPPRESSION_THRESHOLD}


def viewer_label(viewer: Viewer, user) -> str:
    """Whose figures these are: the organisation, the consortium, or the trainer's
    cohorts."""
    if viewer.aggregates_only:
        names = list(user.coordinated_consortia.values_list("name", flat=True))
        return ", ".join(names)
    if viewer.organisation_ids is not None:
        return ", ".join(Organisation.objects.filter(pk__in=list(viewer.organisation_ids))
                         .values_list("name", flat=True))
    if viewer.cohort_ids is not None:
        return _("Your cohorts")
    return _("Every organisation")


def write_tables_xlsx(out: BinaryIO, tables: list[Table], used, label: str) -> None:
    sheets = [(table.indicator.name, table_rows(table)) for table in tables]
    indicators = []
    for table in tables:
        if table.indicator not in indicators:
            indicators.append(table.indicator)
    sheets.append((_("Definitions"), definition_rows(indicators)))
    sheets.append((_("Filters"), filter_rows(used, label)))
    spreadsheets.write_xlsx(out, sheets, frozen_columns=1)


# --- Charts ----------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value_text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    empty: bool = False


@dataclass
class Chart:
    """Geometry of an SVG chart, computed here so the template only places shapes.
    Right-to-left charts are mirrored: bars grow from the right, months run leftwards."""

    title: str
    description: str
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    rtl: bool = False
    anchor: str = "start"
    value_anchor: str = "start"
    axis: tuple = (0, 0, 0, 0)


BAR_WIDTH = 320
LABEL_SPACE = 18
BAR_HEIGHT = 14
ROW_GAP = 10


def _headline_values(table: Table):
    measure = table.indicator.headline
    return measure, [(str(row.label), row.cells.get(measure.key)) for row in table.rows]


def _scale(measure, cells) -> float:
    if measure.kind == Kind.PERCENT:
        return 100.0
    values = [c.value for _l, c in cells if c is not None and c.value is not None]
    return float(max(values)) if values and max(values) > 0 else 1.0


def bar_chart(table: Table) -> Chart:
    """Horizontal bars of the headline by breakdown value, each label on its own line
    above its bar so long names (and Arabic ones) are never cut at 360 px."""
    rtl = translation.get_language_bidi()
    measure, cells = _headline_values(table)
    top = _scale(measure, cells)
    usable = BAR_WIDTH - 60
    bars, y = [], 4.0
    for label, cell in cells:
        value = cell.value if cell is not None and cell.value is not None else 0
        length = max(usable * float(value) / top, 0)
        text = format_cell(cell, measure.kind)
        bar_y = y + LABEL_SPACE
        if rtl:
            x = BAR_WIDTH - length
            value_x = x - 4
            label_x = BAR_WIDTH
        else:
            x, value_x, label_x = 0.0, length + 4, 0.0
        bars.append(Bar(label=label, value_text=text, x=round(x, 1), y=bar_y,
                        width=round(length, 1), height=BAR_HEIGHT, label_x=label_x,
                        label_y=y + 13, value_x=round(value_x, 1),
                        value_y=bar_y + BAR_HEIGHT - 3,
                        empty=cell is None or cell.value is None))
        y = bar_y + BAR_HEIGHT + ROW_GAP
    breakdown = DIMENSIONS.get(table.breakdown, "")
    return Chart(
        title=_("%(measure)s by %(breakdown)s") % {"measure": measure.label,
                                                   "breakdown": str(breakdown).lower()},
        description=_describe(measure, cells), width=BAR_WIDTH, height=int(y) + 2,
        bars=bars, rtl=rtl, anchor="end" if rtl else "start",
        value_anchor="end" if rtl else "start")


TREND_HEIGHT = 120


def trend_chart(table: Table) -> Chart:
    """Vertical bars of the headline, one per month, oldest first in reading order."""
    rtl = translation.get_language_bidi()
    measure, cells = _headline_values(table)
    top = _scale(measure, cells)
    count = max(len(cells), 1)
    slot = BAR_WIDTH / count
    plot = TREND_HEIGHT - 30
    bars = []
    for index, (label, cell) in enumerate(cells):
        value = cell.value if cell is not None and cell.value is not None else 0
        height = plot * float(value) / top
        position = count - 1 - index if rtl else index
        x = position * slot + slot * 0.15
        # Month labels: "2026-03" → "03", the year only in January and at the ends.
        short = label[5:] if len(label) == 7 else label
        if len(label) == 7 and (label.endswith("-01") or index in (0, count - 1)):
            short = label[2:]
        bars.append(Bar(label=short, value_text=format_cell(cell, measure.kind),
                        x=round(x, 1), y=round(10 + plot - height, 1), width=round(slot * 0.7, 1),
                        height=round(height, 1), label_x=round(x + slot * 0.35, 1),
                        label_y=TREND_HEIGHT - 6, value_x=round(x + slot * 0.35, 1),
                        value_y=round(10 + plot - height - 2, 1),
                        empty=cell is None or cell.value is None))
    return Chart(title=_("%(measure)s, month by month") % {"measure": measure.label},
                 description=_describe(measure, [(label, c) for label, c in cells]),
                 width=BAR_WIDTH, height=TREND_HEIGHT, bars=bars, rtl=rtl, anchor="middle",
                 value_anchor="middle", axis=(0, 10 + plot, BAR_WIDTH, 10 + plot))


def _describe(measure, cells) -> str:
    parts = [f"{label}: {format_cell(cell, measure.kind)}" for label, cell in cells]
    return "; ".join(parts) if parts else _("No figures to chart.")


# --- The consortium comparison ---------------------------------------------------------


def comparison(viewer: Viewer, filters: Filters) -> list[dict]:
    """Every indicator's headline by organisation and by site, suppressed."""
    sections = []
    for indicator in registry.indicators:
        sections.append({
            "indicator": indicator,
            "by_organisation": table_for(indicator, viewer, filters, "organisation"),
            "by_site": table_for(indicator, viewer, filters, "site"),
        })
    return sections


# --- 4W ----------------------------------------------------------------------------------


# Other layers may add 4W activities (supervision sessions, say): a callable
# (viewer, filters) -> iterable of dicts with the keys of `_training_groups`'s rows.
FOUR_W_ACTIVITIES: list = []


def register_four_w(activity) -> None:
    if activity not in FOUR_W_ACTIVITIES:
        FOUR_W_ACTIVITIES.append(activity)


def _training_groups(viewer: Viewer, filters: Filters):
    """Trainees who enrolled in training, counted once per organisation, course,
    country, site, month, sex and cadre: one grouped query."""
    from .indicators import in_period

    enrollments = population(viewer, filters).filter(in_period("enrolled_at", filters))
    rows = (enrollments
            .annotate(_organisation=dimension("organisation"), _country=dimension("country"),
                      _month=dimension("month", "enrolled_at"))
            .values("_organisation", "course_key", "_country", "cohort__site_id", "_month",
                    "trainee__sex", "trainee__cadre_id")
            .order_by()
            .annotate(people=Count("trainee_id", distinct=True)))
    for row in rows:
        yield {"organisation": row["_organisation"], "activity": ("course", row["course_key"]),
               "country": row["_country"], "site": row["cohort__site_id"],
               "month": row["_month"], "sex": row["trainee__sex"] or None,
               "cadre": row["trainee__cadre_id"], "people": row["people"]}


def four_w_rows(viewer: Viewer, filters: Filters) -> Iterator[list]:
    """The 4W table clusters collect: who (organisation), what (activity), where
    (country, site), when (month), how many (trainees, by sex and by cadre)."""
    groups: dict = defaultdict(lambda: {"sex": defaultdict(int), "cadre": defaultdict(int),
                                        "total": 0})
    sources = [_training_groups, *FOUR_W_ACTIVITIES]
    for source in sources:
        for row in source(viewer, filters):
            month = row["month"]
            if isinstance(month, datetime.datetime):
                month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
            key = (row["organisation"], row["activity"], row["country"], row["site"], month)
            group = groups[key]
            group["sex"][row["sex"]] += row["people"]
            group["cadre"][row["cadre"]] += row["people"]
            group["total"] += row["people"]
    cadres = list(Cadre.objects.all())
    organisation_names = labels("organisation", {k[0] for k in groups})
    site_names = labels("site", {k[3] for k in groups})
    course_names = labels("course", {k[1][1] for k in groups if k[1][0] == "course"})
    sexes = [*Sex.values, None]
    yield [_("Organisation"), _("Activity"), _("Country"), _("Site"), _("Month"),
           _("Trainees"), *[Sex(s).label if s else _("Sex not recorded") for s in sexes],
           *[str(c) for c in cadres], _("Cadre not recorded")]
    cadre_keys = [*[c.pk for c in cadres], None]
    for key in sorted(groups, key=lambda k: (str(organisation_names.get(k[0], "")),
                                             str(k[1]), str(k[2] or ""), str(k[3] or ""),
                                             k[4] or datetime.date.min)):
        organisation, activity, country, site, month = key
        group = groups[key]
        kind, ident = activity
        what = (_("Training: %(course)s") % {"course": course_names.get(ident, ident)}
                if kind == "course" else str(ident))
        by_sex = [group["sex"].get(s, 0) for s in sexes]
        by_cadre = [group["cadre"].get(c, 0) for c in cadre_keys]
        total = group["total"]
        if viewer.suppress_small_cells:
            total, by_sex, by_cadre = _suppress_line(total, by_sex, by_cadre)
        yield [organisation_names.get(organisation, UNKNOWN),
               what, countries.name(country) if country else UNKNOWN,
               site_names.get(site, UNKNOWN) if site else UNKNOWN,
               month.strftime("%Y-%m") if month else "", total, *by_sex, *by_cadre]


def _suppress_line(total, by_sex, by_cadre):
    """Small counts hidden, with a second cell of the same group when one alone would
    be given away by the total; a small total hides the whole line."""
    hidden = fewer_than()
    if 0 < total < SUPPRESSION_THRESHOLD:
        return hidden, [hidden if v else 0 for v in by_sex], [hidden if v else 0
                                                               for v in by_cadre]

    def part(values):
        small = [i for i, v in enumerate(values) if 0 < v < SUPPRESSION_THRESHOLD]
        if len(small) == 1:
            others = sorted((v, i) for i, v in enumerate(values)
                            if v >= SUPPRESSION_THRESHOLD)
            if others:
                small.append(others[0][1])
        return [hidden if i in small else v for i, v in enumerate(values)]

    return total, part(by_sex), part(by_cadre)


# --- The quarterly report (an export job) ------------------------------------------------


def report_parameters(user, form: FiltersForm) -> dict:
    filters = form.filters()
    data = dataclasses.asdict(filters)
    data["start"] = filters.start.isoformat() if filters.start else None
    data["end"] = filters.end.isoformat() if filters.end else None
    data = {key: list(value) if isinstance(value, tuple) else value
            for key, value in data.items()}
    return {"user_id": user.pk, "filters": data, "used": form.used()}


def _filters_from(parameters: dict) -> Filters:
    data = dict(parameters.get("filters") or {})
    for key in ("start", "end"):
        data[key] = datetime.date.fromisoformat(data[key]) if data.get(key) else None
    return Filters(**{key: tuple(value) if isinstance(value, list) else value
                      for key, value in data.items()})


def may_request_report(user, parameters: dict) -> bool:
    """A report is its requester's own, over what they may count when it is built."""
    return parameters.get("user_id") == user.pk and viewer_for(user) is not None


def default_quarter(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The quarter so far: a report asked for without dates covers the quarter under
    way, up to today (choose dates on the filters for a past quarter)."""
    today = today or timezone.localdate()
    return today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1), today


def report_html(user, viewer: Viewer, filters: Filters, used) -> str:
    from django.template.loader import render_to_string

    if not filters.start and not filters.end:
        start, end = default_quarter()
        filters = dataclasses.replace(filters, start=start, end=end)
        used = [*used, (_("Period"), f"{date_format(start)} – {date_format(end)}")]
    sections = []
    for indicator in registry.indicators:
        table = table_for(indicator, viewer, filters, None)
        trend_table = trend_for(indicator, viewer, filters)
        sections.append({"indicator": indicator, "display": display(table),
                         "trend": trend_chart(trend_table),
                         "trend_display": display(trend_table)})
    return render_to_string("programme/report_pdf.html", {
        "who": viewer_label(viewer, user), "filters": filters, "used": used,
        "sections": sections, "suppression": suppression_note(),
        "suppressed": viewer.suppress_small_cells, "generated": timezone.localtime(),
        "LANGUAGE_BIDI": translation.get_language_bidi(),
        "LANGUAGE_CODE": translation.get_language()})


def build_report_pdf(parameters: dict, out: BinaryIO) -> str:
    """Write the quarterly report as a PDF into `out`; return the download's name."""
    from weasyprint import HTML

    from lms.models import User

    user = User.objects.get(pk=parameters["user_id"])
    viewer = viewer_for(user)
    filters = _filters_from(parameters)
    html = report_html(user, viewer, filters, [tuple(pair) for pair in parameters["used"]])
    HTML(string=html, base_url="/").write_pdf(out)
    return f"programme-report-{timezone.localdate().isoformat()}.pdf"


