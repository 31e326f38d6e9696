"""Journey 5: the new trainee's journey in Arabic. Every page is right-to-left and the
interface speaks Arabic: none of the English interface strings below may show."""

import re

from playwright.sync_api import expect
from wagtail.models import Locale

from tests.e2e.helpers import check_page, new_trainee
from tests.factories import (
    CurriculumPageFactory,
    catalogue_page,
    learning_course,
    single_choice_question,
    true_false_question,
)

JOURNEY = "05-arabic"

# Interface text a trainee meets on these pages; none of it is course content.
ENGLISH_INTERFACE = [
    "Skip to main content", "Language", "Courses", "My learning", "Practice logbook",
    "My certificates", "Log in", "Log out", "Sign up", "Sign Up", "Password",
    "Full name", "Enrol in this course", "Course outline", "Mark complete",
    "Next step", "Submit my answers", "Submit a new attempt", "Not passed yet",
    "Feedback on each question", "Your progress", "attempts", "Question 1", "True", "False",
    "Completed", "What completion requires", "Verify Your Email Address", "Confirm",
]

ARABIC = {
    "catalogue": "المقررات",
    "curriculum": "الدعم النفسي الاجتماعي",
    "course": "مهارات المساعدة الأساسية",
    "module": "الإصغاء والتحقق من المشاعر",
    "Lesson 1.1": "الإصغاء الفعّال",
    "Lesson 1.2": "التحقق من المشاعر",
    "Check 1": "تحقق من فهمك",
    "Post-test": "الاختبار البعدي",
}
PROMPT = "أيّ استجابة تُظهر الإصغاء الفعّال؟"
CHOICES = ("أن تعكس ما سمعته", "أن تقدّم النصيحة فورًا", "أن تغيّر الموضوع")
TRUE_FALSE = "الإسعافات النفسية الأولية نوع من العلاج النفسي."


def arabic_course():
    """A course in English with its whole page tree translated into Arabic and published."""
    catalogue = catalogue_page()
    curriculum = CurriculumPageFactory(parent=catalogue, title="Psychosocial support")
    course = learning_course(title="Basic helping skills", slug="basic-helping-skills",
                             parent=curriculum, modules=1, lessons_per_module=2,
                             optional_lessons=0, pre_test=False)
    arabic = Locale.objects.get(language_code="ar")
    titles = {catalogue.pk: ARABIC["catalogue"], curriculum.pk: ARABIC["curriculum"],
              course.pk: ARABIC["course"]}
    for page in course.get_descendants().specific():
        titles[page.pk] = ARABIC.get(page.title, ARABIC["module"])
    home = catalogue.get_parent().specific
    for page in [home, catalogue, curriculum, course, *course.get_descendants().specific()
                 .order_by("path")]:
        translated = page.copy_for_translation(arabic).specific
        translated.title = translated.draft_title = titles.get(page.pk, "سند")
        if translated.title == ARABIC["Post-test"]:
            translated.questions = [single_choice_question(prompt=PROMPT, choices=CHOICES),
                                    true_false_question(prompt=TRUE_FALSE)]
        elif hasattr(translated, "questions"):
            translated.questions = [single_choice_question(prompt=PROMPT, choices=CHOICES)]
        translated.save_revision().publish()


def check_arabic(page, step):
    """The page is Arabic, right to left, with no English interface text; axe and phone."""
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    text = page.locator("body").inner_text()
    english = [s for s in ENGLISH_INTERFACE if re.search(rf"\b{re.escape(s)}\b", text)]
    check_page(page, JOURNEY, step, phone=True)
    assert not english, f"{page.url} shows untranslated interface text: {english}"


def answer(page, *, right):
    page.get_by_label(CHOICES[0] if right else CHOICES[1]).check()
    page.locator("fieldset.question").nth(1).locator("input[type=radio]").nth(
        1 if right else 0).check()


def test_arabic_trainee_journey(page, mailbox):
    arabic_course()

    page.goto("/ar/")
    check_arabic(page, "home")
    new_trainee(page, mailbox, full_name="يوسف الخطيب", email="yousef@example.org")
    expect(page.locator("header form.inline-form button[type=submit]")).to_be_visible()
    # Where confirming the address lands is checked at the end, so that a wrong landing
    # page does not hide what the rest of the journey would show.
    landing = page.url
    if not re.search(r"/ar/", landing):
        page.goto("/ar/learn/")
    check_arabic(page, "logged-in")

    page.locator("header nav a[href$='/courses/']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARABIC["catalogue"])
    check_arabic(page, "catalogue")
    page.get_by_role("link", name=ARABIC["course"]).click()
    check_arabic(page, "course")
    page.locator("form.enrol-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARABIC["Lesson 1.1"])
    check_arabic(page, "lesson")
    page.locator(".lesson-actions button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARABIC["Lesson 1.2"])
    page.locator(".lesson-actions button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ARABIC["Check 1"])
    check_arabic(page, "knowledge-check")

    page.locator("header nav a[href$='/learn/']").click()
    check_arabic(page, "my-learning")
    page.get_by_role("link", name=ARABIC["course"]).first.click()
    page.get_by_role("link", name=ARABIC["Post-test"]).first.click()
    check_arabic(page, "post-test")
    answer(page, right=False)
    page.locator(".assessment-form button[type=submit]").click()
    expect(page.locator("#result.result-failed")).to_be_visible()
    check_arabic(page, "post-test-failed")
    answer(page, right=True)
    page.locator(".assessment-form button[type=submit]").click()
    expect(page.locator("#result.result-passed")).to_be_visible()
    check_arabic(page, "post-test-passed")

    page.locator("header nav a[href$='/learn/']").click()
    check_arabic(page, "my-learning-completed")
    assert "/ar/" in landing, (
        f"After confirming the e-mail address the Arabic trainee lands on {landing}, "
        "an English page, instead of staying in Arabic")
