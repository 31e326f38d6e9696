"""What "Available offline" saves of a course: the trainee's own enrollment only, with
sizes, and never an assessment's result, answers or feedback."""

import json

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from courses.models import AssessmentAttempt, Enrollment
from tests.factories import (
    EnrollmentFactory,
    LessonPageFactory,
    ModulePageFactory,
    TraineeFactory,
    add_totp,
    learning_course,
)

pytestmark = pytest.mark.django_db


def _png_bytes():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (1200, 800), (11, 110, 79)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def files():
    image = get_image_model().objects.create(
        title="A helper listening", file=ContentFile(_png_bytes(), name="listening.png"))
    handout = get_document_model().objects.create(
        title="Referral form", file=ContentFile(b"%PDF-1.4 " + b"x" * 4000, name="referral.pdf"))
    audio = get_document_model().objects.create(
        title="Grounding exercise", file=ContentFile(b"ID3" + b"a" * 50_000, name="grounding.mp3"))
    return image, handout, audio


@pytest.fixture
def course(files):
    image, handout, audio = files
    course = learning_course(title="Psychological first aid", slug="pfa")
    module = ModulePageFactory(parent=course, title="Module with media")
    LessonPageFactory(parent=module, title="Listening, with pictures", body=[
        ("rich_text", RichText("<p>Listen before you advise.</p>")),
        ("image", {"image": image, "alt_text": "A helper listening", "caption": ""}),
        ("document", {"document": handout, "description": "Print it."}),
        ("audio", {"audio": audio, "title": "Grounding", "transcript": RichText(
            "<p>Sit comfortably.</p>")}),
        ("video", {"video": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
                   "title": "Active listening", "transcript": RichText("<p>Counsellor: ...</p>"),
                   "audio_only": None}),
    ])
    return course


@pytest.fixture
def enrollment(course, trainee):
    return EnrollmentFactory(trainee=trainee, course=course)


def _listing(client, enrollment, prefix=""):
    url = prefix + reverse("courses:enrollment_offline", args=[enrollment.pk]).removeprefix(
        "/en")
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_listing_names_every_lesson_knowledge_check_and_file_with_sizes(
        client, trainee, enrollment, files):
    client.force_login(trainee)
    data = _listing(client, enrollment)
    kinds = [page["kind"] for page in data["pages"]]
    titles = [page["title"] for page in data["pages"]]
    assert kinds[0] == "course" and kinds[-1] == "my_learning"
    assert data["pages"][-1]["url"] == "/learn/"
    assert data["pages"][-1]["title"] == "My learning"
    # Every lesson (optional ones too, for reading) and every knowledge check.
    assert kinds.count("lesson") == 7
    assert kinds.count("knowledge_check") == 2
    assert {"Lesson 1.1", "Optional 2.1", "Check 1", "Check 2",
            "Listening, with pictures"} <= set(titles)
    # Graded tests are taken online: neither the pre-test nor the post-test is listed.
    assert "Pre-test" not in titles and "Post-test" not in titles
    assert all(page["size"] > 0 for page in data["pages"])
    image, handout, audio = files
    by_kind = {item["kind"]: item for item in data["files"]}
    assert by_kind["document"]["url"] == handout.url
    assert by_kind["document"]["size"] == handout.file.size
    assert by_kind["image"]["url"].startswith("/media/images/")
    assert 0 < by_kind["image"]["size"]
    assert [item["url"] for item in data["media"]] == [audio.url]
    assert data["media"][0]["size"] == audio.file.size
    assert data["media_size"] == audio.file.size
    assert [video["title"] for video in data["videos"]] == ["Active listening"]
    assert {t["title"] for t in data["transcripts"]} == {"Grounding", "Active listening"}
    assert data["size"] == sum(item["size"] for item in data["pages"] + data["files"])


def test_no_result_answer_or_feedback_is_ever_listed(client, trainee, enrollment, course):
    check = next(page for page in course.get_descendants().live().specific()
                 if getattr(page, "kind", "") == "knowledge_check")
    AssessmentAttempt.objects.create(enrollment=enrollment, assessment_key=check.translation_key,
                                     number=1, score=0, passed=False, answers={"q": ["1"]})
    client.force_login(trainee)
    text = json.dumps(_listing(client, enrollment))
    assert "attempt=" not in text
    # No question, choice or feedback travels in the listing.
    assert "active listening?" not in text
    assert "Reflecting back what you heard" not in text
    assert "listen and reflect first" not in text


def test_a_result_page_is_never_stored(client, trainee, enrollment, course):
    check = next(page for page in course.get_descendants().live().specific()
                 if getattr(page, "kind", "") == "knowledge_check")
    AssessmentAttempt.objects.create(enrollment=enrollment, assessment_key=check.translation_key,
                                     number=1, score=0, passed=False, answers={})
    client.force_login(trainee)
    form = client.get(check.url)
    assert form.status_code == 200
    assert "no-store" not in form.get("Cache-Control", "")
    result = client.get(f"{check.url}?attempt=1")
    assert result.status_code == 200
    assert "no-store" in result["Cache-Control"]


def test_in_arabic_the_arabic_pages_are_listed_where_the_course_is_translated(
        client, trainee, enrollment):
    client.force_login(trainee)
    data = _listing(client, enrollment, prefix="/ar")
    # The course has no Arabic version: its own pages, and My learning in Arabic.
    assert data["pages"][0]["url"] == enrollment.course.url
    assert data["pages"][-1]["url"] == "/ar/learn/"


@pytest.mark.parametrize("role", ["other_trainee", "supervisor", "trainer", "manager",
                                  "superuser"])
def test_nobody_but_the_trainee_gets_the_listing(client, enrollment, role, request):
    user = TraineeFactory() if role == "other_trainee" else request.getfixturevalue(role)
    if role != "other_trainee":
        add_totp(user)
    client.force_login(user)
    url = reverse("courses:enrollment_offline", args=[enrollment.pk])
    if role != "other_trainee":
        session = client.session
        session["sanad_staff_mfa_found"] = 2 ** 40
        session.save()
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_asked_to_log_in(client, enrollment):
    response = client.get(reverse("courses:enrollment_offline", args=[enrollment.pk]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_withdrawn_or_missing_enrollment_is_not_found(client, trainee, enrollment):
    client.force_login(trainee)
    url = reverse("courses:enrollment_offline", args=[enrollment.pk])
    Enrollment.objects.filter(pk=enrollment.pk).update(status=Enrollment.Status.WITHDRAWN)
    assert client.get(url).status_code == 404
    assert client.get(reverse("courses:enrollment_offline", args=[enrollment.pk + 999])
                      ).status_code == 404


def test_only_get_is_answered(client, trainee, enrollment):
    client.force_login(trainee)
    url = reverse("courses:enrollment_offline", args=[enrollment.pk])
    assert client.post(url).status_code == 405


@pytest.mark.parametrize("lessons", [2, 12])
def test_the_listing_costs_the_same_queries_for_a_small_and_a_large_course(
        client, trainee, django_assert_num_queries, lessons, files):
    image, handout, _audio = files
    course = learning_course(title="Sized course", slug=f"sized-{lessons}", modules=1,
                             lessons_per_module=lessons, optional_lessons=0)
    module = course.get_children().type(ModulePageFactory._meta.model).first()
    for n in range(lessons):
        LessonPageFactory(parent=module, title=f"Illustrated {n}", body=[
            ("image", {"image": image, "alt_text": "A helper", "caption": ""}),
            ("document", {"document": handout, "description": ""})])
    enrollment = EnrollmentFactory(trainee=trainee, course=course)
    client.force_login(trainee)
    url = reverse("courses:enrollment_offline", args=[enrollment.pk])
    client.get(url)  # the plan, the route and the rendition are made once
    # Session and user, the enrollment, the course's translation, the lesson bodies,
    # the images and their renditions, the documents: whatever the number of lessons.
    with django_assert_num_queries(8):
        response = client.get(url)
    assert response.status_code == 200
    assert len(json.loads(response.content)["pages"]) == 2 * lessons + 3


def test_my_learning_and_the_course_page_offer_to_save_the_course(client, trainee, enrollment,
                                                                  course):
    client.force_login(trainee)
    url = reverse("courses:enrollment_offline", args=[enrollment.pk])
    for page_url in ("/learn/", course.url):
        html = client.get(page_url).content.decode()
        assert f'data-offline-course="{url}"' in html, page_url
        assert "Available offline" in html
        assert 'id="sanad-offline-text"' in html


def test_the_course_page_offers_nothing_to_save_before_enrolling(client, course):
    other = TraineeFactory()
    client.force_login(other)
    html = client.get(course.url).content.decode()
    assert "data-offline-course" not in html
    assert "sanad-offline-text" not in html
    Enrollment.objects.create(trainee=other, course=course, course_key=course.translation_key,
                              status=Enrollment.Status.WITHDRAWN)
    assert "data-offline-course" not in client.get(course.url).content.decode()
    assert "data-offline-course" not in client.get("/learn/").content.decode()
