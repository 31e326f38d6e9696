"""Thin views: parse input, fetch through a selector (404 for missing and not yours alike),
call a service, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from content.models import CoursePage, RolePlayScenario
from courses.models import Cohort, Enrollment
from lms import access
from lms.converters import parse_id, parse_ids
from lms.models import User
from lms.once import guard_form, once
from lms.roles import Role
from lms.services import audit_record

from . import exports, selectors, services
from .forms import (
    PRIVACY_NOTE,
    AssessmentStartForm,
    CompetencyRatingForm,
    ConsensusForm,
    FollowUpPlanForm,
    ItemRatingForm,
    PracticeEntryForm,
    ReviewForm,
    SupervisionRequestForm,
    SupervisionSessionForm,
    SupervisorChoiceForm,
    TraineeSearchForm,
)
from .models import CompetencyAssessment, FollowUp, PracticeEntry, SupervisionSession
from .requirements import CompetencyLevelsRequirement, format_hours

ENTRIES_PER_PAGE = 50
QUEUE_PER_PAGE = 50
TRAINEES_PER_PAGE = 50


def _ids(request, name="entries") -> list[int]:
    return parse_ids(request.POST.getlist(name))


def _error_messages(error: ValidationError) -> list[str]:
    return list(error.messages)


# --- Logbook -------------------------------------------------------------------------


def practice_totals(enrollment: Enrollment) -> dict:
    """Approved and waiting hours per activity kind against the course's requirements,
    supervision hours and competency standing. A fixed number of queries."""
    requirements = list(enrollment.course.practice_requirements.select_related("activity_kind")
                        .order_by("sort_order", "pk"))
    approved = selectors.approved_practice_minutes_by_kind([enrollment.pk])[enrollment.pk]
    waiting = selectors.submitted_minutes_by_kind([enrollment.pk])[enrollment.pk]
    rows = []
    for requirement in requirements:
        done = selectors.minutes_to_hours(approved.get(requirement.activity_kind_id, 0))
        pending = selectors.minutes_to_hours(waiting.get(requirement.activity_kind_id, 0))
        target = requirement.minimum_hours
        rows.append({
            "activity_kind": requirement.activity_kind,
            "required": format_hours(target), "approved": format_hours(done),
            "waiting": format_hours(pending), "met": done >= target,
            "percent": 100 if not target else min(100, int(done * 100 / target)),
        })
    supervision_done = selectors.supervision_hours([enrollment.pk])[enrollment.pk]
    supervision_target = enrollment.course.required_supervision_hours
    competencies = CompetencyLevelsRequirement().evaluate([enrollment])[enrollment.pk]
    return {
        "practice_rows": rows,
        "supervision_done": format_hours(supervision_done),
        "supervision_target": format_hours(supervision_target),
        "supervision_met": supervision_done >= supervision_target,
        "competency_statuses": competencies,
    }


@login_required
def logbook(request, enrollment_id: int | None = None):
    """The trainee's logbook; also read-only for the enrollment's supervisors, trainers
    and programme managers."""
    own_enrollments = []
    if enrollment_id is None:
        own_enrollments = list(access.queryset(request.user, "enrollment.own")
                               .select_related("course", "cohort").order_by("-enrolled_at"))
        if not own_enrollments:
            return render(request, "supervision/logbook.html", {"enrollment": None})
        chosen = parse_id(request.GET.get("enrollment"))
        enrollment = next((e for e in own_enrollments if e.pk == chosen), own_enrollments[0])
    else:
        enrollment = selectors.enrollment_for_reader(request.user, enrollment_id)
    is_owner = enrollment.trainee_id == request.user.pk
    page = Paginator(selectors.entries_for_logbook(enrollment), ENTRIES_PER_PAGE).get_page(
        request.GET.get("page"))
    can_log = is_owner and enrollment.status == Enrollment.Status.ACTIVE
    return render(request, "supervision/logbook.html", {
        "enrollment": enrollment,
        "supervision": selectors.supervision_standing([enrollment])[enrollment.pk],
        "own_enrollments": own_enrollments,
        # The pages of a trainee's own logbook keep the enrollment chosen.
        "page_query": urlencode({"enrollment": enrollment.pk}) if own_enrollments else "",
        "is_owner": is_owner,
        "can_log": can_log,
        # A button with nothing to tick next to it only confuses: shown for drafts and
        # returned entries on this page, the ones that can go for review.
        "can_submit": can_log and any(entry.state in services.EDITABLE_STATES
                                      for entry in page.object_list),
        "page": page,
        "privacy_note": PRIVACY_NOTE,
        **practice_totals(enrollment),
    })


@login_required
@once
def entry_create(request, enrollment_id: int):
    enrollment = selectors.enrollment_for_trainee(request.user, enrollment_id)
    form = PracticeEntryForm(request.POST or None, enrollment=enrollment)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.practice_entry_save(trainee=request.user, entry=form.instance)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            if "submit" in request.POST:
                return _submit_and_redirect(request, [entry.pk], enrollment)
            messages.success(request, _("Draft saved. Submit it when it is ready for review."))
            return redirect("supervision:logbook_enrollment", enrollment_id=enrollment.pk)
    return render(request, "supervision/entry_form.html",
                  {"form": form, "enrollment": enrollment, "privacy_note": PRIVACY_NOTE})


@login_required
def entry_edit(request, pk: int):
    entry = selectors.entry_for_trainee(request.user, pk)
    if entry.state not in services.EDITABLE_STATES:
        messages.error(request, _("This entry is %(state)s and can no longer be changed.")
                       % {"state": entry.get_state_display()})
        return redirect("supervision:entry_detail", pk=entry.pk)
    form = PracticeEntryForm(request.POST or None, instance=entry, enrollment=entry.enrollment)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.practice_entry_save(trainee=request.user, entry=form.instance)
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            if "submit" in request.POST:
                return _submit_and_redirect(request, [entry.pk], entry.enrollment)
            messages.success(request, _("Changes saved."))
            return redirect("supervision:entry_detail", pk=entry.pk)
    return render(request, "supervision/entry_form.html",
                  {"form": form, "enrollment": entry.enrollment, "entry": entry,
                   "events": list(entry.events.select_related("actor")),
                   "privacy_note": PRIVACY_NOTE})


def _add_form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _submit_and_redirect(request, entry_ids, enrollment):
    try:
        submitted = services.practice_entries_submit(trainee=request.user, entries=entry_ids)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        # Only say someone was told when someone supervises the enrollment.
        if selectors.has_supervisor(enrollment):
            messages.success(request, ngettext(
                "%(count)d entry submitted for review. Your supervisor has been told.",
                "%(count)d entries submitted for review. Your supervisor has been told.",
                len(submitted)) % {"count": len(submitted)})
        else:
            messages.warning(request, format_html(
                "{} <a href=\"{}\">{}</a>",
                ngettext("%(count)d entry submitted for review. No supervisor yet — nobody "
                         "can review it until you have one.",
                         "%(count)d entries submitted for review. No supervisor yet — nobody "
                         "can review them until you have one.",
                         len(submitted)) % {"count": len(submitted)},
                reverse("supervision:request_create", args=[enrollment.pk]),
                _("Request a supervisor")))
    return redirect("supervision:logbook_enrollment", enrollment_id=enrollment.pk)


@login_required
@require_POST
def entries_submit(request, enrollment_id: int):
    enrollment = selectors.enrollment_for_trainee(request.user, enrollment_id)
    ids = list(PracticeEntry.objects.filter(enrollment=enrollment, pk__in=_ids(request))
               .values_list("pk", flat=True))
    if not ids:
        messages.error(request, _("Choose at least one draft or returned entry to submit."))
        return redirect("supervision:logbook_enrollment", enrollment_id=enrollment.pk)
    return _submit_and_redirect(request, ids, enrollment)


@login_required
@require_POST
def entry_delete(request, pk: int):
    entry = selectors.entry_for_trainee(request.user, pk)
    try:
        services.practice_entry_delete(trainee=request.user, entry=entry)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
        return redirect("supervision:entry_detail", pk=entry.pk)
    messages.success(request, _("Draft deleted."))
    return redirect("supervision:logbook_enrollment", enrollment_id=entry.enrollment_id)


@login_required
def entry_detail(request, pk: int):
    entry = selectors.entry_for_reader(request.user, pk)
    is_owner = entry.enrollment.trainee_id == request.user.pk
    can_review = (entry.state == PracticeEntry.State.SUBMITTED
                  and request.user.has_role(Role.SUPERVISOR)
                  and access.can(request.user, "entry.review", entry))
    return render(request, "supervision/entry_detail.html", {
        "entry": entry, "is_owner": is_owner,
        "can_edit": is_owner and entry.state in services.EDITABLE_STATES,
        "can_review": can_review,
        "events": list(entry.events.select_related("actor")),
    })


# --- Review --------------------------------------------------------------------------


@login_required
def queue(request):
    """Submitted entries of the supervisor's trainees, oldest first."""
    access.require_role(request.user, Role.SUPERVISOR)
    cohort_id = parse_id(request.GET.get("cohort"))
    trainee_id = parse_id(request.GET.get("trainee"))
    supervised = selectors.supervised_enrollments(request.user).exclude(trainee=request.user)
    # Names only: a supervisor of hundreds of trainees had each one built as a whole person.
    cohorts = (Cohort.objects.filter(pk__in=supervised.values("cohort_id")).order_by("name")
               .values_list("pk", "name"))
    trainees = [(pk, full_name or email) for pk, full_name, email in
                User.objects.filter(pk__in=supervised.values("trainee_id"))
                .order_by("full_name").values_list("pk", "full_name", "email")]
    entries = selectors.review_queue(request.user, cohort_id=cohort_id, trainee_id=trainee_id)
    page = Paginator(entries, QUEUE_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/queue.html", {
        "page": page, "cohorts": cohorts, "trainees": trainees,
        "supervision_requests": list(selectors.supervision_requests_waiting(request.user)),
        # Follow-ups stay here until a later assessment closes them.
        "follow_ups": list(selectors.open_follow_ups_for_supervisor(request.user)),
        "assessments_waiting": list(selectors.assessments_waiting_for(request.user)),
        "cohort_id": cohort_id, "trainee_id": trainee_id,
        "filter_query": request.GET.urlencode() if request.GET else "",
        "page_query": urlencode({name: value for name, value in
                                 (("cohort", cohort_id), ("trainee", trainee_id)) if value}),
    })


@login_required
@require_POST
def queue_approve(request):
    """Approve the ticked entries, or the one whose row button was pressed."""
    access.require_role(request.user, Role.SUPERVISOR)
    one = parse_id(request.POST.get("approve_one"))
    ids = [one] if one else _ids(request)
    entries = list(selectors.review_queue(request.user).filter(pk__in=ids)
                   .values_list("pk", flat=True)) if ids else []
    if not entries:
        messages.error(request, _("Choose at least one submitted entry to approve."))
    else:
        try:
            approved = services.practice_entries_approve(entries=entries,
                                                         supervisor=request.user)
        except ValidationError as error:
            for message in _error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, ngettext("%(count)d entry approved and signed off.",
                                               "%(count)d entries approved and signed off.",
                                               len(approved)) % {"count": len(approved)})
    back = reverse("supervision:queue")
    query = request.POST.get("filter_query", "")
    return redirect(f"{back}?{query}" if query else back)


@login_required
def entry_review(request, pk: int):
    access.require_role(request.user, Role.SUPERVISOR)
    entry = selectors.entry_for_reviewer(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_entry_review(entry=entry, supervisor=request.user,
                                           decision=form.cleaned_data["decision"],
                                           comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            if form.cleaned_data["decision"] == services.Decision.APPROVE:
                messages.success(request, _("Entry approved and signed off."))
            else:
                messages.success(request, _("Entry returned to the trainee with your comment."))
            return redirect("supervision:queue")
    return render(request, "supervision/entry_review.html", {
        "entry": entry, "form": form, "events": entry.events.select_related("actor"),
        "can_review": entry.state == PracticeEntry.State.SUBMITTED,
    })


# --- The supervisor's trainees, sessions and ratings ---------------------------------


@login_required
def trainees(request):
    access.require_role(request.user, Role.SUPERVISOR)
    search = TraineeSearchForm(request.GET or None)
    name = search.cleaned_data["q"] if search.is_valid() else ""
    enrollments = selectors.trainees_supervised(request.user, name=name)
    # A page at a time: a supervisor of a few hundred trainees got 200 KB of HTML.
    page = Paginator(enrollments, TRAINEES_PER_PAGE).get_page(request.GET.get("page"))
    ids = [e.pk for e in page.object_list]
    approved = selectors.approved_practice_minutes_by_kind(ids)
    supervision = selectors.supervision_hours(ids)
    page.object_list = [
        {"enrollment": e,
         "approved": format_hours(selectors.minutes_to_hours(sum(approved[e.pk].values()))),
         "supervision": format_hours(supervision[e.pk])} for e in page.object_list]
    return render(request, "supervision/trainees.html", {
        "page": page, "rows": page.object_list, "search": search, "name": name,
        "query": urlencode({"q": name}) if name else ""})


@login_required
@once
def session_create(request):
    access.require_role(request.user, Role.SUPERVISOR)
    enrollments = (selectors.supervised_enrollments(request.user).exclude(trainee=request.user)
                   .select_related("trainee", "course").order_by("trainee__full_name"))
    form = SupervisionSessionForm(request.POST or None, enrollments=enrollments)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.supervision_session_record(
                supervisor=request.user, date=data["date"],
                duration_minutes=data["duration_minutes"], format=data["format"],
                enrollments=data["enrollments"], topics=data["topics"])
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Supervision session recorded."))
            return redirect("supervision:sessions")
    return render(request, "supervision/session_form.html", {"form": form,
                                                             "privacy_note": PRIVACY_NOTE})


@login_required
def sessions(request):
    access.require_role(request.user, Role.SUPERVISOR)
    page = Paginator(SupervisionSession.objects.filter(supervisor=request.user)
                     .prefetch_related("enrollments__trainee"), 50).get_page(
        request.GET.get("page"))
    return render(request, "supervision/sessions.html", {"page": page})


@login_required
@require_GET
def shared_reflections(request, enrollment_id: int):
    """The reflections a trainee chose to share with the supervisor, and only those."""
    access.require_role(request.user, Role.SUPERVISOR)
    enrollment = selectors.enrollment_for_supervisor(request.user, enrollment_id)
    reflections = list(access.queryset(request.user, "reflection.read")
                       .filter(enrollment=enrollment).order_by("-shared_at"))
    return render(request, "supervision/shared_reflections.html",
                  {"enrollment": enrollment, "reflections": reflections})


@login_required
@once
def rating(request, enrollment_id: int):
    access.require_role(request.user, Role.SUPERVISOR)
    enrollment = selectors.enrollment_for_supervisor(request.user, enrollment_id)
    requirements = list(enrollment.course.competency_requirements.select_related("competency")
                        .order_by("sort_order", "pk"))
    latest = selectors.latest_competency_ratings([enrollment.pk])[enrollment.pk]
    form = CompetencyRatingForm(request.POST or None, requirements=requirements, latest=latest)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.competency_ratings_record(
                supervisor=request.user, enrollment=enrollment,
                observation=form.cleaned_data["observation"], ratings=form.ratings())
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Ratings saved. The latest rating of each competency "
                                        "counts; earlier ones stay in the history."))
            return redirect("supervision:rating", enrollment_id=enrollment.pk)
    history = (enrollment.competency_ratings.select_related("competency", "supervisor")
               .order_by("-rated_at", "-id"))
    return render(request, "supervision/rating_form.html", {
        "enrollment": enrollment, "form": form, "history": history,
        "has_competencies": bool(requirements)})


# --- Exports -------------------------------------------------------------------------


@login_required
def logbook_csv(request, enrollment_id: int):
    enrollment = selectors.enrollment_for_export(request.user, enrollment_id)
    audit_record(actor=request.user, action="export.logbook_csv", target=enrollment)
    return exports.logbook_csv_response(enrollment)


@login_required
def logbook_pdf(request, enrollment_id: int):
    enrollment = selectors.enrollment_for_export(request.user, enrollment_id)
    audit_record(actor=request.user, action="export.logbook_pdf", target=enrollment)
    pdf = exports.logbook_pdf(enrollment, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="logbook-{enrollment.pk}.pdf"'
    return response


@login_required
def hours_csv(request):
    """The supervisor's export of their trainees' hours."""
    access.require_role(request.user, Role.SUPERVISOR)
    audit_record(actor=request.user, action="export.hours_csv", target=request.user)
    return exports.hours_csv_response(selectors.supervised_enrollments(request.user)
                                      .exclude(trainee=request.user))


# --- Assignments and cohort overview (trainers, programme managers) ------------------


def _managed_cohort(user, cohort_id: int) -> Cohort:
    return get_object_or_404(selectors.managed_cohorts(user).select_related("course"),
                             pk=cohort_id)


@login_required
def cohort_practice(request, cohort_id: int):
    """A cohort's practice at a glance, with its supervisors; assign and unassign here."""
    access.require_role(request.user, Role.TRAINER, Role.PROGRAMME_MANAGER)
    cohort = _managed_cohort(request.user, cohort_id)
    supervisors = list(cohort.supervisors.select_related("organisation").order_by("full_name"))
    form = SupervisorChoiceForm(request.POST or None, exclude=supervisors)
    if request.method == "POST":
        remove = parse_id(request.POST.get("remove"))
        try:
            if remove:
                services.supervisor_unassign_from_cohort(
                    actor=request.user, cohort=cohort,
                    supervisor=get_object_or_404(User, pk=remove))
                messages.success(request, _("Supervisor removed from the cohort."))
                return redirect("supervision:cohort_practice", cohort_id=cohort.pk)
            if form.is_valid():
                services.supervisor_assign_to_cohort(
                    actor=request.user, cohort=cohort, supervisor=form.cleaned_data["supervisor"])
                messages.success(request, _("%(name)s now supervises every trainee of this "
                                            "cohort.") % {"name": form.cleaned_data["supervisor"]})
                return redirect("supervision:cohort_practice", cohort_id=cohort.pk)
        except ValidationError as error:
            _add_form_errors(form, error)
    enrollments = list(cohort.enrollments.select_related("trainee", "course")
                       .prefetch_related("supervisor_assignments__supervisor")
                       .order_by("trainee__full_name"))
    ids = [e.pk for e in enrollments]
    approved = selectors.approved_practice_minutes_by_kind(ids)
    supervision = selectors.supervision_hours(ids)
    rows = [{"enrollment": e,
             "approved": format_hours(selectors.minutes_to_hours(sum(approved[e.pk].values()))),
             "supervision": format_hours(supervision[e.pk]),
             "assigned": [a.supervisor for a in e.supervisor_assignments.all()]}
            for e in enrollments]
    return render(request, "supervision/cohort_practice.html",
                  {"cohort": cohort, "supervisors": supervisors, "form": form, "rows": rows})


@login_required
def enrollment_supervisors(request, enrollment_id: int):
    """Assign a supervisor to one trainee on one course, in a cohort or self-paced."""
    enrollment = selectors.enrollment_for_assigner(request.user, enrollment_id)
    assigned = [a.supervisor for a in enrollment.supervisor_assignments.select_related(
        "supervisor__organisation")]
    form = SupervisorChoiceForm(request.POST or None, exclude=[*assigned, enrollment.trainee])
    if request.method == "POST" and form.is_valid():
        try:
            services.supervisor_assign_to_enrollment(
                actor=request.user, enrollment=enrollment,
                supervisor=form.cleaned_data["supervisor"])
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Supervisor assigned."))
            if enrollment.cohort_id:
                return redirect("supervision:cohort_practice", cohort_id=enrollment.cohort_id)
            return redirect("supervision:self_paced")
    return render(request, "supervision/enrollment_supervisors.html",
                  {"enrollment": enrollment, "assigned": assigned, "form": form})


# --- Supervision for self-paced trainees ---------------------------------------------


@login_required
def request_create(request, enrollment_id: int):
    """A trainee asks a supervisor of their organisation or of the course's pool."""
    enrollment = selectors.enrollment_for_trainee(request.user, enrollment_id)
    enrollment.trainee = request.user
    standing = selectors.supervision_standing([enrollment])[enrollment.pk]
    candidates = selectors.supervision_request_candidates(enrollment)
    form = SupervisionRequestForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.supervision_request_create(
                trainee=request.user, enrollment=enrollment,
                supervisor=form.cleaned_data["supervisor"],
                message=form.cleaned_data["message"])
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to %(name)s. You will see here "
                                        "when they answer.") % {"name": made.supervisor})
            return redirect("supervision:logbook_enrollment", enrollment_id=enrollment.pk)
    return render(request, "supervision/request_form.html", {
        "enrollment": enrollment, "form": form, "supervision": standing,
        "has_candidates": candidates.exists(),
        "can_request": (not standing["supervisors"] and standing["open_request"] is None
                        and enrollment.status == Enrollment.Status.ACTIVE)})


@login_required
@require_POST
def request_cancel(request, pk: int):
    supervision_request = selectors.supervision_request_for_trainee(request.user, pk)
    try:
        services.supervision_request_cancel(trainee=request.user, request=supervision_request)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Request cancelled."))
    return redirect("supervision:logbook_enrollment",
                    enrollment_id=supervision_request.enrollment_id)


@login_required
@require_POST
def request_answer(request, pk: int, accept: bool):
    """The supervisor accepts or declines a request addressed to them."""
    access.require_role(request.user, Role.SUPERVISOR)
    supervision_request = selectors.supervision_request_for_supervisor(request.user, pk)
    try:
        services.supervision_request_answer(supervisor=request.user,
                                            request=supervision_request, accept=accept)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        trainee = supervision_request.enrollment.trainee
        if accept:
            messages.success(request, _("You now supervise %(name)s on “%(course)s”.")
                             % {"name": trainee,
                                "course": supervision_request.enrollment.course.title})
        else:
            messages.success(request, _("Request from %(name)s declined.") % {"name": trainee})
    return redirect("supervision:queue")


@login_required
def course_pool(request, page_id: int):
    """The supervisors self-paced trainees of a course may ask; add and remove here."""
    course = get_object_or_404(CoursePage, pk=page_id)
    if not selectors.may_manage_supervisor_pool(request.user, course):
        raise Http404
    members = list(selectors.supervisor_pool(course))
    form = SupervisorChoiceForm(request.POST or None,
                                exclude=[m.supervisor for m in members])
    if request.method == "POST":
        remove = parse_id(request.POST.get("remove"))
        try:
            if remove:
                member = next((m for m in members if m.supervisor_id == remove), None)
                if member is None:
                    messages.error(request, _("That supervisor is not in this course's pool."))
                else:
                    services.course_supervisor_remove(actor=request.user, course=course,
                                                      supervisor=member.supervisor)
                    messages.success(request, _("%(name)s removed from the pool.")
                                     % {"name": member.supervisor})
                return redirect("supervision:course_pool", page_id=course.pk)
            if form.is_valid():
                services.course_supervisor_add(actor=request.user, course=course,
                                               supervisor=form.cleaned_data["supervisor"])
                messages.success(request, _("%(name)s added to the pool: self-paced trainees "
                                            "of this course can now ask them.")
                                 % {"name": form.cleaned_data["supervisor"]})
                return redirect("supervision:course_pool", page_id=course.pk)
        except ValidationError as error:
            _add_form_errors(form, error)
    return render(request, "supervision/course_pool.html",
                  {"course": course, "members": members, "form": form})


@login_required
def self_paced(request):
    """Self-paced trainees the user may assign a supervisor to, with their supervisors.
    Programme managers, for the members of their organisation."""
    access.require_role(request.user, Role.PROGRAMME_MANAGER)
    enrollments = list(selectors.self_paced_enrollments_for_assigner(request.user)
                       .filter(status=Enrollment.Status.ACTIVE)
                       .select_related("trainee__organisation", "course")
                       .order_by("course__title", "trainee__full_name", "pk"))
    standing = selectors.supervision_standing(enrollments)
    rows = [{"enrollment": e, **standing[e.pk]} for e in enrollments]
    return render(request, "supervision/self_paced.html", {"rows": rows})


# --- Structured competency assessment ------------------------------------------------


def _posted(request):
    # Bound even when empty: a rating sent with nothing chosen must say what is missing,
    # not show the blank form again as if nothing had been sent.
    return request.POST if request.method == "POST" else None


@login_required
@once
def assessment_start(request, enrollment_id: int):
    """A supervisor starts an observation of a trainee with one of the course's tools."""
    access.require_role(request.user, Role.SUPERVISOR)
    enrollment = selectors.enrollment_for_supervisor(request.user, enrollment_id)
    tools = selectors.course_tool_rows([enrollment.course_id])[enrollment.course_id]
    others = selectors.supervisors_of([enrollment])[enrollment.pk] - {
        request.user.pk, enrollment.trainee_id}
    co_raters = list(User.objects.filter(pk__in=others).order_by("full_name", "pk"))
    scenarios = list(RolePlayScenario.objects.filter(
        tool_id__in=[row.tool_id for row in tools],
        locale__language_code=settings.LANGUAGE_CODE).select_related("tool")
        .order_by("tool_id", "title", "pk")) if tools else []
    form = AssessmentStartForm(_posted(request), tools=tools, co_raters=co_raters,
                               scenarios=scenarios)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.competency_assessment_start(
                supervisor=request.user, enrollment=enrollment, **form.start_arguments())
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Assessment started. Rate each item as you observe; "
                                        "your ratings are saved one item at a time."))
            return redirect("supervision:assessment_detail", pk=assessment.pk)
    return render(request, "supervision/assessment_start.html",
                  {"enrollment": enrollment, "form": form, "has_tools": bool(tools)})


@login_required
def assessment_detail(request, pk: int):
    """The assessment as its supervisors see it: the scenario's script, who has rated,
    the rater's own items, and the results once final."""
    access.require_role(request.user, Role.SUPERVISOR)
    assessment = selectors.assessment_for_supervisor(request.user, pk)
    raters = list(assessment.raters.select_related("rater").order_by("pk"))
    own = next((row for row in raters if row.rater_id == request.user.pk), None)
    items = selectors.tool_items([assessment.tool_id])[assessment.tool_id]
    progress = selectors.rater_progress(assessment, request.user.pk) if own else {}
    results = (selectors.assessment_results([assessment.pk])[assessment.pk]
               if assessment.state == CompetencyAssessment.State.FINAL else {})
    rows = [{"number": n, "competency": c, "rating": progress.get(c.pk),
             "result": results.get(c.pk)} for n, c in enumerate(items, start=1)]
    return render(request, "supervision/assessment_detail.html", {
        "assessment": assessment, "enrollment": assessment.enrollment, "raters": raters,
        "own": own, "rows": rows, "rated": len(progress), "item_count": len(items),
        "can_rate": (own is not None and own.submitted_at is None
                     and assessment.state == CompetencyAssessment.State.RATING),
        "can_agree": own is not None and assessment.state == CompetencyAssessment.State.CONSENSUS,
        "follow_ups": list(assessment.follow_ups.all()),
        "next_item": next((row["number"] for row in rows if row["rating"] is None), 1),
    })


@login_required
def assessment_rate(request, pk: int, number: int):
    """One item per screen: the four descriptors as the choices, the item's harmful
    behaviours, notes. One page load and one save per item."""
    access.require_role(request.user, Role.SUPERVISOR)
    assessment = selectors.assessment_for_rater(request.user, pk)
    items = selectors.tool_items([assessment.tool_id])[assessment.tool_id]
    if not 1 <= number <= len(items):
        raise Http404
    competency = items[number - 1]
    behaviours = selectors.item_behaviours([competency.pk])[competency.pk]
    form = ItemRatingForm(_posted(request), competency=competency, behaviours=behaviours)
    if request.method == "POST" and form.is_valid():
        try:
            _rating, forced = services.item_rating_save(
                assessment=assessment, rater=request.user, competency_id=competency.pk,
                level=form.cleaned_data["level"],
                harmful_behaviour_ids=form.cleaned_data.get("harmful_behaviours") or (),
                notes=form.cleaned_data["notes"])
        except ValidationError as error:
            if getattr(error, "code", None) in ("submitted", "state"):
                messages.error(request, error.messages[0])
                return redirect("supervision:assessment_detail", pk=assessment.pk)
            _add_form_errors(form, error)
        else:
            if forced:
                messages.warning(request, services.item_forced_message(number))
            if number < len(items):
                return redirect("supervision:assessment_rate", pk=assessment.pk,
                                number=number + 1)
            messages.success(request, _("Last item saved. Check your ratings, then submit "
                                        "them."))
            return redirect("supervision:assessment_detail", pk=assessment.pk)
    progress = selectors.rater_progress(assessment, request.user.pk)
    own = progress.get(competency.pk)
    if request.method == "GET":
        if _rater_row_submitted(assessment, request.user):
            messages.info(request, services.already_submitted_message())
            return redirect("supervision:assessment_detail", pk=assessment.pk)
        if own is not None:
            form = ItemRatingForm(initial={
                "level": own.level, "notes": own.notes,
                "harmful_behaviours": [b.pk for b in own.harmful_behaviours.all()]},
                competency=competency, behaviours=behaviours)
    return render(request, "supervision/assessment_rate.html", {
        "assessment": assessment, "enrollment": assessment.enrollment, "form": form,
        "competency": competency, "number": number, "item_count": len(items),
        "rated": len(progress), "is_last": number == len(items)})


def _rater_row_submitted(assessment, user) -> bool:
    return (assessment.state != CompetencyAssessment.State.RATING
            or assessment.raters.filter(rater_id=user.pk, submitted_at__isnull=False).exists())


@login_required
@require_POST
@once
def assessment_submit(request, pk: int):
    access.require_role(request.user, Role.SUPERVISOR)
    assessment = selectors.assessment_for_rater(request.user, pk)
    try:
        assessment = services.rater_ratings_submit(assessment=assessment, rater=request.user)
    except ValidationError as error:
        for message in _error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, services.ratings_submitted_message(assessment.state))
    return redirect("supervision:assessment_detail", pk=assessment.pk)


@login_required
@once
def assessment_consensus(request, pk: int):
    """The raters' individual ratings side by side, and the level they agree per item."""
    access.require_role(request.user, Role.SUPERVISOR)
    assessment = selectors.assessment_for_rater(request.user, pk)
    if assessment.state != CompetencyAssessment.State.CONSENSUS:
        messages.info(request, _("This assessment is not waiting for agreement."))
        return redirect("supervision:assessment_detail", pk=assessment.pk)
    items = selectors.tool_items([assessment.tool_id])[assessment.tool_id]
    behaviours = selectors.item_behaviours(c.pk for c in items)
    ratings = selectors.assessment_ratings(assessment)
    form = ConsensusForm(_posted(request), items=items, behaviours=behaviours,
                         ratings=ratings)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_consensus_record(assessment=assessment, rater=request.user,
                                                 agreed=form.agreed())
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Agreed levels saved. The assessment is final."))
            return redirect("supervision:assessment_detail", pk=assessment.pk)
    return render(request, "supervision/assessment_consensus.html", {
        "assessment": assessment, "enrollment": assessment.enrollment, "form": form})


@login_required
def follow_up_edit(request, pk: int):
    """The supervisor writes the plan of a follow-up and when it is due."""
    access.require_role(request.user, Role.SUPERVISOR)
    follow_up = selectors.follow_up_for_supervisor(request.user, pk)
    form = FollowUpPlanForm(_posted(request), initial={
        "plan": follow_up.plan, "due_on": follow_up.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_plan_save(follow_up=follow_up, supervisor=request.user,
                                         plan=form.cleaned_data["plan"],
                                         due_on=form.cleaned_data["due_on"])
        except ValidationError as error:
            _add_form_errors(form, error)
        else:
            messages.success(request, _("Follow-up plan saved."))
            return redirect("supervision:queue")
    return render(request, "supervision/follow_up_form.html",
                  {"follow_up": follow_up, "enrollment": follow_up.enrollment, "form": form,
                   "is_open": follow_up.state == FollowUp.State.OPEN})


@login_required
def competency_progress(request, enrollment_id: int):
    """A trainee's competency assessments: per tool and item, baseline → latest, and what
    to work on in the descriptors' words. The trainee, their supervisors, trainers and
    programme managers read it; supervisors start assessments from it."""
    enrollment = selectors.enrollment_for_reader(request.user, enrollment_id)
    is_owner = enrollment.trainee_id == request.user.pk
    is_supervisor = (not is_owner and access.has_role(request.user, Role.SUPERVISOR)
                     and selectors.user_supervises(request.user, enrollment))
    assessments = selectors.assessments_of_enrollment(enrollment)
    if not is_supervisor:
        # Ratings in progress are the raters' working notes until they are final.
        assessments = [a for a in assessments
                       if a.state == CompetencyAssessment.State.FINAL]
    return render(request, "supervision/competency_progress.html", {
        "enrollment": enrollment, "is_owner": is_owner, "is_supervisor": is_supervisor,
        "tools": selectors.competency_change([enrollment])[enrollment.pk],
        "assessments": assessments,
        "follow_ups": list(enrollment.follow_ups.filter(state=FollowUp.State.OPEN)
                           .select_related("assessment__tool").order_by("due_on", "pk")),
    })


@login_required
def cohort_competencies(request, cohort_id: int):
    """Each trainee's change per item, baseline → latest, for the cohort's trainers and
    programme managers. A fixed number of queries whatever the cohort's size."""
    access.require_role(request.user, Role.TRAINER, Role.PROGRAMME_MANAGER)
    cohort = get_object_or_404(selectors.readable_cohorts(request.user).select_related("course"),
                               pk=cohort_id)
    enrollments = list(cohort.enrollments.select_related("trainee")
                       .order_by("trainee__full_name", "pk"))
    changes = selectors.competency_change(enrollments)
    tools = selectors.course_tool_rows([cohort.course_id])[cohort.course_id]
    items = selectors.tool_items(row.tool_id for row in tools)
    return render(request, "supervision/cohort_competencies.html", {
        "cohort": cohort,
        "tools": [{"tool": row.tool, "required_level": row.required_level,
                   "items": items[row.tool_id],
                   "rows": [{"enrollment": e,
                             "items": next((t.items for t in changes[e.pk]
                                            if t.tool.pk == row.tool_id), [])}
                            for e in enrollments]}
                  for row in tools]})
