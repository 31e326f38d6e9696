"""Rater calibration pages: lead trainers publish exercises and read the report;
supervisors rate blind and then see their agreement with the reference."""

from __future__ import annotations

import os

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from content.models import CompetencyTool
from lms import access
from lms.files import private_file_response
from lms.roles import Role

from . import calibration
from .calibration_forms import CalibrationExerciseForm, ItemLevelsForm
from .models import CalibrationExercise


def _add_errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


# --- Lead trainers -------------------------------------------------------------------------


@access.role_required(Role.LEAD_TRAINER)
def manage(request):
    exercises = calibration.exercises_to_manage(request.user)
    tools = CompetencyTool.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    return render(request, "supervision/calibration_manage.html",
                  {"exercises": exercises, "tools": tools})


@access.role_required(Role.LEAD_TRAINER)
def create(request, tool_id: int):
    # The tool itself: its translations are read through it.
    tool = CompetencyTool.objects.filter(locale__language_code=settings.LANGUAGE_CODE,
                                         pk=tool_id).first()
    if tool is None:
        raise Http404
    items = calibration.tool_items(tool.pk)
    form = CalibrationExerciseForm(request.POST or None, request.FILES or None)
    reference = ItemLevelsForm(request.POST or None, items=items, prefix="reference")
    # Both forms checked, so every mistake is shown at once.
    valid = [form.is_valid(), reference.is_valid()] if request.method == "POST" else [False]
    if all(valid):
        data = form.cleaned_data
        try:
            exercise = calibration.calibration_exercise_create(
                author=request.user, tool=tool, title=data["title"],
                instructions=data["instructions"], recording=data["recording"],
                recording_url=data["recording_url"], pass_threshold=data["pass_threshold"],
                references=reference.item_levels())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Publish it when the reference is "
                                        "final: supervisors then see it and rate it."))
            return redirect("supervision:calibration_detail", pk=exercise.pk)
    return render(request, "supervision/calibration_form.html",
                  {"tool": tool, "form": form, "reference": reference})


@access.role_required(Role.LEAD_TRAINER)
def detail(request, pk: int):
    exercise = calibration.exercise_to_manage(request.user, pk)
    report = calibration.calibration_report(exercise)
    references = {r.competency_id: r for r in exercise.references.prefetch_related(
        "harmful_behaviours")}
    reference_rows = [{"competency": c, "reference": references[c.pk]} for c in report.items]
    return render(request, "supervision/calibration_detail.html", {
        "exercise": exercise, "report": report, "reference_rows": reference_rows})


def _state_change(request, pk: int, service, done: str):
    exercise = calibration.exercise_to_manage(request.user, pk)
    try:
        service(exercise=exercise, actor=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("supervision:calibration_detail", pk=exercise.pk)


@require_POST
@access.role_required(Role.LEAD_TRAINER)
def publish(request, pk: int):
    return _state_change(request, pk, calibration.calibration_exercise_publish,
                         _("Published: supervisors can now rate the recording."))


@require_POST
@access.role_required(Role.LEAD_TRAINER)
def reveal(request, pk: int):
    return _state_change(request, pk, calibration.calibration_exercise_reveal,
                         _("Reference revealed: raters now see their agreement, and rating "
                           "is closed."))


# --- Supervisors ---------------------------------------------------------------------------


@access.role_required(Role.SUPERVISOR)
def exercises(request):
    return render(request, "supervision/calibration_list.html",
                  {"rows": calibration.exercises_to_rate(request.user)})


@access.role_required(Role.SUPERVISOR)
def rate(request, pk: int):
    exercise = calibration.exercise_to_rate(request.user, pk)
    items = calibration.exercise_items(exercise)
    mine = calibration.rater_ratings(exercise, request.user)
    if request.method == "POST" and mine:
        # Their ratings, not the form, are on the page: the refusal goes above them.
        messages.error(request, _("You have already rated this exercise; a rating cannot be "
                                  "changed. Nothing was saved."))
        return redirect("supervision:calibration_rate", pk=exercise.pk)
    form = ItemLevelsForm(request.POST or None, items=items)
    if request.method == "POST":
        if form.is_valid():
            try:
                calibration.calibration_rating_submit(exercise=exercise, rater=request.user,
                                                      ratings=form.item_levels())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Your ratings are saved. You will see your "
                                            "agreement with the reference once it is "
                                            "revealed."))
                return redirect("supervision:calibration_rate", pk=exercise.pk)
        else:
            # The state may have changed since the page was opened: say so first.
            if exercise.state == CalibrationExercise.State.REVEALED:
                form.add_error(None, _("The reference has already been revealed, so this "
                                       "exercise no longer takes ratings. Nothing was saved."))
    agreement = calibration.rater_agreement(exercise, request.user)
    return render(request, "supervision/calibration_rate.html", {
        "exercise": exercise, "form": form, "mine": mine, "agreement": agreement,
        "revealed": exercise.state == CalibrationExercise.State.REVEALED,
        "my_rows": [{"competency": c, "rating": mine.get(c.pk)} for c in items]})


# --- The recording -------------------------------------------------------------------------


@login_required
def recording(request, pk: int):
    """The reference recording, to lead trainers and to supervisors who may rate it."""
    if access.has_role(request.user, Role.LEAD_TRAINER):
        exercise = calibration.exercise_to_manage(request.user, pk)
    elif access.has_role(request.user, Role.SUPERVISOR):
        exercise = calibration.exercise_to_rate(request.user, pk)
    else:
        raise Http404
    if not exercise.recording:
        raise Http404
    name = exercise.recording.name
    extension = os.path.splitext(name)[1].lower()
    return private_file_response(
        request, exercise.recording.storage, name, os.path.basename(name),
        calibration.RECORDING_TYPES.get(extension, "application/octet-stream"),
        as_attachment=False)
