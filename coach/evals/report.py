"""Write a run's results.json, report.md and report.html (with inline SVG charts)."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from coach.evals.charts import bar_chart
from coach.evals.compare import INFORMATIONAL, describe_regression, describe_threshold
from coach.evals.cost import lower_is_better

WORST_CASES = 5
LATENCY = ("seconds_p50", "seconds_p95", "first_token_p50")


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _metrics(body: dict[str, Any]) -> list[str]:
    names: dict[str, None] = {}
    for result in body["systems"].values():
        names.update(dict.fromkeys(result["metrics"]))
    return list(names)


def _table(body: dict[str, Any]) -> list[list[str]]:
    systems = list(body["systems"])
    rows = [["metric", *systems]]
    for metric in _metrics(body):
        arrow = " ↓" if lower_is_better(metric) else ""
        values = [_fmt(body["systems"][s]["metrics"].get(metric)) for s in systems]
        rows.append([metric + arrow, *values])
    return rows


def _worst(body: dict[str, Any]) -> list[tuple[str, str, list[str]]]:
    """(system, case id, problems) of the cases with the most problems."""
    out = []
    for system, result in body["systems"].items():
        cases = [c for c in result.get("cases", []) if c.get("problems") or c.get("error")]
        cases.sort(key=lambda c: -len(c.get("problems", [])))
        for case in cases[:WORST_CASES]:
            problems = ([f"error: {case['error']}"] if case.get("error") else []) + case["problems"]
            out.append((system, case["id"], problems))
    return out


def _notes(results: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """(heading, lines) blocks shared by the Markdown and HTML reports."""
    blocks = []
    if results.get("skipped"):
        blocks.append(("Skipped suites", [f"{s}: {r}" for s, r in results["skipped"].items()]))
    checks = results.get("thresholds", {}).get("rows", [])
    if checks:
        lines = [("PASS " if r["ok"] else "FAIL ") + describe_threshold(r) for r in checks]
        blocks.append((f"Thresholds ({results['thresholds']['file']})", lines))
    comparison = results.get("comparison")
    if comparison:
        lines = [describe_regression(r) for r in comparison["regressions"]] or ["none"]
        lines += [f"note: {n}" for n in comparison.get("notes", [])]
        blocks.append((f"Regressions against {comparison['against']}", lines))
    return blocks


def _header(results: dict[str, Any]) -> list[str]:
    return [
        f"created {results['created']}",
        f"dataset {results['dataset']}",
        f"limit {results['limit'] or 'none'}",
        f"systems {', '.join(results['systems']) or 'none'}",
        f"model {results.get('model', 'n/a')}",
    ]


def markdown(results: dict[str, Any]) -> str:
    """The report as Markdown."""
    lines = ["# Flipside eval report", "", *(f"- {h}" for h in _header(results)), ""]
    for heading, block in _notes(results):
        lines += [f"## {heading}", "", *(f"- {b}" for b in block), ""]
    for suite, body in results["suites"].items():
        lines += [f"## {suite} ({body.get('cases', 0)} cases)", ""]
        table = _table(body)
        lines.append("| " + " | ".join(table[0]) + " |")
        lines.append("|" + "---|" * len(table[0]))
        lines += ["| " + " | ".join(row) + " |" for row in table[1:]]
        if body.get("skipped_cases"):
            lines += ["", f"Skipped cases: {body['skipped_cases']}"]
        worst = _worst(body)
        if worst:
            lines += ["", "Cases with the most problems:", ""]
            for system, case_id, problems in worst:
                lines.append(f"- **{system} / {case_id}**: " + "; ".join(problems[:6]))
        lines.append("")
    lines.append("Metrics marked ↓ are better when lower. Definitions: evals/README.md.")
    return "\n".join(lines) + "\n"


def _values(body: dict[str, Any], metric: str) -> list[float | None]:
    return [r["metrics"].get(metric) for r in body["systems"].values()]


def _charts(body: dict[str, Any], suite: str) -> list[str]:
    systems = list(body["systems"])

    def series(names: list[str]) -> dict[str, list[float | None]]:
        return {s: [body["systems"][s]["metrics"].get(n) for n in names] for s in systems}

    scores = [
        m
        for m in _metrics(body)
        if not lower_is_better(m)
        and m not in INFORMATIONAL
        and all(v is None or v <= 1 for v in _values(body, m))
    ]
    charts = [bar_chart(f"{suite}: scores (higher is better)", scores, series(scores), 1.0)]
    latency = [m for m in LATENCY if any(v is not None for v in _values(body, m))]
    if latency:
        charts.append(bar_chart(f"{suite}: seconds (lower is better)", latency, series(latency)))
    return charts


def html(results: dict[str, Any]) -> str:
    """The report as one self-contained HTML page."""
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'><title>Flipside eval report</title>",
        "<style>body{font-family:sans-serif;max-width:900px;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px}"
        "td:not(:first-child){text-align:right}.fail{color:#c53030}</style></head><body>",
        "<h1>Flipside eval report</h1><ul>",
        *(f"<li>{escape(h)}</li>" for h in _header(results)),
        "</ul>",
    ]
    for heading, block in _notes(results):
        parts.append(f"<h2>{escape(heading)}</h2><ul>")
        for line in block:
            css = " class='fail'" if line.startswith("FAIL") else ""
            parts.append(f"<li{css}>{escape(line)}</li>")
        parts.append("</ul>")
    for suite, body in results["suites"].items():
        parts.append(f"<h2>{escape(suite)} ({body.get('cases', 0)} cases)</h2>")
        table = _table(body)
        parts.append("<table><tr>" + "".join(f"<th>{escape(c)}</th>" for c in table[0]) + "</tr>")
        for row in table[1:]:
            parts.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
        parts += [f"<div>{svg}</div>" for svg in _charts(body, suite)]
        worst = _worst(body)
        if worst:
            parts.append("<h3>Cases with the most problems</h3><ul>")
            for system, case_id, problems in worst:
                text = "; ".join(problems[:6])
                parts.append(
                    f"<li><b>{escape(system)} / {escape(case_id)}</b>: {escape(text)}</li>"
                )
            parts.append("</ul>")
    parts.append("<p>Metrics marked ↓ are better when lower. Definitions: evals/README.md.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_reports(results: dict[str, Any], out: Path) -> dict[str, Path]:
    """Write results.json, report.md and report.html into ``out``; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {
        "results": out / "results.json",
        "markdown": out / "report.md",
        "html": out / "report.html",
    }
    paths["results"].write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    paths["markdown"].write_text(markdown(results), encoding="utf-8")
    paths["html"].write_text(html(results), encoding="utf-8")
    return paths
