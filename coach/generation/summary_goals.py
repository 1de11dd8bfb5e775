"""A summary's goal progress: for each of the pair's goals, the sentence of the reflection
that best shows it moved, if one does (``coach.domain.goal_evidence`` says which sentences can
never count and how the rule-built score ranks the rest; ``coach.generation.goal_model``, when
shipped, ranks them by a reader's labels instead)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.domain.goal_evidence import mentor_gains, pick_evidence, pick_scored, sentence_bonus
from coach.domain.pair_owners import pair_names
from coach.domain.summary_draft import GoalProgress, SummaryRequest, span_of
from coach.domain.takeaway_check import LISTED
from coach.domain.wording import Sentence, unpiped
from coach.generation.goal_model import GoalModel, evidence_features
from coach.generation.meaning import Meaning

MIN_EVIDENCE_WORDS = 3


@dataclass(frozen=True)
class EvidenceInputs:
    """What goal evidence is chosen from: the sentences that may be evidence, their
    similarities to each goal (goals × sentences; alone, and read with the sentence before),
    their vectors, the rule-built bonus of each, and whether each states an action."""

    usable: list[Sentence]
    alone: np.ndarray
    in_context: np.ndarray
    vectors: np.ndarray
    bonus: list[float]
    acted: list[bool]

    def features(self) -> np.ndarray:
        """The goal model's feature rows (goals × sentences × features)."""
        texts = [s.text for s in self.usable]
        return evidence_features(self.alone, self.in_context, self.vectors, texts, self.acted)


def evidence_inputs(
    request: SummaryRequest, found: list[Sentence], private: set[int], meaning: Meaning,
    acted: set[int],
) -> EvidenceInputs | None:  # fmt: skip
    """The inputs for ``request``'s goals, or None without goals or usable sentences. Not
    usable: a question, a private sentence (flags stay private; ``private`` holds their
    starts), a line under ``MIN_EVIDENCE_WORDS`` words. ``acted``: the numbers of the
    sentences that state an action."""
    goals = request.profile.goals
    usable = [s for s in found if not s.text.rstrip().endswith("?") and s.start not in private
              and len(s.text.split()) >= MIN_EVIDENCE_WORDS]  # fmt: skip
    if not goals or not usable:
        return None
    before = {s.number: found[i - 1].text + " " if i else "" for i, s in enumerate(found)}
    texts = [g.text for g in goals]
    vectors = meaning(texts + [s.text for s in usable]
                      + [before[s.number] + s.text for s in usable])  # fmt: skip
    goal_vectors = vectors[: len(goals)]
    sentence_vectors = vectors[len(goals) : len(goals) + len(usable)]
    gained = mentor_gains(found, request.author, pair_names(request.profile))
    return EvidenceInputs(
        usable=usable,
        alone=goal_vectors @ sentence_vectors.T,
        in_context=goal_vectors @ vectors[len(goals) + len(usable) :].T,
        vectors=sentence_vectors,
        bonus=[sentence_bonus(s.text, s.number in acted, s.number in gained) for s in usable],
        acted=[s.number in acted for s in usable],
    )


def goal_progress(
    request: SummaryRequest, found: list[Sentence], private: set[int], meaning: Meaning,
    acted: set[int], model: GoalModel | None = None,
) -> list[GoalProgress]:  # fmt: skip
    """Each goal with the sentence that best shows it moved, when one is close enough in
    meaning and not refused; ranked by ``model`` when given, else by the rule-built score. A
    flagged sentence is never evidence, nor one that says what the mentor gained."""
    inputs = evidence_inputs(request, found, private, meaning, acted)
    if inputs is None:
        return []
    alone = inputs.alone.tolist()
    if model is not None and model.reads(rows := inputs.features()):
        picked = pick_scored(alone, model.scores(rows).tolist(), inputs.bonus, model.threshold)
    else:  # no model, or vectors of another embedder than the one it was trained with
        picked = pick_evidence(alone, inputs.in_context.tolist(), inputs.bonus)
    return [
        GoalProgress(
            goal_id=goal.id,
            evidence=unpiped(LISTED.sub("", inputs.usable[i].text)),  # "- Told him about breaks: …"
            span=span_of(inputs.usable[i]),
            goal=goal.text,
        )  # fmt: skip
        for goal, i in zip(request.profile.goals, picked, strict=True)
        if i is not None
    ]
