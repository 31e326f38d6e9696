from .models import AuditEvent, User


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
