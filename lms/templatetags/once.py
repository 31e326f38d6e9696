"""`{% once_field %}`: the hidden one-time token of a form that creates something."""

from django import template
from django.utils.html import format_html

from lms.once import TOKEN_FIELD, token_for_form

register = template.Library()


@register.simple_tag(takes_context=True)
def once_field(context):
    """A hidden input with a fresh token, or with the token just posted when the form
    comes back with errors, so the corrected form can still be sent once."""
    return format_html('<input type="hidden" name="{}" value="{}">', TOKEN_FIELD,
                       token_for_form(context.get("request")))
