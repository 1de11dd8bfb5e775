"""How often the agenda recipe's segment choice fits the goal it serves, on the hand-labelled
set ``evals/datasets/agenda_fit.json`` (no model is called: only the choice is measured)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.domain.library import Library, SegmentPattern
from coach.domain.pair_profile import PairProfile
from coach.domain.segment_fit import can_run, goal_types, suits
from coach.generation.agenda_library import LibraryAgenda

REPO = Path(__file__).resolve().parents[1]
LABELS = REPO / "evals/datasets/agenda_fit.json"
PAIRS = REPO / "evals/datasets/pairs"


def wording_fit(
    segment: SegmentPattern, text: str, similarity: float, subject: str | None = None
) -> float:
    """The choice before the goal kinds (commit ece52d8): meaning, plus 0.1 per goal type;
    ``subject`` (what ``fit`` reads since ``takes``) did not count then."""
    del subject
    return similarity + 0.1 * len(goal_types(text) & set(segment.goal_types))


@dataclass
class Fit:
    first: float  # share of labelled goals and focuses whose best pattern fits
    items: float  # share of the middle sessions' worded items whose pattern fits
    alternates: float  # the same for the patterns tried when an item's wording is refused
    misses: list[str]


def labelled() -> dict[tuple[str, str], set[str]]:
    data = json.loads(LABELS.read_text())
    families = data["families"]
    return {(row["pair"], row["serves"]): {s for f in row["fits"] for s in families[f]}
            for row in data["labels"]}  # fmt: skip


def served(profile: PairProfile, serves: str) -> str:
    """The text of a goal, or of the focus."""
    if serves == "focus":
        return profile.session.focus
    return next(g.text for g in profile.goals if g.id == serves)


def measure(library: Library, embed: Callable[[list[str]], np.ndarray]) -> Fit:
    """The fit of the recipe's choice, with whatever ``fit`` the recipe module uses."""
    from coach.generation import agenda_blocks

    recipe = LibraryAgenda(library=library, embed=embed, fetch=lambda ids: [], model=None,
                           prompt=None, repair=None, options={}, model_name=lambda: "none")  # type: ignore[arg-type]  # fmt: skip
    fits = labelled()
    pool = [s for s in library.segments if suits(s, "middle")]
    vectors = recipe.blocks.segment_vectors()
    profiles = {p.stem: PairProfile.model_validate_json(p.read_text())
                for p in PAIRS.glob("*.json")}  # fmt: skip
    texts = [served(profiles[pair], serves) for pair, serves in fits]
    targets = embed(texts)
    first_hits, misses = 0, []
    for (key, wanted), text, target in zip(fits.items(), texts, targets, strict=True):
        runnable = [s for s in pool if can_run(s, profiles[key[0]])]  # as the recipe offers them
        best = max(
            runnable, key=lambda s: agenda_blocks.fit(s, text, float(vectors[s.id] @ target))
        )
        first_hits += best.id in wanted
        if best.id not in wanted:
            misses.append(f"{key[0]} {key[1]}: {best.id} for {text!r}")
    items = alternates = n_items = n_alternates = 0
    for name, profile in sorted(profiles.items()):
        if profile.phase != "middle":
            continue
        for slot in recipe.slots(profile):
            if slot.material:  # chosen by what an action made, not by the goal
                continue
            key = (name, "focus" if slot.is_focus else slot.goal_ids[0])
            n_items += 1
            items += slot.segment.id in fits[key]
            if slot.alternate is not None:
                n_alternates += 1
                alternates += slot.alternate.id in fits[key]
    return Fit(first_hits / len(fits), items / n_items, alternates / max(n_alternates, 1), misses)
