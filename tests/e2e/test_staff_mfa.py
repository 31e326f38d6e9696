"""Journey: a supervisor without a second factor logs in, is sent to set one up, adds an
authenticator app and goes on to the supervision queue; logging in again then needs the
app's code, and a wrong code is refused. The set-up and code pages, in English and Arabic
on a phone."""

import re

from django.core.cache import cache
from playwright.sync_api import expect

from tests.e2e.helpers import PHONE, check_page, current_totp_code, enter_totp_code
from tests.factories import TEST_PASSWORD, SupervisorFactory, totp_code

JOURNEY = "staff-mfa"


def password_step(page, email, *, next_path, prefix=""):
    page.goto(f"{prefix}/accounts/login/?next={next_path}")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill(email)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()


def confirm_password_if_asked(page):
    # allauth asks for the password again before a second factor is added.
    if "/reauthenticate/" in page.url:
        form = page.locator("form:has(input[name=password])")
        form.locator("input[name=password]").fill(TEST_PASSWORD)
        form.locator("button[type=submit]").click()
        page.wait_for_load_state()


def test_supervisor_sets_up_totp_then_needs_the_code(new_page):
    supervisor = SupervisorFactory(email="karim@example.org", full_name="Karim Mansour",
                                   totp=False)
    page = new_page(viewport=PHONE)

    password_step(page, supervisor.email, next_path="/supervise/")
    confirm_password_if_asked(page)
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/"))
    expect(page.locator("main")).to_contain_text("protected by a second factor")
    check_page(page, JOURNEY, "set-up-en", phone=True)

    secret = page.locator("#authenticator_secret").input_value()
    enter_totp_code(page, "000000" if totp_code(secret) != "000000" else "111111")
    expect(page.locator("main")).to_contain_text(re.compile("incorrect code", re.I))
    enter_totp_code(page, totp_code(secret))
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/"))
    page.get_by_role("link", name=re.compile("continue", re.I)).click()
    expect(page).to_have_url(re.compile(r"/supervise/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Log out; logging in again now asks for the app's code.
    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    # Signing out first wipes what this browser kept for offline use, then posts.
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
    cache.clear()  # allauth refuses a code twice in its 30 seconds: this is a new one
    password_step(page, supervisor.email, next_path="/supervise/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))
    check_page(page, JOURNEY, "code-en", phone=True)
    # Not signed in yet: the queue sends them back to the code step.
    page.goto("/supervise/")
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/"))

    enter_totp_code(page, "000000" if current_totp_code(supervisor.email) != "000000"
                    else "111111")
    expect(page.locator("main")).to_contain_text(re.compile("incorrect code", re.I))
    enter_totp_code(page, current_totp_code(supervisor.email))
    expect(page).to_have_url(re.compile(r"/supervise/$"))


def test_set_up_and_code_pages_in_arabic(new_page):
    newcomer = SupervisorFactory(email="rana@example.org", full_name="رنا صالح", totp=False)
    page = new_page(viewport=PHONE, locale="ar")
    password_step(page, newcomer.email, next_path="/ar/supervise/", prefix="/ar")
    confirm_password_if_asked(page)
    expect(page).to_have_url(re.compile(r"/ar/accounts/2fa/totp/activate/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    check_page(page, JOURNEY, "set-up-ar", phone=True)

    veteran = SupervisorFactory(email="karim@example.org", full_name="كريم منصور")
    other = new_page(viewport=PHONE, locale="ar")
    password_step(other, veteran.email, next_path="/ar/supervise/", prefix="/ar")
    expect(other).to_have_url(re.compile(r"/ar/accounts/2fa/authenticate/"))
    expect(other.locator("html")).to_have_attribute("dir", "rtl")
    check_page(other, JOURNEY, "code-ar", phone=True)
    enter_totp_code(other, current_totp_code(veteran.email))
    expect(other).to_have_url(re.compile(r"/ar/supervise/$"))
