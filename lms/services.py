from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import AuditEvent, ErasureRequest, User


def audit_record(*, actor: User | None, action: str, target, **details) -> AuditEvent:
    """Append an audit row: who did what to which object, and why.

    `target` is any model instance; `details` must be JSON-serialisable (a reason,
    the old and new values of a grade, the entries approved...).
    """
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        details=details,
    )


# --- A person's data: erasure --------------------------------------------------------


def erasure_request_create(*, user: User) -> ErasureRequest:
    """Record that a signed-in person asks for their personal data to be erased.

    Asking again while a request waits returns the waiting one.
    """
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    try:
        with transaction.atomic():
            request, created = ErasureRequest.objects.get_or_create(
                user=user, status=ErasureRequest.Status.PENDING)
    except IntegrityError:
        # Two clicks at once: the unique "one pending" constraint decided.
        request, created = ErasureRequest.objects.get(
            user=user, status=ErasureRequest.Status.PENDING), False
    if created:
        audit_record(actor=user, action="personal_data.erasure_requested", target=user)
    return request


@transaction.atomic
def erasure_confirm(*, erasure_request: ErasureRequest, actor: User) -> ErasureRequest:
    """Erase the person's data, as an administrator confirming their request.

    Every app erases its part through the personal-data registry (the profile last);
    the audit row records who erased whose data, when, and how much. Confirming a
    request that is already done changes nothing.
    """
    from .personal_data import registry

    if not actor.is_active or not actor.is_superuser:
        raise PermissionDenied
    locked = ErasureRequest.objects.select_for_update().select_related("user").get(
        pk=erasure_request.pk)
    if locked.status == ErasureRequest.Status.DONE:
        return locked
    user = User.objects.select_for_update().get(pk=locked.user_id)
    summary = {contributor.name: contributor.erase(user)
               for contributor in registry.for_erasure()}
    locked.status = ErasureRequest.Status.DONE
    locked.confirmed_by = actor
    locked.confirmed_at = timezone.now()
    locked.save(update_fields=["status", "confirmed_by", "confirmed_at"])
    audit_record(actor=actor, action="personal_data.erased", target=user,
                 erasure_request=locked.pk, erased=summary)
    return locked


def profile_update(*, user: User, form) -> list[str]:
    """Save the changes a person made to their own profile (a valid `ProfileForm` bound
    to `user`); returns the names of the fields that changed. Audited by field name
    only: the values are personal data and a name can change for safety reasons."""
    changed = list(form.changed_data)
    if changed:
        with transaction.atomic():
            form.save()
            audit_record(actor=user, action="profile.updated", target=user, fields=changed)
    return changed
