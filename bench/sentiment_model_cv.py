"""Cross-validate the sentiment model against the feeling-word rule on the development
reflections: ``.venv/bin/python bench/sentiment_model_cv.py [--strengths 0.001,0.003,0.01]
[--dataset evals/heldout]``.

Eight folds by reflection (a fixed shuffle): each fold's tones are read by a model fitted on
the other seven, with the features the summary reads (``sentiment_features``: feeling-word
counts, raised flags, the mean MiniLM vectors). The rule (``sentiment_of``) is read on the same
reflections. With ``--dataset`` pointing at a frozen set, the shipped model (trained on the
development set only) and the rule are read there, with no fitting.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import numpy as np

from coach.config import get_settings
from coach.domain.wording import sentences
from coach.evals.datasets import load_reflection_set
from coach.generation.sentiment_model import SCALARS, TONES
from coach.generation.summary import sentiment_of
from coach.knowledge.embedder import shared_embedder
from coach.services.library import shipped_flag_model, shipped_sentiment_model
from coach.services.sentiment_training import case_rows, dataset_rows, fit

FOLDS = 8


def rule_tones(dataset: Path, ids: list[str], rows: np.ndarray) -> np.ndarray:
    """The rule's tone index for each case id, with the flags its feature row counted."""
    cases = {c.id: c for c in load_reflection_set(dataset)}
    flags = rows[:, SCALARS.index("flags")].astype(int)
    return np.asarray([TONES.index(sentiment_of(sentences(cases[i].reflection), flags=int(n)))
                       for i, n in zip(ids, flags, strict=True)])  # fmt: skip


def report(name: str, got: np.ndarray, tones: np.ndarray) -> None:
    pos, neg = TONES.index("positive"), TONES.index("negative")
    flipped = int(((got == pos) & (tones == neg)).sum() + ((got == neg) & (tones == pos)).sum())
    misses = Counter((TONES[t], TONES[g]) for t, g in zip(tones, got, strict=True) if t != g)
    print(f"{name}: agreement {(got == tones).mean():.3f} ({int((got == tones).sum())}/"
          f"{len(tones)}), positive<->negative {flipped}; (gold, read) misses "
          f"{misses.most_common(4)}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strengths", default="0.001,0.003,0.01,0.03")
    parser.add_argument("--dataset", type=Path, default=Path("evals/datasets"))
    args = parser.parse_args()
    embed = shared_embedder().embed
    if args.dataset.resolve() != Path("evals/datasets").resolve():
        flag_model = shipped_flag_model(get_settings().library_dir)
        rows, tones, ids = case_rows(load_reflection_set(args.dataset), embed, flag_model)
        model = shipped_sentiment_model(get_settings().library_dir)
        if model is not None:
            report("shipped model", np.asarray([TONES.index(model.tone(r)) for r in rows]), tones)
        report("rule", rule_tones(args.dataset, ids, rows), tones)
        return 0
    rows, tones, ids = dataset_rows(args.dataset, embed, get_settings().library_dir)
    order = np.random.default_rng(0).permutation(len(tones))
    for strength in (float(s) for s in args.strengths.split(",")):
        got = np.zeros(len(tones), dtype=int)
        for fold in np.array_split(order, FOLDS):
            train = np.setdiff1d(order, fold)
            weights, bias = fit(rows[train], tones[train], strength)
            got[fold] = (rows[fold] @ weights + bias).argmax(1)
        report(f"model, strength {strength}, {FOLDS}-fold", got, tones)
    report("rule", rule_tones(args.dataset, ids, rows), tones)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
