"""The Wagtail user forms carry a person's optional cadre and sex."""

import pytest

from lms.models import Cadre, Sex, User
from tests.lms.test_cms_users import ADD, _form

pytestmark = pytest.mark.django_db


def test_an_administrator_sets_cadre_and_sex_in_the_cms(client, superuser):
    client.force_login(superuser)
    body = client.get(ADD).content.decode()
    assert 'name="cadre"' in body and 'name="sex"' in body
    nurse = Cadre.objects.get(code="nurse")
    assert client.post(ADD, _form(cadre=nurse.pk, sex="female")).status_code == 302
    user = User.objects.get(email="amal@example.org")
    assert (user.cadre, user.sex) == (nurse, Sex.FEMALE)


def test_a_bad_sex_is_refused_in_the_cms(client, superuser):
    client.force_login(superuser)
    response = client.post(ADD, _form(sex="robot"))
    assert response.status_code == 200 and response.context["form"].errors["sex"]
    assert not User.objects.filter(email="amal@example.org").exists()
