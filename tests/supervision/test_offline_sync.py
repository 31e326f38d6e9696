"""Issue 14: practice entries, supervision sessions and ratings written offline reach the
server through /offline/sync/ exactly once, with the same rules as the web forms."""

import datetime
import json
import threading
import time
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.models import OfflineWrite
from lms.offline_writes import MAX_BODY_BYTES, MAX_WRITES
from supervision.models import (
    AssessmentRater,
    CompetencyAssessment,
    CompetencyRating,
    ItemRating,
    PracticeEntry,
    SupervisionSession,
)
from supervision.services import practice_entry_review
from tests.factories import PracticeEntryFactory, TraineeFactory
from tests.offline import answers_by_id, sync, sync_body, write

from .assessment_world import add_tool, behaviours_of, competency_tool, items_of, start

pytestmark = pytest.mark.django_db


def entry_fields(enrollment, kind, **overrides):
    """What the practice entry form sends, as the outbox serialises it."""
    fields = {
        "enrollment": enrollment.pk, "date": timezone.localdate().isoformat(),
        "duration_minutes": "50", "activity_kind": str(kind.pk), "modality": "in_person",
        "setting": "camp", "people_served": "1", "language": "Arabic",
        "went_well": "The woman I met relaxed once I slowed down and reflected back.",
        "was_hard": "Her story of the crossing was hard to hear.",
        "do_differently": "Ask earlier about what support she already has.",
        "support_needed": "How to close a session that runs long.",
    }
    fields.update(overrides)
    return fields


@pytest.fixture
def signed_in(client, trainee):
    client.force_login(trainee)
    return client


# --- Practice entries ----------------------------------------------------------------


def test_an_entry_written_offline_is_created_once_and_resending_returns_the_same_result(
        signed_in, trainee, enrollment, kinds):
    create = write("entry.create", **entry_fields(enrollment, kinds[0]))
    first = answers_by_id(sync(signed_in, trainee, [create]))[create["id"]]
    entry = PracticeEntry.objects.get()
    assert first["status"] == "applied"
    assert first["result"] == {"entry": entry.pk, "state": "draft",
                               "url": reverse("supervision:entry_detail", args=[entry.pk])}
    assert first["message"] == "Practice entry saved as a draft."
    assert (entry.enrollment, entry.duration_minutes, entry.setting, str(entry.client_id)) == (
        enrollment, 50, "camp", create["id"])
    # The answer was lost on the way back: the device sends the same write again.
    again = answers_by_id(sync(signed_in, trainee, [create]))[create["id"]]
    assert again["status"] == "already_applied" and again["result"] == first["result"]
    assert PracticeEntry.objects.count() == 1 and OfflineWrite.objects.count() == 1


def test_create_then_edit_then_submit_by_the_devices_id_in_one_batch(
        signed_in, trainee, enrollment, kinds):
    create = write("entry.create", **entry_fields(enrollment, kinds[0]))
    fields = entry_fields(enrollment, kinds[1], entry=create["id"], duration_minutes="75")
    del fields["enrollment"]  # an edit names its entry, not the enrollment
    edit = write("entry.edit", **fields)
    submit = write("entry.submit", entries=[create["id"]])
    answers = answers_by_id(sync(signed_in, trainee, [create, edit, submit]))
    assert [answers[w["id"]]["status"] for w in (create, edit, submit)] == ["applied"] * 3
    entry = PracticeEntry.objects.get()
    assert (entry.activity_kind, entry.duration_minutes, entry.state) == (
        kinds[1], 75, PracticeEntry.State.SUBMITTED)
    assert answers[submit["id"]]["message"] == "1 entry submitted for review."
    assert entry.events.count() == 1


def test_save_and_submit_from_the_form_submits_the_new_entry(signed_in, trainee, enrollment,
                                                             kinds):
    create = write("entry.create", **entry_fields(enrollment, kinds[0], submit=True))
    answer = answers_by_id(sync(signed_in, trainee, [create]))[create["id"]]
    assert answer["result"]["state"] == "submitted"
    assert answer["message"] == "Practice entry saved and submitted for review."
    assert PracticeEntry.objects.get().state == PracticeEntry.State.SUBMITTED


def test_an_edit_of_an_entry_approved_meanwhile_is_refused_and_changes_nothing(
        signed_in, trainee, supervisor, enrollment, kinds):
    entry = PracticeEntryFactory(enrollment=enrollment, state="submitted",
                                 submitted_at=timezone.now(), went_well="Before.")
    practice_entry_review(entry=entry, supervisor=supervisor, decision="approve")
    edit = write("entry.edit", **entry_fields(enrollment, kinds[0], entry=entry.pk,
                                              went_well="Written in the camp, offline."))
    answer = answers_by_id(sync(signed_in, trainee, [edit]))[edit["id"]]
    assert answer["status"] == "refused"
    assert answer["errors"] == {"__all__": [
        "This entry is Approved and can no longer be changed."]}
    assert answer["message"] == "This entry is Approved and can no longer be changed."
    entry.refresh_from_db()
    assert entry.went_well == "Before." and not OfflineWrite.objects.exists()


def test_refused_fields_come_back_by_field_in_the_persons_language(signed_in, trainee,
                                                                   enrollment, kinds):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    bad = write("entry.create", **entry_fields(
        enrollment, kinds[0], date=tomorrow, duration_minutes="900",
        went_well="Her number is 079 123 4567, call her back."))
    answer = answers_by_id(sync(signed_in, trainee, [bad]))[bad["id"]]
    assert answer["status"] == "refused"
    assert answer["errors"]["date"] == ["The date cannot be in the future."]
    assert "Enter a duration between 1 and 720 minutes" in answer["errors"]["duration_minutes"][0]
    assert answer["errors"]["went_well"] == [
        "Remove the phone number: practice records must never hold anyone's contact details."]
    assert not PracticeEntry.objects.exists() and not OfflineWrite.objects.exists()
    arabic = answers_by_id(sync(signed_in, trainee, [bad], url="/ar/offline/sync/"))[bad["id"]]
    assert arabic["status"] == "refused"
    # Sent again, corrected, with the same id: applied (a refusal is not remembered).
    bad["fields"].update(date=timezone.localdate().isoformat(), duration_minutes="60",
                         went_well="She relaxed once I slowed down.")
    assert answers_by_id(sync(signed_in, trainee, [bad]))[bad["id"]]["status"] == "applied"


def test_one_refused_write_does_not_stop_the_others(signed_in, trainee, enrollment, kinds):
    good = write("entry.create", **entry_fields(enrollment, kinds[0]))
    bad = write("entry.create", **entry_fields(enrollment, kinds[0], duration_minutes="0"))
    later = write("entry.create", **entry_fields(enrollment, kinds[1]))
    answers = answers_by_id(sync(signed_in, trainee, [good, bad, later]))
    assert [answers[w["id"]]["status"] for w in (good, bad, later)] == [
        "applied", "refused", "applied"]
    assert PracticeEntry.objects.count() == 2


def test_another_persons_enrollment_and_entries_are_refused_as_not_found(
        signed_in, trainee, enrollment, other_enrollment, kinds):
    theirs = PracticeEntryFactory(enrollment=other_enrollment, went_well="Theirs.")
    writes = [write("entry.create", **entry_fields(other_enrollment, kinds[0])),
              write("entry.edit", **entry_fields(enrollment, kinds[0], entry=theirs.pk)),
              write("entry.submit", entries=[theirs.pk]),
              write("entry.edit", **entry_fields(enrollment, kinds[0],
                                                 entry=str(uuid.uuid4())))]
    answers = answers_by_id(sync(signed_in, trainee, writes))
    for w in writes:
        assert answers[w["id"]]["status"] == "refused"
        assert answers[w["id"]]["errors"] == {"__all__": [
            "This was not found, or is not yours to change."]}
    theirs.refresh_from_db()
    assert theirs.went_well == "Theirs." and theirs.state == "draft"
    assert PracticeEntry.objects.count() == 1


def test_a_write_is_applied_once_per_person_not_once_for_everyone(
        client, trainee, enrollment, other_enrollment, kinds):
    """The same id from two people is two writes: ids are only unique per person."""
    same = str(uuid.uuid4())
    client.force_login(trainee)
    mine = {"id": same, "kind": "entry.create", "fields": entry_fields(enrollment, kinds[0])}
    assert answers_by_id(sync(client, trainee, [mine]))[same]["status"] == "applied"
    other = other_enrollment.trainee
    client.force_login(other)
    theirs = {"id": str(uuid.uuid4()), "kind": "entry.create",
              "fields": entry_fields(other_enrollment, kinds[0])}
    assert answers_by_id(sync(client, other, [theirs]))[theirs["id"]]["status"] == "applied"
    assert OfflineWrite.objects.count() == 2


# --- The batch ------------------------------------------------------------------------


def test_writes_made_by_another_person_on_the_device_are_refused_whole(
        client, trainee, enrollment, kinds):
    other = TraineeFactory()
    client.force_login(trainee)
    response = client.post(reverse("lms:offline_sync"), sync_body(other, [
        write("entry.create", **entry_fields(enrollment, kinds[0]))]),
        content_type="application/json")
    assert response.status_code == 409
    assert "saved on this device by another person" in response.json()["error"]
    assert not PracticeEntry.objects.exists()


def test_a_batch_over_the_limit_or_too_large_is_refused_with_a_clear_error(
        signed_in, trainee, enrollment, kinds):
    writes = [write("entry.create", **entry_fields(enrollment, kinds[0]))
              for _ in range(MAX_WRITES + 1)]
    response = sync(signed_in, trainee, writes)
    assert response.status_code == 413
    assert response.json()["error"] == "Send at most 100 writes at once; this batch has 101."
    huge = write("entry.create", **entry_fields(enrollment, kinds[0],
                                                went_well="x" * MAX_BODY_BYTES))
    response = sync(signed_in, trainee, [huge])
    assert response.status_code == 413 and "Too much to send at once" in response.json()["error"]
    assert not PracticeEntry.objects.exists()


@pytest.mark.parametrize("body", [b"not json", b"[]", b'{"writes": {}}',
                                  b'{"writes": [{"id": "nope", "kind": "entry.create"}]}'])
def test_a_body_that_is_not_a_batch_is_a_clear_error(signed_in, trainee, body):
    if body.startswith(b'{"writes": ['):
        from lms.offline import offline_key

        body = body.replace(b'{"writes"', b'{"key": "%s", "writes"' % offline_key(trainee).encode())
    response = signed_in.post(reverse("lms:offline_sync"), body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["error"] in (
        "The request is not a batch of writes (JSON expected).",
        "Each write needs an id, a kind and its fields.")


def test_an_unknown_kind_is_refused_alone(signed_in, trainee, enrollment, kinds):
    odd = write("entry.delete_everything")
    good = write("entry.create", **entry_fields(enrollment, kinds[0]))
    answers = answers_by_id(sync(signed_in, trainee, [odd, good]))
    assert answers[odd["id"]]["status"] == "refused"
    assert answers[good["id"]]["status"] == "applied"


def test_signed_out_gets_401_and_a_get_is_not_allowed(client, trainee, enrollment, kinds):
    response = sync(client, trainee, [write("entry.create", **entry_fields(enrollment,
                                                                           kinds[0]))])
    assert response.status_code == 401 and "Sign in again" in response.json()["error"]
    client.force_login(trainee)
    assert client.get(reverse("lms:offline_sync")).status_code == 405
    assert not PracticeEntry.objects.exists()


def test_the_endpoint_is_csrf_protected(trainee, enrollment, kinds):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(trainee)
    create = write("entry.create", **entry_fields(enrollment, kinds[0]))
    assert sync(strict, trainee, [create]).status_code == 403
    page = strict.get(reverse("supervision:entry_create", args=[enrollment.pk]))
    token = page.context["csrf_token"]
    response = sync(strict, trainee, [create], HTTP_X_CSRFTOKEN=str(token))
    assert answers_by_id(response)[create["id"]]["status"] == "applied"


def test_a_day_of_twenty_entries_costs_at_most_30_kb_to_upload(trainee, enrollment, kinds):
    """Realistic entries: four reflection answers of a few lines each, in Arabic."""
    reflection = ("استمعت إليها دون مقاطعة وعكست مشاعرها، ثم سألتها عما يساعدها عادة. "
                  "بدت أهدأ في نهاية الجلسة.")
    writes = [write("entry.create", **entry_fields(
        enrollment, kinds[n % 2], went_well=reflection, was_hard=reflection[:60],
        do_differently=reflection[:50], support_needed=reflection[:40]))
        for n in range(20)]
    size = len(sync_body(trainee, writes))
    assert size <= 30 * 1024, size


# --- Queries --------------------------------------------------------------------------


@pytest.mark.parametrize("count, queries", [(5, 5 + 5 * 14), (50, 5 + 50 * 14)])
def test_queries_per_write_are_bounded(signed_in, trainee, enrollment, kinds,
                                       django_assert_num_queries, count, queries):
    writes = [write("entry.create", **entry_fields(enrollment, kinds[n % 2]))
              for n in range(count)]
    signed_in.get(reverse("supervision:logbook"))  # session and roles read once, before
    with django_assert_num_queries(queries):
        answers = answers_by_id(sync(signed_in, trainee, writes))
    assert {a["status"] for a in answers.values()} == {"applied"}
    assert PracticeEntry.objects.count() == count


# --- Supervisor writes -----------------------------------------------------------------


def test_a_supervisor_records_a_session_and_a_rating_offline(client, supervisor, enrollment):
    client.force_login(supervisor)
    competencies = [r.competency for r in enrollment.course.competency_requirements.order_by(
        "sort_order")]
    session = write("session.record", date=timezone.localdate().isoformat(),
                    duration_minutes="60", format="individual", enrollments=str(enrollment.pk),
                    topics="Closing a session with someone in acute distress.")
    rating = write("rating.record", enrollment=enrollment.pk, observation="role_play",
                   **{f"level_{competencies[0].pk}": "3",
                      f"notes_{competencies[0].pk}": "Reflected feelings well.",
                      f"harmful_{competencies[1].pk}": False})
    answers = answers_by_id(sync(client, supervisor, [session, rating]))
    assert answers[session["id"]]["status"] == "applied", answers
    assert answers[rating["id"]]["status"] == "applied", answers
    recorded = SupervisionSession.objects.get()
    assert list(recorded.enrollments.all()) == [enrollment] and recorded.duration_minutes == 60
    made = CompetencyRating.objects.get()
    assert (made.competency, made.level, made.supervisor, made.notes) == (
        competencies[0], 3, supervisor, "Reflected feelings well.")
    assert answers_by_id(sync(client, supervisor, [rating]))[rating["id"]]["status"] == \
        "already_applied"
    assert CompetencyRating.objects.count() == 1


def test_a_rating_with_contact_details_or_of_a_stranger_is_refused(
        client, supervisor, enrollment, other_enrollment):
    client.force_login(supervisor)
    competency = enrollment.course.competency_requirements.first().competency
    leaky = write("rating.record", enrollment=enrollment.pk, observation="role_play",
                  **{f"level_{competency.pk}": "2", f"notes_{competency.pk}": "mail a@b.org"})
    stranger = write("rating.record", enrollment=other_enrollment.pk,
                     observation="role_play", **{f"level_{competency.pk}": "2"})
    answers = answers_by_id(sync(client, supervisor, [leaky, stranger]))
    assert answers[leaky["id"]]["errors"] == {f"notes_{competency.pk}": [
        "Remove the e-mail address: practice records must never hold anyone's contact "
        "details."]}
    assert answers[stranger["id"]]["errors"] == {"__all__": [
        "This was not found, or is not yours to change."]}
    assert not CompetencyRating.objects.exists()


def test_supervisor_writes_are_refused_for_trainees(signed_in, trainee, enrollment):
    competency = enrollment.course.competency_requirements.first().competency
    writes = [write("rating.record", enrollment=enrollment.pk, observation="role_play",
                    **{f"level_{competency.pk}": "4"}),
              write("session.record", date=timezone.localdate().isoformat(),
                    duration_minutes="60", format="individual",
                    enrollments=[enrollment.pk], topics="Self-care.")]
    answers = answers_by_id(sync(signed_in, trainee, writes))
    for w in writes:
        assert answers[w["id"]]["errors"] == {"__all__": [
            "This cannot be saved offline with your account."]}
    assert not CompetencyRating.objects.exists() and not SupervisionSession.objects.exists()


# --- Two requests at once ----------------------------------------------------------------


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent writers need a server database")
# serialized_rollback: a browser journey's flush in the same worker may have run first.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_write_sent_twice_at_once_is_applied_once(trainee, enrollment, kinds,
                                                           monkeypatch):
    from supervision import offline

    real_save = offline.services.practice_entry_save

    def slow_save(**kwargs):
        # Hold the first transaction open so the second request really arrives meanwhile.
        entry = real_save(**kwargs)
        time.sleep(0.5)
        return entry

    monkeypatch.setattr(offline.services, "practice_entry_save", slow_save)
    create = write("entry.create", **entry_fields(enrollment, kinds[0]))
    body = sync_body(trainee, [create])
    statuses, errors = [], []

    def send():
        try:
            device = Client()
            device.force_login(trainee)
            response = device.post(reverse("lms:offline_sync"), body,
                                   content_type="application/json")
            statuses.append(response.json()["writes"][0]["status"])
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(statuses) == ["already_applied", "applied"]
    assert PracticeEntry.objects.count() == 1 and OfflineWrite.objects.count() == 1
    assert json.loads(body)["writes"][0]["id"] == str(PracticeEntry.objects.get().client_id)



def test_applied_writes_are_forgotten_after_half_a_year(signed_in, trainee, enrollment, kinds):
    from lms.tasks import purge_offline_writes

    old, recent = (write("entry.create", **entry_fields(enrollment, kinds[0]))
                   for _ in range(2))
    answers_by_id(sync(signed_in, trainee, [old, recent]))
    OfflineWrite.objects.filter(client_id=old["id"]).update(
        applied_at=timezone.now() - datetime.timedelta(days=181))
    assert purge_offline_writes.delay().get() == 1
    assert [str(w.client_id) for w in OfflineWrite.objects.all()] == [recent["id"]]
    assert PracticeEntry.objects.count() == 2


# --- Structured competency assessment, item by item ---------------------------------------


@pytest.fixture
def assessment(enrollment, supervisor, course):
    tool = competency_tool(scenarios=1)
    add_tool(course, tool, required_level=3)
    return start(enrollment, supervisor, tool)


def item_write(assessment, position, level, *, harmful=(), notes="", **overrides):
    """What the item's rating page sends, as the outbox serialises it."""
    competency = items_of(assessment.tool)[position]
    fields = {"assessment": assessment.pk, "item": competency.pk, "level": str(level),
              "notes": notes}
    ticked = [str(behaviours_of(competency)[i].pk) for i in harmful]
    if ticked:
        fields["harmful_behaviours"] = ticked if len(ticked) > 1 else ticked[0]
    fields.update(overrides)
    return write("assessment.item_rate", **fields)


def test_an_item_rated_offline_is_saved_once_through_the_pages_rules(client, supervisor,
                                                                     assessment):
    client.force_login(supervisor)
    items = items_of(assessment.tool)
    first = item_write(assessment, 0, 3, notes="Let her finish before reflecting back.")
    # A harmful behaviour ticked makes the item level 1, whatever level was chosen.
    second = item_write(assessment, 1, 4, harmful=[0])
    answers = answers_by_id(sync(client, supervisor, [first, second]))
    assert [answers[w["id"]]["status"] for w in (first, second)] == ["applied"] * 2, answers
    assert answers[first["id"]]["message"] == "Item 1 rated."
    assert answers[second["id"]]["message"] == (
        "Item 2 saved at level 1: a harmful behaviour was ticked, which makes the item "
        "level 1 whatever level was chosen.")
    assert answers[second["id"]]["result"]["url"] == reverse(
        "supervision:assessment_detail", args=[assessment.pk])
    rating = ItemRating.objects.get(competency=items[0])
    assert (rating.assessment, rating.rater, rating.level, rating.notes) == (
        assessment, supervisor, 3, "Let her finish before reflecting back.")
    harmful = ItemRating.objects.get(competency=items[1])
    assert harmful.level == 1
    assert list(harmful.harmful_behaviours.all()) == behaviours_of(items[1])
    # The answers were lost on the way back: the device sends both again.
    again = answers_by_id(sync(client, supervisor, [first, second]))
    assert {a["status"] for a in again.values()} == {"already_applied"}
    assert again[first["id"]]["result"] == answers[first["id"]]["result"]
    assert ItemRating.objects.count() == 2 and OfflineWrite.objects.count() == 2


def test_an_item_is_named_by_its_number_too_and_a_later_save_replaces_the_earlier(
        client, supervisor, assessment):
    client.force_login(supervisor)
    first = item_write(assessment, 0, 2)
    del first["fields"]["item"]
    first["fields"]["number"] = 1
    later = item_write(assessment, 0, 3)
    answers = answers_by_id(sync(client, supervisor, [first, later]))
    assert {a["status"] for a in answers.values()} == {"applied"}
    assert ItemRating.objects.get().level == 3


def test_item_ratings_the_page_would_refuse_are_refused_offline(
        client, supervisor, other_supervisor, co_rated, assessment, enrollment):
    items = items_of(assessment.tool)
    client.force_login(supervisor)
    too_high = item_write(assessment, 0, 5)
    missing = item_write(assessment, 0, "")
    # A harmful behaviour of another item, and an item of another tool.
    wrong_behaviour = item_write(assessment, 0, 3, harmful_behaviours=str(
        behaviours_of(items[1])[0].pk))
    other_item = item_write(assessment, 0, 3, item=items_of(co_rated.tool)[0].pk)
    leaky = item_write(assessment, 0, 3, notes="Her phone: 079 123 4567.")
    answers = answers_by_id(sync(client, supervisor, [too_high, missing, wrong_behaviour,
                                                      other_item, leaky]))
    assert {a["status"] for a in answers.values()} == {"refused"}
    assert answers[too_high["id"]]["errors"] == {"level": ["Choose a level from 1 to 4."]}
    assert answers[missing["id"]]["errors"] == {"level": [
        "Choose the level that matches what you observed."]}
    assert answers[wrong_behaviour["id"]]["errors"] == {"harmful_behaviours": [
        "Tick only harmful behaviours listed for this item."]}
    assert answers[other_item["id"]]["errors"] == {"__all__": [
        "This is not an item of the assessment's tool."]}
    assert list(answers[leaky["id"]]["errors"]) == ["notes"]
    # A supervisor who is not one of its raters: not found, as on the page.
    client.force_login(other_supervisor)
    stranger = item_write(assessment, 0, 3)
    answer = answers_by_id(sync(client, other_supervisor, [stranger]))[stranger["id"]]
    assert answer["errors"] == {"__all__": ["This was not found, or is not yours to change."]}
    assert not ItemRating.objects.exists() and not OfflineWrite.objects.exists()


def test_a_trainee_cannot_send_an_item_rating(signed_in, trainee, assessment):
    rating = item_write(assessment, 0, 4)
    answer = answers_by_id(sync(signed_in, trainee, [rating]))[rating["id"]]
    assert answer["errors"] == {"__all__": ["This cannot be saved offline with your account."]}
    assert not ItemRating.objects.exists()


def test_submit_my_ratings_offline_is_applied_once_and_locks_the_ratings(
        client, supervisor, assessment):
    client.force_login(supervisor)
    count = len(items_of(assessment.tool))
    early = write("assessment.ratings_submit", assessment=assessment.pk)
    answer = answers_by_id(sync(client, supervisor, [early]))[early["id"]]
    assert answer["status"] == "refused"
    assert answer["errors"] == {"__all__": [
        f"{count} items are not rated yet: rate every item before submitting."]}

    rated = [item_write(assessment, n, 3) for n in range(count)]
    submit = write("assessment.ratings_submit", assessment=assessment.pk)
    answers = answers_by_id(sync(client, supervisor, [*rated, submit]))
    assert {a["status"] for a in answers.values()} == {"applied"}, answers
    assert answers[submit["id"]]["message"] == (
        "Ratings submitted. You were the only rater, so they are the assessment's results.")
    assessment.refresh_from_db()
    assert assessment.state == CompetencyAssessment.State.FINAL
    submitted_at = AssessmentRater.objects.get(assessment=assessment).submitted_at
    assert submitted_at is not None
    # Sent again: the first answer, nothing submitted twice.
    again = answers_by_id(sync(client, supervisor, [submit]))[submit["id"]]
    assert again["status"] == "already_applied" and again["result"] == answers[
        submit["id"]]["result"]
    assert AssessmentRater.objects.get(assessment=assessment).submitted_at == submitted_at

    # A rating made offline before the submission, but sent after it: refused.
    late = item_write(assessment, 0, 1, notes="Changed my mind on the bus.")
    answer = answers_by_id(sync(client, supervisor, [late]))[late["id"]]
    assert answer["errors"] == {"__all__": [
        "You have already submitted your ratings for this assessment; they can no longer "
        "be changed."]}
    assert ItemRating.objects.filter(level=3).count() == count
    assert not ItemRating.objects.filter(notes__contains="bus").exists()


@pytest.fixture
def co_rated(other_enrollment, other_supervisor, course):
    """An assessment of another trainee, with another tool."""
    tool = competency_tool(name="Group facilitation tool", prefix="GF", scenarios=0)
    add_tool(course, tool)
    return start(other_enrollment, other_supervisor, tool)
