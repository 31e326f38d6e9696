"""The certificates layer's part of a person's data: their certificates and PDFs.
Registered in `CertificatesConfig.ready()`."""

from __future__ import annotations

from lms.personal_data import ERASED, Contributor, PersonalDataPart

from .models import Certificate
from .pdf import verification_url


def export(user) -> PersonalDataPart:
    """The person's certificates as issued, with their PDFs where rendered."""
    certificates = list(Certificate.objects.filter(enrollment__trainee=user)
                        .order_by("issued_on", "pk"))
    files = {}
    for certificate in certificates:
        if certificate.pdf and certificate.pdf.storage.exists(certificate.pdf.name):
            with certificate.pdf.open("rb") as handle:
                files[f"certificate-{certificate.code}.pdf"] = handle.read()
    data = {"certificates": [{
        "code": c.code, "name_as_issued": c.name_as_issued, "course": c.course_title,
        "completion_date": c.completion_date, "issued_on": c.issued_on,
        "expires_on": c.expires_on, "issuing_organisation": c.issuing_organisation,
        "practice_hours": c.practice_hours, "supervision_hours": c.supervision_hours,
        "competency_levels": c.competency_levels, "status": c.effective_status,
        "verification_url": verification_url(c.code),
    } for c in certificates]}
    return PersonalDataPart(data=data, files=files, audit_targets=certificates)


def erase(user) -> dict:
    """Take the name off the person's certificates; they stay verifiable by code, and
    the verification page says the holder's personal data was erased. PDFs that carried
    the name are rendered again without it."""
    from .tasks import render_certificate

    certificates = list(Certificate.objects.filter(enrollment__trainee=user)
                        .exclude(name_as_issued=ERASED))
    for certificate in certificates:
        certificate.name_as_issued = ERASED
        certificate.save(update_fields=["name_as_issued", "updated_at"])
        if certificate.pdf:
            render_certificate.delay_on_commit(certificate.pk)
    return {"certificates_anonymised": len(certificates)}


contributor = Contributor(name="certificates", export=export, erase=erase)
