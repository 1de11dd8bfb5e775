"""Development reflections as labelled sentences for the flag model
(``coach library train-flags --cases evals/datasets``).

In a case whose gold expects a kind, the sentences the cue rules counted for that kind are its
positives; the case's other sentences are left out (they may carry it unseen). Every sentence of
a case that does not expect the kind is a negative. The frozen sets are refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import get_args

from coach.domain.flag_examples import FlagExample
from coach.domain.summary_draft import FlagKind
from coach.domain.summary_flags import evidence
from coach.domain.wording import sentences
from coach.evals.datasets import ReflectionCase, load_reflection_set, refuse_frozen


def case_examples(dataset: Path) -> dict[FlagKind, list[FlagExample]]:
    """Each kind's labelled sentences from ``dataset``'s reflection cases."""
    refuse_frozen(dataset)
    return examples_of(load_reflection_set(dataset))


def examples_of(cases: Iterable[ReflectionCase]) -> dict[FlagKind, list[FlagExample]]:
    """Each kind's labelled sentences from ``cases``."""
    out: dict[FlagKind, list[FlagExample]] = {k: [] for k in get_args(FlagKind)}
    for case in cases:
        found = sentences(case.reflection)
        counted = evidence(found, case.author)
        for kind, rows in out.items():
            marked = {s.start for s, _ in counted.get(kind, [])}
            expected = kind in case.expected_flags
            rows += [
                FlagExample(text=s.text, label=int(expected), writer=case.author, note=case.id)
                for s in found
                if not expected or s.start in marked
            ]
    return out
