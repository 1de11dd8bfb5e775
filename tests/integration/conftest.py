"""Fixtures that start real processes: the local model server and the app."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.llm.local_model import resolve_model
from coach.llm.server import free_port, wait_healthy
from tests.conftest import REPO


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The embedded default model, joined once into the repo's data cache (as `make` does)."""
    return resolve_model("qwen2.5-coder-1.5b", REPO / "data" / "cache")


# Real-model tests are deterministic: temperature 0 and a fixed seed. They assert only what code
# enforces; model quality is tracked by the evals, never by bending a product rule to a test.
DETERMINISTIC = {"COACH_LLM_TEMPERATURE": "0", "COACH_LLM_SEED": "7"}


@pytest.fixture(autouse=True)
def deterministic_model(monkeypatch) -> None:
    """Settings built in this process read these too."""
    for key, value in DETERMINISTIC.items():
        monkeypatch.setenv(key, value)


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
    env.update(DETERMINISTIC)
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def llm_server(model_path, tmp_path_factory) -> Iterator[str]:
    """`coach llm serve` on a free loopback port; yields its OpenAI base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("llm") / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "coach", "llm", "serve", "--port", str(port),
             "--model", str(model_path), "--alias", "shared-local"],
            stdout=out, stderr=subprocess.STDOUT, cwd=REPO, env=child_env(),
        )  # fmt: skip
    try:
        wait_healthy(f"http://127.0.0.1:{port}", 180, process)
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        process.terminate()
        process.wait(timeout=20)
