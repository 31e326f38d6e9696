from django import forms
from django.utils.translation import gettext_lazy as _

from lms.forms import CleanTextMixin
from lms.text import clean_name

from .codes import normalise_code
from .models import Certificate


class VerifyForm(CleanTextMixin, forms.Form):
    code = forms.CharField(
        label=_("Verification code"), max_length=64,
        help_text=_("16 letters and digits, as printed under the QR code, e.g. K7QM-2ZP4-H9XW-R3TB. "
                    "Dashes, spaces and lower case are fine."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                      "spellcheck": "false", "dir": "ltr"}))

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a verification code: a code has 16 letters and digits, "
                  "such as K7QM-2ZP4-H9XW-R3TB."), code="malformed")
        return code


class RevokeForm(CleanTextMixin, forms.Form):
    category = forms.ChoiceField(label=_("Reason"),
                                 error_messages={"required": _("Choose why the certificate is "
                                                               "revoked.")},
                                 choices=[("", _("Choose a reason"))]
                                 + list(Certificate.RevocationCategory.choices))
    reason = forms.CharField(label=_("Explanation"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000,
                             error_messages={"required": _("Explain why the certificate is "
                                                           "revoked.")},
                             help_text=_("Recorded in the audit log. Only the reason above is "
                                         "shown publicly."))
    # A second, deliberate step that needs no JavaScript: revocation cannot be undone.
    confirm = forms.BooleanField(
        label=_("I understand that the holder loses this certificate for good."),
        error_messages={"required": _("Tick the box to confirm: a revocation cannot be "
                                      "undone.")})

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Explain why the certificate is revoked."))
        return reason


class NameCorrectionForm(CleanTextMixin, forms.Form):
    name = forms.CharField(label=_("Name as it should appear"), max_length=200,
                           widget=forms.TextInput(attrs={"dir": "auto"}))
    reason = forms.CharField(label=_("Why the name is corrected"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_name(self):
        return clean_name(self.cleaned_data["name"], max_length=self.fields["name"].max_length)
