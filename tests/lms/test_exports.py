"""Export jobs: built once in the background, offered only to the person who asked."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from lms import exports, spreadsheets
from lms.models import AuditEvent, ExportFile
from lms.roles import Role
from lms.tasks import build_export
from tests.factories import TraineeFactory, TrainerFactory

pytestmark = pytest.mark.django_db


class Roster:
    """A registered export for the tests: a workbook of names, for trainers only."""

    calls = 0
    fail = False
    allowed = True

    @classmethod
    def builder(cls, parameters, out):
        cls.calls += 1
        if cls.fail:
            raise RuntimeError("disk full")
        spreadsheets.write_xlsx(out, [("Roster", [["Name"], *([n] for n in parameters["names"])])])
        return "roster-مريم.xlsx"

    @classmethod
    def may_request(cls, user, parameters):
        return cls.allowed and user.has_role(Role.TRAINER)


@pytest.fixture
def roster():
    Roster.calls, Roster.fail, Roster.allowed = 0, False, True
    exports.register("test_roster", builder=Roster.builder, may_request=Roster.may_request)
    yield Roster
    exports.unregister("test_roster")


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.SANAD_PRIVATE_ROOT = tmp_path / "private"
    return settings.SANAD_PRIVATE_ROOT


NAMES = ['=HYPERLINK("http://x","click")', "مريم العلي", "@SUM(A1)"]


def _request(user, django_capture_on_commit_callbacks, names=NAMES):
    with django_capture_on_commit_callbacks(execute=True):
        return exports.export_request(user=user, kind="test_roster",
                                      parameters={"names": names})


def test_request_builds_the_file_in_private_storage(roster, trainer,
                                                    django_capture_on_commit_callbacks):
    export = _request(trainer, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert export.status == ExportFile.Status.READY and export.finished_at
    assert export.filename == "roster-مريم.xlsx" and export.file.name.endswith(".xlsx")
    path = Path(export.file.path)
    assert path.is_file() and not path.with_name(path.name + ".part").exists()
    assert Path(settings.SANAD_PRIVATE_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    with pytest.raises(NotImplementedError):
        export.file.url  # noqa: B018 - never reachable by address
    event = AuditEvent.objects.get(action="export.requested")
    assert event.actor == trainer and event.target_id == str(export.pk)
    assert event.details["kind"] == "test_roster"


def test_building_twice_does_not_rebuild_a_ready_export(roster, trainer,
                                                         django_capture_on_commit_callbacks):
    export = _request(trainer, django_capture_on_commit_callbacks)
    built = ExportFile.objects.get(pk=export.pk)
    build_export.delay(export.pk)
    build_export.delay(export.pk)
    assert roster.calls == 1
    assert ExportFile.objects.get(pk=export.pk).finished_at == built.finished_at
    build_export.delay(999_999)  # a job deleted meanwhile is no error


def test_a_job_left_running_by_a_dead_worker_is_taken_over(roster, trainer):
    from datetime import timedelta

    from django.utils import timezone

    export = ExportFile.objects.create(requested_by=trainer, kind="test_roster",
                                       parameters={"names": NAMES},
                                       status=ExportFile.Status.RUNNING,
                                       started_at=timezone.now())
    build_export.delay(export.pk)
    assert roster.calls == 0  # still within the time limit: someone is working on it
    ExportFile.objects.filter(pk=export.pk).update(
        started_at=timezone.now() - timedelta(hours=1))
    build_export.delay(export.pk)
    assert ExportFile.objects.get(pk=export.pk).status == ExportFile.Status.READY


def test_a_failed_build_says_so_and_leaves_no_file(roster, trainer, client,
                                                   django_capture_on_commit_callbacks):
    roster.fail = True
    export = _request(trainer, django_capture_on_commit_callbacks)
    export.refresh_from_db()
    assert export.status == ExportFile.Status.FAILED and "disk full" in export.error
    assert not export.file
    assert not [p for p in Path(settings.SANAD_PRIVATE_ROOT).rglob("*") if p.is_file()]
    client.force_login(trainer)
    page = client.get(reverse("lms:export_detail", args=[export.pk])).content.decode()
    assert "could not be prepared" in page and "disk full" not in page
    assert client.get(reverse("lms:export_download", args=[export.pk])).status_code == 404


def test_access_withdrawn_before_the_build_fails_the_job(roster, trainer,
                                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        export = exports.export_request(user=trainer, kind="test_roster",
                                        parameters={"names": NAMES})
    roster.allowed = False
    for callback in callbacks:
        callback()
    export.refresh_from_db()
    assert export.status == ExportFile.Status.FAILED and not export.file
    assert roster.calls == 0


def test_refused_requests_save_nothing(roster, trainee, trainer):
    with pytest.raises(PermissionDenied):
        exports.export_request(user=trainee, kind="test_roster", parameters={"names": NAMES})
    with pytest.raises(PermissionDenied):
        exports.export_request(user=trainer, kind="no_such_export", parameters={})
    assert not ExportFile.objects.exists() and not AuditEvent.objects.exists()


def test_pending_page_refreshes_itself_without_javascript(roster, client, trainer):
    export = ExportFile.objects.create(requested_by=trainer, kind="test_roster",
                                       parameters={"names": NAMES})
    client.force_login(trainer)
    page = client.get(reverse("lms:export_detail", args=[export.pk])).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    # The page refreshes itself: nothing in it needs the scripts that every signed-in
    # page loads for offline use.
    main = page[page.index("<main"):page.index("</main>")]
    assert "being prepared" in main and "<script" not in main
    assert reverse("lms:export_download", args=[export.pk]) not in page
    assert client.get(reverse("lms:export_download", args=[export.pk])).status_code == 404


def test_ready_page_and_download_for_the_requester(roster, client, trainer,
                                                   django_capture_on_commit_callbacks):
    export = _request(trainer, django_capture_on_commit_callbacks)
    client.force_login(trainer)
    page = client.get(reverse("lms:export_detail", args=[export.pk])).content.decode()
    assert 'http-equiv="refresh"' not in page
    assert reverse("lms:export_download", args=[export.pk]) in page
    response = client.get(reverse("lms:export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == spreadsheets.XLSX_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)))["Roster"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == NAMES and all(c.data_type == "s" for c in cells)
    assert AuditEvent.objects.filter(action="export.downloaded", actor=trainer).exists()


def test_nobody_else_sees_or_downloads_an_export(roster, client, trainer, manager, superuser,
                                                 django_capture_on_commit_callbacks):
    export = _request(trainer, django_capture_on_commit_callbacks)
    urls = [reverse("lms:export_detail", args=[export.pk]),
            reverse("lms:export_download", args=[export.pk])]
    for url in urls:
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    for someone in (TrainerFactory(), manager, superuser, TraineeFactory()):
        client.force_login(someone)
        for url in urls:
            assert client.get(url).status_code == 404
    assert not AuditEvent.objects.filter(action="export.downloaded").exists()
    client.force_login(trainer)
    assert client.get(reverse("lms:export_detail", args=[export.pk + 1])).status_code == 404


def test_deleting_an_export_deletes_its_file(roster, trainer,
                                             django_capture_on_commit_callbacks):
    export = _request(trainer, django_capture_on_commit_callbacks)
    path = Path(ExportFile.objects.get(pk=export.pk).file.path)
    assert path.is_file()
    # As when a requester's data is erased: a bulk delete, not one instance's delete().
    ExportFile.objects.filter(requested_by=trainer).delete()
    assert not ExportFile.objects.exists() and not path.exists()


def test_expired_exports_are_deleted_with_their_files(roster, trainer,
                                                      django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from lms.tasks import delete_expired_exports

    old = _request(trainer, django_capture_on_commit_callbacks)
    recent = _request(trainer, django_capture_on_commit_callbacks)
    ExportFile.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    old_path = Path(ExportFile.objects.get(pk=old.pk).file.path)
    assert delete_expired_exports.delay().get() == 1
    assert not old_path.exists()
    assert list(ExportFile.objects.values_list("pk", flat=True)) == [recent.pk]
    assert Path(ExportFile.objects.get(pk=recent.pk).file.path).is_file()
    assert delete_expired_exports.delay().get() == 0


def test_job_page_in_arabic_reads_right_to_left(roster, client, trainer,
                                                django_capture_on_commit_callbacks):
    from django.utils import translation

    with translation.override("ar"):
        export = _request(trainer, django_capture_on_commit_callbacks)
        url = reverse("lms:export_detail", args=[export.pk])
    assert url.startswith("/ar/")
    assert ExportFile.objects.get(pk=export.pk).language == "ar"
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 200 and 'dir="rtl"' in response.content.decode()
