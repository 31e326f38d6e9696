"""Who may see and change what: the one place Sanad decides it.

An *action* is a name such as ``"cohort.view"`` or ``"entry.review"`` over one model.
The layer that owns the model defines the action; any layer may add *grants* to it in
its ``AppConfig.ready()`` (``supervision`` lets supervisors read the enrollments they
supervise, although enrollments belong to ``courses``). A grant is a function of the user
returning a ``Q`` over the action's model; the user may act on every row matching any
grant. So lms never imports a higher layer, and each visibility rule is written once.

Selectors, services and views ask here::

    access.queryset(user, "cohort.view")                  # what the user may see
    access.can(user, "certificate.manage", certificate)   # may they act on this one?
    access.get_or_404(user, "entry.review", pk, queryset=entries.select_related(...))
    access.require_role(user, Role.SUPERVISOR)             # 404 unless they hold a role

Two rules hold for every action and are written only here, in ``condition``:

* anonymous users may do nothing;
* superusers may do everything, except *personal* actions, which are done in one's own
  name (holding a certificate, keeping one's own logbook, signing off as the trainee's
  supervisor): there a superuser has what is theirs, like anyone, because a signature
  or a certificate cannot be borrowed.

Missing and forbidden look the same (404) to a signed-in user, so nobody learns that a
record they may not see exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from .roles import Role

Grant = Callable[[Any], Q]

# Matches no row; a grant that gives this user nothing returns it.
NOTHING = Q(pk__in=[])


@dataclass
class Action:
    """Something a user may do to rows of one model, and the grants that allow it."""

    name: str
    model: type[Model]
    personal: bool = False
    grants: dict[str, Grant] = field(default_factory=dict)


class AccessRegistry:
    """Actions and their grants. Layers fill it in ``ready()``; everything else reads."""

    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def define(self, name: str, model: type[Model], *, personal: bool = False) -> Action:
        """Declare an action over a model (idempotent, so ``ready()`` may run twice)."""
        action = self._actions.get(name)
        if action is None:
            action = self._actions[name] = Action(name=name, model=model, personal=personal)
        elif action.model is not model or action.personal != personal:
            raise ImproperlyConfigured(f"Access action {name!r} is defined twice differently.")
        return action

    def grant(self, name: str, key: str, grant: Grant) -> None:
        """Add (or replace) the grant named ``key`` to an action defined earlier."""
        self.action(name).grants[key] = grant

    def revoke(self, name: str, key: str) -> None:
        self.action(name).grants.pop(key, None)

    def action(self, name: str) -> Action:
        try:
            return self._actions[name]
        except KeyError:
            raise ImproperlyConfigured(
                f"No access action {name!r}: the app owning it defines it in ready().") from None

    @property
    def actions(self) -> dict[str, Action]:
        return dict(self._actions)

    def condition(self, user, name: str) -> Q | None:
        """The rows of the action's model the user may act on, as a Q; None for all.

        The one place where anonymous users and superusers are decided.
        """
        action = self.action(name)
        if user is None or not user.is_authenticated:
            return NOTHING
        if user.is_superuser and not action.personal:
            return None
        conditions = [grant(user) for grant in action.grants.values()]
        conditions = [c for c in conditions if c != NOTHING] or [NOTHING]
        condition = conditions[0]
        for other in conditions[1:]:
            condition |= other
        return condition

    def queryset(self, user, name: str, queryset: QuerySet | None = None) -> QuerySet:
        """Rows the user may act on, narrowed from ``queryset`` (the model's rows by default)."""
        action = self.action(name)
        if queryset is None:
            queryset = action.model._default_manager.all()
        elif queryset.model is not action.model:
            raise ImproperlyConfigured(f"{name!r} applies to {action.model.__name__}, "
                                       f"not {queryset.model.__name__}.")
        condition = self.condition(user, name)
        return queryset if condition is None else queryset.filter(condition)

    def pks(self, user, name: str) -> QuerySet:
        """Primary keys the user may act on, for use as a subquery in another grant."""
        return self.queryset(user, name).values("pk")

    def can(self, user, name: str, obj: Model) -> bool:
        """True when the user may act on this object (at most one query)."""
        condition = self.condition(user, name)
        if condition is None:
            return True
        if condition == NOTHING or obj.pk is None:
            return False
        return self.action(name).model._default_manager.filter(condition, pk=obj.pk).exists()

    def get_or_404(self, user, name: str, pk, *, queryset: QuerySet | None = None) -> Model:
        """The object if the user may act on it; 404 alike for missing and forbidden."""
        try:
            return self.queryset(user, name, queryset).get(pk=pk)
        except (ValueError, TypeError, self.action(name).model.DoesNotExist):
            raise Http404 from None


registry = AccessRegistry()

define = registry.define
grant = registry.grant
queryset = registry.queryset
pks = registry.pks
can = registry.can
get_or_404 = registry.get_or_404


# --- Roles ---------------------------------------------------------------------------


def has_role(user, *roles: Role) -> bool:
    """True when the user is signed in and holds one of the roles; superusers hold all."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or any(user.has_role(role) for role in roles)


def require_role(user, *roles: Role) -> None:
    """Raise 404 unless the user holds one of the roles.

    404 rather than 403: a page for another role is, to this user, a page that does not
    exist. Views put ``login_required`` (or use ``role_required``) first, so anonymous
    users are asked to log in instead.
    """
    if not has_role(user, *roles):
        raise Http404


def role_required(*roles: Role):
    """View decorator: anonymous users are sent to log in; others need one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            require_role(request.user, *roles)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def managed_organisation_id(user) -> int | None:
    """The organisation whose programmes the user manages, if they are a manager."""
    if user.has_role(Role.PROGRAMME_MANAGER) and user.organisation_id:
        return user.organisation_id
    return None
