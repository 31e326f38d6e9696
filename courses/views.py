"""Thin views: parse input, fetch through a selector, call a service, render.

Course, lesson and assessment pages are Wagtail pages; `wagtail_hooks` hands them to the
`serve_*` functions here so the learner's state is added to content's templates.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.coreutils import get_supported_content_language_variant

from content import selectors as content_selectors
from content.models import AssessmentPage, CoursePage, LessonPage, ModulePage
from content.selectors import course_plan_for_page, live_translations
from lms.access import require_role
from lms.exports import export_request
from lms.once import guard_form, once
from lms.roles import Role
from lms.services import audit_record

from . import exports, grading, selectors, services
from .forms import AddTraineesForm, CohortForm, EnrolmentKeyForm, MatrixFilterForm, ReflectionForm
from .models import AssessmentAttempt, AssessmentDraw, Enrollment, Reflection
from .panels import registry as panel_registry

# --- Pages of the course tree --------------------------------------------------------


def _learner_context(request, page, course, enrollment):
    """Plan, progress and attempts of the enrollment (if any) for a page of the course."""
    # The same plan the page's own context read: kept on the request, so no second read.
    plan = selectors.course_plan(course, request=request)
    context = {"plan": plan, "enrollment": enrollment}
    if enrollment is not None:
        enrollment.course_plan = plan
        selectors.prefetch_learning([enrollment], request=request)
        context["course_progress"] = selectors.course_progress(enrollment)
        context["module_progress"] = [
            {"module": module, "progress": selectors.module_progress(enrollment, module)}
            for module in plan.modules if module.required_lessons]
        context["next_step"] = (selectors.next_step(enrollment)
                                if enrollment.status == Enrollment.Status.ACTIVE else None)
    return context


def serve_course_page(request, page: CoursePage):
    enrollment = selectors.enrollment_for_course(request.user, page)
    context = page.get_context(request)
    context.update(_learner_context(request, page, page, enrollment))
    if request.user.is_authenticated and (enrollment is None
                                          or enrollment.status == Enrollment.Status.WITHDRAWN):
        context["missing_prerequisites"] = services.missing_prerequisites(
            trainee=request.user, course=page)
        context["is_trainee"] = request.user.has_role(Role.TRAINEE)
        context["key_form"] = EnrolmentKeyForm()
    return TemplateResponse(request, "courses/course_page.html", context)


def _page_access(request, page):
    """(course, enrollment, preview) for a lesson or assessment, or a response sending
    the reader to the course page to enrol."""
    # The plan names the course (found by path, cached): an enrolled learner costs no
    # read of the course page itself.
    plan = course_plan_for_page(page, request=request)
    enrollment = (selectors.enrollment_for_course(request.user, plan.course)
                  if plan is not None else None)
    if enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN:
        return plan.course, enrollment, False, None
    course = selectors.course_for_page(page)
    if course is not None and selectors.can_preview_course(request.user, course):
        return course, None, True, None
    if course is None or not course.live:
        return None, None, False, redirect("/")
    messages.info(request, _("Enrol in “%(course)s” to open its lessons and tests.")
                  % {"course": course.title})
    return course, None, False, redirect(course.get_url(request))


def serve_lesson_page(request, page: LessonPage):
    course, enrollment, preview, refusal = _page_access(request, page)
    if refusal:
        return refusal
    context = page.get_context(request)
    context.update(_learner_context(request, page, course, enrollment), preview=preview)
    if enrollment is not None:
        services.page_visited(enrollment=enrollment, page=page)
        context["lesson_done"] = page.translation_key in enrollment.lesson_keys_done
        if (enrollment.status != Enrollment.Status.WITHDRAWN
                and any(block.block_type == "reflection" for block in page.body)):
            # The reflection prompt blocks (content's templates) include this box; a
            # lesson without a prompt costs no query for it.
            context["reflections"] = selectors.reflections_for_lesson(
                enrollment, page.translation_key)
            context["reflection_box_template"] = "courses/includes/reflection_box.html"
        context["current_module"] = next(
            (m for m in context["module_progress"]
             if any(i.translation_key == page.translation_key for i in m["module"].items)),
            None)
    return TemplateResponse(request, "courses/lesson_page.html", context)


def serve_module_page(request, page: ModulePage):
    """The module's outline and, for an enrolled trainee, what they wrote in its lessons'
    reflection prompts, at the end of the module."""
    context = page.get_context(request)
    plan = context.get("plan") or course_plan_for_page(page, request=request)
    enrollment = (selectors.enrollment_for_course(request.user, plan.course)
                  if plan is not None else None)
    if enrollment is not None and enrollment.status != Enrollment.Status.WITHDRAWN:
        context["enrollment"] = enrollment
        context["module_reflections"] = selectors.reflections_for_module(
            enrollment, context.get("items", []))
    return TemplateResponse(request, "courses/module_page.html", context)


def serve_assessment_page(request, page: AssessmentPage):
    course, enrollment, preview, refusal = _page_access(request, page)
    if refusal:
        return refusal
    if not page.draws_from_bank:
        grading.stabilise_choice_ids(page.questions)
    context = page.get_context(request)
    context.update(_learner_context(request, page, course, enrollment), preview=preview)
    context["submit_url"] = reverse("courses:assessment_submit", args=[page.pk])
    if enrollment is not None:
        services.page_visited(enrollment=enrollment, page=page)
        context.update(_attempt_context(request, page, enrollment))
        # A refused submission comes back with its ticks (once); a new attempt is blank.
        context["submitted_answers"] = request.session.pop(_refused_answers_key(page), None)
    response = TemplateResponse(request, "courses/assessment_page.html", context)
    if context.get("result") is not None:
        # A result, and perhaps the right answers: never kept by the browser or by the
        # service worker, so nothing of it stays on a shared phone.
        response["Cache-Control"] = "private, no-store"
    return response


def _refused_answers_key(page) -> str:
    return f"sanad_refused_answers_{page.pk}"


def _attempt_context(request, page: AssessmentPage, enrollment: Enrollment) -> dict:
    """The trainee's attempts, the result asked for (with feedback when its time has
    come), and the questions of the next attempt: drawn once and kept when the
    assessment draws from a bank, so a reload shows the same ones."""
    attempts = list(AssessmentAttempt.objects.filter(
        enrollment=enrollment, assessment_key=page.translation_key).order_by("number"))
    passed = any(a.passed for a in attempts)
    released = selectors.feedback_released(enrollment, page, attempts_used=len(attempts),
                                           passed=passed)
    closed = grading.attempts_closed_by_feedback(page.feedback_timing, released)
    attempts_left = max(0, page.max_attempts - len(attempts))
    can_submit = (enrollment.status == Enrollment.Status.ACTIVE and attempts_left > 0
                  and not closed)
    shown = request.GET.get("attempt")
    shown_attempt = next((a for a in attempts if str(a.number) == shown), None)
    context = {"attempts": attempts, "attempts_left": attempts_left, "passed": passed,
               "feedback_released": released, "closed_by_feedback": closed,
               "can_submit": can_submit, "result": shown_attempt}
    next_number = len(attempts) + 1
    if page.draws_from_bank:
        banks = content_selectors.question_banks_for(page)
        numbers = [n for n in (shown_attempt and shown_attempt.number,
                               can_submit and next_number) if n]
        draws = {d.number: d for d in AssessmentDraw.objects.filter(
            enrollment=enrollment, assessment_key=page.translation_key, number__in=numbers)}
        context["assessment_questions"] = []
        if can_submit:
            try:
                draw = services.assessment_draw_open(
                    enrollment=enrollment, assessment=page, number=next_number, banks=banks,
                    current=draws.get(next_number))
            except ValidationError as error:
                _refuse(request, error)
                context["can_submit"] = False
            else:
                bank = selectors.bank_with_questions(banks, draw.questions)
                context["assessment_questions"] = selectors.drawn_questions(bank, draw)
        if shown_attempt is not None and released:
            draw = draws.get(shown_attempt.number)
            bank = selectors.bank_with_questions(banks, draw.questions) if draw else None
            # Attempts from before banks were used have no draw: their score stands,
            # without the questions to comment on.
            context["feedback"] = (grading.feedback_for(selectors.drawn_questions(bank, draw),
                                                        shown_attempt.answers)
                                   if bank is not None else [])
    elif shown_attempt is not None and released:
        context["feedback"] = grading.feedback_for(page.questions, shown_attempt.answers)
    return context


# --- Learner actions -----------------------------------------------------------------


def _refuse(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _restricted(request, page):
    """A response refusing a page whose view restrictions refuse this request, or None.

    The page's own URL shows the restriction's password form or sends to log-in, as
    Wagtail does, so the refusal sends the person there and writes nothing.
    """
    for restriction in page.get_view_restrictions():
        if not restriction.accept_request(request):
            if not request.user.is_authenticated and restriction.restriction_type != \
                    restriction.PASSWORD:
                return redirect_to_login(page.get_url(request))
            messages.error(request, _("This page is restricted: you cannot use it yet."))
            return redirect(page.get_url(request))
    return None


@require_POST
def enrol(request, page_id: int):
    course = selectors.page_or_404(page_id, CoursePage)
    refusal = _restricted(request, course)
    if refusal is not None:
        return refusal
    if not request.user.is_authenticated:
        return redirect_to_login(course.get_url(request))
    require_role(request.user, Role.TRAINEE)
    form = EnrolmentKeyForm(request.POST)
    key = form.cleaned_data["key"] if form.is_valid() else ""
    try:
        enrollment = services.enrollment_create(trainee=request.user, course=course, key=key)
    except ValidationError as error:
        _refuse(request, error)
        return redirect(course.get_url(request))
    messages.success(request, _("You are enrolled in “%(course)s”.") % {"course": course.title})
    plan = selectors.course_plan(course, request=request)
    enrollment.course_plan = plan
    selectors.prefetch_learning([enrollment], request=request)
    step = selectors.next_step(enrollment) if plan.sequence else None
    return redirect(step.get_url(request) if step else course.get_url(request))


@login_required
@require_POST
def withdraw(request, pk: int):
    enrollment = selectors.enrollment_of_trainee(request.user, pk)
    try:
        services.enrollment_withdraw(trainee=request.user, enrollment=enrollment)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("You have withdrawn from “%(course)s”. Your progress is "
                                    "kept if you come back.") % {"course": enrollment.course.title})
    return redirect("courses:my_learning")


@login_required
@require_POST
def lesson_complete(request, page_id: int):
    lesson = selectors.page_or_404(page_id, LessonPage)
    refusal = _restricted(request, lesson)
    if refusal is not None:
        return refusal
    try:
        services.lesson_complete(trainee=request.user, lesson=lesson)
    except ValidationError as error:
        _refuse(request, error)
        return redirect(lesson.get_url(request))
    context = lesson.get_context(request)
    following = context.get("next_page")
    return redirect(following.get_url(request) if following else lesson.get_url(request))


@login_required
@require_POST
@once
def assessment_submit(request, page_id: int):
    assessment = selectors.page_or_404(page_id, AssessmentPage)
    refusal = _restricted(request, assessment)
    if refusal is not None:
        return refusal
    try:
        attempt = services.assessment_submit(trainee=request.user, assessment=assessment,
                                             answers=grading.answers_from_post(request.POST))
    except ValidationError as error:
        _refuse(request, error)
        # Kept for the page the trainee is sent back to, so nothing they ticked is lost.
        request.session[_refused_answers_key(assessment)] = {
            name: request.POST.getlist(name) for name in request.POST if name.startswith("q-")}
        return redirect(assessment.get_url(request))
    return redirect(f"{assessment.get_url(request)}?attempt={attempt.number}#result")


@login_required
@require_GET
def my_learning(request):
    enrollments = selectors.my_enrollments(request.user, request=request)
    shown = live_translations(
        [e.course for e in enrollments] + [e.next_page for e in enrollments if e.next_page],
        get_supported_content_language_variant(get_language()))
    for enrollment in enrollments:
        # In the language being read where a translation is live, else as enrolled.
        # URLs come from the url_path and the site root cached on the request: no query.
        course = shown.get(enrollment.course.translation_key, enrollment.course)
        enrollment.course_title, enrollment.course_url = course.title, course.get_url(request)
        if enrollment.next_page:
            step = shown.get(enrollment.next_page.translation_key, enrollment.next_page)
            enrollment.next_title, enrollment.next_url = step.title, step.get_url(request)
    current = [e for e in enrollments if e.status == Enrollment.Status.ACTIVE]
    completed = [e for e in enrollments if e.status == Enrollment.Status.COMPLETED]
    return render(request, "courses/my_learning.html", {
        "current": current,
        "completed": completed,
        "withdrawn": [e for e in enrollments if e.status == Enrollment.Status.WITHDRAWN],
        "invitations": selectors.invitations_for_invitee(request.user),
        # Higher layers' lines on each card (who supervises it, for instance).
        "panel_templates": panel_registry.attach(current + completed, user=request.user),
    })


@login_required
@require_GET
def enrollment_offline(request, pk: int):
    """What "Available offline" saves of the trainee's own course, with sizes (JSON)."""
    enrollment = selectors.enrollment_for_offline(request.user, pk)
    response = JsonResponse(selectors.offline_listing(enrollment, request),
                            json_dumps_params={"ensure_ascii": False})
    # The page's script keeps its own copy, in the person's cache; no other cache may.
    response["Cache-Control"] = "private, no-cache"
    return response


@login_required
@require_POST
def invitation_answer(request, pk: int, accept: bool):
    """Accept or decline a cohort invitation made to the user's own account."""
    invitation = selectors.invitation_for_invitee(request.user, pk)
    cohort = invitation.cohort
    try:
        if accept:
            services.cohort_invitation_accept(user=request.user, invitation=invitation)
        else:
            services.cohort_invitation_decline(user=request.user, invitation=invitation)
    except ValidationError as error:
        _refuse(request, error)
    else:
        if accept:
            messages.success(request, _("You joined the cohort “%(cohort)s” of “%(course)s”.")
                             % {"cohort": cohort.name, "course": cohort.course.title})
        else:
            messages.success(request, _("You declined the invitation to “%(cohort)s”. Nothing "
                                        "of yours was shared.") % {"cohort": cohort.name})
    return redirect("courses:my_learning")


# --- Reflections ---------------------------------------------------------------------


def _wants_json(request) -> bool:
    """The reflection box's script asks for JSON; a plain form post gets a page."""
    return "application/json" in request.headers.get("Accept", "")


@login_required
@require_http_methods(["GET", "POST"])
def reflection_edit(request, page_id: int, block_id: str):
    """A trainee's private answer to one reflection prompt of a lesson.

    The lesson page posts here as the trainee types (JSON back); without JavaScript its
    Save button posts here too and is sent back to the lesson. A refused answer (too
    long, contact details) is shown again here with its message, every word kept.
    """
    lesson = selectors.page_or_404(page_id, LessonPage)
    refusal = _restricted(request, lesson)
    if refusal is not None:
        return refusal
    prompt = services.reflection_prompt(lesson, block_id)
    course = selectors.course_for_page(lesson)
    enrollment = selectors.enrollment_for_course(request.user, course) if course else None
    if prompt is None or enrollment is None or enrollment.status == Enrollment.Status.WITHDRAWN:
        raise Http404
    reflection = Reflection.objects.filter(enrollment=enrollment, block_id=block_id).first()
    form = ReflectionForm(request.POST if request.method == "POST" else None,
                          initial={"text": reflection.text if reflection else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.reflection_save(trainee=request.user, lesson=lesson, block_id=block_id,
                                     text=form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            if _wants_json(request):
                return JsonResponse({"saved": True, "message": _("Saved")})
            messages.success(request, _("Your reflection is saved. Only you can read it."))
            return redirect(f"{lesson.get_url(request)}#reflection-{block_id}")
    if request.method == "POST" and _wants_json(request):
        errors = [message for messages_ in form.errors.values() for message in messages_]
        return JsonResponse({"saved": False, "errors": errors}, status=400)
    return render(request, "courses/reflection_form.html", {
        "form": form, "lesson": lesson, "prompt": prompt, "block_id": block_id,
        "reflection": reflection, "lesson_url": lesson.get_url(request)})


@login_required
@require_GET
def my_reflections(request):
    return render(request, "courses/my_reflections.html", {
        "enrollments": selectors.my_reflections(request.user, request=request)})


@login_required
@require_POST
def reflection_share(request, pk: int, share: bool):
    """Share one reflection with the trainee's supervisors, or stop sharing it."""
    reflection = selectors.reflection_of_trainee(request.user, pk)
    try:
        services.reflection_share(trainee=request.user, reflection=reflection, share=share)
    except ValidationError as error:
        _refuse(request, error)
    else:
        messages.success(request, _("Shared with your supervisors.") if share else
                         _("No longer shared: only you can read this reflection."))
    return redirect(f"{reverse('courses:my_reflections')}#reflection-{reflection.pk}")


# --- Cohorts -------------------------------------------------------------------------


def _require_cohort_staff(user):
    require_role(user, Role.TRAINER, Role.PROGRAMME_MANAGER)


@login_required
@require_GET
def cohort_list(request):
    _require_cohort_staff(request.user)
    return render(request, "courses/cohort_list.html",
                  {"cohorts": selectors.cohort_list_for_user(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
@once
def cohort_create(request):
    _require_cohort_staff(request.user)
    initial = {"organisation": request.user.organisation_id,
               "country": request.user.country or "", "language": request.LANGUAGE_CODE}
    form = CohortForm(request.POST if request.method == "POST" else None, initial=initial)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.cohort_create(actor=request.user, cohort=form.save(commit=False),
                                            trainers=form.cleaned_data["trainers"],
                                            supervisors=form.cleaned_data["supervisors"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Cohort “%(name)s” created. Now add its trainees.")
                             % {"name": cohort.name})
            return redirect("courses:cohort_trainees", pk=cohort.pk)
    return render(request, "courses/cohort_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@once
def cohort_trainees(request, pk: int):
    _require_cohort_staff(request.user)
    cohort = selectors.cohort_for_user(request.user, pk)
    posted = request.method == "POST"
    form = AddTraineesForm(request.POST if posted else None, request.FILES if posted else None)
    guard_form(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.cohort_add_trainees(actor=request.user, cohort=cohort,
                                                   rows=form.cleaned_data["rows"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # The same words whether or not an address has an account: the form must not
            # tell who uses Sanad.
            parts = [ngettext("%(count)d invitation sent", "%(count)d invitations sent",
                              len(outcome.invited)) % {"count": len(outcome.invited)}]
            if outcome.already_invited:
                parts.append(ngettext("%(count)d already invited", "%(count)d already invited",
                                      len(outcome.already_invited))
                             % {"count": len(outcome.already_invited)})
            if outcome.already_there:
                parts.append(ngettext("%(count)d already in the cohort",
                                      "%(count)d already in the cohort",
                                      len(outcome.already_there))
                             % {"count": len(outcome.already_there)})
            messages.success(request, " · ".join(parts) + " — " + _(
                "Each person joins the cohort once they accept."))
            return redirect("courses:cohort_detail", pk=cohort.pk)
    return render(request, "courses/cohort_trainees.html", {
        "cohort": cohort, "form": form,
        "invitations": selectors.pending_invitations(cohort)})


MATRIX_PER_PAGE = 40


def _matrix_filters(request):
    form = MatrixFilterForm(request.GET or None)
    return form, (form.cleaned_data if form.is_valid() else {})


@login_required
@require_GET
def cohort_detail(request, pk: int):
    _require_cohort_staff(request.user)
    cohort = selectors.cohort_for_user(request.user, pk)
    form, filters = _matrix_filters(request)
    # A page of trainees at a time: 500 rows were close to 1 MB of HTML.
    matrix, page = selectors.cohort_matrix_page(
        cohort, status=filters.get("status", ""), requirements=filters.get("requirements", ""),
        number=request.GET.get("page"), per_page=MATRIX_PER_PAGE)
    filters = request.GET.copy()
    filters.pop("page", None)
    query = filters.urlencode()
    return render(request, "courses/cohort_detail.html", {
        "cohort": cohort, "matrix": matrix, "page": page, "filter_form": form, "query": query,
        "trainers": list(cohort.trainers.order_by("full_name")),
        "supervisors": list(cohort.supervisors.order_by("full_name")),
        "invitations": list(selectors.pending_invitations(cohort))})


@login_required
@require_GET
def cohort_export(request, pk: int, fmt: str):
    _require_cohort_staff(request.user)
    cohort = selectors.cohort_for_export(request.user, pk)
    _, filters = _matrix_filters(request)
    status, requirements = filters.get("status", ""), filters.get("requirements", "")
    if fmt == "xlsx":
        # A workbook is built in the background; the trainer waits on the job's page.
        export = export_request(user=request.user, kind=exports.MATRIX_XLSX,
                                parameters=exports.matrix_export_parameters(
                                    cohort, status=status, requirements=requirements))
        return redirect("lms:export_detail", pk=export.pk)
    matrix = selectors.cohort_matrix_stream(cohort, status=status, requirements=requirements)
    audit_record(actor=request.user, action="export.cohort_matrix_csv", target=cohort,
                 status=status, requirements=requirements)
    return exports.matrix_csv_response(matrix)
