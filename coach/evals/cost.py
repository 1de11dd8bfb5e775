"""Cost metrics from an artifact's provenance: latency, tokens, attempts, fallbacks."""

from __future__ import annotations

from collections.abc import Sequence

from coach.domain.provenance import Provenance
from coach.evals.stats import mean, percentile

COST_PREFIXES = (
    "seconds",
    "first_token",
    "prompt_tokens",
    "completion_tokens",
    "total_tokens",
    "attempts",
    "fallback",
)
LOWER_SCORES = (
    "trap_rate",
    "false_flags",
    "error_rate",
    "copied_fields",
    "copied",
    "verbatim_takeaways",
    "copied_takeaways",
    "benefit_invented",
)
FIELDS = (
    "seconds",
    "first_token_seconds",
    "prompt_tokens",
    "completion_tokens",
    "attempts",
    "fallback",
)


def cost(meta: Provenance | None) -> dict[str, float | bool | None]:
    """The cost of one artifact; all None when it carries no provenance."""
    if meta is None:
        return dict.fromkeys(FIELDS)
    return {
        "seconds": meta.seconds,
        "first_token_seconds": meta.first_token_seconds,
        "prompt_tokens": float(meta.prompt_tokens),
        "completion_tokens": float(meta.completion_tokens),
        "attempts": float(meta.attempts),
        "fallback": meta.fallback,
    }


def summarize_cost(rows: Sequence[dict[str, float | bool | None]]) -> dict[str, float | None]:
    """Latency percentiles, mean tokens and the fallback rate over many artifacts."""
    seconds = [float(r["seconds"]) for r in rows if r.get("seconds") is not None]
    first = [float(r["first_token_seconds"]) for r in rows if r.get("first_token_seconds")]
    prompt = [r.get("prompt_tokens") for r in rows]
    completion = [r.get("completion_tokens") for r in rows]
    total = [
        float(p) + float(c)
        for p, c in zip(prompt, completion, strict=True)
        if p is not None and c is not None
    ]
    return {
        "seconds_mean": mean(seconds),
        "seconds_p50": percentile(seconds, 50),
        "seconds_p95": percentile(seconds, 95),
        "first_token_p50": percentile(first, 50),
        "prompt_tokens_mean": mean(prompt),
        "completion_tokens_mean": mean(completion),
        "total_tokens": float(sum(total)) if total else None,
        "attempts_mean": mean(r.get("attempts") for r in rows),
        "fallback_rate": mean(r.get("fallback") for r in rows),
    }


def is_cost(metric: str) -> bool:
    """Latency, token, attempt and fallback metrics."""
    return metric.startswith(COST_PREFIXES)


def lower_is_better(metric: str) -> bool:
    """Cost metrics, the trap rate, false flags and the error rate improve as they fall."""
    return is_cost(metric) or metric in LOWER_SCORES
