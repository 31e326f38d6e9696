"""The programme pages and their exports: who may open them, what they show, bad
filters, suppression across organisations, spreadsheets and the quarterly report."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from courses import programme
from lms.indicators import (
    Cell,
    Filters,
    Indicator,
    Kind,
    Measure,
    Row,
    Table,
    Viewer,
    registry,
    suppress,
)
from lms.models import AuditEvent, Consortium, ExportFile, Organisation, Site
from tests.factories import (
    CohortFactory,
    CoordinatorFactory,
    CoursePageFactory,
    EnrollmentFactory,
    ManagerFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db

AMAL = "جمعية الأمل للدعم النفسي"
RELIEF = '=HYPERLINK("http://evil.example","Relief") International'
SHATILA = "مركز شاتيلا المجتمعي"
ZAATARI = "=SUM(A1) Zaatari clinic"


@dataclass
class World:
    amal: Organisation
    relief: Organisation
    users: dict
    course: object
    cohort: object
    other_cohort: object
    shatila: Site
    zaatari: Site


def _enrol(cohort, count, *, sex="female", completed=0):
    now = timezone.now()
    for number in range(count):
        trainee = TraineeFactory(organisation=cohort.organisation, sex=sex)
        enrollment = EnrollmentFactory(trainee=trainee, cohort=cohort)
        if number < completed:
            enrollment.status = "completed"
            enrollment.completed_at = now
            enrollment.save(update_fields=["status", "completed_at"])


@pytest.fixture
def world():
    amal = Organisation.objects.create(name=AMAL, kind="national_ngo", country="LB")
    relief = Organisation.objects.create(name=RELIEF, kind="international_ngo", country="JO")
    elsewhere = Organisation.objects.create(name="Far Away Aid", kind="national_ngo",
                                            country="SY")
    shatila = Site.objects.create(organisation=amal, name=SHATILA, kind="community_centre",
                                  country="LB", admin_area="بيروت")
    zaatari = Site.objects.create(organisation=relief, name=ZAATARI, kind="health_facility",
                                  country="JO")
    course = CoursePageFactory(title="Psychological first aid", slug="pfa-programme")
    cohort = CohortFactory(course=course, organisation=amal, site=shatila, name="Beirut spring")
    other_cohort = CohortFactory(course=course, organisation=relief, site=zaatari,
                                 name="Amman =SUM(A1)", country="JO")
    _enrol(cohort, 4, sex="female", completed=2)
    _enrol(cohort, 3, sex="male", completed=1)
    _enrol(other_cohort, 3, sex="female")
    users = {
        "manager": ManagerFactory(organisation=amal),
        "other_manager": ManagerFactory(organisation=relief),
        "coordinator": CoordinatorFactory(organisation=None),
        "outside_coordinator": CoordinatorFactory(organisation=None),
        "trainer": TrainerFactory(organisation=amal),
        "trainee": TraineeFactory(organisation=amal),
        "supervisor": SupervisorFactory(organisation=amal),
    }
    cohort.trainers.add(users["trainer"])
    consortium = Consortium.objects.create(name="Lebanon–Jordan MHPSS TWG")
    consortium.members.add(amal, relief)
    consortium.coordinators.add(users["coordinator"])
    far = Consortium.objects.create(name="Far away TWG")
    far.members.add(elsewhere)
    far.coordinators.add(users["outside_coordinator"])
    return World(amal=amal, relief=relief, users=users, course=course, cohort=cohort,
                 other_cohort=other_cohort, shatila=shatila, zaatari=zaatari)


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def as_text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(as_text(response))))


# --- Who may open what -----------------------------------------------------------------

PAGES = [
    ("programme:overview", {}),
    ("programme:overview_csv", {}),
    ("programme:overview_xlsx", {}),
    ("programme:indicator", {"key": "enrolment"}),
    ("programme:indicator_csv", {"key": "enrolment"}),
    ("programme:indicator_xlsx", {"key": "enrolment"}),
    ("programme:four_w_csv", {}),
]
COMPARE = [("programme:consortium", {}), ("programme:consortium_csv", {}),
           ("programme:consortium_xlsx", {})]


@pytest.mark.parametrize(("name", "kwargs"), PAGES)
@pytest.mark.parametrize("role", ["manager", "other_manager", "coordinator",
                                  "outside_coordinator", "trainer"])
def test_programme_staff_open_every_page(world, role, name, kwargs):
    response = client_for(world.users[role]).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "kwargs"), PAGES + COMPARE + [("programme:report", {})])
@pytest.mark.parametrize("role", ["trainee", "supervisor"])
def test_trainees_and_supervisors_find_nothing(world, role, name, kwargs):
    response = client_for(world.users[role]).get(reverse(name, kwargs=kwargs))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "kwargs"), PAGES + COMPARE + [("programme:report", {})])
def test_anonymous_visitors_are_sent_to_log_in(world, name, kwargs):
    response = Client().get(reverse(name, kwargs=kwargs))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("name", "kwargs"), COMPARE)
@pytest.mark.parametrize(("role", "status"), [("coordinator", 200),
                                              ("outside_coordinator", 200),
                                              ("manager", 404), ("other_manager", 404),
                                              ("trainer", 404)])
def test_only_coordinators_compare_organisations(world, role, status, name, kwargs):
    assert client_for(world.users[role]).get(reverse(name, kwargs=kwargs)).status_code == status


def test_an_unknown_indicator_is_missing(world):
    response = client_for(world.users["manager"]).get(
        reverse("programme:indicator", kwargs={"key": "no-such-indicator"}))
    assert response.status_code == 404


def test_the_nav_links_to_the_programme_for_those_who_may_see_it(world):
    url = reverse("programme:overview")
    for role in ("manager", "coordinator", "trainer"):
        assert f'href="{url}"' in as_text(client_for(world.users[role]).get("/learn/"))
    for role in ("trainee", "supervisor"):
        assert f'href="{url}"' not in as_text(client_for(world.users[role]).get("/learn/"))


# --- What each viewer counts -------------------------------------------------------------


def _indicator_csv(user, **params):
    response = client_for(user).get(reverse("programme:indicator_csv",
                                            kwargs={"key": "enrolment"}), params)
    assert response.status_code == 200
    return read_csv(response)


def test_a_manager_counts_their_own_organisation_only(world):
    rows = _indicator_csv(world.users["manager"], breakdown="organisation")
    assert rows[0][:2] == ["Organisation", "Enrolled"]
    assert [row[:2] for row in rows[1:]] == [[AMAL, "7"], ["Total", "7"]]
    rows = _indicator_csv(world.users["other_manager"])
    # The other organisation's three trainees: no suppression inside one's own agency.
    assert rows[-1][:2] == ["Total", "3"]


def test_a_trainer_counts_their_own_cohorts(world):
    rows = _indicator_csv(world.users["trainer"], breakdown="cohort")
    assert [row[:2] for row in rows[1:]] == [["Beirut spring", "7"], ["Total", "7"]]


def test_a_coordinator_sees_small_cells_suppressed_and_the_total_cannot_reveal_them(world):
    rows = _indicator_csv(world.users["coordinator"], breakdown="site")
    # defusedcsv writes a formula-like name with a leading apostrophe.
    by_site = {row[0].removeprefix("'"): row[1] for row in rows[1:]}
    # Zaatari counts 3: hidden; Shatila is hidden too, or 10 − 7 would give it away.
    assert by_site[ZAATARI] == "fewer than 5"
    assert by_site[SHATILA] == "fewer than 5"
    assert by_site["Total"] == "10"


def test_an_outside_coordinator_sees_none_of_the_consortium(world):
    response = client_for(world.users["outside_coordinator"]).get(
        reverse("programme:overview"))
    text = as_text(response)
    assert "No trainees are enrolled yet" in text
    assert AMAL not in text and "Relief" not in text


def test_the_overview_shows_every_registered_indicator(world):
    text = as_text(client_for(world.users["manager"]).get(reverse("programme:overview")))
    for indicator in registry.indicators:
        assert str(indicator.name) in text
        assert reverse("programme:indicator", kwargs={"key": indicator.key}) in text
    assert '<svg class="chart-svg" role="img"' in text
    assert "<title id=" in text and "<desc id=" in text


def test_the_indicator_page_charts_the_breakdown_with_its_table(world):
    text = as_text(client_for(world.users["coordinator"]).get(
        reverse("programme:indicator", kwargs={"key": "enrolment"}), {"breakdown": "sex"}))
    assert text.count('role="img"') == 2  # the breakdown and the trend
    assert "Female" in text and "fewer than 5" in text
    # No inline style: the site's CSP forbids it.
    assert "style=" not in text.split("<main", 1)[1]


def test_arabic_charts_are_mirrored(world):
    translation.activate("ar")
    table = programme.table_for(registry.get("enrolment"), Viewer(user_id=None,
                                organisation_ids=None), Filters(), "site")
    chart = programme.bar_chart(table)
    assert chart.rtl and chart.anchor == "end"
    assert all(bar.label_x == programme.BAR_WIDTH for bar in chart.bars)
    assert all(bar.x + bar.width == pytest.approx(programme.BAR_WIDTH, abs=0.2)
               for bar in chart.bars)
    url = reverse("programme:indicator", kwargs={"key": "enrolment"})
    assert url.startswith("/ar/")
    response = client_for(world.users["manager"]).get(url, {"breakdown": "sex"})
    assert response.status_code == 200
    assert 'dir="rtl"' in as_text(response)


def test_chart_coordinates_are_never_written_with_a_locale_decimal_comma(world):
    # Arabic formats 17.0 as "17,0", which no SVG reader accepts.
    translation.activate("ar")
    text = as_text(client_for(world.users["manager"]).get(
        reverse("programme:indicator", kwargs={"key": "enrolment"}), {"breakdown": "sex"}))
    svg = text[text.index("<svg"):text.rindex("</svg>")]
    assert not re.search(r'\b(x|y|width|height|x1|x2|y1|y2)="[0-9.]*,', svg)


# --- Bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize(("params", "message"), [
    ({"organisation": "999999"}, "Select a valid choice"),
    ({"organisation": "not-a-number"}, "Select a valid choice"),
    ({"sex": "robot"}, "Select a valid choice"),
    ({"start": "2026-06-01", "end": "2026-01-01"}, "The period ends before it starts"),
    ({"start": "yesterday"}, "Enter a valid date"),
])
def test_bad_filters_say_why_and_show_no_figures(world, params, message):
    for name, kwargs in [("programme:overview", {}),
                         ("programme:four_w_csv", {}),
                         ("programme:indicator", {"key": "enrolment"}),
                         ("programme:indicator_csv", {"key": "enrolment"})]:
        response = client_for(world.users["manager"]).get(reverse(name, kwargs=kwargs), params)
        assert response.status_code == 400
        text = as_text(response)
        assert message in text
        assert "These filters cannot be used" in text
        assert "indicator-card" not in text and "class=\"figures\"" not in text


def test_an_unknown_breakdown_says_why(world):
    for name in ("programme:indicator", "programme:indicator_xlsx"):
        response = client_for(world.users["manager"]).get(
            reverse(name, kwargs={"key": "enrolment"}), {"breakdown": "trainee"})
        assert response.status_code == 400
        assert "Select a valid choice" in as_text(response)


def test_a_manager_cannot_filter_by_another_organisation(world):
    response = client_for(world.users["manager"]).get(
        reverse("programme:indicator", kwargs={"key": "enrolment"}),
        {"organisation": world.relief.pk, "site": world.zaatari.pk})
    assert response.status_code == 400
    text = as_text(response)
    assert "Relief" not in text and "Zaatari" not in text


def test_a_coordinator_gets_no_cohort_breakdown_or_filter(world):
    client = client_for(world.users["coordinator"])
    url = reverse("programme:indicator", kwargs={"key": "enrolment"})
    response = client.get(url, {"breakdown": "cohort"})
    assert response.status_code == 400
    assert "Beirut spring" not in as_text(response)
    response = client.get(url, {"cohort": world.cohort.pk})
    assert response.status_code == 400
    assert "not available to you" in as_text(response)
    assert "Beirut spring" not in as_text(client.get(url))


def test_an_empty_population_says_why(world):
    response = client_for(world.users["manager"]).get(
        reverse("programme:indicator", kwargs={"key": "enrolment"}), {"sex": "undisclosed"})
    assert response.status_code == 200
    assert "No trainees match these filters" in as_text(response)


# --- Exports -----------------------------------------------------------------------------


def test_the_workbook_holds_the_table_definitions_and_filters(world):
    before = AuditEvent.objects.count()
    response = client_for(world.users["coordinator"]).get(
        reverse("programme:indicator_xlsx", kwargs={"key": "enrolment"}),
        {"breakdown": "organisation", "sex": "female"})
    assert response.status_code == 200
    assert response["Cache-Control"].count("no-store") == 1
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[-2:] == ["Definitions", "Filters"]
    sheet = workbook.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    names = [row[0] for row in values]
    assert RELIEF in names and AMAL in names
    relief_cell = next(row for row in sheet.iter_rows() if row[0].value == RELIEF)[0]
    assert relief_cell.data_type == "s"  # text, never a formula
    filters = [[cell.value for cell in row] for row in workbook["Filters"].iter_rows()]
    assert ["Sex", "Female"] in filters
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.latest("pk").action == "export.programme_indicator_xlsx"


def test_every_csv_export_is_audited(world):
    client = client_for(world.users["coordinator"])
    for name, kwargs in [("programme:overview_csv", {}), ("programme:consortium_csv", {}),
                         ("programme:indicator_csv", {"key": "enrolment"}),
                         ("programme:four_w_csv", {})]:
        before = AuditEvent.objects.count()
        response = client.get(reverse(name, kwargs=kwargs))
        read_csv(response)
        assert AuditEvent.objects.count() == before + 1, name


def test_the_csv_escapes_formula_like_names(world):
    text = as_text(client_for(world.users["coordinator"]).get(
        reverse("programme:consortium_csv")))
    assert "'=HYPERLINK" in text or "\"'=HYPERLINK" in text
    assert "\n=" not in text and ",=" not in text


def test_the_4w_counts_trainees_by_sex_and_cadre_suppressed_across_organisations(world):
    rows = read_csv(client_for(world.users["coordinator"]).get(reverse("programme:four_w_csv")))
    header = rows[0]
    assert header[:6] == ["Organisation", "Activity", "Country", "Site", "Month", "Trainees"]
    lines = {row[0].removeprefix("'"): dict(zip(header, row, strict=True)) for row in rows[1:]}
    amal = lines[AMAL]
    assert amal["Activity"] == "Training: Psychological first aid"
    assert amal["Site"] == SHATILA and lines[RELIEF]["Site"] == "'" + ZAATARI and amal["Trainees"] == "7"
    # 3 men alone would be given away by 7 − 4: both are hidden.
    assert amal["Male"] == "fewer than 5" and amal["Female"] == "fewer than 5"
    assert lines[RELIEF]["Trainees"] == "fewer than 5"
    # Within one's own organisation nothing is hidden.
    rows = read_csv(client_for(world.users["manager"]).get(reverse("programme:four_w_csv")))
    line = dict(zip(rows[0], rows[1], strict=True))
    assert (line["Trainees"], line["Female"], line["Male"]) == ("7", "4", "3")


def test_the_overview_keeps_its_trends_for_a_while_and_says_when_they_were_counted(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(world.users["manager"])
    with CaptureQueriesContext(connection) as first:
        response = client.get(reverse("programme:overview"))
    assert "Figures by month computed at" in response.content.decode()
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("programme:overview"))
    assert len(again.captured_queries) < len(first.captured_queries)
    # Another scope (the coordinator's) is counted apart.
    with CaptureQueriesContext(connection) as other:
        client_for(world.users["coordinator"]).get(reverse("programme:overview"))
    assert len(other.captured_queries) > len(again.captured_queries)


def test_the_4w_has_a_line_for_supervision_received(world):
    from supervision.models import SupervisionSession
    from tests.factories import SupervisorFactory

    enrollments = list(world.cohort.enrollments.order_by("pk")[:6])
    day = timezone.localdate().replace(day=1)
    session = SupervisionSession.objects.create(
        supervisor=SupervisorFactory(), date=day, duration_minutes=60, format="group",
        topics="Boundaries")
    session.enrollments.add(*enrollments)
    rows = read_csv(client_for(world.users["manager"]).get(reverse("programme:four_w_csv")))
    lines = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    supervision = [line for line in lines if line["Activity"] == "Supervision of practice"]
    assert len(supervision) == 1
    assert (supervision[0]["Site"], supervision[0]["Month"], supervision[0]["Trainees"]) == (
        SHATILA, day.strftime("%Y-%m"), "6")


def test_the_quarterly_report_is_built_as_a_pdf_for_its_requester(world):
    from pypdf import PdfReader

    from lms.exports import export_build

    user = world.users["coordinator"]
    today = timezone.localdate()
    response = client_for(user).get(reverse("programme:report"),
                                    {"start": today.replace(day=1).isoformat(),
                                     "end": today.isoformat()})
    assert response.status_code == 302
    export = ExportFile.objects.get(requested_by=user, kind=programme.REPORT_PDF)
    assert AuditEvent.objects.filter(action="export.requested").exists()
    export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == "ready", export.error
    assert export.filename.endswith(".pdf") and export.file.name.endswith(".pdf")
    with export.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Quarterly programme report" in text
    assert "Lebanon–Jordan MHPSS TWG" in text
    assert "Trainees enrolled and completing" in text
    assert "fewer than 5" in text
    # Someone else may not have it built for them.
    assert not programme.may_request_report(world.users["manager"], export.parameters)


# --- Suppression ---------------------------------------------------------------------------


class _People(Indicator):
    key = "people-test"
    measures = (Measure("people", "People", Kind.PEOPLE, headline=True),
                Measure("rate", "Rate", Kind.PERCENT))


def _table(values):
    rows = [Row(key=i, label=str(i), cells={"people": Cell(v),
                                              "rate": Cell(50.0, numerator=v // 2,
                                                           denominator=v)})
            for i, v in enumerate(values)]
    total = Row(key=None, label="Total", cells={"people": Cell(sum(values)),
                                                 "rate": Cell(50.0, numerator=sum(values) // 2,
                                                              denominator=sum(values))})
    return Table(indicator=_People(), breakdown="site", measures=_People.measures, rows=rows,
                 total=total)


CROSSING = Viewer(user_id=1, organisation_ids=frozenset({1, 2}), aggregates_only=True,
                  suppress_small_cells=True)


def test_a_cell_of_four_is_suppressed_and_so_is_the_one_that_would_reveal_it():
    table = suppress(_table([4, 12, 30]), CROSSING)
    people = [row.cells["people"] for row in table.rows]
    assert people[0].suppressed and people[0].value is None
    assert people[1].suppressed  # the next smallest, or 46 − 12 − 30 gives 4 back
    assert not people[2].suppressed and people[2].value == 30
    assert table.total.cells["people"].value == 46
    assert table.rows[0].cells["rate"].suppressed


def test_a_cell_of_five_is_shown_and_one_organisation_sees_everything():
    table = suppress(_table([5, 12]), CROSSING)
    assert not any(row.cells["people"].suppressed for row in table.rows)
    own = Viewer(user_id=1, organisation_ids=frozenset({1}))
    table = suppress(_table([1, 2]), own)
    assert [row.cells["people"].value for row in table.rows] == [1, 2]


def test_a_small_total_is_suppressed():
    table = suppress(_table([2, 1]), CROSSING)
    assert table.total.cells["people"].suppressed


# --- Speed ---------------------------------------------------------------------------------


def _count(client, name, kwargs=None, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, kwargs=kwargs or {}), params or {})
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code in (200, 302)
    return len(queries)


SPEED = [("programme:overview", None, None),
         ("programme:indicator", {"key": "enrolment"}, {"breakdown": "site"}),
         ("programme:overview_csv", None, None),
         ("programme:overview_xlsx", None, None),
         ("programme:indicator_csv", {"key": "enrolment"}, {"breakdown": "sex"}),
         ("programme:indicator_xlsx", {"key": "enrolment"}, {"breakdown": "organisation"}),
         ("programme:consortium", None, None),
         ("programme:consortium_csv", None, None),
         ("programme:consortium_xlsx", None, None),
         ("programme:four_w_csv", None, None),
         ("programme:report", None, None)]


@pytest.mark.parametrize(("name", "kwargs", "params"), SPEED)
def test_query_counts_do_not_grow_with_the_population(world, name, kwargs, params):
    client = client_for(world.users["coordinator"])
    client.get(reverse("programme:overview"))  # session and caches warm
    small = _count(client, name, kwargs, params)
    extra_site = Site.objects.create(organisation=world.relief, name="Irbid centre",
                                     country="JO")
    bigger = CohortFactory(course=CoursePageFactory(title="Cultural mediation"),
                           organisation=world.relief, site=extra_site, country="JO")
    _enrol(bigger, 12, sex="male", completed=5)
    _enrol(world.cohort, 6, sex="female")
    assert _count(client, name, kwargs, params) == small


def test_a_report_without_dates_covers_the_quarter_so_far():
    import datetime

    assert programme.default_quarter(datetime.date(2026, 12, 1)) == (
        datetime.date(2026, 10, 1), datetime.date(2026, 12, 1))
    assert programme.default_quarter(datetime.date(2026, 3, 31)) == (
        datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
