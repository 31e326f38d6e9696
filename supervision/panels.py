"""What this layer adds to the enrollment cards of My learning (courses.panels)."""

from __future__ import annotations

from collections.abc import Sequence

from courses.models import Enrollment


class SupervisionPanel:
    """Who supervises each enrollment, or the request waiting for an answer, or a way to
    ask for a supervisor."""

    template_name = "supervision/_enrollment_supervision.html"

    def attach(self, enrollments: Sequence[Enrollment], *, user) -> None:
        from .selectors import supervision_standing

        standing = supervision_standing(enrollments)
        for enrollment in enrollments:
            enrollment.supervision = standing[enrollment.pk]


panel = SupervisionPanel()
