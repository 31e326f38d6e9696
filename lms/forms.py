from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from .models import Cadre, Sex, User
from .text import NAME_MAX_LENGTH, clean_name, clean_text

EMPTY_CHOICE = "—"
STATISTICS_HELP = _("Used only for anonymous programme statistics.")

# Django's empty choice of a select; its own Arabic catalogue has no translation, so
# ours carries one (marked here so that makemessages keeps it).
SELECT_AN_OPTION = gettext_noop("- Select an option -")


def cadre_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(label=_("Cadre"), queryset=Cadre.objects.all(),
                                  required=False, empty_label=EMPTY_CHOICE,
                                  help_text=STATISTICS_HELP)


def sex_field() -> forms.ChoiceField:
    return forms.ChoiceField(label=_("Sex"), choices=[("", EMPTY_CHOICE), *Sex.choices],
                             required=False, help_text=STATISTICS_HELP)


def tidy_full_name(value: str, empty_message) -> str:
    """The name as it will be printed on certificates (see lms.text.clean_name); a name
    that is empty once cleaned is refused with `empty_message`."""
    return clean_name(value, max_length=NAME_MAX_LENGTH, empty_message=empty_message)


class CleanTextMixin:
    """Runs every text field of the form through lms.text.clean_text.

    Put it first among the bases. Each CharField (a Textarea keeps its line breaks) is
    cleaned before its validators run, so "required" and the length limit (the model
    column's, for a ModelForm) apply to the cleaned text. Passwords, e-mail addresses,
    URLs and slugs keep their own rules; list further field names to leave alone in
    `clean_text_exclude`.
    """

    clean_text_exclude: tuple[str, ...] = ()

    def _clean_fields(self):
        # Here rather than in __init__, so that fields a form adds itself are included.
        for name, field in self.fields.items():
            if (isinstance(field, forms.CharField) and name not in self.clean_text_exclude
                    and not isinstance(field, (forms.EmailField, forms.URLField,
                                               forms.SlugField))
                    and not isinstance(field.widget, forms.PasswordInput)
                    and not getattr(field.to_python, "cleans_text", False)):
                # Form fields are copied for each form, so this changes only this form's.
                field.to_python = _cleaning(field.to_python, max_length=field.max_length,
                                            multiline=isinstance(field.widget, forms.Textarea))
        super()._clean_fields()


def _cleaning(to_python, *, max_length, multiline):
    def to_clean_python(value):
        value = to_python(value)
        if isinstance(value, str):
            value = clean_text(value, max_length=max_length, multiline=multiline)
        return value
    to_clean_python.cleans_text = True
    return to_clean_python


class SignupForm(CleanTextMixin, forms.Form):
    """Extra sign-up fields; allauth adds e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Exactly as it should appear on your certificates, in any script."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    cadre = cadre_field()
    sex = sex_field()

    def clean_full_name(self):
        return tidy_full_name(self.cleaned_data["full_name"], _("Please enter your full name."))

    def signup(self, request, user):
        # The adapter has already saved full_name; the optional details follow.
        user.cadre = self.cleaned_data.get("cadre")
        user.sex = self.cleaned_data.get("sex") or ""
        if user.cadre is not None or user.sex:
            user.save(update_fields=["cadre", "sex"])


class ProfileForm(CleanTextMixin, forms.ModelForm):
    """What a person changes about themselves on their profile page."""

    cadre = cadre_field()
    sex = sex_field()

    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "country", "cadre", "sex"]
        help_texts = {
            "full_name": _("As it should appear on your next certificates, in any script. "
                           "Certificates already issued keep the name they were issued "
                           "with: to correct one, ask the organisation that issued it."),
        }
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_full_name(self):
        return tidy_full_name(self.cleaned_data["full_name"], _("Please enter your full name."))
