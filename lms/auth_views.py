"""The CMS's and the Django admin's own log-in forms, replaced by allauth's.

Those forms check a password and nothing else: no second factor, no rate limit. Every
log-in goes through allauth instead (``/accounts/login/``), which asks for both.
"""

from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache


def _next_url(request, default: str) -> str:
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return default


@never_cache
def cms_login(request):
    """Anyone asking for the CMS log-in form is sent to allauth's, with where to go next.

    A person already signed in who may not use the CMS lands here from Wagtail with its
    message saying so; sending them to allauth's form would bounce them straight back to
    the CMS, so they go to the home page instead, where the message shows.
    """
    next_url = _next_url(request, reverse("wagtailadmin_home"))
    if request.user.is_authenticated:
        if request.user.has_perm("wagtailadmin.access_admin"):
            return redirect(next_url)
        return redirect(settings.LOGIN_REDIRECT_URL)
    login_url = resolve_url(settings.LOGIN_URL)
    return redirect(f"{login_url}?{urlencode({REDIRECT_FIELD_NAME: next_url})}")


# allauth's own guard for the admin log-in: anonymous people go to allauth's form with
# ?next=, staff go on to the admin, anyone else signed in gets 403.
admin_login = never_cache(secure_admin_login(admin.site.login))
