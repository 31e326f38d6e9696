"""Who may open what: every URL of the site against every kind of person.

One realistic world (two organisations, a course with pages, two cohorts, an enrollment
with practice entries, a session, a rating, a certificate) and one table, `MATRIX`: a row
per URL name saying how to build its arguments from the world and what each role gets.
Every URL pattern of our apps must have a row: a new URL without one fails
`test_every_url_has_a_row`, naming it. Third-party prefixes are delegated to their
package, each with a few representative checks in `DELEGATED`.

Adding a row is one line, e.g.::

    Row("courses:cohort_detail", kw(pk="cohort"), ok=COHORT_STAFF),

`ok` roles get `status` (200 unless said otherwise); other signed-in roles get `denied`
(404: missing and forbidden look alike); anonymous users are sent to log in. For a POST,
every role outside `ok` must also leave the world unchanged. Each request runs in a
transaction rolled back afterwards, so one role's POST never changes the next one's world.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.openbadges import new_private_key_pem
from courses.models import (
    AssessmentAttempt,
    Cohort,
    CohortInvitation,
    Enrollment,
    LessonProgress,
    Reflection,
)
from lms.models import AuditEvent, Consortium, ErasureRequest, ExportFile, Organisation
from lms.roles import Role
from supervision.models import (
    CalibrationExercise,
    CalibrationRating,
    CompetencyAssessment,
    CompetencyRating,
    FollowUp,
    ItemRating,
    PracticeEntry,
    SupervisionRequest,
    SupervisionSession,
    SupervisorAssignment,
)
from tests.factories import (
    AssessmentPageFactory,
    CertificateFactory,
    CohortFactory,
    CompetencyFactory,
    CoordinatorFactory,
    EnrollmentFactory,
    LessonPageFactory,
    ManagerFactory,
    ModulePageFactory,
    PracticeEntryFactory,
    SupervisorFactory,
    TraineeFactory,
    TrainerFactory,
    UserFactory,
    practice_course,
    single_choice_question,
)
from tests.supervision.assessment_world import add_tool, assess, competency_tool, start

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "owner", "other_trainee", "supervisor", "other_supervisor", "trainer",
         "other_trainer", "manager", "other_manager", "coordinator", "lead_trainer", "admin")
SIGNED_IN = frozenset(ROLES[1:])
EVERYONE = frozenset(ROLES)
# Those who open cohort pages at all, and those who open this world's cohort.
STAFF = frozenset({"trainer", "other_trainer", "manager", "other_manager", "admin"})
COHORT_STAFF = frozenset({"trainer", "manager", "admin"})
# Those who read the owner's logbook.
READERS = frozenset({"owner", "supervisor", "trainer", "manager", "admin"})
SUPERVISORS = frozenset({"supervisor", "other_supervisor", "admin"})
OWNER = frozenset({"owner"})
SUPERVISOR = frozenset({"supervisor"})
# Those who see programme indicators (lms.indicators.viewer_for).
PROGRAMME = frozenset({"trainer", "other_trainer", "manager", "other_manager", "coordinator",
                       "admin"})

CALIBRATION_LEADS = frozenset({"lead_trainer", "admin"})
CALIBRATION_RATERS = frozenset({"supervisor", "other_supervisor"})

LOGIN = "login"  # a redirect to the login page


@dataclass
class World:
    users: dict
    organisation: Organisation
    course: object
    lesson: object
    post_test: object
    cohort: Cohort
    other_cohort: Cohort
    enrollment: Enrollment
    draft: PracticeEntry
    submitted: PracticeEntry
    approved: PracticeEntry
    session: SupervisionSession
    rating: CompetencyRating
    certificate: Certificate
    export: ExportFile
    erasure_request: ErasureRequest
    invitation: CohortInvitation
    supervision_request: SupervisionRequest
    reflection: Reflection
    assessment: CompetencyAssessment
    follow_up: FollowUp
    calibration: CalibrationExercise


def kw(**names: str) -> Callable[[World], dict]:
    """URL kwargs from the world: kw(pk="cohort") → {"pk": world.cohort.pk};
    a dotted path is read as is: kw(code="certificate.code")."""

    def build(world: World) -> dict:
        values = {}
        for key, dotted in names.items():
            obj = world
            for part in dotted.split("."):
                obj = getattr(obj, part)
            values[key] = obj if "." in dotted else obj.pk
        return values

    return build


def no_kwargs(world: World) -> dict:
    return {}


def calibration_levels(world: World) -> dict:
    """A complete blind rating of the world's calibration exercise: level 3 everywhere."""
    return {f"level_{item.competency_id}": "3" for item in world.calibration.tool.items.all()}


@dataclass(frozen=True)
class Row:
    name: str
    kwargs: Callable[[World], dict] = no_kwargs
    ok: frozenset = frozenset()
    status: int = 200
    denied: int | str = 404
    anonymous: int | str = LOGIN
    method: str = "get"
    data: Callable[[World], dict] = no_kwargs
    overrides: dict = field(default_factory=dict)

    def expected(self, role: str) -> int | str:
        if role in self.overrides:
            return self.overrides[role]
        if role in self.ok:
            return self.status
        return self.anonymous if role == "anonymous" else self.denied


PUBLIC = {"ok": EVERYONE, "anonymous": 200}

MATRIX: list[Row] = [
    # content
    Row("content:catalogue", ok=EVERYONE, status=302, anonymous=302),
    # courses: the trainee's side
    Row("courses:my_learning", ok=SIGNED_IN),
    Row("courses:enrol", kw(page_id="course"), method="post", status=302,
        ok=frozenset({"owner", "other_trainee", "admin"})),
    Row("courses:withdraw", kw(pk="enrollment"), method="post", ok=OWNER, status=302),
    # What "Available offline" saves: the trainee's own course only.
    Row("courses:enrollment_offline", kw(pk="enrollment"), ok=OWNER),
    # Anyone signed in may try; without an enrollment they are told to enrol first.
    Row("courses:lesson_complete", kw(page_id="lesson"), method="post", ok=SIGNED_IN,
        status=302, overrides={role: 302 for role in SIGNED_IN - OWNER}),
    Row("courses:assessment_submit", kw(page_id="post_test"), method="post", ok=SIGNED_IN,
        status=302, overrides={role: 302 for role in SIGNED_IN - OWNER}),
    # A reflection is the trainee's own: only they write, read and share it.
    Row("courses:reflection_edit", kw(page_id="lesson", block_id="reflection.block_id"),
        ok=OWNER),
    Row("courses:reflection_edit", kw(page_id="lesson", block_id="reflection.block_id"),
        method="post", ok=OWNER, status=302,
        data=lambda w: {"text": "I listened more than I spoke today."}),
    Row("courses:my_reflections", ok=SIGNED_IN),
    Row("courses:reflection_share", kw(pk="reflection"), method="post", ok=OWNER,
        status=302),
    Row("courses:reflection_unshare", kw(pk="reflection"), method="post", ok=OWNER,
        status=302),
    Row("courses:invitation_accept", kw(pk="invitation"), method="post", ok=OWNER,
        status=302),
    Row("courses:invitation_decline", kw(pk="invitation"), method="post", ok=OWNER,
        status=302),
    # courses: trainers and programme managers
    Row("courses:cohort_list", ok=STAFF),
    Row("courses:cohort_create", ok=STAFF),
    Row("courses:cohort_detail", kw(pk="cohort"), ok=COHORT_STAFF),
    Row("courses:cohort_trainees", kw(pk="cohort"), ok=COHORT_STAFF),
    Row("courses:cohort_export_csv", kw(pk="cohort"), ok=COHORT_STAFF),
    # The workbook is built by an export job; the request redirects to the job's page.
    Row("courses:cohort_export_xlsx", kw(pk="cohort"), ok=COHORT_STAFF, status=302),
    # supervision: the logbook
    Row("supervision:logbook", ok=SIGNED_IN),
    Row("supervision:logbook_enrollment", kw(enrollment_id="enrollment"), ok=READERS),
    Row("supervision:entry_create", kw(enrollment_id="enrollment"), ok=OWNER),
    Row("supervision:entries_submit", kw(enrollment_id="enrollment"), method="post",
        ok=OWNER, status=302, data=lambda w: {"entries": [w.draft.pk]}),
    Row("supervision:logbook_csv", kw(enrollment_id="enrollment"), ok=READERS),
    Row("supervision:logbook_pdf", kw(enrollment_id="enrollment"), ok=READERS),
    Row("supervision:entry_detail", kw(pk="approved"), ok=READERS),
    Row("supervision:entry_edit", kw(pk="draft"), ok=OWNER),
    Row("supervision:entry_delete", kw(pk="draft"), method="post", ok=OWNER, status=302),
    Row("supervision:request_create", kw(enrollment_id="enrollment"), ok=OWNER),
    Row("supervision:request_cancel", kw(pk="supervision_request"), method="post", ok=OWNER,
        status=302),
    # supervision: the supervisor's side
    # A request is answered by the supervisor it is addressed to, in their own name.
    Row("supervision:request_accept", kw(pk="supervision_request"), method="post",
        ok=frozenset({"other_supervisor"}), status=302),
    Row("supervision:request_decline", kw(pk="supervision_request"), method="post",
        ok=frozenset({"other_supervisor"}), status=302),
    Row("supervision:queue", ok=SUPERVISORS),
    # Other supervisors pass the role gate, but the entry is not in their queue.
    Row("supervision:queue_approve", method="post", ok=SUPERVISOR, status=302,
        data=lambda w: {"entries": [w.submitted.pk]},
        overrides={"other_supervisor": 302, "admin": 302}),
    Row("supervision:entry_review", kw(pk="submitted"), ok=SUPERVISOR),
    Row("supervision:entry_review", kw(pk="submitted"), method="post", ok=SUPERVISOR,
        status=302, data=lambda w: {"decision": "approve", "comment": ""}),
    Row("supervision:trainees", ok=SUPERVISORS),
    Row("supervision:rating", kw(enrollment_id="enrollment"), ok=SUPERVISOR),
    # What the trainee shared, for their own supervisors only (not even a superuser).
    Row("supervision:shared_reflections", kw(enrollment_id="enrollment"), ok=SUPERVISOR),
    # Structured assessments: the trainee's own supervisors; rating is the raters' own.
    Row("supervision:assessment_start", kw(enrollment_id="enrollment"), ok=SUPERVISOR),
    Row("supervision:assessment_detail", kw(pk="assessment"), ok=SUPERVISOR),
    Row("supervision:assessment_rate", lambda w: {"pk": w.assessment.pk, "number": 1},
        ok=SUPERVISOR),
    Row("supervision:assessment_rate", lambda w: {"pk": w.assessment.pk, "number": 1},
        method="post", ok=SUPERVISOR, status=302, data=lambda w: {"level": 3}),
    Row("supervision:assessment_submit", kw(pk="assessment"), method="post", ok=SUPERVISOR,
        status=302),
    # Not waiting for agreement yet: its rater is sent back to the assessment.
    Row("supervision:assessment_consensus", kw(pk="assessment"), ok=SUPERVISOR, status=302),
    Row("supervision:follow_up_edit", kw(pk="follow_up"), ok=SUPERVISOR),
    Row("supervision:follow_up_edit", kw(pk="follow_up"), method="post", ok=SUPERVISOR,
        status=302, data=lambda w: {"plan": "Two role-plays on safe referral.",
                                    "due_on": timezone.localdate().isoformat()}),
    Row("supervision:competency_progress", kw(enrollment_id="enrollment"), ok=READERS),
    Row("supervision:sessions", ok=SUPERVISORS),
    Row("supervision:session_create", ok=SUPERVISORS),
    Row("supervision:hours_csv", ok=SUPERVISORS),
    # supervision: rater calibration. Lead trainers run exercises; supervisors rate them
    # blind in their own name (a superuser rates nothing) and hear the recording.
    Row("supervision:calibration_list", ok=SUPERVISORS),
    Row("supervision:calibration_manage", ok=CALIBRATION_LEADS),
    Row("supervision:calibration_create", kw(tool_id="calibration.tool_id"), ok=CALIBRATION_LEADS),
    Row("supervision:calibration_detail", kw(pk="calibration"), ok=CALIBRATION_LEADS),
    # Already open: the lead is told so; the reveal closes it.
    Row("supervision:calibration_publish", kw(pk="calibration"), method="post",
        ok=CALIBRATION_LEADS, status=302),
    Row("supervision:calibration_reveal", kw(pk="calibration"), method="post",
        ok=CALIBRATION_LEADS, status=302),
    Row("supervision:calibration_rate", kw(pk="calibration"), ok=CALIBRATION_RATERS),
    Row("supervision:calibration_rate", kw(pk="calibration"), method="post",
        ok=CALIBRATION_RATERS, status=302, data=lambda w: calibration_levels(w)),
    Row("supervision:calibration_recording", kw(pk="calibration"),
        ok=CALIBRATION_LEADS | CALIBRATION_RATERS),
    # supervision: trainers and programme managers
    Row("supervision:cohort_practice", kw(cohort_id="cohort"), ok=COHORT_STAFF),
    Row("supervision:cohort_practice", kw(cohort_id="cohort"), method="post",
        ok=COHORT_STAFF, status=302,
        data=lambda w: {"supervisor": w.users["other_supervisor"].pk}),
    Row("supervision:enrollment_supervisors", kw(enrollment_id="enrollment"),
        ok=COHORT_STAFF),
    # Programme managers assign supervisors to their organisation's self-paced trainees.
    Row("supervision:cohort_competencies", kw(cohort_id="cohort"), ok=COHORT_STAFF),
    Row("supervision:self_paced", ok=frozenset({"manager", "other_manager", "admin"})),
    # A course's supervisor pool: trainers of its cohorts and those who may edit it
    # (lead trainers edit every course page).
    Row("supervision:course_pool", kw(page_id="course"),
        ok=frozenset({"trainer", "other_trainer", "lead_trainer", "admin"})),
    # certificates: public verification
    Row("certificates:verify", **PUBLIC),
    Row("certificates:verify_json", kw(code="certificate.code"), **PUBLIC),
    Row("certificates:verify_code", kw(code="certificate.code"), **PUBLIC),
    Row("certificates:issuer", **PUBLIC),
    Row("certificates:jwks", **PUBLIC),
    Row("certificates:status_list", lambda w: {"number": 1}, **PUBLIC),
    # certificates: the holder
    Row("certificates:mine", ok=SIGNED_IN),
    # The PDF carries the transcript: its holder, and those who manage the certificate.
    Row("certificates:pdf", kw(pk="certificate"), ok=frozenset({"owner", "manager", "admin"})),
    Row("certificates:badge_json", kw(pk="certificate"), ok=OWNER),
    Row("certificates:badge_jwt", kw(pk="certificate"), ok=OWNER),
    # certificates: trainers and programme managers (trainers revoke only with permission)
    Row("certificates:manage", kw(pk="certificate"), ok=frozenset({"manager", "admin"})),
    Row("certificates:manage", kw(pk="certificate"), method="post", status=302,
        ok=frozenset({"manager", "admin"}),
        data=lambda w: {"action": "revoke", "revoke-category": "fraud",
                        "revoke-reason": "Forged attendance sheet", "revoke-confirm": "on"}),
    Row("certificates:cohort_list", ok=STAFF),
    Row("certificates:cohort", kw(pk="cohort"), ok=COHORT_STAFF),
    Row("certificates:cohort", kw(pk="cohort"), method="post", ok=COHORT_STAFF, status=302),
    # lms: browsers report Content Security Policy violations, signed in or not
    Row("csp_report", method="post", status=204, ok=EVERYONE, anonymous=204),
    # The installable app: its manifest and its service worker are everyone's.
    Row("lms:manifest", **PUBLIC),
    Row("service_worker", **PUBLIC),
    # lms: an export job is its requester's alone (the trainer here), superusers included
    Row("lms:export_detail", kw(pk="export"), ok=frozenset({"trainer"})),
    Row("lms:export_download", kw(pk="export"), ok=frozenset({"trainer"})),
    # lms: the offline outbox. Every signed-in person may send their device's writes; each
    # write is then checked by its own service (tests/*/test_offline_sync.py). A form post
    # is not a batch (400); anonymous devices are told to sign in (401), not redirected.
    Row("lms:offline_sync", method="post", ok=SIGNED_IN, status=400, anonymous=401),
    Row("lms:offline_outbox", ok=SIGNED_IN),
    # programme: indicators for managers, coordinators and trainers (own cohorts);
    # the comparison of organisations for coordinators; the report is an export job.
    Row("programme:overview", ok=PROGRAMME),
    Row("programme:overview_csv", ok=PROGRAMME),
    Row("programme:overview_xlsx", ok=PROGRAMME),
    Row("programme:indicator", lambda w: {"key": "enrolment"}, ok=PROGRAMME),
    Row("programme:indicator_csv", lambda w: {"key": "enrolment"}, ok=PROGRAMME),
    Row("programme:indicator_xlsx", lambda w: {"key": "enrolment"}, ok=PROGRAMME),
    Row("programme:consortium", ok=frozenset({"coordinator", "admin"})),
    Row("programme:consortium_csv", ok=frozenset({"coordinator", "admin"})),
    Row("programme:consortium_xlsx", ok=frozenset({"coordinator", "admin"})),
    Row("programme:four_w_csv", ok=PROGRAMME),
    Row("programme:report", ok=PROGRAMME, status=302),
    # lms: a person's own profile and data; administrators confirm erasure requests
    Row("personal:profile", ok=SIGNED_IN),
    Row("personal:your_data", ok=SIGNED_IN),
    Row("personal:download", ok=SIGNED_IN),
    Row("personal:request_erasure", method="post", ok=SIGNED_IN, status=302),
    Row("personal:erasure_requests", ok=frozenset({"admin"})),
    Row("personal:confirm_erasure", kw(pk="erasure_request"), method="post",
        ok=frozenset({"admin"}), status=302),
]

CMS_LOGIN = (302, "/cms/login/")
ADMIN_LOGIN = (302, "/django-admin/login/")
# The CMS's and the admin's log-in forms hand over to allauth's (second factor, limits).
ALLAUTH_LOGIN = (302, "/accounts/login/?next=")

# Third-party URLs: the package decides; a representative check or more for each.
# (role, method, path from the world, expected)
DELEGATED: dict[str, list[tuple]] = {
    "cms/": [("trainer", "get", lambda w: "/cms/", 200),
             ("owner", "get", lambda w: "/cms/", CMS_LOGIN),
             ("manager", "get", lambda w: "/cms/", CMS_LOGIN),
             ("coordinator", "get", lambda w: "/cms/", CMS_LOGIN),
             ("anonymous", "get", lambda w: "/cms/", CMS_LOGIN),
             ("anonymous", "get", lambda w: "/cms/login/", ALLAUTH_LOGIN),
             ("anonymous", "post", lambda w: "/cms/login/", ALLAUTH_LOGIN),
             ("owner", "get", lambda w: "/cms/login/", (302, "/")),
             ("trainer", "get", lambda w: "/cms/login/", (302, "/cms/"))],
    "django-admin/": [("admin", "get", lambda w: "/django-admin/", 200),
                      ("manager", "get", lambda w: "/django-admin/", ADMIN_LOGIN),
                      ("trainer", "get", lambda w: "/django-admin/", ADMIN_LOGIN),
                      ("anonymous", "get", lambda w: "/django-admin/", ADMIN_LOGIN),
                      ("anonymous", "get", lambda w: "/django-admin/login/", ALLAUTH_LOGIN),
                      ("anonymous", "post", lambda w: "/django-admin/login/", ALLAUTH_LOGIN),
                      ("owner", "get", lambda w: "/django-admin/login/", 403)],
    "accounts/": [("anonymous", "get", lambda w: "/accounts/login/", 200),
                  ("anonymous", "get", lambda w: "/accounts/email/", LOGIN),
                  ("owner", "get", lambda w: "/accounts/email/", 200),
                  # Signed-in sessions (allauth.usersessions) and two-factor set-up.
                  ("anonymous", "get", lambda w: "/accounts/sessions/", LOGIN),
                  ("owner", "get", lambda w: "/accounts/sessions/", 200),
                  ("supervisor", "get", lambda w: "/accounts/2fa/", 200),
                  ("anonymous", "get", lambda w: "/accounts/2fa/", LOGIN)],
    "documents/": [("anonymous", "get", lambda w: "/documents/987654/missing.pdf", 404)],
    "i18n/": [("owner", "post", lambda w: "/i18n/setlang/", 302)],
    # Wagtail serves the page tree; the courses layer adds who reads lessons.
    "pages": [("anonymous", "get", lambda w: "/", 200),
              ("anonymous", "get", lambda w: w.course.url, 200),
              ("anonymous", "get", lambda w: w.lesson.url, 302),
              ("coordinator", "get", lambda w: w.lesson.url, 302),
              ("owner", "get", lambda w: w.lesson.url, 200),
              ("trainer", "get", lambda w: w.lesson.url, 200)],
}
DELEGATED_PREFIXES = tuple(prefix for prefix in DELEGATED if prefix.endswith("/"))


# --- Walking the URL configuration ---------------------------------------------------


def url_patterns(patterns=None, prefix="", namespace=None, source=""):
    """(route, name, source) of every pattern, through includes and i18n patterns;
    `source` is the module of the URL configuration that declared it."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            module = getattr(pattern.urlconf_module, "__name__", source)
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner,
                                    module)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace
                                     else pattern.name)
            yield prefix + str(pattern.pattern), name, source


# URL configurations of Sanad's own apps: never delegated, whatever their prefix.
OWN_URLCONFS = ("lms.", "content.", "courses.", "supervision.", "certificates.")


def delegated_to(route: str, source: str) -> str | None:
    route = route.lstrip("^")
    if source.startswith(OWN_URLCONFS) and source != settings.ROOT_URLCONF:
        return None
    for prefix in DELEGATED_PREFIXES:
        if route.startswith(prefix):
            return prefix
    # Wagtail's page serving, whether Wagtail declares it or lms.urls does, to route
    # it through the cache first (content.routing): pages answer to view restrictions.
    if source.split(".")[0] == "wagtail" or route.endswith(r"((?:[\w\-]+/)*)$"):
        return "pages"
    return None


def rows_missing(patterns) -> list[str]:
    """URL patterns that are neither delegated nor in the matrix, by name (or route)."""
    covered = {row.name for row in MATRIX}
    return sorted({name or route for route, name, source in patterns
                   if delegated_to(route, source) is None and name not in covered})


# --- The world -----------------------------------------------------------------------


@pytest.fixture
def world(settings):
    settings.SANAD_OB_SIGNING_KEY = new_private_key_pem()
    settings.SANAD_OB_SIGNING_KEY_FILE = ""
    amal = Organisation.objects.create(name="جمعية الأمل للدعم النفسي", kind="national_ngo",
                                       country="LB")
    other = Organisation.objects.create(name="Relief =HYPERLINK(\"x\") International",
                                        kind="international_ngo", country="JO")
    users = {
        "owner": TraineeFactory(full_name="ليلى حداد", organisation=amal),
        "other_trainee": TraineeFactory(full_name="Youssef Ben Salah", organisation=other),
        "supervisor": SupervisorFactory(full_name="كريم منصور", organisation=amal),
        "other_supervisor": SupervisorFactory(full_name="Other Supervisor", organisation=other),
        "trainer": TrainerFactory(full_name="عمر نصار", organisation=amal),
        "other_trainer": TrainerFactory(full_name="Claire Dubois", organisation=other),
        "manager": ManagerFactory(full_name="Sophie Laurent", organisation=amal),
        "other_manager": ManagerFactory(full_name="Hassan Al-Tamimi", organisation=other),
        # Working for the very organisation that runs the cohort changes nothing.
        "coordinator": CoordinatorFactory(full_name="Nadia Coordination", organisation=amal),
        # Runs calibration exercises; a lead trainer and nothing else here.
        "lead_trainer": UserFactory(full_name="Dr. Rana Saleh", organisation=other,
                                    roles=[Role.LEAD_TRAINER]),
        "admin": UserFactory(full_name="Administrator", is_staff=True, is_superuser=True),
    }
    course = practice_course(title="الإسعافات النفسية الأولية — Psychological first aid " * 2,
                             slug="pfa-matrix")
    module = ModulePageFactory(parent=course, title="Listening")
    lesson = LessonPageFactory(parent=module, title="Reflecting feelings", body=[
        ("reflection", {"prompt": "When did someone last really listen to you?"})])
    post_test = AssessmentPageFactory(parent=course, kind="post_test", title="Post-test",
                                      slug="post-test", questions=[single_choice_question()])
    cohort = CohortFactory(course=course, organisation=amal, name="بيروت — ربيع 2026")
    cohort.trainers.add(users["trainer"])
    cohort.supervisors.add(users["supervisor"])
    other_cohort = CohortFactory(course=course, organisation=other, name="=SUM(A1) Amman")
    other_cohort.trainers.add(users["other_trainer"])
    other_cohort.supervisors.add(users["other_supervisor"])
    enrollment = EnrollmentFactory(trainee=users["owner"], cohort=cohort, course=course)
    # The coordinator works for a coordination body grouping both organisations.
    consortium = Consortium.objects.create(name="MHPSS technical working group")
    consortium.members.add(amal, other)
    consortium.coordinators.add(users["coordinator"])
    now = timezone.now()
    draft = PracticeEntryFactory(enrollment=enrollment, went_well="أصغيت وعكست المشاعر.")
    submitted = PracticeEntryFactory(enrollment=enrollment, state="submitted", submitted_at=now)
    approved = PracticeEntryFactory(enrollment=enrollment, state="approved", submitted_at=now,
                                    approved_by=users["supervisor"], approved_at=now)
    session = SupervisionSession.objects.create(
        supervisor=users["supervisor"], date=timezone.localdate(), duration_minutes=90,
        format="group", topics="Self-care after a difficult session")
    session.enrollments.add(enrollment)
    rating = CompetencyRating.objects.create(
        enrollment=enrollment, competency=CompetencyFactory(name="Active listening"),
        supervisor=users["supervisor"], level=3, observation="role_play")
    certificate = CertificateFactory(enrollment=enrollment)
    certificate.pdf.save(f"matrix-{certificate.code}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    export = ExportFile(requested_by=users["trainer"], kind="cohort_matrix_xlsx",
                        parameters={"cohort": cohort.pk}, status="ready", filename="cohort.xlsx")
    export.file.save("matrix-cohort.xlsx", ContentFile(b"PK"), save=True)
    erasure_request = ErasureRequest.objects.create(user=users["other_trainee"])
    # The other organisation invites the owner; only the owner may answer.
    invitation = CohortInvitation.objects.create(
        cohort=other_cohort, email=users["owner"].email, invitee=users["owner"],
        invited_by=users["other_trainer"])
    supervision_request = SupervisionRequest.objects.create(
        enrollment=enrollment, supervisor=users["other_supervisor"])
    reflection = Reflection.objects.create(
        enrollment=enrollment, block_id=lesson.body[0].id, lesson_key=lesson.translation_key,
        prompt="When did someone last really listen to you?", text="جدتي، حين كنت صغيرة.")
    # A helping-skills tool on the course: an assessment being rated by the supervisor,
    # and an endline whose harmful behaviour opened a follow-up.
    tool = competency_tool()
    add_tool(course, tool)
    assessment = start(enrollment, users["supervisor"], tool)
    assess(enrollment, users["supervisor"], tool, [3, 3, 3, 1], harmful={3: [0]})
    follow_up = FollowUp.objects.get()
    calibration = _calibration_exercise(users["lead_trainer"])
    return World(calibration=calibration, users=users, organisation=amal, course=course, lesson=lesson,
                 post_test=post_test, cohort=cohort, other_cohort=other_cohort,
                 enrollment=enrollment, draft=draft, submitted=submitted, approved=approved,
                 session=session, rating=rating, certificate=certificate, export=export,
                 erasure_request=erasure_request, invitation=invitation,
                 supervision_request=supervision_request, reflection=reflection,
                 assessment=assessment, follow_up=follow_up)


def _calibration_exercise(lead) -> CalibrationExercise:
    from content.models import CompetencyTool, CompetencyToolItem
    from supervision.calibration import ItemLevel, calibration_exercise_create

    tool = CompetencyTool.objects.create(name="أداة المهارات — Helping skills")
    for order, name in enumerate(["Active listening", "Assessing risk of harm"]):
        CompetencyToolItem.objects.create(tool=tool, sort_order=order,
                                          competency=CompetencyFactory(name=name))
    exercise = calibration_exercise_create(
        author=lead, tool=tool, title="Reference role-play =HYPERLINK(\"x\")",
        recording=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="reference.mp4"),
        references=[ItemLevel(competency_id=item.competency_id, level=3)
                    for item in tool.items.all()])
    exercise.state = CalibrationExercise.State.OPEN
    exercise.published_at = timezone.now()
    exercise.save()
    return exercise


def snapshot() -> dict:
    """What a refused POST must leave as it was."""
    return {
        "entries": sorted(PracticeEntry.objects.values_list("pk", "state", "approved_by_id")),
        "enrollments": sorted(Enrollment.objects.values_list("pk", "status", "trainee_id")),
        "certificates": sorted(Certificate.objects.values_list(
            "pk", "status", "name_as_issued", "revoked_by_id")),
        "cohorts": sorted(Cohort.objects.values_list("pk", "name")),
        "trainers": sorted(Cohort.trainers.through.objects.values_list("cohort_id", "user_id")),
        "supervisors": sorted(Cohort.supervisors.through.objects.values_list("cohort_id",
                                                                             "user_id")),
        "assignments": sorted(SupervisorAssignment.objects.values_list("enrollment_id",
                                                                       "supervisor_id")),
        "invitations": sorted(CohortInvitation.objects.values_list("pk", "accepted_at",
                                                                   "declined_at")),
        "supervision_requests": sorted(SupervisionRequest.objects.values_list("pk", "status")),
        "erasure_requests": sorted(ErasureRequest.objects.values_list("pk", "status")),
        "sessions": SupervisionSession.objects.count(),
        "ratings": CompetencyRating.objects.count(),
        "progress": LessonProgress.objects.count(),
        "attempts": AssessmentAttempt.objects.count(),
        "reflections": sorted(Reflection.objects.values_list("pk", "text", "shared_at")),
        "audit": AuditEvent.objects.count(),
        "assessments": sorted(CompetencyAssessment.objects.values_list("pk", "state")),
        "item_ratings": sorted(ItemRating.objects.values_list("pk", "level")),
        "follow_ups": sorted(FollowUp.objects.values_list("pk", "plan", "due_on", "state")),
        "calibration": sorted(CalibrationExercise.objects.values_list("pk", "state")),
        "calibration_ratings": CalibrationRating.objects.count(),
    }


def outcome_matches(response, expected) -> bool:
    if expected == LOGIN:
        return (response.status_code == 302
                and response["Location"].startswith(resolve_url(settings.LOGIN_URL)))
    if isinstance(expected, tuple):
        status, location = expected
        return response.status_code == status and location in response.get("Location", "")
    return response.status_code == expected


def describe(response) -> str:
    location = response.get("Location")
    return f"{response.status_code}" + (f" → {location}" if location else "")


def request_as(client: Client, user, method: str, url: str, data: dict, *, check_unchanged):
    """Make the request in a transaction rolled back afterwards; return the response
    and, when asked, whether the world was left as it was."""
    cache.clear()  # rate limits count per client address, and every role shares one
    with transaction.atomic():
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        before = snapshot() if check_unchanged else None
        response = getattr(client, method)(url, data)
        if response.streaming:
            # Reading it to the end lets the test client close it the way a server would
            # (closing it ourselves would close the database connection too).
            b"".join(response.streaming_content)
        unchanged = snapshot() == before if check_unchanged else True
        transaction.set_rollback(True)
    return response, unchanged


# --- The tests -----------------------------------------------------------------------


def test_every_url_has_a_row():
    missing = rows_missing(url_patterns())
    assert not missing, ("URL patterns with no row in the access matrix "
                         f"(tests/lms/test_access_matrix.py MATRIX): {', '.join(missing)}")


def test_a_new_url_without_a_row_fails():
    def view(request):
        raise AssertionError  # never called

    patterns = [path("cohorts/<int:pk>/invitations/", view, name="courses:cohort_invitations"),
                path("cohorts/", view, name="courses:cohort_list"),
                path("cms/pages/", view, name="wagtailadmin_pages")]
    assert rows_missing(url_patterns(patterns)) == ["courses:cohort_invitations"]


def test_every_row_names_a_url_and_every_delegation_is_checked():
    names = {name for _, name, _ in url_patterns()}
    assert {row.name for row in MATRIX} <= names
    delegated = {delegated_to(route, source) for route, _, source in url_patterns()}
    delegated.discard(None)
    assert delegated == set(DELEGATED)
    assert all(DELEGATED[group] for group in DELEGATED)


def test_access_matrix(world):
    client = Client()
    failures = []
    for row in MATRIX:
        url = reverse(row.name, kwargs=row.kwargs(world))
        data = row.data(world)
        for role in ROLES:
            expected = row.expected(role)
            check_unchanged = row.method == "post" and role not in row.ok
            response, unchanged = request_as(client, world.users.get(role), row.method, url,
                                             data, check_unchanged=check_unchanged)
            if not outcome_matches(response, expected):
                failures.append(f"{row.method.upper()} {row.name} as {role}: expected "
                                f"{expected}, got {describe(response)}")
            if not unchanged:
                failures.append(f"{row.method.upper()} {row.name} as {role} changed the world")
    assert not failures, "\n".join(failures)


def test_delegated_urls(world):
    client = Client()
    failures = []
    for group, checks in DELEGATED.items():
        for role, method, build, expected in checks:
            url = build(world)
            response, _ = request_as(client, world.users.get(role), method, url,
                                     {"language": "ar", "next": "/"} if method == "post" else {},
                                     check_unchanged=False)
            if not outcome_matches(response, expected):
                failures.append(f"{group}: {method.upper()} {url} as {role}: expected "
                                f"{expected}, got {describe(response)}")
    assert not failures, "\n".join(failures)
