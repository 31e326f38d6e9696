"""Thin views: parse input, fetch through a selector, call a service, render."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from lms import access
from lms.access import require_role
from lms.client import over_limit
from lms.files import private_file_response
from lms.personal_data import ERASED
from lms.roles import Role
from lms.services import audit_record

from . import openbadges, selectors, services
from . import status_list as status_list_module
from .codes import normalise_code
from .forms import NameCorrectionForm, RevokeForm, VerifyForm
from .models import Certificate
from .pdf import verification_url

RATE_WINDOW_SECONDS = 60


# --- Public verification -------------------------------------------------------------


def _over_rate_limit(request) -> bool:
    """Count a lookup for the client's address (behind the trusted proxies, see
    lms/client.py); True once it exceeds the per-minute limit."""
    return over_limit(request, "certificates:verify", settings.SANAD_VERIFY_RATE_PER_MINUTE,
                      window=RATE_WINDOW_SECONDS)


def _too_many(request, as_json=False):
    message = _("Too many verification lookups from your connection. Please wait a minute "
                "and try again.")
    if as_json:
        response = JsonResponse({"error": "rate_limited", "message": message}, status=429)
    else:
        response = render(request, "certificates/verify.html",
                          {"form": VerifyForm(), "error": message}, status=429)
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def may_see_revocation_reason(user, certificate: Certificate) -> bool:
    """The reason category is the holder's and the issuer's to know, not the public's:
    next to a full name it would say too much about the person."""
    if not user.is_authenticated:
        return False
    return (access.can(user, "certificate.hold", certificate)
            or access.can(user, "certificate.manage", certificate))


def public_record(certificate: Certificate, viewer=None) -> dict:
    """Everything the public may know of a certificate, and nothing more; the holder
    and the issuer (`viewer`) also see why it was revoked."""
    status = certificate.effective_status
    record = {
        "code": certificate.code,
        "name": certificate.name_as_issued,
        "course": certificate.course_title,
        "issuing_organisation": certificate.issuing_organisation,
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat() if certificate.expires_on else None,
        "status": status,
        "status_label": str(Certificate.Status(status).label),
        "verification_url": verification_url(certificate.code),
    }
    if certificate.name_as_issued == ERASED:
        # The holder had their personal data erased; the certificate still stands.
        record["holder_erased"] = True
    if status == Certificate.Status.REVOKED:
        record["revoked_on"] = timezone.localdate(certificate.revoked_at).isoformat()
        if viewer is not None and may_see_revocation_reason(viewer, certificate):
            record["revocation_category"] = certificate.revocation_category
            record["revocation_category_label"] = str(
                Certificate.RevocationCategory(certificate.revocation_category).label)
    return record




def _malformed_message():
    return _("This is not a verification code: a code has 16 letters and digits, such as "
             "K7QM-2ZP4-H9XW-R3TB. Check what you typed.")


def _unknown_message():
    return _("No certificate has this code. Check each character; if it is right, the "
             "certificate was not issued through Sanad.")


@require_GET
@never_cache
def verify(request):
    """The form where a code is typed; a good one leads to its verification page."""
    if "code" not in request.GET:
        return render(request, "certificates/verify.html", {"form": VerifyForm()})
    if _over_rate_limit(request):
        return _too_many(request)
    form = VerifyForm(request.GET)
    if not form.is_valid():
        return render(request, "certificates/verify.html", {"form": form}, status=400)
    return redirect("certificates:verify_code", code=form.cleaned_data["code"])


@require_GET
@never_cache
def verify_code(request, code):
    if request.GET.get("format") == "json":
        return verify_json(request, code)
    if _over_rate_limit(request):
        return _too_many(request)
    canonical = normalise_code(code)
    if canonical is None:
        return render(request, "certificates/verify.html",
                      {"form": VerifyForm(initial={"code": code}), "error": _malformed_message()},
                      status=400)
    if canonical != code:
        return redirect("certificates:verify_code", code=canonical)
    certificate = selectors.certificate_by_code(canonical)
    if certificate is None:
        return render(request, "certificates/verify.html",
                      {"form": VerifyForm(initial={"code": canonical}),
                       "error": _unknown_message()}, status=404)
    return render(request, "certificates/verify_result.html",
                  {"record": public_record(certificate, request.user),
                   "certificate": certificate})


@require_GET
@never_cache
def verify_json(request, code):
    if _over_rate_limit(request):
        return _too_many(request, as_json=True)
    canonical = normalise_code(code)
    if canonical is None:
        return JsonResponse({"error": "malformed_code", "message": _malformed_message()},
                            status=400)
    certificate = selectors.certificate_by_code(canonical)
    if certificate is None:
        return JsonResponse({"error": "unknown_code", "message": _unknown_message()},
                            status=404)
    response = JsonResponse(public_record(certificate, request.user),
                            json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- The holder's certificates -------------------------------------------------------


@login_required
def my_certificates(request):
    certificates = list(selectors.certificates_of_holder(request.user))
    for certificate in certificates:
        certificate.verification_url = verification_url(certificate.code)
    return render(request, "certificates/my_certificates.html", {"certificates": certificates})


@login_required
def download_pdf(request, pk):
    """The certificate's PDF for its holder and for those who manage it, never by a
    public address: it carries the transcript, more than the verification record."""
    certificate = selectors.certificate_for_download(request.user, pk)
    if certificate.effective_status == Certificate.Status.REVOKED:
        # Refused rather than stamped: a printed copy of the stored PDF would look valid.
        # An expired one is still served, since its expiry date is printed on it.
        return render(request, "certificates/pdf_refused.html",
                      {"record": public_record(certificate, request.user),
                       "certificate": certificate}, status=410)
    if not certificate.pdf:
        raise Http404(_("The PDF is still being prepared."))
    response = private_file_response(request, certificate.pdf.storage, certificate.pdf.name,
                                     f"certificate-{certificate.code}.pdf", "application/pdf")
    if certificate.enrollment.trainee_id != request.user.pk:
        # Someone else's transcript was read: the holder may ask who.
        audit_record(actor=request.user, action="certificate.pdf_downloaded",
                     target=certificate, code=certificate.code)
    return response


def _no_longer_standing(certificate: Certificate) -> JsonResponse:
    """410 Gone with the certificate's status: the credential existed and is not issued
    again. Plain JSON, so a wallet or a script reads why without a signature to trust."""
    status = certificate.effective_status
    body = {"status": status, "verification_url": verification_url(certificate.code)}
    if status == Certificate.Status.REVOKED:
        body["revoked_on"] = timezone.localdate(certificate.revoked_at).isoformat()
        body["message"] = _("This certificate has been revoked: no badge is issued for it.")
    else:
        body["expired_on"] = certificate.expires_on.isoformat()
        body["message"] = _("This certificate has expired: no badge is issued for it.")
    return JsonResponse(body, status=410, json_dumps_params={"ensure_ascii": False})


@login_required
def badge_json(request, pk):
    certificate = selectors.certificate_for_holder(request.user, pk)
    if certificate.effective_status != Certificate.Status.VALID:
        return _no_longer_standing(certificate)
    response = HttpResponse(json.dumps(openbadges.credential(certificate), ensure_ascii=False,
                                       indent=2),
                            content_type="application/ld+json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.json"'
    return response


@login_required
def badge_jwt(request, pk):
    certificate = selectors.certificate_for_holder(request.user, pk)
    try:
        token = openbadges.signed_credential(certificate)
    except openbadges.CredentialNotValid:
        return _no_longer_standing(certificate)
    except ImproperlyConfigured:
        return HttpResponse(_("Signed badges are not available yet: the site has no signing "
                              "key. Please tell the programme team."),
                            status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="badge-{certificate.code}.jwt"'
    return response


# --- Issuer keys (public) ------------------------------------------------------------


@require_GET
def issuer(request):
    return JsonResponse(openbadges.issuer_profile(), json_dumps_params={"ensure_ascii": False})


@require_GET
def issuer_jwks(request):
    try:
        keys = openbadges.jwks()
    except ImproperlyConfigured:
        keys = {"keys": []}
    response = JsonResponse(keys)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def status_list(request, number):
    """A Bitstring Status List of revoked certificates, signed as a VC-JWT: public, so a
    verifier holding a badge learns of its revocation without an account."""
    if not status_list_module.list_exists(number):
        raise Http404
    try:
        token = openbadges.signed_status_list(number)
    except ImproperlyConfigured:
        return HttpResponse(_("The status list is not available: the site has no signing "
                              "key."), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Access-Control-Allow-Origin"] = "*"
    # Verifiers may keep it a few minutes; a revocation shows within that time.
    response["Cache-Control"] = "public, max-age=300"
    return response


# --- Trainers and programme managers -------------------------------------------------


def _require_staff_role(user):
    require_role(user, Role.TRAINER, Role.PROGRAMME_MANAGER)


@login_required
def cohort_list(request):
    _require_staff_role(request.user)
    cohorts = (selectors.cohorts_for_certificates(request.user)
               .select_related("course", "organisation").order_by("-start_date", "name"))
    return render(request, "certificates/cohort_list.html", {"cohorts": cohorts})


@login_required
@require_http_methods(["GET", "POST"])
def cohort_detail(request, pk):
    _require_staff_role(request.user)
    cohort = selectors.cohort_for_certificates(request.user, pk)
    if request.method == "POST":
        queued = services.cohort_issue_all_eligible(cohort=cohort, actor=request.user)
        if queued:
            messages.success(request, ngettext(
                "%(count)s certificate queued. Reload the page to follow its progress.",
                "%(count)s certificates queued. Reload the page to follow their progress.",
                queued) % {"count": queued})
        else:
            messages.info(request, _("Nobody is waiting for a certificate in this cohort."))
        return redirect("certificates:cohort", pk=cohort.pk)
    overview = selectors.cohort_certificates(cohort)
    manageable = set(selectors.manageable_certificates(request.user)
                     .filter(enrollment__cohort=cohort).values_list("pk", flat=True))
    return render(request, "certificates/cohort_detail.html",
                  {"cohort": cohort, "manageable": manageable, **overview})


@login_required
@require_http_methods(["GET", "POST"])
def manage(request, pk):
    _require_staff_role(request.user)
    certificate = selectors.certificate_for_manager(request.user, pk)
    revoke_form = RevokeForm(prefix="revoke")
    name_form = NameCorrectionForm(prefix="name", initial={"name": certificate.name_as_issued})
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "revoke":
                revoke_form = RevokeForm(request.POST, prefix="revoke")
                if revoke_form.is_valid():
                    services.certificate_revoke(certificate=certificate, actor=request.user,
                                                category=revoke_form.cleaned_data["category"],
                                                reason=revoke_form.cleaned_data["reason"])
                    messages.success(request, _("The certificate is revoked. Its verification "
                                                "page says so from now on."))
                    return redirect("certificates:manage", pk=certificate.pk)
            elif action == "correct_name":
                name_form = NameCorrectionForm(request.POST, prefix="name")
                if name_form.is_valid():
                    services.certificate_correct_name(certificate=certificate,
                                                      actor=request.user,
                                                      **name_form.cleaned_data)
                    messages.success(request, _("The name is corrected; the PDF is being "
                                                "issued again under the same code."))
                    return redirect("certificates:manage", pk=certificate.pk)
            else:
                messages.error(request, _("Choose what to do."))
        except ValidationError as error:
            form = revoke_form if action == "revoke" else name_form
            if hasattr(error, "error_dict"):
                for field, field_errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, field_errors)
            else:
                form.add_error(None, error.messages)
        status = 400
    else:
        status = 200
    return render(request, "certificates/manage.html", {
        "certificate": certificate, "record": public_record(certificate, request.user),
        "revoke_form": revoke_form, "name_form": name_form,
        "verify_url": reverse("certificates:verify_code", args=[certificate.code]),
        "expires_label": date_format(certificate.expires_on) if certificate.expires_on else "",
    }, status=status)
