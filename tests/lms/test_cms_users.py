"""Adding and editing people in the Wagtail admin (/cms/users/), for administrators only."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group

from lms.models import User
from lms.roles import Role
from tests.factories import OrganisationFactory, TraineeFactory

pytestmark = pytest.mark.django_db

ADD = "/cms/users/new/"


def _form(**overrides):
    data = {"email": "amal@example.org", "full_name": "أمل يوسف", "preferred_language": "ar",
            "country": "JO", "organisation": OrganisationFactory(name="Amman clinic").pk,
            "password1": "a-long-Passphrase-2026", "password2": "a-long-Passphrase-2026",
            "groups": [Group.objects.get(name=Role.SUPERVISOR.value).pk]}
    data.update(overrides)
    return data


def test_the_add_form_asks_for_the_full_name_not_first_and_last(client, superuser):
    client.force_login(superuser)
    body = client.get(ADD).content.decode()
    assert 'name="full_name"' in body and 'name="organisation"' in body
    assert 'name="first_name"' not in body and 'name="last_name"' not in body


def test_an_administrator_adds_a_person_with_a_role(client, superuser):
    client.force_login(superuser)
    response = client.post(ADD, _form())
    assert response.status_code == 302
    user = User.objects.get(email="amal@example.org")
    assert user.full_name == "أمل يوسف" and user.preferred_language == "ar"
    assert user.organisation.name == "Amman clinic" and user.country == "JO"
    assert user.has_role(Role.SUPERVISOR) and user.check_password("a-long-Passphrase-2026")


@pytest.mark.parametrize("full_name", ["", "   "])
def test_a_person_without_a_name_is_refused_and_nothing_saved(client, superuser, full_name):
    client.force_login(superuser)
    response = client.post(ADD, _form(full_name=full_name))
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert not User.objects.filter(email="amal@example.org").exists()


def test_editing_keeps_what_is_not_changed_and_refuses_a_blank_name(client, superuser):
    person = TraineeFactory(full_name="Nour Haddad", email="nour@example.org", country="LB")
    client.force_login(superuser)
    url = f"/cms/users/edit/{person.pk}/"
    assert 'value="Nour Haddad"' in client.get(url).content.decode()
    data = {"email": person.email, "full_name": " ", "preferred_language": "fr", "country": "LB",
            "is_active": "on", "groups": [g.pk for g in person.groups.all()]}
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors["full_name"]
    person.refresh_from_db()
    assert person.full_name == "Nour Haddad" and person.preferred_language == "en"

    response = client.post(url, {**data, "full_name": "Nour  Al-Haddad"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.full_name == "Nour Al-Haddad" and person.preferred_language == "fr"
    assert person.has_role(Role.TRAINEE)


@pytest.mark.parametrize("role", ["trainer", "supervisor", "manager", "trainee"])
def test_only_administrators_manage_people_in_the_cms(client, role_users, role):
    client.force_login(role_users[role])
    response = client.get(ADD)
    # Trainers enter /cms/ but are sent away from user management; others to the log-in.
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path != ADD
    assert client.post(ADD, _form()).status_code == 302
    assert not User.objects.filter(email="amal@example.org").exists()


@pytest.mark.parametrize("full_name", ["\u200b\u200b", "\u064b\u0301", "\u202e"])
def test_an_invisible_name_is_refused_in_the_cms(client, superuser, full_name):
    client.force_login(superuser)
    response = client.post(ADD, _form(full_name=full_name))
    assert response.status_code == 200
    assert response.context["form"].errors["full_name"]
    assert not User.objects.filter(email="amal@example.org").exists()


def test_the_cms_stores_the_name_without_bidirectional_controls(client, superuser):
    client.force_login(superuser)
    assert client.post(ADD, _form(full_name="\u202eأمل\u200b يوسف")).status_code == 302
    assert User.objects.get(email="amal@example.org").full_name == "أمل يوسف"
