"""Admin and reader-facing forms of the content layer."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale


def _kept_rows(formset):
    """The cleaned rows of an inline formset that the author is not deleting."""
    formset.is_valid()  # cleans every row so cleaned_data is there to read
    return [row for row in formset.forms
            if getattr(row, "cleaned_data", None) and not row.cleaned_data.get("DELETE")]


class CoursePageForm(WagtailAdminPageForm):
    """Checks a course's rules that span several fields or inline rows.

    A refused save changes nothing: Wagtail only writes a revision when the form is valid.
    """

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("enrolment") == "key" and not cleaned_data.get("enrolment_key", "").strip():
            self.add_error("enrolment_key",
                           _("Give the enrolment key trainees will type, or choose another way to enrol."))

        course = self.instance
        seen = set()
        for row in _kept_rows(self.formsets["prerequisites"]):
            prerequisite = row.cleaned_data.get("prerequisite")
            if prerequisite is None:
                continue
            if prerequisite.pk == course.pk or prerequisite.translation_key == course.translation_key:
                row.add_error("prerequisite",
                              _("A course cannot be its own prerequisite, in any language."))
            elif prerequisite.translation_key in seen:
                row.add_error("prerequisite", _("This course is already listed as a prerequisite."))
            seen.add(prerequisite.translation_key)

        for name, field, message in (
            ("competency_requirements", "competency",
             _("This competency is already listed; keep one row with the level required.")),
            ("practice_requirements", "activity_kind",
             _("This activity kind is already listed; keep one row with the total hours.")),
        ):
            seen = set()
            for row in _kept_rows(self.formsets[name]):
                value = row.cleaned_data.get(field)
                if value is None:
                    continue
                if value.pk in seen:
                    row.add_error(field, message)
                seen.add(value.pk)
        return cleaned_data


class AssessmentPageForm(WagtailAdminPageForm):
    """Checks what spans two assessments: a course's pre-test and post-test that draw from
    the same bank must be parallel forms, or a trainee could meet a pre-test question
    again in the post-test and the knowledge gain would measure memory.

    Only the test being saved is refused, so an author can tick both one after the other.
    """

    def clean(self):
        from .models import AssessmentPage, CoursePage

        cleaned_data = super().clean()
        bank = cleaned_data.get("question_bank")
        kind = cleaned_data.get("kind")
        tests = (AssessmentPage.Kind.PRE_TEST, AssessmentPage.Kind.POST_TEST)
        if bank is None or kind not in tests or cleaned_data.get("parallel_form"):
            return cleaned_data
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        course = (CoursePage.objects.ancestor_of(parent, inclusive=True).first()
                  if parent is not None else None)
        if course is None:
            return cleaned_data
        other = (AssessmentPage.objects.descendant_of(course)
                 .filter(question_bank__translation_key=bank.translation_key, kind__in=tests)
                 .exclude(kind=kind).exclude(translation_key=self.instance.translation_key)
                 .first())
        if other is not None:
            self.add_error("parallel_form", _(
                "“%(title)s” draws from the same bank: tick “parallel forms” on both tests, "
                "or a trainee could meet the same question in the pre-test and the "
                "post-test.") % {"title": other.title})
        return cleaned_data


class CatalogueFilterForm(forms.Form):
    """The catalogue's filters, read from the query string."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    curriculum = forms.ChoiceField(label=_("Curriculum"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)

    def __init__(self, *args, curricula=(), **kwargs):
        from .models import CoursePage

        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        self.fields["curriculum"].choices = [("", _("All curricula"))] + [
            (str(c.translation_key), c.title) for c in curricula]
        self.fields["language"].choices = [("", _("All languages"))] + [
            (locale.language_code, locale.get_display_name())
            for locale in Locale.objects.order_by("language_code")]
        self.fields["audience"].choices = [("", _("Everyone"))] + list(CoursePage.Audience.choices)

    def filters(self):
        """Keyword arguments for ``selectors.catalogue_courses``; invalid input is ignored."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        locale = None
        if data["language"]:
            locale = Locale.objects.filter(language_code=data["language"]).first()
        return {
            "curriculum_key": data["curriculum"] or None,
            "locale": locale,
            "audience": data["audience"],
            "query": data["q"].strip(),
        }


class ResourceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    tag = forms.ChoiceField(label=_("Topic"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False)

    def __init__(self, *args, tags=(), **kwargs):
        from .models import ResourcePage

        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search"})
        self.fields["tag"].choices = [("", _("All topics"))] + [(t.slug, t.name) for t in tags]
        self.fields["kind"].choices = [("", _("All kinds"))] + list(ResourcePage.Kind.choices)
