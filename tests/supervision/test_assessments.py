"""Structured competency assessment: starting one, rating item by item, agreeing the
levels, and the follow-ups harmful behaviours open and later assessments close."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.models import AuditEvent
from supervision import services
from supervision.models import (
    AssessmentRater,
    CompetencyAssessment,
    FollowUp,
    ItemRating,
    ItemResult,
)
from tests.factories import SupervisorFactory

from .assessment_world import (
    add_tool,
    assess,
    behaviours_of,
    competency_tool,
    items_of,
    rate_all,
    start,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tool(course):
    tool = competency_tool(scenarios=3)
    add_tool(course, tool, required_level=3)
    return tool


def audit(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- Starting ------------------------------------------------------------------------


def test_random_scenario_is_never_one_the_trainee_already_had(enrollment, supervisor, tool):
    scenarios = list(tool.scenarios.order_by("title"))
    for played in scenarios[:2]:
        start(enrollment, supervisor, tool, kind="during", observation_type="role_play",
              scenario=played)
    offered = []

    def choose(options):
        offered.append([s.pk for s in options])
        return options[0]

    picked = services.scenario_pick(trainee_id=enrollment.trainee_id, scenarios=scenarios,
                                    choose=choose)
    assert offered == [[scenarios[2].pk]]
    assert picked == scenarios[2]
    # Through the service too, many times: always the one not had yet.
    for _ in range(5):
        assessment = start(enrollment, supervisor, tool, observation_type="role_play",
                           random_scenario=True)
        assert assessment.scenario == scenarios[2]
        assessment.delete()


def test_once_every_scenario_was_had_any_may_come_back(enrollment, supervisor, tool):
    scenarios = list(tool.scenarios.all())
    for played in scenarios:
        start(enrollment, supervisor, tool, kind="during", observation_type="role_play",
              scenario=played)
    offered = []
    services.scenario_pick(trainee_id=enrollment.trainee_id, scenarios=scenarios,
                           choose=lambda options: offered.append(options) or options[0])
    assert sorted(s.pk for s in offered[0]) == sorted(s.pk for s in scenarios)


def test_start_records_raters_and_an_audit_row(enrollment, supervisor, co_supervisor, tool):
    assessment = start(enrollment, supervisor, tool, co_raters=[co_supervisor, supervisor])
    assert assessment.state == "rating"
    assert sorted(AssessmentRater.objects.filter(assessment=assessment)
                  .values_list("rater_id", flat=True)) == sorted([supervisor.pk,
                                                                  co_supervisor.pk])
    [event] = audit("competency_assessment.started")
    assert event.actor == supervisor and event.details["tool"] == tool.pk


def test_a_supervisor_who_does_not_supervise_the_trainee_cannot_start(
        enrollment, other_supervisor, tool):
    with pytest.raises(PermissionDenied):
        start(enrollment, other_supervisor, tool)
    assert not CompetencyAssessment.objects.exists()


@pytest.mark.parametrize("case, field", [
    ("outsider co-rater", "co_raters"),
    ("tool of another course", "tool"),
    ("future date", "observed_on"),
    ("role-play without scenarios", "scenario"),
    ("scenario of another tool", "scenario"),
])
def test_bad_starts_are_refused_with_nothing_saved(case, field, enrollment, supervisor,
                                                   other_supervisor, tool):
    kwargs = {}
    if case == "outsider co-rater":
        kwargs["co_raters"] = [other_supervisor]
    elif case == "tool of another course":
        kwargs["tool"] = competency_tool(name="Group facilitation tool", prefix="GF")
    elif case == "future date":
        kwargs["days_ago"] = -2
    elif case == "role-play without scenarios":
        bare = competency_tool(name="Recording tool", prefix="RT", scenarios=0)
        add_tool(enrollment.course, bare)
        kwargs.update(tool=bare, observation_type="role_play")
    else:
        other = competency_tool(name="Other tool", prefix="OT")
        kwargs.update(observation_type="role_play", scenario=other.scenarios.first())
    kwargs.setdefault("tool", tool)
    with pytest.raises(ValidationError) as error:
        start(enrollment, supervisor, **kwargs)
    assert field in error.value.message_dict
    assert not CompetencyAssessment.objects.exists()
    assert not AssessmentRater.objects.exists()


# --- Rating --------------------------------------------------------------------------


def test_a_harmful_behaviour_makes_the_item_level_1(enrollment, supervisor, tool):
    assessment = start(enrollment, supervisor, tool)
    listening = items_of(tool)[0]
    rating, forced = services.item_rating_save(
        assessment=assessment, rater=supervisor, competency_id=listening.pk, level=3,
        harmful_behaviour_ids=[behaviours_of(listening)[1].pk], notes="Checked the phone twice.")
    assert forced and rating.level == 1
    assert list(rating.harmful_behaviours.all()) == [behaviours_of(listening)[1]]


def test_saving_an_item_again_changes_it_until_submitted(enrollment, supervisor, tool):
    assessment = start(enrollment, supervisor, tool)
    listening = items_of(tool)[0]
    for level in (2, 3):
        services.item_rating_save(assessment=assessment, rater=supervisor,
                                  competency_id=listening.pk, level=level)
    assert list(ItemRating.objects.values_list("level", flat=True)) == [3]


@pytest.mark.parametrize("level", [0, 5, None])
def test_a_level_out_of_range_is_refused(enrollment, supervisor, tool, level):
    assessment = start(enrollment, supervisor, tool)
    with pytest.raises(ValidationError) as error:
        services.item_rating_save(assessment=assessment, rater=supervisor,
                                  competency_id=items_of(tool)[0].pk, level=level)
    assert error.value.message_dict == {"level": ["Choose a level from 1 to 4."]}
    assert not ItemRating.objects.exists()


def test_a_harmful_behaviour_of_another_item_is_refused(enrollment, supervisor, tool):
    assessment = start(enrollment, supervisor, tool)
    listening, empathy = items_of(tool)[:2]
    with pytest.raises(ValidationError) as error:
        services.item_rating_save(assessment=assessment, rater=supervisor,
                                  competency_id=listening.pk, level=1,
                                  harmful_behaviour_ids=[behaviours_of(empathy)[0].pk])
    assert "Tick only harmful behaviours listed for this item." in str(error.value)
    assert not ItemRating.objects.exists()


def test_submitting_needs_every_item_and_then_locks_the_ratings(
        enrollment, supervisor, co_supervisor, tool):
    assessment = start(enrollment, supervisor, tool, co_raters=[co_supervisor])
    listening = items_of(tool)[0]
    services.item_rating_save(assessment=assessment, rater=supervisor,
                              competency_id=listening.pk, level=3)
    with pytest.raises(ValidationError, match="3 items are not rated yet"):
        services.rater_ratings_submit(assessment=assessment, rater=supervisor)
    assert AssessmentRater.objects.get(rater=supervisor).submitted_at is None
    rate_all(assessment, supervisor, [3, 2, 3, 4])
    assessment.refresh_from_db()
    assert assessment.state == "rating"  # the co-rater has not submitted
    # A rater rating twice: refused, nothing changed.
    with pytest.raises(ValidationError, match="already submitted"):
        services.item_rating_save(assessment=assessment, rater=supervisor,
                                  competency_id=listening.pk, level=1)
    with pytest.raises(ValidationError, match="already submitted"):
        services.rater_ratings_submit(assessment=assessment, rater=supervisor)
    assert ItemRating.objects.get(rater=supervisor, competency=listening).level == 3
    assert len(audit("competency_assessment.ratings_submitted")) == 1


def test_one_rater_the_ratings_are_the_results(enrollment, supervisor, tool):
    assessment = assess(enrollment, supervisor, tool, [3, 4, 3, 2], kind="during")
    assert assessment.state == "final" and assessment.finalised_by == supervisor
    results = {r.competency_id: r.level for r in ItemResult.objects.filter(assessment=assessment)}
    assert results == {c.pk: level for c, level in zip(items_of(tool), [3, 4, 3, 2],
                                                        strict=True)}
    [event] = audit("competency_assessment.finalised")
    assert event.details["levels"] == {str(c.pk): level for c, level in
                                       zip(items_of(tool), [3, 4, 3, 2], strict=True)}


# --- Consensus -----------------------------------------------------------------------


@pytest.fixture
def in_consensus(enrollment, supervisor, co_supervisor, tool):
    assessment = start(enrollment, supervisor, tool, co_raters=[co_supervisor])
    rate_all(assessment, supervisor, [3, 2, 3, 3])
    rate_all(assessment, co_supervisor, [3, 3, 1, 3], harmful={2: [0]})
    assessment.refresh_from_db()
    return assessment


def agreed(tool, levels, *, harmful=None, notes=None):
    harmful, notes = harmful or {}, notes or {}
    return [services.AgreedItem(
        competency_id=c.pk, level=level, note=notes.get(i, ""),
        harmful_behaviour_ids=tuple(behaviours_of(c)[j].pk for j in harmful.get(i, ())))
        for i, (c, level) in enumerate(zip(items_of(tool), levels, strict=True))]


def test_several_raters_wait_for_consensus_with_common_defaults(in_consensus, tool):
    assert in_consensus.state == "consensus"
    from supervision.selectors import assessment_ratings

    ratings = assessment_ratings(in_consensus)
    items = items_of(tool)
    assert services.consensus_defaults(ratings[items[0].pk]) == (3, [])
    assert services.consensus_defaults(ratings[items[1].pk]) == (None, [])
    assert services.consensus_defaults(ratings[items[2].pk])[0] is None


def test_a_level_outside_the_raters_range_needs_a_note(in_consensus, supervisor, tool):
    with pytest.raises(ValidationError) as error:
        services.assessment_consensus_record(assessment=in_consensus, rater=supervisor,
                                             agreed=agreed(tool, [3, 4, 3, 3]))
    key = f"note_{items_of(tool)[1].pk}"
    assert error.value.message_dict[key] == [
        "The agreed level 4 is outside the raters' levels (2 to 3): say why in a note."]
    in_consensus.refresh_from_db()
    assert in_consensus.state == "consensus" and not ItemResult.objects.exists()
    services.assessment_consensus_record(
        assessment=in_consensus, rater=supervisor,
        agreed=agreed(tool, [3, 4, 3, 3], notes={1: "The recording showed more than we saw."}))
    in_consensus.refresh_from_db()
    assert in_consensus.state == "final"


def test_consensus_refuses_a_behaviour_of_another_item(in_consensus, supervisor, tool):
    items = items_of(tool)
    bad = agreed(tool, [3, 2, 1, 3])
    bad[0] = services.AgreedItem(competency_id=items[0].pk, level=1,
                                 harmful_behaviour_ids=(behaviours_of(items[3])[0].pk,))
    with pytest.raises(ValidationError) as error:
        services.assessment_consensus_record(assessment=in_consensus, rater=supervisor,
                                             agreed=bad)
    assert f"harmful_{items[0].pk}" in error.value.message_dict
    assert not ItemResult.objects.exists()


def test_agreed_behaviours_force_level_1_and_ratings_are_kept(
        in_consensus, co_supervisor, tool):
    services.assessment_consensus_record(
        assessment=in_consensus, rater=co_supervisor,
        agreed=agreed(tool, [3, 2, 3, 3], harmful={2: [0]}))
    items = items_of(tool)
    confidentiality = ItemResult.objects.get(assessment=in_consensus, competency=items[2])
    assert confidentiality.level == 1
    assert list(confidentiality.harmful_behaviours.all()) == [behaviours_of(items[2])[0]]
    assert ItemRating.objects.filter(assessment=in_consensus).count() == 8
    [event] = audit("competency_assessment.finalised")
    assert event.actor == co_supervisor


def test_only_a_rater_agrees(in_consensus, cohort, tool):
    bystander = SupervisorFactory()
    cohort.supervisors.add(bystander)
    with pytest.raises(PermissionDenied):
        services.assessment_consensus_record(assessment=in_consensus, rater=bystander,
                                             agreed=agreed(tool, [3, 2, 3, 3]))


# --- Follow-ups ----------------------------------------------------------------------


def test_harmful_at_endline_opens_a_follow_up_and_a_clean_follow_up_closes_it(
        enrollment, supervisor, tool):
    endline = assess(enrollment, supervisor, tool, [3, 3, 3, 2], harmful={3: [0, 1]},
                     days_ago=10)
    follow_up = FollowUp.objects.get()
    assert follow_up.assessment == endline and follow_up.state == "open"
    assert follow_up.supervisor == supervisor
    assert follow_up.observed == ("Safety and referral: Ignores a mention of wanting to die; "
                                  "Promises to keep a risk of harm secret")
    assert follow_up.due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert len(audit("follow_up.opened")) == 1
    # A later assessment that still shows harm keeps it open (and opens another).
    assess(enrollment, supervisor, tool, [3, 3, 3, 1], kind="follow_up", harmful={3: [0]},
           days_ago=5)
    assert FollowUp.objects.filter(state="open").count() == 2
    clean = assess(enrollment, supervisor, tool, [3, 3, 3, 3], kind="follow_up", days_ago=1)
    assert not FollowUp.objects.filter(state="open").exists()
    assert set(FollowUp.objects.values_list("closed_by_assessment", flat=True)) == {clean.pk}
    assert len(audit("follow_up.closed")) == 2


def test_harmful_at_baseline_or_during_opens_no_follow_up(enrollment, supervisor, tool):
    assess(enrollment, supervisor, tool, [1, 3, 3, 3], kind="baseline", harmful={0: [0]})
    assess(enrollment, supervisor, tool, [1, 3, 3, 3], kind="during", harmful={0: [0]})
    assert not FollowUp.objects.exists()


def test_the_plan_refuses_a_past_date_and_an_empty_plan(enrollment, supervisor, tool):
    assess(enrollment, supervisor, tool, [1, 3, 3, 3], harmful={0: [0]})
    follow_up = FollowUp.objects.get()
    due = follow_up.due_on
    with pytest.raises(ValidationError) as error:
        services.follow_up_plan_save(follow_up=follow_up, supervisor=supervisor, plan="  ",
                                     due_on=timezone.localdate() - datetime.timedelta(days=1))
    assert error.value.message_dict == {
        "plan": ["Write the plan: what you and the trainee will do before the next "
                 "observation."],
        "due_on": ["The due date cannot be in the past."]}
    follow_up.refresh_from_db()
    assert follow_up.plan == "" and follow_up.due_on == due
    new_due = timezone.localdate() + datetime.timedelta(days=14)
    services.follow_up_plan_save(follow_up=follow_up, supervisor=supervisor,
                                 plan="Two role-plays on listening without advising.",
                                 due_on=new_due)
    follow_up.refresh_from_db()
    assert follow_up.due_on == new_due and follow_up.plan.startswith("Two role-plays")
    [event] = audit("follow_up.plan_saved")
    assert event.details["new_due_on"] == new_due.isoformat()


def test_another_supervisor_cannot_write_the_plan(enrollment, supervisor, other_supervisor,
                                                  tool):
    assess(enrollment, supervisor, tool, [1, 3, 3, 3], harmful={0: [0]})
    with pytest.raises(PermissionDenied):
        services.follow_up_plan_save(follow_up=FollowUp.objects.get(),
                                     supervisor=other_supervisor, plan="Anything",
                                     due_on=timezone.localdate())


def test_the_trainees_data_download_holds_final_assessments_and_follow_ups(
        enrollment, trainee, supervisor, tool):
    from supervision.personal_data import export

    assess(enrollment, supervisor, tool, [3, 3, 1, 3], harmful={2: [0]})
    rate_all(start(enrollment, supervisor, tool), supervisor, [1, 1, 1, 1], submit=False)
    data = export(trainee).data
    [assessment] = data["competency_assessments"]
    assert assessment["results"][2] == {
        "competency": "Confidentiality", "level": 1, "note": "",
        "behaviours_noted": ["Shares what the client said with family members"]}
    [follow_up] = data["follow_ups"]
    assert follow_up["state"] == "open"
