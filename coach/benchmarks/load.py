"""The load test's arithmetic: call records, percentiles, outcomes, lost writes, the report.

Everything here is pure, so the unit tests can feed it hand-made calls and stored rows.
``load_run`` does the running: the app, the accounts, the simulated users.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import httpx
from gradio_client.exceptions import AppError
from gradio_client.utils import QueueError, TooManyRequestsError

Outcome = Literal["ok", "error", "rejected", "timeout"]
OUTCOMES: tuple[Outcome, ...] = ("ok", "error", "rejected", "timeout")
SAVE, AGENDA, LOGIN = "save_reflection", "prepare_session", "login"
ENDPOINTS = (LOGIN, SAVE, AGENDA)
FALLBACK = "built by rules"  # an agenda the rules wrote when the model could not
QUEUE_FULL = "queue is full"  # gradio_client's words for a 503 / ``queue_full`` message
FIELDS = ("learned", "surprised", "try", "dynamic")  # the four prompts, in the form's order
SPICE = (" (naïve question, I know)", " — “fair point”", " 🙂", " Größe matters; ça va.")


@dataclass(frozen=True)
class Call:
    """One request by one simulated user: when, how long, and how it ended."""

    user: str
    endpoint: str
    started: float  # seconds since the run began
    seconds: float
    outcome: Outcome
    message: str = ""


@dataclass(frozen=True)
class SaveAttempt:
    """A reflection a user tried to save: the text the app must store if it said yes."""

    user: str
    pair_id: str
    text: str
    outcome: Outcome
    reflection_id: str | None = None  # from the acknowledged answer's table, when readable


@dataclass(frozen=True)
class Stored:
    """A reflection as the database holds it after the run."""

    id: str
    user: str
    pair_id: str
    text: str


@dataclass
class WriteCheck:
    """Every acknowledged save against the database: none may be missing or changed."""

    acknowledged: int = 0
    verified: int = 0
    lost: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    failed: int = 0  # saves answered with an error, a rejection or a timeout
    failed_but_stored: int = 0  # ... whose text is in the database all the same
    duplicates: int = 0  # one attempt's text stored more than once
    unexpected: int = 0  # stored rows of the simulated users that no attempt wrote

    @property
    def ok(self) -> bool:
        return not self.lost and not self.altered

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile with linear interpolation (numpy's default); None when empty."""
    if not values:
        return None
    if not 0 <= q <= 100:
        raise ValueError(f"a percentile is between 0 and 100, not {q}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def classify(error: BaseException) -> tuple[Outcome, str]:
    """How a failed call ended: a refusal by the queue, a timeout, or an error with its words."""
    words = " ".join(str(error).split())[:300]
    if isinstance(error, QueueError | TooManyRequestsError) or QUEUE_FULL in words.lower():
        return "rejected", words or "queue full"
    if isinstance(error, httpx.HTTPStatusError) and error.response.status_code in (429, 503):
        return "rejected", f"HTTP {error.response.status_code}"
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "timeout", words or type(error).__name__
    if isinstance(error, AppError):  # a gr.Error the app raised on purpose: its message
        return "error", words or "app error without a message"
    return "error", f"{type(error).__name__}: {words}" if words else type(error).__name__


def check_writes(attempts: Sequence[SaveAttempt], stored: Sequence[Stored]) -> WriteCheck:
    """Compare what the app acknowledged with what the database holds.

    An acknowledged save is found by the id its answer showed, else by user, pair and exact
    text (each simulated text is unique). Found under its id with other text or another pair
    counts as altered; not found at all counts as lost.
    """
    check = WriteCheck()
    by_id = {row.id: row for row in stored}
    by_text = Counter((row.user, row.pair_id, row.text) for row in stored)
    claimed: Counter[tuple[str, str, str]] = Counter()
    for attempt in attempts:
        key = (attempt.user, attempt.pair_id, attempt.text)
        copies = by_text[key]
        claimed[key] += 1
        if copies > 1:
            check.duplicates += copies - 1
        if attempt.outcome != "ok":
            check.failed += 1
            check.failed_but_stored += copies > 0
            continue
        check.acknowledged += 1
        row = by_id.get(attempt.reflection_id or "")
        label = f"{attempt.user} {attempt.reflection_id or '(no id)'}: {attempt.text[:50]!r}"
        if row is not None and (row.user, row.pair_id, row.text) != key:
            check.altered.append(label)
        elif row is None and not copies:
            check.lost.append(label)
        else:
            check.verified += 1
    users = {a.user for a in attempts}
    check.unexpected = sum(
        1 for row in stored if row.user in users and not claimed[(row.user, row.pair_id, row.text)]
    )
    return check


def endpoint_stats(calls: Sequence[Call], window: float) -> dict[str, dict[str, Any]]:
    """Per endpoint: calls, each outcome, p50/p95/max of the successful calls, ok per second.

    ``started`` counts from the opening of the window; ok/s counts the successful calls that
    ended inside it (sign-ins come before the window and get none).
    """
    out: dict[str, dict[str, Any]] = {}
    for endpoint in sorted({c.endpoint for c in calls}, key=_endpoint_order):
        mine = [c for c in calls if c.endpoint == endpoint]
        counts = Counter(c.outcome for c in mine)
        good = [c.seconds * 1000 for c in mine if c.outcome == "ok"]
        out[endpoint] = {
            "calls": len(mine),
            **{outcome: counts[outcome] for outcome in OUTCOMES},
            "p50_ms": _round(percentile(good, 50)),
            "p95_ms": _round(percentile(good, 95)),
            "max_ms": _round(max(good) if good else None),
            "ok_per_s": None if endpoint == LOGIN else per_second(mine, window, ok_only=True),
            "fallbacks": sum(c.outcome == "ok" and FALLBACK in c.message for c in mine),
        }
    return out


def per_second(calls: Sequence[Call], window: float, ok_only: bool = False) -> float | None:
    """Calls (or successful calls) that ended inside the window, per second of it."""
    if window <= 0:
        return None
    inside = [c for c in calls if c.started >= 0 and c.started + c.seconds <= window]
    return round(sum(not ok_only or c.outcome == "ok" for c in inside) / window, 3)


def top_errors(calls: Sequence[Call], limit: int = 8) -> list[dict[str, Any]]:
    """The most frequent failure messages, with their endpoint and outcome."""
    counts = Counter((c.endpoint, c.outcome, c.message) for c in calls if c.outcome != "ok")
    return [
        {"endpoint": e, "outcome": o, "message": m, "count": n}
        for (e, o, m), n in counts.most_common(limit)
    ]


def build_load_report(
    *,
    config: dict[str, Any],
    machine: dict[str, Any],
    calls: Sequence[Call],
    window: float,
    drain: float,
    writes: WriteCheck,
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The one JSON object ``bench/load_test.py --json`` prints.

    ``window`` is the working time; ``drain`` how long the last answers took after it.
    """
    work = [c for c in calls if c.endpoint != LOGIN]
    return {
        "config": config,
        "machine": machine,
        "window_seconds": round(window, 2),
        "drain_seconds": round(drain, 2),
        "endpoints": endpoint_stats(calls, window),
        "calls_per_s": per_second(work, window),
        "ok_per_s": per_second(work, window, ok_only=True),
        "errors": sum(c.outcome == "error" for c in calls),
        "rejections": sum(c.outcome == "rejected" for c in calls),
        "timeouts": sum(c.outcome == "timeout" for c in calls),
        "top_errors": top_errors(calls),
        "writes": writes.as_dict(),
        "notes": list(notes),
    }


def render_load(report: dict[str, Any], console: Any) -> None:
    """Print ``report`` as a rich table, the writes check and the commonest failures."""
    from rich.table import Table

    cfg = report["config"]
    title = (f"{cfg.get('users')} users for {cfg.get('seconds')} s against {cfg.get('url')}; "
             "latency of successful calls")  # fmt: skip
    table = Table(title=title)
    columns = ("endpoint", "calls", "ok", "errors", "rejected", "timeouts", "p50", "p95", "max",
               "ok/s", "by rules")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column == "endpoint" else "right")
    for name, row in report["endpoints"].items():
        table.add_row(
            name, str(row["calls"]), str(row["ok"]), str(row["error"]), str(row["rejected"]),
            str(row["timeout"]), _ms(row["p50_ms"]), _ms(row["p95_ms"]), _ms(row["max_ms"]),
            "-" if row["ok_per_s"] is None else f"{row['ok_per_s']:.2f}", str(row["fallbacks"]),
        )  # fmt: skip
    console.print(table)
    console.print(f"in the {report['window_seconds']} s window: {report['calls_per_s']} calls/s, "
                  f"{report['ok_per_s']} ok/s (sign-ins not counted); the last answers came "
                  f"{report['drain_seconds']} s after it")  # fmt: skip
    w = report["writes"]
    verdict = "[green]no acknowledged write lost[/]" if w["ok"] else "[bold red]WRITES LOST[/]"
    console.print(
        f"writes: {w['acknowledged']} acknowledged, {w['verified']} found with identical text, "
        f"{len(w['lost'])} lost, {len(w['altered'])} altered: {verdict}"
    )
    console.print(f"failed saves: {w['failed']}, of which {w['failed_but_stored']} stored anyway; "
                  f"duplicates {w['duplicates']}, unexpected rows {w['unexpected']}")  # fmt: skip
    for label in (w["lost"] + w["altered"])[:10]:
        console.print(f"  [red]missing or changed:[/] {label}")
    for row in report["top_errors"]:
        console.print(f"  {row['count']:>4} x {row['endpoint']} {row['outcome']}: {row['message']}")
    for note in report["notes"]:
        console.print(f"[yellow]note:[/] {note}")


def reflection_answers(rng: random.Random, paragraphs: Sequence[str], tag: str,
                       long_share: float = 0.1) -> dict[str, str]:  # fmt: skip
    """The four answers of one simulated reflection: varied, some empty, some long.

    ``tag`` makes the text unique, so a stored row can be matched to its attempt.
    """
    answers = {key: "" for key in FIELDS}
    keys = rng.sample(FIELDS, rng.randint(1, len(FIELDS)))
    long = rng.random() < long_share
    for key in keys:
        big = long and key == keys[0]
        count = rng.randint(12, 30) if big else rng.randint(1, 2)
        text = "\n\n".join(rng.choice(paragraphs) for _ in range(count))
        if rng.random() < 0.3:
            text += rng.choice(SPICE)
        answers[key] = text[: 9000 if big else 1500].strip()
    answers[keys[0]] += f" [{tag}]"
    return answers


def _endpoint_order(name: str) -> tuple[int, str]:
    return (ENDPOINTS.index(name) if name in ENDPOINTS else len(ENDPOINTS), name)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value / 1000:,.2f} s" if value >= 1000 else f"{value:,.0f} ms"
