"""Questions as an attempt shows them: which questions, and each one's choices in the
order shown. The same shape whether they are written on the assessment or drawn from a
question bank, so the template, the grader and the feedback read one thing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


@dataclass
class ShownQuestion:
    """A question block (from a StreamField) with its choices in the order shown."""

    block: object
    choices: list

    @property
    def id(self) -> str:
        return str(self.block.id)

    @property
    def block_type(self) -> str:
        return self.block.block_type

    @property
    def value(self):
        return self.block.value


def shown_questions(stream: Iterable, ids: Sequence[str] | None = None,
                    choice_order: Mapping[str, Sequence[str]] | None = None) -> list[ShownQuestion]:
    """The questions of ``stream`` to show: those named by ``ids`` in that order (all of
    them in authored order without ids), their choices in ``choice_order`` where given.

    A question no longer in the stream is left out; a choice missing from the order
    (added since) comes last.
    """
    blocks = list(stream)
    if ids is not None:
        by_id = {str(block.id): block for block in blocks}
        blocks = [by_id[str(qid)] for qid in ids if str(qid) in by_id]
    shown = []
    for block in blocks:
        choices = []
        if block.block_type != "true_false":
            choices = list(block.value["choices"].bound_blocks)
            order = (choice_order or {}).get(str(block.id))
            if order:
                place = {str(cid): n for n, cid in enumerate(order)}
                choices.sort(key=lambda c: place.get(str(c.id), len(place)))
        shown.append(ShownQuestion(block=block, choices=choices))
    return shown


def has_questions(stream: Iterable, ids: Iterable[str]) -> bool:
    """Whether every question named by ``ids`` is still in ``stream``."""
    present = {str(block.id) for block in stream}
    return all(str(qid) in present for qid in ids)
