"""Role checks for views. Fetching through a scoped selector remains the real guard."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .roles import Role


def require_role(user, *roles: Role) -> None:
    """Raise PermissionDenied (403) unless the user holds one of the roles."""
    if not user.is_authenticated or not any(user.has_role(r) for r in roles):
        raise PermissionDenied


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users are sent to log in; signed-in users without the role get 403."""

    roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_role(request.user, *self.roles)
        return super().dispatch(request, *args, **kwargs)
