import hashlib
import io
import unicodedata

import pytest
from pypdf import PdfReader

from certificates import services
from certificates.pdf import CertificateTemplateError, body_html, render_pdf, template_body_errors
from tests.factories import CertificateEnrollmentFactory, TraineeFactory

pytestmark = pytest.mark.django_db


def _issue(full_name, language="en"):
    trainee = TraineeFactory(full_name=full_name, preferred_language=language)
    enrollment = CertificateEnrollmentFactory(trainee=trainee)
    certificate, _ = services.certificate_issue(enrollment_id=enrollment.pk)
    return services.certificate_render(certificate_id=certificate.pk)


def _text(certificate):
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    pages = [page.extract_text() for page in reader.pages]
    return reader, pages


def _logical(text):
    # Shaped Arabic may come back as presentation forms; NFKC folds them to letters.
    return unicodedata.normalize("NFKC", text)


def test_english_certificate_text_has_name_course_and_code():
    certificate = _issue("Layla Haddad")
    reader, pages = _text(certificate)
    assert len(pages) == 2
    page = pages[0]
    assert "Layla Haddad" in page
    assert certificate.course_title in page
    assert certificate.code in page
    assert "Certificate of completion" in page
    assert "Transcript" in pages[1] and certificate.code in pages[1]
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    assert round(float(box.width) / 72 * 25.4) == 297


def test_arabic_certificate_has_the_name_shaped_and_the_code(arabic_template):
    certificate = _issue("ليلى حداد", language="ar")
    assert certificate.template == arabic_template
    _reader, pages = _text(certificate)
    page = _logical(pages[0])
    name = "ليلى حداد"
    # Extraction gives either logical or visual order, depending on the viewer's bidi.
    assert name in page or name[::-1] in page or all(word in page or word[::-1] in page
                                                     for word in name.split())
    assert certificate.course_title in page
    assert certificate.code in page
    assert "شهادة إتمام" in page or "شهادة إتمام"[::-1] in page


def test_fonts_are_embedded_for_latin_and_arabic(arabic_template):
    certificate = _issue("ليلى Haddad", language="ar")
    reader, _pages = _text(certificate)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # the font program itself is in the file
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"Sanad-Naskh", "Sanad-Sans"} <= fonts


def test_rendering_twice_gives_the_same_bytes():
    certificate = _issue("Layla Haddad")
    first = render_pdf(certificate, certificate.template)
    second = render_pdf(certificate, certificate.template)
    assert hashlib.sha256(first).hexdigest() == hashlib.sha256(second).hexdigest()
    assert hashlib.sha256(first).hexdigest() == certificate.pdf_sha256


def test_rerender_keeps_the_stored_file_when_nothing_changed():
    certificate = _issue("Layla Haddad")
    name, digest = certificate.pdf.name, certificate.pdf_sha256
    again = services.certificate_render(certificate_id=certificate.pk)
    assert (again.pdf.name, again.pdf_sha256) == (name, digest)


def test_a_name_with_markup_is_printed_as_text():
    certificate = _issue('<b>Sami</b> <img src=x onerror=alert(1)> & Co')
    html = body_html(certificate, certificate.template.body)
    assert "<b>Sami</b>" not in html
    assert "&lt;b&gt;Sami&lt;/b&gt;" in html
    _reader, pages = _text(certificate)
    assert "<b>Sami</b> <img src=x onerror=alert(1)> & Co" in " ".join(pages[0].split())


def test_qr_code_links_to_the_verification_page(settings):
    from certificates.pdf import certificate_html

    certificate = _issue("Layla Haddad")
    html = certificate_html(certificate, certificate.template)
    assert f"{settings.SITE_URL}/verify/{certificate.code}/" in html
    assert 'src="data:image/svg+xml' in html


@pytest.mark.parametrize("body, ok", [
    ("{name} completed {course} on {date}: {hours} hours; {competencies}.", True),
    ("Literal {{braces}} are fine for {name}", True),
    ("Dear {nom}", False),
    ("{name!r}", False),
    ("{name:>20}", False),
    ("Unclosed {name", False),
    ("{0}", False),
])
def test_template_placeholders_are_checked(body, ok):
    assert (template_body_errors(body) == []) is ok


def test_render_refuses_a_bad_template_with_a_clear_message():
    certificate = _issue("Layla Haddad")
    with pytest.raises(CertificateTemplateError, match=r"Unknown placeholder \{nom\}"):
        body_html(certificate, "Dear {nom}")


def test_snippet_editor_refuses_an_unknown_placeholder(client, superuser):
    from content.models import CertificateTemplate

    template = CertificateTemplate.objects.get(is_default=True, locale__language_code="en")
    client.force_login(superuser)
    url = f"/cms/snippets/content/certificatetemplate/edit/{template.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() if form[name].value() is not None else ""
            for name in form.fields if not name.startswith("signatories")}
    data.update({"body": "Awarded to {nom} for {course}.", "signatories-TOTAL_FORMS": "0",
                 "signatories-INITIAL_FORMS": "0", "signatories-MIN_NUM_FORMS": "0",
                 "signatories-MAX_NUM_FORMS": "3", "is_default": "on"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Unknown placeholder {nom}" in response.content.decode()
    template.refresh_from_db()
    assert "{nom}" not in template.body


def test_a_certificate_loads_only_data_and_its_own_fonts(tmp_path):
    from certificates.pdf import FONTS_DIR, _url_fetcher

    fetcher = _url_fetcher()
    assert _url_fetcher() is fetcher  # one per worker thread, not one per document
    font = fetcher.fetch((FONTS_DIR / "NotoSans-Regular.ttf").as_uri())
    assert font.read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,U2FuYWQ=").read() == b"Sanad"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for certificates")
    for url in ("http://127.0.0.1:1/", "https://example.org/logo.png", secret.as_uri(),
                (FONTS_DIR / ".." / "models.py").as_uri(),
                FONTS_DIR.as_uri() + "/../models.py"):
        with pytest.raises(ValueError, match="may not load"):
            fetcher.fetch(url)


@pytest.mark.parametrize("hours, phrase", [
    ("0", "0 ساعة"), ("1", "ساعة واحدة"), ("2", "ساعتان"), ("3", "3 ساعات"),
    ("11", "11 ساعة"), ("100", "100 ساعة"), ("1.5", "1,5 ساعة"),
])
def test_arabic_certificate_body_says_the_hours_in_their_plural_form(arabic_template, hours,
                                                                    phrase):
    from django.utils import translation

    from tests.factories import CertificateFactory

    certificate = CertificateFactory.build(
        language="ar", practice_hours=[{"activity_kind": "جلسة إرشاد فردية", "hours": hours}])
    with translation.override("ar"):
        text = str(body_html(certificate, arabic_template.body))
    assert f"بما في ذلك {phrase} من الممارسة" in text


def test_a_unit_written_after_hours_is_not_printed_twice():
    from tests.factories import CertificateFactory

    certificate = CertificateFactory.build(
        practice_hours=[{"activity_kind": "Individual counselling session", "hours": "1"}])
    text = str(body_html(certificate, "including {hours} hours of approved practice"))
    assert text == "including 1 hour of approved practice"
    assert template_body_errors("{hours} hours") == []  # still renders…
    from certificates.pdf import template_body_style_errors

    assert template_body_style_errors("{hours} ساعة")  # …but an author is asked to fix it


def test_arabic_certificate_pdf_prints_three_hours_as_saat(arabic_template):
    from certificates.models import Certificate

    certificate = _issue("ليلى حداد", language="ar")
    Certificate.objects.filter(pk=certificate.pk).update(
        practice_hours=[{"activity_kind": "جلسة إرشاد فردية", "hours": "3"}], pdf="")
    certificate = services.certificate_render(certificate_id=certificate.pk)
    _reader, pages = _text(certificate)
    page = _logical(pages[0])
    # Extraction reorders the digit around the Arabic words; the plural form stays put.
    assert "ساعات من الممارسة" in page
    assert "ساعة من الممارسة" not in page
