"""A cohort's site: one of its organisation's sites, in the form and in the service."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses import services
from courses.forms import CohortForm
from courses.models import Cohort
from lms.models import Site
from tests.factories import OrganisationFactory
from tests.once import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def cedar(db):
    return OrganisationFactory(name="Cedar Psychosocial Network")


@pytest.fixture
def horizons(db):
    return OrganisationFactory(name="Horizons International Relief", country="JO")


@pytest.fixture
def shatila(cedar):
    return Site.objects.create(organisation=cedar, name="Shatila community centre",
                               kind=Site.Kind.COMMUNITY_CENTRE, country="LB",
                               admin_area="Beirut")


@pytest.fixture
def zaatari(horizons):
    return Site.objects.create(organisation=horizons, name="Zaatari camp", kind=Site.Kind.CAMP,
                               country="JO", admin_area="Mafraq")


def _data(course, organisation, site=None, **extra):
    return {"course": course.pk, "name": "Tyre autumn", "organisation": organisation.pk,
            "site": site.pk if site else "", "country": "LB", "language": "ar",
            "start_date": "2026-09-01", "end_date": "2026-12-01", **extra}


def test_the_form_offers_only_the_sites_of_the_persons_organisation(manager, cedar, shatila,
                                                                    zaatari):
    form = CohortForm(initial={"organisation": cedar.pk})
    offered = [value for value, _label in form.fields["site"].choices if value]
    assert offered == [shatila.pk]
    assert "Shatila community centre (Beirut)" in str(form["site"])
    assert "Zaatari" not in str(form["site"])


def test_the_form_follows_the_organisation_chosen(course, horizons, shatila, zaatari):
    form = CohortForm(_data(course, horizons))
    offered = [value for value, _label in form.fields["site"].choices if value]
    assert offered == [zaatari.pk]


def test_a_form_without_an_organisation_offers_no_site(shatila):
    assert [v for v, _l in CohortForm().fields["site"].choices if v] == []


def test_create_a_cohort_at_a_site(client, trainer, course, cedar, shatila):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_create"),
                           with_token(_data(course, cedar, shatila)))
    assert response.status_code == 302
    assert Cohort.objects.get().site == shatila


def test_a_site_is_optional(client, trainer, course, cedar):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_create"), with_token(_data(course, cedar)))
    assert response.status_code == 302
    assert Cohort.objects.get().site is None


def test_a_site_of_another_organisation_is_refused_with_a_clear_message(
        client, trainer, course, cedar, zaatari):
    client.force_login(trainer)
    response = client.post(reverse("courses:cohort_create"),
                           with_token(_data(course, cedar, zaatari)))
    assert response.status_code == 200
    assert response.context["form"].errors["site"] == [
        "“Zaatari camp” is a site of Horizons International Relief, not of Cedar "
        "Psychosocial Network. Choose one of Cedar Psychosocial Network's sites."]
    assert not Cohort.objects.exists()


@pytest.mark.parametrize("value", ["999999", "camp", "-1"])
def test_a_site_that_does_not_exist_is_refused(client, trainer, course, cedar, value):
    client.force_login(trainer)
    data = _data(course, cedar)
    data["site"] = value
    response = client.post(reverse("courses:cohort_create"), with_token(data))
    assert response.status_code == 200
    assert "Select a valid choice" in response.context["form"].errors["site"][0]
    assert not Cohort.objects.exists()


def test_the_service_refuses_a_site_of_another_organisation_too(trainer, course, cedar,
                                                                zaatari):
    cohort = Cohort(course=course, name="X", organisation=cedar, site=zaatari, country="LB",
                    start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 10, 1))
    with pytest.raises(ValidationError, match="one of its organisation's sites"):
        services.cohort_create(actor=trainer, cohort=cohort)
    assert not Cohort.objects.exists()
