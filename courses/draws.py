"""Drawing an attempt's questions from a question bank. Pure: takes ids, returns ids,
touches no database.

Every draw is deterministic, seeded by the enrollment and the attempt, so drawing the
same attempt twice (two tabs, a retried request) gives the same questions; what was
drawn is stored anyway (`AssessmentDraw`), so later edits to the bank never change an
attempt already opened.

Parallel forms: for each trainee, the bank is put in an order of its own (a hash of
the enrollment, the bank and each question) and cut in two; the pre-test draws from the
first half and the post-test from the second. Across a cohort each question lands in
the pre-test for about half the trainees and in the post-test for the others, so the
two forms are equally hard on average and the knowledge gain (post − pre, both in
percent) stays comparable, while no trainee meets a question twice.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


def _digest(*parts) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode()).hexdigest()


def _rng(*parts) -> random.Random:
    return random.Random(int(_digest(*parts)[:16], 16))


def parallel_half(question_ids: Sequence[str], *, enrollment_id: int, bank_key,
                  first: bool) -> list[str]:
    """The half of the bank one form may draw from, for this trainee.

    The first half (the pre-test's) has ``len // 2`` questions, the second the rest.
    A question's place depends only on its own id, so adding a question to the bank
    moves at most one other question across the cut.
    """
    ordered = sorted(question_ids, key=lambda qid: _digest("form", enrollment_id, bank_key, qid))
    cut = len(ordered) // 2
    return ordered[:cut] if first else ordered[cut:]


@dataclass
class Draw:
    questions: list[str]
    choice_order: dict[str, list[str]] = field(default_factory=dict)


def draw(candidates: Sequence[str], *, count: int, seed: Iterable,
         seen: Iterable[str] = (), choices: dict[str, Sequence[str]] | None = None) -> Draw:
    """Draw ``count`` of the candidate questions in a shuffled order, and shuffle each
    drawn question's choices (``choices``: question id → choice ids).

    Questions in ``seen`` (drawn for earlier attempts of the same assessment) are taken
    only when the unseen ones run out, so a retake asks new questions where it can.
    """
    rng = _rng("draw", *seed)
    pool = list(candidates)
    rng.shuffle(pool)
    seen = set(seen)
    pool.sort(key=lambda qid: qid in seen)  # stable: unseen first, each group shuffled
    drawn = pool[:count]
    order = {}
    for qid in drawn:
        ids = list((choices or {}).get(qid, ()))
        if ids:
            rng.shuffle(ids)
            order[qid] = ids
    return Draw(questions=drawn, choice_order=order)
