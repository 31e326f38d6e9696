"""Journey 2: practice is logged, reviewed, returned, fixed and signed off; the supervisor
records supervision and rates competencies."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrollmentFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)

JOURNEY = "02-practice"


def log_practice(page, *, minutes, went_well):
    page.get_by_role("link", name="Log practice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Log practice")
    page.get_by_label("Duration (minutes)").fill(str(minutes))
    page.get_by_label("Activity").select_option(label="Individual counselling session")
    page.get_by_label("In person").check()
    page.get_by_label("Setting").select_option(label="Community centre")
    page.get_by_label("Language used").fill("Arabic")
    page.get_by_label("What went well").fill(went_well)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Log practice")


def test_practice_review_return_fix_approve_supervise_and_rate(new_page):
    course = practice_course(title="Helping in practice", slug="helping-in-practice",
                             practice=(("Individual counselling session", "2"),),
                             competencies=(("Active listening", 3),))
    supervisor = SupervisorFactory(email="karim@example.org", full_name="Karim Mansour")
    cohort = CohortFactory(course=course, name="Tripoli — autumn")
    cohort.supervisors.add(supervisor)
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)

    # The trainee logs three sessions and submits them together.
    trainee_page = new_page()
    log_in(trainee_page, trainee.email, TEST_PASSWORD)
    trainee_page.locator("header nav").get_by_role("link", name="Practice logbook").click()
    expect(trainee_page.get_by_role("heading", level=1)).to_have_text("Practice logbook")
    check_page(trainee_page, JOURNEY, "trainee-empty-logbook", phone=True)
    log_practice(trainee_page, minutes=60, went_well="Listened and reflected feelings back.")
    trainee_page.goto("/practice/")
    check_page(trainee_page, JOURNEY, "trainee-first-draft", phone=True)
    log_practice(trainee_page, minutes=50, went_well="Kept to time with a worried father.")
    trainee_page.goto("/practice/")
    trainee_page.get_by_role("link", name="Log practice").click()
    check_page(trainee_page, JOURNEY, "trainee-log-practice-form", phone=True)
    trainee_page.goto("/practice/")
    log_practice(trainee_page, minutes=30, went_well="Short check-in.")
    trainee_page.goto("/practice/")
    for box in trainee_page.locator("input[name=entries]").all():
        box.check()
    trainee_page.get_by_role("button", name="Submit selected for review").click()
    expect(trainee_page.locator(".status-submitted")).to_have_count(3)
    check_page(trainee_page, JOURNEY, "trainee-submitted", phone=True)

    # The supervisor returns the short one with a comment and approves the others.
    supervisor_page = new_page()
    log_in(supervisor_page, supervisor.email, TEST_PASSWORD)
    supervisor_page.locator("header nav").get_by_role("link", name=re.compile("Review queue")).click()
    expect(supervisor_page.get_by_text("3 entries waiting for your review")).to_be_visible()
    check_page(supervisor_page, JOURNEY, "supervisor-queue")
    supervisor_page.get_by_role("row").filter(has_text="30 min").get_by_role(
        "link", name="Review").click()
    expect(supervisor_page.get_by_role("heading", level=1)).to_have_text("Review practice entry")
    supervisor_page.get_by_label("Return to the trainee with a comment").check()
    supervisor_page.get_by_role("textbox", name="Comment").fill(
        "Please say which technique you used in the check-in.")
    check_page(supervisor_page, JOURNEY, "supervisor-returns-entry")
    supervisor_page.get_by_role("button", name="Record decision").click()
    expect(supervisor_page.get_by_text("2 entries waiting for your review")).to_be_visible()
    for box in supervisor_page.locator("input[name=entries]").all():
        box.check()
    supervisor_page.get_by_role("button", name="Approve selected").click()
    expect(supervisor_page.get_by_text("Nothing is waiting for you")).to_be_visible()
    check_page(supervisor_page, JOURNEY, "supervisor-queue-empty")

    # The trainee reads the comment, fixes the entry and submits it again.
    trainee_page.goto("/practice/")
    expect(trainee_page.locator(".status-approved")).to_have_count(2)
    expect(trainee_page.locator(".status-returned")).to_have_count(1)
    check_page(trainee_page, JOURNEY, "trainee-sees-returned", phone=True)
    trainee_page.get_by_role("row").filter(has_text="Returned").get_by_role(
        "link", name="Edit").click()
    expect(trainee_page.get_by_role("note")).to_contain_text("which technique you used")
    check_page(trainee_page, JOURNEY, "trainee-edits-returned", phone=True)
    trainee_page.get_by_label("What went well").fill(
        "Short check-in using the grounding exercise from module 2.")
    trainee_page.get_by_role("button", name="Save and submit for review").click()
    trainee_page.goto("/practice/")
    expect(trainee_page.locator(".status-submitted")).to_have_count(1)

    # The supervisor signs it off, records supervision and rates the competency.
    supervisor_page.goto("/supervise/")
    expect(supervisor_page.get_by_text("1 entry waiting for your review")).to_be_visible()
    supervisor_page.get_by_role("button", name="Approve", exact=True).click()
    expect(supervisor_page.get_by_text("Nothing is waiting for you")).to_be_visible()

    supervisor_page.get_by_role("link", name="Supervision sessions").click()
    check_page(supervisor_page, JOURNEY, "supervisor-sessions")
    supervisor_page.goto("/supervise/sessions/new/")
    supervisor_page.get_by_label("Duration (minutes)").fill("60")
    supervisor_page.get_by_label("Individual", exact=True).check()
    supervisor_page.get_by_label(re.compile("Layla Haddad")).check()
    supervisor_page.get_by_label("Topics").fill("Grounding; ending a session on time.")
    check_page(supervisor_page, JOURNEY, "supervisor-records-session")
    supervisor_page.get_by_role("button", name="Record session").click()
    expect(supervisor_page.get_by_role("heading", level=1)).not_to_have_text(
        "Record a supervision session")

    supervisor_page.get_by_role("link", name="My trainees").click()
    supervisor_page.get_by_role("row").filter(has_text="Layla Haddad").get_by_role(
        "link", name="Rate competencies").click()
    expect(supervisor_page.get_by_role("heading", level=1)).to_have_text("Rate competencies")
    supervisor_page.get_by_label("Role-play").check()
    supervisor_page.get_by_role("group", name=re.compile("Active listening")).get_by_role(
        "radio", name=re.compile("3 — Competent")).check()
    check_page(supervisor_page, JOURNEY, "supervisor-rates")
    supervisor_page.get_by_role("button", name="Save ratings").click()
    expect(supervisor_page.get_by_role("region", name="Rating history")).to_contain_text(
        "Active listening")

    # The trainee's logbook now shows every entry signed off and the requirements met.
    trainee_page.goto("/practice/")
    expect(trainee_page.locator(".status-approved")).to_have_count(3)
    expect(trainee_page.get_by_role("region", name="Where you stand")).to_contain_text(
        "Supervision received: 1 of 1 hour")
    check_page(trainee_page, JOURNEY, "trainee-all-approved", phone=True)
