"""Journey 3: completion issues a certificate; the trainee downloads it, anyone can verify
it, and when a programme manager revokes it the verification page says so."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrollmentFactory,
    ManagerFactory,
    OrganisationFactory,
    TraineeFactory,
    learning_course,
)

JOURNEY = "03-certificate"


def test_certificate_download_verify_revoke(new_page):
    organisation = OrganisationFactory(name="Cedar Psychosocial Network")
    course = learning_course(title="Psychological first aid", slug="psychological-first-aid",
                             modules=1, lessons_per_module=1, optional_lessons=0,
                             pre_test=False, post_test=False, certificate_validity_months=24)
    cohort = CohortFactory(course=course, organisation=organisation, name="Zahle — winter")
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad",
                             organisation=organisation)
    EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)
    manager = ManagerFactory(email="sophie@example.org", full_name="Sophie Laurent",
                             organisation=organisation)

    # The trainee finishes the last lesson: completion issues the certificate at once.
    trainee_page = new_page()
    log_in(trainee_page, trainee.email, TEST_PASSWORD)
    trainee_page.locator("header nav").get_by_role("link", name="My learning").click()
    trainee_page.get_by_role("link", name="Psychological first aid").first.click()
    trainee_page.get_by_role("link", name=re.compile(r"^(Start|Continue):")).click()
    expect(trainee_page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    trainee_page.get_by_role("button", name=re.compile("^Mark complete")).click()

    trainee_page.locator("header nav").get_by_role("link", name="My certificates").click()
    card = trainee_page.get_by_role("article").filter(has_text="Psychological first aid")
    expect(card.locator(".status")).to_have_text("Valid")
    check_page(trainee_page, JOURNEY, "trainee-my-certificates", phone=True)

    with trainee_page.expect_download() as download_info:
        card.get_by_role("link", name="Download PDF").click()
    pdf_path = download_info.value.path()
    with open(pdf_path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-", "the certificate download is not a PDF"

    verify_path = card.get_by_role("link", name="Verification page").get_attribute("href")
    assert re.fullmatch(r"/verify/[^/]+/", verify_path), verify_path

    # Anyone can check the code, without an account.
    visitor = new_page()
    visitor.goto(verify_path)
    expect(visitor.locator(".verify-verdict")).to_have_text("This certificate is genuine and valid.")
    expect(visitor.get_by_role("main")).to_contain_text("Layla Haddad")
    check_page(visitor, JOURNEY, "visitor-verifies-valid", phone=True)

    # The programme manager revokes it from the cohort's certificates.
    manager_page = new_page()
    log_in(manager_page, manager.email, TEST_PASSWORD)
    manager_page.goto("/certificates/cohorts/")
    check_page(manager_page, JOURNEY, "manager-cohorts")
    manager_page.get_by_role("link", name="Zahle — winter").click()
    check_page(manager_page, JOURNEY, "manager-cohort-certificates")
    code = verify_path.strip("/").split("/")[-1]
    manager_page.get_by_role("link", name=code).click()
    manager_page.get_by_label("Reason").select_option(label="Issued in error")
    manager_page.get_by_label("Explanation").fill("Enrolled in the wrong cohort by mistake.")
    manager_page.get_by_label("I understand that the holder loses this certificate for good.").check()
    check_page(manager_page, JOURNEY, "manager-revokes")
    manager_page.get_by_role("button", name="Revoke this certificate").click()
    expect(manager_page.get_by_role("main").locator(".status")).to_have_text("Revoked")

    visitor.reload()
    expect(visitor.locator(".verify-verdict")).to_have_text(
        "This certificate has been revoked and is no longer valid.")
    # Revoked and when, for anyone; why, only for the holder and the issuer.
    expect(visitor.get_by_role("main")).to_contain_text("Revoked on")
    expect(visitor.get_by_role("main")).not_to_contain_text("Issued in error")
    check_page(visitor, JOURNEY, "visitor-sees-revoked", phone=True)

    trainee_page.reload()
    expect(card.locator(".status")).to_have_text("Revoked")
    check_page(trainee_page, JOURNEY, "trainee-sees-revoked", phone=True)
