"""Matching on the 48-candidate dataset with the real offline embedder (MiniLM int8)."""

from __future__ import annotations

import numpy as np
import pytest

from coach.domain.matching import MatchOptions, MatchWeights
from coach.knowledge.embedder import shared_embedder
from coach.services.candidate_files import read_candidates
from coach.services.matching import MatchingService, assign
from tests.unit.services.matching_helpers import DATASET, broken_rules, csv_rows, greedy


@pytest.fixture(scope="module")
def service() -> MatchingService:
    return MatchingService(shared_embedder())


def test_real_embedder_best_fits_sit_in_reporting_lines_and_the_matcher_steps_around_them(service):
    pool, rows = read_candidates(DATASET), csv_rows()
    topic_only = service.table(pool, MatchOptions(weights=MatchWeights(1.0, 0.0, 0.0)))
    best = {s.name: topic_only.juniors[int(np.argmax(row))].name
            for s, row in zip(topic_only.seniors, topic_only.scores, strict=True)}  # fmt: skip
    in_line = [s for s, j in best.items() if "reporting line" in broken_rules(rows, j, s)]
    assert len(in_line) * 2 >= len(best), in_line

    result = service.suggest(pool)
    assert len(result.pairs) == len(best) and not result.unmatched and not result.errors
    for pair in result.pairs:
        assert broken_rules(rows, pair.mentor.name, pair.mentee.name) == []
        assert len(pair.reasons) == 3
    ruled_out = [p for p in result.pairs if p.mentee.name in in_line]
    for pair in ruled_out:  # the reason says which rule moved them off their closest fit
        assert f"closest fit, {best[pair.mentee.name]}, is ruled out" in pair.reasons[1]


def test_real_embedder_assignment_beats_greedy(service):
    pool = read_candidates(DATASET)
    table = service.table(pool, MatchOptions())
    places = [1] * len(table.juniors)
    ours, baseline = (
        assign(table.scores, table.legal, places),
        greedy(table.scores, table.legal, places),
    )
    total = sum(table.scores[r, c] for r, c in ours)
    assert len(ours) >= len(baseline)
    assert total > sum(table.scores[r, c] for r, c in baseline) + 1e-6
