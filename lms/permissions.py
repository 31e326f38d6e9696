"""Role checks for views. Fetching through a scoped selector remains the real guard.

The rules themselves live in `lms.access`; this module keeps the names views import.
"""

from django.contrib.auth.mixins import LoginRequiredMixin

from .access import require_role
from .roles import Role

__all__ = ["RoleRequiredMixin", "require_role"]


class RoleRequiredMixin(LoginRequiredMixin):
    """Anonymous users are sent to log in; signed-in users without the role get 404."""

    roles: tuple[Role, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        require_role(request.user, *self.roles)
        return super().dispatch(request, *args, **kwargs)
