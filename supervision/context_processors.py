from lms.roles import Role

from .selectors import review_queue_count


def queue_count(request):
    """How many submitted entries wait for the signed-in supervisor (for the navigation).

    One COUNT query, and only for supervisors; everyone else costs nothing.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.has_role(Role.SUPERVISOR):
        return {}
    return {"supervision_queue_count": review_queue_count(user)}
