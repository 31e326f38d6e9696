"""Issue 14: lessons marked complete, reflections and knowledge checks written offline
reach the server once through /offline/sync/, graded and checked there."""

import pytest
from wagtail.models import Page

from content.models import AssessmentPage
from courses.models import AssessmentAttempt, LessonProgress, Reflection
from lms.models import OfflineWrite
from tests.courses.conftest import answers
from tests.factories import LessonPageFactory, TraineeFactory
from tests.offline import answers_by_id, sync, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge_check(course):
    return AssessmentPage.objects.live().descendant_of(course).filter(
        kind="knowledge_check").first()


@pytest.fixture
def signed_in(client, enrollment):
    client.force_login(enrollment.trainee)
    return client


def test_a_lesson_marked_complete_offline_is_recorded_once(signed_in, enrollment, lessons):
    done = write("lesson.complete", lesson=lessons[0].pk)
    first = answers_by_id(sync(signed_in, enrollment.trainee, [done]))[done["id"]]
    assert first["status"] == "applied" and first["message"] == "Lesson marked complete."
    assert first["result"]["url"] == lessons[0].url
    again = answers_by_id(sync(signed_in, enrollment.trainee, [done]))[done["id"]]
    assert again["status"] == "already_applied"
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1


def test_a_knowledge_check_answered_offline_is_graded_when_it_arrives(
        signed_in, enrollment, knowledge_check):
    attempt = write("assessment.submit", assessment=knowledge_check.pk,
                    **answers(knowledge_check))
    answer = answers_by_id(sync(signed_in, enrollment.trainee, [attempt]))[attempt["id"]]
    assert answer["status"] == "applied"
    assert answer["result"]["passed"] is True and answer["result"]["attempt"] == 1
    assert answer["message"] == "Your knowledge check was graded: 100%, passed."
    assert answers_by_id(sync(signed_in, enrollment.trainee, [attempt]))[attempt["id"]][
        "message"] == "Your knowledge check was graded: 100%, passed."
    assert AssessmentAttempt.objects.get().score == 100


def test_pre_and_post_tests_are_never_taken_offline(signed_in, enrollment, pre_test,
                                                    post_test):
    writes = [write("assessment.submit", assessment=test.pk, **answers(test))
              for test in (pre_test, post_test)]
    answered = answers_by_id(sync(signed_in, enrollment.trainee, writes))
    for w in writes:
        assert answered[w["id"]]["errors"] == {"__all__": [
            "Pre-tests and post-tests can only be taken online."]}
    assert not AssessmentAttempt.objects.exists() and not OfflineWrite.objects.exists()


def test_a_reflection_saved_offline_keeps_the_last_words_and_the_privacy_guard(
        signed_in, enrollment, course):
    module = course.get_children().first()
    lesson = LessonPageFactory(parent=Page.objects.get(pk=module.pk).specific, body=[
        ("reflection", {"prompt": "What did you notice?", "guidance": ""})])
    block = next(b.id for b in lesson.body if b.block_type == "reflection")
    leaky = write("reflection.save", lesson=lesson.pk, block=block,
                  text="Write to me at layla@example.org")
    kept = write("reflection.save", lesson=lesson.pk, block=block,
                 text="I noticed I wanted to fix things too fast.")
    answered = answers_by_id(sync(signed_in, enrollment.trainee, [leaky, kept]))
    assert answered[leaky["id"]]["status"] == "refused"
    assert "Remove the e-mail address" in answered[leaky["id"]]["errors"]["__all__"][0]
    assert answered[kept["id"]]["status"] == "applied"
    assert Reflection.objects.get().text == "I noticed I wanted to fix things too fast."


def test_someone_not_enrolled_is_refused(client, lessons, knowledge_check):
    stranger = TraineeFactory()
    client.force_login(stranger)
    writes = [write("lesson.complete", lesson=lessons[0].pk),
              write("assessment.submit", assessment=knowledge_check.pk,
                    **answers(knowledge_check)),
              write("lesson.complete", lesson=999999)]
    answered = answers_by_id(sync(client, stranger, writes))
    assert [answered[w["id"]]["status"] for w in writes] == ["refused"] * 3
    assert answered[writes[0]["id"]]["errors"] == {"__all__": ["Enrol in the course first."]}
    assert answered[writes[2]["id"]]["errors"] == {"__all__": [
        "This was not found, or is not yours to change."]}
    assert not LessonProgress.objects.exists() and not AssessmentAttempt.objects.exists()


def test_the_outbox_page_is_for_signed_in_people_and_the_script_only_for_them(
        client, enrollment, lessons):
    from django.urls import reverse

    url = reverse("lms:offline_outbox")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert "js/outbox.js" not in client.get(lessons[0].url).text
    client.force_login(enrollment.trainee)
    page = client.get(url)
    assert page.status_code == 200 and "data-outbox-list" in page.text
    lesson = client.get(lessons[0].url).text
    assert "js/outbox.js" in lesson and 'data-outbox="lesson.complete"' in lesson
