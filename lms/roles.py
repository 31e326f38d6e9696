"""The roles of Sanad, as Django groups created by migrations."""

from enum import StrEnum


class Role(StrEnum):
    TRAINEE = "Trainee"
    TRAINER = "Trainer"
    SUPERVISOR = "Supervisor"
    PROGRAMME_MANAGER = "Programme manager"
    # Trainers who approve content in the publishing workflow.
    LEAD_TRAINER = "Lead trainer"
    # Works for a coordination body: consortium aggregates only, never individual records.
    COORDINATOR = "Coordinator"


# Group names per user, kept between requests; a safety net only, since every change
# made through the ORM forgets them at once.
ROLES_TIMEOUT = 10 * 60


def _roles_key(user_id) -> str:
    return f"lms:roles:{user_id}"


def role_names(user_id) -> frozenset[str]:
    """The names of the user's groups: from the cache, else one query."""
    from django.contrib.auth.models import Group
    from django.core.cache import cache

    if user_id is None:
        return frozenset()
    key = _roles_key(user_id)
    names = cache.get(key)
    if names is None:
        names = frozenset(Group.objects.filter(user__id=user_id).values_list("name", flat=True))
        cache.set(key, names, ROLES_TIMEOUT)
    return names


def forget_roles(sender, instance, action, reverse, pk_set, **kwargs):
    """Receiver of ``m2m_changed`` on the user-group table: the users whose groups
    changed lose their cached names (``reverse``: the change came from a group)."""
    from django.core.cache import cache

    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        cache.delete(_roles_key(instance.pk))
        instance.__dict__.pop("_role_names", None)
    elif action == "pre_clear":
        # A group emptied: the ids are gone once it is cleared, so read them first.
        cache.delete_many([_roles_key(pk) for pk in
                           instance.user_set.values_list("pk", flat=True)])
    elif pk_set:
        cache.delete_many([_roles_key(pk) for pk in pk_set])


def forget_roles_of_group(sender, instance, **kwargs):
    """Receiver of ``pre_delete`` on Group: deleting a group removes its members' rows
    without ``m2m_changed``, so they lose their cached names here, before the rows go."""
    from django.core.cache import cache

    cache.delete_many([_roles_key(pk) for pk in instance.user_set.values_list("pk", flat=True)])
