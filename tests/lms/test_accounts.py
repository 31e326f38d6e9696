import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lms.models import User
from lms.roles import Role
from tests.factories import TEST_PASSWORD, TraineeFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "listening-with-care-42"


def _signup(client, **overrides):
    data = {"full_name": "Layla Haddad", "email": "layla@example.org",
            "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD, **overrides}
    return client.post(reverse("account_signup"), data)


def test_signup_verification_and_login(client):
    response = _signup(client, full_name="  يوسف   الخطيب ")
    assert response.status_code == 302
    user = User.objects.get(email="layla@example.org")
    assert user.full_name == "يوسف الخطيب"
    assert user.has_role(Role.TRAINEE)
    # Unverified: logging in is refused until the e-mail is confirmed.
    assert not EmailAddress.objects.get(user=user).verified
    client.logout()
    login = client.post(reverse("account_login"),
                        {"login": "layla@example.org", "password": GOOD_PASSWORD})
    assert login.status_code == 302
    assert login["Location"] == reverse("account_email_verification_sent")

    assert len(mail.outbox) >= 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body
    path = "/" + link.group(0).split("/", 3)[3]
    confirm = client.post(path)
    assert confirm.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    home = client.get("/")
    assert home.wsgi_request.user == user


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"full_name": "   "}, "This field is required"),
        ({"password1": "abc", "password2": "abc"}, "too short"),
        ({"password1": "12345678901", "password2": "12345678901"}, "entirely numeric"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
    ],
)
def test_signup_bad_input_is_explained_and_creates_nothing(client, overrides, message):
    response = _signup(client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_signup_with_an_email_already_used_creates_nothing(client):
    TraineeFactory(email="layla@example.org")
    response = _signup(client)
    # allauth prevents account enumeration: the form succeeds but the owner gets a notice.
    assert User.objects.filter(email__iexact="layla@example.org").count() == 1
    assert response.status_code in (200, 302)
    assert any("already" in m.body.lower() for m in mail.outbox)


def test_signup_can_be_closed(client, settings):
    settings.SANAD_SIGNUP_OPEN = False
    response = _signup(client)
    assert response.status_code == 200
    assert "closed" in response.content.decode().lower()
    assert not User.objects.exists()


def test_login_rate_limit_refuses_after_repeated_failures(client):
    user = TraineeFactory(email="layla@example.org")
    url = reverse("account_login")
    for _ in range(5):
        response = client.post(url, {"login": user.email, "password": "wrong-password"})
        assert response.status_code == 200
    response = client.post(url, {"login": user.email, "password": TEST_PASSWORD})
    # Even the right password is refused while the limit holds.
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_password_reset_sends_mail(client):
    TraineeFactory(email="layla@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "layla@example.org"})
    assert response.status_code == 302
    assert "password" in mail.outbox[-1].subject.lower()


def test_arabic_signup_lands_on_my_learning_in_arabic(client):
    response = client.post("/ar/accounts/signup/", {
        "full_name": "يوسف الخطيب", "email": "youssef@example.org",
        "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD})
    assert response.status_code == 302
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body)
    path = "/" + link.group(0).split("/", 3)[3]
    assert path.startswith("/ar/")
    confirm = client.post(path)
    assert confirm.status_code == 302
    assert confirm["Location"] == "/ar/learn/"


@pytest.mark.parametrize("full_name", ["\u200b\u200b\u200b", "\u0301\u0308", "\u200d\u200e"])
def test_signup_refuses_an_invisible_name(client, full_name):
    response = _signup(client, full_name=full_name)
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert not User.objects.exists()


def test_signup_drops_a_right_to_left_override_from_the_name(client):
    response = _signup(client, full_name="\u202eليلى حداد\u202c")
    assert response.status_code == 302
    assert User.objects.get(email="layla@example.org").full_name == "ليلى حداد"


def test_signup_refuses_a_name_with_a_nul_byte_and_a_too_long_name(client):
    assert "remove it" in _signup(client, full_name="Layla\x00").content.decode()
    response = _signup(client, full_name="ن" * 201)
    assert "at most 200 characters" in response.content.decode()
    assert not User.objects.exists()
