"""The keys of what a person waits for: a warm prepared pair, and the chat beside the raw model."""

from __future__ import annotations

import io

from rich.console import Console

from coach.benchmarks.artifacts import Timing
from coach.benchmarks.report import interactive_keys, render
from tests.unit.benchmarks.test_report import report

KEYS = ("prepare_warm_seconds", "chat_first_token_seconds", "chat_raw_prompt_seconds",
        "chat_first_token_vs_raw_ratio")  # fmt: skip


def chat() -> dict[str, list[Timing]]:
    def answer(first: float, prompt: int) -> Timing:
        return Timing(seconds=first + 6, first_token_seconds=first, prompt_tokens=prompt,
                      completion_tokens=90)  # fmt: skip

    def raw(seconds: float, prompt: int) -> Timing:
        return Timing(seconds=seconds, first_token_seconds=seconds - 0.1, prompt_tokens=prompt,
                      completion_tokens=1)  # fmt: skip

    return {"flipside": [answer(2.4, 400), answer(3.0, 420), answer(2.6, 410)],
            "raw_model": [raw(2.0, 402), raw(1.6, 418), raw(2.2, 409)]}  # fmt: skip


def test_medians_of_the_same_run_and_the_ratio_of_those_medians():
    keys = interactive_keys([0.020, 0.012, 0.015, 0.011, 0.013], chat())
    assert keys["prepare_warm_seconds"] == 0.013 and keys["prepare_warm_reads"] == 5
    assert keys["chat_first_token_seconds"] == 2.6 and keys["chat_n"] == 3
    assert keys["chat_seconds"] == 8.6 and keys["chat_prompt_tokens"] == 410
    assert keys["chat_raw_prompt_seconds"] == 2.0 and keys["chat_raw_prompt_tokens"] == 409
    assert keys["chat_first_token_vs_raw_ratio"] == round(2.6 / 2.0, 3)


def test_a_missing_side_leaves_its_keys_and_the_ratio_none():
    nothing = interactive_keys(None, None)
    assert set(nothing) == set(interactive_keys([0.1], chat()))
    assert all(nothing[k] is None for k in nothing)
    no_raw = interactive_keys([], {"flipside": chat()["flipside"], "raw_model": []})
    assert no_raw["prepare_warm_seconds"] is None and no_raw["chat_first_token_seconds"] == 2.6
    assert no_raw["chat_raw_prompt_seconds"] is None
    assert no_raw["chat_first_token_vs_raw_ratio"] is None


def test_every_report_has_the_keys_and_the_table_shows_them():
    assert all(key in report() and report()[key] is None for key in KEYS)
    assert set(report()) == set(report(skip=True))
    buffer = io.StringIO()
    full = {**report(), **interactive_keys([0.013], chat())}
    render(full, Console(file=buffer, width=220))
    text = " ".join(buffer.getvalue().split())
    assert "open a prepared pair: 0.013 s (median of 1 reads)" in text
    assert "chat first token 2.60 s" in text and "2.00 s" in text and "1.30x" in text
