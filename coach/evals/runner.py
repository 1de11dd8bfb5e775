"""The eval runner: every suite, every system (Flipside, the naive baseline), one results dict.

Generators are injected: the real run passes ``services.generation`` (and ``NaiveRag``), tests
pass small fakes. Nothing here starts a model or builds services.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRequest, ArtifactSpec
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side
from coach.domain.registry import spec_for
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary
from coach.evals import agenda_metrics, starter_metrics, summary_metrics
from coach.evals.baseline_parse import empty_agenda
from coach.evals.cost import cost, summarize_cost
from coach.evals.datasets import (
    SUITES,
    ReflectionCase,
    load_pairs,
    load_reflection_set,
    missing_parts,
)
from coach.evals.stats import aggregate
from coach.evals.support import SupportScorer
from coach.evals.systems import supports, write
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
    """One case's row; the artifact is kept (without its provenance) so a reader can judge it,
    with what code mended or refused in it (``meta.fixes``) to read why."""
    row = {"id": case_id, "metrics": metrics, "problems": problems}
    if error:
        row["error"] = error
    elif isinstance(artifact, BaseModel):
        row["output"] = artifact.model_dump(mode="json", exclude={"meta"})
        meta = getattr(artifact, "meta", None)
        if meta is not None and getattr(meta, "fixes", None):
            row["fixes"] = list(meta.fixes)
    return row


def _attempt(make: Callable[[], Any], empty: Callable[[], Any]) -> tuple[Any, str | None]:
    """The artifact, or an empty one (which scores as invalid) and the error in words."""
    try:
        return make(), None
    except Exception as error:  # an eval must finish; the failure is reported per case
        last = traceback.format_exception_only(error)[-1].strip()
        return empty(), last


def _system_result(rows: list[dict], costs: list[dict], seconds: float) -> dict[str, Any]:
    metrics = aggregate([r["metrics"] for r in rows])
    metrics.update(summarize_cost(costs))
    metrics["error_rate"] = round(sum("error" in r for r in rows) / len(rows), 4) if rows else None
    return {"metrics": metrics, "cases": rows, "wall_seconds": round(seconds, 2)}


@dataclass(frozen=True)
class EvalCase:
    """One artifact to write and score: its request, and the labelled reflection if any."""

    id: str
    request: ArtifactRequest
    reflection: ReflectionCase | None = None


EMPTY: dict[ArtifactKind, Callable[[PairProfile], Any]] = {
    ArtifactKind.AGENDA: empty_agenda,
    ArtifactKind.STARTERS: lambda _: StarterSet(starters=[]),
    ArtifactKind.SUMMARY: lambda _: ReflectionSummary(),
}


class Runner:
    """Runs the suites for each named system and returns the results dict."""

    def __init__(
        self,
        systems: dict[str, Any],
        scorer: SupportScorer | None = None,
        retrieval: RetrievalRun | None = None,
        progress: ProgressFactory | None = None,
        instructions: dict[str, str] | None = None,  # by kind, or "system:kind" for one system
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
            if suite == "retrieval":
                results["suites"][suite] = self._retrieval(options)
            else:
                results["suites"][suite] = self._artifact_suite(spec_for(suite), options)
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

    def _cases(self, spec: ArtifactSpec, options: EvalOptions) -> tuple[list[EvalCase], str]:
        """A case per pair, or per reflection for a kind written from one; and what was skipped."""
        pairs = load_pairs(options.dataset / "pairs")
        if not (spec.text_input and spec.text_input.required):
            return [EvalCase(p.id, ArtifactRequest(p)) for p in self._limited(pairs, options)], ""
        by_id = {p.id: p for p in pairs}
        found = load_reflection_set(options.dataset)
        usable = self._limited([c for c in found if c.pair_id in by_id], options)
        orphans = sorted({c.pair_id for c in found if c.pair_id not in by_id})
        cases = [
            EvalCase(c.id, ArtifactRequest(by_id[c.pair_id], Side(c.author), c.reflection), c)
            for c in usable
        ]
        return cases, f"no pair file for {', '.join(orphans)}" if orphans else ""

    def _artifact_suite(self, spec: ArtifactSpec, options: EvalOptions) -> dict[str, Any]:
        """Every system that writes this kind, on every case, scored the same way."""
        cases, skipped = self._cases(spec, options)
        systems = {}
        for name, system in self.systems.items():
            if not supports(system, spec.kind):
                continue
            tick = self.progress(f"{spec.kind.value} · {name}", len(cases))
            rows, costs, began = [], [], time.monotonic()
            for case in cases:
                artifact, error = _attempt(
                    lambda s=system, c=case: write(s, spec.kind, c.request),
                    lambda c=case: EMPTY.get(spec.kind, lambda _: None)(c.request.profile),
                )
                metrics, problems = self._score(spec, artifact, case, error, name)
                rows.append(_case(case.id, metrics, problems, error, artifact))
                costs.append(cost(getattr(artifact, "meta", None)))
                tick()
            systems[name] = _system_result(rows, costs, time.monotonic() - began)
        out: dict[str, Any] = {"cases": len(cases), "systems": systems}
        if skipped:
            out["skipped_cases"] = skipped
        return out

    def _score(
        self, spec: ArtifactSpec, artifact: Any, case: EvalCase, error: str | None,
        system: str = "",
    ) -> tuple[dict, list[str]]:  # fmt: skip
        """The kind's own metrics when it has them; else whether its rules hold."""
        profile = case.request.profile
        kind = spec.kind.value  # a system's own prompt ("oneshot:starters") before the kind's
        given = given_text(self.instructions.get(f"{system}:{kind}", "")
                           or self.instructions.get(kind, ""), profile)  # fmt: skip
        if spec.kind == ArtifactKind.AGENDA:
            return (
                agenda_metrics.score_agenda(artifact, profile, given),
                agenda_metrics.agenda_problems(artifact, profile),
            )
        if spec.kind == ArtifactKind.STARTERS:
            return (
                starter_metrics.score_starters(artifact, profile, given),
                starter_metrics.starter_problems(artifact),
            )
        if spec.kind == ArtifactKind.SUMMARY:
            assert case.reflection is not None
            ids = profile.goal_ids
            return (
                summary_metrics.score_summary(artifact, case.reflection, ids, self.scorer),
                summary_metrics.summary_problems(artifact, case.reflection, ids, self.scorer),
            )
        if artifact is None:
            return {"valid": 0.0}, [error or "no output"]
        problems = spec.rules(artifact, case.request)
        meta = getattr(artifact, "meta", None)
        fallback = float(bool(meta and meta.fallback))
        return {"valid": float(not problems), "fallback": fallback}, problems


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
