import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from supervision import services
from tests.factories import PracticeEntryFactory, TraineeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logbook(enrollment, kinds, supervisor):
    signed = PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[0],
                                  duration_minutes=90, went_well="=SUM(A1:A2)")
    services.practice_entry_submit(trainee=enrollment.trainee, entry=signed)
    services.practice_entry_review(entry=signed, supervisor=supervisor, decision="approve")
    PracticeEntryFactory(enrollment=enrollment, activity_kind=kinds[1], duration_minutes=45)
    return enrollment


def test_logbook_csv(client, logbook, trainee, supervisor):
    client.force_login(trainee)
    response = client.get(reverse("supervision:logbook_csv", args=[logbook.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Date", "Activity", "Minutes"]
    assert len(rows) == 3
    signed = next(r for r in rows[1:] if r[12] == "Approved")
    assert signed[1] == "Individual counselling session" and signed[2] == "90"
    assert signed[13] == str(supervisor)
    assert signed[8] == "'=SUM(A1:A2)"  # never a live formula
    assert client.get(reverse("supervision:logbook_csv", args=[logbook.pk])).status_code == 200


def test_logbook_pdf_lists_approved_hours_and_who_signed(client, logbook, trainee, supervisor):
    client.force_login(trainee)
    response = client.get(reverse("supervision:logbook_pdf", args=[logbook.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Individual counselling session" in text
    assert "1.5" in text
    assert str(supervisor) in text
    assert trainee.full_name in text


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
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Trainee"
    names = {r[0] for r in rows[1:]}
    assert names == {trainee.full_name}
    individual = next(r for r in rows if r[4] == "Individual counselling session")
    assert individual[5:] == ["1.5", "0", "2"]
    client.force_login(trainee)
    assert client.get(reverse("supervision:hours_csv")).status_code == 404
