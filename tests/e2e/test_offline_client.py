"""Journey: a trainee saves a course for offline on a shared phone, reads its lessons
with no connection under the offline banner, and logs out; everything Sanad stored on
the device goes, and the next person to log in on the same browser sees nothing of hers.

The browser's service worker really answers offline here: after the course is saved
the lesson is renamed on the server, so a page shown with its old title can only have
come from the device."""

import re

from playwright.sync_api import expect

from content.models import AssessmentPage, LessonPage, ModulePage
from lms.offline import offline_key
from tests.e2e.helpers import PHONE, check_page, log_in, screenshot
from tests.factories import (
    TEST_PASSWORD,
    EnrollmentFactory,
    LessonPageFactory,
    TraineeFactory,
    learning_course,
)

JOURNEY = "offline-client"

CACHES = "() => caches.keys()"
DATABASES = "() => indexedDB.databases().then(list => list.map(db => db.name))"
PAGES_KEPT = """key => caches.open('sanad-u-' + key + '-pages')
  .then(cache => cache.keys()).then(requests => requests.map(r => r.url))"""
# A database the offline write queue would hold, so the wipe has something to delete.
OPEN_OUTBOX = """() => new Promise(done => { const r = indexedDB.open('sanad-outbox', 1);
  r.onupgradeneeded = () => r.result.createObjectStore('writes', {keyPath: 'id'});
  r.onsuccess = () => { const tx = r.result.transaction('writes', 'readwrite');
    tx.objectStore('writes').put({id: 'a1', url: '/learn/'});
    tx.oncomplete = () => { r.result.close(); done(true); }; }; })"""


def _worker_ready(page):
    """Wait for the service worker to be active, and this page under it: a page whose
    navigation began while the worker was installing is only controlled once reloaded
    (as for a person, whose next page is)."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


def _world():
    course = learning_course(title="Psychological first aid", slug="pfa", modules=1,
                             lessons_per_module=1, optional_lessons=0, pre_test=False,
                             post_test=False)
    module = course.get_children().type(ModulePage).first().specific
    lesson = LessonPageFactory(parent=module, title="Listening first", slug="listening-first",
                               body=[("key_points", {"points": ["Listen before you advise"]})])
    layla = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    EnrollmentFactory(trainee=layla, course=course)
    return course, lesson, layla


def _save_course(page):
    card = page.locator(".enrollment-card").first
    card.get_by_role("button", name="Available offline").click()
    status = card.locator("[data-offline=status]")
    expect(status).to_contain_text("Lessons, knowledge checks, images and documents")
    download = card.get_by_role("button", name=re.compile(r"^Download"))
    expect(download).to_be_visible()
    return card, status, download


def test_a_saved_course_opens_offline_and_logout_leaves_nothing_for_the_next_person(new_page):
    course, lesson, layla = _world()
    page = new_page(viewport=PHONE)
    context = page.context
    log_in(page, layla.email, TEST_PASSWORD)
    page.goto("/learn/")
    _worker_ready(page)

    # The course page offers it too, to the enrolled trainee.
    page.goto(course.url)
    box = page.locator(".offline-save")
    box.get_by_role("button", name="Available offline").click()
    expect(box.get_by_role("button", name=re.compile(r"^Download \d+"))).to_be_visible()
    check_page(page, JOURNEY, "course-page-size-before-download", phone=True)
    box.get_by_role("button", name="Cancel").click()
    expect(box.get_by_role("button", name="Available offline")).to_be_focused()

    page.goto("/learn/")
    card, status, download = _save_course(page)
    check_page(page, JOURNEY, "my-learning-size-before-download", phone=True)
    download.click()
    expect(status).to_contain_text("Saved for offline")
    expect(card.get_by_role("button", name="Remove from this device")).to_be_visible()
    screenshot(page, JOURNEY, "my-learning-saved")
    names = page.evaluate(CACHES)
    assert any(name.endswith("-saved") for name in names), names

    # Renamed on the server: from now on only the device has the old title.
    LessonPage.objects.filter(pk=lesson.pk).update(title="Renamed on the server")
    context.set_offline(True)
    response = page.goto(lesson.url)
    assert response.from_service_worker
    expect(page.get_by_role("heading", level=1)).to_have_text("Listening first")
    banner = page.locator("#offline-banner")
    expect(banner).to_have_text(re.compile("You are offline"))
    screenshot(page, JOURNEY, "offline-lesson-with-banner")
    page.goto("/learn/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    page.get_by_role("link", name="Psychological first aid").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Psychological first aid")
    # A page never opened nor saved: the worker says so, in the page's language.
    page.goto("/ar/certificates/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("link", name=re.compile("."))).to_have_attribute("href", "/ar/learn/")
    context.set_offline(False)
    page.goto("/learn/")
    expect(banner).to_have_text("")

    # Logging out on a shared phone wipes every cache and database of Sanad's.
    page.evaluate(OPEN_OUTBOX)
    assert "sanad-outbox" in page.evaluate(DATABASES)
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
    assert not [n for n in page.evaluate(DATABASES) if n.startswith("sanad-")]
    left = page.evaluate(CACHES)
    assert not [n for n in left if n.startswith("sanad-u-")], left

    # The next person, same browser: nothing of Layla's, online or offline.
    samir = TraineeFactory(email="samir@example.org", full_name="Samir Khoury")
    log_in(page, samir.email, TEST_PASSWORD)
    page.goto("/learn/")
    expect(page.locator("main")).not_to_contain_text("Psychological first aid")
    context.set_offline(True)
    page.goto(lesson.url)
    expect(page.locator("main")).not_to_contain_text("Listening first")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    context.set_offline(False)


def test_someone_signing_in_after_a_session_that_ended_sees_nothing_of_it(new_page):
    """No log-out at all (the session expired, the cookies were cleared): the worker
    deletes the first person's pages as soon as it sees someone else signed in."""
    course, lesson, layla = _world()
    page = new_page()
    log_in(page, layla.email, TEST_PASSWORD)
    page.goto("/learn/")
    _worker_ready(page)
    page.goto(lesson.url)  # kept by the worker as a visited page
    page.wait_for_function("key => caches.keys().then(names => names.includes("
                           "'sanad-u-' + key + '-pages'))", arg=offline_key(layla))
    # A knowledge check's question form is kept; its result, with the right answers
    # once released, never is.
    check = course.get_descendants().type(AssessmentPage).first().specific
    page.goto(check.url)
    page.locator("main form input[type=radio]").first.check()
    page.get_by_role("button", name="Submit my answers").click()
    page.wait_for_url(re.compile(r"attempt=1"))
    expect(page.locator("#result")).to_be_visible()
    page.goto("/learn/")
    kept = page.evaluate(PAGES_KEPT, offline_key(layla))
    assert any(url.endswith(check.url) for url in kept), kept
    assert not [url for url in kept if "attempt=" in url], kept
    page.context.clear_cookies()
    samir = TraineeFactory(email="samir@example.org", full_name="Samir Khoury")
    log_in(page, samir.email, TEST_PASSWORD)
    page.goto("/learn/")
    layla_key = offline_key(layla)
    page.wait_for_function("key => caches.keys().then(names => names.some("
                           "n => n.startsWith('sanad-u-')) && !names.some(n => n.includes(key)))",
                           arg=layla_key)
    assert any(offline_key(samir) in n for n in page.evaluate(CACHES))
    page.context.set_offline(True)
    page.goto(lesson.url)
    expect(page.locator("main")).not_to_contain_text("Listening first")
    page.context.set_offline(False)


def _in_arabic(course):
    """The course translated into Arabic, every page under it too, as an editor would."""
    from wagtail.models import Locale

    arabic = Locale.objects.get(language_code="ar")
    for page in [*course.get_ancestors().filter(depth__gte=2), course,
                 *course.get_descendants().order_by("path")]:
        page = page.specific
        if not page.has_translation(arabic):
            page.copy_for_translation(arabic).save_revision().publish()
    titles = {"Psychological first aid": "الإسعافات الأولية النفسية",
              "Listening first": "الإصغاء أولاً", "Module 1": "الوحدة الأولى"}
    for page in course.get_translation(arabic).get_descendants(inclusive=True).specific():
        if page.title in titles:
            page.title = titles[page.title]
            page.save_revision().publish()


def test_saving_in_arabic_shows_size_and_progress_on_a_phone(new_page):
    course, lesson, layla = _world()
    _in_arabic(course)
    arabic_lesson = lesson.get_translation(lesson.locale.__class__.objects.get(
        language_code="ar"))
    page = new_page(viewport=PHONE, locale="ar")
    log_in(page, layla.email, TEST_PASSWORD)
    page.goto("/ar/learn/")
    _worker_ready(page)
    card = page.locator(".enrollment-card").first
    card.locator("[data-offline=offer]").click()
    expect(card.locator("[data-offline=download]")).to_be_visible()
    screenshot(page, JOURNEY, "ar-my-learning-size-before-download")
    card.locator("[data-offline=download]").click()
    expect(card.locator("[data-offline=remove]")).to_be_visible()
    screenshot(page, JOURNEY, "ar-my-learning-saved")
    page.context.set_offline(True)
    page.goto(arabic_lesson.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("الإصغاء أولاً")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("#offline-banner")).not_to_be_empty()
    screenshot(page, JOURNEY, "ar-offline-lesson-with-banner")
    page.context.set_offline(False)


def test_logging_out_with_unsent_work_asks_first(new_page):
    """The write queue (js/outbox.js) says two changes wait: logging out asks, keeps
    everything if the trainee stays, and wipes it if she goes on."""
    course, lesson, layla = _world()
    page = new_page()
    log_in(page, layla.email, TEST_PASSWORD)
    page.goto("/learn/")
    _worker_ready(page)
    # Two writes waiting, as the outbox would count them (writing them is another test's).
    page.evaluate("() => { SanadOutbox.count = () => Promise.resolve(2); }")
    page.evaluate(OPEN_OUTBOX)
    questions = []

    def answer(dialog, accept):
        questions.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    assert "(2 changes)" in questions[0] and "deleted from this device" in questions[0]
    assert "sanad-outbox" in page.evaluate(DATABASES)

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Log out").click()
    expect(page.locator("header nav").get_by_role("link", name="Log in")).to_be_visible()
    assert len(questions) == 2
    assert not [n for n in page.evaluate(DATABASES) if n.startswith("sanad-")]
    assert not [n for n in page.evaluate(CACHES) if n.startswith("sanad-u-")]
