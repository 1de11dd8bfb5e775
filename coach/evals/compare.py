"""Compare a run with an earlier one (regressions) and with evals/thresholds.toml (gates)."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from coach.evals.cost import is_cost, lower_is_better

TOLERANCE = 0.05  # absolute, for scores and rates
COST_TOLERANCE = 0.2  # relative, for latency and tokens
INFORMATIONAL = frozenset({"count", "claims"})
DEFAULT_SYSTEM = {"retrieval": "hybrid"}


def flatten(results: dict[str, Any]) -> dict[tuple[str, str, str], float]:
    """(suite, system, metric) → value, for every numeric aggregate metric."""
    out = {}
    for suite, body in results.get("suites", {}).items():
        for system, result in body.get("systems", {}).items():
            for metric, value in result.get("metrics", {}).items():
                if isinstance(value, int | float) and not isinstance(value, bool):
                    out[(suite, system, metric)] = float(value)
    return out


def regressions(current: dict[str, Any], previous: dict[str, Any]) -> list[dict[str, Any]]:
    """Every metric that got worse than the earlier run by more than the tolerance."""
    before = flatten(previous)
    found = []
    for key, now in flatten(current).items():
        suite, system, metric = key
        if key not in before or metric in INFORMATIONAL:
            continue
        then = before[key]
        worse = then - now if not lower_is_better(metric) else now - then
        limit = COST_TOLERANCE * abs(then) if is_cost(metric) else TOLERANCE
        if worse > limit + 1e-9:
            found.append(
                {"suite": suite, "system": system, "metric": metric, "before": then, "now": now}
            )
    return found


def case_count_changes(current: dict[str, Any], previous: dict[str, Any]) -> list[str]:
    """Suites whose number of cases differs between the runs (their figures compare poorly)."""
    notes = []
    for suite, body in current.get("suites", {}).items():
        then = previous.get("suites", {}).get(suite, {}).get("cases")
        if then is not None and then != body.get("cases"):
            notes.append(f"{suite}: {then} cases before, {body.get('cases')} now")
    return notes


def load_results(path: Path) -> dict[str, Any]:
    """A results.json written by an earlier run."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "suites" not in data:
        raise ValueError(f"{path} is not a results.json from `coach eval`")
    return data


def load_thresholds(path: Path) -> dict[str, Any]:
    """``[suite]`` tables of ``metric = {min = x}`` or ``{max = x}``; ``system`` picks whose."""
    return tomllib.loads(path.read_text(encoding="utf-8"))


def check_thresholds(results: dict[str, Any], thresholds: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per threshold of a suite that ran: its value, its bound and whether it passed."""
    table = flatten(results)
    rows = []
    for suite, rules in thresholds.items():
        if suite not in results.get("suites", {}) or not isinstance(rules, dict):
            continue
        system = str(rules.get("system", DEFAULT_SYSTEM.get(suite, "flipside")))
        for metric, bound in rules.items():
            if metric == "system" or not isinstance(bound, dict):
                continue
            value = table.get((suite, system, metric))
            for kind in ("min", "max"):
                if kind in bound:
                    limit = float(bound[kind])
                    ok = value is not None and (value >= limit if kind == "min" else value <= limit)
                    rows.append(
                        {
                            "suite": suite,
                            "system": system,
                            "metric": metric,
                            "value": value,
                            kind: limit,
                            "ok": ok,
                        }
                    )
    return rows


def describe_regression(row: dict[str, Any]) -> str:
    return f"{row['suite']}/{row['system']}/{row['metric']}: {row['before']:.3f} → {row['now']:.3f}"


def describe_threshold(row: dict[str, Any]) -> str:
    kind = "min" if "min" in row else "max"
    value = "missing" if row["value"] is None else f"{row['value']:.3f}"
    return f"{row['suite']}/{row['system']}/{row['metric']} = {value} ({kind} {row[kind]})"
