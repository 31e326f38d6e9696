import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import Locale

from certificates.demo import ensure_default_template_translations
from certificates.openbadges import new_private_key_pem
from tests.factories import (
    ActivityKindFactory,
    CertificateCohortFactory,
    CertificateEnrollmentFactory,
    CompetencyFactory,
    SupervisorFactory,
)


@pytest.fixture
def signing_key(settings):
    """A fresh Ed25519 key for the test, as the settings would hold it."""
    settings.SANAD_OB_SIGNING_KEY = new_private_key_pem()
    settings.SANAD_OB_SIGNING_KEY_FILE = ""
    return settings.SANAD_OB_SIGNING_KEY


@pytest.fixture
def arabic_template(db):
    """The default template's Arabic translation (and French), as the demo makes them."""
    for code in ("ar", "fr"):
        Locale.objects.get_or_create(language_code=code)
    return {t.locale.language_code: t for t in ensure_default_template_translations()}["ar"]


@pytest.fixture
def cohort(db, manager, trainer):
    cohort = CertificateCohortFactory(organisation=manager.organisation)
    cohort.trainers.add(trainer)
    return cohort


def record_practice(enrollment, *, kind="Individual counselling session", minutes=150,
                    supervision_minutes=90, competency=("C-AL", "Active listening", 3)):
    """Approved practice, a supervision session and a rating for an enrollment."""
    from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession

    supervisor = SupervisorFactory()
    PracticeEntry.objects.create(
        enrollment=enrollment, date=timezone.localdate(), duration_minutes=minutes,
        activity_kind=ActivityKindFactory(name=kind), modality="in_person",
        setting="community_centre", language="Arabic", state="approved",
        approved_by=supervisor, approved_at=timezone.now())
    session = SupervisionSession.objects.create(
        supervisor=supervisor, date=timezone.localdate(), duration_minutes=supervision_minutes,
        format="group", topics="Reflective listening")
    session.enrollments.add(enrollment)
    code, title, level = competency
    CompetencyRating.objects.create(
        enrollment=enrollment, competency=CompetencyFactory(code=code, name=title),
        supervisor=supervisor, level=level, observation="role_play")
    return Decimal(minutes) / 60


@pytest.fixture
def completed_enrollment(db, trainee):
    enrollment = CertificateEnrollmentFactory(
        trainee=trainee, completed_at=timezone.now() - datetime.timedelta(days=1))
    record_practice(enrollment)
    return enrollment
