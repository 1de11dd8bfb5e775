"""Regressions, thresholds and the written reports."""

from __future__ import annotations

import pytest

from coach.evals.charts import bar_chart
from coach.evals.compare import (
    case_count_changes,
    check_thresholds,
    flatten,
    load_results,
    regressions,
)
from coach.evals.report import html, markdown, write_reports


def results(cases=2, **metrics) -> dict:
    base = {"valid": 1.0, "trap_rate": 0.1, "seconds_p95": 10.0, "count": 5.0, "ok": True}
    case = {"id": "p1", "metrics": {}, "problems": ["minutes sum to 40, not 45"]}
    return {
        "created": "2026-01-01T00:00:00+00:00", "dataset": "d", "limit": None,
        "systems": ["flipside"], "skipped": {"retrieval": "no retrieval.jsonl in d"},
        "suites": {"agenda": {"cases": cases, "systems": {"flipside": {
            "metrics": {**base, **metrics}, "cases": [case]}}}},
    }  # fmt: skip


def test_flatten_keeps_numbers_only():
    assert flatten(results(valid=None)) == {
        ("agenda", "flipside", "trap_rate"): 0.1,
        ("agenda", "flipside", "seconds_p95"): 10.0,
        ("agenda", "flipside", "count"): 5.0,
    }


@pytest.mark.parametrize(
    ("change", "regressed"),
    [
        ({"valid": 0.97}, False),  # within the 0.05 tolerance
        ({"valid": 0.9}, True),
        ({"trap_rate": 0.3}, True),  # lower is better
        ({"trap_rate": 0.0}, False),
        ({"seconds_p95": 11.5}, False),  # within 20 %
        ({"seconds_p95": 13.0}, True),
        ({"count": 1.0}, False),  # informational
    ],
)
def test_regressions_respect_direction_and_tolerance(change, regressed):
    found = regressions(results(**change), results())
    assert bool(found) is regressed
    if regressed:
        assert found[0]["metric"] == next(iter(change))


def test_case_count_changes_are_noted():
    assert case_count_changes(results(cases=5), results()) == ["agenda: 2 cases before, 5 now"]


def test_thresholds_check_min_max_and_missing():
    rules = {
        "agenda": {"valid": {"min": 0.9}, "seconds_p95": {"max": 5.0}, "absent": {"min": 0.1}},
        "summary": {"faithfulness": {"min": 0.9}},  # did not run: not checked
    }
    rows = check_thresholds(results(), rules)
    assert [(r["metric"], r["ok"]) for r in rows] == [
        ("valid", True),
        ("seconds_p95", False),
        ("absent", False),
    ]


def test_load_results_rejects_other_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[1]")
    with pytest.raises(ValueError, match="not a results.json"):
        load_results(path)


def test_reports_hold_tables_problems_and_charts(tmp_path):
    data = results()
    data["comparison"] = {
        "against": "old.json",
        "notes": [],
        "regressions": [
            {"suite": "agenda", "system": "flipside", "metric": "valid", "before": 1.0, "now": 0.5}
        ],
    }
    data["thresholds"] = {"file": "t.toml", "rows": [
        {"suite": "agenda", "system": "flipside", "metric": "valid", "value": 1.0, "min": 0.9,
         "ok": True}]}  # fmt: skip
    text = markdown(data)
    assert "| trap_rate ↓ | 0.100 |" in text
    assert "agenda/flipside/valid: 1.000 → 0.500" in text
    assert "PASS agenda/flipside/valid = 1.000 (min 0.9)" in text
    assert "**flipside / p1**: minutes sum to 40, not 45" in text
    assert "retrieval: no retrieval.jsonl in d" in text
    page = html(data)
    assert page.count("<svg") == 2  # scores, and seconds_p95
    assert "agenda: seconds (lower is better)" in page
    paths = write_reports(data, tmp_path / "out")
    assert sorted(p.name for p in paths.values()) == ["report.html", "report.md", "results.json"]


def test_bar_chart_draws_each_value_and_marks_missing():
    svg = bar_chart("t <x>", ["a", "b"], {"sys": [0.5, None], "base": [1.0, 0.25]}, top=1.0)
    assert svg.startswith("<svg") and "t &lt;x&gt;" in svg
    assert svg.count("<rect") == 2 + 3  # two legend swatches, three bars
    assert "n/a" in svg and "sys: 0.500" in svg
