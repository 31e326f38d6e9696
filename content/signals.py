"""Keep a translated home page under the same authoring rules as the original.

Page permissions and workflows are inherited down the tree, but each language's home
page is a separate tree under the root. When a translation of the home page appears
(through wagtail-localize or ``copy_for_translation``), it receives the original's
group permissions and workflow so trainers can author and lead trainers approve there too.
"""

from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, WorkflowPage


def copy_authoring_rules_to_home_translation(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    source = (sender.objects.filter(translation_key=instance.translation_key, depth=2)
              .exclude(pk=instance.pk).order_by("pk").first())
    if source is None:
        return
    for rule in GroupPagePermission.objects.filter(page=source):
        GroupPagePermission.objects.get_or_create(group_id=rule.group_id, page=instance,
                                                  permission_id=rule.permission_id)
    workflow_page = WorkflowPage.objects.filter(page=source).first()
    if workflow_page is not None:
        WorkflowPage.objects.get_or_create(page=instance,
                                           defaults={"workflow": workflow_page.workflow})


def connect():
    from .models import HomePage

    post_save.connect(copy_authoring_rules_to_home_translation, sender=HomePage,
                      dispatch_uid="content_home_translation_authoring_rules")
