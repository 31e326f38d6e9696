"""The writes of supervised practice a device may queue offline (see lms.offline_writes).

Each applies the write with the same form and service as the page it was written on,
so the rules, the privacy guard and the permission checks are the ones of the web form.
"""

from __future__ import annotations

import uuid

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms import access
from lms.offline_writes import QueuedWrite, WriteKind, WriteRefused
from lms.roles import Role

from . import selectors, services
from .forms import (
    CompetencyRatingForm,
    ItemRatingForm,
    PracticeEntryForm,
    SupervisionSessionForm,
)
from .models import PracticeEntry

State = PracticeEntry.State


def _refuse_form(form) -> None:
    raise WriteRefused({name: list(messages) for name, messages in form.errors.items()})


def own_entry(user, ref) -> PracticeEntry:
    """One of the user's entries, named by its id or by the id its device gave it.

    Raises PracticeEntry.DoesNotExist for missing and not yours alike.
    """
    entries = access.queryset(user, "entry.own", PracticeEntry.objects.select_related(
        "enrollment__course", "activity_kind"))
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isdigit()):
        return entries.get(pk=int(ref))
    try:
        return entries.get(client_id=uuid.UUID(str(ref)))
    except ValueError:
        raise PracticeEntry.DoesNotExist from None


def _entry_result(entry: PracticeEntry) -> dict:
    return {"entry": entry.pk, "state": entry.state,
            "url": reverse("supervision:entry_detail", args=[entry.pk])}


def _save_entry(write: QueuedWrite, request, *, enrollment, instance=None) -> dict:
    form = PracticeEntryForm(write.data(), instance=instance, enrollment=enrollment)
    if not form.is_valid():
        _refuse_form(form)
    entry = form.instance
    if instance is None:
        entry.client_id = write.client_id
    entry = services.practice_entry_save(trainee=request.user, entry=entry)
    if write.fields.get("submit"):
        entry = services.practice_entries_submit(trainee=request.user, entries=[entry])[0]
    return _entry_result(entry)


def entry_create(write: QueuedWrite, request) -> dict:
    enrollment = selectors.enrollment_for_trainee(request.user, write.fields.get("enrollment"))
    return _save_entry(write, request, enrollment=enrollment)


def entry_edit(write: QueuedWrite, request) -> dict:
    entry = own_entry(request.user, write.fields.get("entry"))
    if entry.state not in services.EDITABLE_STATES:
        raise WriteRefused(_("This entry is %(state)s and can no longer be changed.")
                           % {"state": entry.get_state_display()})
    return _save_entry(write, request, enrollment=entry.enrollment, instance=entry)


def describe_entry(result: dict) -> str:
    if result.get("state") == State.SUBMITTED:
        return _("Practice entry saved and submitted for review.")
    return _("Practice entry saved as a draft.")


def entries_submit(write: QueuedWrite, request) -> dict:
    refs = write.fields.get("entries")
    if not isinstance(refs, list):
        refs = [refs] if refs else []
    entries = [own_entry(request.user, ref) for ref in refs]
    if not entries:
        raise WriteRefused(_("Choose at least one draft or returned entry to submit."))
    submitted = services.practice_entries_submit(trainee=request.user, entries=entries)
    return {"entries": [e.pk for e in submitted],
            "url": reverse("supervision:logbook_enrollment", args=[submitted[0].enrollment_id])}


def describe_submit(result: dict) -> str:
    count = len(result.get("entries", []))
    return ngettext("%(count)d entry submitted for review.",
                    "%(count)d entries submitted for review.", count) % {"count": count}


def session_record(write: QueuedWrite, request) -> dict:
    user = request.user
    enrollments = (selectors.supervised_enrollments(user).exclude(trainee=user)
                   .select_related("trainee", "course"))
    form = SupervisionSessionForm(write.data("enrollments"), enrollments=enrollments)
    if not form.is_valid():
        _refuse_form(form)
    data = form.cleaned_data
    session = services.supervision_session_record(
        supervisor=user, date=data["date"], duration_minutes=data["duration_minutes"],
        format=data["format"], enrollments=data["enrollments"], topics=data["topics"])
    return {"session": session.pk, "url": reverse("supervision:sessions")}


def rating_record(write: QueuedWrite, request) -> dict:
    enrollment = selectors.enrollment_for_supervisor(request.user,
                                                     write.fields.get("enrollment"))
    requirements = list(enrollment.course.competency_requirements.select_related("competency")
                        .order_by("sort_order", "pk"))
    latest = selectors.latest_competency_ratings([enrollment.pk])[enrollment.pk]
    form = CompetencyRatingForm(write.data(), requirements=requirements, latest=latest)
    if not form.is_valid():
        _refuse_form(form)
    ratings = services.competency_ratings_record(
        supervisor=request.user, enrollment=enrollment,
        observation=form.cleaned_data["observation"], ratings=form.ratings())
    return {"ratings": [r.pk for r in ratings],
            "url": reverse("supervision:rating", args=[enrollment.pk])}


def _assessment_item(write: QueuedWrite, items) -> tuple[int, object]:
    """(number, competency) of the item the write names, by competency id ("item") or by
    its number on the rating pages ("number")."""
    ref = str(write.fields.get("item") or "")
    if ref.isdigit():
        for number, competency in enumerate(items, start=1):
            if competency.pk == int(ref):
                return number, competency
    else:
        ref = str(write.fields.get("number") or "")
        if ref.isdigit() and 1 <= int(ref) <= len(items):
            return int(ref), items[int(ref) - 1]
    raise WriteRefused(_("This is not an item of the assessment's tool."))


def item_rating_save(write: QueuedWrite, request) -> dict:
    """One item of a structured assessment, rated on its page offline: the page's form and
    service, so only a rater who has not submitted may save it and a harmful behaviour
    ticked makes the item level 1."""
    assessment = selectors.assessment_for_rater(request.user, write.fields.get("assessment"))
    items = selectors.tool_items([assessment.tool_id])[assessment.tool_id]
    number, competency = _assessment_item(write, items)
    behaviours = selectors.item_behaviours([competency.pk])[competency.pk]
    form = ItemRatingForm(write.data("harmful_behaviours"), competency=competency,
                          behaviours=behaviours)
    if not form.is_valid():
        _refuse_form(form)
    rating, forced = services.item_rating_save(
        assessment=assessment, rater=request.user, competency_id=competency.pk,
        level=form.cleaned_data["level"],
        harmful_behaviour_ids=form.cleaned_data.get("harmful_behaviours") or (),
        notes=form.cleaned_data["notes"])
    return {"assessment": assessment.pk, "item": competency.pk, "number": number,
            "level": rating.level, "forced": forced,
            "url": reverse("supervision:assessment_detail", args=[assessment.pk])}


def describe_item_rating(result: dict) -> str:
    if result.get("forced"):
        return services.item_forced_message(result.get("number"))
    return _("Item %(number)s rated.") % {"number": result.get("number")}


def assessment_ratings_submit(write: QueuedWrite, request) -> dict:
    """"Submit my ratings" pressed offline: refused, with the page's message, while an
    item is not rated."""
    assessment = selectors.assessment_for_rater(request.user, write.fields.get("assessment"))
    assessment = services.rater_ratings_submit(assessment=assessment, rater=request.user)
    return {"assessment": assessment.pk, "state": assessment.state,
            "url": reverse("supervision:assessment_detail", args=[assessment.pk])}


def register(registry) -> None:
    registry.register(WriteKind("entry.create", entry_create, describe_entry))
    registry.register(WriteKind("entry.edit", entry_edit, describe_entry))
    registry.register(WriteKind("entry.submit", entries_submit, describe_submit))
    registry.register(WriteKind("session.record", session_record,
                                lambda result: _("Supervision session recorded."),
                                roles=(Role.SUPERVISOR,)))
    registry.register(WriteKind("rating.record", rating_record,
                                lambda result: _("Ratings saved."), roles=(Role.SUPERVISOR,)))
    registry.register(WriteKind("assessment.item_rate", item_rating_save, describe_item_rating,
                                roles=(Role.SUPERVISOR,)))
    registry.register(WriteKind("assessment.ratings_submit", assessment_ratings_submit,
                                lambda result: services.ratings_submitted_message(
                                    result.get("state")),
                                roles=(Role.SUPERVISOR,)))
