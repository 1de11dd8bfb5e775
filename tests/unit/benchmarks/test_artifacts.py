"""Artifacts beside the naive baseline and a fake raw model, with the queue-fed fake model."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk

from coach.benchmarks.artifacts import Timing, measure_artifacts
from coach.benchmarks.runner import BenchOptions, load_cases, run_benchmark
from coach.evals.baseline import NaiveRag
from coach.knowledge.embedder import FlipsideEmbeddingFunction
from coach.llm.fake import FakeChatModel
from coach.services.container import Services

REQUIRED = [
    "agenda_seconds", "agenda_naive_seconds", "agenda_raw_model_seconds",
    "retrieval_p95_ms_30", "ingest_chunks_per_s", "starters_seconds", "starters_naive_seconds",
    "starters_raw_model_seconds", "summary_seconds", "summary_naive_seconds",
    "summary_raw_model_seconds", "agenda_first_token_seconds", "agenda_tokens_per_s",
    "agenda_prompt_tokens", "agenda_overhead_ratio", "model_server_peak_rss_mb",
    "process_peak_rss_mb", "machine", "prepare_warm_seconds", "chat_first_token_seconds",
    "chat_raw_prompt_seconds", "chat_first_token_vs_raw_ratio",
]  # fmt: skip


class UsageFakeModel(FakeChatModel):
    """The fake model, reporting token usage the way an OpenAI-compatible server does."""

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any
                ) -> Iterator[ChatGenerationChunk]:  # fmt: skip
        prompt = sum(len(str(m.content).split()) for m in messages)
        pieces = list(super()._stream(messages, *args, **kwargs))
        yield from pieces
        usage = {"input_tokens": prompt, "output_tokens": len(pieces),
                 "total_tokens": prompt + len(pieces)}  # fmt: skip
        yield ChatGenerationChunk(message=AIMessageChunk(content="", usage_metadata=usage))


class FakeRaw:
    """The raw model: call n takes n seconds; every call is recorded."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def __call__(self, prompt_tokens: int, completion_tokens: int) -> Timing:
        self.calls.append((prompt_tokens, completion_tokens))
        n = len(self.calls)
        return Timing(seconds=float(n), model_seconds=float(n), first_token_seconds=n / 4,
                      prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)  # fmt: skip


def model() -> UsageFakeModel:
    return UsageFakeModel.of(["this is not json at all"] * 200)


def test_the_raw_model_is_asked_for_flipsides_own_token_counts(
    fake_embedder, bench_settings, dataset, guides
):
    fake = model()
    services = Services(bench_settings, chat_model=lambda: fake, embedder=fake_embedder)
    services.ensure_guides()
    naive = NaiveRag(
        fake, [guides], bench_settings.prompts_dir,
        embedding_function=FlipsideEmbeddingFunction(fake_embedder),
    )  # fmt: skip
    raw = FakeRaw()
    cases = load_cases(dataset, 2)
    assert [c.kind for c in cases] == ["agenda", "starters", "followup"] * 2 + ["summary"] * 2
    rows = measure_artifacts(services.generation, cases, naive, raw)
    naive.close()
    services.close()
    in_order = {kind: iter(by_system["flipside"]) for kind, by_system in rows.items()}
    flipside = [next(in_order[c.kind]) for c in cases]
    # A first session with no focus is its phase script: no model call, no raw counterpart.
    modelled = [t for t in flipside if t.prompt_tokens or t.completion_tokens]
    assert {c.kind for t, c in zip(flipside, cases, strict=True) if t in modelled} == {
        "agenda", "followup", "summary"}  # fmt: skip
    assert raw.calls == [(t.prompt_tokens, t.completion_tokens) for t in modelled]
    assert all(t.prompt_tokens > 50 and t.completion_tokens > 0 for t in modelled)
    # The starters are library templates filled in code: no model call, no raw counterpart.
    assert all(t.prompt_tokens == t.completion_tokens == 0 for t in rows["starters"]["flipside"])
    # The fake's replies are not JSON: rules step in (the starters ask no model at all). The
    # agenda's one call is its check-in (its blocks are ours, COACH_AGENDA_ADAPT): a refused
    # check-in keeps our question, which is no fallback of the agenda.
    kinds = [c.kind for t, c in zip(flipside, cases, strict=True) if t in modelled]
    assert all(t.fallback == (kind != "agenda") for t, kind in zip(modelled, kinds, strict=True))
    assert all(len(rows[k]["naive"]) == 2 for k in ("agenda", "starters", "summary"))
    assert rows["followup"]["naive"] == []  # the naive baseline writes no follow-up notes
    # The narrow summary asks for its takeaways together, each again alone to be shortened, and
    # the benefit, each call with one repair; with no usable reply each of its two cases falls
    # back.
    narrow = [c for c in fake.calls if "read back their own private notes" in c[0].content
              or "You shorten one sentence" in c[0].content
              or "what the mentor gained and what the mentee gained" in c[0].content]  # fmt: skip
    assert narrow and len(narrow) % 2 == 0
    # One call and one repair per follow-up, and the naive baseline asks once; the starters
    # are library templates filled in code (COACH_STARTER_ADAPT is off), and so are the agenda's
    # blocks (COACH_AGENDA_ADAPT is off); the one agenda picking up a summarised session asks
    # its check-in question (a call and a repair).
    assert len(fake.calls) - len(narrow) == 2 * 2 + 6 + 2


def test_a_failed_raw_request_becomes_a_note(fake_embedder, bench_settings, dataset):
    services = Services(bench_settings, chat_model=lambda: model(), embedder=fake_embedder)
    services.ensure_guides()

    def broken(prompt_tokens: int, completion_tokens: int) -> Timing:
        raise httpx.ConnectError("refused")

    notes: list[str] = []
    cases = [c for c in load_cases(dataset, 1) if c.kind == "followup"]
    rows = measure_artifacts(services.generation, cases, None, broken, notes=notes)
    services.close()
    assert rows["followup"]["raw_model"] == [] and len(rows["followup"]["flipside"]) == 1
    assert len(notes) == 1 and "raw-model request failed" in notes[0]


def test_one_run_reports_every_key_and_ratios_from_measured_values(
    fake_embedder, bench_settings, dataset
):
    steps: list[str] = []
    raw = FakeRaw()
    options = BenchOptions(sizes=[30], pairs=2, dataset=dataset)
    report = run_benchmark(
        bench_settings, options, chat_model=model, raw=raw, step=steps.append,
        embedder=fake_embedder,
    )  # fmt: skip
    assert set(REQUIRED) <= set(report)
    # Raw calls go follow-up, agenda, follow-up, then summary twice (call n took n s): the
    # starters and the first pair's agenda (a first session without a focus: its phase script)
    # ask no model, so they have no raw counterpart.
    assert report["agenda_raw_model_seconds"] == 2.0
    assert report["starters_raw_model_seconds"] is None
    assert report["followup_raw_model_seconds"] == 2.0  # median of calls 1 and 3
    assert report["summary_raw_model_seconds"] == 4.5
    assert report["agenda_raw_model_first_token_seconds"] == 0.5
    for kind in ("agenda", "summary"):
        mine, raw_s, naive_s = (report[f"{kind}{s}_seconds"] for s in ("", "_raw_model", "_naive"))
        assert mine > 0 and naive_s > 0
        assert report[f"{kind}_overhead_ratio"] == round(mine / raw_s, 3)
        assert report[f"{kind}_vs_naive_ratio"] == round(mine / naive_s, 3)
        assert report[f"{kind}_n"] == report[f"{kind}_naive_n"] == 2
        # the agenda's blocks are ours by default (COACH_AGENDA_ADAPT): its one model call, the
        # check-in, keeps our question when it fails, which is no fallback of the agenda
        assert report[f"{kind}_fallbacks"] == (0 if kind == "agenda" else 2)
        assert report[f"{kind}_prompt_tokens"] > 50
        if kind == "summary":  # the agenda's median also counts the script without a call
            assert report[f"{kind}_raw_model_prompt_tokens"] == report[f"{kind}_prompt_tokens"]
    assert report["agenda_raw_model_prompt_tokens"] == 2 * report["agenda_prompt_tokens"]
    assert report["followup_naive_n"] == 0 and report["followup_vs_naive_ratio"] is None
    assert report["starters_n"] == report["starters_naive_n"] == 2
    assert report["starters_fallbacks"] == 0 and report["starters_seconds"] > 0
    # The one-shot recipes write the same pairs and reflections in the same run.
    for kind in ("agenda", "starters", "summary"):
        assert report[f"{kind}_oneshot_n"] == 2 and report[f"{kind}_oneshot_seconds"] > 0
        assert report[f"{kind}_vs_oneshot_ratio"] == round(
            report[f"{kind}_seconds"] / report[f"{kind}_oneshot_seconds"], 3
        )
    # Agenda plus starters per pair, per system, and the ratios beside them.
    for name in ("on_demand", "oneshot", "naive"):
        assert report[f"prepare_{name}_seconds"] > 0
    assert report["prepare_naive_vs_on_demand_ratio"] == round(
        report["prepare_naive_seconds"] / report["prepare_on_demand_seconds"], 3)  # fmt: skip
    # The fake writes no JSON, so no agenda item holds the model's words: no first item.
    assert report["agenda_first_item_seconds"] is None and report["agenda_first_item_ratio"] is None
    # Opening the pair that background preparation prepared, in the same run.
    assert report["prepare_warm_seconds"] > 0 and report["prepare_warm_reads"] == 5
    # Then the chat's three fixed questions, each with a raw request of its prompt tokens and
    # one completion token (calls 6 to 8, taking 6 to 8 s).
    assert raw.calls[5:] == [(p, 1) for p, _c in raw.calls[5:]] and len(raw.calls) == 8
    assert report["chat_n"] == 3 and report["chat_raw_prompt_seconds"] == 7.0
    assert report["chat_raw_prompt_tokens"] == report["chat_prompt_tokens"] > 50
    assert report["chat_first_token_seconds"] is not None
    assert report["chat_first_token_vs_raw_ratio"] == round(
        report["chat_first_token_seconds"] / report["chat_raw_prompt_seconds"], 3)  # fmt: skip
    assert report["notes"] == []
    assert report["config"]["model"] == "fake-model" and report["config"]["pairs"] == 2
    assert report["model_server_peak_rss_mb"] is None  # no local server was started
    assert 0 < report["process_peak_rss_mb"] <= report["process_peak_rss_mb_final"]
    assert report["ingest_chunks"] > 0 and report["retrieval_chunks_30"] == 30
    assert {"cpu", "cores", "python"} <= set(report["machine"])
    assert any("Flipside" in s for s in steps) and any("raw model" in s for s in steps)
    assert any("prepare_warm" in s for s in steps) and any(s.startswith("chat ") for s in steps)


def test_tokens_per_second_counts_only_time_after_the_first_token():
    timing = Timing(seconds=12.0, model_seconds=8.0, first_token_seconds=3.0, completion_tokens=50)
    assert timing.tokens_per_s == 10.0
    assert Timing(seconds=4.0, completion_tokens=20).tokens_per_s == 5.0
    assert Timing(seconds=4.0).tokens_per_s is None
    assert Timing(seconds=1.0, first_token_seconds=1.0, completion_tokens=5).tokens_per_s is None


@pytest.mark.parametrize("pairs", [1, 3])
def test_cases_take_an_agenda_and_starters_per_pair_and_a_summary_per_reflection(dataset, pairs):
    cases = load_cases(dataset, pairs)
    kinds = [c.kind for c in cases]
    assert kinds.count("agenda") == kinds.count("starters") == pairs
    assert kinds.count("summary") == min(pairs, 2)  # the tiny dataset has two reflections
    summaries = [c for c in cases if c.kind == "summary"]
    assert all(c.reflection and c.profile.id == c.reflection.pair_id for c in summaries)
