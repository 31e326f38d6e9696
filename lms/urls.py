from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from content import routing
from lms.csp import csp_report
from lms.offline import service_worker

from . import auth_views

urlpatterns = [
    # Every log-in goes through allauth (second factor, rate limits): these two come
    # before the CMS's and the admin's own log-in views and replace them.
    path("cms/login/", auth_views.cms_login, name="cms_login"),
    path("django-admin/login/", auth_views.admin_login, name="admin_login"),
    path("cms/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Browsers post what the Content Security Policy blocked; no language prefix.
    path("csp-report/", csp_report, name="csp_report"),
    # The service worker controls the pages under its own path: at the root, all of them.
    path("sw.js", service_worker, name="service_worker"),
]

# Everything a person reads is under a language prefix (/fr/, /ar/); English has none.
urlpatterns += i18n_patterns(
    path("accounts/", include("lms.personal_urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("lms.app_urls")),
    path("", include("content.urls")),
    path("", include("courses.urls")),
    path("", include("courses.programme_urls")),
    path("", include("supervision.urls")),
    path("", include("certificates.urls")),
    # Wagtail's serve, routed through the cache (content.routing); Wagtail's pattern and
    # name, so reversing "wagtail_serve" is unchanged. Wagtail's own _util/ URLs (the
    # password form of a view restriction, its log-in) are left to Wagtail below.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
