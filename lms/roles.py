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
