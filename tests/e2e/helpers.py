"""Evidence for browser journeys: screenshots, axe-core and the phone check."""

import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "e2e"
PHONE = {"width": 360, "height": 740}

_steps: dict[str, int] = {}


def screenshot(page, journey, step):
    """Save the page as test-artifacts/e2e/<journey>/NN-<step>.png, numbered in order."""
    folder = ARTIFACTS / journey
    if journey not in _steps:
        # A fresh run replaces the journey's old pictures so the numbers tell one story.
        shutil.rmtree(folder, ignore_errors=True)
        _steps[journey] = 0
    _steps[journey] += 1
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
    path = folder / f"{_steps[journey]:02d}-{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


_axe = None


def check_axe(page):
    """Run axe-core on the page; fail on any serious or critical violation."""
    global _axe
    if _axe is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe = Axe()
    results = _axe.run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    if bad:
        lines = [f"axe found {len(bad)} serious/critical violation(s) on {page.url}:"]
        for violation in bad:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                         f"\n  {violation['helpUrl']}\n  targets: {targets[:8]}")
        pytest.fail("\n".join(lines), pytrace=False)


# Buttons, and links styled as buttons, that a person taps to move on; text links are
# exempt (WCAG 2.5.8 spaces them instead).
PRIMARY_CONTROLS = (
    "main button:visible, main input[type=submit]:visible, main a.button:visible"
)


def check_phone(page):
    """At 360×740: no horizontal scrolling and primary controls at least 24px high."""
    original = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1], (
            f"{page.url} scrolls sideways on a phone: content {widths[0]}px wide "
            f"in a {widths[1]}px window")
        small = []
        for control in page.locator(PRIMARY_CONTROLS).all():
            box = control.bounding_box()
            if box and box["height"] < 24:
                small.append(f"{control.inner_text().strip()[:40]!r} ({box['height']:.0f}px)")
        assert not small, f"{page.url}: controls too small to tap on a phone: {small}"
    finally:
        if original:
            page.set_viewport_size(original)


def check_page(page, journey, step, *, phone=False):
    """The evidence for one main page: a screenshot, axe, and optionally the phone check."""
    screenshot(page, journey, step)
    check_axe(page)
    if phone:
        check_phone(page)


def log_in(page, email, password):
    """Log in through allauth's form, as a person would; a person with an authenticator
    app (all staff) then types its current code, computed here from their secret."""
    page.goto("/accounts/login/")
    page.get_by_label(re.compile("e-?mail", re.I)).first.fill(email)
    page.get_by_label(re.compile("password", re.I)).first.fill(password)
    page.locator("main form").get_by_role("button", name=re.compile("sign in|log in", re.I)).click()
    page.wait_for_load_state()
    if "/2fa/authenticate/" in page.url:
        enter_totp_code(page, current_totp_code(email))


def current_totp_code(email):
    """The code the person's authenticator app shows now (read from the database)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import decrypt

    from tests.factories import totp_code

    authenticator = Authenticator.objects.get(user__email=email,
                                              type=Authenticator.Type.TOTP)
    return totp_code(decrypt(authenticator.data["secret"]))


def enter_totp_code(page, code):
    """Fill allauth's code form (log-in step or activation) and send it."""
    form = page.locator("main form:has(input[name=code])")
    form.locator("input[name=code]").fill(code)
    form.locator("button[type=submit]").first.click()
    page.wait_for_load_state()


def sign_up(page, *, full_name, email, password="a-long-Passphrase-2026"):
    """Fill allauth's sign-up form (already open) and send it."""
    form = page.locator("main form")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=full_name]").fill(full_name)
    form.locator("input[name=password1]").fill(password)
    form.locator("input[name=password2]").fill(password)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return password


def confirm_link(mailbox, email):
    """The e-mail confirmation link sent to `email`, read from the outbox."""
    for message in reversed(mailbox):
        if email in message.to:
            match = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
            if match:
                return match.group(0)
    sent = [(m.to, m.subject) for m in mailbox]
    raise AssertionError(f"No confirmation link was mailed to {email}; outbox: {sent}")


def new_trainee(page, mailbox, *, full_name, email, journey=None):
    """From any page: sign up, open the mailed link, confirm; ends logged in."""
    page.locator("header nav").locator("a[href*='/accounts/signup/']").click()
    if journey:
        check_page(page, journey, "sign-up", phone=True)
    password = sign_up(page, full_name=full_name, email=email)
    page.goto(confirm_link(mailbox, email))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return password
