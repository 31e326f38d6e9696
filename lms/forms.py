from django import forms
from django.utils.translation import gettext_lazy as _


def tidy_full_name(value: str, empty_message) -> str:
    """The name with its spaces folded, as it will be printed on certificates; a name
    of spaces only is refused with `empty_message`."""
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(empty_message)
    return name


class SignupForm(forms.Form):
    """Extra sign-up fields; allauth adds e-mail and password."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("Exactly as it should appear on your certificates, in any script."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    def clean_full_name(self):
        return tidy_full_name(self.cleaned_data["full_name"], _("Please enter your full name."))

    def signup(self, request, user):
        # The adapter has already saved full_name; nothing else to store here.
        pass
