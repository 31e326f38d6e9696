import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import AuditEvent
from supervision import services
from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession
from tests.factories import SupervisorFactory, TraineeFactory, TrainerFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(make_entry, trainee):
    entry = make_entry()
    services.practice_entry_submit(trainee=trainee, entry=entry)
    return entry


@pytest.fixture
def manager_of_cohort(manager, cohort):
    manager.organisation = cohort.organisation
    manager.save()
    return manager


def status_for(client, user, url, method="get", data=None):
    client.force_login(user)
    response = getattr(client, method)(url, data or {})
    client.logout()
    return response.status_code


def test_anonymous_is_sent_to_log_in(client, enrollment, submitted):
    for url in [reverse("supervision:logbook"), reverse("supervision:queue"),
                reverse("supervision:entry_detail", args=[submitted.pk]),
                reverse("supervision:rating", args=[enrollment.pk])]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_logbook_access(client, enrollment, submitted, trainee, supervisor, trainer,
                        manager_of_cohort, other_supervisor):
    url = reverse("supervision:logbook_enrollment", args=[enrollment.pk])
    assert status_for(client, trainee, url) == 200
    assert status_for(client, supervisor, url) == 200
    assert status_for(client, trainer, url) == 200
    assert status_for(client, manager_of_cohort, url) == 200
    assert status_for(client, other_supervisor, url) == 404
    assert status_for(client, TraineeFactory(), url) == 404
    assert status_for(client, TrainerFactory(), url) == 404
    missing = reverse("supervision:logbook_enrollment", args=[999999])
    assert status_for(client, trainee, missing) == 404


def test_entry_access(client, submitted, trainee, supervisor, trainer, other_supervisor):
    detail = reverse("supervision:entry_detail", args=[submitted.pk])
    review = reverse("supervision:entry_review", args=[submitted.pk])
    edit = reverse("supervision:entry_edit", args=[submitted.pk])
    assert status_for(client, trainee, detail) == 200
    assert status_for(client, supervisor, detail) == 200
    assert status_for(client, trainer, detail) == 200
    assert status_for(client, other_supervisor, detail) == 404
    assert status_for(client, TraineeFactory(), detail) == 404
    assert status_for(client, supervisor, review) == 200
    assert status_for(client, other_supervisor, review) == 404
    assert status_for(client, trainee, review) == 404
    assert status_for(client, trainer, review) == 404
    assert status_for(client, supervisor, edit) == 404
    assert status_for(client, other_supervisor, review, "post",
                      {"decision": "approve"}) == 404
    assert PracticeEntry.objects.get(pk=submitted.pk).state == "submitted"


def test_trainer_reads_but_cannot_approve(client, submitted, trainer):
    client.force_login(trainer)
    assert client.post(reverse("supervision:queue_approve"),
                       {"entries": [submitted.pk]}).status_code == 404
    assert PracticeEntry.objects.get(pk=submitted.pk).state == "submitted"


def test_queue_shows_only_own_trainees(client, submitted, supervisor, other_supervisor,
                                       other_enrollment):
    from tests.factories import PracticeEntryFactory
    foreign = PracticeEntryFactory(enrollment=other_enrollment, state="submitted",
                                   submitted_at=timezone.now())
    client.force_login(supervisor)
    response = client.get(reverse("supervision:queue"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [submitted]
    assert foreign not in response.context["page"].object_list
    assert response.context["supervision_queue_count"] == 1
    assert 'class="badge"' in response.text
    assert status_for(client, TraineeFactory(), reverse("supervision:queue")) == 404


def test_queue_filters(client, submitted, supervisor, cohort, trainee):
    client.force_login(supervisor)
    url = reverse("supervision:queue")
    assert len(client.get(url, {"cohort": cohort.pk}).context["page"].object_list) == 1
    assert len(client.get(url, {"cohort": cohort.pk + 1000}).context["page"].object_list) == 0
    assert len(client.get(url, {"trainee": trainee.pk}).context["page"].object_list) == 1
    assert len(client.get(url, {"trainee": "junk"}).context["page"].object_list) == 1


def test_bulk_approve_from_queue(client, make_entry, trainee, supervisor, other_enrollment):
    from tests.factories import PracticeEntryFactory
    entries = [make_entry() for _ in range(3)]
    services.practice_entries_submit(trainee=trainee, entries=entries)
    foreign = PracticeEntryFactory(enrollment=other_enrollment, state="submitted",
                                   submitted_at=timezone.now())
    client.force_login(supervisor)
    response = client.post(reverse("supervision:queue_approve"),
                           {"entries": [entries[0].pk, entries[1].pk, foreign.pk]})
    assert response.status_code == 302
    states = dict(PracticeEntry.objects.values_list("pk", "state"))
    assert states[entries[0].pk] == states[entries[1].pk] == "approved"
    assert states[entries[2].pk] == "submitted"
    assert states[foreign.pk] == "submitted"
    client.post(reverse("supervision:queue_approve"), {"approve_one": entries[2].pk})
    assert PracticeEntry.objects.get(pk=entries[2].pk).state == "approved"


def test_return_with_comment_from_review_page(client, submitted, supervisor):
    client.force_login(supervisor)
    url = reverse("supervision:entry_review", args=[submitted.pk])
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 200
    assert "comment is required" in response.text
    assert PracticeEntry.objects.get(pk=submitted.pk).state == "submitted"
    response = client.post(url, {"decision": "return", "comment": "Which setting was it?"})
    assert response.status_code == 302
    entry = PracticeEntry.objects.get(pk=submitted.pk)
    assert entry.state == "returned"
    client.force_login(entry.enrollment.trainee)
    detail = client.get(reverse("supervision:entry_detail", args=[entry.pk]))
    assert "Which setting was it?" in detail.text


def test_approving_an_approved_entry_from_review_page(client, submitted, supervisor):
    services.practice_entry_review(entry=submitted, supervisor=supervisor, decision="approve")
    client.force_login(supervisor)
    response = client.post(reverse("supervision:entry_review", args=[submitted.pk]),
                           {"decision": "approve"})
    assert response.status_code == 200
    assert "there is nothing to review" in response.text
    assert AuditEvent.objects.filter(action="practice_entry.approved").count() == 1


def entry_data(kind, **overrides):
    data = {"date": timezone.localdate().isoformat(), "duration_minutes": "50",
            "activity_kind": kind.pk, "modality": "in_person", "setting": "camp",
            "people_served": "1", "language": "Arabic", "went_well": "Built rapport.",
            "was_hard": "", "do_differently": "", "support_needed": ""}
    data.update(overrides)
    return data


def test_trainee_logs_and_submits_an_entry(client, enrollment, trainee, supervisor, kinds,
                                           mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(trainee)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    page = client.get(url)
    assert "No client names or contact details" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, with_token({**entry_data(kinds[0]), "submit": "1"}))
    assert response.status_code == 302
    entry = PracticeEntry.objects.get()
    assert entry.state == "submitted" and entry.duration_minutes == 50
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [supervisor.email]


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"duration_minutes": "-30"}, "duration_minutes", "between 1 and 720"),
    ({"duration_minutes": "900"}, "duration_minutes", "between 1 and 720"),
    ({"duration_minutes": "abc"}, "duration_minutes", "whole number"),
    ({"date": "2999-01-01"}, "date", "future"),
    ({"date": "2000-01-01"}, "date", "before you enrolled"),
    ({"went_well": "Her number is 0791234567"}, "went_well", "phone number"),
    ({"support_needed": "Mail me at a.b@example.org"}, "support_needed", "e-mail address"),
    ({"language": "Arabic, +961 3 123 456"}, "language", "phone number"),
    ({"went_well": "Her number is 079–123–4567"}, "went_well", "phone number"),
    ({"was_hard": "رقمها ٠٧٩\u200b١٢٣\u200b٤٥٦٧"}, "was_hard", "phone number"),
    ({"support_needed": "layla at gmail dot com"}, "support_needed", "e-mail address"),
    ({"do_differently": "write to layla＠gmail.com"}, "do_differently", "e-mail address"),
    ({"language": "\u200b\u200e"}, "language", "This field is required."),
    ({"language": "ع" * 101}, "language", "at most 100 characters"),
])
def test_bad_entry_input_is_refused_clearly(client, enrollment, trainee, kinds, overrides,
                                            field, message):
    client.force_login(trainee)
    response = client.post(reverse("supervision:entry_create", args=[enrollment.pk]),
                           with_token(entry_data(kinds[0], **overrides)))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert "Nothing was saved" in response.text
    assert not PracticeEntry.objects.exists()


def test_activity_kind_not_in_course_is_refused(client, enrollment, trainee):
    from tests.factories import ActivityKindFactory
    client.force_login(trainee)
    response = client.post(reverse("supervision:entry_create", args=[enrollment.pk]),
                           with_token(entry_data(ActivityKindFactory(name="Elsewhere"))))
    assert response.status_code == 200
    assert "activity_kind" in response.context["form"].errors
    assert not PracticeEntry.objects.exists()


def test_editing_keeps_the_saved_entry_when_input_is_bad(client, make_entry, trainee, kinds):
    entry = make_entry(went_well="Original")
    client.force_login(trainee)
    response = client.post(reverse("supervision:entry_edit", args=[entry.pk]),
                           entry_data(kinds[0], went_well="Call 0791234567",
                                      duration_minutes="30"))
    assert response.status_code == 200
    entry.refresh_from_db()
    assert entry.went_well == "Original" and entry.duration_minutes == 60


def test_editing_an_approved_entry_is_refused(client, submitted, trainee, supervisor, kinds):
    services.practice_entry_review(entry=submitted, supervisor=supervisor, decision="approve")
    client.force_login(trainee)
    url = reverse("supervision:entry_edit", args=[submitted.pk])
    response = client.post(url, entry_data(kinds[0], duration_minutes="700"))
    assert response.status_code == 302
    assert PracticeEntry.objects.get(pk=submitted.pk).duration_minutes == 60
    response = client.post(reverse("supervision:entry_delete", args=[submitted.pk]))
    assert PracticeEntry.objects.filter(pk=submitted.pk).exists()


def test_batch_submit_from_logbook(client, make_entry, trainee, enrollment, mailoutbox,
                                   django_capture_on_commit_callbacks):
    entries = [make_entry() for _ in range(2)]
    client.force_login(trainee)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("supervision:entries_submit", args=[enrollment.pk]),
                    {"entries": [e.pk for e in entries]})
    assert PracticeEntry.objects.filter(state="submitted").count() == 2
    assert len(mailoutbox) == 1


def test_supervisor_records_a_session_for_own_trainees_only(client, enrollment,
                                                           other_enrollment, supervisor):
    client.force_login(supervisor)
    url = reverse("supervision:session_create")
    data = {"date": timezone.localdate().isoformat(), "duration_minutes": "90",
            "format": "group", "topics": "Self-care and referral pathways",
            "enrollments": [enrollment.pk, other_enrollment.pk]}
    response = client.post(url, with_token(data))
    assert response.status_code == 200  # the other cohort's trainee is not a choice
    assert not SupervisionSession.objects.exists()
    response = client.post(url, with_token({**data, "enrollments": [enrollment.pk]}))
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert list(session.enrollments.all()) == [enrollment]
    response = client.post(url, with_token({**data, "enrollments": [enrollment.pk],
                                            "topics": "Call me: 0791234567",
                                            "date": (timezone.localdate()
                                                     + datetime.timedelta(days=3)).isoformat()}))
    assert response.status_code == 200
    assert SupervisionSession.objects.count() == 1


def test_rating_form_shows_descriptors_and_keeps_history(client, enrollment, supervisor, course,
                                                         other_supervisor):
    competency = course.competency_requirements.first().competency
    url = reverse("supervision:rating", args=[enrollment.pk])
    assert status_for(client, other_supervisor, url) == 404
    client.force_login(supervisor)
    page = client.get(url)
    assert competency.level_3_descriptor in page.text
    assert page.text.count('type="radio"') >= 8
    for level in (2, 3):
        response = client.post(url, with_token({"observation": "role_play",
                                                f"level_{competency.pk}": str(level),
                                                f"notes_{competency.pk}": f"Level {level} seen"}))
        assert response.status_code == 302
    assert CompetencyRating.objects.filter(enrollment=enrollment).count() == 2
    audit = AuditEvent.objects.filter(action="competency.rated").order_by("pk")
    assert [a.details["new_level"] for a in audit] == [2, 3]
    assert audit.last().details["old_level"] == 2
    history = client.get(url)
    assert "Level 2 seen" in history.text and "Level 3 seen" in history.text


def test_rating_form_bad_input(client, enrollment, supervisor, course):
    competency = course.competency_requirements.first().competency
    client.force_login(supervisor)
    url = reverse("supervision:rating", args=[enrollment.pk])
    for data in ({"observation": "role_play"},
                 {"observation": "role_play", f"level_{competency.pk}": "7"},
                 {"observation": "", f"level_{competency.pk}": "3"},
                 {"observation": "role_play", f"level_{competency.pk}": "3",
                  f"notes_{competency.pk}": "her phone 0791234567"}):
        response = client.post(url, with_token(data))
        assert response.status_code == 200, data
    assert not CompetencyRating.objects.exists()


def test_assigning_supervisors(client, cohort, enrollment, trainer, supervisor):
    cross_agency = SupervisorFactory(full_name="Cross Agency")
    client.force_login(trainer)
    url = reverse("supervision:cohort_practice", args=[cohort.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"supervisor": cross_agency.pk})
    assert cohort.supervisors.filter(pk=cross_agency.pk).exists()
    one = SupervisorFactory(full_name="One Trainee Only")
    response = client.post(reverse("supervision:enrollment_supervisors", args=[enrollment.pk]),
                           {"supervisor": one.pk})
    assert response.status_code == 302
    assert enrollment.supervisor_assignments.filter(supervisor=one).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"supervisor.assigned_to_cohort", "supervisor.assigned_to_enrollment"} <= actions
    # Not a supervisor: refused.
    response = client.post(url, {"supervisor": TraineeFactory().pk})
    assert response.status_code == 200
    # Someone else's cohort: 404; a supervisor cannot assign.
    assert status_for(client, TrainerFactory(), url) == 404
    assert status_for(client, supervisor, url) == 404


@pytest.mark.parametrize("overrides, field, message", [
    ({"date": "0001-01-01"}, "date", "before the trainees present enrolled"),
    ({"date": "1900-01-01"}, "date", "before the trainees present enrolled"),
    ({"duration_minutes": "720"}, "duration_minutes", "between 1 and 480 minutes (8 hours)"),
    ({"topics": "\u200b"}, "topics", "This field is required."),
    ({"topics": "layla＠gmail.com"}, "topics", "e-mail address"),
])
def test_the_session_form_explains_each_rule_and_saves_nothing(client, enrollment, supervisor,
                                                               overrides, field, message):
    client.force_login(supervisor)
    data = {"date": timezone.localdate().isoformat(), "duration_minutes": "90",
            "format": "individual", "topics": "Self-care", "enrollments": [enrollment.pk],
            **overrides}
    response = client.post(reverse("supervision:session_create"), with_token(data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize("role", ["trainee", "trainer", "manager"])
def test_only_supervisors_record_sessions(client, enrollment, role_users, role):
    client.force_login(role_users[role])
    response = client.post(reverse("supervision:session_create"), {
        "date": timezone.localdate().isoformat(), "duration_minutes": "90",
        "format": "individual", "topics": "Self-care", "enrollments": [enrollment.pk]})
    assert response.status_code in (403, 404)
    assert not SupervisionSession.objects.exists()


def test_a_return_comment_of_invisible_characters_is_no_comment(client, submitted, supervisor):
    client.force_login(supervisor)
    url = reverse("supervision:entry_review", args=[submitted.pk])
    response = client.post(url, {"decision": "return", "comment": "\u200b\u200f\u202e"})
    assert response.status_code == 200
    assert "comment is required" in response.text
    assert PracticeEntry.objects.get(pk=submitted.pk).state == "submitted"


def test_rating_notes_with_a_spelled_out_address_are_refused(client, enrollment, supervisor,
                                                            course):
    from supervision.models import CompetencyRating

    competency = course.competency_requirements.first().competency
    client.force_login(supervisor)
    response = client.post(reverse("supervision:rating", args=[enrollment.pk]), with_token({
        "observation": "role_play", f"level_{competency.pk}": "3",
        f"notes_{competency.pk}": "Client: ليلى آت جيميل نقطة كوم"}))
    assert response.status_code == 200
    assert "e-mail address" in response.text
    assert not CompetencyRating.objects.exists()
