from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from content.models import CoursePage
from lms.converters import IdMultipleChoiceField
from lms.forms import EMPTY_CHOICE, CleanTextMixin
from lms.models import Site, User
from lms.roles import Role

from .imports import parse_email_list, parse_trainee_csv
from .models import Cohort


class EnrolmentKeyForm(CleanTextMixin, forms.Form):
    key = forms.CharField(label=_("Enrolment key"), max_length=64, required=False,
                          widget=forms.TextInput(attrs={"autocomplete": "off"}))


class CourseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, course):
        return f"{course.title} ({course.locale.get_display_name()})"


class PersonChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, user):
        # Each part isolated (FSI…PDI): a Latin name and address on an Arabic page keep
        # their brackets where they belong, and an Arabic name stays whole.
        return f"\u2068{user.full_name}\u2069 \u2068<{user.email}>\u2069"


def _people_with(role: Role):
    return User.objects.filter(groups__name=role.value, is_active=True).order_by("full_name")


class CohortForm(CleanTextMixin, forms.ModelForm):
    course = CourseChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    trainers = PersonChoiceField(label=_("Trainers"), queryset=User.objects.none(),
                                 required=False, widget=forms.CheckboxSelectMultiple,
                                 help_text=_("You train the cohort yourself if you are a "
                                             "trainer."))
    supervisors = PersonChoiceField(label=_("Supervisors"), queryset=User.objects.none(),
                                    required=False, widget=forms.CheckboxSelectMultiple,
                                    help_text=_("They supervise every trainee of the cohort."))

    class Meta:
        model = Cohort
        fields = ["course", "name", "organisation", "site", "country", "location", "language",
                  "start_date", "end_date", "trainers", "supervisors"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}),
                   "end_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = (CoursePage.objects.live().select_related("locale")
                                          .order_by("title", "locale__language_code"))
        self.fields["trainers"].queryset = _people_with(Role.TRAINER)
        self.fields["supervisors"].queryset = _people_with(Role.SUPERVISOR)
        self._offer_sites_of(self._organisation_id())

    def _organisation_id(self) -> int | None:
        if self.is_bound:
            value = self.data.get(self.add_prefix("organisation"))
        else:
            value = self.initial.get("organisation") or self.instance.organisation_id
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    def _offer_sites_of(self, organisation_id: int | None) -> None:
        """List only the sites of the organisation the form has (the person's own at
        first, the chosen one when the form comes back). Any site still validates, so
        that one of another organisation is refused with a message saying so."""
        field = self.fields["site"]
        field.queryset = Site.objects.select_related("organisation")
        field.empty_label = EMPTY_CHOICE
        shown = field.queryset.filter(organisation_id=organisation_id) if organisation_id else []
        field.choices = [("", EMPTY_CHOICE), *((site.pk, site_label(site)) for site in shown)]
        field.help_text = _("Where the cohort is trained: one of its organisation's sites. "
                            "Sites are added by an administrator.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The cohort must end on or after the day it starts."))
        message = site_mismatch(data.get("site"), data.get("organisation"))
        if message:
            self.add_error("site", message)
        return data


def site_label(site: Site) -> str:
    return f"{site.name} ({site.admin_area})" if site.admin_area else site.name


def site_mismatch(site: Site | None, organisation) -> str | None:
    """Why `site` cannot be the site of a cohort of `organisation`, or None."""
    if site is None or organisation is None or site.organisation_id == organisation.pk:
        return None
    return _("“%(site)s” is a site of %(other)s, not of %(organisation)s. Choose one of "
             "%(organisation)s's sites.") % {"site": site.name, "other": site.organisation.name,
                                             "organisation": organisation.name}


class AddTraineesForm(CleanTextMixin, forms.Form):
    """People to add to a cohort: typed e-mails, or a CSV file, or both."""

    # The parser cleans each address and reports problems by line.
    clean_text_exclude = ("emails",)

    emails = forms.CharField(
        label=_("E-mail addresses"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. People without an account receive an invitation."))
    csv_file = forms.FileField(
        label=_("Or a CSV file"), required=False,
        help_text=_("UTF-8, with a first line naming the columns full_name, email, "
                    "organisation. The organisation must already exist in Sanad. Optional "
                    "columns: cadre (for example nurse or community worker) and sex "
                    "(female, male, other or undisclosed); they fill in only what a "
                    "person has not set themselves."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}))

    def clean(self):
        data = super().clean()
        rows = []
        if data.get("csv_file"):
            try:
                rows += parse_trainee_csv(data["csv_file"])
            except ValidationError as error:
                self.add_error("csv_file", error)
        if data.get("emails", "").strip():
            try:
                rows += parse_email_list(data["emails"])
            except ValidationError as error:
                self.add_error("emails", error)
        if not self.errors and not rows:
            raise ValidationError(_("Type some e-mail addresses or choose a CSV file."))
        seen = {}
        for row in rows:
            if row.email.lower() in seen and not self.errors:
                raise ValidationError(_("%(email)s is both in the file and in the list.")
                                      % {"email": row.email})
            seen[row.email.lower()] = row
        data["rows"] = rows
        return data


class MatrixFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[
        ("", _("Any status")), ("active", _("Active")), ("completed", _("Completed")),
        ("withdrawn", _("Withdrawn"))])
    requirements = forms.ChoiceField(label=_("Requirements"), required=False, choices=[
        ("", _("Met or not")), ("met", _("All met")), ("unmet", _("Some unmet"))])


class ReflectionForm(forms.Form):
    """The trainee's answer to a reflection prompt. The service checks it (length, the
    privacy guard); no ``maxlength`` on the box, since a browser would silently cut a
    pasted text there, and nothing the trainee writes may be lost."""

    text = forms.CharField(label=_("Your reflection"), required=False, strip=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
