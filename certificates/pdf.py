"""The certificate as a PDF: WeasyPrint renders an HTML template, in the worker.

The fonts ship with the app (certificates/fonts, SIL Open Font License) and are the
only ones the stylesheet names before the generic fallback, so a certificate looks the
same on any machine and an Arabic name is shaped and laid out right to left. Output is
deterministic: the PDF's dates come from the issue date and its identifier from the
code, so rendering a certificate twice gives the same bytes.
"""

from __future__ import annotations

import atexit
import base64
import datetime
import hashlib
import re
import string
import threading
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from lms.plurals import plural_number

from .models import Certificate

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
PLACEHOLDERS = ("name", "course", "date", "hours", "competencies")
# {hours} brings its own unit in the right plural form ("1 hour", "3 ساعات"); a unit
# written after it would be printed twice. Templates written before it did, so
# rendering drops such a unit and saving a template asks the author to.
HOURS_UNIT_AFTER_PLACEHOLDER = re.compile(
    r"\{hours\}\s*(?:hours?|heures?|ساعات|ساعة|ساعتان|ساعتين)(?!\w)", re.IGNORECASE)


class CertificateTemplateError(ValueError):
    """A certificate template whose body cannot be filled in."""


def template_body_errors(body: str) -> list[str]:
    """What is wrong with a template body's placeholders, as messages for its author."""
    errors = []
    try:
        fields = [(name, spec, conversion)
                  for _literal, name, spec, conversion in string.Formatter().parse(body or "")
                  if name is not None]
    except ValueError:
        return [_("The body has an unmatched { or }. Write {{ or }} for a literal brace.")]
    allowed = ", ".join(f"{{{p}}}" for p in PLACEHOLDERS)
    for name, spec, conversion in fields:
        if name not in PLACEHOLDERS or spec or conversion:
            errors.append(_("Unknown placeholder {%(placeholder)s}. Use only %(allowed)s.") % {
                "placeholder": name + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else ""),
                "allowed": allowed})
    return errors


def template_body_style_errors(body: str) -> list[str]:
    """What an author should change before saving a body, though it can still be
    rendered: a unit after {hours} (rendering drops it, see `body_html`)."""
    if HOURS_UNIT_AFTER_PLACEHOLDER.search(body or ""):
        return [_("Write {hours} without a unit after it: it is replaced by the number of "
                  "hours with the word for hours in the right form (“1 hour”, “12 hours”).")]
    return []


def verification_url(code: str) -> str:
    """The public address of a certificate's verification page (what the QR code holds)."""
    with translation.override(None):
        path = reverse("certificates:verify_code", args=[code])
    return settings.SITE_URL.rstrip("/") + path


def format_hours(hours) -> str:
    from supervision.requirements import format_hours as supervision_format_hours

    return supervision_format_hours(hours)


def hours_phrase(hours) -> str:
    """A number of hours with its unit in the plural form the active language needs:
    "1 hour", "12 hours", "ساعتان", "3 ساعات", "11 ساعة"."""
    return ngettext("%(hours)s hour", "%(hours)s hours", plural_number(hours)) % {
        "hours": format_hours(hours)}


def total_practice_hours(certificate: Certificate):
    from decimal import Decimal

    return sum((Decimal(str(row["hours"])) for row in certificate.practice_hours), Decimal(0))


def body_html(certificate: Certificate, body: str) -> SafeString:
    """The template's body with its placeholders filled in, as safe HTML.

    The body and every value are escaped: a name such as "<b>Ali</b>" is printed as
    those characters. The name is isolated (dir="auto") so that an Arabic name inside a
    French sentence, or a Latin one inside Arabic, keeps its own direction.
    """
    errors = template_body_errors(body)
    if errors:
        raise CertificateTemplateError(" ".join(errors))
    body = HOURS_UNIT_AFTER_PLACEHOLDER.sub("{hours}", body)
    competencies = ", ".join(f"{row['title']} ({row['level']})"
                             for row in certificate.competency_levels) or "—"
    values = {
        "name": format_html('<bdi dir="auto" class="holder">{}</bdi>', certificate.name_as_issued),
        "course": format_html('<bdi dir="auto" class="course">{}</bdi>',
                              certificate.course_title),
        "date": escape(_date(certificate.completion_date)),
        "hours": escape(hours_phrase(total_practice_hours(certificate))),
        "competencies": escape(competencies),
    }
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(body):
        parts.append(escape(literal))
        if name is not None:
            parts.append(values[name])
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped


def _date(value: datetime.date | None) -> str:
    from django.utils.formats import date_format

    return date_format(value, "DATE_FORMAT") if value else ""


def _image_data_uri(image) -> str | None:
    """A Wagtail image as a data: URI, so the worker needs no web server to reach it."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    mime = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
            "webp": "image/webp", "svg": "image/svg+xml"}.get(
        image.file.name.rsplit(".", 1)[-1].lower(), "image/png")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def certificate_html(certificate: Certificate, template) -> str:
    """The certificate's two pages as HTML.

    Written in the template's language (the holder's when the template is translated):
    labels, dates and the page's direction follow the template's wording, so an English
    template never comes out as a right-to-left page with English sentences in it.
    """
    language = (template.locale.language_code if template.locale_id
                else certificate.language) or settings.LANGUAGE_CODE
    with translation.override(language):
        url = verification_url(certificate.code)
        qr = segno.make(url, error="m")
        signatories = [
            {"name": s.name, "title": s.title, "signature": _image_data_uri(s.signature)}
            for s in template.signatories.select_related("signature").order_by("sort_order")
        ][:3]
        # A PDF date is UTC midnight of the issue day: fixed, so re-rendering is stable.
        stamp = f"{certificate.issued_on:%Y-%m-%d}T00:00:00Z"
        return render_to_string("certificates/pdf/certificate.html", {
            "certificate": certificate,
            "template": template,
            "title": template.title,
            "body": body_html(certificate, template.body),
            "accent": template.accent_colour,
            "logo": _image_data_uri(template.logo),
            "signatories": signatories,
            "qr": qr.svg_data_uri(scale=4, border=0, dark="#1b1b1b"),
            "verification_url": url,
            "language": language,
            "bidi": get_language_info(language)["bidi"],
            "stamp": stamp,
            "total_practice_hours": format_hours(total_practice_hours(certificate)),
            "supervision_hours": format_hours(certificate.supervision_hours),
            "practice_rows": [{"activity_kind": row["activity_kind"],
                               "hours": format_hours(row["hours"])}
                              for row in certificate.practice_hours],
            "completion_date": _date(certificate.completion_date),
            "issued_on": _date(certificate.issued_on),
            "expires_on": _date(certificate.expires_on),
        })


FONT_FACES = """
@font-face { font-family: "Sanad Sans"; font-weight: 400; src: url("NotoSans-Regular.ttf"); }
@font-face { font-family: "Sanad Sans"; font-weight: 700; src: url("NotoSans-Bold.ttf"); }
@font-face { font-family: "Sanad Naskh"; font-weight: 400;
             src: url("NotoNaskhArabic-Regular.ttf"); }
@font-face { font-family: "Sanad Naskh"; font-weight: 700; src: url("NotoNaskhArabic-Bold.ttf"); }
"""

_fonts_cache = None
_fetchers = threading.local()


def _url_fetcher():
    """One fetcher per thread, reused: WeasyPrint's default builds a new one per document,
    and with it an HTTPS handler whose certificate store took 50 ms to load each time.

    A certificate needs nothing from the network: its images are data: URIs and its
    fonts the shipped files, so anything else is refused.
    """
    fetcher = getattr(_fetchers, "fetcher", None)
    if fetcher is None:
        from weasyprint.urls import URLFetcher

        fonts = FONTS_DIR.as_uri() + "/"

        class CertificateFetcher(URLFetcher):
            def fetch(self, url, headers=None):
                if not (url.startswith("data:") or (url.startswith(fonts) and ".." not in url)):
                    raise ValueError(f"A certificate may not load {url[:80]}")
                return super().fetch(url, headers)

        fetcher = _fetchers.fetcher = CertificateFetcher(allowed_protocols=("data", "file"))
    return fetcher


def _fonts():
    """The shipped fonts, loaded once per process.

    Loading a font face is the slow part of a first render; a warm worker reuses the
    FontConfiguration and the parsed @font-face sheet instead of adding the same faces
    again for every certificate.
    """
    global _fonts_cache
    if _fonts_cache is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        font_config = FontConfiguration()
        sheet = CSS(string=FONT_FACES, base_url=FONTS_DIR.as_uri() + "/",
                    font_config=font_config, url_fetcher=_url_fetcher())
        _fonts_cache = (font_config, sheet)
        # Drop it before interpreter shutdown, when its finaliser can no longer run.
        atexit.register(_forget_fonts)
    return _fonts_cache


def _forget_fonts():
    global _fonts_cache
    _fonts_cache = None


def render_pdf(certificate: Certificate, template) -> bytes:
    """The certificate as PDF bytes. Same certificate and template → same bytes."""
    from weasyprint import HTML

    font_config, font_sheet = _fonts()
    html = certificate_html(certificate, template)
    identifier = hashlib.sha256(certificate.code.encode()).hexdigest()[:32].encode()
    return HTML(string=html, base_url=FONTS_DIR.as_uri() + "/",
                url_fetcher=_url_fetcher()).write_pdf(
        stylesheets=[font_sheet], font_config=font_config, pdf_identifier=identifier)
