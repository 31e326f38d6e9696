import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, may_enter",
    [("trainee", False), ("supervisor", False), ("manager", False), ("trainer", True)],
)
def test_cms_is_for_trainers_only(role_users, role, may_enter):
    client = Client()
    client.force_login(role_users[role])
    response = client.get("/cms/")
    if may_enter:
        assert response.status_code == 200
    else:
        # Wagtail sends people without admin access back to its login, never a 500.
        assert response.status_code == 302
        assert "/cms/login/" in response["Location"]


def test_cms_sends_anonymous_visitors_to_log_in(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize("role", ["trainee", "supervisor", "manager", "trainer"])
def test_django_admin_is_for_superusers_only(role_users, role):
    client = Client()
    client.force_login(role_users[role])
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response["Location"]


def test_django_admin_opens_for_superuser(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/django-admin/").status_code == 200


def test_home_page_renders_for_visitors(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert 'href="#main"' in html  # skip link
    assert "<main" in html and "<nav" in html


def test_arabic_pages_are_right_to_left(client):
    response = client.get("/ar/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_french_login_page_is_translated(client):
    response = client.get("/fr/accounts/login/")
    assert '<html lang="fr" dir="ltr">' in response.content.decode()
    assert "Connexion" in response.content.decode()
