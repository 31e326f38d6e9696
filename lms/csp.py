"""The enforced Content Security Policy: where it is relaxed, and where browsers report
what it blocked.

Every response carries `SECURE_CSP`. The Wagtail admin is the only part that needs more
(`SANAD_CSP_ADMIN`); it gets it by path here, so Sanad's own pages (and the Django admin,
which needs nothing more) keep the strict policy. Browsers POST what the policy blocked to `csp_report`, which logs it
to the `sanad.csp` logger.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.middleware import csp
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .client import over_limit

logger = logging.getLogger("sanad.csp")

# A report is a few hundred bytes; anything much larger is not one.
MAX_REPORT_BYTES = 16 * 1024
# A browser batches reports; more than this in one body is not a browser.
MAX_REPORTS_PER_BODY = 20
# Longest value logged from a report: enough for a URL or a directive, not a dump.
MAX_FIELD_CHARS = 300
ADMIN_PREFIXES = ("/cms/",)


class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    """Django's middleware, giving the Wagtail admin its relaxed policy by path (a view's own
    `csp_override` still wins)."""

    def process_response(self, request, response):
        if (request.path_info.startswith(ADMIN_PREFIXES)
                and not hasattr(response, "_csp_config")):
            response._csp_config = settings.SANAD_CSP_ADMIN
        return super().process_response(request, response)


@csrf_exempt  # browsers send reports without a token (and without cookies)
@require_POST
def csp_report(request):
    """Log the violations a browser reports; always 204, since browsers ignore the answer
    (429 over the per-address limit, 413 for a body too large to be a report)."""
    if over_limit(request, "lms:csp-report", settings.SANAD_CSP_REPORTS_PER_MINUTE):
        return HttpResponse(status=429)
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    # Read at most one byte more than allowed: a body sent without a length is cut there.
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    for report in _reports(request.content_type, body):
        logger.warning(
            "CSP violation: %(directive)s blocked %(blocked)s on %(document)s "
            "(%(source)s:%(line)s, %(disposition)s)", report)
    return HttpResponse(status=204)


def _reports(content_type: str, body: bytes) -> list[dict]:
    """The violations in a body of either format, each reduced to what we log; nothing
    for a body that is neither."""
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        return []
    if content_type == "application/csp-report" and isinstance(data, dict):
        # report-uri: {"csp-report": {"document-uri": ..., "violated-directive": ...}}
        raw = [data.get("csp-report")]
        keys = ("document-uri", "effective-directive", "violated-directive", "blocked-uri",
                "source-file", "line-number", "disposition")
    elif content_type == "application/reports+json" and isinstance(data, list):
        # report-to: [{"type": "csp-violation", "body": {"documentURL": ...}}, ...]
        raw = [item.get("body") for item in data[:MAX_REPORTS_PER_BODY]
               if isinstance(item, dict) and item.get("type") == "csp-violation"]
        keys = ("documentURL", "effectiveDirective", "effectiveDirective", "blockedURL",
                "sourceFile", "lineNumber", "disposition")
    else:
        return []
    reports = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        document, effective, violated, blocked, source, line, disposition = (
            item.get(key) for key in keys)
        reports.append({
            "document": _url(document),
            "directive": _text(effective or violated),
            "blocked": _url(blocked),
            "source": _url(source),
            "line": _text(line),
            "disposition": _text(disposition),
        })
    return reports


def _url(value) -> str:
    """A reported URL without its query and fragment: they may carry a person's data
    (a certificate code, a search) that has no place in a log."""
    text = _text(value)
    try:
        parts = urlsplit(text)
    except ValueError:
        return "-"
    if parts.scheme and parts.netloc:
        return _text(f"{parts.scheme}://{parts.netloc}{parts.path}")
    return text  # "inline", "eval", "data" and the like


def _text(value) -> str:
    """A value from the report on one line (no forged log lines), cut to length."""
    if value in (None, ""):
        return "-"
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return text[:MAX_FIELD_CHARS]
