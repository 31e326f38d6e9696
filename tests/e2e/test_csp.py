"""The enforced Content Security Policy in Chromium: a script slipped into a real Sanad
page does not run and is reported; lesson videos still play from YouTube's no-cookie
domain; the Wagtail admin works under its (path-relaxed) policy."""

import logging

from playwright.sync_api import expect

from tests.e2e.helpers import log_in
from tests.factories import (
    TEST_PASSWORD,
    EnrollmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    TraineeFactory,
    UserFactory,
    learning_course,
)

INJECTED = "<script>window.__pwned = 1</script>"
# Collects what the policy blocks, from the first byte of every page.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push({directive: event.effectiveDirective, blocked: event.blockedURI,
                            disposition: event.disposition});
});
"""
VIDEO_URL = "https://www.youtube.com/watch?v=sanad-csp-test"
VIDEO_FRAME = "https://www.youtube-nocookie.com/embed/sanad-csp-test"


def inject_into(page, path):
    """Serve the real page at `path` with an inline script added to its body, keeping
    every header Sanad sent (its policy included): as if an attacker had found a way to
    put markup into a page."""
    def handle(route):
        response = route.fetch()
        body = response.text().replace("</body>", f"{INJECTED}</body>", 1)
        route.fulfill(response=response, body=body)

    page.route(f"**{path}", handle)


def violations(page):
    return page.evaluate("window.__violations")


def test_an_injected_inline_script_does_not_run_and_is_reported(page, caplog):
    page.add_init_script(WATCH_VIOLATIONS)
    inject_into(page, "/verify/")
    with caplog.at_level(logging.WARNING, logger="sanad.csp"), page.expect_request(
            lambda request: request.method == "POST" and "/csp-report/" in request.url
    ) as report:
        response = page.goto("/verify/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "content-security-policy-report-only" not in response.headers
    assert INJECTED in page.content()  # the script is in the page...
    assert page.evaluate("window.__pwned") is None  # ...and never ran
    assert {"directive": "script-src-elem", "blocked": "inline",
            "disposition": "enforce"} in violations(page)
    # The browser told the report endpoint, which logged it.
    assert report.value.response().status == 204
    logged = [r.getMessage() for r in caplog.records if r.name == "sanad.csp"]
    assert any("script-src-elem blocked inline" in message and "/verify/" in message
               for message in logged), logged


def test_lesson_videos_are_framed_and_other_frames_are_not(new_page):
    from wagtail.embeds.embeds import get_embed_hash
    from wagtail.embeds.models import Embed

    # The embed as YouTube's oEmbed answers it, cached so no test needs the network.
    Embed.objects.create(
        url=VIDEO_URL, hash=get_embed_hash(VIDEO_URL), type="video", provider_name="YouTube",
        html=f'<iframe src="{VIDEO_FRAME}" width="560" height="315" title="Listening" '
             'allowfullscreen></iframe>')
    course = learning_course(title="Psychological first aid", slug="pfa-csp", modules=1,
                             lessons_per_module=1, optional_lessons=0, pre_test=False,
                             post_test=False)
    module = ModulePageFactory(parent=course, title="Listening", slug="listening-csp")
    lesson = LessonPageFactory(parent=module, title="Listening in a camp", body=[
        ("video", {"video": VIDEO_URL, "title": "Listening in a camp",
                   "transcript": "<p>Helper: How are you sleeping?</p>", "audio_only": None}),
    ])
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    EnrollmentFactory(trainee=trainee, course=course)

    page = new_page()
    page.add_init_script(WATCH_VIOLATIONS)
    log_in(page, trainee.email, TEST_PASSWORD)
    page.goto(lesson.url)
    frame = page.locator(f"iframe[src='{VIDEO_FRAME}']")
    expect(frame).to_be_attached()
    page.wait_for_timeout(500)
    assert violations(page) == []
    # A frame from anywhere else is refused: the check above could fail.
    page.evaluate("""() => { const frame = document.createElement("iframe");
                             frame.src = "https://elsewhere.example/";
                             document.body.append(frame); }""")
    page.wait_for_function("window.__violations.length > 0")
    assert violations(page)[0]["directive"] == "frame-src"


ADMIN_SCREENS = [
    "/cms/",  # the dashboard
    "/cms/pages/",
    "/cms/snippets/",
    "/cms/snippets/content/competency/add/",
    "/cms/images/",
    "/cms/images/multiple/add/",
    "/cms/documents/",
    "/cms/users/",
    # The Django admin runs under the strict policy itself.
    "/django-admin/",
    "/django-admin/lms/user/",
]


def test_the_admins_run_without_csp_errors(new_page):
    course = learning_course(title="Psychological first aid", slug="pfa-cms-csp", modules=1,
                             lessons_per_module=1, optional_lessons=0, pre_test=False,
                             post_test=False)
    lesson = course.get_descendants().type(LessonPageFactory._meta.model).first()
    admin = UserFactory(email="admin@example.org", full_name="Administrator", is_staff=True,
                        is_superuser=True)
    page = new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.add_init_script(WATCH_VIOLATIONS)
    log_in(page, admin.email, TEST_PASSWORD)

    # The lesson editor first (leaving it, the editor releases its editing session; that
    # request must reach the server while the test still runs).
    response = page.goto(f"/cms/pages/{lesson.pk}/edit/")
    assert "'unsafe-inline'" in response.headers["content-security-policy"]
    expect(page.locator("main").first).to_be_visible()
    # Its StreamField: open the block menu and add a text block; then the live preview.
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Text", exact=True).click()
    expect(page.locator(".public-DraftEditor-content").last).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()
    expect(page.locator("iframe[title='Preview']").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert violations(page) == []

    for path in [*ADMIN_SCREENS, f"/django-admin/lms/user/{admin.pk}/change/"]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "content-security-policy" in response.headers
        expect(page.locator("main, #content").first).to_be_visible()
        page.wait_for_load_state("networkidle")
        assert violations(page) == [], path
    assert not [text for text in console if "Content Security Policy" in text], console
