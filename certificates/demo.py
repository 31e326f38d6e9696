"""Demo data for certificates: the default template in French and Arabic, a signing key
for Open Badges, and certificates for every completed demo enrollment. Idempotent."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Locale

from content.models import CertificateTemplate

TRANSLATIONS = {
    "fr": {
        "title": "Certificat de réussite",
        "body": "Nous certifions que {name} a suivi avec succès la formation {course}, "
                "achevée le {date}, dont {hours} de pratique supervisée validée.",
        "issuing_organisation": "Sanad",
    },
    "ar": {
        "title": "شهادة إتمام",
        "body": "نشهد بأنّ {name} قد أتمّ بنجاح {course} بتاريخ {date}، "
                "بما في ذلك {hours} من الممارسة المعتمدة تحت الإشراف.",
        "issuing_organisation": "سند",
    },
}


def ensure_default_template_translations() -> list[CertificateTemplate]:
    """French and Arabic versions of the default template, for the locales that exist."""
    default = (CertificateTemplate.objects.filter(is_default=True, locale__language_code="en")
               .first() or CertificateTemplate.objects.filter(is_default=True).first())
    if default is None:
        return []
    made = []
    for language, text in TRANSLATIONS.items():
        locale = Locale.objects.filter(language_code=language).first()
        if locale is None:
            continue
        translation, _created = CertificateTemplate.objects.update_or_create(
            translation_key=default.translation_key, locale=locale,
            defaults={"name": f"{default.name} ({language})", "is_default": True,
                      "accent_colour": default.accent_colour, "logo": default.logo, **text})
        made.append(translation)
    return made


def _ensure_signing_key(stdout) -> None:
    # Only for a local demo (DEBUG): tests and deployments bring their own key.
    if settings.SANAD_OB_SIGNING_KEY or settings.SANAD_OB_SIGNING_KEY_FILE or not settings.DEBUG:
        return
    from .management.commands.certificates_create_key import append_key_to_env

    path = append_key_to_env(settings.BASE_DIR / ".env")
    if path:
        stdout.write(f"  certificates: Open Badges signing key written to {path.name} "
                     "(restart the server to use it)")


GRADUATES = [
    ("graduate@sanad.example", "Maya Saleh", "en"),
    ("graduate.ar@sanad.example", "مريم العلي", "ar"),
]


def _graduate(email: str, full_name: str, language: str, cohort) -> int | None:
    """A demo trainee who has met every requirement of the cohort's course.

    Lessons, post-test, approved practice, supervision and ratings are recorded, then
    the ordinary completion check runs: the certificate follows from the completion
    signal exactly as it would for a real trainee.
    """
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from courses import selectors as course_selectors
    from courses.models import AssessmentAttempt, Enrollment, LessonProgress
    from courses.services import enrollment_check_completion
    from lms.demo import ensure_person
    from lms.models import User
    from lms.roles import Role
    from supervision.models import CompetencyRating, PracticeEntry, SupervisionSession

    trainee = ensure_person(email, full_name, [Role.TRAINEE], cohort.organisation,
                            cohort.country, language)
    enrollment, _ = Enrollment.objects.get_or_create(
        trainee=trainee, course_key=cohort.course.translation_key,
        defaults={"course": cohort.course, "cohort": cohort})
    if enrollment.status == Enrollment.Status.COMPLETED:
        return None
    supervisor = (User.objects.filter(email="supervisor@sanad.example").first()
                  or cohort.supervisors.first())
    if supervisor is None:
        return None
    course_selectors.prefetch_learning([enrollment])
    plan = enrollment.course_plan
    for key in plan.required_lesson_keys:
        LessonProgress.objects.get_or_create(enrollment=enrollment, page_key=key)
    if plan.post_test is not None:
        AssessmentAttempt.objects.get_or_create(
            enrollment=enrollment, assessment_key=plan.post_test.translation_key, number=1,
            defaults={"kind": "post_test", "score": Decimal(90), "passed": True})
    course = cohort.course
    day = timezone.localdate() - datetime.timedelta(days=7)
    now = timezone.now()
    for requirement in course.practice_requirements.all():
        minutes = int(requirement.minimum_hours * 60) or 60
        PracticeEntry.objects.get_or_create(
            enrollment=enrollment, activity_kind=requirement.activity_kind, date=day,
            defaults={"duration_minutes": min(minutes, 720), "modality": "in_person",
                      "setting": "community_centre", "language": "Arabic",
                      "went_well": "Listened and reflected back.", "state": "approved",
                      "submitted_at": now, "approved_at": now, "approved_by": supervisor})
    if course.required_supervision_hours and not enrollment.supervision_sessions.exists():
        session = SupervisionSession.objects.create(
            supervisor=supervisor, date=day, format="group", topics="Case review",
            duration_minutes=int(course.required_supervision_hours * 60))
        session.enrollments.add(enrollment)
    for requirement in course.competency_requirements.all():
        CompetencyRating.objects.get_or_create(
            enrollment=enrollment, competency=requirement.competency,
            defaults={"supervisor": supervisor, "level": max(requirement.required_level, 3),
                      "observation": "role_play"})
    _endline(enrollment, course, supervisor, day)
    return enrollment.pk if enrollment_check_completion(enrollment_ids=[enrollment.pk]) else None


def _endline(enrollment, course, supervisor, day) -> None:
    """A final endline with each of the course's tools, every item at the level asked."""
    from django.utils import timezone

    from supervision.models import CompetencyAssessment, ItemResult

    for row in course.competency_tools.select_related("tool"):
        assessment, created = CompetencyAssessment.objects.get_or_create(
            enrollment=enrollment, tool=row.tool, kind=CompetencyAssessment.Kind.ENDLINE,
            defaults={"observation_type": CompetencyAssessment.ObservationType.LIVE_SESSION,
                      "observed_on": day, "state": CompetencyAssessment.State.FINAL,
                      "created_by": supervisor, "finalised_by": supervisor,
                      "finalised_at": timezone.now()})
        if created:
            ItemResult.objects.bulk_create([
                ItemResult(assessment=assessment, competency_id=item.competency_id,
                           level=max(row.required_level, 3)) for item in row.tool.items.all()])


def _let_cohort_trainers_revoke(cohort) -> None:
    """The demo cohort's trainers may revoke and correct its certificates (the demo
    programme manager works for another organisation)."""
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="revoke_certificate",
                                        content_type__app_label="certificates")
    for trainer in cohort.trainers.all():
        trainer.user_permissions.add(permission)


def seed(stdout) -> None:
    translations = ensure_default_template_translations()
    _ensure_signing_key(stdout)
    from courses.models import Cohort

    cohort = Cohort.objects.select_related("course", "organisation").order_by("pk").first()
    if cohort is not None:
        _let_cohort_trainers_revoke(cohort)
        graduated = [pk for email, name, language in GRADUATES
                     if (pk := _graduate(email, name, language, cohort))]
        if graduated:
            stdout.write(f"  certificates: {len(graduated)} demo graduates completed "
                         "(graduate@ and graduate.ar@sanad.example)")
    programme = _seed_programme(stdout)
    from . import selectors
    from .tasks import issue_certificate, render_certificate

    # Demo enrollments that are already complete get their certificates now, as the
    # beat sweeper would do within the hour. The programme's hundred or so certificates
    # are left without PDFs (their pages say "PDF pending") so that seeding stays fast;
    # the sweeper renders them in the background.
    eligible = list(selectors.eligible_enrollments().exclude(cohort__name__in=programme)
                    .values_list("pk", flat=True))
    missing = list(selectors.certificates_missing_pdf()
                   .exclude(enrollment__cohort__name__in=programme).values_list("pk", flat=True))
    for enrollment_id in eligible:
        issue_certificate.delay_on_commit(enrollment_id)
    for certificate_id in missing:
        render_certificate.delay_on_commit(certificate_id)
    stdout.write(f"  certificates: default template in {1 + len(translations)} languages; "
                 f"{len(eligible)} certificates queued")


REVOCATION_REASON = ("Practice hours were found to have been logged twice. The trainee "
                     "will complete the supervised practice again.")


def _seed_programme(stdout) -> list[str]:
    """Certificates for the programme cohorts' completed enrollments, issued through the
    service (snapshot, status list, audit) and dated a few days after completion; the
    first Zaatari certificate is revoked. Returns the programme cohorts' names."""
    import datetime
    import random

    from django.utils import timezone

    from courses.demo import PROGRAMME_COHORTS, SEED
    from lms.models import User

    from . import selectors, services
    from .models import Certificate

    names = [c.name for c in PROGRAMME_COHORTS]
    today = timezone.localdate()
    issued = 0
    for enrollment in (selectors.eligible_enrollments().filter(cohort__name__in=names)
                       .select_related("trainee").order_by("trainee__email")):
        certificate, created = services.certificate_issue(enrollment_id=enrollment.pk)
        if not created:
            continue
        rng = random.Random(f"{SEED}:{enrollment.trainee.email}:certificate")
        issued_on = min(today, certificate.completion_date
                        + datetime.timedelta(days=rng.randrange(1, 6)))
        Certificate.objects.filter(pk=certificate.pk).update(issued_on=issued_on)
        issued += 1
    zaatari = (Certificate.objects.filter(enrollment__cohort__name=PROGRAMME_COHORTS[2].name)
               .order_by("enrollment__trainee__email"))
    admin = User.objects.filter(email="admin@sanad.example").first()
    if admin and zaatari.exists() and not zaatari.filter(status=Certificate.Status.REVOKED).exists():
        services.certificate_revoke(
            certificate=zaatari.first(), actor=admin,
            category=Certificate.RevocationCategory.REQUIREMENTS_NOT_MET,
            reason=REVOCATION_REASON)
    stdout.write(f"  certificates: {issued} programme certificates issued (PDFs left to the "
                 "sweeper)")
    return names
