"""The scale-out path: the same index code against a real `chroma run` server on loopback."""

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from coach.llm.server import free_port


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    binary = str(Path(sys.executable).parent / "chroma")  # the CLI shipped in chromadb's wheel
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [binary, "run", "--path", str(folder / "data"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, (folder / "server.log").read_text()[-2000:]
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                break
        except httpx.HTTPError:
            time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(timeout=20)


def test_ingest_and_hybrid_search_through_a_chroma_server(chroma_server, tmp_path):
    from coach.config import Settings
    from coach.services.container import Services
    from tests.conftest import REPO

    settings = Settings(
        _env_file=None, data_dir=tmp_path, knowledge_dir=REPO / "knowledge",
        chroma_host="127.0.0.1", chroma_port=chroma_server,
    )  # fmt: skip
    services = Services(settings)
    report = services.ensure_guides()
    assert not report.failed and services.index.count() > 50
    assert not (tmp_path / "chroma").exists(), "server mode must not write a local Chroma folder"
    services.pair_material.index_pair({"id": "p1", "goals": [{"id": "g1", "text": "podcasts"}]})
    hits = services.retriever.search("agree on confidentiality in the first session", 5)
    assert len(hits) == 5 and all(h.source.endswith(".md") for h in hits)
    own = services.retriever.search("podcasts", 5, pair_id="p1")
    assert any(h.meta.get("pair_id") == "p1" for h in own)
    assert services.ensure_guides().counts() == {"unchanged": len(report.results)}
