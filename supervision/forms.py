from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from content.models import ActivityKind, Competency
from lms.converters import IdMultipleChoiceField
from lms.forms import CleanTextMixin
from lms.models import User
from lms.roles import Role

from .models import (
    MAX_ENTRY_MINUTES,
    MAX_SESSION_MINUTES,
    CompetencyAssessment,
    CompetencyRating,
    PracticeEntry,
    SupervisionSession,
)
from .services import RatingInput, practice_entry_errors, session_time_errors

PRIVACY_NOTE = _("Never write a client's name, phone number, e-mail or home address. "
                 "Describe people only in general terms.")
PRIVACY_HINT = _("No client names or contact details.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PracticeEntryForm(CleanTextMixin, forms.ModelForm):
    """A practice entry of one enrollment. The rules live in services.practice_entry_errors."""

    class Meta:
        model = PracticeEntry
        fields = ["date", "duration_minutes", "activity_kind", "modality", "setting",
                  "people_served", "language", "interpreter_present", "went_well",
                  "was_hard", "do_differently", "support_needed"]
        widgets = {
            "date": DateInput(),
            "modality": forms.RadioSelect,
            "went_well": forms.Textarea(attrs={"rows": 3}),
            "was_hard": forms.Textarea(attrs={"rows": 3}),
            "do_differently": forms.Textarea(attrs={"rows": 3}),
            "support_needed": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "duration_minutes": _("In minutes, from 1 to 720 (12 hours)."),
            "language": _("e.g. Arabic, or Kurmanji with an interpreter."),
            "people_served": _("How many people took part (not who they were)."),
        }

    def __init__(self, *args, enrollment, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.enrollment = enrollment
        self.fields["activity_kind"].queryset = ActivityKind.objects.filter(
            pk__in=enrollment.course.practice_requirements.values("activity_kind_id"))
        self.fields["activity_kind"].empty_label = _("Choose an activity")
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["duration_minutes"].widget.attrs.update(
            {"min": 1, "max": MAX_ENTRY_MINUTES, "inputmode": "numeric"})
        # The range rule and its message live in the service; drop the generic ones.
        duration = self.fields["duration_minutes"]
        duration.min_value = duration.max_value = None
        duration.validators = []
        self.fields["modality"].choices = PracticeEntry.Modality.choices
        for name in ("went_well", "was_hard", "do_differently", "support_needed", "language"):
            self.fields[name].help_text = self.fields[name].help_text or PRIVACY_HINT
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def _post_clean(self):
        super()._post_clean()
        for field, messages in practice_entry_errors(self.instance).items():
            if field in self.fields and field in self.cleaned_data or field in self._errors:
                # The domain message says why; it replaces the model's generic one.
                self._errors.pop(field, None)
                self.cleaned_data.pop(field, None)
                for message in messages:
                    self.add_error(field, message)


class ReviewForm(CleanTextMixin, forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[("approve", _("Approve and sign off")),
                 ("return", _("Return to the trainee with a comment"))])
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return an entry: say what to change."))

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", _("Say what the trainee should change: a comment is "
                                        "required to return an entry."))
        return data


class SupervisionSessionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = SupervisionSession
        fields = ["date", "duration_minutes", "format", "enrollments", "topics"]
        widgets = {"date": DateInput(), "format": forms.RadioSelect,
                   "enrollments": forms.CheckboxSelectMultiple,
                   "topics": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"enrollments": IdMultipleChoiceField}
        help_texts = {"topics": PRIVACY_HINT,
                      "duration_minutes": _("In minutes, from 1 to 480 (8 hours).")}

    def __init__(self, *args, enrollments, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["enrollments"]
        field.queryset = enrollments
        field.label_from_instance = lambda e: f"{e.trainee} — {e.course.title}"
        self.fields["format"].choices = SupervisionSession.Format.choices
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["duration_minutes"].widget.attrs.update({"min": 1,
                                                             "max": MAX_SESSION_MINUTES})
        # The range rule and its message live in the service; drop the generic ones.
        duration = self.fields["duration_minutes"]
        duration.min_value = duration.max_value = None
        duration.validators = []
        if not self.instance.pk:
            self.initial.setdefault("date", timezone.localdate())

    def clean(self):
        data = super().clean()
        for field, messages in session_time_errors(
                date=data.get("date"), duration_minutes=data.get("duration_minutes"),
                enrollments=data.get("enrollments") or []).items():
            if field in data:
                for message in messages:
                    self.add_error(field, message)
        return data

    def _get_validation_exclusions(self):
        # The model field's range is the practice entries' wider one; the session's own
        # rule above says it better, so the model's generic message would only confuse.
        return super()._get_validation_exclusions() | {"duration_minutes"}


class CompetencyRatingForm(CleanTextMixin, forms.Form):
    """One observation: a level, a harmful flag and notes for each course competency."""

    observation = forms.ChoiceField(label=_("What did you observe?"),
                                    choices=CompetencyRating.Observation.choices,
                                    widget=forms.RadioSelect)

    def __init__(self, *args, requirements, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for requirement in requirements:
            competency = requirement.competency
            # Descriptors are written once, in the site's language: marked with it so an
            # Arabic page reads them with the right voice and direction.
            descriptor_lang = ("" if (get_language() or "")[:2] == settings.LANGUAGE_CODE
                               else settings.LANGUAGE_CODE)
            choices = [(level, format_html(
                "<span class=\"level-text\"><strong>{}</strong> <span class=\"descriptor\"{} dir=\"auto\">{}"
                "</span></span>", label,
                format_html(' lang="{}"', descriptor_lang) if descriptor_lang else "",
                competency.descriptor(level)))
                       for level, label in Competency.Level.choices]
            level = forms.TypedChoiceField(
                label=competency, required=False, coerce=int, choices=choices,
                widget=forms.RadioSelect(attrs={"class": "level-choice"}),
                empty_value=None)
            harmful = forms.BooleanField(label=_("Harmful behaviour observed"), required=False)
            notes = forms.CharField(label=_("Notes"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}),
                                    help_text=PRIVACY_HINT)
            self.fields[f"level_{competency.pk}"] = level
            self.fields[f"harmful_{competency.pk}"] = harmful
            self.fields[f"notes_{competency.pk}"] = notes
            self.rows.append({"competency": competency,
                              "required_level": requirement.required_level,
                              "latest": latest.get(competency.pk)})

    @property
    def first_level(self):
        """The first competency's level: where "rate at least one" takes the person."""
        return self[f"level_{self.rows[0]['competency'].pk}"] if self.rows else None

    def bound_rows(self):
        for row in self.rows:
            pk = row["competency"].pk
            yield {**row, "level": self[f"level_{pk}"], "harmful": self[f"harmful_{pk}"],
                   "notes": self[f"notes_{pk}"]}

    def clean(self):
        data = super().clean()
        for row in self.rows:
            pk = row["competency"].pk
            if data.get(f"level_{pk}") is None and (data.get(f"harmful_{pk}")
                                                     or data.get(f"notes_{pk}")):
                self.add_error(f"level_{pk}", _("Choose a level for this competency, or "
                                                "clear its notes and flag."))
        if not any(data.get(f"level_{row['competency'].pk}") is not None for row in self.rows):
            raise forms.ValidationError(_("Rate at least one competency."))
        return data

    def ratings(self) -> list[RatingInput]:
        result = []
        for row in self.rows:
            pk = row["competency"].pk
            level = self.cleaned_data.get(f"level_{pk}")
            if level is not None:
                result.append(RatingInput(
                    competency=row["competency"], level=level,
                    harmful_behaviour=self.cleaned_data.get(f"harmful_{pk}", False),
                    notes=self.cleaned_data.get(f"notes_{pk}", "")))
        return result


class SupervisorChoiceForm(CleanTextMixin, forms.Form):
    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(),
        help_text=_("Any supervisor, from any organisation."))

    def __init__(self, *args, exclude=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["supervisor"]
        field.queryset = (User.objects.filter(groups__name=Role.SUPERVISOR.value, is_active=True)
                          .exclude(pk__in=[u.pk for u in exclude])
                          .select_related("organisation").order_by("full_name"))
        field.label_from_instance = lambda u: (f"{u} — {u.organisation}" if u.organisation
                                               else str(u))


class SupervisionRequestForm(CleanTextMixin, forms.Form):
    """A self-paced trainee's request: whom to ask, and a short note."""

    supervisor = forms.ModelChoiceField(
        label=_("Supervisor"), queryset=User.objects.none(),
        help_text=_("Supervisors of your organisation and of this course's pool."))
    message = forms.CharField(
        label=_("Message (optional)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say briefly where and when you practise. No client names or contact "
                    "details."))

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["supervisor"]
        field.queryset = candidates
        field.empty_label = _("Choose a supervisor")
        field.error_messages["invalid_choice"] = _(
            "Choose a supervisor of your organisation or of this course's supervisor pool.")
        field.label_from_instance = lambda u: (f"{u} — {u.organisation}" if u.organisation
                                               else str(u))


class TraineeSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), max_length=100, required=False, strip=True)


# --- Structured competency assessment --------------------------------------------------


def _lang_attr(language: str) -> str:
    """` lang="xx"` when authored text is in another language than the page."""
    return "" if language[:2] == (get_language() or settings.LANGUAGE_CODE)[:2] else language


def level_choices(competency: Competency) -> list[tuple[int, str]]:
    """The four levels as radio labels: the level's name and the item's descriptor for it,
    the descriptor marked with its language where it is not the page's."""
    choices = []
    for level, label in Competency.Level.choices:
        field = f"level_{level}_descriptor"
        lang = _lang_attr(competency.localised_language(field))
        choices.append((level, format_html(
            '<span class="level-text"><strong>{}</strong> <span class="descriptor"{} '
            'dir="auto">{}</span></span>', label,
            format_html(' lang="{}"', lang) if lang else "", competency.descriptor(level))))
    return choices


def behaviour_choices(behaviours) -> list[tuple[int, str]]:
    choices = []
    for behaviour in behaviours:
        lang = _lang_attr(behaviour.localised_language("description"))
        choices.append((behaviour.pk, format_html(
            '<span dir="auto"{}>{}</span>', format_html(' lang="{}"', lang) if lang else "",
            behaviour.localised("description"))))
    return choices


class AssessmentStartForm(CleanTextMixin, forms.Form):
    """Who is observed with which tool, how, when, by whom, and with which scenario."""

    RANDOM = "random"

    tool = forms.TypedChoiceField(label=_("Competency tool"), coerce=int,
                                  widget=forms.RadioSelect)
    kind = forms.ChoiceField(label=_("Kind of assessment"),
                             choices=CompetencyAssessment.Kind.choices,
                             widget=forms.RadioSelect)
    observation_type = forms.ChoiceField(label=_("What is observed"),
                                         choices=CompetencyAssessment.ObservationType.choices,
                                         widget=forms.RadioSelect)
    observed_on = forms.DateField(label=_("Date of the observation"), widget=DateInput())
    co_raters = forms.TypedMultipleChoiceField(
        label=_("Other raters"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other supervisors of this trainee who rate the same observation. "
                    "Each rates every item; you then agree the levels together."))
    scenario = forms.ChoiceField(label=_("Role-play scenario"), required=False,
                                 widget=forms.RadioSelect)

    def __init__(self, *args, tools, co_raters, scenarios, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("observed_on", timezone.localdate())
        self.initial.setdefault("scenario", self.RANDOM)
        self.tools = {row.tool_id: row.tool for row in tools}
        self.fields["tool"].choices = [(row.tool_id, row.tool.localised()) for row in tools]
        if len(tools) == 1:
            self.initial.setdefault("tool", tools[0].tool_id)
        self.people = {u.pk: u for u in co_raters}
        self.fields["co_raters"].choices = [(u.pk, str(u)) for u in co_raters]
        self.scenarios = {s.pk: s for s in scenarios}
        several = len(tools) > 1
        self.fields["scenario"].choices = [
            (self.RANDOM, _("Let Sanad pick one at random (one the trainee has not had yet)")),
            *((str(s.pk), f"{s.tool.localised()} — {s.localised('title')}" if several
               else s.localised("title")) for s in scenarios),
            ("", _("No scenario (a live session or a recording)"))]

    def start_arguments(self) -> dict:
        data = self.cleaned_data
        choice = data.get("scenario") or ""
        return {"tool": self.tools.get(data["tool"]), "kind": data["kind"],
                "observation_type": data["observation_type"],
                "observed_on": data["observed_on"],
                "co_raters": [self.people[pk] for pk in data["co_raters"]],
                "scenario": (self.scenarios.get(int(choice)) if choice.isdigit() else None),
                "random_scenario": choice == self.RANDOM}


class ItemRatingForm(CleanTextMixin, forms.Form):
    """One rater's rating of one item: its level (the descriptors are the choices), the
    harmful behaviours seen, notes."""

    level = forms.TypedChoiceField(label=_("Level"), coerce=int, widget=forms.RadioSelect(
        attrs={"class": "level-choice"}), error_messages={
        "required": _("Choose the level that matches what you observed."),
        "invalid_choice": _("Choose a level from 1 to 4.")})
    harmful_behaviours = forms.TypedMultipleChoiceField(
        label=_("Harmful behaviours seen"), required=False, coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ticking any of these makes the item level 1."),
        error_messages={"invalid_choice": _("Tick only harmful behaviours listed for this "
                                            "item.")})
    notes = forms.CharField(label=_("Notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}), help_text=PRIVACY_HINT)

    def __init__(self, *args, competency, behaviours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = level_choices(competency)
        self.fields["harmful_behaviours"].choices = behaviour_choices(behaviours)
        if not behaviours:
            del self.fields["harmful_behaviours"]


class ConsensusForm(CleanTextMixin, forms.Form):
    """The agreed level, harmful behaviours and note of every item of one assessment."""

    def __init__(self, *args, items, behaviours, ratings, **kwargs):
        from .services import consensus_defaults

        super().__init__(*args, **kwargs)
        self.rows = []
        for competency in items:
            pk = competency.pk
            level, agreed_behaviours = consensus_defaults(ratings.get(pk, []))
            self.fields[f"level_{pk}"] = forms.TypedChoiceField(
                label=_("Agreed level"), coerce=int, required=False, empty_value=None,
                choices=level_choices(competency),
                widget=forms.RadioSelect(attrs={"class": "level-choice"}),
                error_messages={"invalid_choice": _("Choose a level from 1 to 4.")})
            self.fields[f"harmful_{pk}"] = forms.TypedMultipleChoiceField(
                label=_("Harmful behaviours agreed"), required=False, coerce=int,
                choices=behaviour_choices(behaviours.get(pk, [])),
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": _("Tick only harmful behaviours listed "
                                                    "for this item.")})
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("Note on the agreement"), required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text=_("Needed when the agreed level is outside the raters' levels."))
            if level is not None:
                self.initial.setdefault(f"level_{pk}", level)
            if agreed_behaviours:
                self.initial.setdefault(f"harmful_{pk}", agreed_behaviours)
            self.rows.append({"competency": competency, "ratings": ratings.get(pk, []),
                              "has_behaviours": bool(behaviours.get(pk))})

    def bound_rows(self):
        for row in self.rows:
            pk = row["competency"].pk
            yield {**row, "level": self[f"level_{pk}"], "harmful": self[f"harmful_{pk}"],
                   "note": self[f"note_{pk}"]}

    @property
    def first_level(self):
        return self[f"level_{self.rows[0]['competency'].pk}"] if self.rows else None

    def agreed(self):
        from .services import AgreedItem

        data = self.cleaned_data
        return [AgreedItem(competency_id=row["competency"].pk,
                           level=data.get(f"level_{row['competency'].pk}"),
                           harmful_behaviour_ids=tuple(
                               data.get(f"harmful_{row['competency'].pk}") or ()),
                           note=data.get(f"note_{row['competency'].pk}") or "")
                for row in self.rows]


class FollowUpPlanForm(CleanTextMixin, forms.Form):
    plan = forms.CharField(label=_("Plan"), widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("What you and the trainee will do before the next "
                                       "observation. No client names or contact details."),
                           error_messages={"required": _(
                               "Write the plan: what you and the trainee will do before "
                               "the next observation.")})
    due_on = forms.DateField(label=_("Due date"), widget=DateInput(),
                             error_messages={"required": _("Enter the date the follow-up "
                                                           "is due.")})
