"""Competency tools, scenarios and assessments for the tests of structured assessment.

The demo's real tool content is written elsewhere; these build small, realistic tools
(helping-skills items with their harmful behaviours, role-play scenarios) in the default
language, the rows assessments always point at.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from content.models import (
    CompetencyTool,
    CompetencyToolItem,
    CourseCompetencyTool,
    HarmfulBehaviour,
    RolePlayScenario,
)
from supervision import services
from tests.factories import CompetencyFactory

HELPING_SKILLS = (
    ("Active listening", ("Interrupts the client to give advice",
                          "Looks at the phone while the client speaks")),
    ("Empathy", ("Minimises the client's feelings (\"it is not that bad\")",)),
    ("Confidentiality", ("Shares what the client said with family members",)),
    ("Safety and referral", ("Ignores a mention of wanting to die",
                             "Promises to keep a risk of harm secret")),
)


def competency_tool(*, name="Helping skills tool", items=HELPING_SKILLS, scenarios=2,
                    prefix="HS") -> CompetencyTool:
    tool = CompetencyTool.objects.create(name=name, description="Observed in a role-play.")
    for order, (item, behaviours) in enumerate(items):
        competency = CompetencyFactory(
            framework=name, code=f"{prefix}{order + 1}", name=item,
            level_1_descriptor=f"{item}: says or does something that could harm.",
            level_2_descriptor=f"{item}: does it partly, with prompting.",
            level_3_descriptor=f"{item}: does it well most of the time.",
            level_4_descriptor=f"{item}: does it well and adapts it to the person.")
        for position, behaviour in enumerate(behaviours):
            HarmfulBehaviour.objects.create(competency=competency, description=behaviour,
                                            sort_order=position)
        CompetencyToolItem.objects.create(tool=tool, competency=competency, sort_order=order)
    for number in range(scenarios):
        RolePlayScenario.objects.create(
            tool=tool, title=f"Scenario {number + 1}: a mother after the flood",
            background="Lost her house in the flood; sleeps badly; two children.",
            opening="I don't know why I came. Others have it worse.",
            helpful_response="Opens up about the nights when she cannot sleep.",
            unhelpful_response="Goes quiet and says she should leave.")
    return tool


def add_tool(course, tool, *, required_level=3, calibration_required=False):
    return CourseCompetencyTool.objects.create(course=course, tool=tool,
                                               required_level=required_level,
                                               calibration_required=calibration_required)


def items_of(tool):
    return [item.competency for item in tool.items.select_related("competency")
            .order_by("sort_order")]


def behaviours_of(competency):
    return list(HarmfulBehaviour.objects.filter(competency=competency).order_by("sort_order"))


def start(enrollment, supervisor, tool, *, kind="endline", co_raters=(), days_ago=1,
          observation_type="live_session", **kwargs):
    return services.competency_assessment_start(
        supervisor=supervisor, enrollment=enrollment, tool=tool, kind=kind,
        observation_type=observation_type, co_raters=co_raters,
        observed_on=timezone.localdate() - datetime.timedelta(days=days_ago), **kwargs)


def rate_all(assessment, rater, levels, *, harmful=None, submit=True):
    """Rate every item (levels in the tool's order); `harmful` maps an item's position to
    the positions of the behaviours ticked."""
    harmful = harmful or {}
    for position, (competency, level) in enumerate(zip(items_of(assessment.tool), levels,
                                                       strict=True)):
        ticked = [behaviours_of(competency)[i].pk for i in harmful.get(position, ())]
        services.item_rating_save(assessment=assessment, rater=rater,
                                  competency_id=competency.pk, level=level,
                                  harmful_behaviour_ids=ticked, notes="")
    if submit:
        return services.rater_ratings_submit(assessment=assessment, rater=rater)
    return assessment


def assess(enrollment, supervisor, tool, levels, *, kind="endline", harmful=None,
           days_ago=1):
    """A single-rater assessment rated and submitted: final at once."""
    assessment = start(enrollment, supervisor, tool, kind=kind, days_ago=days_ago)
    return rate_all(assessment, supervisor, levels, harmful=harmful)
