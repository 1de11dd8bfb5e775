"""Ingest files and folders into the guide index, incrementally by content hash."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coach.domain.knowledge import CHUNK_TOKENS
from coach.knowledge.chunking import chunk_document
from coach.knowledge.index import ChromaIndex
from coach.knowledge.loaders import LOADERS, LoadError, load_file

Progress = Callable[[int, int, str], None]


@dataclass
class FileResult:
    """What happened to one file."""

    source: str
    status: str  # added | updated | unchanged | failed | pruned
    chunks: int = 0
    error: str = ""


@dataclass
class IngestReport:
    """Per-file results of one ingest run."""

    results: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    @property
    def chunks(self) -> int:
        return sum(r.chunks for r in self.results)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for result in self.results:
            out[result.status] = out.get(result.status, 0) + 1
        return out


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus supported files found under folders, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and p.suffix.lower() in LOADERS
            )
        else:
            files.append(path)
    return files


class IngestService:
    """Loads, chunks and indexes documents; skips unchanged files; reports every file."""

    def __init__(self, index: ChromaIndex, chunk_tokens: int = CHUNK_TOKENS) -> None:
        self.index = index
        self.chunk_tokens = chunk_tokens

    def ingest(
        self, paths: Iterable[Path], prune: bool = False, progress: Progress | None = None
    ) -> IngestReport:
        files = expand(paths)
        known = self.index.source_hashes()
        report = IngestReport()
        seen: set[str] = set()
        for number, path in enumerate(files, start=1):
            if progress:
                progress(number, len(files), path.name)
            seen.add(path.name)
            report.results.append(self._one(path, known.get(path.name)))
        if prune:
            for source in sorted(set(known) - seen):
                self.index.delete_source(source)
                report.results.append(FileResult(source, "pruned"))
        return report

    def _one(self, path: Path, known_hash: str | None) -> FileResult:
        if not path.exists():
            return FileResult(path.name, "failed", error="no such file")
        try:
            doc = load_file(path)
        except LoadError as error:
            return FileResult(path.name, "failed", error=str(error))
        if known_hash == doc.sha256:
            return FileResult(doc.source, "unchanged")
        chunks = chunk_document(doc, self.chunk_tokens)
        added = self.index.replace_source(doc.source, doc.sha256, chunks)
        return FileResult(doc.source, "updated" if known_hash else "added", chunks=added)
