"""Journey 4: a trainer writes a lesson in the CMS and submits it; a lead trainer approves
and publishes it; an enrolled trainee reads it."""

import re

from playwright.sync_api import expect

from lms.roles import Role
from tests.e2e.helpers import check_page, log_in, screenshot
from tests.factories import (
    TEST_PASSWORD,
    EnrollmentFactory,
    TraineeFactory,
    TrainerFactory,
    learning_course,
)

JOURNEY = "04-cms"
LESSON = "Grounding when distress rises"
BODY = "Notice five things you can see, four you can hear, three you can touch."


def test_trainer_writes_lead_trainer_publishes_trainee_reads(new_page):
    course = learning_course(title="Psychological first aid", slug="psychological-first-aid",
                             modules=1, lessons_per_module=1, optional_lessons=0,
                             pre_test=False, post_test=False)
    module = course.get_children().specific().first()
    trainer = TrainerFactory(email="omar@example.org", full_name="Omar Nassar")
    lead = TrainerFactory(email="rana@example.org", full_name="Rana Saleh",
                          roles=[Role.TRAINER, Role.LEAD_TRAINER])
    trainee = TraineeFactory(email="layla@example.org", full_name="Layla Haddad")
    EnrollmentFactory(trainee=trainee, course=course)

    # The trainer finds the module in the CMS and adds a lesson to it.
    author = new_page()
    log_in(author, trainer.email, TEST_PASSWORD)
    author.locator("header nav").get_by_role("link", name="Authoring").click()
    expect(author).to_have_url(re.compile(r"/cms/$"))
    screenshot(author, JOURNEY, "trainer-cms-dashboard")
    author.goto(f"/cms/pages/{module.pk}/")
    expect(author.get_by_role("main")).to_contain_text(module.title)
    screenshot(author, JOURNEY, "trainer-module-in-cms")
    author.goto(f"/cms/pages/{module.pk}/add_subpage/")
    author.get_by_role("link", name="Lesson", exact=True).click()
    author.get_by_role("textbox", name="Title*").fill(LESSON)
    author.get_by_role("textbox", name="Summary").fill("A short exercise for acute distress.")
    author.get_by_role("button", name="Insert a block").first.click()
    author.get_by_role("option", name="Text", exact=True).click()
    editor = author.locator(".public-DraftEditor-content").first
    editor.click()
    expect(editor).to_be_focused()
    editor.press_sequentially(BODY)
    expect(editor).to_contain_text(BODY)
    # Draftail copies its content into the form a moment after typing stops; a person
    # never submits that fast, a test does.
    expect(author.locator("input[name='body-0-value']")).to_have_value(re.compile("five things"))
    screenshot(author, JOURNEY, "trainer-writes-lesson")
    author.get_by_role("button", name="More actions").click()
    author.get_by_role("button", name="Submit to Lead trainer review").click()
    expect(author.get_by_role("status").first).to_contain_text(
        re.compile("submitted", re.I))
    screenshot(author, JOURNEY, "trainer-submitted")

    # Not live yet: the trainee does not see it.
    reader = new_page()
    log_in(reader, trainee.email, TEST_PASSWORD)
    reader.goto(course.url)
    expect(reader.get_by_role("main")).not_to_contain_text(LESSON)

    # The lead trainer approves it from the dashboard, which publishes it.
    lead_page = new_page()
    log_in(lead_page, lead.email, TEST_PASSWORD)
    lead_page.goto("/cms/")
    expect(lead_page.get_by_role("main")).to_contain_text(LESSON)
    screenshot(lead_page, JOURNEY, "lead-trainer-awaiting-review")
    lead_page.get_by_role("link", name=LESSON).first.click()
    lead_page.get_by_role("button", name="More actions").click()
    lead_page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(lead_page.get_by_role("status").first).to_contain_text(
        re.compile("approved|published|updated", re.I))
    screenshot(lead_page, JOURNEY, "lead-trainer-approved")

    # The enrolled trainee now finds the lesson in the course and reads it.
    reader.goto(course.url)
    check_page(reader, JOURNEY, "trainee-course-with-new-lesson", phone=True)
    reader.get_by_role("link", name=LESSON).click()
    expect(reader.get_by_role("heading", level=1)).to_have_text(LESSON)
    expect(reader.get_by_role("main")).to_contain_text(BODY)
    check_page(reader, JOURNEY, "trainee-reads-new-lesson", phone=True)
