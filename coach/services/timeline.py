"""Each participant's learning timeline, and who else may read it.

The timeline is built, on every read, from what is already stored: the author's summaries,
the pair's sessions, the author's goals and action items. Nothing new is stored, so sharing
it is the summaries' own consent:

- The author reads their whole timeline: every session with a summary they approved (or
  shared), the goals of theirs that moved and the actions they closed, and the paragraph.
- Another reader (the partner, a lead) sees only the entries built from summaries the author
  shared with them (the partner from "shared with partner", a lead from "shared with the
  program"), with the learned points alone: never goals, actions, drafts or approved-only
  summaries. They get the paragraph only when every summary behind it is shared with them.
- An admin, or anyone outside the pair who is not a lead, reads none of it.

Every summary read is written to the audit log, as the summaries service does. The paragraph
is cached per author and set of summary versions, so reloading the tab calls no model.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from coach.domain import policy
from coach.domain.actions import ActionItem
from coach.domain.audit import AuditAction
from coach.domain.goals import Goal
from coach.domain.pairs import Pair
from coach.domain.sessions import Session
from coach.domain.summaries import Summary, SummaryVersion
from coach.domain.timeline import Paragraph, TimelineEntry, approved, build, only_learned
from coach.domain.users import User
from coach.generation.timeline import ParagraphWriter
from coach.services.access import (
    Clock,
    audit,
    current,
    default_clock,
    find_user,
    load_pair,
    require,
)
from coach.store.api import Store, Tx

CACHE_SIZE = 256
NOT_SHARED = "this timeline's summaries were not all shared with you"


@dataclass(frozen=True)
class Timeline:
    """What one reader may see of one author's timeline on one pair."""

    author_id: str
    pair_id: str
    entries: tuple[TimelineEntry, ...]
    complete: bool  # every summary behind the paragraph is readable by this reader
    key: tuple[str, ...]  # the summaries' ids and versions: the paragraph's cache key


class TimelineService:
    """The learning timeline: read your own, or what its author shared with you."""

    def __init__(
        self, store: Store, writer: Callable[[], ParagraphWriter], clock: Clock = default_clock
    ) -> None:
        self.store = store
        self.writer = writer  # built on first use: opening the tab starts no model
        self.clock = clock
        self._cache: OrderedDict[tuple[str, ...], Paragraph] = OrderedDict()

    def _gather(self, tx: Tx, reader: User, author: User, pair: Pair) -> Timeline:
        summaries = [s for s in tx.find(Summary, pair_id=pair.id, author_id=author.id)
                     if approved(s)]  # fmt: skip
        readable = [s for s in summaries if policy.can_read_summary(reader, pair, s)]
        now = self.clock()
        written = []
        for s in readable:
            version = tx.get(SummaryVersion, s.id, s.current_version)
            assert version is not None, f"summary {s.id} lost its current version"
            written.append((s, version.text))
            audit(tx, reader, AuditAction.READ, "summary", s.id, now, pair.id)
        sessions = tx.find(Session, pair_id=pair.id)
        if reader.id == author.id:
            goals, actions = tx.find(Goal, pair_id=pair.id), tx.find(ActionItem, pair_id=pair.id)
            entries = build(author.id, written, sessions, goals, actions)
        else:
            entries = only_learned(build(author.id, written, sessions))
        key = (author.id, pair.id, *sorted(f"{s.id}@{s.current_version}" for s in summaries))
        complete = bool(summaries) and len(readable) == len(summaries)
        return Timeline(author.id, pair.id, tuple(entries), complete, key)

    def _own(self, tx: Tx, actor: User, pair_id: str) -> Timeline:
        pair = load_pair(tx, pair_id)
        require(policy.is_member(actor, pair), "you keep a timeline only in your own pairs")
        return self._gather(tx, actor, actor, pair)

    def mine(self, actor: User, pair_id: str | None = None) -> list[Timeline]:
        """Your own timeline on one pair, or on each of your pairs (``pair_id`` None)."""
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            if pair_id is not None:
                return [self._own(tx, actor, pair_id)]
            pairs = tx.find(Pair, mentor_id=actor.id) + tx.find(Pair, mentee_id=actor.id)
            pairs.sort(key=lambda p: (p.created_at, p.id))
            return [self._gather(tx, actor, actor, p) for p in pairs]

    def shared(self, actor: User, author: str, pair_id: str) -> Timeline:
        """What ``author`` (username or id) shared of their timeline with ``actor``: the
        partner or a lead; an admin or an outsider is refused."""
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            writer = find_user(tx, author)
            pair = load_pair(tx, pair_id)
            require(policy.is_member(writer, pair), "the author is not in this pair")
            require(
                policy.is_member(actor, pair) or policy.is_lead(actor),
                "only the pair and leads read what a participant shared",
            )
            return self._gather(tx, actor, writer, pair)

    def paragraph(self, actor: User, pair_id: str, author: str | None = None) -> Paragraph:
        """How the author's thinking has changed on a pair (the actor's own by default),
        written once per set of summaries; another reader needs every one of them shared."""
        if author is None:
            timeline = self.mine(actor, pair_id)[0]
        else:
            timeline = self.shared(actor, author, pair_id)
        require(timeline.complete or timeline.author_id == actor.id, NOT_SHARED)
        if timeline.key in self._cache:
            self._cache.move_to_end(timeline.key)
            return self._cache[timeline.key]
        found = self.writer().write(timeline.entries)
        if timeline.complete:  # an empty timeline is not worth keeping
            self._cache[timeline.key] = found
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return found
