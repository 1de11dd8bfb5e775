"""The OpenAI-compatible path against a real server: `coach llm serve`, used as a remote."""

import httpx
import pytest

from coach.config import Settings
from coach.services.container import Services
from tests.conftest import REPO

pytestmark = pytest.mark.slow


def test_app_streams_an_answer_from_coach_llm_serve(llm_server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server)
    monkeypatch.setenv("OPENAI_MODEL", "shared-local")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    settings = Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        prompts_dir=REPO / "prompts",
        knowledge_dir=REPO / "knowledge",
        llm_max_tokens=60,
    )
    assert settings.resolved_provider == "openai"
    services = Services(settings)
    services.ensure_guides()
    question = "How should we handle confidentiality in our sessions?"
    events = list(services.chat_by_model.ask(question))
    deltas = [e for e in events if e.kind == "delta"]
    done = events[-1]
    # Streamed sentence by sentence (a sentence shows once the guard passed it), not at once.
    assert len(deltas) >= 2, "the answer must arrive as a stream of sentences"
    assert "".join(e.text for e in deltas).strip() == done.text
    assert all(e.text.rstrip()[-1:] in ".!?:)]\"'" for e in deltas[:-1])
    assert len(done.text.split()) >= 5
    assert done.sources and all(p.source.endswith(".md") for p in done.sources)
    assert done.stats["prompt_tokens"] > 100
    assert services.runtime.local is None, "the remote path must not start a local server"


def test_served_model_reports_its_alias_and_health(llm_server):
    base = llm_server.removesuffix("/v1")
    assert httpx.get(f"{base}/health", timeout=5).json()["status"] == "ok"
    models = httpx.get(f"{llm_server}/models", timeout=5).json()
    assert "shared-local" in str(models)
