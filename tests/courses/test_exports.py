"""The cohort matrix as CSV (streamed) and XLSX (built by an export job), opened back the
way a trainer would: nothing in it may run as a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from courses import services
from lms.models import AuditEvent, ExportFile
from tests.courses.conftest import answers, as_answers
from tests.factories import (
    EnrollmentFactory,
    OrganisationFactory,
    TraineeFactory,
    TrainerFactory,
)

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://x","click")'
LONG_NAME = "مريم " + "ع" * 195  # the longest full name a person can have
HOSTILE_NAMES = [HYPERLINK, "+1", "-2+3", "@SUM(A1)", "\tTab Person", "\rReturn Person"]


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.SANAD_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture
def trainees_with_progress(cohort, lessons, pre_test, post_test):
    """A cohort (its course has a post-test) with trainees whose names and organisations
    could run as formulas, an Arabic name, and a name at the maximum length."""
    organisation = OrganisationFactory(name="=cmd|' /C calc'!A0")
    people = {}
    for name in [*HOSTILE_NAMES, "مريم العلي", LONG_NAME]:
        trainee = TraineeFactory(full_name=name, organisation=organisation)
        people[name] = EnrollmentFactory(trainee=trainee, course=cohort.course, cohort=cohort)
    # The formula-named trainee: two lessons, pre-test wrong, post-test right.
    formula = people[HYPERLINK].trainee
    for lesson in lessons[:2]:
        services.lesson_complete(trainee=formula, lesson=lesson)
    services.assessment_submit(trainee=formula, assessment=pre_test,
                               answers=as_answers(answers(pre_test, right=False)))
    services.assessment_submit(trainee=formula, assessment=post_test,
                               answers=as_answers(answers(post_test)))
    # Maryam: every lesson, and a failed post-test.
    maryam = people["مريم العلي"].trainee
    for lesson in lessons:
        services.lesson_complete(trainee=maryam, lesson=lesson)
    services.assessment_submit(trainee=maryam, assessment=post_test,
                               answers=as_answers(answers(post_test, right=False)))
    return people


def _header_index(header, label):
    return header.index(label)


def test_cohort_csv_streams_every_trainee_as_text(client, trainer, cohort, trainees_with_progress):
    client.force_login(trainer)
    response = client.get(reverse("courses:cohort_export_csv", args=[cohort.pk]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    header = rows[0]
    assert header[:3] == ["Trainee", "E-mail", "Organisation"]
    assert {"Post-test", "Post-test — met", "Lessons", "Lessons — met"} <= set(header)
    by_name = {row[0]: row for row in rows[1:]}
    assert len(by_name) == len(trainees_with_progress)
    for name in HOSTILE_NAMES:
        assert "'" + name in by_name, name
    assert by_name["مريم العلي"][0] == "مريم العلي"
    assert LONG_NAME in by_name
    formula = by_name["'" + HYPERLINK]
    assert formula[2] == "'=cmd\\|' /C calc'!A0"
    assert formula[_header_index(header, "Post-test")] == "Passed with 100.0%"
    assert formula[_header_index(header, "Post-test — met")] == "yes"
    assert formula[_header_index(header, "Lessons")] == "2 of 4 lessons completed"
    assert formula[_header_index(header, "Post-test (best score %)")] == "100.0"
    assert formula[_header_index(header, "Knowledge gain (points)")] == "100.0"
    maryam = by_name["مريم العلي"]
    assert maryam[_header_index(header, "Lessons — met")] == "yes"
    assert maryam[_header_index(header, "Post-test — met")] == "no"
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    event = AuditEvent.objects.get(action="export.cohort_matrix_csv")
    assert event.actor == trainer and event.target_id == str(cohort.pk)


def _export_xlsx(client, cohort, django_capture_on_commit_callbacks, query=""):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("courses:cohort_export_xlsx", args=[cohort.pk]) + query)
    return response


def test_cohort_xlsx_is_built_by_a_job_and_holds_text_never_formulas(
        client, trainer, cohort, trainees_with_progress, django_capture_on_commit_callbacks):
    client.force_login(trainer)
    response = _export_xlsx(client, cohort, django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("lms:export_detail", args=[export.pk])
    assert export.requested_by == trainer and export.kind == "cohort_matrix_xlsx"
    assert export.status == ExportFile.Status.READY
    page = client.get(response["Location"])
    download = reverse("lms:export_download", args=[export.pk])
    assert download in page.content.decode()
    file_response = client.get(download)
    assert file_response.status_code == 200
    assert file_response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert f"cohort-{cohort.pk}-beirut-spring.xlsx" in file_response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(file_response.streaming_content))).active
    assert sheet.title == "Cohort" and sheet.freeze_panes == "B2"
    rows = list(sheet.iter_rows())
    header = [cell.value for cell in rows[0]]
    assert {"Post-test", "Post-test — met"} <= set(header)
    by_name = {row[0].value: row for row in rows[1:]}
    # XML keeps a carriage return as the line break it reads as; nothing else changes.
    assert set(by_name) == {name.replace("\r", "\n") for name in trainees_with_progress}
    formula = by_name[HYPERLINK]
    assert formula[2].value == "=cmd|' /C calc'!A0"
    assert formula[header.index("Post-test")].value == "Passed with 100.0%"
    assert formula[header.index("Post-test (best score %)")].value == 100
    assert formula[header.index("Post-test (best score %)")].data_type == "n"
    assert by_name["مريم العلي"][header.index("Post-test — met")].value == "no"
    for row in rows:
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert cell.data_type == "s"
    assert AuditEvent.objects.filter(action="export.requested", actor=trainer,
                                     target_id=str(export.pk)).exists()


def test_cohort_xlsx_keeps_the_filters(client, trainer, cohort, trainees_with_progress,
                                       django_capture_on_commit_callbacks):
    client.force_login(trainer)
    _export_xlsx(client, cohort, django_capture_on_commit_callbacks, "?requirements=met")
    export = ExportFile.objects.get()
    assert export.parameters["requirements"] == "met"
    with export.file.open("rb") as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    assert sheet.max_row == 1  # nobody has met every requirement yet


def test_cohort_xlsx_by_role(client, cohort, trainee, trainer, supervisor, manager, superuser,
                             django_capture_on_commit_callbacks):
    url = reverse("courses:cohort_export_xlsx", args=[cohort.pk])
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    # Those who may not see the cohort get what they get on its page; no job is made.
    for user, status in ((trainee, 404), (supervisor, 404), (manager, 404),
                         (TrainerFactory(), 404)):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            assert client.get(url).status_code == status
    assert not ExportFile.objects.exists()
    manager.organisation = cohort.organisation
    manager.save()
    for user in (trainer, superuser, manager):
        client.force_login(user)
        response = _export_xlsx(client, cohort, django_capture_on_commit_callbacks)
        export = ExportFile.objects.get(requested_by=user)
        assert response.status_code == 302
        assert response["Location"] == reverse("lms:export_detail", args=[export.pk])
        assert export.status == ExportFile.Status.READY


def test_bad_filters_are_ignored_not_an_error(client, trainer, cohort, trainees_with_progress,
                                              django_capture_on_commit_callbacks):
    client.force_login(trainer)
    query = '?status=everything&requirements==HYPERLINK("http://x")'
    response = client.get(reverse("courses:cohort_export_csv", args=[cohort.pk]) + query)
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(body, newline="")))) == 1 + len(trainees_with_progress)
    _export_xlsx(client, cohort, django_capture_on_commit_callbacks, query)
    export = ExportFile.objects.get()
    assert export.parameters == {"cohort_id": cohort.pk, "status": "", "requirements": ""}
    assert export.status == ExportFile.Status.READY
