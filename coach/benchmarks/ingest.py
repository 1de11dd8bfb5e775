"""Ingest throughput: load, chunk, embed and write the guides into an empty Chroma collection."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from coach.config import Settings
from coach.domain.knowledge import CHUNK_TOKENS
from coach.knowledge.chunking import count_tokens
from coach.knowledge.index import ChromaIndex
from coach.services.ingest import IngestService


@dataclass(frozen=True)
class IngestFigures:
    """How many chunks one ingest wrote, and in how many seconds."""

    chunks: int
    seconds: float
    failed: int = 0

    @property
    def chunks_per_s(self) -> float | None:
        return round(self.chunks / self.seconds, 1) if self.seconds > 0 else None

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "chunks": self.chunks,
            "seconds": round(self.seconds, 2),
            "chunks_per_s": self.chunks_per_s,
            "failed": self.failed,
        }


def throwaway_settings(settings: Settings, folder: Path) -> Settings:
    """A copy of ``settings`` whose Chroma folder and database live in ``folder``.

    The model, its cache, the guides and the prompts stay as configured; a Chroma server
    (``COACH_CHROMA_HOST``) is not used, so nothing a real install holds is touched.
    """
    return settings.model_copy(
        update={
            "chroma_path": folder / "chroma",
            "chroma_host": None,
            "database_url": f"sqlite:///{folder / 'bench.db'}",
        }
    )


def warm_up(index: ChromaIndex) -> None:
    """Load the embedder's session and tiktoken's tables, so they are not timed."""
    index.embedder.embed(["warm up the session", "and the tokenizer " * 20])
    count_tokens("warm up tiktoken")


def measure_ingest(
    index: ChromaIndex, docs: list[Path], chunk_tokens: int = CHUNK_TOKENS
) -> IngestFigures:
    """Ingest ``docs`` into the empty ``index``: load + chunk + embed + write, timed together."""
    if index.count():
        raise ValueError("measure_ingest needs an empty index: unchanged files are skipped")
    warm_up(index)
    began = time.perf_counter()
    report = IngestService(index, chunk_tokens).ingest(docs)
    seconds = time.perf_counter() - began
    return IngestFigures(chunks=report.chunks, seconds=seconds, failed=len(report.failed))
