"""Issue 16: a reflection prompt has a private answer box, saved as the trainee types
(or with a plain Save button), listed at the end of the module and on My reflections,
private unless the trainee shares one with their supervisors."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import ModulePage
from courses.models import Reflection
from lms import services as lms_services
from lms.models import AuditEvent
from supervision.models import SupervisorAssignment
from tests.content.test_catalogue_and_languages import translate_tree
from tests.factories import (
    EnrollmentFactory,
    LessonPageFactory,
    SupervisorFactory,
    TraineeFactory,
    learning_course,
)

pytestmark = pytest.mark.django_db

PROMPT = "Think of a time someone really listened to you. What did they do?"
SECOND_PROMPT = "What will you try in your next session?"
WORDS = "My aunt listened without rushing me.\nShe asked what I needed, not what I should do."
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def module(course):
    return course.get_children().type(ModulePage).first().specific


@pytest.fixture
def lesson(module):
    return LessonPageFactory(parent=module, title="Listening", slug="listening", body=[
        ("rich_text", "<p>Active listening means giving full attention.</p>"),
        ("reflection", {"prompt": PROMPT, "guidance": "Write two or three lines."}),
        ("reflection", {"prompt": SECOND_PROMPT, "guidance": ""}),
    ])


def _block_ids(lesson):
    return [block.id for block in lesson.body if block.block_type == "reflection"]


@pytest.fixture
def block_id(lesson):
    return _block_ids(lesson)[0]


def _edit_url(lesson, block_id):
    return reverse("courses:reflection_edit", args=[lesson.pk, block_id])


def _save(client, lesson, block_id, text, **headers):
    return client.post(_edit_url(lesson, block_id), {"text": text}, **headers)


@pytest.fixture
def written(client, trainee, enrollment, lesson, block_id):
    client.force_login(trainee)
    assert _save(client, lesson, block_id, WORDS, **JSON).status_code == 200
    return Reflection.objects.get()


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# --- Writing -------------------------------------------------------------------------


def test_the_lesson_has_a_private_box_that_saves_as_the_trainee_types(client, trainee,
                                                                       enrollment, lesson,
                                                                       block_id):
    client.force_login(trainee)
    body = client.get(lesson.url).content.decode()
    assert f'action="{_edit_url(lesson, block_id)}"' in body
    assert 'name="text"' in body and 'aria-live="polite"' in body
    assert "js/reflection" in body and "Save</button>" in body
    assert "only you can read it" in body

    response = _save(client, lesson, block_id, WORDS, **JSON)
    assert response.status_code == 200
    assert response.json() == {"saved": True, "message": "Saved"}
    reflection = Reflection.objects.get()
    assert (reflection.enrollment, reflection.block_id, reflection.text, reflection.prompt,
            reflection.shared_at) == (enrollment, block_id, WORDS, PROMPT, None)
    assert reflection.lesson_key == lesson.translation_key
    # Typing on: the same reflection, its latest words.
    _save(client, lesson, block_id, WORDS + "\nI want to do the same.", **JSON)
    assert Reflection.objects.get().text.endswith("I want to do the same.")
    assert Reflection.objects.count() == 1
    # Private notes, saved on every pause: no audit row for each keystroke.
    assert not AuditEvent.objects.filter(action__startswith="reflection.").exists()
    # Back on the lesson, the words are in the box.
    body = client.get(lesson.url).content.decode()
    assert "My aunt listened without rushing me." in body


def test_without_javascript_the_save_button_saves_and_returns_to_the_lesson(
        client, trainee, enrollment, lesson, block_id):
    client.force_login(trainee)
    response = _save(client, lesson, block_id, WORDS)
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#reflection-{block_id}"
    assert "Your reflection is saved. Only you can read it." in _messages(response)
    assert Reflection.objects.get().text == WORDS
    # The form page itself works without the lesson, too.
    page = client.get(_edit_url(lesson, block_id)).content.decode()
    assert PROMPT in page and "My aunt listened without rushing me." in page


def test_each_prompt_has_its_own_reflection_and_nothing_is_kept_for_an_empty_box(
        client, trainee, enrollment, lesson):
    first, second = _block_ids(lesson)
    client.force_login(trainee)
    assert _save(client, lesson, second, "", **JSON).json()["saved"] is True
    assert not Reflection.objects.exists()
    _save(client, lesson, first, WORDS, **JSON)
    _save(client, lesson, second, "Ask more open questions.", **JSON)
    assert dict(Reflection.objects.values_list("prompt", "text")) == {
        PROMPT: WORDS, SECOND_PROMPT: "Ask more open questions."}


def test_the_arabic_lesson_opens_the_same_reflection(client, trainee, enrollment, lesson,
                                                      block_id):
    arabic = translate_tree(lesson, "ar").specific
    # wagtail-localize and Wagtail's copy keep block ids across translations.
    assert _block_ids(arabic)[0] == block_id
    client.force_login(trainee)
    _save(client, lesson, block_id, WORDS, **JSON)
    body = client.get(arabic.url).content.decode()
    assert "My aunt listened without rushing me." in body
    _save(client, arabic, block_id, "استمعت إليّ عمّتي دون استعجال.", **JSON)
    assert list(Reflection.objects.values_list("text", flat=True)) == [
        "استمعت إليّ عمّتي دون استعجال."]


@pytest.mark.parametrize("text, message", [
    (WORDS + "\nShe said call me on 079 123 4567 any time.", "Remove the phone number"),
    ("Write to her at aunt.amal@example.org tomorrow.", "Remove the e-mail address"),
])
def test_the_privacy_guard_refuses_contact_details_and_keeps_every_word(
        client, written, lesson, block_id, text, message):
    response = _save(client, lesson, block_id, text)
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body and "even a private reflection" in body
    assert "Your reflection is not saved yet" in body
    # Every word is still in the box; what was saved before is unchanged.
    assert text.splitlines()[-1][:15] in body
    assert response.context["form"]["text"].value() == text
    written.refresh_from_db()
    assert written.text == WORDS

    response = _save(client, lesson, block_id, text, **JSON)
    assert response.status_code == 400
    assert response.json()["saved"] is False
    assert any(message in error for error in response.json()["errors"])
    written.refresh_from_db()
    assert written.text == WORDS


def test_a_reflection_over_the_limit_is_refused_with_the_text_kept(client, written, lesson,
                                                                   block_id):
    too_long = "ت" * 4001
    response = _save(client, lesson, block_id, too_long)
    assert response.status_code == 200
    assert "at most 4000 characters (it has 4001)" in response.content.decode()
    assert response.context["form"]["text"].value() == too_long
    assert 'maxlength' not in response.content.decode()  # a browser would cut a paste
    written.refresh_from_db()
    assert written.text == WORDS
    # Exactly at the limit is fine.
    assert _save(client, lesson, block_id, "ت" * 4000, **JSON).status_code == 200


def test_an_unknown_prompt_or_someone_not_enrolled_gets_404(client, trainee, enrollment,
                                                            lesson, block_id):
    client.force_login(trainee)
    assert _save(client, lesson, "not-a-prompt", WORDS).status_code == 404
    outsider = TraineeFactory(full_name="Youssef Ben Salah")
    client.force_login(outsider)
    assert _save(client, lesson, block_id, WORDS).status_code == 404
    assert client.get(_edit_url(lesson, block_id)).status_code == 404
    assert not Reflection.objects.exists()


# --- Listed at the end of the module and on My reflections ---------------------------


def test_the_module_page_lists_the_trainees_reflections(client, written, module, course):
    body = client.get(module.url).content.decode()
    assert "Your reflections in this module" in body
    assert PROMPT in body and "My aunt listened without rushing me." in body
    assert reverse("courses:my_reflections") in body
    other_module = course.get_children().type(ModulePage).last().specific
    body = client.get(other_module.url).content.decode()
    assert "You have not written a reflection in this module yet" in body
    assert "My aunt listened" not in body


def test_the_module_page_costs_the_same_at_two_sizes(client, trainee, enrollment, module,
                                                     django_assert_num_queries):
    def write(count):
        for n in range(count):
            page = LessonPageFactory(parent=module, body=[("reflection", {"prompt": f"P{n}"})])
            Reflection.objects.create(enrollment=enrollment, block_id=_block_ids(page)[0],
                                      lesson_key=page.translation_key, prompt=f"P{n}",
                                      text=f"Reflection {n}")

    client.force_login(trainee)
    write(1)
    client.get(module.url)  # the route and the plan are cached after the first reader
    with CaptureQueriesContext(connection) as small:
        assert client.get(module.url).status_code == 200
    small_count = len(small.captured_queries)
    write(12)
    client.get(module.url)
    with django_assert_num_queries(small_count):
        response = client.get(module.url)
    assert response.content.decode().count('class="card reflection-card"') == 13


def test_my_reflections_lists_them_and_is_linked_from_my_learning(client, written, lesson,
                                                                  block_id):
    body = client.get(reverse("courses:my_learning")).content.decode()
    assert reverse("courses:my_reflections") in body
    body = client.get(reverse("courses:my_reflections")).content.decode()
    assert "Basic helping skills" in body and "Listening" in body
    assert PROMPT in body and "My aunt listened without rushing me." in body
    assert f"{lesson.url}#reflection-{block_id}" in body
    assert "Share with my supervisor" in body and "Private" in body


def test_my_reflections_says_when_there_is_none(client, trainee):
    client.force_login(trainee)
    body = client.get(reverse("courses:my_reflections")).content.decode()
    assert "You have not written a reflection yet" in body


def test_my_reflections_costs_the_same_at_two_sizes(client, trainee, course, enrollment,
                                                    module, django_assert_num_queries):
    def write(count, enrollment):
        for n in range(count):
            page = LessonPageFactory(parent=module, body=[("reflection", {"prompt": f"P{n}"})])
            Reflection.objects.create(enrollment=enrollment, block_id=_block_ids(page)[0],
                                      lesson_key=page.translation_key, prompt=f"P{n}",
                                      text=f"Reflection {n}")

    client.force_login(trainee)
    write(2, enrollment)
    url = reverse("courses:my_reflections")
    client.get(url)  # the course plan is read once, then cached
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    small_count = len(small.captured_queries)  # now: the next request clears the log
    other_course = learning_course(title="Psychological first aid", slug="pfa")
    other = EnrollmentFactory(trainee=trainee, course=other_course)
    write(25, enrollment)
    write(5, other)
    client.get(url)
    # session, user, the reflections with their enrollments and courses
    with django_assert_num_queries(small_count):
        response = client.get(url)
    assert response.content.decode().count('class="card reflection-card"') == 32
    assert small_count == 3


# --- Private unless shared -----------------------------------------------------------


@pytest.fixture
def unrelated_supervisor(db):
    return SupervisorFactory(full_name="Other Supervisor")


def _shared_url(enrollment):
    return reverse("supervision:shared_reflections", args=[enrollment.pk])


def test_nobody_else_reads_a_private_reflection(client, written, enrollment, supervisor,
                                                unrelated_supervisor, trainer, manager,
                                                lesson, block_id):
    other_trainee = TraineeFactory(full_name="Youssef Ben Salah")
    EnrollmentFactory(trainee=other_trainee, course=enrollment.course)
    client.force_login(other_trainee)
    assert "My aunt listened" not in client.get(
        reverse("courses:my_reflections")).content.decode()
    assert "My aunt listened" not in client.get(lesson.url).content.decode()
    assert "My aunt listened" not in client.get(_edit_url(lesson, block_id)).content.decode()
    for action in ("reflection_share", "reflection_unshare"):
        assert client.post(reverse(f"courses:{action}", args=[written.pk])).status_code == 404
    # The cohort's supervisor, before the trainee shares it: the page, without the words.
    client.force_login(supervisor)
    response = client.get(_shared_url(enrollment))
    assert response.status_code == 200
    assert "My aunt listened" not in response.content.decode()
    assert "has not shared a reflection with you" in response.content.decode()
    for someone in (unrelated_supervisor, trainer, manager):
        client.force_login(someone)
        assert client.get(_shared_url(enrollment)).status_code == 404
    written.refresh_from_db()
    assert written.shared_at is None


def test_sharing_and_unsharing_are_audited_and_reach_only_the_supervisors(
        client, written, trainee, enrollment, supervisor, unrelated_supervisor, trainer,
        manager):
    assigned = SupervisorFactory(full_name="Nour Saleh")
    SupervisorAssignment.objects.create(enrollment=enrollment, supervisor=assigned)
    response = client.post(reverse("courses:reflection_share", args=[written.pk]))
    assert response.status_code == 302
    assert "Shared with your supervisors." in _messages(response)
    written.refresh_from_db()
    assert written.shared_at is not None
    event = AuditEvent.objects.get(action="reflection.shared")
    assert (event.actor, event.target_id) == (trainee, str(written.pk))
    assert "Shared with your supervisor since" in client.get(
        reverse("courses:my_reflections")).content.decode()

    for reader in (supervisor, assigned):  # through the cohort, and assigned
        client.force_login(reader)
        assert "My aunt listened" in client.get(_shared_url(enrollment)).content.decode()
    for someone in (unrelated_supervisor, trainer, manager):
        client.force_login(someone)
        assert client.get(_shared_url(enrollment)).status_code == 404
    # Trainers and managers read the logbook, never a reflection.
    client.force_login(trainer)
    logbook = client.get(reverse("supervision:logbook_enrollment", args=[enrollment.pk]))
    assert logbook.status_code == 200 and "My aunt listened" not in logbook.content.decode()

    client.force_login(trainee)
    client.post(reverse("courses:reflection_share", args=[written.pk]))  # twice: no change
    assert AuditEvent.objects.filter(action="reflection.shared").count() == 1
    response = client.post(reverse("courses:reflection_unshare", args=[written.pk]))
    assert "No longer shared: only you can read this reflection." in _messages(response)
    written.refresh_from_db()
    assert written.shared_at is None
    assert AuditEvent.objects.filter(action="reflection.unshared", actor=trainee).count() == 1
    client.force_login(supervisor)
    assert "My aunt listened" not in client.get(_shared_url(enrollment)).content.decode()


def test_a_shared_reflection_emptied_is_taken_back_and_new_words_stay_private(
        client, written, trainee, enrollment, lesson, block_id, supervisor):
    client.post(reverse("courses:reflection_share", args=[written.pk]))
    assert _save(client, lesson, block_id, "", **JSON).status_code == 200
    written.refresh_from_db()
    assert written.text == "" and written.shared_at is None
    event = AuditEvent.objects.get(action="reflection.unshared")
    assert (event.actor, event.target_id) == (trainee, str(written.pk))
    # What the trainee writes there next is theirs until they share it again.
    _save(client, lesson, block_id, "Something new I would rather keep.", **JSON)
    client.force_login(supervisor)
    page = client.get(_shared_url(enrollment)).content.decode()
    assert "Something new" not in page and "My aunt listened" not in page


def test_the_supervisors_trainee_list_links_to_shared_reflections(client, enrollment,
                                                                 supervisor):
    client.force_login(supervisor)
    body = client.get(reverse("supervision:trainees")).content.decode()
    assert _shared_url(enrollment) in body


# --- The person's data ---------------------------------------------------------------


def test_reflections_are_in_the_download_and_erased(client, written, trainee, superuser):
    client.post(reverse("courses:reflection_share", args=[written.pk]))
    response = client.get(reverse("personal:download"))
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("sanad-data.json"))
    [enrollment] = data["learning"]["enrollments"]
    [reflection] = enrollment["reflections"]
    assert reflection["text"] == WORDS and reflection["prompt"] == PROMPT
    assert reflection["shared_with_supervisors_at"]
    assert "reflection.shared" in {e["action"] for e in data["audit_events"]}

    request = lms_services.erasure_request_create(user=trainee)
    lms_services.erasure_confirm(erasure_request=request, actor=superuser)
    assert not Reflection.objects.exists()
    audit = AuditEvent.objects.get(action="personal_data.erased")
    assert audit.details["erased"]["learning"]["reflections_removed"] == 1


# --- The services' own refusals ------------------------------------------------------


def test_only_the_trainee_shares_and_never_an_empty_reflection(written, trainee, supervisor,
                                                               superuser):
    from django.core.exceptions import PermissionDenied, ValidationError

    from courses import services

    for someone in (supervisor, superuser):
        with pytest.raises(PermissionDenied):
            services.reflection_share(trainee=someone, reflection=written, share=True)
    Reflection.objects.filter(pk=written.pk).update(text="")
    written.refresh_from_db()
    with pytest.raises(ValidationError, match="Write your reflection before sharing it"):
        services.reflection_share(trainee=trainee, reflection=written, share=True)
    written.refresh_from_db()
    assert written.shared_at is None
    assert not AuditEvent.objects.filter(action__startswith="reflection.").exists()


def test_a_withdrawn_trainee_writes_no_new_reflection(client, written, enrollment, lesson,
                                                     block_id):
    from courses import services

    services.enrollment_withdraw(trainee=enrollment.trainee, enrollment=enrollment)
    assert _save(client, lesson, block_id, "Something new.").status_code == 404
    written.refresh_from_db()
    assert written.text == WORDS
