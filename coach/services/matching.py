"""Match suggestions: score every legal (junior, senior) pair and solve the assignment optimally.

``MatchingService.suggest`` is pure computation over parsed candidates: no store, no model.
The lead's tab and ``coach match`` call it the same way; ``score_pair`` re-scores one pair when
the lead swaps someone. The assignment first matches as many seniors as the rules allow, then
maximises the total score among those arrangements (``assign``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from coach.domain.candidates import Candidate, CandidatePool, RowError, key
from coach.domain.match_reasons import (
    FirstChoice,
    MatchResult,
    Suggestion,
    Unmatched,
    reasons,
    why_unmatched,
)
from coach.domain.matching import (
    NO_TOPIC,
    Breach,
    MatchOptions,
    TopicFit,
    breach,
    pair_score,
)
from coach.domain.pairs import Side
from coach.services.errors import UserError

if TYPE_CHECKING:
    from coach.knowledge.embedder import MiniLMEmbedder


def assign(scores: np.ndarray, legal: np.ndarray, places: Sequence[int]) -> list[tuple[int, int]]:
    """(row, column) pairs: rows are seniors, columns juniors taking up to ``places[j]`` rows.

    As many legal pairs as possible, then the highest total score: an illegal cell costs more
    than every legal score together, so the solver takes one only when nothing legal is left,
    and such a cell is dropped from the answer."""
    from scipy.optimize import linear_sum_assignment

    slots = [j for j, n in enumerate(places) for _ in range(n)]
    if scores.shape[0] == 0 or not slots:
        return []
    grid, allowed = scores[:, slots], legal[:, slots]
    top = float(np.max(grid, initial=0.0, where=allowed)) + 1.0
    cost = np.where(allowed, -grid, top * (min(grid.shape) + 1))
    rows, columns = linear_sum_assignment(cost)
    return [(int(r), slots[c]) for r, c in zip(rows, columns, strict=True) if allowed[r, c]]


@dataclass(frozen=True)
class ScoreTable:
    """Every (senior, junior) pair's score, rules aside, and the rule against it if any."""

    seniors: list[Candidate]
    juniors: list[Candidate]
    scores: np.ndarray  # seniors × juniors
    breaches: list[list[Breach | None]]

    @cached_property
    def legal(self) -> np.ndarray:
        return np.array([[b is None for b in row] for row in self.breaches], dtype=bool).reshape(
            self.scores.shape
        )


class MatchingService:
    """Suggests pairs from candidates; embeddings of strengths and goals are cached by text.

    ``embedder`` is anything with MiniLM's ``embed(texts) -> (n, d) array``; by default the
    process's shared MiniLM, loaded on first use."""

    def __init__(self, embedder: MiniLMEmbedder | None = None) -> None:
        self._embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Unit vectors for ``texts``, one row each (computed once per text)."""
        new = sorted({t for t in texts if t not in self._vectors})
        if new:
            if self._embedder is None:
                from coach.knowledge.embedder import shared_embedder

                self._embedder = shared_embedder()
            vectors = np.asarray(self._embedder.embed(new), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            for text, vector in zip(new, vectors / np.clip(norms, 1e-12, None), strict=True):
                self._vectors[text] = vector
        return np.array([self._vectors[t] for t in texts], dtype=np.float32)

    def _topics(self, seniors: list[Candidate], juniors: list[Candidate]) -> np.ndarray:
        """seniors × juniors: each goal's best strength (cosine, below 0 counts as 0), averaged."""
        out = np.zeros((len(seniors), len(juniors)), dtype=np.float32)
        goals = [g for s in seniors for g in s.goals]
        strengths = [t for j in juniors for t in j.strengths]
        if not goals or not strengths:
            return out
        vectors = self._embed(goals + strengths)
        similar = np.clip(vectors[: len(goals)] @ vectors[len(goals) :].T, 0.0, 1.0)
        # juniors with strengths own consecutive column blocks, seniors with goals row blocks
        cols = [c for c, j in enumerate(juniors) if j.strengths]
        rows = [r for r, s in enumerate(seniors) if s.goals]
        col_starts = np.cumsum([0] + [len(j.strengths) for j in juniors])[cols]
        row_starts = np.cumsum([0] + [len(s.goals) for s in seniors])[rows]
        best = np.maximum.reduceat(similar, col_starts, axis=1)  # goals × juniors: best strength
        sums = np.add.reduceat(best, row_starts, axis=0)  # seniors × juniors: summed over goals
        counts = np.array([len(seniors[r].goals) for r in rows], dtype=np.float32)
        out[np.ix_(rows, cols)] = sums / counts[:, None]
        return out

    def topic(self, junior: Candidate, senior: Candidate) -> TopicFit:
        """The pair's topic fit with its closest (strength, goal): the evidence for a reason."""
        if not junior.strengths or not senior.goals:
            return NO_TOPIC
        vectors = self._embed(list(senior.goals) + list(junior.strengths))
        goals, strengths = vectors[: len(senior.goals)], vectors[len(senior.goals) :]
        similar = np.clip(goals @ strengths.T, 0.0, 1.0)
        g, s = np.unravel_index(int(np.argmax(similar)), similar.shape)
        return TopicFit(float(similar.max(axis=1).mean()), junior.strengths[s],
                        senior.goals[g], float(similar[g, s]))  # fmt: skip

    def table(self, pool: CandidatePool, options: MatchOptions, seniors=None) -> ScoreTable:
        """Scores and rules for every (senior, junior) pair of the pool (or of ``seniors``)."""
        seniors = pool.on(Side.MENTEE) if seniors is None else seniors
        juniors = pool.on(Side.MENTOR)
        topics = self._topics(seniors, juniors)
        w = options.weights
        scores = np.array(
            [[pair_score(TopicFit(float(topics[r, c])), j, s, w) for c, j in enumerate(juniors)]
             for r, s in enumerate(seniors)], dtype=np.float64,
        ).reshape(len(seniors), len(juniors))  # fmt: skip
        breaches = [[breach(j, s, pool, options) for j in juniors] for s in seniors]
        return ScoreTable(seniors, juniors, scores, breaches)

    def suggest(self, pool: CandidatePool, options: MatchOptions | None = None) -> MatchResult:
        """The best legal pairs for the pool, why any senior is left out, and every row error."""
        options = options or MatchOptions()
        table = self.table(pool, options)
        errors = list(pool.errors) + _unknown_names(pool, options)
        kept, kept_errors = _kept(table, options)
        errors += kept_errors
        left = Counter(c for _, c in kept)
        places = [options.places(j) - left[c] for c, j in enumerate(table.juniors)]
        open_rows = [r for r in range(len(table.seniors)) if r not in {r for r, _ in kept}]
        solved = assign(table.scores[open_rows], table.legal[open_rows], places)
        chosen = [(open_rows[r], c) for r, c in solved]
        for r, c in list(chosen):  # the solver's answer, checked against the rules themselves
            found = breach(table.juniors[c], table.seniors[r], pool, options)
            if found is not None:
                chosen.remove((r, c))
                pair = f"{table.juniors[c].name} with {table.seniors[r].name}"
                errors.append(RowError(None, f"left out {pair}: {found.text} (a matcher bug)"))
        taken = {c: (r, (r, c) in kept) for r, c in kept + chosen}
        suggestions = [self._suggestion(table, r, c, taken) for r, c in kept + chosen]
        matched = {r for r, _ in kept + chosen}
        total_places = sum(options.places(j) for j in table.juniors)
        unmatched = [
            Unmatched(s, why_unmatched(s, list(zip(table.juniors, table.breaches[r], strict=True)),
                                       len(table.seniors), total_places))
            for r, s in enumerate(table.seniors) if r not in matched
        ]  # fmt: skip
        used = Counter(c for _, c in kept + chosen)
        spare = [j for c, j in enumerate(table.juniors) if used[c] < options.places(j)]
        suggestions.sort(key=lambda s: (-s.score, s.mentee.row))
        return MatchResult(tuple(suggestions), tuple(unmatched), tuple(errors), tuple(spare))

    def _suggestion(self, table: ScoreTable, r: int, c: int, taken: dict[int, tuple[int, bool]]):
        """Senior ``r`` with junior ``c``; ``taken`` maps each chosen junior to (senior, kept)."""
        junior, senior = table.juniors[c], table.seniors[r]
        first = int(np.argmax(table.scores[r]))
        if table.scores[r, c] >= table.scores[r, first] - 1e-9:
            first = c  # a tie with the best counts as the best
        other, other_kept = taken.get(first, (r, False))
        choice = FirstChoice(
            table.juniors[first], float(table.scores[r, first]), table.breaches[r][first],
            table.seniors[other] if other != r else None, other_kept,
        )  # fmt: skip
        fit = self.topic(junior, senior)
        kept = taken.get(c, (None, False)) == (r, True)
        return Suggestion(junior, senior, float(table.scores[r, c]),
                          reasons(junior, senior, fit, choice, kept))  # fmt: skip

    def score_pair(self, pool: CandidatePool, mentor: str, mentee: str,
                   options: MatchOptions | None = None) -> Suggestion:  # fmt: skip
        """One pair's score and reasons, as when the lead swaps someone; a rule breach is an
        error naming the rule."""
        options = options or MatchOptions()
        junior, senior = pool.find(mentor, Side.MENTOR), pool.find(mentee, Side.MENTEE)
        if junior is None or senior is None:
            side, name = ("mentor", mentor) if junior is None else ("mentee", mentee)
            raise UserError(f"no {side} named {name!r} among the candidates")
        found = breach(junior, senior, pool, options)
        if found is not None:
            raise UserError(f"{junior.name} may not mentor {senior.name}: {found.text}")
        table = self.table(pool, options, seniors=[senior])
        return self._suggestion(table, 0, table.juniors.index(junior), {})


def _unknown_names(pool: CandidatePool, options: MatchOptions) -> list[RowError]:
    """A kept, forbidden or ended pair that names nobody in the pool: probably a typo."""
    errors = []
    for what, named in (("keep", options.keep), ("forbid", options.forbid),
                        ("ended", options.ended)):  # fmt: skip
        for mentor, mentee in sorted(named):
            for side, name in ((Side.MENTOR, mentor), (Side.MENTEE, mentee)):
                if pool.find(name, side) is None:
                    errors.append(RowError(None, f"{what} {mentor} with {mentee}: no {side} "
                                           f"named {name!r}; check the spelling"))  # fmt: skip
    return errors


def _kept(table: ScoreTable, options: MatchOptions) -> tuple[list[tuple[int, int]], list]:
    """The (senior row, junior column) pairs the lead keeps, and why any keep is refused."""
    rows = {key(s.name): r for r, s in enumerate(table.seniors)}
    columns = {key(j.name): c for c, j in enumerate(table.juniors)}
    kept: list[tuple[int, int]] = []
    errors = []
    for mentor, mentee in sorted(options.keep):
        r, c = rows.get(key(mentee)), columns.get(key(mentor))
        if r is None or c is None:
            continue  # reported by _unknown_names
        problem = _keep_problem(table, options, kept, r, c)
        if problem:
            errors.append(RowError(None, f"keep {mentor} with {mentee}: {problem}; not kept"))
        else:
            kept.append((r, c))
    return kept, errors


def _keep_problem(table: ScoreTable, options: MatchOptions, kept, r: int, c: int) -> str | None:
    found = table.breaches[r][c]
    if found is not None:
        return f"it breaks a hard rule ({found.text})"
    if any(k == r for k, _ in kept):
        return "the senior is already kept with someone else"
    if sum(k == c for _, k in kept) >= options.places(table.juniors[c]):
        return "the junior has no place left"
    return None
