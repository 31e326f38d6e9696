"""Journey: on a phone, a supervisor starts an endline role-play with a scenario Sanad
picks, rates one item per screen (ticking a harmful behaviour on one), submits; the
follow-up opens in the queue and gets a plan; the trainee reads what to work on."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import PHONE, check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrollmentFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)
from tests.supervision.assessment_world import add_tool, competency_tool

JOURNEY = "competency-assessment"


def test_rate_on_a_phone_follow_up_and_what_to_work_on(new_page):
    course = practice_course(title="Helping skills", slug="helping-skills-assessed")
    tool = competency_tool(scenarios=1)
    add_tool(course, tool, required_level=3)
    supervisor = SupervisorFactory(email="karim@example.org", full_name="Karim Mansour")
    cohort = CohortFactory(course=course, name="Tripoli — autumn")
    cohort.supervisors.add(supervisor)
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    enrollment = EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)

    page = new_page(viewport=PHONE)
    log_in(page, supervisor.email, TEST_PASSWORD)
    page.goto(f"/practice/{enrollment.pk}/competencies/")
    page.get_by_role("link", name="Start an assessment").click()
    page.get_by_label("Endline (after training)").check()
    page.get_by_label("Standardised role-play").check()
    check_page(page, JOURNEY, "supervisor-starts", phone=True)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_text("I don't know why I came. Others have it worse.")).to_be_visible()
    page.get_by_role("link", name="Start rating").click()
    for number, level in enumerate(["3 — Competent", "4 — Mastery", "3 — Competent",
                                    "3 — Competent"], start=1):
        expect(page.get_by_text(f"Item {number} of 4")).to_be_visible()
        page.get_by_role("radio", name=re.compile(level)).check()
        if number == 4:
            check_page(page, JOURNEY, "supervisor-rates-item", phone=True)
            page.get_by_label("Promises to keep a risk of harm secret").check()
        page.get_by_role("button", name=re.compile("^Save")).click()
    expect(page.get_by_text("Item 4 saved at level 1")).to_be_visible()
    page.get_by_role("button", name="Submit my ratings").click()
    expect(page.get_by_text("You were the only rater")).to_be_visible()

    page.goto("/supervise/")
    page.get_by_role("link", name="Layla Haddad — Helping skills tool").click()
    page.get_by_label("Plan").fill("Two role-plays on responding to risk, then observe again.")
    page.get_by_label("Due date").fill(
        (timezone.localdate() + datetime.timedelta(days=14)).isoformat())
    check_page(page, JOURNEY, "supervisor-follow-up", phone=True)
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Follow-up plan saved.")).to_be_visible()

    learner = new_page(viewport=PHONE)
    log_in(learner, trainee.email, TEST_PASSWORD)
    learner.goto("/learn/")
    learner.get_by_role("link", name="My competency assessments").click()
    expect(learner.get_by_text("Promises to keep a risk of harm secret")).to_be_visible()
    expect(learner.get_by_text("Two role-plays on responding to risk")).to_be_visible()
    check_page(learner, JOURNEY, "trainee-what-to-work-on", phone=True)
