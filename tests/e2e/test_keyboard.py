"""Keyboard only, in English and in Arabic: the skip link, a failed then a good log-in
(focus goes to the error summary), a practice entry logged and submitted, and the
supervisor's approval. No clicks: Tab, typing, Space and Enter."""

from playwright.sync_api import expect

from supervision.models import PracticeEntry
from tests.e2e.helpers import check_phone, current_totp_code
from tests.factories import (
    TEST_PASSWORD,
    CohortFactory,
    EnrollmentFactory,
    SupervisorFactory,
    TraineeFactory,
    practice_course,
)

ACTIVE = "() => document.activeElement && document.activeElement.matches(%r)"


def tab_to(page, selector, *, limit=60):
    """Press Tab until the focus is on `selector`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(ACTIVE % selector):
            return
    raise AssertionError(f"{page.url}: Tab never reached {selector}")


def press_and_follow(page, key="Enter"):
    """Press a key that sends a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def keyboard_log_in(page, prefix, email, *, wrong_first=False):
    page.goto(f"{prefix}/accounts/login/")
    if wrong_first:
        tab_to(page, "input[name=login]")
        page.keyboard.type(email)
        tab_to(page, "input[name=password]")
        page.keyboard.type("not-the-password")
        press_and_follow(page)
        # The summary has the focus, is announced, and the fields are marked invalid.
        assert page.evaluate(ACTIVE % "#error-summary[role=alert]")
        expect(page.locator("input[name=password]")).to_have_attribute("aria-invalid", "true")
        tab_to(page, "input[name=login]")
        page.keyboard.press("Control+A")
    else:
        tab_to(page, "input[name=login]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(TEST_PASSWORD)
    press_and_follow(page)
    if "/2fa/authenticate/" in page.url:
        tab_to(page, "input[name=code]")
        page.keyboard.type(current_totp_code(email))
        press_and_follow(page)
    assert "/accounts/login/" not in page.url


def skip_link_works(page, prefix):
    page.goto(f"{prefix}/courses/")
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE % "a.skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE % "main#main")


def keyboard_log_practice(page, prefix, language_used):
    page.goto(f"{prefix}/practice/")
    tab_to(page, "main a[href$='/new/']")
    press_and_follow(page)
    tab_to(page, "#id_duration_minutes")
    page.keyboard.type("45")
    tab_to(page, "#id_activity_kind")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=modality]")
    page.keyboard.press("Space")
    tab_to(page, "#id_setting")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_language")
    page.keyboard.type(language_used)
    tab_to(page, "button[name=submit]")
    press_and_follow(page)


def test_keyboard_only_log_in_practice_and_approval_in_both_languages(new_page):
    course = practice_course(title="Helping by keyboard", slug="helping-by-keyboard",
                             practice=(("Individual counselling session", "2"),),
                             competencies=(("Active listening", 3),))
    supervisor = SupervisorFactory(email="keys.supervisor@example.org")
    cohort = CohortFactory(course=course)
    cohort.supervisors.add(supervisor)
    trainee = TraineeFactory(email="keys.trainee@example.org")
    EnrollmentFactory(trainee=trainee, course=course, cohort=cohort)
    supervisor_page = new_page()
    keyboard_log_in(supervisor_page, "", supervisor.email)

    for prefix, language_used in (("", "Arabic"), ("/ar", "العربية")):
        trainee_page = new_page(locale="ar" if prefix else "en-GB")
        skip_link_works(trainee_page, prefix)
        keyboard_log_in(trainee_page, prefix, trainee.email, wrong_first=True)
        keyboard_log_practice(trainee_page, prefix, language_used)
        entry = PracticeEntry.objects.get(language=language_used)
        assert entry.state == PracticeEntry.State.SUBMITTED
        assert entry.duration_minutes == 45 and entry.modality and entry.setting

        supervisor_page.goto(f"{prefix}/supervise/")
        tab_to(supervisor_page, f"main a[href$='/supervise/entries/{entry.pk}/']")
        press_and_follow(supervisor_page)
        tab_to(supervisor_page, "input[name=decision][value=approve]")
        supervisor_page.keyboard.press("Space")
        tab_to(supervisor_page, "main form button[type=submit]")
        press_and_follow(supervisor_page)
        entry.refresh_from_db()
        assert entry.state == PracticeEntry.State.APPROVED

    # The supervisor's trainees fit a phone (their table scrolls inside its own box).
    supervisor_page.goto("/supervise/trainees/")
    check_phone(supervisor_page)
