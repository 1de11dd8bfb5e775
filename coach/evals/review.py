"""Blind review: side-by-side sheets from two runs, and their score once a reviewer graded them.

``pack`` reads the same cases from run A and run B, renders both sides identically, shuffles
which side is shown first, adds a few control items (known-bad outputs against a real one),
and writes ``sheet.md`` (what the reviewer reads), ``grades.csv`` (what they fill in) and
``key.json`` (which side is which: the reviewer must not open it). ``score`` unblinds: the
review counts only if every control was graded low and not preferred; then it reports B's win
rate and each side's mean grade with 95% intervals.
"""

from __future__ import annotations

import csv
import json
import math
import random
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.domain.registry import SPECS, spec_for

REVIEWABLE = (*(spec.kind.value for spec in SPECS), "chat")  # every kind, and chat answers
GRADE_COLUMNS = ["item", "grade_1", "grade_2", "prefer", "note"]
CONTROL_MAX_GRADE = 2  # a control's bad side must be graded at most this, and not preferred


class ReviewError(ValueError):
    """A run, a pack or a filled sheet that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Item:
    """One thing to judge, as the reviewer will read it."""

    case: str
    text: str


def read_run(path: Path, suite: str) -> dict[str, Item]:
    """The outputs of ``suite`` in a run: an eval results.json (or its folder), or a chat run's
    answers.jsonl (or its folder), rendered as Markdown by case id."""
    if suite == "chat":
        file = path / "answers.jsonl" if path.is_dir() else path
        rows = [json.loads(line) for line in _text(file).splitlines() if line.strip()]
        return {r["id"]: Item(r["id"], _chat(r)) for r in rows}
    file = path / "results.json" if path.is_dir() else path
    try:
        body = json.loads(_text(file))["suites"][suite]["systems"]["flipside"]
    except (KeyError, json.JSONDecodeError) as error:
        raise ReviewError(f"{file}: no {suite} results from Flipside ({error})") from None
    spec = spec_for(suite)
    return {
        c["id"]: Item(c["id"], spec.render(spec.model.model_validate(c["output"])))
        for c in body["cases"]
        if "output" in c
    }


def reflection_sources(dataset: Path) -> dict[str, str]:
    """Each reflection case of a dataset folder as its reviewer reads it: who wrote it, the
    pair's goals, and the reflection quoted."""
    from coach.evals.datasets import load_pairs, load_reflection_set

    if not (dataset / "reflections.jsonl").is_file():
        return {}
    cases = load_reflection_set(dataset)
    folder = dataset / "pairs"
    pairs = {p.id: p for p in load_pairs(folder)} if folder.is_dir() else {}
    out = {}
    for case in cases:
        pair = pairs.get(case.pair_id)
        goals = [f"- {g.id}: {g.text}" for g in pair.goals] if pair else []
        who = f"{pair.person(case.author).name}, the {case.author}" if pair else case.author
        quoted = "\n".join(f"> {line}" if line else ">" for line in case.reflection.splitlines())
        out[case.id] = "\n".join([f"Written by {who}. The pair's goals:", *goals, "", quoted])
    return out


def pair_sources(dataset: Path) -> dict[str, str]:
    """Each pair file of a dataset folder as an agenda's or starters' reviewer reads it: the
    session, both people, the focus, the goals, the open actions and the history (two readers
    of agenda-fresh-2 and starters-fresh-1 could not tell whether a block took up the focus, or
    which session a set was for)."""
    from coach.evals.datasets import load_pairs

    folder = dataset / "pairs"
    out = {}
    for pair in load_pairs(folder) if folder.is_dir() else []:
        s = pair.session
        phase, why = pair.phase_and_reason
        lines = [f"Session {s.number}" + (f" of {s.total}" if s.total else "")
                 + f", {s.minutes} minutes; read as a {phase} session ({why}).",
                 f"Mentor: {pair.mentor.describe()}. Mentee: {pair.mentee.describe()}.",
                 f"Focus: {s.focus or '(none)'}", "Goals:",
                 *(f"- {g.id}: {g.text}" for g in pair.goals)]  # fmt: skip
        if pair.open_action_items:
            lines += ["Open action items:", *(
                f"- {a.text} ({a.owner}{', due ' + str(a.due) if a.due else ''})"
                for a in pair.open_action_items)]  # fmt: skip
        if pair.history:
            lines += ["History:", *(f"- Session {h.number}: {h.summary}" for h in pair.history)]
        out[pair.id] = "\n".join(lines)
    return out


def _text(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except OSError as error:
        raise ReviewError(f"{file}: not readable ({error.strerror})") from None


def _chat(row: dict[str, Any]) -> str:
    sources = [f"[{s['n']}] {s['source']} — {s['section']}" for s in row.get("sources", [])]
    answer = row.get("answer") or f"(no answer: {row.get('error') or 'empty'})"
    return "\n".join([f"**Question:** {row['question']}", "", answer, "", *sources])


def controls_for(suite: str, folder: Path) -> list[str]:
    """Known-bad outputs for ``suite`` (``evals/review/controls/<suite>.md``, split on ``---``)."""
    file = folder / f"{suite}.md"
    if not file.is_file():
        return []
    return [part.strip() for part in file.read_text(encoding="utf-8").split("\n---\n") if part]


def pack(
    suite: str, a: dict[str, Item], b: dict[str, Item], controls: list[str], out: Path,
    limit: int | None = None, seed: int = 7, sources: dict[str, str] | None = None,
) -> int:  # fmt: skip
    """Write the blind sheets for the cases both runs have; returns how many items.
    ``sources`` (by case) is what both sides were written from, shown above them."""
    sources = sources or {}
    cases = sorted(set(a) & set(b))[:limit] if limit else sorted(set(a) & set(b))
    if not cases:
        raise ReviewError("the two runs share no case: compare runs of the same dataset")
    rng = random.Random(seed)
    items: list[dict[str, Any]] = []
    for case in cases:
        flip = rng.random() < 0.5
        first, second = (b[case], a[case]) if flip else (a[case], b[case])
        texts = [first.text, second.text]
        items.append({"case": case, "first": "b" if flip else "a", "texts": texts,
                      "source": sources.get(case, "")})  # fmt: skip
    for number, bad in enumerate(controls, 1):
        case = rng.choice(cases)
        bad_first = rng.random() < 0.5
        texts = [bad, a[case].text] if bad_first else [a[case].text, bad]
        items.append({"case": f"control-{number}", "control": 1 if bad_first else 2,
                      "texts": texts, "source": sources.get(case, "")})  # fmt: skip
    rng.shuffle(items)
    out.mkdir(parents=True, exist_ok=True)
    sheet = [f"# Blind review: {suite}", "", "Grade each side 1–5 by `evals/review/RUBRIC.md` "
             "and say which you prefer (1, 2 or same) in `grades.csv`.", ""]  # fmt: skip
    key: dict[str, Any] = {"suite": suite, "items": {}}
    for number, item in enumerate(items, 1):
        name = f"item-{number:02d}"
        source = ["### What it was written from", "", item["source"], ""] if item["source"] else []
        sheet += [f"## {name}", "", *source, "### Side 1", "", item["texts"][0], "",
                  "### Side 2", "", item["texts"][1], "", "---", ""]  # fmt: skip
        key["items"][name] = {k: v for k, v in item.items() if k not in ("texts", "source")}
    (out / "sheet.md").write_text("\n".join(sheet), encoding="utf-8")
    (out / "key.json").write_text(json.dumps(key, indent=2) + "\n", encoding="utf-8")
    with (out / "grades.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(GRADE_COLUMNS)
        writer.writerows([[f"item-{n:02d}", "", "", "", ""] for n in range(1, len(items) + 1)])
    return len(items)


def _grade(value: str, where: str) -> int:
    try:
        grade = int(value)
    except ValueError:
        raise ReviewError(f"{where}: grade {value!r} is not a whole number 1-5") from None
    if not 1 <= grade <= 5:
        raise ReviewError(f"{where}: grade {grade} is not 1-5")
    return grade


def mean_interval(values: list[float]) -> dict[str, float | int | None]:
    """Mean with a 95% t-interval (normal approximation beyond 30)."""
    n = len(values)
    if n == 0:
        return {"n": 0, "mean": None, "low": None, "high": None}
    mean = statistics.fmean(values)
    if n == 1:
        return {"n": 1, "mean": round(mean, 3), "low": None, "high": None}
    t = {2: 12.71, 3: 4.30, 4: 3.18, 5: 2.78, 6: 2.57, 7: 2.45, 8: 2.36, 9: 2.31, 10: 2.26}
    half = t.get(n, 2.09 if n <= 20 else 2.04 if n <= 30 else 1.96) * statistics.stdev(values)
    half /= math.sqrt(n)
    return {"n": n, "mean": round(mean, 3), "low": round(mean - half, 3),
            "high": round(mean + half, 3)}  # fmt: skip


def wilson(wins: float, n: int) -> dict[str, float | int | None]:
    """A win rate with its 95% Wilson interval (ties count half a win)."""
    if n == 0:
        return {"n": 0, "rate": None, "low": None, "high": None}
    p, z = wins / n, 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return {"n": n, "rate": round(p, 3), "low": round(centre - half, 3),
            "high": round(centre + half, 3)}  # fmt: skip


def score(folder: Path) -> dict[str, Any]:
    """Unblind a filled pack: controls, B's win rate against A, and each side's grades."""
    key = json.loads(_text(folder / "key.json"))
    with (folder / "grades.csv").open(newline="", encoding="utf-8") as handle:
        rows = {r["item"]: r for r in csv.DictReader(handle)}
    missing = sorted(set(key["items"]) - set(rows))
    if missing:
        raise ReviewError(f"grades.csv has no row for {', '.join(missing)}")
    grades: dict[str, list[float]] = {"a": [], "b": []}
    wins, compared, failed_controls = 0.0, 0, []
    for name, item in key["items"].items():
        row = rows[name]
        one, two = _grade(row["grade_1"], name), _grade(row["grade_2"], name)
        prefer = (row["prefer"] or "").strip().lower()
        if prefer not in ("1", "2", "same"):
            raise ReviewError(f"{name}: prefer is {prefer!r}; write 1, 2 or same")
        if "control" in item:
            bad = item["control"]
            if (one, two)[bad - 1] > CONTROL_MAX_GRADE or prefer == str(bad):
                failed_controls.append(name)
            continue
        side_one = item["first"]
        side_two = "b" if side_one == "a" else "a"
        grades[side_one].append(one)
        grades[side_two].append(two)
        compared += 1
        if prefer == "same":
            wins += 0.5
        elif (prefer == "1") == (side_one == "b"):
            wins += 1
    return {
        "suite": key["suite"],
        "counts": not failed_controls,
        "failed_controls": failed_controls,
        "b_wins": wilson(wins, compared),
        "grades": {side: mean_interval(values) for side, values in grades.items()},
    }
