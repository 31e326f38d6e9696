"""Open Badges 3.0: the certificate as a verifiable credential, signed as a VC-JWT.

The credential is signed with the issuer's Ed25519 key (settings.SANAD_OB_SIGNING_KEY,
PEM, or a file named by SANAD_OB_SIGNING_KEY_FILE). The public half is published as a
JWKS; the JWT header names it by `kid` (its RFC 7638 thumbprint), so any JOSE library
can check a credential against the published set.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
from functools import lru_cache

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone, translation

from content.models import Competency

from . import services, status_list
from .models import Certificate
from .pdf import verification_url

CONTEXTS = ["https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
MISSING_KEY = ("No Open Badges signing key: set SANAD_OB_SIGNING_KEY (an Ed25519 private key "
               "in PEM) or SANAD_OB_SIGNING_KEY_FILE, e.g. with "
               "`manage.py certificates_create_key`.")


class CredentialNotValid(Exception):
    """The certificate is revoked or expired: no credential is signed for it."""

    def __init__(self, certificate: Certificate):
        super().__init__(certificate.effective_status)
        self.certificate = certificate
        self.status = certificate.effective_status


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def new_private_key_pem() -> str:
    """A fresh Ed25519 private key in PKCS#8 PEM."""
    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()).decode("ascii")


@lru_cache(maxsize=4)
def _load_private_key(pem: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
    except ValueError as error:
        raise ImproperlyConfigured(f"SANAD_OB_SIGNING_KEY is not a PEM private key: {error}") \
            from error
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured("SANAD_OB_SIGNING_KEY must be an Ed25519 key.")
    return key


def signing_key() -> Ed25519PrivateKey:
    """The issuer's private key from the settings; a clear error when none is set."""
    pem = getattr(settings, "SANAD_OB_SIGNING_KEY", "") or ""
    path = getattr(settings, "SANAD_OB_SIGNING_KEY_FILE", "") or ""
    if not pem and path:
        try:
            with open(path, encoding="ascii") as handle:
                pem = handle.read()
        except OSError as error:
            raise ImproperlyConfigured(f"SANAD_OB_SIGNING_KEY_FILE cannot be read: {error}") \
                from error
    if not pem.strip():
        raise ImproperlyConfigured(MISSING_KEY)
    return _load_private_key(pem.replace("\\n", "\n").strip() + "\n")


def public_jwk(key: Ed25519PrivateKey | None = None) -> dict:
    """The public key as a JWK (OKP, Ed25519) with its thumbprint as `kid`."""
    key = key or signing_key()
    raw = key.public_key().public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw)
    members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    thumbprint = hashlib.sha256(
        json.dumps(members, separators=(",", ":"), sort_keys=True).encode()).digest()
    return {**members, "kid": _b64url(thumbprint), "use": "sig", "alg": "EdDSA"}


def jwks() -> dict:
    return {"keys": [public_jwk()]}


def issuer_id() -> str:
    with translation.override(None):
        return _absolute(reverse("certificates:issuer"))


def issuer_profile(name: str = "") -> dict:
    return {"@context": CONTEXTS, "id": issuer_id(), "type": ["Profile"],
            "name": name or settings.WAGTAIL_SITE_NAME, "url": settings.SITE_URL}


def _stamp(day: datetime.date) -> str:
    return f"{day:%Y-%m-%d}T00:00:00Z"


def status_list_url(number: int) -> str:
    """The public address of status list `number` (a signed VC-JWT)."""
    with translation.override(None):
        return _absolute(reverse("certificates:status_list", args=[number]))


def status_list_entry(certificate: Certificate) -> dict:
    """The credential's `credentialStatus`: where its revocation bit is published."""
    index = services.certificate_status_list_index(certificate=certificate)
    url = status_list_url(status_list.list_number(index))
    position = status_list.position(index)
    return {"id": f"{url}#{position}", "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": str(position),
            "statusListCredential": url}


def status_list_credential(number: int) -> dict:
    """Status list `number` as an unsigned BitstringStatusListCredential, from the
    database as it is now."""
    url = status_list_url(number)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": f"{timezone.now():%Y-%m-%dT%H:%M:%SZ}",
        "credentialSubject": {
            "id": f"{url}#list", "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": status_list.encoded_list(status_list.revoked_positions(number)),
        },
    }


def signed_status_list(number: int) -> str:
    """Status list `number` as a VC-JWT signed with the badges' key; cached until a
    certificate in it is revoked. Raises ImproperlyConfigured without a key."""
    key = signing_key()
    cached = cache.get(status_list.cache_key(number))
    if cached is not None:
        return cached
    document = status_list_credential(number)
    now = int(timezone.now().timestamp())
    token = jwt.encode({"vc": document, "iss": document["issuer"], "jti": document["id"],
                        "iat": now, "nbf": now}, key, algorithm="EdDSA",
                       headers={"kid": public_jwk(key)["kid"], "typ": "JWT"})
    cache.set(status_list.cache_key(number), token, timeout=status_list.CACHE_SECONDS)
    return token


def credential(certificate: Certificate) -> dict:
    """The certificate as an OpenBadgeCredential (unsigned JSON-LD document)."""
    url = verification_url(certificate.code)
    achievement_id = f"{url}#achievement"
    levels = dict(Competency.Level.choices)
    descriptions, results = [], []
    for row in certificate.practice_hours:
        rid = f"{achievement_id}-practice-{len(descriptions) + 1}"
        descriptions.append({"id": rid, "type": ["ResultDescription"],
                             "name": f"Approved supervised practice (hours): "
                                     f"{row['activity_kind']}",
                             "resultType": "RawScore"})
        results.append({"type": ["Result"], "resultDescription": rid,
                        "value": str(row["hours"])})
    rid = f"{achievement_id}-supervision"
    descriptions.append({"id": rid, "type": ["ResultDescription"],
                         "name": "Supervision received (hours)", "resultType": "RawScore"})
    results.append({"type": ["Result"], "resultDescription": rid,
                    "value": str(certificate.supervision_hours)})
    for row in certificate.competency_levels:
        rid = f"{achievement_id}-competency-{row['code']}"
        descriptions.append({
            "id": rid, "type": ["ResultDescription"],
            "name": f"Competency {row['code']}: {row['title']}",
            "resultType": "RubricCriterionLevel",
            "rubricCriterionLevel": [
                {"id": f"{rid}-level-{level}", "type": ["RubricCriterionLevel"],
                 "name": str(label)} for level, label in levels.items()],
        })
        results.append({"type": ["Result"], "resultDescription": rid,
                        "achievedLevel": f"{rid}-level-{row['level']}"})
    document = {
        "@context": CONTEXTS,
        "id": url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": {"id": issuer_id(), "type": ["Profile"],
                   "name": certificate.issuing_organisation or settings.WAGTAIL_SITE_NAME},
        "validFrom": _stamp(certificate.issued_on),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [{"type": ["IdentityObject"], "identityType": "name",
                            "hashed": False, "identityHash": certificate.name_as_issued}],
            "achievement": {
                "id": achievement_id, "type": ["Achievement"],
                "achievementType": "Certificate",
                "name": certificate.course_title,
                "description": certificate.course_title,
                "criteria": {"narrative": "Every requirement of the course met: lessons, "
                                          "assessments, approved supervised practice, "
                                          "supervision and competency levels."},
                "resultDescription": descriptions,
            },
            "result": results,
        },
    }
    if certificate.expires_on:
        document["validUntil"] = _stamp(certificate.expires_on)
    # A verifier that never visits Sanad learns of a revocation from this list.
    document["credentialStatus"] = status_list_entry(certificate)
    return document


def signed_credential(certificate: Certificate) -> str:
    """The credential as a VC-JWT signed with EdDSA (Ed25519).

    Raises CredentialNotValid for a revoked or expired certificate: a fresh signature
    would tell anyone who checks only the signature that it still stands.
    """
    if certificate.effective_status != Certificate.Status.VALID:
        raise CredentialNotValid(certificate)
    key = signing_key()
    document = credential(certificate)
    claims = {"vc": document, "iss": document["issuer"]["id"], "jti": document["id"],
              "nbf": int(datetime.datetime.fromisoformat(document["validFrom"]).timestamp()),
              "iat": int(datetime.datetime.fromisoformat(document["validFrom"]).timestamp())}
    if certificate.expires_on:
        claims["exp"] = int(datetime.datetime.fromisoformat(document["validUntil"]).timestamp())
    return jwt.encode(claims, key, algorithm="EdDSA",
                      headers={"kid": public_jwk(key)["kid"], "typ": "JWT"})
