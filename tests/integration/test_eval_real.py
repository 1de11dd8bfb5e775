"""The real-model eval subset CI runs: 2 pairs and 2 reflections, gated by thresholds-ci."""

import json
import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.integration.conftest import child_env

pytestmark = pytest.mark.slow


def test_the_eval_subset_passes_its_gates_with_the_real_model(llm_server, tmp_path):
    env = child_env(
        COACH_DATA_DIR=str(tmp_path / "data"), COACH_LLM_PROVIDER="openai",
        OPENAI_BASE_URL=llm_server, OPENAI_MODEL="shared-local", COACH_LLM_STRUCTURED="grammar",
    )  # fmt: skip
    run = subprocess.run(
        [sys.executable, "-m", "coach", "eval", "--suite", "all", "--limit", "2", "--json",
         "--out", str(tmp_path / "runs"), "--thresholds", "evals/thresholds-ci.toml"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=1800,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    summary = json.loads(run.stdout)
    for suite in ("agenda", "starters", "summary"):
        metrics = summary["suites"][suite]["systems"]["flipside"]["metrics"]
        assert metrics["valid"] == 1.0, (suite, metrics)
    assert (tmp_path / "runs" / "report.html").is_file()
    assert (tmp_path / "runs" / "results.json").is_file()
