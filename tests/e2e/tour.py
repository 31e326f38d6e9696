"""A screenshot tour of every page each role uses, at 360 and 1280 px, in English and
Arabic, written to test-artifacts/tour/<role>/<lang>-<width>/NN-<page>.png.

Run it with `make tour` (the demo data in a test database, see tests/e2e/test_tour.py),
or against a running demo server:
    python -m tests.e2e.tour http://127.0.0.1:8000

The tour finds its way by following links, as a person would, so it needs no ids; the
pages it reaches are only looked at (and, in the test, checked for sideways scrolling).
"""

import shutil
import sys
from pathlib import Path

PASSWORD = "sanad-demo-2026"
TOTP_SECRET = "SANADDEMOSANADDEMOSANADDEMOSANAD"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
LANGUAGES = ("en", "ar")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "tour"

# Each stop: a name and either a path, or ("follow", path, link selector) to open the
# page the first matching link on `path` leads to, or ("errors", path, form selector[,
# values]) to send the form empty (or with these values) and look at its errors.
STOPS = {
    "anonymous": (None, [
        ("home", "/"),
        ("catalogue", "/courses/"),
        ("course", ("follow", "/courses/", "main .course-card a")),
        ("log-in", "/accounts/login/"),
        ("log-in-failed", ("errors", "/accounts/login/", "main form",
                           {"login": "trainee@sanad.example", "password": "not-the-password"})),
        ("sign-up", "/accounts/signup/"),
        ("password-reset", "/accounts/password/reset/"),
        ("verify", "/verify/"),
        ("not-found", "/no-such-page/"),
    ]),
    "trainee": ("trainee@sanad.example", [
        ("my-learning", "/learn/"),
        ("lesson", ("follow", "/learn/", "main .next-step a")),
        ("logbook", "/practice/"),
        ("log-practice", ("follow", "/practice/", "main a[href$='/new/']")),
        ("log-practice-errors", ("errors", None, "main form.entry-form")),
        ("entry", ("follow", "/practice/", "main a[href*='/practice/entries/']")),
        ("certificates", "/certificates/"),
        ("profile", "/accounts/profile/"),
        ("your-data", "/accounts/data/"),
        ("e-mail", "/accounts/email/"),
        ("password", "/accounts/password/change/"),
        ("sessions-signed-in", "/accounts/sessions/"),
    ]),
    "supervisor": ("supervisor@sanad.example", [
        ("queue", "/supervise/"),
        ("review", ("follow", "/supervise/", "main a[href*='/supervise/entries/']")),
        ("trainees", "/supervise/trainees/"),
        ("ratings", ("follow", "/supervise/trainees/", "main a[href*='/ratings/']")),
        ("ratings-errors", ("errors", None, "main form.rating-form")),
        ("sessions", "/supervise/sessions/"),
        ("record-session", "/supervise/sessions/new/"),
    ]),
    "trainer": ("trainer@sanad.example", [
        ("cohorts", "/cohorts/"),
        ("cohort", ("follow", "/cohorts/", "main a[href*='/cohorts/']:not([href$='/new/'])")),
        ("add-trainees", ("follow", "/cohorts/", "main a[href*='/cohorts/']:not([href$='/new/'])", "main a[href$='/trainees/']")),
        ("new-cohort", "/cohorts/new/"),
        ("cohort-practice", ("follow", "/cohorts/", "main a[href*='/cohorts/']:not([href$='/new/'])", "main a[href*='/supervise/cohorts/']")),
        ("certificates", "/certificates/cohorts/"),
        ("programme", "/programme/"),
    ]),
    "manager": ("manager@sanad.example", [
        ("programme", "/programme/"),
        ("indicator", ("follow", "/programme/", "main .indicator-card a[href*='/programme/']")),
        ("cohorts", "/cohorts/"),
        ("self-paced", "/supervise/self-paced/"),
        ("certificates", "/certificates/cohorts/"),
    ]),
}


def totp_code():
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30))


def log_in(page, email):
    page.goto("/accounts/login/")
    form = page.locator("main form")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        code_form = page.locator("main form:has(input[name=code])")
        code_form.locator("input[name=code]").fill(totp_code())
        code_form.locator("button[type=submit]").first.click()
        page.wait_for_load_state()


def prefixed(path, language):
    return path if language == "en" else f"/{language}{path}"


def visit(page, stop, language):
    """Open one stop; False when the demo has nothing to follow there."""
    if isinstance(stop, str):
        page.goto(prefixed(stop, language))
        return True
    kind, path, *selectors = stop
    if path is not None:
        page.goto(prefixed(path, language))
    if kind == "errors":
        form = page.locator(selectors[0]).first
        if not form.count():
            return False
        values = selectors[1] if len(selectors) > 1 else {}
        # The server's messages are the subject, not the browser's own checks.
        form.evaluate("form => { form.noValidate = true; }")
        for field in form.locator("input[type=text], input[type=email], input[type=password],"
                                  " input[type=number], input[type=date], textarea").all():
            if field.is_editable():
                field.fill(values.get(field.get_attribute("name"), ""))
        form.locator("button[type=submit]").last.click()
        page.wait_for_load_state()
        return True
    for selector in selectors:
        link = page.locator(selector).first
        if not link.count():
            return False
        page.goto(link.get_attribute("href"))
    return True


def take_tour(browser, base_url, *, roles=None, out=ARTIFACTS, on_page=None):
    """Photograph every stop for each role, language and size; returns the files written
    and the stops that could not be reached. `on_page(page, role, name)` checks a page."""
    shutil.rmtree(out, ignore_errors=True)
    written, missed = [], []
    for role, (email, stops) in STOPS.items():
        if roles and role not in roles:
            continue
        # One log-in per role (an authenticator code is accepted once); the other size
        # reuses its cookies.
        signed_in = None
        for size_name, viewport in SIZES.items():
            context = browser.new_context(base_url=base_url, viewport=viewport,
                                          storage_state=signed_in)
            context.set_default_timeout(15_000)
            page = context.new_page()
            if email and signed_in is None:
                log_in(page, email)
                signed_in = context.storage_state()
            for language in LANGUAGES:
                folder = out / role / f"{language}-{size_name}"
                folder.mkdir(parents=True, exist_ok=True)
                for number, (name, stop) in enumerate(stops, start=1):
                    if not visit(page, stop, language):
                        missed.append(f"{role}/{language}-{size_name}/{name}")
                        continue
                    path = folder / f"{number:02d}-{name}.png"
                    page.screenshot(path=str(path), full_page=True)
                    written.append(path)
                    if on_page:
                        on_page(page, role, name)
            context.close()
    return written, missed


def sideways(page):
    """How many pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def main(argv):
    import os

    import django
    from playwright.sync_api import sync_playwright

    # The authenticator codes are computed with allauth's own functions, which need settings.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    django.setup()

    base_url = argv[1] if len(argv) > 1 else "http://127.0.0.1:8000"
    roles = argv[2:] or None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox", "--disable-gpu"])
        too_wide = []

        def report_overflow(page, role, name):
            if (extra := sideways(page)) > 0:
                too_wide.append(f"{role}/{name} {page.url}: {extra}px too wide")

        written, missed = take_tour(browser, base_url, roles=roles, on_page=report_overflow)
        browser.close()
    print(f"{len(written)} screenshots in {ARTIFACTS}")
    for stop in missed:
        print(f"not reached: {stop}")
    for line in too_wide:
        print(line)


if __name__ == "__main__":
    main(sys.argv)
