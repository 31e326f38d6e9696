"""Journey 1: a new trainee signs up, finds a course, studies a module and passes the
post-test at the second try."""

from playwright.sync_api import expect

from tests.e2e.helpers import check_page, new_trainee
from tests.factories import catalogue_page, learning_course

JOURNEY = "01-new-trainee"


def post_test_answers(page, *, right):
    """Answer the three post-test questions of tests.factories.learning_course."""
    page.get_by_label("Reflecting back what you heard" if right else "Giving advice at once").check()
    page.get_by_label("False" if right else "True").check()
    # Every checkbox is set explicitly, whatever the form shows.
    page.get_by_label("Not sleeping").check()
    page.get_by_label("Withdrawing from others").set_checked(right)
    page.get_by_label("Laughing").set_checked(not right)


def test_new_trainee_enrols_studies_and_passes(page, mailbox):
    catalogue = catalogue_page()
    learning_course(title="Basic helping skills", slug="basic-helping-skills", modules=1,
                    lessons_per_module=2, optional_lessons=0, pre_test=False,
                    parent=_curriculum(catalogue))

    page.goto("/")
    new_trainee(page, mailbox, full_name="Rami Aziz", email="rami@example.org", journey=JOURNEY)
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    page.locator("header nav").get_by_role("link", name="Courses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(catalogue.title)
    check_page(page, JOURNEY, "catalogue", phone=True)

    page.get_by_role("link", name="Basic helping skills").click()
    check_page(page, JOURNEY, "course-page", phone=True)
    page.get_by_role("button", name="Enrol in this course").click()
    # Enrolling takes the trainee straight to the first step of the course.
    expect(page.get_by_role("status")).to_contain_text("You are enrolled in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.1")
    check_page(page, JOURNEY, "lesson", phone=True)
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1.2")
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check 1")
    check_page(page, JOURNEY, "module-knowledge-check", phone=True)

    page.goto("/learn/")
    check_page(page, JOURNEY, "my-learning", phone=True)
    page.get_by_role("link", name="Basic helping skills").first.click()
    page.get_by_role("link", name="Post-test").first.click()
    expect(page.get_by_text("Pass this post-test with at least 60%")).to_be_visible()
    check_page(page, JOURNEY, "post-test", phone=True)

    post_test_answers(page, right=False)
    page.get_by_role("button", name="Submit my answers").click()
    result = page.locator("#result")
    expect(result.get_by_role("heading", name="Not passed yet")).to_be_visible()
    expect(result).to_contain_text("You have 1 attempt left")
    check_page(page, JOURNEY, "post-test-failed", phone=True)

    post_test_answers(page, right=True)
    page.get_by_role("button", name="Submit a new attempt").click()
    expect(page.locator("#result").get_by_role("heading", name="Passed")).to_be_visible()
    expect(page.locator("#result")).to_contain_text("Attempt 2: you scored 100%")
    check_page(page, JOURNEY, "post-test-passed", phone=True)

    page.goto("/learn/")
    expect(page.get_by_role("heading", name="Completed")).to_be_visible()
    check_page(page, JOURNEY, "my-learning-completed", phone=True)


def _curriculum(catalogue):
    from tests.factories import CurriculumPageFactory

    return CurriculumPageFactory(parent=catalogue, title="Task-shifting")
