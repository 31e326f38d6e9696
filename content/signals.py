"""Keep a translated home page under the same authoring rules as the original, and
keep cached course plans in step with the content they are read from.

Page permissions and workflows are inherited down the tree, but each language's home
page is a separate tree under the root. When a translation of the home page appears
(through wagtail-localize or ``copy_for_translation``), it receives the original's
group permissions and workflow so trainers can author and lead trainers approve there too.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import GroupPagePermission, Locale, Page, Site, WorkflowPage
from wagtail.signals import page_published, page_unpublished, post_page_move


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


def _plan_models():
    from .models import (
        ActivityKind,
        Competency,
        CompetencyTool,
        CompetencyToolItem,
        CourseCompetency,
        CourseCompetencyTool,
        CoursePracticeRequirement,
        CoursePrerequisite,
        HarmfulBehaviour,
        RolePlayScenario,
    )

    # Everything a cached course plan is read from: pages (titles, order, live, paths),
    # a course's requirement rows and the snippets they name, and the site and locales
    # its URLs and translations depend on.
    return (Page, CourseCompetency, CoursePracticeRequirement, CoursePrerequisite,
            CourseCompetencyTool, ActivityKind, Competency, HarmfulBehaviour, CompetencyTool,
            CompetencyToolItem, RolePlayScenario, Site, Locale)


def content_written(sender, instance=None, **kwargs):
    """Any write to what a course plan is read from makes every cached plan stale.

    Coarse on purpose: content changes rarely (an editor publishing), plans are read on
    every page view, and one version for all is never wrong about which plan a write
    touched (a move changes the paths of a whole subtree).
    """
    from .selectors import plans_changed

    if instance is None or isinstance(instance, _plan_models()):
        plans_changed()


def connect():
    from .models import HomePage

    post_save.connect(copy_authoring_rules_to_home_translation, sender=HomePage,
                      dispatch_uid="content_home_translation_authoring_rules")
    # Any sender: page types are many, and a publish saves the specific page.
    post_save.connect(content_written, dispatch_uid="content_plan_saved")
    post_delete.connect(content_written, dispatch_uid="content_plan_deleted")
    for name, signal in (("published", page_published), ("unpublished", page_unpublished),
                         ("moved", post_page_move)):
        signal.connect(content_written, dispatch_uid=f"content_plan_{name}")
