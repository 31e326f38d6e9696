"""The certificate template's admin form: refuses a body with unknown placeholders.

The template model belongs to the content layer; the placeholders are this layer's
business, so CertificatesConfig.ready() gives the model this form for Wagtail's snippet
editor (unless the content layer already chose one).
"""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from .pdf import template_body_errors, template_body_style_errors


class CertificateTemplateForm(WagtailAdminModelForm):
    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        errors = template_body_errors(body) + template_body_style_errors(body)
        if errors:
            raise forms.ValidationError(errors)
        return body
