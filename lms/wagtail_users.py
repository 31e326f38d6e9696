"""The user forms of the Wagtail admin (/cms/users/), fitted to Sanad's user model.

Wagtail's own forms ask for a first and a last name, which this model does not use,
and leave out `full_name`, which every account must have (a database constraint):
without these, an administrator adding a user in /cms/ would hit that constraint.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from .forms import CleanTextMixin, tidy_full_name

PROFILE_FIELDS = ["full_name", "preferred_language", "country", "organisation", "cadre", "sex"]


class _ProfileFields(CleanTextMixin):
    first_name = None
    last_name = None

    def clean_full_name(self):
        return tidy_full_name(self.cleaned_data["full_name"],
                              _("Please enter the person's full name."))


class SanadUserCreationForm(_ProfileFields, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ["email", *PROFILE_FIELDS, "is_superuser", "groups"]


class SanadUserEditForm(_ProfileFields, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = ["email", *PROFILE_FIELDS, "is_active", "is_superuser", "groups"]


class SanadUserViewSet(UserViewSet):
    def get_form_class(self, for_update=False):
        return SanadUserEditForm if for_update else SanadUserCreationForm
