"""Locales, authoring permissions for trainers and the lead trainers' review workflow.

Trainers add and edit pages under the home page and submit them for moderation; lead
trainers may also publish, and approve submissions in the "Lead trainer review"
workflow. Neither group gets any permission over users, groups or settings.

Permissions for content models are created here when missing: on a fresh database
Django only creates them after every migration has run.
"""

from django.db import migrations

TRAINER = "Trainer"
LEAD_TRAINER = "Lead trainer"
WORKFLOW_NAME = "Lead trainer review"
TASK_NAME = "Lead trainer approval"

PAGE_PERMISSIONS = {
    TRAINER: ["add_page", "change_page"],
    LEAD_TRAINER: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]
# (app, model, actions) of model-wide permissions both authoring groups receive.
MODEL_PERMISSIONS = [
    ("content", "competency", ["add", "change", "view"]),
    ("content", "activitykind", ["add", "change", "view"]),
    ("content", "certificatetemplate", ["view"]),
]


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": f"Can {codename.replace('_', ' ')}"},
    )
    return permission


def grant_authoring(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for code in ("en", "fr", "ar"):
        Locale.objects.get_or_create(language_code=code)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in PAGE_PERMISSIONS}
    home = Page.objects.filter(depth=2, content_type__app_label="content",
                               content_type__model="homepage").order_by("path").first()
    root_collection = Collection.objects.filter(depth=1).first()

    for name, codenames in PAGE_PERMISSIONS.items():
        group = groups[name]
        if home is not None:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home,
                    permission=_permission(apps, "wagtailcore", "page", codename))
        if root_collection is not None:
            for app_label, model, actions in COLLECTION_PERMISSIONS:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection,
                        permission=_permission(apps, app_label, model, f"{action}_{model}"))
        for app_label, model, actions in MODEL_PERMISSIONS:
            group.permissions.add(*[_permission(apps, app_label, model, f"{action}_{model}")
                                    for action in actions])
        group.permissions.add(_permission(apps, "wagtail_localize", "translation",
                                          "submit_translation"))

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore",
                                                     model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type,
                                                active=True)
    task.groups.set([groups[LEAD_TRAINER]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task,
                                       defaults={"sort_order": 0})
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


def revoke_authoring(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    groups = Group.objects.filter(name__in=list(PAGE_PERMISSIONS))
    GroupPagePermission.objects.filter(group__in=groups).delete()
    GroupCollectionPermission.objects.filter(group__in=groups).delete()
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0004_block_descriptions"),
        ("lms", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(grant_authoring, revoke_authoring)]
