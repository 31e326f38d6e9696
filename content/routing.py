"""Wagtail's page routing, remembered between requests.

Wagtail finds a page by reading the site, the locale, the localized home page and then
each page along the URL, two queries a level: seven or more reads of ``wagtailcore_page``
for every lesson before the lesson itself. Here the outcome of that walk (which page a
host, language and path lead to) is kept in the cache, under the same version as the
course plans, which every page write, move or (un)publication moves on (see
``content.signals``). A request then reads its page with one query.

Only plain values are cached (ids, the site's fields); the page is read afresh, so it
is never a stale copy. Routes answered by a routable page's sub-route are not cached:
Wagtail walks them as before.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .selectors import PLAN_TIMEOUT, plan_version

SITE_FIELDS = ("pk", "hostname", "port", "site_name", "root_page_id", "is_default_site")


def _site_fields(site: Site) -> dict:
    return {field: getattr(site, field) for field in SITE_FIELDS}


def _route_key(request, path: str) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    return (f"content:route:{plan_version()}:{hostname}:{request.get_port()}:"
            f"{get_language()}:{path}")


def route_for_request(request, path: str) -> RouteResult | None:
    """Wagtail's ``Page.route_for_request``, answered from the cache where it can be.

    Leaves the result (and the site) on the request where Wagtail looks for them, so
    Wagtail's own ``serve``, ``Site.find_for_request`` and ``pageurl`` reuse them.
    """
    if hasattr(request, "_wagtail_route_for_request"):
        return request._wagtail_route_for_request
    key = _route_key(request, path)
    known = cache.get(key)
    if known is not None:
        site_fields, page_id, content_type_id = known
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = (model.objects.filter(pk=page_id, live=True).select_related("locale").first()
                if model is not None else None)
        if page is not None:
            request._wagtail_site = Site(**site_fields)
            request._wagtail_route_for_request = RouteResult(page)
            return request._wagtail_route_for_request
    result = Page.route_for_request(request, path)
    if result is not None and not result.args and not result.kwargs:
        site = Site.find_for_request(request)
        cache.set(key, (_site_fields(site),
                        result.page.pk, result.page.content_type_id), PLAN_TIMEOUT)
    return result


def _site_key(request) -> str:
    hostname = split_domain_port(request._get_raw_host())[0]
    return f"content:site:{plan_version()}:{hostname}:{request.get_port()}"


class CachedSiteMiddleware:
    """Leaves the request's Wagtail site where Wagtail looks for it, from the cache.

    Links to pages (``pageurl``, ``get_url``) ask for the site on every page that shows
    one, a query each time; the site changes only when an administrator edits it, which
    moves the cache version on like any content write. A page that never asks costs
    nothing: on a miss the site Wagtail found during the request fills the cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = _site_key(request)
        fields = cache.get(key)
        if fields is not None:
            request._wagtail_site = Site(**fields)
        response = self.get_response(request)
        site = getattr(request, "_wagtail_site", None)
        if fields is None and site is not None:
            cache.set(key, _site_fields(site), PLAN_TIMEOUT)
        return response


def serve(request, path):
    """Wagtail's ``serve`` view, with the route found through the cache first."""
    try:
        route_for_request(request, path)
    except Http404:
        request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)
