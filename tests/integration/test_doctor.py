import subprocess
import sys

import pytest

from tests.conftest import REPO
from tests.integration.conftest import child_env

pytestmark = pytest.mark.slow


def test_doctor_exits_zero_and_measures_tokens_per_second(model_path, tmp_path):
    env = child_env(COACH_DATA_DIR=str(tmp_path), COACH_LOCAL_MODEL=str(model_path))
    result = subprocess.run(
        [sys.executable, "-m", "coach", "doctor"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tokens/s" in result.stdout and "chunks/s" in result.stdout
    assert "FAIL" not in result.stdout


def test_doctor_fails_and_says_how_to_fix_a_dead_endpoint(tmp_path):
    env = child_env(COACH_DATA_DIR=str(tmp_path), OPENAI_BASE_URL="http://127.0.0.1:9/v1")
    result = subprocess.run(
        [sys.executable, "-m", "coach", "doctor"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    assert "FAIL" in result.stdout and "OPENAI_BASE_URL" in result.stdout
