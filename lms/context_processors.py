from .roles import Role


def navigation(request):
    """Which role links the navigation shows. Access is still checked by each view."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_roles": frozenset()}
    return {"nav_roles": frozenset(r.name.lower() for r in Role if user.has_role(r))
            | ({"admin"} if user.is_superuser else set())}
