"""`coach ingest ../shared/seeds`: the plain-text source articles become citable sources."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.integration.conftest import child_env

SEEDS = REPO.parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not on this machine")


def coach(*args: str, data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        cwd=REPO, env=child_env(COACH_DATA_DIR=str(data_dir)),
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_seed_only_questions_return_the_article_file_names(tmp_path):
    ingest = coach("ingest", str(SEEDS), "knowledge", data_dir=tmp_path)
    assert ingest.returncode == 0, ingest.stderr
    assert ingest.stderr.count(".txt") >= 5
    rows = [json.loads(line) for line in (REPO / "evals/datasets/retrieval.jsonl").open()]
    seed_rows = [r for r in rows if r["id"].startswith("s")]
    assert len(seed_rows) >= 5
    hits = 0
    for row in seed_rows:
        found = coach("search", row["question"], "--k", "5", "--json", data_dir=tmp_path)
        results = json.loads(found.stdout)
        assert {"id", "source", "title", "section", "score", "text"} <= set(results[0])
        if row["relevant"][0]["source"] in {r["source"] for r in results}:
            hits += 1
    assert hits >= len(seed_rows) - 1, f"only {hits} of {len(seed_rows)} seed questions found"
