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


# WCAG 2.0, 2.1 and 2.2, levels A and AA: the rules Sanad promises, and no others (the
# best-practice rules cost time and are not requirements).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": [
    "wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    "resultTypes": ["violations"]}
_axe_source = None


def run_axe(page):
    """axe-core's violations on the page as it is now; axe is injected once per load."""
    global _axe_source
    if _axe_source is None:
        from axe_playwright_python.sync_playwright import Axe

        _axe_source = Axe().axe_script
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source)
    return page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)["violations"]


def check_axe(page, where=""):
    """Run axe-core (WCAG 2.2 A and AA) on the page; fail on any serious or critical
    violation."""
    bad = [v for v in run_axe(page) if v.get("impact") in ("serious", "critical")]
    if bad:
        size = page.viewport_size or {}
        lines = [f"axe found {len(bad)} serious/critical violation(s) on {page.url} "
                 f"at {size.get('width')}px{where}:"]
        for violation in bad:
            targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}"
                         f"\n  {violation['helpUrl']}\n  targets: {targets[:8]}")
        pytest.fail("\n".join(lines), pytrace=False)


# For each kind of focusable thing on the page (header link, language form, main link,
# button, field, scrolling table): focus it as a keyboard user would and measure its ring
# against what lies behind the ring (the element's own box when the ring is drawn inside,
# otherwise its parent's), the WCAG contrast ratio of two sRGB colours.
FOCUS_RING_SCRIPT = """
() => {
  const parse = (c) => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = ({r, g, b}) => { const f = (v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (x, y) => { const [a, b] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (a + 0.05) / (b + 0.05); };
  const backgroundBehind = (el) => {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parse(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0.5) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const selectors = ["header nav a", "header select", "header button", "main a",
                     "main button", "main input:not([type=hidden])", "main select",
                     "main textarea", "main .table-scroll", "main summary"];
  const results = [];
  for (const selector of selectors) {
    const el = [...document.querySelectorAll(selector)].find(
      (e) => e.offsetParent !== null && !e.disabled);
    if (!el) continue;
    el.focus();
    if (document.activeElement !== el) continue;
    const style = getComputedStyle(el);
    const offset = parseFloat(style.outlineOffset) || 0;
    const ring = parse(style.outlineColor);
    const visible = el.matches(":focus-visible") && style.outlineStyle !== "none"
      && parseFloat(style.outlineWidth) >= 2;
    const behind = backgroundBehind(offset < 0 ? el : el.parentElement);
    results.push({selector, visible, ratio: ring ? ratio(ring, behind) : 0,
                  ring: style.outlineColor, behind: `rgb(${behind.r}, ${behind.g}, ${behind.b})`});
    el.blur();
  }
  return results;
}
"""


def check_focus_rings(page):
    """Every kind of focusable element shows a ring of 2px or more with at least 3:1
    contrast against the background behind it (WCAG 2.4.7, 1.4.11, 2.4.13's minimum)."""
    # A key press first: browsers draw :focus-visible rings for keyboard users.
    page.keyboard.press("Shift")
    bad = [f"{r['selector']}: ring {r['ring']} on {r['behind']} is "
           + ("not visible" if not r["visible"] else f"{r['ratio']:.2f}:1")
           for r in page.evaluate(FOCUS_RING_SCRIPT)
           if not r["visible"] or r["ratio"] < 3]
    assert not bad, f"{page.url}: focus rings that a keyboard user cannot see: {bad}"


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


DESKTOP = {"width": 1280, "height": 900}
# Pages outside the language prefixes (the CMS, the Django admin) have no Arabic address;
# opening a second-factor page again starts it over (a new secret, a new challenge), so
# those are checked in Arabic by the journeys that walk through them in Arabic.
UNPREFIXED = re.compile(r"^/(cms|django-admin|csp-report)/")
NOT_OPENED_TWICE = re.compile(r"/accounts/(2fa|reauthenticate)/")


def track_navigations(page):
    """Remember the method of the page's last navigation: only a page reached by GET can
    be opened again in another language without sending a form twice."""
    page.last_navigation_method = "GET"

    def on_request(request):
        if request.is_navigation_request() and request.frame == page.main_frame:
            page.last_navigation_method = request.method

    page.on("request", on_request)
    return page


def _both_sizes(page, check):
    """Run `check` at the page's size, then at the other one (phone or desktop)."""
    original = page.viewport_size or DESKTOP
    check(page)
    other = DESKTOP if original["width"] < DESKTOP["width"] else PHONE
    page.set_viewport_size(other)
    try:
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => done()))")
        check(page)
    finally:
        page.set_viewport_size(original)


def arabic_path(url):
    """The Arabic address of a page of the site, or None when it has none."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    path = parts.path
    if UNPREFIXED.match(path) or NOT_OPENED_TWICE.search(path):
        return None
    match = re.match(r"^/(ar|fr)(/.*)$", path)
    if match and match.group(1) == "ar":
        return None
    rest = match.group(2) if match else path
    return "/ar" + rest + (f"?{parts.query}" if parts.query else "")


def check_page(page, journey, step, *, phone=False):
    """The evidence for one page state: a screenshot; axe (WCAG 2.2 A and AA) at both
    sizes, and on the same page in Arabic at both sizes when it was reached by GET;
    visible focus rings; and optionally the phone check."""
    screenshot(page, journey, step)
    _both_sizes(page, check_axe)
    check_focus_rings(page)
    in_arabic = arabic_path(page.url)
    if in_arabic and getattr(page, "last_navigation_method", "GET") == "GET":
        arabic = page.context.new_page()
        try:
            arabic.goto(in_arabic)
            _both_sizes(arabic, lambda p: check_axe(p, " (Arabic)"))
        finally:
            arabic.close()
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
