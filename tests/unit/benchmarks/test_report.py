"""The flat report: every key always present, medians and ratios, and the readable table."""

from __future__ import annotations

import io

from rich.console import Console

from coach.benchmarks.artifacts import KINDS, Timing
from coach.benchmarks.report import artifact_keys, build_report, ratio, render

MACHINE = {"cpu": "Test CPU", "cores": 2, "python": "3.11.7", "load_1m": 0.5}
INGEST = {"chunks": 151, "seconds": 2.8, "chunks_per_s": 53.9}
RETRIEVAL = {
    10000: {"chunks": 10000, "build_s": 4.0, "hybrid": {"p50_ms": 11.0, "p95_ms": 14.4},
            "dense_only": {"p50_ms": 10.0, "p95_ms": 14.0}, "hybrid_over_dense_p95": 1.03},
}  # fmt: skip


def rows() -> dict[str, dict[str, list[Timing]]]:
    def t(seconds: float, fallback: bool = False) -> Timing:
        return Timing(seconds=seconds, model_seconds=seconds - 1, first_token_seconds=2.0,
                      prompt_tokens=500, completion_tokens=120, fallback=fallback)  # fmt: skip

    return {
        kind: {"flipside": [t(20.0), t(30.0, True), t(26.0)],
               "naive": [t(40.0), t(44.0), t(42.0)], "raw_model": [t(16.0), t(18.0)]}
        for kind in KINDS
    }  # fmt: skip


def report(skip: bool = False) -> dict:
    config = {"model": "m", "sizes": [10000], "skip_model": skip, "pairs": 3}
    memory = {"model_server_peak_rss_mb": 1500.0, "process_peak_rss_mb": 600.0,
              "process_peak_rss_mb_final": 900.0}  # fmt: skip
    artifacts = None if skip else rows()
    return build_report(machine=MACHINE, config=config, ingest=INGEST, retrieval=RETRIEVAL,
                        artifacts=artifacts, memory=memory, notes=["a note"])  # fmt: skip


def test_medians_ratios_and_fallbacks_per_artifact():
    keys = artifact_keys(rows())
    assert keys["agenda_seconds"] == 26.0 and keys["agenda_naive_seconds"] == 42.0
    assert keys["agenda_raw_model_seconds"] == 17.0
    assert keys["agenda_overhead_ratio"] == round(26.0 / 17.0, 3)
    assert keys["agenda_vs_naive_ratio"] == round(26.0 / 42.0, 3)
    assert keys["agenda_model_seconds"] == 25.0 and keys["agenda_fallbacks"] == 1
    assert keys["agenda_tokens_per_s"] == round(120 / (25.0 - 2.0), 2)
    assert keys["starters_n"] == 3 and keys["starters_raw_model_n"] == 2


def test_the_required_keys_are_flat_and_the_machine_is_an_object():
    out = report()
    assert out["retrieval_p95_ms_10k"] == 14.4 and out["retrieval_dense_p95_ms_10k"] == 14.0
    assert out["ingest_chunks_per_s"] == 53.9
    assert out["machine"]["cpu"] == "Test CPU" and out["notes"] == ["a note"]
    assert out["summary_raw_model_seconds"] == 17.0 and out["model_server_peak_rss_mb"] == 1500.0


def test_a_skipped_model_keeps_every_key_with_no_value():
    full, skipped = report(), report(skip=True)
    assert set(full) == set(skipped)
    for kind in KINDS:
        assert skipped[f"{kind}_seconds"] is None and skipped[f"{kind}_overhead_ratio"] is None


def test_a_missing_or_zero_denominator_gives_no_ratio():
    assert ratio(3.0, None) is None and ratio(None, 2.0) is None and ratio(3.0, 0.0) is None
    assert ratio(3.0, 2.0) == 1.5


def test_the_table_shows_figures_and_ratios():
    buffer = io.StringIO()
    render(report(), Console(file=buffer, width=220))
    text = buffer.getvalue()
    assert "53.9 chunks/s" in text and "14.4 ms" in text and "1.03x" in text
    assert "Flipside / raw" in text and f"{26.0 / 17.0:.2f}x" in text and "10,000" in text
    assert "Test CPU" in text and "a note" in text
    buffer = io.StringIO()
    render(report(skip=True), Console(file=buffer, width=220))
    assert "skipped (--skip-model)" in buffer.getvalue()
