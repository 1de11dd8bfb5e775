"""A fake embedder everywhere (no ONNX model), a tiny guide folder and a tiny dataset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import REPO
from tests.unit.evals.helpers import FakeEmbedder

GUIDES = {
    "ground-rules.md": "# Ground rules\n\n## Confidentiality\nAgree what stays between you and "
    "how often you meet.\n\n## Challenge\nInvite the junior mentor to disagree out loud.\n",
    "generations.md": "# Generations\n\n## First jobs\nAsk about the first job each of you had "
    "and what it taught you.\n\n## Channels\nAgree whether you chat, call or meet.\n",
}


class ShiftedFakeEmbedder(FakeEmbedder):
    """``FakeEmbedder`` without all-zero vectors, which cosine distance cannot handle."""

    def embed(self, texts: list[str]) -> np.ndarray:
        return super().embed(texts) + np.float32(1e-3)


@pytest.fixture
def fake_embedder() -> ShiftedFakeEmbedder:
    """An embedder to pass to the indexes, the services and the bench (no model loaded)."""
    return ShiftedFakeEmbedder()


@pytest.fixture
def cli_embedder(monkeypatch, fake_embedder) -> ShiftedFakeEmbedder:
    """For tests of the `coach bench` command, which builds everything itself: the shared
    embedder is the fake."""
    monkeypatch.setattr("coach.knowledge.embedder.shared_embedder", lambda: fake_embedder)
    monkeypatch.setattr("coach.knowledge.index.shared_embedder", lambda: fake_embedder)
    return fake_embedder


@pytest.fixture
def guides(tmp_path) -> Path:
    folder = tmp_path / "guides"
    folder.mkdir()
    for name, text in GUIDES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def dataset(tmp_path) -> Path:
    """Two reflections with their pairs, one more pair, five retrieval questions and the first
    eight chat questions."""
    source = REPO / "evals" / "datasets"
    folder = tmp_path / "dataset"
    (folder / "pairs").mkdir(parents=True)
    reflections = source.joinpath("reflections.jsonl").read_text(encoding="utf-8").splitlines()
    keep = reflections[:2]
    wanted = {json.loads(line)["pair_id"] for line in keep}
    wanted.add(sorted(source.joinpath("pairs").glob("*.json"))[0].stem)
    for pair_id in wanted:
        shutil.copy(source / "pairs" / f"{pair_id}.json", folder / "pairs")
    (folder / "reflections.jsonl").write_text("\n".join(keep) + "\n", encoding="utf-8")
    questions = source.joinpath("retrieval.jsonl").read_text(encoding="utf-8").splitlines()[:5]
    (folder / "retrieval.jsonl").write_text("\n".join(questions) + "\n", encoding="utf-8")
    chat = source.joinpath("chat.jsonl").read_text(encoding="utf-8").splitlines()[:8]
    (folder / "chat.jsonl").write_text("\n".join(chat) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def bench_settings(settings, guides):
    """The shared isolated settings, with the tiny guide folder as the knowledge dir."""
    return settings.model_copy(update={"knowledge_dir": guides})
