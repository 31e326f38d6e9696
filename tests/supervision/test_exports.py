import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from courses.models import Enrollment
from lms.models import AuditEvent
from supervision import exports, services
from tests.factories import EnrollmentFactory, PracticeEntryFactory, TraineeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logbook(enrollment, kinds, supervisor):
    signed = PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0],
                                  duration_minutes=90, went_well="=SUM(A1:A2)")
    services.practice_entry_submit(trainee=enrollment.trainee, entry=signed)
    services.practice_entry_review(entry=signed, supervisor=supervisor, decision="approve")
    PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[1], duration_minutes=45)
    return enrollment


def _csv(response) -> list[list[str]]:
    """A streamed CSV as a spreadsheet program reads it (the BOM says UTF-8)."""
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def _never_a_formula(rows):
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
            # A minus sign only opens a negative number.
            assert not cell.startswith("-") or cell.lstrip("-").replace(".", "").isdigit()


def test_logbook_csv(client, logbook, trainee, supervisor):
    client.force_login(trainee)
    response = client.get(reverse("supervision:logbook_csv", args=[logbook.pk]))
    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0][:3] == ["Date", "Activity", "Minutes"]
    assert len(rows) == 3
    signed = next(r for r in rows[1:] if r[12] == "Approved")
    assert signed[1] == "Individual counselling session" and signed[2] == "90"
    assert signed[13] == str(supervisor)
    assert signed[8] == "'=SUM(A1:A2)"  # never a live formula
    assert client.get(reverse("supervision:logbook_csv", args=[logbook.pk])).status_code == 200


LONG_REFLECTION = "استمعت إلى مخاوفها وأعدت صياغتها. " * 150 + "!"
HOSTILE = ['=HYPERLINK("http://x","click")', "+1", "-2+3", "@SUM(A1)", "\tTab", "\rReturn"]


def test_logbook_csv_keeps_what_the_trainee_wrote_as_text(client, enrollment, kinds, trainee):
    assert len(LONG_REFLECTION) > 5000
    for text in HOSTILE:
        PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0], went_well=text,
                             was_hard="مريم العلي", language="العربية",
                             do_differently=LONG_REFLECTION)
    client.force_login(trainee)
    rows = _csv(client.get(reverse("supervision:logbook_csv", args=[enrollment.pk])))
    assert len(rows) == 1 + len(HOSTILE)
    assert sorted(r[8] for r in rows[1:]) == sorted("'" + text for text in HOSTILE)
    assert {r[9] for r in rows[1:]} == {"مريم العلي"}
    assert {r[6] for r in rows[1:]} == {"العربية"}
    assert {r[10] for r in rows[1:]} == {LONG_REFLECTION}
    _never_a_formula(rows)
    event = AuditEvent.objects.get(action="export.logbook_csv")
    assert event.actor == trainee and event.target_id == str(enrollment.pk)


def test_logbook_pdf_lists_approved_hours_and_who_signed(client, logbook, trainee, supervisor):
    client.force_login(trainee)
    response = client.get(reverse("supervision:logbook_pdf", args=[logbook.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Individual counselling session" in text
    assert "1.5" in text
    assert str(supervisor) in text
    assert trainee.full_name in text
    event = AuditEvent.objects.get(action="export.logbook_pdf")
    assert event.actor == trainee and event.target_id == str(logbook.pk)


def test_exports_are_404_for_strangers(client, logbook, other_supervisor):
    for name in ("logbook_csv", "logbook_pdf"):
        client.force_login(TraineeFactory())
        assert client.get(reverse(f"supervision:{name}", args=[logbook.pk])).status_code == 404
        client.force_login(other_supervisor)
        assert client.get(reverse(f"supervision:{name}", args=[logbook.pk])).status_code == 404


def test_supervisor_hours_csv(client, logbook, supervisor, other_enrollment, trainee):
    client.force_login(supervisor)
    response = client.get(reverse("supervision:hours_csv"))
    assert response.status_code == 200
    rows = _csv(response)
    assert rows[0][0] == "Trainee"
    names = {r[0] for r in rows[1:]}
    assert names == {trainee.full_name}
    individual = next(r for r in rows if r[4] == "Individual counselling session")
    assert individual[5:] == ["1.5", "0", "2"]
    assert AuditEvent.objects.filter(action="export.hours_csv", actor=supervisor).exists()
    client.force_login(trainee)
    assert client.get(reverse("supervision:hours_csv")).status_code == 404


@pytest.mark.parametrize("batch", [200, 3])
def test_supervisor_hours_csv_with_formula_like_and_arabic_names(
        client, cohort, kinds, supervisor, django_assert_max_num_queries, monkeypatch, batch):
    monkeypatch.setattr(exports, "HOURS_BATCH", batch)
    for name in [*HOSTILE, "مريم العلي"]:
        enrollment = EnrollmentFactory(trainee=TraineeFactory(full_name=name), cohort=cohort,
                                       course=cohort.course)
        PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[1],
                             duration_minutes=30, state="submitted")
    client.force_login(supervisor)
    response = client.get(reverse("supervision:hours_csv"))
    # Batched: a few queries per batch of trainees, never a few per trainee.
    batches = -(-(len(HOSTILE) + 1) // batch)
    with django_assert_max_num_queries(2 + 5 * batches):
        rows = _csv(response)
    in_order = [e.trainee.full_name for e in Enrollment.objects.filter(cohort=cohort)
                .select_related("trainee").order_by("trainee__full_name", "pk")]
    received = [r[0] for r in rows[1:] if r[4] == "Supervision received"]
    assert [name.removeprefix("'") for name in received] == in_order
    by_name = {}
    for row in rows[1:]:
        by_name.setdefault(row[0], []).append(row)
    assert set(by_name) == {*("'" + name for name in HOSTILE), "مريم العلي"}
    group = next(r for r in by_name["مريم العلي"] if r[4] == "Group session")
    assert group[5:] == ["0", "0.5", "1"]
    assert by_name["مريم العلي"][-1][4] == "Supervision received"
    _never_a_formula(rows)


def test_supervisor_hours_csv_by_role(client, role_users, superuser):
    url = reverse("supervision:hours_csv")
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    for role in ("trainee", "trainer", "manager"):
        client.force_login(role_users[role])
        assert client.get(url).status_code == 404
    client.force_login(role_users["supervisor"])
    assert _csv(client.get(url)) == [_csv(client.get(url))[0]]  # nobody supervised yet
