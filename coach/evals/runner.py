"""The eval runner: every suite, every system (Flipside, the naive baseline), one results dict.

Generators are injected: the real run passes ``services.generation`` (and ``NaiveRag``), tests
pass small fakes. Nothing here starts a model or builds services.
"""

from __future__ import annotations

import inspect
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from coach.domain.agenda import Agenda
from coach.domain.generator import ArtifactGenerator
from coach.domain.pair_profile import PairProfile
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary
from coach.evals import agenda_metrics, starter_metrics, summary_metrics
from coach.evals.baseline_parse import empty_agenda
from coach.evals.cost import cost, summarize_cost
from coach.evals.datasets import (
    SUITES,
    ReflectionCase,
    load_pairs,
    load_reflections,
    missing_parts,
)
from coach.evals.stats import aggregate
from coach.evals.support import SupportScorer
from coach.generation.pair_text import pair_block

SCHEMA = 1
Tick = Callable[[], None]
ProgressFactory = Callable[[str, int], Tick]
RetrievalRun = Callable[[Path, list[Path]], dict[str, Any]]


@dataclass
class EvalOptions:
    """What to run, on which dataset."""

    dataset: Path
    suites: list[str] = field(default_factory=lambda: list(SUITES))
    limit: int | None = None
    docs: list[Path] = field(default_factory=lambda: [Path("knowledge")])


def given_text(instructions: str, profile: PairProfile) -> str:
    """What an artifact must not parrot: the instructions and the pair's details, except the goal
    and open-item lines (an agenda item may rightly be titled by its goal)."""
    lines = [ln for ln in pair_block(profile).splitlines() if not ln.startswith("- ")]
    return "\n".join([instructions, *lines])


def _no_progress(description: str, total: int) -> Tick:
    return lambda: None


def _case(
    case_id: str, metrics: dict, problems: list[str], error: str | None, artifact: Any = None
) -> dict:
    """One case's row; the artifact is kept (without its provenance) so a reader can judge it."""
    row = {"id": case_id, "metrics": metrics, "problems": problems}
    if error:
        row["error"] = error
    elif isinstance(artifact, BaseModel):
        row["output"] = artifact.model_dump(mode="json", exclude={"meta"})
    return row


def _attempt(make: Callable[[], Any], empty: Callable[[], Any]) -> tuple[Any, str | None]:
    """The artifact, or an empty one (which scores as invalid) and the error in words."""
    try:
        return make(), None
    except Exception as error:  # an eval must finish; the failure is reported per case
        last = traceback.format_exception_only(error)[-1].strip()
        return empty(), last


def _summarize(system: ArtifactGenerator, profile: PairProfile, case: ReflectionCase) -> Any:
    """Pass the reflection's author when the system takes one."""
    params = inspect.signature(system.summarize).parameters
    if "author" in params:
        return system.summarize(profile, case.reflection, author=case.author)
    return system.summarize(profile, case.reflection)


def _system_result(rows: list[dict], costs: list[dict], seconds: float) -> dict[str, Any]:
    metrics = aggregate([r["metrics"] for r in rows])
    metrics.update(summarize_cost(costs))
    metrics["error_rate"] = round(sum("error" in r for r in rows) / len(rows), 4) if rows else None
    return {"metrics": metrics, "cases": rows, "wall_seconds": round(seconds, 2)}


class Runner:
    """Runs the suites for each named system and returns the results dict."""

    def __init__(
        self,
        systems: dict[str, ArtifactGenerator],
        scorer: SupportScorer | None = None,
        retrieval: RetrievalRun | None = None,
        progress: ProgressFactory | None = None,
        instructions: dict[str, str] | None = None,
    ) -> None:
        self.systems = systems
        self.instructions = instructions or {}
        self.scorer = scorer or SupportScorer()
        self.retrieval = retrieval
        self.progress = progress or _no_progress

    def run(self, options: EvalOptions) -> dict[str, Any]:
        results: dict[str, Any] = {
            "schema": SCHEMA,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "dataset": str(options.dataset),
            "limit": options.limit,
            "systems": list(self.systems),
            "suites": {},
            "skipped": {},
        }
        for suite in options.suites:
            reason = missing_parts(options.dataset, suite)
            if reason is None and suite == "retrieval" and self.retrieval is None:
                reason = "no retrieval runner was given"
            if reason is None and suite != "retrieval" and not self.systems:
                reason = "no system to generate with"
            if reason:
                results["skipped"][suite] = reason
                continue
            results["suites"][suite] = getattr(self, f"_{suite}")(options)
        return results

    def _limited(self, items: list, options: EvalOptions) -> list:
        return items[: options.limit] if options.limit else items

    def _retrieval(self, options: EvalOptions) -> dict[str, Any]:
        assert self.retrieval is not None
        tick = self.progress("retrieval", 1)
        raw = self.retrieval(options.dataset / "retrieval.jsonl", options.docs)
        tick()
        systems = {mode: {"metrics": scores} for mode, scores in raw["modes"].items()}
        extra = {k: v for k, v in raw.items() if k != "modes"}
        return {"cases": raw.get("questions", 0), **extra, "systems": systems}

    def _pair_suite(
        self,
        suite: str,
        options: EvalOptions,
        make: Callable[[ArtifactGenerator, PairProfile], Any],
        empty: Callable[[PairProfile], Any],
        score: Callable[[Any, PairProfile], tuple[dict, list[str]]],
    ) -> dict[str, Any]:
        pairs = self._limited(load_pairs(options.dataset / "pairs"), options)
        systems = {}
        for name, system in self.systems.items():
            tick = self.progress(f"{suite} · {name}", len(pairs))
            rows, costs, began = [], [], time.monotonic()
            for profile in pairs:
                artifact, error = _attempt(
                    lambda s=system, p=profile: make(s, p), lambda p=profile: empty(p)
                )
                metrics, problems = score(artifact, profile)
                rows.append(_case(profile.id, metrics, problems, error, artifact))
                costs.append(cost(artifact.meta))
                tick()
            systems[name] = _system_result(rows, costs, time.monotonic() - began)
        return {"cases": len(pairs), "systems": systems}

    def _agenda(self, options: EvalOptions) -> dict[str, Any]:
        def score(agenda: Agenda, profile: PairProfile) -> tuple[dict, list[str]]:
            given = given_text(self.instructions.get("agenda", ""), profile)
            return (
                agenda_metrics.score_agenda(agenda, profile, given),
                agenda_metrics.agenda_problems(agenda, profile),
            )

        return self._pair_suite("agenda", options, lambda s, p: s.agenda(p), empty_agenda, score)

    def _starters(self, options: EvalOptions) -> dict[str, Any]:
        def score(starters: StarterSet, profile: PairProfile) -> tuple[dict, list[str]]:
            given = given_text(self.instructions.get("starters", ""), profile)
            return (
                starter_metrics.score_starters(starters, profile, given),
                starter_metrics.starter_problems(starters),
            )

        return self._pair_suite(
            "starters",
            options,
            lambda s, p: s.starters(p),
            lambda p: StarterSet(starters=[]),
            score,
        )

    def _summary(self, options: EvalOptions) -> dict[str, Any]:
        pairs = {p.id: p for p in load_pairs(options.dataset / "pairs")}
        cases = load_reflections(options.dataset / "reflections.jsonl")
        usable = self._limited([c for c in cases if c.pair_id in pairs], options)
        orphans = sorted({c.pair_id for c in cases if c.pair_id not in pairs})
        systems = {}
        for name, system in self.systems.items():
            tick = self.progress(f"summary · {name}", len(usable))
            rows, costs, began = [], [], time.monotonic()
            for case in usable:
                profile = pairs[case.pair_id]
                summary, error = _attempt(
                    lambda s=system, p=profile, c=case: _summarize(s, p, c), ReflectionSummary
                )
                goal_ids = profile.goal_ids
                metrics = summary_metrics.score_summary(summary, case, goal_ids, self.scorer)
                problems = summary_metrics.summary_problems(summary, case, goal_ids, self.scorer)
                rows.append(_case(case.id, metrics, problems, error, summary))
                costs.append(cost(summary.meta))
                tick()
            systems[name] = _system_result(rows, costs, time.monotonic() - began)
        out: dict[str, Any] = {"cases": len(usable), "systems": systems}
        if orphans:
            out["skipped_cases"] = f"no pair file for {', '.join(orphans)}"
        return out


def summary_view(results: dict[str, Any]) -> dict[str, Any]:
    """The results without per-case detail: what ``--json`` prints."""
    suites = {
        name: {
            **{k: v for k, v in suite.items() if k != "systems"},
            "systems": {s: {"metrics": r["metrics"]} for s, r in suite["systems"].items()},
        }
        for name, suite in results["suites"].items()
    }
    return {**{k: v for k, v in results.items() if k != "suites"}, "suites": suites}
