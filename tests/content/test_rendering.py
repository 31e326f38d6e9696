import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.rich_text import RichText

from content.models import AssessmentPage, ModulePage
from courses.services import enrollment_create
from tests.factories import (
    ActivityKindFactory,
    AssessmentPageFactory,
    CompetencyFactory,
    CoursePageFactory,
    LessonPageFactory,
    ModulePageFactory,
    TraineeFactory,
    UserFactory,
    catalogue_page,
    single_choice_question,
)

pytestmark = pytest.mark.django_db


def every_block_body(document=None):
    return [
        ("rich_text", RichText("<p>Listening is the first skill.</p>")),
        ("image", {"image": None, "alt_text": "A helper listening", "caption": "Listen first."}),
        ("video", {"video": None, "title": "Listening in a camp",
                   "transcript": RichText("<p>Helper: How are you sleeping?</p>"),
                   "audio_only": document}),
        ("audio", {"audio": document, "title": "Grounding", "transcript": RichText("<p>Breathe.</p>")}),
        ("document", {"document": document, "description": "Referral form"}),
        ("case_vignette", {"title": "Mariam, 34", "story": RichText("<p>Mariam arrived.</p>"),
                           "questions": ["What does Mariam need?"]}),
        ("role_play", {"title": "First meeting", "scenario": RichText("<p>A first meeting.</p>"),
                       "roles": [{"name": "Helper", "brief": "Listen."},
                                 {"name": "Client", "brief": "You are tired."}],
                       "observer_checklist": ["Asked open questions"]}),
        ("reflection", {"prompt": "When did someone listen to you?", "guidance": "Write a line."}),
        ("key_points", {"points": ["Listen more than you speak"]}),
        ("safety_note", {"kind": "self_care", "text": RichText("<p>Rest after hard sessions.</p>")}),
    ]


@pytest.fixture
def audio_document(db, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    document = Document(title="Listening (audio only)")
    document.file.save("listening.mp3", ContentFile(b"ID3" + b"\0" * 64), save=False)
    document.save()
    return document


def test_lesson_renders_every_block_with_learner_blocks_around_the_body(client, course,
                                                                        audio_document):
    module = course.get_children().type(ModulePage).first().specific
    lesson = LessonPageFactory(parent=module, title="All blocks",
                               body=every_block_body(audio_document))
    # Lessons open to enrolled trainees and editors; an editor's preview shows the body.
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(lesson.url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Listening is the first skill.", "Listen first.", "Listening in a camp",
                 "Mariam arrived.", "First meeting", "Observer checklist",
                 "When did someone listen to you?", "Listen more than you speak",
                 "Rest after hard sessions.", "Referral form"):
        assert text in html
    # The transcript sits in a <details>; the audio-only file is offered as a link.
    assert re.search(r"<details class=\"transcript\">\s*<summary>Read the transcript", html)
    assert "Listen to the audio only" in html and audio_document.url in html
    assert '<audio controls preload="none"' in html
    # Breadcrumbs lead back to the course; the next page in the course is offered.
    assert f'href="{course.url}"' in html
    assert 'rel="next"' in html


def test_course_page_shows_outline_requirements_prerequisites_and_enrolment(client, course):
    other = CoursePageFactory(title="Psychological first aid")
    course.prerequisites.create(prerequisite=other)
    listening = CompetencyFactory(code="L1", name="Active listening")
    course.competency_requirements.create(competency=listening, required_level=3)
    kind = ActivityKindFactory(name="Individual counselling session")
    course.practice_requirements.create(activity_kind=kind, minimum_hours=20)
    course.required_supervision_hours = 6
    course.certificate_validity_months = 24
    course.save_revision().publish()

    response = client.get(course.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "How to enrol" in html and "open to everyone" in html
    assert html.index("Listening") < html.index("Active listening") < html.index("Check: listening")
    assert html.index("Check: listening") < html.index("Post-test")
    assert "Psychological first aid" in html
    assert "Individual counselling session" in html and ">20<" in html
    assert "L1 Active listening" in html and "3 — Competent" in html
    assert "Supervision received, in hours: 6" in html
    assert "valid for 24 months" in html
    assert "with at least 70%" in html


def test_course_page_says_how_enrolment_works_for_keys_and_cohorts(client, course):
    course.enrolment, course.enrolment_key = "key", "LISTEN-2026"
    course.save_revision().publish()
    html = client.get(course.url).content.decode()
    assert "enrolment key" in html
    assert "LISTEN-2026" not in html
    course.enrolment = "cohort"
    course.save_revision().publish()
    assert "taught in cohorts" in client.get(course.url).content.decode()


def test_course_page_query_count_does_not_grow_with_the_outline(client, django_assert_num_queries):
    small = CoursePageFactory()
    small_module = ModulePageFactory(parent=small)
    LessonPageFactory(parent=small_module)
    AssessmentPageFactory(parent=small_module)
    large = CoursePageFactory()
    for _ in range(4):
        module = ModulePageFactory(parent=large)
        for _ in range(5):
            LessonPageFactory(parent=module)
        AssessmentPageFactory(parent=module)
    # Warm: the route and the plan come from the cache after the first reader.
    client.get(small.url)
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.url).status_code == 200
    small_count = len(small_queries)  # now: the next request clears the query log
    client.get(large.url)
    with django_assert_num_queries(small_count):
        assert client.get(large.url).status_code == 200


def test_assessment_form_never_contains_answers_or_feedback(client, course):
    module = course.get_children().first().specific
    assessment = AssessmentPageFactory(parent=module, title="Quiz", questions=[
        single_choice_question(prompt="Pick one", correct=1, choices=("Alpha", "Bravo", "Charlie")),
        ("multiple_choice", {"prompt": "Pick all", "choices": [
            {"text": "Delta", "is_correct": True}, {"text": "Echo", "is_correct": True},
            {"text": "Foxtrot", "is_correct": False}],
            "feedback_correct": "SECRET-RIGHT-2", "feedback_incorrect": "SECRET-WRONG-2"}),
        ("true_false", {"prompt": "Referral ends your role.", "answer": "false",
                        "feedback_correct": "SECRET-RIGHT-3", "feedback_incorrect": "SECRET-WRONG-3"}),
    ])
    trainee = TraineeFactory()
    enrollment_create(trainee=trainee, course=course)
    client.force_login(trainee)
    response = client.get(assessment.url)
    assert response.status_code == 200
    html = response.content.decode()
    for secret in ("is_correct", "SECRET", "Yes: reflecting", "Not quite"):
        assert secret.lower() not in html.lower().replace("submit my answers", "")
    # The page's chrome may say "correct" in its own sentences (the offline outbox asks
    # to correct a refused write); the assessment itself never does.
    main = html[html.index("<main"):html.index("</main>")]
    assert "correct" not in main.lower()
    assert '<form method="post" action="' in html
    assert "csrfmiddlewaretoken" in html
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3

    questions = list(AssessmentPage.objects.get(pk=assessment.pk).questions)
    single, multiple, true_false = questions
    for choice in single.value["choices"].bound_blocks:
        assert f'type="radio" name="q-{single.id}" id="q-{single.id}-' in html
        assert f'value="{choice.id}"' in html
    for choice in multiple.value["choices"].bound_blocks:
        assert f'value="{choice.id}"' in html
    assert html.count(f'type="checkbox" name="q-{multiple.id}"') == 3
    assert f'name="q-{true_false.id}" id="q-{true_false.id}-true" value="true"' in html
    assert f'name="q-{true_false.id}" id="q-{true_false.id}-false" value="false"' in html


def test_catalogue_and_resource_pages_render_empty_states(client):
    catalogue = catalogue_page()
    response = client.get(catalogue.url)
    assert response.status_code == 200
    assert "No courses are published yet" in response.content.decode()
