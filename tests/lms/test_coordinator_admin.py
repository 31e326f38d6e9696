"""An administrator makes someone a coordinator of a consortium in the Django admin."""

import pytest
from django.urls import reverse

from lms.models import AuditEvent, Consortium
from lms.roles import Role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def consortium(db):
    consortium = Consortium.objects.create(name="MHPSS TWG Jordan", country="JO")
    consortium.members.add(OrganisationFactory(name="Horizons"), OrganisationFactory(name="Al-Amal"))
    return consortium


def test_adding_a_coordinator_to_a_consortium_gives_the_role(client, superuser, consortium):
    person = UserFactory(email="dana@example.org")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:lms_consortium_change", args=[consortium.pk]),
        {"name": consortium.name, "country": "JO",
         "members": [o.pk for o in consortium.members.all()], "coordinators": [person.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(consortium.coordinators.all()) == [person]
    person.refresh_from_db()
    assert person.has_role(Role.COORDINATOR)
    assert AuditEvent.objects.filter(action="user.role_given", actor=superuser,
                                     target_id=str(person.pk)).exists()


def test_the_consortium_page_says_what_a_coordinator_sees(client, superuser, consortium):
    client.force_login(superuser)
    body = client.get(reverse("admin:lms_consortium_change", args=[consortium.pk])).content
    assert b"never a trainee" in body


def test_the_user_page_shows_the_consortia_coordinated(client, superuser, consortium):
    person = UserFactory(email="dana@example.org")
    consortium.coordinators.add(person)
    client.force_login(superuser)
    body = client.get(reverse("admin:lms_user_change", args=[person.pk])).content.decode()
    assert "MHPSS TWG Jordan" in body


def test_only_administrators_open_the_consortium_admin(client, consortium):
    client.force_login(UserFactory(roles=[Role.PROGRAMME_MANAGER]))
    response = client.get(reverse("admin:lms_consortium_change", args=[consortium.pk]))
    assert response.status_code == 302 and "/django-admin/login/" in response["Location"]
