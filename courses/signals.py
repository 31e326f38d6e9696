"""Signals the learner layer sends to higher layers (supervision, certificates)."""

from django.dispatch import Signal

# Sent once, after the transaction that recorded the completion commits.
# Arguments: enrollment_id (int).
enrollment_completed = Signal()
