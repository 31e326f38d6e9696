"""Journey: a trainee writes in a lesson's reflection box; it is saved as they type,
refused (with every word kept) when it holds a phone number, listed at the end of the
module and on My reflections, and shared with their supervisor."""

from playwright.sync_api import expect

from content.models import ModulePage
from courses.models import Reflection
from tests.e2e.helpers import check_page, log_in
from tests.factories import (
    TEST_PASSWORD,
    EnrollmentFactory,
    LessonPageFactory,
    TraineeFactory,
    learning_course,
)

JOURNEY = "16-reflections"
WORDS = "My aunt listened without rushing me."


def test_a_reflection_is_saved_as_the_trainee_types_and_shared_on_request(page):
    course = learning_course(title="Basic helping skills", slug="basic-helping-skills")
    module = course.get_children().type(ModulePage).first().specific
    lesson = LessonPageFactory(parent=module, title="Listening", slug="listening", body=[
        ("reflection", {"prompt": "Think of a time someone really listened to you.",
                        "guidance": "Write two or three lines."})])
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    EnrollmentFactory(trainee=trainee, course=course)
    log_in(page, trainee.email, TEST_PASSWORD)

    page.goto(lesson.url)
    box = page.get_by_label("Your reflection")
    box.press_sequentially(WORDS, delay=10)
    status = page.locator("[data-status]")
    expect(status).to_have_text("Saved")
    assert Reflection.objects.get().text == WORDS
    check_page(page, JOURNEY, "lesson-box-saved", phone=True)

    box.press_sequentially(" Her number is 079 123 4567.", delay=10)
    expect(status).to_contain_text("Remove the phone number")
    expect(box).to_have_value(WORDS + " Her number is 079 123 4567.")
    assert Reflection.objects.get().text == WORDS

    page.reload()
    expect(page.get_by_label("Your reflection")).to_have_value(WORDS)
    page.goto(module.url)
    expect(page.get_by_role("heading", name="Your reflections in this module")).to_be_visible()
    expect(page.locator("main")).to_contain_text(WORDS)
    page.get_by_role("link", name="All my reflections, and sharing").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My reflections")
    page.get_by_role("button", name="Share with my supervisor").click()
    expect(page.get_by_role("button", name="Stop sharing")).to_be_visible()
    check_page(page, JOURNEY, "my-reflections-shared", phone=True)
    assert Reflection.objects.get().shared_at is not None
