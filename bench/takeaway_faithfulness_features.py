"""Whether word features can tell a faithful takeaway from an unfaithful one, without the model:
``python bench/takeaway_faithfulness_features.py``.

Over the labelled takeaways (``evals/datasets/takeaway_faithfulness.jsonl``), each described by
twelve features a rule could read (MiniLM cosine to its sentence; share of its content words
in the sentence and of the sentence's in it; new words; a negation, a number or a hedge gained
or lost; a person word added; length ratio; copied share; sentence length), a class-balanced
logistic model is fitted on four fifths of the reflections and scored on the fifth, five
times. The printed AUC is how well such features rank unfaithful above faithful (0.5 is
chance); the threshold rows count what it would refuse among the takeaways today's checks
(``takeaway_problems``) let through.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from coach.domain.pair_owners import pair_names
from coach.domain.takeaway_check import copied_share, takeaway_problems
from coach.domain.wording import content_words
from coach.evals.datasets import load_pairs, load_reflection_set
from coach.knowledge.embedder import shared_embedder
from coach.services.flag_training import fit

DATASET = Path("evals/datasets")
FOLDS = 5
NEGATION = re.compile(r"\b(?:not|no|never|nobody|none|nothing|without|hardly|neither|nor)\b|n't",
                      re.I)  # fmt: skip
NUMBER = re.compile(r"\d+|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|half|twice|first|second|third)\b", re.I)  # fmt: skip
HEDGE = re.compile(r"\b(?:might|may|maybe|perhaps|possibly|could|would|should|if|whether|asked|"
                   r"ask|wants?|hope|think|thinks|probably|suggest\w*)\b", re.I)  # fmt: skip
PERSON = re.compile(r"\b(?:i|me|my|he|him|his|she|her|they|them|their|we|us|our|you|your)\b",
                    re.I)  # fmt: skip


def _stem(word: str) -> str:
    return re.sub(r"(?:ing|ed|es|s|ly)$", "", word.lower())


def features(takeaway: str, sentence: str, cosine: float) -> list[float]:
    """The twelve features of one takeaway against its sentence."""
    mine = [_stem(w) for w in content_words(takeaway)]
    theirs = {_stem(w) for w in content_words(sentence)}
    new = sum(w not in theirs for w in mine)
    numbers = ({m.lower() for m in NUMBER.findall(takeaway)},
               {m.lower() for m in NUMBER.findall(sentence)})  # fmt: skip
    people = ({m.lower() for m in PERSON.findall(takeaway)},
              {m.lower() for m in PERSON.findall(sentence)})  # fmt: skip
    return [
        cosine, 1 - new / max(1, len(mine)), len(set(mine) & theirs) / max(1, len(theirs)),
        new / 5, float(bool(NEGATION.search(takeaway)) != bool(NEGATION.search(sentence))),
        float(bool(numbers[0] - numbers[1])), float(bool(numbers[1] - numbers[0])),
        float(bool(HEDGE.search(sentence)) and not HEDGE.search(takeaway)),
        float(bool(people[0] - people[1])), len(takeaway.split()) / max(1, len(sentence.split())),
        copied_share(takeaway, sentence), len(sentence.split()) / 40,
    ]  # fmt: skip


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """The area under the ROC curve (rank form)."""
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    positives = labels.sum()
    negatives = len(labels) - positives
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2)
                 / (positives * negatives))  # fmt: skip


def main() -> int:
    rows = [json.loads(line) for line in (DATASET / "takeaway_faithfulness.jsonl").open()]
    cases = {c.id: c for c in load_reflection_set(DATASET)}
    pairs = {p.id: p for p in load_pairs(DATASET / "pairs")}
    embedder = shared_embedder()
    said = embedder.embed([r["sentence"] for r in rows])
    written = embedder.embed([r["takeaway"] for r in rows])
    x, y, refused, folds = [], [], [], []
    reflections = sorted({r["case"] for r in rows})
    fold_of = {case: n % FOLDS for n, case in enumerate(reflections)}
    for row, s, t in zip(rows, said, written, strict=True):
        case, cosine = cases[row["case"]], float(s @ t)
        x.append(features(row["takeaway"], row["sentence"], cosine))
        y.append(int(row["label"] != "faithful"))
        people = (case.author, pair_names(pairs[case.pair_id]))
        refused.append(bool(takeaway_problems(row["takeaway"], row["sentence"], case.reflection,
                                              "", cosine, people=people)))  # fmt: skip
        folds.append(fold_of[row["case"]])
    x, labels, refused, fold = np.array(x), np.array(y), np.array(refused), np.array(folds)
    scores = np.zeros(len(labels))
    for k in range(FOLDS):
        weights, bias = fit(x[fold != k], labels[fold != k], 1.0)
        scores[fold == k] = 1 / (1 + np.exp(-(x[fold == k] @ weights + bias)))
    kept = ~refused
    print(
        f"takeaways {len(labels)}, unfaithful {labels.sum()}; today's checks refuse "
        f"{refused[labels == 1].sum()} unfaithful and {refused[labels == 0].sum()} faithful"
    )
    print(
        f"AUC of the features, cross-validated by reflection: {auc(labels, scores):.3f}; "
        f"among the takeaways the checks keep: {auc(labels[kept], scores[kept]):.3f}"
    )
    for threshold in (0.4, 0.45, 0.5, 0.6):
        cut = scores >= threshold
        bad, good = kept & (labels == 1), kept & (labels == 0)
        print(
            f"threshold {threshold}: would refuse {(cut & bad).sum()} of {bad.sum()} unfaithful "
            f"kept, and {(cut & good).sum()} of {good.sum()} faithful kept"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
