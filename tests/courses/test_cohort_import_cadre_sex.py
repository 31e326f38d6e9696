"""The optional cadre and sex columns of a cohort's trainee CSV: spellings accepted,
unknown values refused by line, and values that fill only what a person left empty."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses import services
from courses.imports import parse_trainee_csv
from courses.models import CohortInvitation
from lms.models import Cadre, Sex
from tests.factories import OrganisationFactory, TraineeFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db

HEADER = "full_name,email,organisation,cadre,sex\n"


@pytest.fixture
def cedar(db):
    return OrganisationFactory(name="Cedar Psychosocial Network")


def _csv(text):
    return SimpleUploadedFile("trainees.csv", text.encode("utf-8"), content_type="text/csv")


def _post(client, cohort, text):
    return client.post(reverse("courses:cohort_trainees", args=[cohort.pk]),
                       with_token({"csv_file": _csv(text)}))


@pytest.mark.parametrize("written, expected", [
    ("female", Sex.FEMALE), ("F", Sex.FEMALE), ("Femme", Sex.FEMALE), ("أنثى", Sex.FEMALE),
    ("male", Sex.MALE), ("m", Sex.MALE), ("homme", Sex.MALE), ("ذكر", Sex.MALE),
    ("Other", Sex.OTHER), ("undisclosed", Sex.UNDISCLOSED),
    ("Prefer not to say", Sex.UNDISCLOSED), ("", ""),
])
def test_sex_spellings(written, expected):
    rows = parse_trainee_csv(_csv(HEADER + f"Layla,layla@example.org,Cedar,,{written}\n"))
    assert rows[0].sex == expected


def test_files_without_the_optional_columns_still_import():
    rows = parse_trainee_csv(_csv("full_name,email,organisation\nLayla,l@example.org,Cedar\n"))
    assert (rows[0].cadre, rows[0].sex) == ("", "")


def test_unknown_sex_is_refused_by_line():
    with pytest.raises(ValidationError) as caught:
        parse_trainee_csv(_csv(HEADER + "Layla,l@example.org,Cedar,,female\n"
                                        "Omar,o@example.org,Cedar,,yes\n"))
    assert caught.value.messages == [
        "Line 3: sex: “yes” is not one of female, male, other, undisclosed (or f, m)."]


@pytest.mark.parametrize("written", ["nurse", "NURSE", "Nurse", " nurse "])
def test_cadre_by_code_or_name_in_any_case(client, trainer, cohort, cedar, written):
    client.force_login(trainer)
    response = _post(client, cohort, HEADER + f"Layla,l@example.org,Cedar Psychosocial "
                                              f"Network,{written},\n")
    assert response.status_code == 302
    assert CohortInvitation.objects.get().cadre.code == "nurse"


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_cadre_by_its_label_in_each_language(language):
    from django.utils import translation

    from courses.imports import cadre_lookup, find_cadre

    community_worker = Cadre.objects.get(code="community_worker")
    with translation.override(language):
        label = str(community_worker)
    assert find_cadre(cadre_lookup(), label.upper()) == community_worker
    assert find_cadre(cadre_lookup(), "community-worker") == community_worker


def test_an_agencys_own_cadre_by_its_stored_name(client, trainer, cohort, cedar):
    Cadre.objects.create(code="peer_supporter", name="Peer supporter", position=20)
    client.force_login(trainer)
    _post(client, cohort, HEADER + "Layla,l@example.org,Cedar Psychosocial Network,"
                                   "peer SUPPORTER,f\n")
    invitation = CohortInvitation.objects.get()
    assert (invitation.cadre.code, invitation.sex) == ("peer_supporter", Sex.FEMALE)


def test_unknown_cadre_and_sex_refuse_the_whole_file_by_line(client, trainer, cohort, cedar):
    client.force_login(trainer)
    response = _post(client, cohort, HEADER
                     + "Layla,l@example.org,Cedar Psychosocial Network,nurse,female\n"
                     + "Omar,o@example.org,Cedar Psychosocial Network,astronaut,male\n"
                     + "Rana,r@example.org,Cedar Psychosocial Network,,maybe\n")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Line 4: sex: “maybe” is not one of" in body
    assert not CohortInvitation.objects.exists()
    # The sex was refused by the parser; the cadre is checked once the file parses.
    response = _post(client, cohort, HEADER
                     + "Layla,l@example.org,Cedar Psychosocial Network,nurse,female\n"
                     + "Omar,o@example.org,Cedar Psychosocial Network,astronaut,male\n")
    assert "Line 3: cadre: there is no cadre called “astronaut”." in response.content.decode()
    assert not CohortInvitation.objects.exists()


def test_a_control_character_in_the_cadre_is_refused_by_line():
    with pytest.raises(ValidationError) as caught:
        parse_trainee_csv(_csv(HEADER + "Layla,l@example.org,Cedar,nu\x1brse,\n"))
    assert caught.value.messages[0].startswith("Line 2: cadre:")


def _join(trainer, cohort, user, cadre="nurse", sex="female"):
    outcome = services.cohort_add_trainees(actor=trainer, cohort=cohort, rows=[
        services.TraineeRow(line=2, email=user.email, cadre=cadre, sex=sex)])
    return services.cohort_invitation_accept(user=user, invitation=outcome.invited[0])


def test_joining_fills_an_empty_cadre_and_sex(trainer, cohort):
    trainee = TraineeFactory()
    _join(trainer, cohort, trainee)
    trainee.refresh_from_db()
    assert (trainee.cadre.code, trainee.sex) == ("nurse", Sex.FEMALE)


def test_joining_never_overwrites_what_the_person_set(trainer, cohort):
    teacher = Cadre.objects.get(code="teacher")
    trainee = TraineeFactory(cadre=teacher, sex=Sex.UNDISCLOSED)
    _join(trainer, cohort, trainee)
    trainee.refresh_from_db()
    assert (trainee.cadre, trainee.sex) == (teacher, Sex.UNDISCLOSED)


def test_an_invitation_changes_nobody_before_it_is_accepted(trainer, cohort):
    trainee = TraineeFactory()
    services.cohort_add_trainees(actor=trainer, cohort=cohort, rows=[
        services.TraineeRow(line=2, email=trainee.email, cadre="nurse", sex="male")])
    trainee.refresh_from_db()
    assert (trainee.cadre, trainee.sex) == (None, "")
