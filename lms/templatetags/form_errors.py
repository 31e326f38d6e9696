"""Helpers for includes/form_errors.html, the error summary every form shows."""

from django import template

register = template.Library()

# The id the summary gives its list of errors that belong to no one field; fields that a
# form error concerns point at it with aria-describedby (see lms.forms.LoginForm).
FORM_ERRORS_ID = "error-summary-form"


@register.filter
def error_target(field):
    """The id of the element a summary link should focus for this bound field: its input,
    or the first choice of a list of radio buttons or checkboxes (which has no single
    input the label points at)."""
    if field is None or field == "":
        return ""
    if target := field.id_for_label:
        return target
    subwidgets = field.subwidgets
    if subwidgets:
        return subwidgets[0].data["attrs"].get("id", "")
    return field.auto_id or ""
