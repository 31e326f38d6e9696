"""The four roles of Sanad, as Django groups created by a migration."""

from enum import StrEnum


class Role(StrEnum):
    TRAINEE = "Trainee"
    TRAINER = "Trainer"
    SUPERVISOR = "Supervisor"
    PROGRAMME_MANAGER = "Programme manager"
    # Trainers who approve content in the publishing workflow.
    LEAD_TRAINER = "Lead trainer"
