"""Themes of the summaries shared with the program: embedded with the offline MiniLM,
grouped by average-linkage clustering on cosine distance, named and counted.

Only summaries whose author shared them with the program (``shared_program``) are read, and
only their current text. The lead's tab and the program report both call ``themes``; the
labels follow the minimum-group rule of ``coach/domain/themes.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from coach.domain import policy
from coach.domain.aggregates import MIN_GROUP
from coach.domain.pairs import Pair
from coach.domain.summaries import ConsentState, Summary, SummaryVersion
from coach.domain.themes import Group, KeywordLabeler, Labeler, Theme, name_themes
from coach.domain.users import User
from coach.services.access import current, require
from coach.store.api import Store, Tx

# Average cosine distance under which groups join. MiniLM puts summaries of one topic at
# cosine similarity 0.35-0.7 and unrelated ones below about 0.3 (distance = 1 - similarity).
DISTANCE = 0.65
MAX_CACHED = 5000
READERS = "only a lead or an admin sees the program's themes"


class TextEmbedder(Protocol):
    """Anything with MiniLM's ``embed(texts) -> (n, d) array``."""

    def embed(self, texts: list[str]) -> np.ndarray: ...


@dataclass(frozen=True)
class SharedText:
    """One summary shared with the program: its pair and current text (never shown)."""

    summary_id: str
    pair_id: str
    text: str


def may_see_program_figures(actor: User) -> bool:
    """Program figures (report, themes): a lead, or an admin running the install.

    Programs record no lead yet and a lead sees every program; when programs name their
    leads, this becomes ``policy.leads_program(actor, program) or policy.is_admin(actor)``."""
    return policy.is_lead(actor) or policy.is_admin(actor)


def shared_texts(tx: Tx, program_id: str | None) -> tuple[list[SharedText], set[str]]:
    """The current text of every summary shared with the program (or with any program), and
    the names of the people in those programs' pairs, which no label may use."""
    pairs = {p.id: p for p in (tx.find(Pair) if program_id is None
                               else tx.find(Pair, program_id=program_id))}  # fmt: skip
    texts = []
    for summary in tx.find(Summary, state=ConsentState.SHARED_PROGRAM):
        if summary.pair_id in pairs:
            version = tx.get(SummaryVersion, summary.id, summary.current_version)
            if version is not None:
                texts.append(SharedText(summary.id, summary.pair_id, version.text))
    names = set()
    for pair in pairs.values():
        for user_id in pair.members:
            user = tx.get(User, user_id)
            if user is not None:
                names |= {user.username, user.display_name, *user.username.split(".")}
    return sorted(texts, key=lambda t: t.summary_id), names


def cluster(vectors: np.ndarray, distance: float = DISTANCE) -> list[int]:
    """A group number per row: average linkage on cosine distance, cut at ``distance``.

    Deterministic for a given row order; groups are numbered by their first row."""
    n = len(vectors)
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    unit = vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
    distances = np.clip(1.0 - unit @ unit.T, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    raw = fcluster(tree, t=distance, criterion="distance")
    numbers: dict[int, int] = {}
    return [numbers.setdefault(int(label), len(numbers)) for label in raw]


class ThemeService:
    """Cluster, name and count the shared summaries (leads and admins)."""

    def __init__(
        self,
        store: Store,
        embedder: Callable[[], TextEmbedder],
        labeler: Callable[[set[str]], Labeler] = KeywordLabeler,
        min_group: int = MIN_GROUP,
        distance: float = DISTANCE,
    ) -> None:
        self.store = store
        self.embedder = embedder  # called on first use: the MiniLM loads only when needed
        self.labeler = labeler  # given the names to avoid
        self.min_group = min_group
        self.distance = distance
        self._vectors: dict[str, np.ndarray] = {}

    def _embed(self, texts: list[str]) -> np.ndarray:
        """One vector per text; each text is embedded once per process (safe across threads:
        a concurrent clear of the cache only costs a re-embedding)."""
        known = {t: v for t in set(texts) if (v := self._vectors.get(t)) is not None}
        new = sorted(set(texts) - known.keys())
        if new:
            fresh = dict(zip(new, np.asarray(self.embedder().embed(new), np.float32), strict=True))
            if len(self._vectors) + len(new) > MAX_CACHED:
                self._vectors = {}
            self._vectors.update(fresh)
            known.update(fresh)
        return np.array([known[t] for t in texts], dtype=np.float32)

    def group(self, shared: list[SharedText], names: set[str]) -> tuple[Theme, ...]:
        """Themes of these shared texts (no permission check: callers have made it)."""
        if not shared:
            return ()
        numbers = cluster(self._embed([s.text for s in shared]), self.distance)
        groups = [
            Group(tuple(s.text for s, n in zip(shared, numbers, strict=True) if n == g),
                  tuple(s.pair_id for s, n in zip(shared, numbers, strict=True) if n == g))
            for g in sorted(set(numbers))
        ]  # fmt: skip
        return name_themes(groups, self.labeler(names), self.min_group)

    def themes(self, actor: User, program_id: str | None = None) -> list[Theme]:
        """The themes of one program's shared summaries, or every program's: named themes
        first, largest first, then "other" (``Theme.other``) when some fell in no theme."""
        with self.store.transaction(write=False) as tx:
            require(may_see_program_figures(current(tx, actor)), READERS)
            shared, names = shared_texts(tx, program_id)
        return list(self.group(shared, names))
