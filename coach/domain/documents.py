"""The document catalogue: which guides and handbooks the install has indexed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.domain.common import check, check_aware


@dataclass(frozen=True)
class CatalogueEntry:
    """One indexed source file, as the admin sees it in the catalogue."""

    id: str
    source: str
    title: str
    sha256: str
    chunks: int
    added_by: str
    added_at: datetime

    def __post_init__(self) -> None:
        check(bool(self.source.strip()), "a document needs a source path")
        check(len(self.sha256) == 64, "sha256 is 64 hex characters")
        check(self.chunks >= 0, "a chunk count cannot be negative")
        check_aware(self.added_at, "added_at")
