"""factory_boy factories for every app. Each app's section is marked; keep to your own."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms.models import Organisation, User
from lms.roles import Role

TEST_PASSWORD = "correct-horse-battery-9"
# The authenticator secret of every staff user the factories make (base32); tests and
# browser journeys compute its current code with `totp_code`.
TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# Staff must have a second factor before any page opens (lms.middleware).
STAFF_ROLES = {Role.SUPERVISOR, Role.TRAINER, Role.LEAD_TRAINER, Role.PROGRAMME_MANAGER,
               Role.COORDINATOR}


# --- lms -----------------------------------------------------------------------------

class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.NATIONAL_NGO
    country = "LB"


def _with_roles(*default_roles):
    """Post-generation hook adding groups: roles=[...] when given, else the defaults."""

    def add_roles(user, create, extracted, **kwargs):
        roles = default_roles if extracted is None else extracted
        if create and roles:
            user.groups.add(*Group.objects.filter(name__in=[Role(r).value for r in roles]))
            if {Role(r) for r in roles} & STAFF_ROLES and not getattr(user, "_no_totp", False):
                add_totp(user)

    return factory.PostGeneration(add_roles)


class UserFactory(factory.django.DjangoModelFactory):
    """A user with a verified e-mail. Pass roles=[Role.TRAINEE, ...] to add groups."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(TEST_PASSWORD)
    roles = _with_roles()

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Staff get an authenticator app (TEST_TOTP_SECRET) unless totp=False;
        totp=True gives one to anyone."""
        # Subclasses declare `roles` again, which runs it after this hook: each hook
        # looks at what the other did.
        if not create:
            return
        if extracted is False:
            self._no_totp = True
            self.authenticator_set.all().delete()
        elif extracted or self.is_staff or self.is_superuser or self.groups.filter(
                name__in=[r.value for r in STAFF_ROLES]).exists():
            add_totp(self)


def add_totp(user, secret=TEST_TOTP_SECRET):
    """Give the user an authenticator app with this secret (idempotent)."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(user=user, type=Authenticator.Type.TOTP,
                                        defaults={"data": {"secret": secret}})
    return user


def totp_code(secret=TEST_TOTP_SECRET, at=None):
    """The authenticator app's code for this secret now (or at a Unix time)."""
    import time

    from allauth.mfa import app_settings
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    counter = int(time.time() if at is None else at) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(secret, counter))


class TraineeFactory(UserFactory):
    roles = _with_roles(Role.TRAINEE)


class SupervisorFactory(UserFactory):
    roles = _with_roles(Role.SUPERVISOR)


class TrainerFactory(UserFactory):
    roles = _with_roles(Role.TRAINER)


class ManagerFactory(UserFactory):
    roles = _with_roles(Role.PROGRAMME_MANAGER)


class CoordinatorFactory(UserFactory):
    roles = _with_roles(Role.COORDINATOR)


# --- content -------------------------------------------------------------------------

def home_page():
    """The English home page created by the content migrations."""
    from content.models import HomePage

    return HomePage.objects.get(depth=2, locale__language_code="en")


def catalogue_page():
    """The English catalogue under the home page, created once per test database."""
    from content.models import CatalogueIndexPage

    existing = CatalogueIndexPage.objects.filter(locale__language_code="en").first()
    return existing or CatalogueIndexPageFactory(parent=home_page())


class _PageFactory(factory.django.DjangoModelFactory):
    """Creates a Wagtail page as a child of `parent` (live unless live=False)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        if page.live:
            page.save_revision().publish()
        return page


class CatalogueIndexPageFactory(_PageFactory):
    class Meta:
        model = "content.CatalogueIndexPage"

    title = "Courses"
    slug = factory.Sequence(lambda n: f"courses-{n}")
    parent = factory.LazyFunction(home_page)


class CurriculumPageFactory(_PageFactory):
    class Meta:
        model = "content.CurriculumPage"

    title = factory.Sequence(lambda n: f"Curriculum {n}")
    slug = factory.Sequence(lambda n: f"curriculum-{n}")
    summary = "A training programme."
    parent = factory.LazyFunction(catalogue_page)


class CoursePageFactory(_PageFactory):
    class Meta:
        model = "content.CoursePage"

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "What this course teaches."
    parent = factory.SubFactory(CurriculumPageFactory)


class ModulePageFactory(_PageFactory):
    class Meta:
        model = "content.ModulePage"

    title = factory.Sequence(lambda n: f"Module {n}")
    slug = factory.Sequence(lambda n: f"module-{n}")
    parent = factory.SubFactory(CoursePageFactory)


class LessonPageFactory(_PageFactory):
    class Meta:
        model = "content.LessonPage"

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    body = factory.LazyFunction(
        lambda: [("rich_text", _rich_text("<p>Listen before you advise.</p>"))])
    parent = factory.SubFactory(ModulePageFactory)


def _rich_text(html):
    from wagtail.rich_text import RichText

    return RichText(html)


def single_choice_question(prompt="Which response shows active listening?", correct=0,
                           choices=("Reflecting back what you heard", "Giving advice at once",
                                    "Changing the subject")):
    return ("single_choice", {
        "prompt": prompt,
        "choices": [{"text": text, "is_correct": i == correct} for i, text in enumerate(choices)],
        "feedback_correct": "Yes: reflecting shows you heard.",
        "feedback_incorrect": "Not quite: listen and reflect first.",
    })


class AssessmentPageFactory(_PageFactory):
    class Meta:
        model = "content.AssessmentPage"

    title = factory.Sequence(lambda n: f"Assessment {n}")
    slug = factory.Sequence(lambda n: f"assessment-{n}")
    kind = "knowledge_check"
    questions = factory.LazyFunction(lambda: [single_choice_question()])
    parent = factory.SubFactory(ModulePageFactory)


def bank_questions(count, *, prefix="Bank question"):
    """``count`` single-choice questions of four choices each, numbered from 1."""
    return [single_choice_question(prompt=f"{prefix} {n}", correct=n % 4,
                                   choices=tuple(f"Choice {letter}{n}" for letter in "ABCD"))
            for n in range(1, count + 1)]


class QuestionBankFactory(factory.django.DjangoModelFactory):
    """A question bank in the default language with ten questions."""

    class Meta:
        model = "content.QuestionBank"

    name = factory.Sequence(lambda n: f"Question bank {n}")
    description = "Questions on the whole course."
    questions = factory.LazyFunction(lambda: bank_questions(10))


class CompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.Competency"
        django_get_or_create = ["framework", "code"]

    framework = "Foundational helping skills"
    code = factory.Sequence(lambda n: f"C{n}")
    name = factory.Sequence(lambda n: f"Competency {n}")
    level_1_descriptor = "Says or does something that could harm."
    level_2_descriptor = "Does it partly."
    level_3_descriptor = "Does it well."
    level_4_descriptor = "Does it well and teaches others."


class ActivityKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "content.ActivityKind"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Activity {n}")


# --- courses: cohorts and enrollments (every later section builds on these) ---------

def _today():
    from django.utils import timezone

    return timezone.localdate()


def _days(n):
    import datetime

    return datetime.timedelta(days=n)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Cohort"
        skip_postgeneration_save = True

    course = factory.SubFactory(CoursePageFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    country = "LB"
    location = "Beirut"
    start_date = factory.LazyFunction(lambda: _today() - _days(10))
    end_date = factory.LazyFunction(lambda: _today() + _days(80))


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "courses.Enrollment"

    trainee = factory.SubFactory(TraineeFactory)
    course = factory.LazyAttribute(lambda o: o.cohort.course if o.cohort else CoursePageFactory())
    cohort = None


# --- supervision ---------------------------------------------------------------------

def practice_course(*, practice=(("Individual counselling session", "2"),),
                    competencies=(("Active listening", 3),), supervision_hours="1", **kwargs):
    """A course requiring practice hours per activity kind, supervision and competencies."""
    from decimal import Decimal

    from content.models import CourseCompetency, CoursePracticeRequirement

    course = CoursePageFactory(required_supervision_hours=Decimal(supervision_hours), **kwargs)
    for order, (name, hours) in enumerate(practice):
        CoursePracticeRequirement.objects.create(
            course=course, activity_kind=ActivityKindFactory(name=name),
            minimum_hours=Decimal(hours), sort_order=order)
    for order, (name, level) in enumerate(competencies):
        CourseCompetency.objects.create(
            course=course, competency=CompetencyFactory(name=name, code=f"PC{order}-{course.pk}"),
            required_level=level, sort_order=order)
    return course


class PracticeEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "supervision.PracticeEntry"

    enrollment = factory.SubFactory(EnrollmentFactory)
    date = factory.LazyFunction(_today)
    duration_minutes = 60
    activity_kind = factory.LazyAttribute(
        lambda o: o.enrollment.course.practice_requirements.first().activity_kind)
    modality = "in_person"
    setting = "community_centre"
    people_served = 1
    language = "Arabic"
    went_well = "I listened and reflected feelings back."


# --- certificates --------------------------------------------------------------------

def _now():
    from django.utils import timezone

    return timezone.now()


class CertificateCohortFactory(CohortFactory):
    """A cohort on a course whose certificate is valid for two years."""

    course = factory.SubFactory(CoursePageFactory, certificate_validity_months=24)


class CertificateEnrollmentFactory(EnrollmentFactory):
    """A completed enrollment (pass status="active", completed_at=None for an open one)."""

    course = factory.LazyAttribute(
        lambda o: o.cohort.course if o.cohort else CoursePageFactory(certificate_validity_months=24))
    status = "completed"
    completed_at = factory.LazyFunction(_now)


class CertificateFactory(factory.django.DjangoModelFactory):
    """An issued certificate with a snapshot; no PDF until rendered."""

    class Meta:
        model = "certificates.Certificate"

    enrollment = factory.SubFactory(CertificateEnrollmentFactory)
    name_as_issued = factory.LazyAttribute(lambda o: o.enrollment.trainee.full_name)
    course_title = factory.LazyAttribute(lambda o: o.enrollment.course.title)
    language = "en"
    completion_date = factory.LazyFunction(lambda: _today() - _days(1))
    issued_on = factory.LazyFunction(_today)
    expires_on = factory.LazyFunction(lambda: _today() + _days(730))
    issuing_organisation = "Sanad Training Network"
    practice_hours = factory.LazyFunction(
        lambda: [{"activity_kind": "Individual counselling session", "hours": "12.50"}])
    supervision_hours = 6
    competency_levels = factory.LazyFunction(
        lambda: [{"code": "C1", "title": "Active listening", "level": 3,
                  "label": "3 — Competent"}])


# --- courses -------------------------------------------------------------------------

def true_false_question(prompt="Psychological first aid is a form of therapy.", answer="false"):
    return ("true_false", {"prompt": prompt, "answer": answer,
                           "feedback_correct": "Right.", "feedback_incorrect": "Look again."})


def multiple_choice_question(prompt="Which are signs of distress?", correct=(0, 1),
                             choices=("Not sleeping", "Withdrawing from others", "Laughing")):
    return ("multiple_choice", {
        "prompt": prompt,
        "choices": [{"text": text, "is_correct": i in correct} for i, text in enumerate(choices)],
        "feedback_correct": "Yes.", "feedback_incorrect": "Both are signs.",
    })


def learning_course(*, modules=2, lessons_per_module=2, optional_lessons=1, post_test=True,
                    pre_test=True, **kwargs):
    """A live course: pre-test, modules of lessons (plus optional ones) and a knowledge
    check each, and a post-test with three questions (pass mark 60%, 2 attempts)."""
    course = CoursePageFactory(**kwargs)
    if pre_test:
        AssessmentPageFactory(parent=course, kind="pre_test", title="Pre-test", slug="pre-test",
                              questions=[single_choice_question()], max_attempts=1)
    for m in range(modules):
        module = ModulePageFactory(parent=course, title=f"Module {m + 1}")
        for n in range(lessons_per_module):
            LessonPageFactory(parent=module, title=f"Lesson {m + 1}.{n + 1}")
        for n in range(optional_lessons):
            LessonPageFactory(parent=module, title=f"Optional {m + 1}.{n + 1}", optional=True)
        AssessmentPageFactory(parent=module, kind="knowledge_check", title=f"Check {m + 1}")
    if post_test:
        AssessmentPageFactory(parent=course, kind="post_test", title="Post-test",
                              slug="post-test", pass_mark=60, max_attempts=2,
                              questions=[single_choice_question(), true_false_question(),
                                         multiple_choice_question()])
    return course
