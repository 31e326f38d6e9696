"""What Sanad holds about a person: a registry each layer contributes to.

A person may download everything Sanad holds about them, and ask for it to be erased.
Each app knows its own records, so each registers a `Contributor` in its
`AppConfig.ready()`; this module iterates the registry and never imports upwards.

- `export(user)` returns a `PersonalDataPart`: a JSON-ready dict, optional files for
  the archive (logbooks, certificate PDFs), and the objects of theirs that audit
  events may point at, so the archive can list the audit trail about them.
- `erase(user)` removes or blanks the person's personal data in the app's records and
  returns a JSON-ready summary of what it did (counts, never the erased values). It
  must be safe to run twice. Counts that indicators rely on (entries, hours, scores)
  are kept: erasure blanks text, it never deletes the record.
"""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Model, Q, Value, When

# What erased text and names read as, everywhere.
ERASED = "[erased]"


@dataclass
class PersonalDataPart:
    """One app's share of a person's data."""

    data: dict
    # Archive path (relative to the app's folder) -> content.
    files: dict[str, bytes] = field(default_factory=dict)
    # Objects audit events may name as their target.
    audit_targets: list[Model] = field(default_factory=list)


@dataclass(frozen=True)
class Contributor:
    """An app's hooks for a person's data; `name` is the section of the archive."""

    name: str
    export: Callable[[object], PersonalDataPart]
    erase: Callable[[object], dict]
    # Lower runs later on erasure: the profile (names, e-mail) goes last, so the other
    # parts can still read what they need first.
    erase_order: int = 100


class PersonalDataRegistry:
    """The contributors, in registration order. Registering a name twice replaces it, so
    a `ready()` that runs twice (tests, autoreload) does no harm."""

    def __init__(self):
        self._contributors: dict[str, Contributor] = {}

    def register(self, contributor: Contributor) -> None:
        self._contributors[contributor.name] = contributor

    def __iter__(self):
        return iter(list(self._contributors.values()))

    def for_erasure(self) -> list[Contributor]:
        return sorted(self, key=lambda c: -c.erase_order)


registry = PersonalDataRegistry()


def _json_default(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    # Decimals (hours, scores), UUIDs (page keys) and lazy strings read best as text.
    return str(value)


def _audit_events_about(user, targets: Iterable[Model]) -> list[dict]:
    from .models import AuditEvent

    by_type: dict[str, set[str]] = {}
    for target in [user, *targets]:
        by_type.setdefault(target._meta.label_lower, set()).add(str(target.pk))
    own = Q(pk__in=[])
    for target_type, ids in by_type.items():
        own |= Q(target_type=target_type, target_id__in=ids)
    events = (AuditEvent.objects.filter(own | Q(actor=user)).order_by("created_at", "pk")
              .annotate(about_them=Case(When(own, then=Value(True)), default=Value(False))))
    # What the person did to other people's records is theirs to know, but those
    # records' details (a revocation reason, someone's corrected name) are not.
    return [{"when": e.created_at, "action": e.action, "target_type": e.target_type,
             "target_id": e.target_id, "by_you": e.actor_id == user.pk,
             "details": e.details if e.about_them else {}} for e in events]


def personal_data_archive(user) -> bytes:
    """Everything Sanad holds about `user`, as the bytes of a ZIP file.

    `sanad-data.json` has one section per contributor plus the audit events about the
    person; each contributor's files sit in a folder named after it.
    """
    document: dict = {"generated_at": datetime.datetime.now(datetime.UTC)}
    targets: list[Model] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for contributor in registry:
            part = contributor.export(user)
            document[contributor.name] = part.data
            targets.extend(part.audit_targets)
            for path, content in part.files.items():
                archive.writestr(f"{contributor.name}/{path}", content)
        document["audit_events"] = _audit_events_about(user, targets)
        archive.writestr("sanad-data.json", json.dumps(document, default=_json_default,
                                                       ensure_ascii=False, indent=2))
    return buffer.getvalue()


# --- The people layer's own part: the profile ----------------------------------------


def _profile_export(user) -> PersonalDataPart:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    from .models import ErasureRequest

    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "country": str(user.country),
        "organisation": user.organisation.name if user.organisation_id else None,
        "cadre": str(user.cadre) if user.cadre_id else None,
        "sex": user.get_sex_display() if user.sex else None,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "is_active": user.is_active,
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")],
        # The kind and dates of second factors, never their secrets.
        "two_factor_methods": [
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(user=user).order_by("pk")],
        "erasure_requests": [
            {"requested_at": r.requested_at, "status": r.status, "confirmed_at": r.confirmed_at}
            for r in ErasureRequest.objects.filter(user=user).order_by("pk")],
        # Where they signed in (allauth.usersessions): address and browser are theirs.
        "signed_in_sessions": [
            {"started_at": s.created_at, "ip": s.ip, "browser": s.user_agent,
             "last_seen_at": s.last_seen_at}
            for s in UserSession.objects.filter(user=user).order_by("pk")],
    }
    return PersonalDataPart(data=data)


def _end_sessions(user) -> int:
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    # Sessions are keyed by an opaque key, so the live ones are read to find theirs.
    # Erasure is rare and confirmed by hand; a changed password and an inactive account
    # would refuse the sessions anyway, this removes them.
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _profile_erase(user) -> dict:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession
    from django.db.models import Q

    from .models import OutgoingEmail

    addresses = {user.email, *EmailAddress.objects.filter(user=user).values_list(
        "email", flat=True)}
    # Messages to the person, sent or waiting, hold their address and what was said.
    to_them = Q(pk__in=[])
    for address in addresses:
        to_them |= Q(to__iexact=address)
    outgoing_emails, _ = OutgoingEmail.objects.filter(to_them).delete()
    email_addresses, _ = EmailAddress.objects.filter(user=user).delete()
    authenticators, _ = Authenticator.objects.filter(user=user).delete()
    sessions = _end_sessions(user)
    UserSession.objects.filter(user=user).delete()
    user.full_name = ERASED
    user.first_name = user.last_name = ""
    user.email = f"erased-{user.pk}@invalid.example"
    user.set_unusable_password()
    user.is_active = False
    # Organisation, country, cadre and sex stay: they are what indicators count by (only
    # ever in aggregates, small cells suppressed), not who.
    user.save(update_fields=["full_name", "first_name", "last_name", "email", "password",
                             "is_active"])
    return {"email_addresses_removed": email_addresses,
            "outgoing_emails_removed": outgoing_emails,
            "authenticators_removed": authenticators, "sessions_ended": sessions}


profile_contributor = Contributor(name="profile", export=_profile_export,
                                  erase=_profile_erase, erase_order=0)
