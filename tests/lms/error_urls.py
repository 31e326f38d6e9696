"""A URL configuration for the error page tests: views that fail the ways real ones do."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.urls import path

from lms.urls import urlpatterns as site_urlpatterns


def forbidden(request):
    raise PermissionDenied


def broken(request):
    raise RuntimeError("a bug in a view")


urlpatterns = i18n_patterns(
    path("test-forbidden/", forbidden),
    path("test-broken/", broken),
    prefix_default_language=False,
) + site_urlpatterns
