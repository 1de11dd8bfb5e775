"""Cost from provenance, and the aggregation helpers."""

from __future__ import annotations

from coach.evals.cost import cost, is_cost, lower_is_better, summarize_cost
from coach.evals.stats import aggregate, mean, percentile
from tests.unit.evals.helpers import meta


def test_cost_reads_the_provenance():
    row = cost(meta(seconds=3.5))
    assert row == {
        "seconds": 3.5,
        "first_token_seconds": 0.5,
        "prompt_tokens": 100.0,
        "completion_tokens": 50.0,
        "attempts": 1.0,
        "fallback": False,
    }
    assert set(cost(None)) == set(row) and all(v is None for v in cost(None).values())


def test_summarize_cost_percentiles_tokens_and_fallbacks():
    fallback = meta(seconds=10.0).model_copy(update={"fallback": True})
    rows = [cost(meta(seconds=s)) for s in (1.0, 2.0, 3.0)] + [cost(fallback), cost(None)]
    summary = summarize_cost(rows)
    assert summary["seconds_p50"] == 2.5
    assert summary["seconds_p95"] == 8.95
    assert summary["seconds_mean"] == 4.0
    assert summary["prompt_tokens_mean"] == 100.0
    assert summary["total_tokens"] == 600.0
    assert summary["fallback_rate"] == 0.25
    assert summarize_cost([])["seconds_p50"] is None


def test_directions():
    assert lower_is_better("seconds_p95") and is_cost("seconds_p95")
    assert lower_is_better("trap_rate") and not is_cost("trap_rate")
    assert lower_is_better("error_rate")
    assert not lower_is_better("faithfulness")


def test_mean_skips_not_applicable_and_counts_booleans():
    assert mean([True, False, None, 1.0]) == round(2 / 3, 4)
    assert mean([None]) is None
    assert percentile([], 50) is None
    assert aggregate([{"a": 1.0, "b": None}, {"a": 0.0, "b": True}]) == {"a": 0.5, "b": 1.0}
