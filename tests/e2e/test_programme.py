"""A coordinator's view of the programme: the overview across the consortium, one
indicator broken down by site, then the same in Arabic, on a phone."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from lms.models import Consortium, Organisation, Site
from tests.e2e.helpers import PHONE, check_page, log_in, screenshot
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    CoordinatorFactory,
    CoursePageFactory,
    EnrollmentFactory,
    TraineeFactory,
)

JOURNEY = "programme-coordinator"


def consortium_world():
    amal = Organisation.objects.create(name="جمعية الأمل للدعم النفسي", kind="national_ngo",
                                       country="LB")
    relief = Organisation.objects.create(name="Horizons Relief", kind="international_ngo",
                                         country="JO")
    course = CoursePageFactory(title="Psychological first aid", slug="pfa-journey")
    now = timezone.now()
    today = timezone.localdate()
    for organisation, site_name, country, count in [
            (amal, "مركز شاتيلا المجتمعي", "LB", 9), (relief, "Zaatari clinic", "JO", 6),
            (relief, "Irbid mobile team", "JO", 3)]:
        site = Site.objects.create(organisation=organisation, name=site_name, country=country)
        # Ended cohorts, so that the completion rate has something to count.
        cohort = CohortFactory(course=course, organisation=organisation, site=site,
                               country=country, start_date=today - timedelta(days=60),
                               end_date=today - timedelta(days=1))
        for number in range(count):
            enrollment = EnrollmentFactory(
                trainee=TraineeFactory(organisation=organisation,
                                       sex="female" if number % 3 else "male"),
                cohort=cohort)
            if number % 2:
                enrollment.status = "completed"
                enrollment.completed_at = now - timedelta(days=3)
                enrollment.save(update_fields=["status", "completed_at"])
    coordinator = CoordinatorFactory(email="coordinator@twg.example", organisation=None,
                                     full_name="Nadia Coordination")
    consortium = Consortium.objects.create(name="Lebanon–Jordan MHPSS TWG")
    consortium.members.add(amal, relief)
    consortium.coordinators.add(coordinator)
    return coordinator


def test_a_coordinator_compares_the_consortium_in_english_and_arabic(new_page):
    coordinator = consortium_world()
    page = new_page()
    log_in(page, coordinator.email, TEST_PASSWORD)
    page.locator("header nav").get_by_role("link", name="Programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Programme indicators")
    expect(page.locator("main")).to_contain_text("Lebanon–Jordan MHPSS TWG")
    expect(page.locator("svg[role=img] title").first).to_have_text(re.compile(r"month by month"))
    check_page(page, JOURNEY, "overview", phone=True)

    page.get_by_role("link", name="Trainees enrolled and completing").first.click()
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Break down by").select_option("site")
    page.get_by_role("button", name="Apply").click()
    table = page.locator("table.figures").first
    expect(table).to_contain_text("Zaatari clinic")
    # Three trainees at Irbid: suppressed across organisations.
    expect(table.locator("tr", has_text="Irbid mobile team")).to_contain_text("fewer than 5")
    expect(page.locator("main")).not_to_contain_text("Nadia")
    check_page(page, JOURNEY, "indicator-by-site", phone=True)
    page.set_viewport_size(PHONE)
    screenshot(page, JOURNEY, "indicator-by-site-360-en")

    page.locator("form.language-switcher select").select_option("ar")
    page.locator("form.language-switcher").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/ar/programme/enrolment/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("table.figures").first).to_contain_text("مركز شاتيلا المجتمعي")
    check_page(page, JOURNEY, "indicator-by-site-ar", phone=True)
    screenshot(page, JOURNEY, "indicator-by-site-360-ar")

    page.goto("/ar/programme/consortium/")
    expect(page.locator("main h1")).to_be_visible()
    check_page(page, JOURNEY, "consortium-ar", phone=True)
