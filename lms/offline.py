"""Sanad as an installable web app that reads offline: the manifest, the service worker
and the key that ties what a browser stores to the person signed in.

The worker (``lms/service_worker.js``) is hand-written rather than built with Workbox:
it does four things (precache the static files, network-first pages with a per-person
fallback, cache-first static files, Background Sync handed to the outbox), in about
5 KB of source, where Workbox's runtime alone is several times that; it is tested in
the browser like the rest (tests/e2e/test_offline_client.py).

What a browser stores is scoped to an *offline key*: an opaque value derived from the
user's id and the site's secret, never the e-mail address. Pages carry it (a ``meta``
tag for the page's script, a response header for the worker), cache names contain it,
and the worker serves a cached page only from the caches of the key it last saw online,
deleting every other person's caches as soon as someone else signs in.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_GET

OFFLINE_KEY_HEADER = "X-Sanad-Offline-Key"
WORKER_SOURCE = Path(__file__).with_name("service_worker.js")
# The static files every page needs: cached when the worker installs, so a saved
# course opens offline styled and scripted. The outbox (built with the offline write
# queue) joins them once it exists.
PRECACHED = ("css/sanad.css", "js/offline.js", "js/reflection.js", "img/sanad.svg",
             "img/icons/sanad-192.png")
OUTBOX_SCRIPT = "js/outbox.js"
# The colours of lms/static/css/sanad.css (--brand and --paper).
THEME_COLOUR = "#0b6e4f"
BACKGROUND_COLOUR = "#ffffff"


def offline_key(user) -> str:
    """The opaque key naming this person's offline store; empty for anonymous users."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("sanad.offline-key", str(user.pk), algorithm="sha256").hexdigest()[:32]


class OfflineKeyMiddleware:
    """Tells the service worker whose page this is (see the module's docstring).

    Only HTML responses to a request with a session cookie are looked at, so a public
    page or a file never reads the session for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (response.get("Content-Type", "").startswith("text/html")
                and settings.SESSION_COOKIE_NAME in request.COOKIES):
            key = offline_key(getattr(request, "user", None))
            if key:
                response[OFFLINE_KEY_HEADER] = key
        return response


# --- The web app manifest ------------------------------------------------------------


@require_GET
def manifest(request):
    """The web app manifest in the active language (the URL's prefix): its name, its
    direction and its start page, My learning, are the reader's."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    icons = [
        {"src": staticfiles_storage.url("img/sanad.svg"), "sizes": "any",
         "type": "image/svg+xml", "purpose": "any"},
        {"src": staticfiles_storage.url("img/icons/sanad-192.png"), "sizes": "192x192",
         "type": "image/png", "purpose": "any"},
        {"src": staticfiles_storage.url("img/icons/sanad-512.png"), "sizes": "512x512",
         "type": "image/png", "purpose": "any"},
        # The logo sits inside the middle 60 %, so platforms may crop the square freely.
        {"src": staticfiles_storage.url("img/icons/sanad-512.png"), "sizes": "512x512",
         "type": "image/png", "purpose": "maskable"},
    ]
    data = {
        # One app whatever the language it was installed in.
        "id": "/",
        "name": _("Sanad — training and supervision"),
        "short_name": _("Sanad"),
        "description": _("Training and supervision for mental health and psychosocial "
                         "support."),
        "lang": language,
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("courses:my_learning"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": icons,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json; charset=utf-8"
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- The service worker --------------------------------------------------------------


def _static_fingerprint(name: str) -> str:
    """The file's URL and a hash of its bytes: a hashed name (manifest storage) or new
    contents under the same name both change it."""
    url = staticfiles_storage.url(name)
    path = finders.find(name)
    digest = ""
    if path:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    else:
        try:
            with staticfiles_storage.open(name) as handle:
                digest = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            pass
    return f"{url}:{digest}"


def _outbox_available() -> bool:
    if finders.find(OUTBOX_SCRIPT):
        return True
    try:
        return staticfiles_storage.exists(OUTBOX_SCRIPT)
    except (OSError, ValueError):
        return False


def _fallback_texts() -> dict:
    """The page the worker answers with, offline, for a page it has not kept: in each
    language, since one worker serves them all."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = {
                "lang": code,
                "dir": "rtl" if get_language_bidi() else "ltr",
                "title": _("You are offline"),
                "text": _("This page is not saved on this device. Pages you have opened "
                          "and courses you saved for offline are still here."),
                "link": _("My learning"),
                "url": reverse("courses:my_learning"),
                "banner": _("You are offline. You are reading what is saved on this "
                            "device."),
                "kept_title": _("Saved on this device"),
                "kept_text": _("Sanad could not be reached, so what you sent is saved on "
                               "this device. It will be sent when the connection returns."),
                "kept_link": _("Back to the page"),
            }
    return texts


def worker_config() -> dict:
    """What the worker is told: its version, the static files it keeps, the outbox."""
    outbox = staticfiles_storage.url(OUTBOX_SCRIPT) if _outbox_available() else ""
    static = [staticfiles_storage.url(name) for name in PRECACHED]
    if outbox:
        static.append(outbox)
    config = {
        "static": static,
        "staticPrefix": settings.STATIC_URL,
        "outbox": outbox,
        "keyHeader": OFFLINE_KEY_HEADER,
        "languages": [code for code, _name in settings.LANGUAGES],
        "defaultLanguage": settings.LANGUAGE_CODE,
        "fallback": _fallback_texts(),
        "css": staticfiles_storage.url("css/sanad.css"),
    }
    fingerprint = hashlib.sha256()
    fingerprint.update(WORKER_SOURCE.read_bytes())
    fingerprint.update(json.dumps(config, sort_keys=True).encode())
    for name in (*PRECACHED, *([OUTBOX_SCRIPT] if outbox else [])):
        fingerprint.update(_static_fingerprint(name).encode())
    config["version"] = fingerprint.hexdigest()[:16]
    return config


def worker_source() -> tuple[str, str]:
    """(version, the worker's JavaScript)."""
    config = worker_config()
    source = (f"/* Sanad service worker {config['version']} */\n"
              f"self.SANAD = {json.dumps(config, ensure_ascii=False)};\n"
              + WORKER_SOURCE.read_text())
    return config["version"], source


def _worker_etag(request) -> str:
    # Built once per request: the ETag and the body come from the same read.
    request._sanad_worker = worker_source()
    return request._sanad_worker[0]


@require_GET
@condition(etag_func=_worker_etag)
def service_worker(request):
    """The service worker, from the site root so that it may control every page.

    Browsers look for a new worker on navigations: the ETag (its version) lets them hear
    "not modified" instead of downloading it again. A new deploy with new static files
    gives a new version, which waits until no page uses the old one (see the worker).
    """
    _version, source = getattr(request, "_sanad_worker", None) or worker_source()
    response = HttpResponse(source, content_type="application/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Checked with the server each time; the ETag keeps that to a few bytes.
    response["Cache-Control"] = "no-cache"
    return response
