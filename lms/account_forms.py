"""allauth forms adjusted for Sanad (kept apart from lms.forms, which allauth itself
imports for the sign-up form: importing allauth's forms from there would be circular)."""

from allauth.account.forms import LoginForm as AllauthLoginForm

from .templatetags.form_errors import FORM_ERRORS_ID


class LoginForm(AllauthLoginForm):
    """allauth's log-in form, whose one error ("e-mail or password not correct") belongs
    to both fields: they are marked invalid and described by the error summary."""

    def full_clean(self):
        super().full_clean()
        if self.non_field_errors():
            for name in ("login", "password"):
                if name in self.fields:
                    self.fields[name].widget.attrs.update(
                        {"aria-invalid": "true", "aria-describedby": FORM_ERRORS_ID})
