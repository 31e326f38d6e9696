"""Journey 0: the front door works in a real browser, in English and in Arabic."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import check_page, confirm_link, sign_up

JOURNEY = "00-foundation"


def test_foundation_sign_up_confirm_and_switch_to_arabic(page, mailbox):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    check_page(page, JOURNEY, "home", phone=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in").click()
    expect(page.locator("h1")).to_be_visible()
    check_page(page, JOURNEY, "login", phone=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    check_page(page, JOURNEY, "signup", phone=True)
    sign_up(page, full_name="Nour Abdallah", email="nour@example.org")
    check_page(page, JOURNEY, "verify-your-email", phone=True)

    page.goto(confirm_link(mailbox, "nour@example.org"))
    check_page(page, JOURNEY, "confirm-email", phone=True)
    page.locator("main form").get_by_role("button").click()
    # Confirming the address logs the new trainee in.
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    screenshot_step = "logged-in"
    check_page(page, JOURNEY, screenshot_step, phone=True)

    page.get_by_label("Language").select_option("ar")
    page.locator("form.language-switcher").get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/ar/"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    check_page(page, JOURNEY, "arabic", phone=True)
