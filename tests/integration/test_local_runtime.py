"""The embedded default: the runtime starts llama.cpp itself, answers, and stops cleanly."""

import pytest

from coach.config import Settings
from coach.llm.factory import ModelRuntime

pytestmark = pytest.mark.slow


def test_runtime_starts_answers_and_stops(model_path, tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(
        _env_file=None, data_dir=tmp_path, local_model=str(model_path), llm_max_tokens=24
    )
    runtime = ModelRuntime(settings)
    try:
        reply = runtime.chat_model().invoke("Say hello to a new mentor in five words.")
        assert isinstance(reply.content, str) and reply.content.strip()
        process = runtime.local.process
        assert process is not None and process.poll() is None
        assert runtime.local.load_seconds and runtime.local.load_seconds > 0
    finally:
        runtime.close()
    assert process.poll() is not None, "the server process must be gone after close()"
