import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Locale, Page, Workflow
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from content.models import HomePage, LessonPage
from courses.services import enrollment_create
from tests.factories import ModulePageFactory, TraineeFactory, home_page

pytestmark = pytest.mark.django_db


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


BODY = nested_form_data({"body": streamfield([
    ("rich_text", rich_text("<p>Validation says: it makes sense.</p>"))])})


def form_data(client, url, streams=BODY):
    """The admin form as the browser would send it; StreamFields are drawn by JavaScript,
    so their data is added here."""
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    data.update(streams)
    return data


def lesson_form(client, parent, title="Validation as a skill"):
    data = form_data(client, reverse("wagtailadmin_pages:add",
                                     args=("content", "lessonpage", parent.pk)))
    data["title"] = title
    data["slug"] = "validation"
    data["summary"] = "Naming what a person feels."
    data["estimated_minutes"] = "20"
    return data


def test_locales_and_the_review_workflow_exist():
    assert set(Locale.objects.values_list("language_code", flat=True)) >= {"en", "fr", "ar"}
    home = home_page()
    workflow = home.get_workflow()
    assert workflow.name == "Lead trainer review"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Lead trainer"]
    assert Workflow.objects.filter(name="Lead trainer review").count() == 1


def test_trainer_creates_previews_and_submits_and_lead_trainer_approves(trainer, lead_trainer):
    module = ModulePageFactory()
    client = logged_in(trainer)

    # Save a draft.
    data = lesson_form(client, module)
    response = client.post(reverse("wagtailadmin_pages:add", args=("content", "lessonpage", module.pk)), data)
    assert response.status_code == 302
    lesson = LessonPage.objects.get(slug="validation")
    assert not lesson.live

    # Preview the draft: Wagtail posts the form, then shows the page.
    edit_url = reverse("wagtailadmin_pages:edit", args=(lesson.pk,))
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(lesson.pk,))
    data = form_data(client, edit_url)
    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url)
    assert preview.status_code == 200
    assert "Validation says: it makes sense." in preview.content.decode()

    # Publishing directly is not offered to a trainer, and asking anyway does not publish.
    data = form_data(client, edit_url)
    data["action-publish"] = "action-publish"
    client.post(edit_url, data)
    lesson.refresh_from_db()
    assert not lesson.live

    # Submit for moderation.
    data = form_data(client, edit_url)
    data["action-submit"] = "Submit to Lead trainer review"
    response = client.post(edit_url, data)
    assert response.status_code == 302
    lesson.refresh_from_db()
    assert lesson.workflow_in_progress
    assert not lesson.live

    # The lead trainer approves; the lesson goes live.
    reviewer = logged_in(lead_trainer)
    task_state = lesson.current_workflow_task_state
    response = reviewer.post(reverse("wagtailadmin_pages:workflow_action",
                                     args=(lesson.pk, "approve", task_state.pk)), {"comment": ""})
    assert response.status_code in (200, 302)
    lesson.refresh_from_db()
    assert lesson.live
    # An enrolled trainee now reads the published lesson.
    reader = TraineeFactory()
    enrollment_create(trainee=reader, course=lesson.get_parent().get_parent().specific)
    trainee_client = Client()
    trainee_client.force_login(reader)
    response = trainee_client.get(lesson.url)
    assert response.status_code == 200
    assert lesson.title in response.content.decode()


def test_trainer_cannot_approve_their_own_submission(trainer):
    module = ModulePageFactory()
    client = logged_in(trainer)
    client.post(reverse("wagtailadmin_pages:add", args=("content", "lessonpage", module.pk)),
                lesson_form(client, module).dict() | {"action-submit": "submit"})
    lesson = LessonPage.objects.get(slug="validation")
    task_state = lesson.current_workflow_task_state
    assert task_state is not None
    client.post(reverse("wagtailadmin_pages:workflow_action",
                        args=(lesson.pk, "approve", task_state.pk)), {"comment": ""})
    lesson.refresh_from_db()
    assert not lesson.live


@pytest.mark.parametrize("path", ["/cms/users/", "/cms/groups/", "/cms/settings/",
                                  "/cms/sites/", "/cms/locales/", "/cms/workflows/list/"])
def test_trainer_cannot_manage_users_or_settings(trainer, path):
    response = logged_in(trainer).get(path)
    assert response.status_code in (302, 403, 404)
    if response.status_code == 302:
        assert response["Location"] in ("/cms/", "/cms/login/") or "login" in response["Location"]


def test_trainer_can_open_the_admin_and_snippets(trainer):
    client = logged_in(trainer)
    assert client.get("/cms/").status_code == 200
    assert client.get(reverse("wagtailsnippets_content_competency:add")).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtaildocs:add")).status_code == 200


@pytest.mark.parametrize("role", ["trainee", "supervisor", "manager"])
def test_other_roles_cannot_enter_the_cms(role_users, role):
    response = logged_in(role_users[role]).get("/cms/pages/")
    assert response.status_code == 302
    assert "/cms/login/" in response["Location"]


def test_home_page_translation_inherits_permissions_and_workflow(trainer):
    home = home_page()
    arabic = Locale.objects.get(language_code="ar")
    translated = home.copy_for_translation(arabic)
    assert isinstance(translated, HomePage)
    assert translated.get_workflow().name == "Lead trainer review"
    perms = Page.objects.get(pk=translated.pk).permissions_for_user(trainer)
    assert perms.can_add_subpage() and not perms.can_publish()
