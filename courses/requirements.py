"""The course requirement registry: the one place that decides completion.

Every layer registers the requirements it knows about (`courses` registers lessons and
the post-test; `supervision` registers practice hours, supervision hours and competency
levels in its AppConfig.ready()). A requirement evaluates a *batch* of enrollments at
once, so a page of 500 enrollments costs a fixed number of queries per requirement.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Enrollment


@dataclass(frozen=True)
class RequirementStatus:
    """How one enrollment stands against one requirement (or one part of it)."""

    key: str  # stable id, e.g. "lessons", "practice:12"
    label: str  # "Practice: individual counselling session"
    met: bool
    progress: str  # "12 of 20 practice hours approved"
    done: Decimal = Decimal(0)
    target: Decimal = Decimal(0)
    # Informational lines (e.g. "certificate issued", "refresher due") show in the
    # checklist but never gate completion.
    gating: bool = True

    @property
    def percent(self) -> int:
        if not self.target:
            return 100 if self.met else 0
        return max(0, min(100, int(self.done * 100 / self.target)))


class Requirement:
    """Base class. Subclasses set `key` and implement `evaluate`."""

    key: str = ""
    order: int = 100  # position in the checklist

    def evaluate(self, enrollments: Sequence[Enrollment]) -> dict[int, list[RequirementStatus]]:
        """Return, for each enrollment id, its statuses (an empty list when not applicable).

        Must issue a bounded number of queries whatever the number of enrollments.
        """
        raise NotImplementedError


@dataclass
class RequirementRegistry:
    _requirements: dict[str, Requirement] = field(default_factory=dict)

    def register(self, requirement: Requirement) -> Requirement:
        self._requirements[requirement.key] = requirement
        return requirement

    def unregister(self, key: str) -> None:
        self._requirements.pop(key, None)

    @property
    def requirements(self) -> list[Requirement]:
        return sorted(self._requirements.values(), key=lambda r: (r.order, r.key))

    def evaluate(self, enrollments: Iterable[Enrollment]) -> dict[int, list[RequirementStatus]]:
        enrollments = list(enrollments)
        result: dict[int, list[RequirementStatus]] = {e.pk: [] for e in enrollments}
        if not enrollments:
            return result
        for requirement in self.requirements:
            for enrollment_id, statuses in requirement.evaluate(enrollments).items():
                result[enrollment_id].extend(statuses)
        return result

    @staticmethod
    def all_met(statuses: Iterable[RequirementStatus]) -> bool:
        return all(status.met for status in statuses if status.gating)


registry = RequirementRegistry()
