"""Forms that create practice entries, supervision sessions and ratings do it once, even
when "Save draft" is clicked twice or two requests race."""

import re
import threading
import time
import uuid

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.models import SubmissionToken
from lms.once import TOKEN_FIELD
from supervision import services
from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession
from tests.once import with_token
from tests.supervision.test_views import entry_data

TOKEN_INPUT = re.compile(rf'<input type="hidden" name="{TOKEN_FIELD}" value="([0-9a-f-]{{36}})">')


def rendered_token(response) -> str:
    found = TOKEN_INPUT.findall(response.text)
    assert len(found) == 1, "the form carries exactly one token"
    return found[0]


def arabic_entry(kind, **overrides):
    return entry_data(kind, went_well="أصغيت جيدًا وعكست مشاعر الأسرة",
                      do_differently='=HYPERLINK("http://example.org","x")', **overrides)


@pytest.mark.django_db
def test_entry_form_carries_a_fresh_token_each_time(client, trainee, enrollment):
    client.force_login(trainee)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    first, second = rendered_token(client.get(url)), rendered_token(client.get(url))
    assert first != second
    uuid.UUID(first)


@pytest.mark.django_db
def test_double_click_on_save_draft_stores_one_entry(client, trainee, enrollment, kinds):
    client.force_login(trainee)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    data = with_token(arabic_entry(kinds[0]))
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    entry = PracticeEntry.objects.get()
    assert entry.went_well == "أصغيت جيدًا وعكست مشاعر الأسرة"
    assert entry.state == PracticeEntry.State.DRAFT
    page = client.get(second["Location"])
    # The first POST's own message is still shown, then the replay's.
    assert "Draft saved." in page.text and "This was already saved." in page.text


@pytest.mark.django_db
def test_double_click_on_submit_stores_and_submits_one_entry(
        client, trainee, enrollment, kinds, supervisor, mailoutbox,
        django_capture_on_commit_callbacks):
    client.force_login(trainee)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    data = with_token({**arabic_entry(kinds[0]), "submit": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        responses = [client.post(url, data) for _ in range(3)]
    assert {r["Location"] for r in responses} == {responses[0]["Location"]}
    assert PracticeEntry.objects.get().state == PracticeEntry.State.SUBMITTED
    assert len(mailoutbox) == 1


@pytest.mark.django_db
def test_form_with_errors_keeps_its_token_usable(client, trainee, enrollment, kinds):
    client.force_login(trainee)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    token = uuid.uuid4()
    refused = client.post(url, with_token(arabic_entry(kinds[0], duration_minutes="900"),
                                          token))
    assert refused.status_code == 200
    assert "between 1 and 720" in " ".join(refused.context["form"].errors["duration_minutes"])
    assert rendered_token(refused) == str(token)
    assert not PracticeEntry.objects.exists() and not SubmissionToken.objects.exists()
    fixed = client.post(url, with_token(arabic_entry(kinds[0]), token))
    assert fixed.status_code == 302
    again = client.post(url, with_token(arabic_entry(kinds[0]), token))
    assert again["Location"] == fixed["Location"]
    assert PracticeEntry.objects.count() == 1
    claim = SubmissionToken.objects.get()
    assert claim.token == token and claim.user == trainee
    assert claim.result_url == fixed["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("token", [None, "", "not-a-uuid", "=1+1", "x" * 500])
def test_entry_without_a_usable_token_is_a_form_error(client, trainee, enrollment, kinds,
                                                      make_entry, token):
    kept = make_entry(went_well="Already in my logbook")
    client.force_login(trainee)
    data = arabic_entry(kinds[0])
    if token is not None:
        data[TOKEN_FIELD] = token
    response = client.post(reverse("supervision:entry_create", args=[enrollment.pk]), data)
    assert response.status_code == 200
    assert "sent without its one-time code" in " ".join(
        response.context["form"].non_field_errors())
    # The form comes back with what was typed and a fresh token.
    assert "أصغيت جيدًا" in response.text
    uuid.UUID(rendered_token(response))
    assert list(PracticeEntry.objects.all()) == [kept]
    kept.refresh_from_db()
    assert kept.went_well == "Already in my logbook"


@pytest.mark.django_db
def test_a_token_claimed_by_someone_else_is_not_replayed(client, trainee, enrollment, kinds,
                                                        other_enrollment):
    token = uuid.uuid4()
    client.force_login(trainee)
    first = client.post(reverse("supervision:entry_create", args=[enrollment.pk]),
                        with_token(arabic_entry(kinds[0]), token))
    assert first.status_code == 302
    client.force_login(other_enrollment.trainee)
    response = client.post(reverse("supervision:entry_create", args=[other_enrollment.pk]),
                           with_token(arabic_entry(kinds[0]), token))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert rendered_token(response) != str(token)
    assert PracticeEntry.objects.get().enrollment == enrollment


@pytest.mark.django_db
def test_edit_form_still_works_without_a_token(client, make_entry, trainee, kinds):
    entry = make_entry()
    client.force_login(trainee)
    response = client.post(reverse("supervision:entry_edit", args=[entry.pk]),
                           entry_data(kinds[0], went_well="Changed"))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.went_well == "Changed"


@pytest.mark.django_db
def test_double_click_records_one_supervision_session(client, supervisor, enrollment):
    client.force_login(supervisor)
    url = reverse("supervision:session_create")
    assert TOKEN_INPUT.search(client.get(url).text)
    data = with_token({"date": timezone.localdate().isoformat(), "duration_minutes": "60",
                       "format": "group", "topics": "الرعاية الذاتية ومسارات الإحالة",
                       "enrollments": [enrollment.pk]})
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert SupervisionSession.objects.count() == 1
    missing = client.post(url, {k: v for k, v in data.items() if k != TOKEN_FIELD})
    assert missing.status_code == 200 and missing.context["form"].non_field_errors()
    assert SupervisionSession.objects.count() == 1


@pytest.mark.django_db
def test_double_click_records_one_set_of_ratings(client, supervisor, enrollment, course):
    competency = course.competency_requirements.first().competency
    client.force_login(supervisor)
    url = reverse("supervision:rating", args=[enrollment.pk])
    assert TOKEN_INPUT.search(client.get(url).text)
    data = with_token({"observation": "role_play", f"level_{competency.pk}": "3",
                       f"notes_{competency.pk}": "أحسنت الإصغاء"})
    first, second = client.post(url, data), client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert CompetencyRating.objects.count() == 1
    missing = client.post(url, {k: v for k, v in data.items() if k != TOKEN_FIELD})
    assert missing.status_code == 200 and missing.context["form"].non_field_errors()
    assert CompetencyRating.objects.count() == 1


@pytest.mark.parametrize("role", ["supervisor", "trainer", "manager"])
@pytest.mark.django_db
def test_others_cannot_log_in_a_trainees_logbook_even_with_a_token(
        client, role_users, role, enrollment, kinds):
    client.force_login(role_users[role])
    response = client.post(reverse("supervision:entry_create", args=[enrollment.pk]),
                           with_token(arabic_entry(kinds[0])))
    assert response.status_code == 404
    assert not PracticeEntry.objects.exists() and not SubmissionToken.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql",
                    reason="concurrent writers need a server database")
# serialized_rollback: a browser journey's flush in the same worker may have run first;
# this restores the migrations' data (home page, roles) that the course fixtures need.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_posts_with_one_token_store_one_entry(trainee, enrollment, kinds,
                                                         monkeypatch):
    real_save = services.practice_entry_save

    def slow_save(**kwargs):
        # Hold the first transaction open so the second POST really arrives meanwhile.
        entry = real_save(**kwargs)
        time.sleep(0.5)
        return entry

    monkeypatch.setattr(services, "practice_entry_save", slow_save)
    url = reverse("supervision:entry_create", args=[enrollment.pk])
    data = with_token(arabic_entry(kinds[0]))
    start = threading.Barrier(2)
    locations, errors = [], []

    def post():
        client = Client()
        client.force_login(trainee)
        try:
            start.wait()
            response = client.post(url, data)
            locations.append((response.status_code, response["Location"]))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(locations) == 2 and len(set(locations)) == 1 and locations[0][0] == 302
    assert PracticeEntry.objects.count() == 1
    assert SubmissionToken.objects.count() == 1
