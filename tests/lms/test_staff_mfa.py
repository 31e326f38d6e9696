"""Staff accounts: a second factor before anything opens, every log-in through allauth,
idle staff sessions signed out, and signing out one's other sessions."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.middleware import LAST_SEEN, MFA_NEXT
from lms.roles import Role
from tests.factories import (
    TEST_PASSWORD,
    TraineeFactory,
    UserFactory,
    add_totp,
    totp_code,
)

pytestmark = pytest.mark.django_db

ACTIVATE = "/accounts/2fa/totp/activate/"

STAFF = {
    "supervisor": ([Role.SUPERVISOR], {}, "/supervise/"),
    "trainer": ([Role.TRAINER], {}, "/cohorts/"),
    "lead trainer": ([Role.TRAINER, Role.LEAD_TRAINER], {}, "/cms/"),
    "programme manager": ([Role.PROGRAMME_MANAGER], {}, "/cohorts/"),
    "coordinator": ([Role.COORDINATOR], {}, "/practice/"),
    "administrator": ([], {"is_staff": True, "is_superuser": True}, "/django-admin/"),
}


def staff_user(role, **kwargs):
    roles, extra, _ = STAFF[role]
    return UserFactory(roles=roles, **extra, **kwargs)


def signed_in(client):
    return SESSION_KEY in client.session


def later(minutes):
    """timezone.now() as seen `minutes` from now."""
    moment = timezone.now() + timedelta(minutes=minutes)
    return mock.patch("django.utils.timezone.now", return_value=moment)


# --- A second factor before anything opens --------------------------------------------


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_without_mfa_are_sent_to_set_it_up_then_let_in(client, role):
    user = staff_user(role, totp=False)
    _, _, page = STAFF[role]
    client.force_login(user)

    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE
    assert client.session[MFA_NEXT] == page
    followed = client.get(page, follow=True)
    assert "must be protected by a second factor" in followed.content.decode()

    add_totp(user)
    with later(6):  # the middleware looks again at most every five minutes
        response = client.get(page)
    assert response.status_code == 200, response.get("Location")
    assert MFA_NEXT not in client.session


@pytest.mark.parametrize("role", list(STAFF))
def test_staff_with_mfa_are_not_bothered(client, role):
    user = staff_user(role)
    assert Authenticator.objects.filter(user=user).exists()
    client.force_login(user)
    assert client.get(STAFF[role][2]).status_code == 200


def test_a_post_is_refused_too(client):
    client.force_login(staff_user("trainer", totp=False))
    response = client.post(reverse("courses:cohort_create"), {"name": "Anything"})
    assert response.status_code == 302 and response["Location"] == ACTIVATE


def test_trainees_are_not_forced_but_may_add_mfa(client):
    client.force_login(TraineeFactory())
    assert client.get(reverse("courses:my_learning")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


@pytest.mark.parametrize("path", [
    reverse("mfa_index"),
    "/accounts/reauthenticate/",
    "/accounts/email/",
    "/verify/",
    "/ar/accounts/2fa/",
])
def test_setting_up_and_public_pages_stay_open(client, path):
    client.force_login(staff_user("supervisor", totp=False))
    response = client.get(path)
    assert response.status_code in (200, 302)
    assert ACTIVATE not in response.get("Location", "")


def test_setting_up_after_the_password_is_confirmed_then_continuing(client):
    user = staff_user("supervisor", totp=False)
    client.force_login(user)
    assert client.get("/supervise/")["Location"] == ACTIVATE
    response = client.get(ACTIVATE)
    # allauth asks for the password again before a second factor is added.
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]
    client.post(response["Location"], {"password": TEST_PASSWORD})
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session["mfa.totp.secret"]
    wrong = client.post(ACTIVATE, {"code": "12345"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=user).exists()

    done = client.post(ACTIVATE, {"code": totp_code(secret)}, follow=True)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    # The recovery codes follow, with a way on to the page first asked for.
    assert done.redirect_chain[-1][0] == reverse("mfa_view_recovery_codes")
    assert 'href="/supervise/"' in done.content.decode()
    assert client.get("/supervise/").status_code == 200
    assert MFA_NEXT not in client.session


def test_the_arabic_set_up_page_is_under_ar(client):
    client.force_login(staff_user("trainer", totp=False))
    response = client.get("/ar/cohorts/")
    assert response["Location"] == "/ar" + ACTIVATE


def test_removing_the_last_authenticator_closes_the_account_again(client):
    user = staff_user("supervisor")
    client.force_login(user)
    assert client.get("/supervise/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    with later(6):
        assert client.get("/supervise/")["Location"] == ACTIVATE


def test_the_check_costs_no_query_and_no_session_write_after_log_in(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff_user("supervisor"))
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/supervise/").status_code == 200
        sql = " ".join(q["sql"] for q in queries.captured_queries)
        assert "mfa_authenticator" not in sql
        assert "UPDATE \"django_session\"" not in sql


def test_the_setting_turns_it_off(client, settings):
    settings.SANAD_STAFF_MFA_REQUIRED = False
    client.force_login(staff_user("supervisor", totp=False))
    assert client.get("/supervise/").status_code == 200


# --- Every log-in through allauth ----------------------------------------------------


@pytest.mark.parametrize("login_path, next_path", [
    ("/cms/login/", "/cms/"),
    ("/django-admin/login/", "/django-admin/"),
])
def test_cms_and_admin_log_in_forms_send_to_allauth(client, login_path, next_path):
    response = client.get(f"{login_path}?next={next_path}")
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={next_path.replace('/', '%2F')}"


@pytest.mark.parametrize("login_path, fields", [
    ("/cms/login/", {"username": "{email}", "password": TEST_PASSWORD}),
    ("/django-admin/login/", {"username": "{email}", "password": TEST_PASSWORD}),
    ("/cms/login/", {"email": "{email}", "password": TEST_PASSWORD}),
])
def test_posting_a_password_to_cms_or_admin_logs_nobody_in(client, login_path, fields):
    user = staff_user("administrator")
    data = {key: value.format(email=user.email) for key, value in fields.items()}
    response = client.post(login_path, data)
    assert response.status_code in (302, 405)
    assert "/accounts/login/" in response.get("Location", "/accounts/login/")
    assert not signed_in(client)
    assert client.get("/cms/").status_code == 302
    assert not signed_in(client)


def test_the_cms_log_in_for_people_already_signed_in(client):
    client.force_login(staff_user("trainer"))
    assert client.get("/cms/login/?next=/cms/pages/")["Location"] == "/cms/pages/"
    assert client.get("/cms/login/?next=https://evil.example/")["Location"] == "/cms/"
    client.force_login(TraineeFactory())
    # Wagtail sends people without CMS access to its log-in page; not back to the CMS.
    response = client.get("/cms/", follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "You do not have permission to access the admin" in response.content.decode()


def test_the_admin_log_in_for_people_already_signed_in(client):
    client.force_login(staff_user("administrator"))
    assert client.get("/django-admin/login/")["Location"] == "/django-admin/"
    client.force_login(TraineeFactory())
    assert client.get("/django-admin/login/").status_code == 403


def test_wagtail_password_reset_and_change_are_off(client):
    assert client.get("/cms/password_reset/").status_code == 404
    client.force_login(staff_user("trainer"))
    assert client.get("/cms/account/").status_code == 200
    assert "change_password" not in client.get("/cms/account/").content.decode()


def test_staff_with_totp_need_the_code_before_the_session_is_theirs(client):
    user = staff_user("supervisor")
    response = client.post(reverse("account_login"),
                           {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get("/supervise/")["Location"].startswith("/accounts/login/")

    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"
                        if totp_code() != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Incorrect code" in wrong.content.decode()
    assert not signed_in(client)

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert client.get("/supervise/").status_code == 200


def test_wrong_passwords_are_rate_limited_then_the_right_one_is_refused_too(client):
    user = TraineeFactory()
    for _ in range(12):
        client.post(reverse("account_login"), {"login": user.email, "password": "wrong-one-1"})
    refused = client.post(reverse("account_login"),
                          {"login": user.email, "password": TEST_PASSWORD})
    assert refused.status_code in (200, 429)
    assert "Too many failed login attempts" in refused.content.decode()
    assert not signed_in(client)
    # The window passes (counters live in the cache with times from time.time()).
    with mock.patch("time.time", return_value=time.time() + 24 * 3600):
        accepted = client.post(reverse("account_login"),
                               {"login": user.email, "password": TEST_PASSWORD})
    assert accepted.status_code == 302
    assert signed_in(client)


# --- Idle staff sessions -------------------------------------------------------------


def test_an_idle_staff_session_is_signed_out(client, settings):
    settings.SANAD_STAFF_SESSION_IDLE_MINUTES = 480
    client.force_login(staff_user("supervisor"))
    assert client.get("/supervise/").status_code == 200
    with later(479):
        assert client.get("/supervise/").status_code == 200
    with later(479 + 481):
        response = client.get("/supervise/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not signed_in(client)
    page = client.get(response["Location"])
    assert "not used for a while" in page.content.decode()


def test_a_trainee_session_has_no_staff_idle_limit(client):
    client.force_login(TraineeFactory())
    client.get(reverse("courses:my_learning"))
    assert LAST_SEEN not in client.session
    with later(3 * 480):
        assert client.get(reverse("courses:my_learning")).status_code == 200
    assert signed_in(client)


def test_activity_is_written_at_most_every_five_minutes(client):
    client.force_login(staff_user("supervisor"))
    client.get("/supervise/")
    first = client.session[LAST_SEEN]
    with later(4):
        client.get("/supervise/")
    assert client.session[LAST_SEEN] == first
    with later(6):
        client.get("/supervise/")
    assert client.session[LAST_SEEN] > first


# --- Signing out other sessions ------------------------------------------------------


def test_sign_out_other_sessions(client):
    user = TraineeFactory()
    other = Client()
    for browser in (client, other):
        response = browser.post(reverse("account_login"),
                                {"login": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert "Sign out other sessions" in page.content.decode()

    client.post(reverse("usersessions_list"))
    assert signed_in(client)
    assert other.get(reverse("courses:my_learning")).status_code == 302
    assert SESSION_KEY not in other.session


def test_the_sessions_page_needs_a_login(client):
    response = client.get(reverse("usersessions_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- The demo ------------------------------------------------------------------------


def test_demo_staff_share_the_published_authenticator_secret(client, capsys):
    from django.core.management import call_command

    from lms.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert DEMO_TOTP_SECRET in printed and "demo_code" in printed
    totp = Authenticator.Type.TOTP
    for email in ("supervisor@sanad.example", "trainer@sanad.example",
                  "lead.trainer@sanad.example", "manager@sanad.example", "admin@sanad.example"):
        assert Authenticator.objects.filter(user__email=email, type=totp).count() == 1, email
    assert not Authenticator.objects.filter(user__email="trainee@sanad.example").exists()

    call_command("demo_code")
    code = capsys.readouterr().out.split()[0]
    assert code == totp_code(DEMO_TOTP_SECRET)
    client.post(reverse("account_login"),
                {"login": "supervisor@sanad.example", "password": DEMO_PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get("/supervise/").status_code == 200


def test_demo_code_refuses_in_production(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.SANAD_PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_code")


def test_recorded_sessions_are_personal_data_downloaded_and_erased():
    import io
    import json
    import zipfile

    from allauth.usersessions.models import UserSession

    from lms.personal_data import personal_data_archive, profile_contributor

    user = TraineeFactory()
    UserSession.objects.create(user=user, ip="203.0.113.7", session_key="k" * 32,
                               user_agent="Firefox on a shared computer")
    archive = zipfile.ZipFile(io.BytesIO(personal_data_archive(user)))
    profile = json.loads(archive.read("sanad-data.json"))["profile"]
    assert profile["signed_in_sessions"][0]["ip"] == "203.0.113.7"
    profile_contributor.erase(user)
    assert not UserSession.objects.filter(user=user).exists()
