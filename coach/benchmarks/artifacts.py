"""Agenda, starters and summary timings: Flipside, its one-shot recipes, the naive RAG baseline
and the raw model.

For every artifact Flipside writes, the same pair goes to the naive LangChain baseline, and the
bare model server is sent a prompt of the same token length (a unique prefix defeats its cache)
and asked for the same number of completion tokens with ``ignore_eos``: no retrieval, packing,
validation or repair around it (``raw_model.RawModel``). Flipside / raw model is the
pipeline's overhead.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from coach.domain.artifact_spec import ArtifactRequest
from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side
from coach.domain.provenance import Provenance
from coach.domain.registry import SPECS, spec_for
from coach.evals.datasets import DatasetError, ReflectionCase
from coach.evals.systems import supports, write

KINDS = tuple(spec.kind.value for spec in SPECS)
SYSTEMS = ("flipside", "oneshot", "naive", "raw_model")
Step = Callable[[str], None]


@dataclass(frozen=True)
class Timing:
    """One artifact or raw request: wall-clock seconds and what the model server reported."""

    seconds: float
    model_seconds: float | None = None
    first_token_seconds: float | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    fallback: bool = False
    first_item_seconds: float | None = None

    @property
    def tokens_per_s(self) -> float | None:
        """Completion tokens per second of model time after the first token."""
        busy = self.model_seconds if self.model_seconds is not None else self.seconds
        busy -= self.first_token_seconds or 0.0
        if not self.completion_tokens or busy <= 0:
            return None
        return round(self.completion_tokens / busy, 2)


def timing_of(meta: Provenance | None, seconds: float) -> Timing:
    """The figures an artifact's ``meta`` carries, with the end-to-end time measured around it."""
    if meta is None:
        return Timing(seconds=seconds)
    return Timing(
        seconds=seconds,
        model_seconds=meta.seconds,
        first_token_seconds=meta.first_token_seconds,
        prompt_tokens=meta.prompt_tokens,
        completion_tokens=meta.completion_tokens,
        fallback=meta.fallback,
        first_item_seconds=meta.first_item_seconds,
    )


RawCall = Callable[[int, int], Timing]


@dataclass(frozen=True)
class Case:
    """One artifact to write: its kind, the pair, and for a summary the reflection."""

    kind: str
    profile: PairProfile
    reflection: ReflectionCase | None = None


def cases_for(
    pairs: list[PairProfile], reflections: list[ReflectionCase], all_pairs: list[PairProfile]
) -> list[Case]:
    """Each kind written from a pair, per pair; each kind written from a reflection, per
    reflection (with its own pair)."""
    by_id = {p.id: p for p in all_pairs}
    from_text = [s.kind.value for s in SPECS if s.text_input and s.text_input.required]
    from_pair = [s.kind.value for s in SPECS if s.kind.value not in from_text]
    out = [Case(kind, p) for p in pairs for kind in from_pair]
    for case in reflections:
        if case.pair_id not in by_id:
            raise DatasetError(f"reflection {case.id}: no pair file for {case.pair_id}")
        out += [Case(kind, by_id[case.pair_id], case) for kind in from_text]
    return out


def request_of(case: Case) -> ArtifactRequest:
    """The request a case stands for."""
    if case.reflection is None:
        return ArtifactRequest(case.profile)
    return ArtifactRequest(case.profile, Side(case.reflection.author), case.reflection.reflection)


def generate(system: Any, case: Case) -> tuple[Any, float]:
    """The artifact and the wall-clock seconds it took."""
    began = time.perf_counter()
    artifact = write(system, spec_for(case.kind).kind, request_of(case))
    return artifact, time.perf_counter() - began


def measure_artifacts(
    flipside: Any,
    cases: list[Case],
    naive: Any | None = None,
    raw: RawCall | None = None,
    step: Step | None = None,
    notes: list[str] | None = None,
    oneshot: tuple[Any, set[str]] | None = None,
) -> dict[str, dict[str, list[Timing]]]:
    """Per kind and system, one ``Timing`` per case; the raw model matches Flipside's tokens.

    ``oneshot`` is the one-shot generation service and the kinds whose recipe it replaces: the
    same case is written by it right after Flipside.

    A failed raw request is left out and described in ``notes`` rather than ending the run; an
    artifact written without the model (library starters) has no raw counterpart.
    """
    rows: dict[str, dict[str, list[Timing]]] = {k: {s: [] for s in SYSTEMS} for k in KINDS}
    for number, case in enumerate(cases, start=1):
        where = f"{case.kind} {number}/{len(cases)} ({case.profile.id})"
        if step:
            step(f"{where}: Flipside")
        artifact, seconds = generate(flipside, case)
        mine = timing_of(artifact.meta, seconds)
        rows[case.kind]["flipside"].append(mine)
        if oneshot is not None and case.kind in oneshot[1]:
            if step:
                step(f"{where}: one-shot recipe")
            artifact, seconds = generate(oneshot[0], case)
            rows[case.kind]["oneshot"].append(timing_of(artifact.meta, seconds))
        if naive is not None and supports(naive, spec_for(case.kind).kind):
            if step:
                step(f"{where}: naive baseline")
            artifact, seconds = generate(naive, case)
            rows[case.kind]["naive"].append(timing_of(artifact.meta, seconds))
        if raw is not None and (mine.prompt_tokens or mine.completion_tokens):
            if step:
                step(f"{where}: raw model")
            try:
                rows[case.kind]["raw_model"].append(raw(mine.prompt_tokens, mine.completion_tokens))
            except httpx.HTTPError as error:
                if notes is not None:
                    notes.append(f"{where}: the raw-model request failed ({error})")
    return rows
