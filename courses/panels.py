"""Panels that higher layers add to the enrollment cards of My learning.

My learning belongs to this layer, but some of what a trainee needs to see there is
known only higher up (who supervises the enrollment, for instance). A higher layer
registers a panel in its AppConfig.ready(); the view asks every panel to attach its
data to the whole batch of enrollments (a fixed number of queries, as the requirement
registry does), and the card includes each panel's template.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .models import Enrollment


class EnrollmentPanel(Protocol):
    template_name: str

    def attach(self, enrollments: Sequence[Enrollment], *, user) -> None:
        """Set whatever the template reads on each enrollment, for the batch at once."""


class PanelRegistry:
    def __init__(self):
        self._panels: list[EnrollmentPanel] = []

    def register(self, panel: EnrollmentPanel) -> None:
        if panel not in self._panels:
            self._panels.append(panel)

    def attach(self, enrollments: Sequence[Enrollment], *, user) -> list[str]:
        """Let every panel attach its data; return the templates to include, in order."""
        if not enrollments:
            return []
        for panel in self._panels:
            panel.attach(enrollments, user=user)
        return [panel.template_name for panel in self._panels]


registry = PanelRegistry()
