"""The pages of structured competency assessment: who may open them, what they say to
bad input, and what a rater's phone costs per item (one page load, one save)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from supervision.models import (
    AssessmentRater,
    CompetencyAssessment,
    FollowUp,
    ItemRating,
    ItemResult,
)
from tests.factories import (
    CohortFactory,
    CoordinatorFactory,
    EnrollmentFactory,
    TraineeFactory,
)
from tests.once import with_token

from .assessment_world import (
    HELPING_SKILLS,
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
    tool = competency_tool(scenarios=2)
    add_tool(course, tool, required_level=3)
    return tool


@pytest.fixture
def assessment(enrollment, supervisor, tool):
    return start(enrollment, supervisor, tool, observation_type="role_play",
                 scenario=tool.scenarios.order_by("title").first())


def page(client, user, url, method="get", data=None, **kwargs):
    client.force_login(user)
    return getattr(client, method)(url, data or {}, **kwargs)


# --- Who may open what -----------------------------------------------------------------


def test_every_role_on_the_assessment_pages(client, enrollment, assessment, supervisor,
                                            other_supervisor, trainee, trainer, manager,
                                            tool):
    coordinator = CoordinatorFactory()
    done = assess(enrollment, supervisor, tool, [1, 3, 3, 3], harmful={0: [0]})
    follow_up = FollowUp.objects.get(assessment=done)
    supervisor_only = [
        reverse("supervision:assessment_start", args=[enrollment.pk]),
        reverse("supervision:assessment_detail", args=[assessment.pk]),
        reverse("supervision:assessment_rate", args=[assessment.pk, 1]),
        reverse("supervision:follow_up_edit", args=[follow_up.pk]),
    ]
    for url in supervisor_only:
        assert page(client, supervisor, url).status_code == 200, url
        for someone in (trainee, other_supervisor, trainer, manager, coordinator):
            assert page(client, someone, url).status_code == 404, (url, someone)
        client.logout()
        assert client.get(url).status_code == 302
    progress = reverse("supervision:competency_progress", args=[enrollment.pk])
    for reader in (trainee, supervisor, trainer):
        assert page(client, reader, progress).status_code == 200, reader
    for outsider in (other_supervisor, coordinator):
        assert page(client, outsider, progress).status_code == 404, outsider
    cohort_page = reverse("supervision:cohort_competencies", args=[enrollment.cohort_id])
    assert page(client, trainer, cohort_page).status_code == 200
    for outsider in (trainee, supervisor, other_supervisor, coordinator):
        assert page(client, outsider, cohort_page).status_code == 404, outsider


def test_starting_for_a_trainee_one_does_not_supervise_is_a_404(client, enrollment,
                                                               other_supervisor, tool):
    response = page(client, other_supervisor,
                    reverse("supervision:assessment_start", args=[enrollment.pk]), "post",
                    with_token({"tool": tool.pk, "kind": "endline",
                                "observation_type": "live_session",
                                "observed_on": timezone.localdate().isoformat()}))
    assert response.status_code == 404
    assert not CompetencyAssessment.objects.exists()


# --- Starting, with the scenario's script ------------------------------------------------


def test_start_with_a_random_scenario_shows_its_script(client, enrollment, supervisor,
                                                       co_supervisor, tool):
    url = reverse("supervision:assessment_start", args=[enrollment.pk])
    form = page(client, supervisor, url).content.decode()
    assert 'data-offline="assessment-start"' in form
    assert "Rania Khoury" in form and "Let Sanad pick one at random" in form
    response = page(client, supervisor, url, "post", with_token({
        "tool": tool.pk, "kind": "baseline", "observation_type": "role_play",
        "observed_on": timezone.localdate().isoformat(), "scenario": "random",
        "co_raters": [co_supervisor.pk]}), follow=True)
    assessment = CompetencyAssessment.objects.get()
    assert assessment.scenario.tool == tool and assessment.kind == "baseline"
    assert set(assessment.raters.values_list("rater_id", flat=True)) == {supervisor.pk,
                                                                         co_supervisor.pk}
    content = response.content.decode()
    assert "I don&#x27;t know why I came. Others have it worse." in content
    assert "Goes quiet and says she should leave." in content


def test_a_bad_start_says_why_and_saves_nothing(client, enrollment, supervisor, tool):
    response = page(client, supervisor,
                    reverse("supervision:assessment_start", args=[enrollment.pk]), "post",
                    with_token({"tool": tool.pk, "kind": "endline",
                                "observation_type": "role_play",
                                "observed_on": (timezone.localdate()
                                                + datetime.timedelta(days=3)).isoformat(),
                                "scenario": ""}))
    content = response.content.decode()
    assert response.status_code == 200
    assert "The date cannot be in the future." in content
    assert "A standardised role-play needs a scenario" in content
    assert not CompetencyAssessment.objects.exists()


# --- Rating item by item -----------------------------------------------------------------


def test_the_item_page_shows_descriptors_and_behaviours(client, supervisor, assessment, tool):
    content = page(client, supervisor, reverse("supervision:assessment_rate",
                                               args=[assessment.pk, 2])).content.decode()
    assert "Item 2 of 4" in content
    empathy = items_of(tool)[1]
    for level in range(1, 5):
        assert empathy.descriptor(level) in content
    assert "Minimises the client&#x27;s feelings" in content
    assert "Ticking any of these makes the item level 1." in content
    assert 'data-offline="item-rating"' in content
    assert reverse("supervision:assessment_rate", args=[assessment.pk, 1]) in content


def test_save_and_next_then_submit(client, supervisor, assessment, tool):
    items = items_of(tool)
    for number in range(1, len(items) + 1):
        response = page(client, supervisor,
                        reverse("supervision:assessment_rate", args=[assessment.pk, number]),
                        "post", {"level": 3, "notes": "Reflected feelings well."})
        expected = (reverse("supervision:assessment_rate", args=[assessment.pk, number + 1])
                    if number < len(items) else
                    reverse("supervision:assessment_detail", args=[assessment.pk]))
        assert response.status_code == 302 and response["Location"] == expected
    detail = page(client, supervisor, expected).content.decode()
    assert "Submit my ratings" in detail
    submit = reverse("supervision:assessment_submit", args=[assessment.pk])
    response = page(client, supervisor, submit, "post", with_token(), follow=True)
    assert "You were the only rater" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == "final" and ItemResult.objects.count() == 4
    # Rating again afterwards: refused with a clear message, nothing changed.
    response = page(client, supervisor,
                    reverse("supervision:assessment_rate", args=[assessment.pk, 1]), "post",
                    {"level": 1}, follow=True)
    assert "already submitted your ratings" in response.content.decode()
    assert set(ItemRating.objects.values_list("level", flat=True)) == {3}


def test_a_harmful_tick_saves_level_1_and_says_so(client, supervisor, assessment, tool):
    listening = items_of(tool)[0]
    response = page(client, supervisor,
                    reverse("supervision:assessment_rate", args=[assessment.pk, 1]), "post",
                    {"level": 4, "harmful_behaviours": [behaviours_of(listening)[0].pk]},
                    follow=True)
    assert "Item 1 saved at level 1" in response.content.decode()
    assert ItemRating.objects.get().level == 1


@pytest.mark.parametrize("data, message", [
    ({"level": 7}, "Choose a level from 1 to 4."),
    ({}, "Choose the level that matches what you observed."),
    ({"level": 1, "harmful_behaviours": ["other-item"]},
     "Tick only harmful behaviours listed for this item."),
    ({"level": 2, "notes": "Call her on +961 3 123 456"}, "phone"),
])
def test_bad_ratings_say_why_and_save_nothing(client, supervisor, assessment, tool, data,
                                              message):
    if data.get("harmful_behaviours") == ["other-item"]:
        data["harmful_behaviours"] = [behaviours_of(items_of(tool)[3])[0].pk]
    response = page(client, supervisor,
                    reverse("supervision:assessment_rate", args=[assessment.pk, 1]), "post",
                    data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ItemRating.objects.exists()


def test_submitting_twice_is_refused_with_a_message(client, supervisor, co_supervisor,
                                                    enrollment, tool):
    assessment = start(enrollment, supervisor, tool, co_raters=[co_supervisor])
    rate_all(assessment, supervisor, [3, 3, 3, 3], submit=False)
    submit = reverse("supervision:assessment_submit", args=[assessment.pk])
    first = page(client, supervisor, submit, "post", with_token(), follow=True)
    assert "The other raters have not submitted theirs yet." in first.content.decode()
    again = page(client, supervisor, submit, "post", with_token(), follow=True)
    assert "already submitted your ratings" in again.content.decode()
    assert AssessmentRater.objects.filter(submitted_at__isnull=False).count() == 1


def _rating_costs(client, supervisor, assessment):
    """Queries of a page load of item 2, its first save and a second one, every other
    item already rated."""
    items = items_of(assessment.tool)
    rate_all(assessment, supervisor, [3] * len(items), submit=False)
    ItemRating.objects.filter(assessment=assessment, competency=items[1]).delete()
    client.force_login(supervisor)
    url = reverse("supervision:assessment_rate", args=[assessment.pk, 2])
    client.get(url)  # the session's first request reads the roles cache
    with CaptureQueriesContext(connection) as load:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as save:
        assert client.post(url, {"level": 3, "notes": "Good."}).status_code == 302
    with CaptureQueriesContext(connection) as save_again:
        assert client.post(url, {"level": 2}).status_code == 302
    return len(load), len(save), len(save_again)


def test_one_page_load_and_one_save_per_item_cost_the_same_at_any_size(
        client, course, cohort, enrollment, supervisor):
    small_tool = competency_tool(name="Small tool", items=HELPING_SKILLS[:2], prefix="S")
    add_tool(course, small_tool)
    small = start(enrollment, supervisor, small_tool)
    small_costs = _rating_costs(client, supervisor, small)
    many = [(f"Skill {n}", (f"Harmful move {n}a", f"Harmful move {n}b")) for n in range(14)]
    big_tool = competency_tool(name="Big tool", items=many, prefix="B", scenarios=6)
    add_tool(course, big_tool)
    for _ in range(20):
        other = EnrollmentFactory(cohort=cohort, course=course)
        assess(other, supervisor, small_tool, [3, 3])
    big = start(enrollment, supervisor, big_tool)
    big_costs = _rating_costs(client, supervisor, big)
    assert small_costs == big_costs
    # Page: session, user, the supervised enrollment ids, the assessment, the items,
    # the item's behaviours, the rater's ratings (+ their behaviours), whether submitted.
    # Save: the same reads up to the behaviours, then in one transaction (and the
    # savepoints of update_or_create) the rater's row locked, the item checked, the
    # rating read and inserted or updated, and its behaviours set.
    assert small_costs == (10, 17, 15), small_costs


# --- Consensus -----------------------------------------------------------------------


@pytest.fixture
def in_consensus(enrollment, supervisor, co_supervisor, tool):
    assessment = start(enrollment, supervisor, tool, co_raters=[co_supervisor])
    rate_all(assessment, supervisor, [3, 2, 3, 3])
    rate_all(assessment, co_supervisor, [3, 3, 3, 3])
    return assessment


def test_consensus_page_defaults_to_the_common_level(client, supervisor, in_consensus, tool):
    url = reverse("supervision:assessment_consensus", args=[in_consensus.pk])
    content = page(client, supervisor, url).content.decode()
    listening, empathy = items_of(tool)[:2]
    assert f'name="level_{listening.pk}" value="3" class="level-choice"' in content
    assert 'checked' in content.split(f'name="level_{listening.pk}" value="3"')[1][:80]
    assert 'checked' not in content.split(f'name="level_{empathy.pk}" value="2"')[1][:80]
    assert "Rania Khoury" in content and "Karim Mansour" in content


def test_consensus_outside_the_range_without_a_note_is_refused(client, supervisor,
                                                               in_consensus, tool):
    items = items_of(tool)
    data = with_token({f"level_{c.pk}": 3 for c in items})
    data[f"level_{items[1].pk}"] = 4
    url = reverse("supervision:assessment_consensus", args=[in_consensus.pk])
    response = page(client, supervisor, url, "post", data)
    assert response.status_code == 200
    assert "outside the raters&#x27; levels (2 to 3): say why in a note." in \
        response.content.decode()
    in_consensus.refresh_from_db()
    assert in_consensus.state == "consensus" and not ItemResult.objects.exists()
    data = with_token({**data, f"note_{items[1].pk}": "Clearer on the recording."})
    response = page(client, supervisor, url, "post", data)
    assert response.status_code == 302
    in_consensus.refresh_from_db()
    assert in_consensus.state == "final"


# --- Follow-ups ----------------------------------------------------------------------


def test_follow_up_in_the_queue_and_its_plan(client, enrollment, supervisor, tool):
    assess(enrollment, supervisor, tool, [3, 3, 1, 3], harmful={2: [0]})
    follow_up = FollowUp.objects.get()
    queue = page(client, supervisor, reverse("supervision:queue")).content.decode()
    url = reverse("supervision:follow_up_edit", args=[follow_up.pk])
    assert "Follow-ups open" in queue and url in queue
    form = page(client, supervisor, url).content.decode()
    assert "Shares what the client said with family members" in form
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = page(client, supervisor, url, "post", {"plan": "", "due_on": yesterday})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Write the plan" in content
    follow_up.refresh_from_db()
    assert follow_up.plan == ""
    response = page(client, supervisor, url, "post", {"plan": "Practise confidentiality "
                                                              "in two role-plays.",
                                                      "due_on": yesterday})
    assert "The due date cannot be in the past." in response.content.decode()
    # What was typed is still there.
    assert "Practise confidentiality in two role-plays." in response.content.decode()
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = page(client, supervisor, url, "post", {"plan": "Two role-plays.", "due_on": due})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.plan == "Two role-plays." and follow_up.due_on.isoformat() == due


# --- Baseline → latest -----------------------------------------------------------------


def test_change_from_baseline_to_latest_on_a_worked_example(enrollment, supervisor, tool,
                                                           cohort, course):
    from supervision.selectors import competency_change

    # An earlier baseline counts, not a later one; ratings in progress do not count.
    assess(enrollment, supervisor, tool, [2, 1, 2, 3], kind="baseline", harmful={1: [0]},
           days_ago=30)
    assess(enrollment, supervisor, tool, [4, 4, 4, 4], kind="baseline", days_ago=25)
    assess(enrollment, supervisor, tool, [3, 2, 2, 3], kind="during", days_ago=15)
    assess(enrollment, supervisor, tool, [3, 3, 2, 4], kind="endline", days_ago=2)
    rate_all(start(enrollment, supervisor, tool, days_ago=1), supervisor, [1, 1, 1, 1],
             submit=False)
    no_baseline = EnrollmentFactory(cohort=cohort, course=course)
    assess(no_baseline, supervisor, tool, [2, 3, 3, 3], kind="endline")
    changes = competency_change([enrollment, no_baseline])
    [tool_change] = changes[enrollment.pk]
    assert [(i.baseline, i.latest, i.change) for i in tool_change.items] == [
        (2, 3, 1), (1, 3, 2), (2, 2, 0), (3, 4, 1)]
    assert tool_change.latest.kind == "endline"
    [work] = tool_change.to_work_on
    assert work.competency.name == "Confidentiality" and work.next_level == 3
    [other] = changes[no_baseline.pk]
    assert [(i.baseline, i.latest, i.change) for i in other.items] == [
        (None, 2, None), (None, 3, None), (None, 3, None), (None, 3, None)]


def test_the_trainee_sees_what_to_work_on_in_the_descriptors_words(
        client, enrollment, supervisor, trainee, tool):
    assess(enrollment, supervisor, tool, [2, 2, 3, 3], kind="baseline", days_ago=20)
    assess(enrollment, supervisor, tool, [3, 2, 3, 1], harmful={3: [0]}, days_ago=2)
    content = page(client, trainee, reverse("supervision:competency_progress",
                                            args=[enrollment.pk])).content.decode()
    assert "My competency assessments" in content
    assert "What to work on" in content
    assert "Empathy: does it well most of the time." in content  # level 2 → next, 3
    assert "Safety and referral: does it partly, with prompting." in content  # 1 → 2
    assert "Ignores a mention of wanting to die" in content
    assert "Your supervisor is following up with you" in content
    # Never a bare "harmful" label: what was seen is explained, in the tool's words.
    assert "harmful" not in content.lower()


def test_the_cohort_table_costs_the_same_for_any_cohort(client, course, trainer, supervisor,
                                                        tool, django_assert_num_queries):
    cohort = CohortFactory(course=course)
    cohort.trainers.add(trainer)
    cohort.supervisors.add(supervisor)
    url = reverse("supervision:cohort_competencies", args=[cohort.pk])
    client.force_login(trainer)
    counts = []
    for size in (2, 10):
        for _ in range(size):
            enrollment = EnrollmentFactory(cohort=cohort, course=course,
                                           trainee=TraineeFactory())
            assess(enrollment, supervisor, tool, [2, 2, 2, 2], kind="baseline", days_ago=9)
            assess(enrollment, supervisor, tool, [3, 3, 2, 4], days_ago=1)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counts.append(len(queries))
        assert response.content.decode().count("<bdi>2</bdi> → <bdi>3</bdi>") == \
            cohort.enrollments.count() * 2
    assert counts[0] == counts[1], counts


def test_descriptors_and_behaviours_in_english_are_marked_on_an_arabic_page(
        client, supervisor, assessment, tool):
    client.force_login(supervisor)
    content = client.get("/ar" + reverse("supervision:assessment_rate",
                                         args=[assessment.pk, 1])).content.decode()
    listening = items_of(tool)[0]
    assert (f'<span class="descriptor" lang="en" dir="auto">{listening.level_3_descriptor}'
            in content)
    assert '<span dir="auto" lang="en">Interrupts the client to give advice</span>' in content
