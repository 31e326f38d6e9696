"""Forms of rater calibration: the exercise, and a level (with harmful behaviours) for
every item of a tool, used for the experts' reference and for supervisors' ratings."""

from __future__ import annotations

import os

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.models import Competency

from .calibration import RECORDING_TYPES, ItemLevel, max_recording_bytes
from .models import CalibrationExercise


class CalibrationExerciseForm(forms.ModelForm):
    class Meta:
        model = CalibrationExercise
        fields = ["title", "instructions", "recording", "recording_url", "pass_threshold"]
        widgets = {"instructions": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "recording": gettext_lazy("Video or audio (MP4, WebM, MOV, MP3, M4A, OGG, WAV). "
                                      "Only lead trainers and supervisors can play it."),
            "pass_threshold": gettext_lazy("A rater passes when at least this share of the "
                                           "items is within one level of the reference."),
        }

    def clean_recording(self):
        recording = self.cleaned_data.get("recording")
        if not recording:
            return recording
        extension = os.path.splitext(recording.name)[1].lower()
        content_type = getattr(recording, "content_type", "") or ""
        if extension not in RECORDING_TYPES or not content_type.startswith(("video/",
                                                                            "audio/")):
            raise forms.ValidationError(_("Upload a video or audio file (MP4, WebM, MOV, "
                                          "MP3, M4A, OGG or WAV)."))
        if recording.size > max_recording_bytes():
            raise forms.ValidationError(
                _("The recording is too large: at most %(size)s.")
                % {"size": filesizeformat(max_recording_bytes())})
        return recording

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("recording") and not cleaned.get("recording_url") and not (
                self.errors.get("recording") or self.errors.get("recording_url")):
            raise forms.ValidationError(_("Upload the recording or give a link to it."))
        return cleaned


class ItemLevelsForm(forms.Form):
    """A level for every item of a tool, each level's descriptor in its choice, and the
    item's harmful behaviours as checkboxes; any behaviour ticked needs level 1."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for competency in items:
            self.fields[f"level_{competency.pk}"] = forms.TypedChoiceField(
                label=competency.localised(), coerce=int, widget=forms.RadioSelect,
                choices=[(level, f"{label}: {competency.descriptor(level)}")
                         for level, label in Competency.Level.choices],
                error_messages={"required": _("Choose a level for this item."),
                                "invalid_choice": _("Choose a level from 1 to 4.")})
            self.fields[f"behaviours_{competency.pk}"] = forms.TypedMultipleChoiceField(
                label=_("Harmful behaviours seen"), coerce=int, required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(b.pk, str(b)) for b in competency.harmful_behaviours.all()],
                error_messages={"invalid_choice": _("Tick only this item's harmful "
                                                    "behaviours.")})

    def clean(self):
        cleaned = super().clean()
        for competency in self.items:
            level = cleaned.get(f"level_{competency.pk}")
            if cleaned.get(f"behaviours_{competency.pk}") and level not in (None, 1):
                self.add_error(f"level_{competency.pk}", _(
                    "A harmful behaviour is ticked: this item's level must be 1 "
                    "(potentially harmful)."))
        return cleaned

    def rows(self):
        return [{"competency": c, "level": self[f"level_{c.pk}"],
                 "behaviours": self[f"behaviours_{c.pk}"]} for c in self.items]

    def item_levels(self) -> list[ItemLevel]:
        return [ItemLevel(competency_id=c.pk, level=self.cleaned_data[f"level_{c.pk}"],
                          behaviour_ids=frozenset(self.cleaned_data[f"behaviours_{c.pk}"]))
                for c in self.items]
