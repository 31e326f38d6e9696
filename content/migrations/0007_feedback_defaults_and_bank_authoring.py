"""Existing assessments show feedback at the time that suits their kind, and trainers
author question banks as they author the other snippets.

- knowledge checks: after each attempt (they are for practice);
- pre-tests: after the post-test, so a pre-test never shows right answers the
  post-test could ask again;
- post-tests: once passed, so the feedback never hands over the answers of a retake.

The latest revision of each assessment is updated too: the editor opens a page from
its latest revision, and would otherwise offer the field's default and publish it.
"""

from django.db import migrations

DEFAULTS = {
    "knowledge_check": "after_each_attempt",
    "pre_test": "after_post_test",
    "post_test": "once_passed",
}
AUTHORING_GROUPS = ("Trainer", "Lead trainer")
BANK_PERMISSIONS = ("add", "change", "view")


def set_feedback_defaults(apps, schema_editor):
    AssessmentPage = apps.get_model("content", "AssessmentPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for kind, timing in DEFAULTS.items():
        AssessmentPage.objects.filter(kind=kind).update(feedback_timing=timing)
    content_type = ContentType.objects.filter(app_label="content",
                                              model="assessmentpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content or {}
        timing = DEFAULTS.get(content.get("kind"))
        if timing and content.get("feedback_timing") != timing:
            content["feedback_timing"] = timing
            revision.content = content
            revision.save(update_fields=["content"])


def grant_bank_authoring(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="content",
                                                        model="questionbank")
    permissions = [Permission.objects.get_or_create(
        content_type=content_type, codename=f"{action}_questionbank",
        defaults={"name": f"Can {action} question bank"})[0] for action in BANK_PERMISSIONS]
    for group in Group.objects.filter(name__in=AUTHORING_GROUPS):
        group.permissions.add(*permissions)


def revoke_bank_authoring(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="content",
                                            content_type__model="questionbank")
    for group in Group.objects.filter(name__in=AUTHORING_GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("content", "0006_question_banks_and_feedback_timing"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(set_feedback_defaults, migrations.RunPython.noop),
        migrations.RunPython(grant_bank_authoring, revoke_bank_authoring),
    ]
