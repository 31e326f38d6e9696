"""A person's own profile: the optional cadre and sex at sign-up and on /accounts/profile/."""

import pytest
from django.conf import settings
from django.urls import reverse

from lms.models import AuditEvent, Cadre, Sex, User
from tests.factories import OrganisationFactory, TraineeFactory
from tests.lms.test_accounts import GOOD_PASSWORD
from tests.once import with_token

pytestmark = pytest.mark.django_db


def _profile_data(**overrides):
    return with_token({"full_name": "Layla Haddad", "preferred_language": "ar",
                       "country": "LB", "cadre": "", "sex": "", **overrides})


def _signup(client, **overrides):
    data = {"full_name": "Layla Haddad", "email": "layla@example.org",
            "password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD, **overrides}
    return client.post(reverse("account_signup"), data)


def test_signup_offers_cadre_and_sex_and_says_why():
    from django.test import Client

    body = Client().get(reverse("account_signup")).content.decode()
    assert 'name="cadre"' in body and 'name="sex"' in body
    assert "Used only for anonymous programme statistics." in body
    assert "—" in body


def test_signup_stores_cadre_and_sex(client):
    nurse = Cadre.objects.get(code="nurse")
    assert _signup(client, cadre=nurse.pk, sex="female").status_code == 302
    user = User.objects.get(email="layla@example.org")
    assert (user.cadre, user.sex) == (nurse, Sex.FEMALE)


def test_signup_without_cadre_and_sex(client):
    assert _signup(client).status_code == 302
    user = User.objects.get(email="layla@example.org")
    assert (user.cadre, user.sex) == (None, "")


@pytest.mark.parametrize("field, value", [("sex", "unknown"), ("cadre", "999999"),
                                          ("cadre", "nurse")])
def test_signup_with_an_invalid_choice_creates_nobody(client, field, value):
    response = _signup(client, **{field: value})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not User.objects.filter(email="layla@example.org").exists()


def test_profile_page_needs_a_login(client):
    response = client.get(reverse("personal:profile"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_profile_shows_the_person_and_their_organisation_read_only(client):
    trainee = TraineeFactory(organisation=OrganisationFactory(name="Cedar Psychosocial Network"))
    client.force_login(trainee)
    response = client.get(reverse("personal:profile"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Cedar Psychosocial Network" in body
    assert 'name="organisation"' not in body
    assert "ask the organisation that issued it" in body


def test_profile_saves_the_persons_own_details_and_audits_field_names_only(client):
    trainee = TraineeFactory(full_name="Layla Haddad")
    client.force_login(trainee)
    social_worker = Cadre.objects.get(code="social_worker")
    response = client.post(reverse("personal:profile"), _profile_data(
        full_name="  ليلى   حداد ", cadre=social_worker.pk, sex="undisclosed"))
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert (trainee.full_name, trainee.preferred_language, trainee.country, trainee.cadre,
            trainee.sex) == ("ليلى حداد", "ar", "LB", social_worker, Sex.UNDISCLOSED)
    event = AuditEvent.objects.get(action="profile.updated")
    assert event.actor == trainee
    assert set(event.details["fields"]) == {"full_name", "preferred_language", "country",
                                            "cadre", "sex"}
    assert "ليلى" not in str(event.details)


def test_profile_cannot_change_the_organisation(client):
    mine, theirs = OrganisationFactory(name="Mine"), OrganisationFactory(name="Theirs")
    trainee = TraineeFactory(organisation=mine)
    client.force_login(trainee)
    client.post(reverse("personal:profile"), _profile_data(organisation=theirs.pk))
    trainee.refresh_from_db()
    assert trainee.organisation == mine


@pytest.mark.parametrize("overrides, field, message", [
    ({"sex": "unknown"}, "sex", "Select a valid choice"),
    ({"cadre": "424242"}, "cadre", "Select a valid choice"),
    ({"country": "XX"}, "country", "Select a valid choice"),
    ({"preferred_language": "de"}, "preferred_language", "Select a valid choice"),
    ({"full_name": "\u200b "}, "full_name", "required"),
    ({"full_name": "Layla\x1bHaddad"}, "full_name", "control character"),
])
def test_profile_with_bad_input_explains_and_changes_nothing(client, overrides, field, message):
    nurse = Cadre.objects.get(code="nurse")
    trainee = TraineeFactory(full_name="Layla Haddad", cadre=nurse, sex="female",
                             preferred_language="en", country="JO")
    client.force_login(trainee)
    response = client.post(reverse("personal:profile"),
                           _profile_data(**{"cadre": nurse.pk, "sex": "male", **overrides}))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    trainee.refresh_from_db()
    assert (trainee.full_name, trainee.cadre, trainee.sex, trainee.preferred_language,
            trainee.country) == ("Layla Haddad", nurse, "female", "en", "JO")
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


def test_profile_without_its_one_time_token_saves_nothing(client):
    trainee = TraineeFactory(full_name="Layla Haddad")
    client.force_login(trainee)
    data = _profile_data(full_name="Someone Else")
    data.pop("once_token")
    response = client.post(reverse("personal:profile"), data)
    trainee.refresh_from_db()
    assert trainee.full_name == "Layla Haddad"
    assert response.status_code == 200


def test_profile_saved_unchanged_says_so(client):
    trainee = TraineeFactory(full_name="Layla Haddad", preferred_language="ar", country="LB")
    client.force_login(trainee)
    response = client.post(reverse("personal:profile"), _profile_data(), follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="profile.updated").exists()


def test_profile_in_arabic_is_right_to_left(client):
    client.force_login(TraineeFactory())
    body = client.get("/ar" + reverse("personal:profile")).content.decode()
    assert 'dir="rtl"' in body


def test_the_data_download_includes_cadre_and_sex():
    from lms.personal_data import _profile_export

    trainee = TraineeFactory(cadre=Cadre.objects.get(code="nurse"), sex=Sex.FEMALE)
    data = _profile_export(trainee).data
    assert (data["cadre"], data["sex"]) == ("Nurse", "Female")
    assert _profile_export(TraineeFactory()).data["cadre"] is None


def test_changing_the_preferred_language_switches_the_interface_at_once(client):
    trainee = TraineeFactory(full_name="Layla Haddad", preferred_language="en", country="LB")
    client.force_login(trainee)
    response = client.post(reverse("personal:profile"), _profile_data(preferred_language="ar"))
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    page = client.get(response["Location"]).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "حُفظ ملفك الشخصي." in page
    trainee.refresh_from_db()
    assert trainee.preferred_language == "ar"


def test_back_to_english_from_the_arabic_profile_drops_the_prefix(client):
    trainee = TraineeFactory(full_name="Layla Haddad", preferred_language="ar", country="LB")
    client.force_login(trainee)
    response = client.post("/ar" + reverse("personal:profile"),
                           _profile_data(preferred_language="en"))
    assert response["Location"] == "/accounts/profile/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_other_changes_keep_the_language_of_the_address(client):
    trainee = TraineeFactory(full_name="Layla Haddad", preferred_language="ar", country="LB")
    client.force_login(trainee)
    response = client.post("/ar" + reverse("personal:profile"),
                           _profile_data(full_name="Layla Haddad-Saleh"))
    assert response["Location"] == "/ar/accounts/profile/"
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_profile_is_in_the_navigation_and_the_account_pages(client):
    client.force_login(TraineeFactory())
    for url in (reverse("courses:my_learning"), reverse("account_email")):
        assert f'href="{reverse("personal:profile")}"' in client.get(url).content.decode()
