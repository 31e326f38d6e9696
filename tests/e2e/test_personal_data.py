"""Journey 7: a trainee downloads everything Sanad holds about them and asks for it to
be erased; an administrator confirms; the certificate still verifies, without a name."""

import io
import json
import re
import zipfile

from playwright.sync_api import expect

from tests.e2e.helpers import check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    CertificateFactory,
    CohortFactory,
    EnrollmentFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    UserFactory,
    practice_course,
)

JOURNEY = "07-personal-data"


def test_trainee_downloads_and_erases_their_data(new_page):
    course = practice_course(title="Helping in practice", slug="helping-in-practice")
    supervisor = SupervisorFactory(email="karim@example.org", full_name="Karim Mansour")
    cohort = CohortFactory(course=course, name="Tripoli — autumn")
    cohort.supervisors.add(supervisor)
    trainee = TraineeFactory(email="layla@example.org", full_name="ليلى حداد")
    enrollment = EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)
    PracticeEntryFactory(enrollment=enrollment, went_well="Listened and reflected back.")
    certificate = CertificateFactory(enrollment=enrollment, name_as_issued="ليلى حداد")
    UserFactory(email="admin@example.org", full_name="Admin", is_staff=True,
                is_superuser=True)

    # The trainee finds "Your data" in the header and downloads it.
    page = new_page()
    log_in(page, trainee.email, TEST_PASSWORD)
    page.locator("header nav").get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    check_page(page, JOURNEY, "your-data", phone=True)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your data (ZIP)").click()
    archive = zipfile.ZipFile(io.BytesIO(open(download_info.value.path(), "rb").read()))
    data = json.loads(archive.read("sanad-data.json"))
    assert data["profile"]["full_name"] == "ليلى حداد"
    assert data["supervision"]["practice_entries"][0]["went_well"] == (
        "Listened and reflected back.")
    assert f"supervision/logbook-{enrollment.pk}.csv" in archive.namelist()

    # In Arabic, the page reads right to left; the trainee asks for erasure there.
    page.goto("/ar/accounts/data/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_page(page, JOURNEY, "your-data-arabic", phone=True)
    page.locator("#understood").check()
    page.locator("form[action*='/erase/'] button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()
    check_page(page, JOURNEY, "erasure-requested-arabic")

    # An administrator confirms it.
    admin = new_page()
    log_in(admin, "admin@example.org", TEST_PASSWORD)
    admin.goto("/accounts/data/erasure-requests/")
    expect(admin.get_by_role("row").filter(has_text="layla@example.org")).to_be_visible()
    check_page(admin, JOURNEY, "administrator-pending-requests")
    admin.get_by_role("button", name=re.compile("Confirm erasure")).click()
    expect(admin.get_by_text("No erasure requests are waiting.")).to_be_visible()
    check_page(admin, JOURNEY, "administrator-confirmed")

    # The trainee's session has ended.
    page.goto("/accounts/data/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # Anyone verifying the certificate sees it is genuine, and that the holder was erased.
    public = new_page()
    public.goto(f"/verify/{certificate.code}/")
    expect(public.get_by_text("This certificate is genuine and valid.")).to_be_visible()
    expect(public.get_by_text("The holder's personal data was erased")).to_be_visible()
    expect(public.locator("main")).not_to_contain_text("ليلى")
    check_page(public, JOURNEY, "verification-erased-holder", phone=True)
