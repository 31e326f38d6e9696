from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from .client import client_address
from .roles import Role


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is for trainees; other roles are given by an administrator."""

    def is_open_for_signup(self, request):
        return settings.SANAD_SIGNUP_OPEN

    def get_client_ip(self, request):
        # allauth's log-in and sign-up limits count this address: the same rule as every
        # other limit (lms/client.py), which also falls back to REMOTE_ADDR where allauth
        # would fail on an X-Forwarded-For shorter than the proxy count.
        address = client_address(request)
        if address is None:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.full_name = form.cleaned_data["full_name"]
        language = getattr(request, "LANGUAGE_CODE", "")
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
            user.groups.add(Group.objects.get(name=Role.TRAINEE))
        return user

    def get_signup_redirect_url(self, request):
        # Sign-up makes a trainee; after confirming the e-mail they land on My learning,
        # in the language they signed up in (reverse keeps the /ar/ or /fr/ prefix).
        try:
            return reverse("courses:my_learning")
        except NoReverseMatch:
            return super().get_signup_redirect_url(request)

    def get_login_redirect_url(self, request):
        # Each role lands on the page it works from; the pages come with later layers.
        user = request.user
        for role, url_name in LANDING_PAGES:
            if user.has_role(role):
                try:
                    return reverse(url_name)
                except NoReverseMatch:
                    continue
        return super().get_login_redirect_url(request)


LANDING_PAGES = [
    (Role.SUPERVISOR, "supervision:queue"),
    (Role.TRAINER, "courses:cohort_list"),
    (Role.PROGRAMME_MANAGER, "courses:cohort_list"),
    (Role.TRAINEE, "courses:my_learning"),
]
