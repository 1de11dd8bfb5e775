"""How many expected facts the summary's chosen sentences hold, without the model:
``python bench/takeaway_choice_bound.py [--dataset evals/datasets] [--misses]``.

Each sentence the takeaway step would be sent is kept whole as its own takeaway, so the fact
recall printed is what perfect paraphrases could reach with today's choice of sentences (the
actions, goal evidence and flags are the product's own, with the shipped flag and goal models).
The model's recall is below it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coach.domain.summary_draft import (
    MutualBenefit,
    ReflectionSummary,
    SummaryAction,
    SummaryRequest,
    Takeaway,
    span_of,
)
from coach.domain.wording import Sentence
from coach.evals.datasets import load_pairs, load_reflection_set
from coach.evals.summary_metrics import recall
from coach.evals.support import SupportScorer
from coach.generation.summary_narrow import NarrowSummary
from coach.knowledge.embedder import shared_embedder
from coach.services.library import shipped_flag_model, shipped_goal_model

LIBRARY = Path("library")  # the shipped flag and goal models, as the product reads them


class WholeSentences(NarrowSummary):
    """The product's summary steps, with each chosen sentence as its own takeaway, no
    mutual-benefit call and no referents asked: no model is asked anything."""

    def takeaways(self, chosen: list[Sentence], *_: Any) -> list[Takeaway]:
        return [Takeaway(text=s.text, span=span_of(s)) for s in chosen]

    def benefit(self, *_: Any) -> MutualBenefit:
        return MutualBenefit()

    def referents(self, actions: list[SummaryAction], *_: Any) -> list[SummaryAction]:
        return actions


class _Version:
    version = "none"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    parser.add_argument("--misses", action="store_true", help="print each case's missed facts")
    args = parser.parse_args()
    embedder = shared_embedder()
    pairs = {p.id: p for p in load_pairs(args.dataset / "pairs")}
    writer = WholeSentences(
        embed=embedder.embed, model=lambda _tokens: None,  # type: ignore[arg-type,return-value]
        prompts={"summary_takeaway": _Version()},  # type: ignore[dict-item]
        repair=None, options=None, model_name=lambda: "none",  # type: ignore[arg-type]
        flag_model=shipped_flag_model(LIBRARY), goal_model=shipped_goal_model(LIBRARY),
    )  # fmt: skip
    scorer = SupportScorer(embedder)
    scores = []
    for case in load_reflection_set(args.dataset):
        summary: ReflectionSummary = writer.run(
            SummaryRequest(pairs[case.pair_id], case.reflection, case.author)
        )
        score = recall(summary, case, scorer)
        if score is None:
            continue
        scores.append(score)
        if args.misses and score < 1:
            print(case.id, round(score, 2), [t.text[:70] for t in summary.key_takeaways])
    print(f"cases {len(scores)}; fact recall with whole sentences {sum(scores) / len(scores):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
