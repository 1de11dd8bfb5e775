"""`coach bench`: size parsing, and a --skip-model run through the parser as JSON and as tables."""

from __future__ import annotations

import argparse
import json

import pytest

from coach import cli_bench
from tests.conftest import REPO


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="coach")
    cli_bench.register(main.add_subparsers(dest="command", required=True))
    return main


@pytest.fixture
def env(monkeypatch, tmp_path, guides):
    from coach.config import get_settings

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "COACH_CHROMA_HOST"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(guides))
    monkeypatch.setenv("COACH_PROMPTS_DIR", str(REPO / "prompts"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_sizes_accept_k_and_are_sorted_and_unique():
    assert cli_bench.parse_sizes("100000,1k,10000,1000") == [1000, 10000, 100000]
    for bad in ("0", "abc", "1,,2"):
        with pytest.raises(argparse.ArgumentTypeError):
            cli_bench.parse_sizes(bad)
    args = parser().parse_args(["bench"])
    assert (args.sizes, args.pairs, args.skip_model, args.json) == (
        [1000, 10000, 100000], 3, False, False,
    )  # fmt: skip


def test_skip_model_json_has_ingest_retrieval_and_null_artifacts(
    cli_embedder, env, dataset, capsys
):
    argv = ["bench", "--json", "--skip-model", "--sizes", "1k", "--dataset", str(dataset)]
    args = parser().parse_args(argv)
    assert args.func(args) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["ingest_chunks"] > 0 and report["ingest_chunks_per_s"] > 0
    assert report["retrieval_chunks_1k"] == 1000
    assert report["retrieval_p50_ms_1k"] <= report["retrieval_p95_ms_1k"]
    assert report["agenda_seconds"] is None and report["agenda_raw_model_seconds"] is None
    assert report["config"]["skip_model"] is True and report["config"]["questions"] == 5
    assert report["model_server_peak_rss_mb"] is None
    assert "retrieval" in captured.err  # progress goes to stderr


def test_the_table_is_printed_without_json(cli_embedder, env, dataset, capsys):
    args = parser().parse_args(
        ["bench", "--skip-model", "--sizes", "40", "--dataset", str(dataset)]
    )
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert "chunks/s" in out and "retrieval latency" in out and "skipped (--skip-model)" in out


def test_a_dataset_without_questions_is_a_user_error(env, tmp_path):
    from coach.services.errors import UserError

    args = parser().parse_args(["bench", "--skip-model", "--dataset", str(tmp_path / "none")])
    with pytest.raises(UserError, match="retrieval.jsonl"):
        args.func(args)
