"""Rater calibration: the agreement and reliability figures on a worked example, the
blind rule, the lead trainer's exercise and report, supervisors' ratings and bad input,
who opens what, and `calibrated_raters`."""

from fractions import Fraction

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.models import CompetencyTool, CompetencyToolItem, HarmfulBehaviour
from lms.models import AuditEvent
from lms.roles import Role
from supervision import calibration
from supervision.calibration import ItemLevel, reliability
from supervision.models import CalibrationExercise, CalibrationRating, CalibrationReference
from tests.factories import (
    CompetencyFactory,
    CoordinatorFactory,
    ManagerFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
)

# --- The worked example ---------------------------------------------------------------
#
# Four items (targets, rows) rated by three raters (columns):
#
#            rater A  rater B  rater C   row mean
#   item 1      4        4        4        4
#   item 2      2        3        3        8/3
#   item 3      3        3        4       10/3
#   item 4      1        2        3        2
#   column      2.5      3        3.5      grand mean 3
#
# SS rows    = k · Σ(row mean − 3)²    = 3 · (1 + 1/9 + 1/9 + 1)   = 20/3
# SS columns = n · Σ(column mean − 3)² = 4 · (1/4 + 0 + 1/4)       = 2
# SS total   = Σ(x − 3)²               = 10
# SS error   = 10 − 20/3 − 2           = 4/3
# MSR = (20/3)/3 = 20/9 ≈ 2.222   MSC = 2/2 = 1   MSE = (4/3)/6 = 2/9 ≈ 0.222
# ICC(2,1) = (MSR − MSE) / (MSR + (k−1)MSE + k(MSC − MSE)/n)
#          = 2 / (20/9 + 4/9 + 3 · (7/9) / 4) = 2 / (39/12) = 8/13 ≈ 0.615
# ICC(3,1) = (MSR − MSE) / (MSR + (k−1)MSE) = 2 / (24/9) = 3/4 = 0.750
#
# Against a reference of 4, 3, 3, 1 with a pass mark of 80% within one level:
#   A: exact on items 1, 3, 4 (75%), within one on all (100%) → passed
#   B: exact on items 1, 2, 3 (75%), within one on all (100%) → passed
#   C: exact on item 1 and ... item 2 (50%), item 4 two levels off → within one 75% → flagged
TABLE = [[4, 4, 4], [2, 3, 3], [3, 3, 4], [1, 2, 3]]
REFERENCE = [4, 3, 3, 1]


def test_icc_on_the_worked_example():
    figures = reliability(TABLE)
    assert figures.msr == pytest.approx(20 / 9)
    assert figures.msc == pytest.approx(1)
    assert figures.mse == pytest.approx(2 / 9)
    assert round(figures.icc_2_1, 3) == 0.615
    assert round(figures.icc_3_1, 3) == 0.750
    # The textbook formula, in exact fractions.
    n, k = 4, 3
    msr, msc, mse = Fraction(20, 9), Fraction(1), Fraction(2, 9)
    assert (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n) == Fraction(8, 13)
    assert figures.icc_2_1 == pytest.approx(8 / 13)


def test_icc_needs_two_raters_and_two_items_and_some_variation():
    assert reliability([[3, 4]]) is None
    assert reliability([[3], [4]]) is None
    assert reliability([]) is None
    flat = reliability([[3, 3], [3, 3]])
    assert flat.icc_2_1 is None and flat.icc_3_1 is None


# --- A world ----------------------------------------------------------------------------

@pytest.fixture
def lead(db):
    return TrainerFactory(full_name="Rania Khoury", roles=[Role.TRAINER, Role.LEAD_TRAINER])


@pytest.fixture
def tool(db):
    tool = CompetencyTool.objects.create(name="Helping skills observation")
    for order, name in enumerate(["Active listening", "Empathy", "Problem solving",
                                  "Assessing risk of harm"]):
        competency = CompetencyFactory(name=name, code=f"HS-{order + 1}")
        HarmfulBehaviour.objects.create(competency=competency, sort_order=0,
                                        description=f"Harmful move in {name.lower()}")
        CompetencyToolItem.objects.create(tool=tool, competency=competency, sort_order=order)
    return tool


def items_of(tool):
    return calibration.tool_items(tool.pk)


def levels(tool, values, behaviours=None):
    behaviours = behaviours or {}
    return [ItemLevel(competency_id=c.pk, level=level,
                      behaviour_ids=frozenset(behaviours.get(n, ())))
            for n, (c, level) in enumerate(zip(items_of(tool), values, strict=True))]


@pytest.fixture
def exercise(lead, tool):
    risk = items_of(tool)[3]
    exercise = calibration.calibration_exercise_create(
        author=lead, tool=tool, title="A father who cannot sleep",
        recording_url="https://media.example.org/reference.mp4", pass_threshold=80,
        references=levels(tool, REFERENCE,
                          {3: [risk.harmful_behaviours.get().pk]}))
    return calibration.calibration_exercise_publish(exercise=exercise, actor=lead)


@pytest.fixture
def raters(db):
    return [SupervisorFactory(full_name=name) for name in ("Amal A", "Bilal B", "Chadi C")]


def rate_all(exercise, tool, raters):
    for column, rater in enumerate(raters):
        calibration.calibration_rating_submit(
            exercise=exercise, rater=rater,
            ratings=levels(tool, [row[column] for row in TABLE]))


def login(client, user):
    client.force_login(user)
    return client


# --- The report and each rater's agreement ---------------------------------------------


@pytest.mark.django_db
def test_report_agreement_reliability_and_flags(exercise, tool, raters, lead):
    rate_all(exercise, tool, raters)
    exercise = calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    report = calibration.calibration_report(exercise)
    figures = {r.rater.full_name: (r.exact_percent, r.within_one_percent, r.passed)
               for r in report.raters}
    assert figures == {"Amal A": (75.0, 100.0, True), "Bilal B": (75.0, 100.0, True),
                       "Chadi C": (50.0, 75.0, False)}
    assert [r.rater for r in report.flagged] == [raters[2]]
    assert round(report.reliability.icc_2_1, 3) == 0.615
    assert round(report.reliability.icc_3_1, 3) == 0.750

    agreement = calibration.rater_agreement(exercise, raters[2])
    assert [(i.level, i.reference, i.exact, i.within_one) for i in agreement.items] == [
        (4, 4, True, True), (3, 3, True, True), (4, 3, False, True), (3, 1, False, False)]


@pytest.mark.django_db
def test_report_page_names_the_method_and_flags_raters(client, exercise, tool, raters, lead):
    rate_all(exercise, tool, raters)
    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    html = login(client, lead).get(
        reverse("supervision:calibration_detail", args=[exercise.pk])).content.decode()
    assert "ICC(2,1), two-way random effects, absolute agreement, single rater" in html
    assert "Shrout & Fleiss, 1979" in html
    assert "0.615" in html and "0.750" in html
    assert "1 rater is below the pass mark and flagged for refresher calibration." in html


@pytest.mark.django_db
def test_report_says_not_enough_raters(client, exercise, tool, raters, lead):
    calibration.calibration_rating_submit(exercise=exercise, rater=raters[0],
                                          ratings=levels(tool, [4, 3, 3, 1]))
    report = calibration.calibration_report(exercise)
    assert report.reliability is None
    html = login(client, lead).get(
        reverse("supervision:calibration_detail", args=[exercise.pk])).content.decode()
    assert "Not enough raters" in html


def _report_queries(exercise, tool, count):
    for n in range(count):
        rater = SupervisorFactory(full_name=f"Rater {n}")
        calibration.calibration_rating_submit(
            exercise=exercise, rater=rater, ratings=levels(tool, [(n + i) % 4 + 1
                                                                  for i in range(4)]))
    with CaptureQueriesContext(connection) as queries:
        report = calibration.calibration_report(exercise)
        assert len(report.raters) == count and report.reliability is not None
        for rater in report.raters:
            rater.exact_percent, rater.within_one_percent, rater.passed  # noqa: B018
    return len(queries)


@pytest.mark.django_db
def test_report_costs_the_same_queries_for_3_and_40_raters(exercise, tool, lead):
    small = _report_queries(exercise, tool, 3)
    CalibrationRating.objects.all().delete()
    large = _report_queries(exercise, tool, 40)
    assert small == large == 6


def _report_page_queries(client, exercise, tool, count, django_assert_num_queries=None):
    for n in range(count):
        rater = SupervisorFactory(full_name=f"Page rater {n}")
        calibration.calibration_rating_submit(
            exercise=exercise, rater=rater, ratings=levels(tool, [(n * i) % 4 + 1
                                                                  for i in range(4)]))
    url = reverse("supervision:calibration_detail", args=[exercise.pk])
    assert client.get(url).status_code == 200  # warms the caches a visit shares
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert html.count("Page rater") == count
    return len(queries)


@pytest.mark.django_db
def test_report_page_costs_the_same_queries_for_3_and_40_raters(client, exercise, tool, lead):
    login(client, lead)
    small = _report_page_queries(client, exercise, tool, 3)
    CalibrationRating.objects.all().delete()
    from lms.models import User

    User.objects.filter(full_name__startswith="Page rater").delete()
    large = _report_page_queries(client, exercise, tool, 40)
    assert small == large


# --- Blind rating -----------------------------------------------------------------------


@pytest.mark.django_db
def test_rating_page_hides_the_reference_until_revealed(client, exercise, tool, raters, lead):
    supervisor = raters[0]
    url = reverse("supervision:calibration_rate", args=[exercise.pk])
    html = login(client, supervisor).get(url).content.decode()
    # Every item with its descriptors and behaviours to tick, and nothing ticked or said
    # about the reference.
    assert "Does it well." in html and "Harmful move in assessing risk of harm" in html
    assert "checked" not in html
    assert "Reference" not in html and "agreement" not in html.lower().replace(
        "your agreement with the reference once", "")
    assert client.get(reverse("supervision:calibration_detail",
                              args=[exercise.pk])).status_code == 404

    calibration.calibration_rating_submit(exercise=exercise, rater=supervisor,
                                          ratings=levels(tool, [4, 2, 3, 1]))
    html = client.get(url).content.decode()
    assert "Your agreement with the reference" not in html

    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    html = client.get(url).content.decode()
    assert "Your agreement with the reference" in html
    assert "Exact agreement: 75.0% of the items. Within one level: 100.0%." in html
    assert "Passed" in html


@pytest.mark.django_db
def test_below_the_mark_recommends_a_refresher(client, exercise, tool, raters, lead):
    calibration.calibration_rating_submit(exercise=exercise, rater=raters[2],
                                          ratings=levels(tool, [4, 3, 4, 3]))
    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    html = login(client, raters[2]).get(
        reverse("supervision:calibration_rate", args=[exercise.pk])).content.decode()
    assert "Refresher calibration recommended" in html


def form_data(tool, values, behaviours=None):
    data = {}
    for n, (competency, level) in enumerate(zip(items_of(tool), values, strict=True)):
        data[f"level_{competency.pk}"] = str(level)
        if behaviours and n in behaviours:
            data[f"behaviours_{competency.pk}"] = [str(pk) for pk in behaviours[n]]
    return data


@pytest.mark.django_db
def test_supervisor_submits_once(client, exercise, tool, raters):
    url = reverse("supervision:calibration_rate", args=[exercise.pk])
    login(client, raters[0])
    response = client.post(url, form_data(tool, [4, 3, 3, 1]))
    assert response.status_code == 302
    assert CalibrationRating.objects.filter(rater=raters[0]).count() == 4
    response = client.post(url, form_data(tool, [1, 1, 1, 1]), follow=True)
    assert "You have already rated this exercise" in response.content.decode()
    with pytest.raises(ValidationError, match="already rated"):
        calibration.calibration_rating_submit(exercise=exercise, rater=raters[0],
                                              ratings=levels(tool, [1, 1, 1, 1]))
    assert sorted(CalibrationRating.objects.filter(rater=raters[0])
                  .values_list("level", flat=True)) == [1, 3, 3, 4]


@pytest.mark.django_db
def test_rating_after_the_reveal_is_refused_and_nothing_saved(client, exercise, tool, raters,
                                                              lead):
    url = reverse("supervision:calibration_rate", args=[exercise.pk])
    login(client, raters[0])
    client.get(url)  # the page was opened while it was open
    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    response = client.post(url, form_data(tool, [4, 3, 3, 1]))
    assert response.status_code == 200
    assert "The reference has already been revealed" in response.content.decode()
    assert not CalibrationRating.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("values,behaviours,message", [
    ([5, 3, 3, 1], None, "Choose a level from 1 to 4."),
    ([4, 3, 3], None, "Choose a level for this item."),
    ([4, 3, 3, 3], {3: "own"}, "this item&#x27;s level must be 1"),
    ([4, 3, 3, 1], {3: "other"}, "Tick only this item&#x27;s harmful behaviours."),
])
def test_bad_ratings_are_refused_with_a_message(client, exercise, tool, raters, values,
                                                behaviours, message):
    items = items_of(tool)
    data = {}
    for competency, level in zip(items, values, strict=False):
        data[f"level_{competency.pk}"] = str(level)
    for n, whose in (behaviours or {}).items():
        source = items[n] if whose == "own" else items[0]
        data[f"behaviours_{items[n].pk}"] = [str(source.harmful_behaviours.get().pk)]
    response = login(client, raters[0]).post(
        reverse("supervision:calibration_rate", args=[exercise.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalibrationRating.objects.exists()


@pytest.mark.django_db
def test_the_service_refuses_what_the_form_would(exercise, tool, raters):
    items = items_of(tool)
    other_behaviour = items[0].harmful_behaviours.get().pk
    for ratings, message in [
        (levels(tool, [4, 3, 3, 1])[:3], "has no level"),
        ([*levels(tool, [4, 3, 3, 1])[:3], ItemLevel(items[3].pk, 9)], "between 1 and 4"),
        ([*levels(tool, [4, 3, 3, 1])[:3],
          ItemLevel(items[3].pk, 1, frozenset({other_behaviour}))], "belongs to another item"),
    ]:
        with pytest.raises(ValidationError, match=message):
            calibration.calibration_rating_submit(exercise=exercise, rater=raters[0],
                                                  ratings=ratings)
    assert not CalibrationRating.objects.exists()


@pytest.mark.django_db
def test_drafts_are_invisible_to_supervisors(client, lead, tool, raters):
    draft = calibration.calibration_exercise_create(
        author=lead, tool=tool, title="Draft", recording_url="https://media.example.org/x.mp4",
        references=levels(tool, REFERENCE))
    login(client, raters[0])
    assert client.get(reverse("supervision:calibration_rate",
                              args=[draft.pk])).status_code == 404
    assert client.get(reverse("supervision:calibration_recording",
                              args=[draft.pk])).status_code == 404
    assert "Draft" not in client.get(reverse("supervision:calibration_list")).content.decode()


# --- The lead trainer's exercise ----------------------------------------------------------


def exercise_post(tool, **extra):
    data = {"title": "Reference role-play", "instructions": "Watch once.",
            "recording_url": "", "pass_threshold": "80"}
    data.update({f"reference-{k}": v for k, v in form_data(tool, REFERENCE).items()})
    data.update(extra)
    return data


@pytest.mark.django_db
def test_lead_trainer_creates_publishes_and_reveals_with_audit(client, lead, tool):
    login(client, lead)
    url = reverse("supervision:calibration_create", args=[tool.pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("role-play.mp4", b"\x00\x00\x00\x18ftypmp42",
                                content_type="video/mp4")
    response = client.post(url, exercise_post(tool, recording=upload))
    assert response.status_code == 302
    exercise = CalibrationExercise.objects.get()
    assert exercise.state == "draft" and exercise.recording.name.endswith(".mp4")
    assert list(CalibrationReference.objects.order_by("pk").values_list("level", flat=True)) == (
        REFERENCE)

    client.post(reverse("supervision:calibration_publish", args=[exercise.pk]))
    client.post(reverse("supervision:calibration_reveal", args=[exercise.pk]))
    exercise.refresh_from_db()
    assert exercise.state == "revealed" and exercise.published_at and exercise.revealed_at
    assert list(AuditEvent.objects.filter(target_id=str(exercise.pk)).order_by("pk")
                .values_list("action", "actor_id")) == [("calibration.publish", lead.pk),
                                                        ("calibration.reveal", lead.pk)]
    # The recording is served privately, inline, to the lead trainer.
    response = client.get(reverse("supervision:calibration_recording", args=[exercise.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "video/mp4"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("extra,message", [
    ({}, "Upload the recording or give a link to it."),
    ({"recording": "text"}, "Upload a video or audio file"),
    ({"recording": "large"}, "The recording is too large"),
    ({"pass_threshold": "120"}, "less than or equal to 100"),
    ({"reference-level_X": "2", "reference-behaviours_X": "own"}, "level must be 1"),
    ({"reference-behaviours_X": "other"}, "Tick only this item"),
])
def test_bad_exercises_are_refused_and_nothing_saved(client, lead, tool, settings, extra,
                                                     message):
    settings.SANAD_CALIBRATION_MAX_BYTES = 10
    items = items_of(tool)
    data = exercise_post(tool)
    if "recording" not in extra:
        data["recording_url"] = "https://media.example.org/reference.mp4"
    for key, value in extra.items():
        if key == "recording" and value == "text":
            data["recording"] = SimpleUploadedFile("notes.txt", b"hello", content_type="text/plain")
            continue
        if key == "recording" and value == "large":
            data["recording"] = SimpleUploadedFile("big.mp4", b"x" * 11, content_type="video/mp4")
            continue
        key = key.replace("_X", f"_{items[1].pk}")
        if value in ("own", "other"):
            value = str((items[1] if value == "own" else items[0]).harmful_behaviours.get().pk)
        data[key] = value
    if extra == {}:
        data["recording_url"] = ""
    response = login(client, lead).post(
        reverse("supervision:calibration_create", args=[tool.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not CalibrationExercise.objects.exists()
    assert not CalibrationReference.objects.exists()


@pytest.mark.django_db
def test_only_lead_trainers_create_exercises(tool, raters):
    with pytest.raises(PermissionDenied):
        calibration.calibration_exercise_create(
            author=raters[0], tool=tool, title="Mine", recording_url="https://x.example/a",
            references=levels(tool, REFERENCE))


# --- Who opens what -----------------------------------------------------------------------


@pytest.fixture
def people(db, lead, raters):
    return {"lead_trainer": lead, "supervisor": raters[0],
            "trainer": TrainerFactory(), "trainee": TraineeFactory(),
            "manager": ManagerFactory(), "coordinator": CoordinatorFactory(),
            "anonymous": None}


def _urls(exercise, tool):
    return {
        "calibration_list": reverse("supervision:calibration_list"),
        "calibration_manage": reverse("supervision:calibration_manage"),
        "calibration_create": reverse("supervision:calibration_create", args=[tool.pk]),
        "calibration_detail": reverse("supervision:calibration_detail", args=[exercise.pk]),
        "calibration_rate": reverse("supervision:calibration_rate", args=[exercise.pk]),
        "calibration_recording": reverse("supervision:calibration_recording",
                                         args=[exercise.pk]),
    }


ALLOWED = {
    "calibration_list": {"supervisor"},
    "calibration_manage": {"lead_trainer"},
    "calibration_create": {"lead_trainer"},
    "calibration_detail": {"lead_trainer"},
    "calibration_rate": {"supervisor"},
    "calibration_recording": {"lead_trainer", "supervisor"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["lead_trainer", "trainer", "supervisor", "trainee",
                                  "manager", "coordinator", "anonymous"])
def test_every_calibration_page_for_every_role(client, people, lead, tool, role):
    from django.core.files.base import ContentFile

    exercise = calibration.calibration_exercise_create(
        author=lead, tool=tool, title="With a file",
        recording=ContentFile(b"ID3audio", name="reference.mp3"),
        references=levels(tool, REFERENCE))
    calibration.calibration_exercise_publish(exercise=exercise, actor=lead)
    user = people[role]
    if user is not None:
        client.force_login(user)
    for name, url in _urls(exercise, tool).items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "login" in response["Location"], name
        elif role in ALLOWED[name]:
            assert response.status_code == 200, (name, role)
        else:
            assert response.status_code == 404, (name, role)
    for name in ("calibration_publish", "calibration_reveal"):
        response = client.post(reverse(f"supervision:{name}", args=[exercise.pk]))
        expected = 302 if role in ("lead_trainer", "anonymous") else 404
        assert response.status_code == expected, (name, role)
    exercise.refresh_from_db()
    assert exercise.state == ("revealed" if role == "lead_trainer" else "open")


# --- calibrated_raters ----------------------------------------------------------------------


@pytest.mark.django_db
def test_calibrated_raters_after_the_reveal(exercise, tool, raters, lead):
    rate_all(exercise, tool, raters)
    ids = [r.pk for r in raters]
    assert calibration.calibrated_raters(tool.pk, ids) == set()  # not revealed yet
    calibration.calibration_exercise_reveal(exercise=exercise, actor=lead)
    with CaptureQueriesContext(connection) as queries:
        assert calibration.calibrated_raters(tool.pk, ids) == {raters[0].pk, raters[1].pk}
    assert len(queries) == 2
    assert calibration.calibrated_raters(tool.pk, []) == set()
    other_tool = CompetencyTool.objects.create(name="Another tool")
    assert calibration.calibrated_raters(other_tool.pk, ids) == set()
    # Passing on any revealed exercise of the tool is enough.
    assert calibration.calibrated_raters(tool.pk, [str(raters[0].pk)]) == {raters[0].pk}
