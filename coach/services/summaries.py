"""Summaries with consent: the author drafts, approves and shares; others read what was shared.

Every read writes an audit entry; every edit keeps the previous text as a version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from coach.domain import policy
from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.common import clean_text, new_id
from coach.domain.pairs import Pair
from coach.domain.summaries import (
    MAX_SUMMARY,
    ConsentState,
    Summary,
    SummaryVersion,
    move,
    revise,
)
from coach.domain.users import User
from coach.services.access import Clock, audit, current, default_clock, load, load_pair, require
from coach.services.changes import OnChange, unheard
from coach.services.errors import check_unicode
from coach.store.api import Store, Tx

ONLY_AUTHOR = "only the author edits or shares a summary"


@dataclass(frozen=True)
class SummaryView:
    """A summary with its current text."""

    summary: Summary
    text: str


class SummaryService:
    """Draft, revise, share and read summaries."""

    def __init__(
        self, store: Store, clock: Clock = default_clock, on_change: OnChange = unheard
    ) -> None:
        self.store = store
        self.clock = clock
        self.on_change = on_change  # a summary saved or shared: the next plan may differ

    @staticmethod
    def _view(tx: Tx, summary: Summary) -> SummaryView:
        version = tx.get(SummaryVersion, summary.id, summary.current_version)
        assert version is not None, f"summary {summary.id} lost its current version"
        return SummaryView(summary, version.text)

    def _read(self, tx: Tx, actor: User, summaries: list[Summary]) -> list[SummaryView]:
        now = self.clock()
        views = [self._view(tx, s) for s in summaries]
        for s in summaries:
            audit(tx, actor, AuditAction.READ, "summary", s.id, now, s.pair_id)
        return views

    def draft(
        self,
        actor: User,
        pair_id: str,
        text: str,
        session_id: str | None = None,
        prompt_id: str | None = None,
        prompt_version: str | None = None,
        model: str | None = None,
        citations: tuple[str, ...] = (),
    ) -> Summary:
        """A new draft, authored by ``actor``, a member of the pair."""
        check_unicode(text, "The summary")
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            pair = load_pair(tx, pair_id)
            require(policy.can_work_in(actor, pair), "you can only summarise your own pairs")
            summary = Summary(
                new_id("sum"), pair.id, session_id, actor.id, ConsentState.DRAFT, 1, now, now,
                prompt_id, prompt_version, model, tuple(citations),
            )  # fmt: skip
            tx.insert(summary)
            cleaned = clean_text(text, "a summary", MAX_SUMMARY)
            tx.insert(SummaryVersion(summary.id, 1, cleaned, actor.id, now))
            audit(tx, actor, AuditAction.CREATE, "summary", summary.id, now, pair.id)
        self.on_change(pair.id)
        return summary

    def revise(self, actor: User, summary_id: str, text: str) -> Summary:
        """A corrected text; the old one is kept and consent starts again from draft."""
        check_unicode(text, "The summary")
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            summary = load(tx, Summary, summary_id, "summary")
            require(policy.can_change_summary(actor, summary), ONLY_AUTHOR)
            summary, version = revise(summary, text, actor.id, now)
            tx.insert(version)
            tx.update(summary)
            audit(tx, actor, AuditAction.UPDATE, "summary", summary.id, now, summary.pair_id)
        self.on_change(summary.pair_id)
        return summary

    def move(self, actor: User, summary_id: str, target: ConsentState | str) -> Summary:
        """Approve or share (one step forward), or withdraw consent (any step back)."""
        now = self.clock()
        target = ConsentState(target)
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            before = load(tx, Summary, summary_id, "summary")
            require(policy.can_change_summary(actor, before), ONLY_AUTHOR)
            summary = move(before, target, now)
            tx.update(summary)
            action = AuditAction.SHARE if target.rank > before.state.rank else AuditAction.WITHDRAW
            audit(tx, actor, action, "summary", summary.id, now, summary.pair_id)
        self.on_change(summary.pair_id)
        return summary

    def read(self, actor: User, summary_id: str) -> SummaryView:
        """One summary, if its consent state lets ``actor`` read it."""
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            summary = load(tx, Summary, summary_id, "summary")
            pair = load_pair(tx, summary.pair_id)
            require(
                policy.can_read_summary(actor, pair, summary),
                "this summary was not shared with you",
            )
            return self._read(tx, actor, [summary])[0]

    def history(self, actor: User, summary_id: str) -> list[SummaryVersion]:
        """Every version of the text, oldest first: the author alone."""
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            summary = load(tx, Summary, summary_id, "summary")
            require(policy.can_change_summary(actor, summary), "only the author sees past versions")
            return tx.find(SummaryVersion, summary_id=summary.id)

    def for_pair(self, actor: User, pair_id: str) -> list[SummaryView]:
        """The summaries of a pair that ``actor`` may read (own, partner-shared, program)."""
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            pair: Pair = load_pair(tx, pair_id)
            require(
                policy.is_member(actor, pair) or policy.is_lead(actor),
                "only the pair and leads read a pair's summaries",
            )
            visible = [
                s
                for s in tx.find(Summary, pair_id=pair.id)
                if policy.can_read_summary(actor, pair, s)
            ]
            return self._read(tx, actor, visible)

    def shared_with_program(self, actor: User) -> list[SummaryView]:
        """Every summary its author shared with the program: what a lead reads."""
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), "only a lead reads what was shared with the program")
            shared = tx.find(Summary, state=ConsentState.SHARED_PROGRAM)
            return self._read(tx, actor, shared)

    def acknowledge(self, actor: User, summary_id: str) -> Summary:
        """A lead records, in the audit log, that they read a summary shared with the program."""
        now = self.clock()
        with self.store.transaction() as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), "only a lead acknowledges a shared summary")
            summary = load(tx, Summary, summary_id, "summary")
            require(summary.shared_with_program, "this summary was not shared with the program")
            audit(tx, actor, AuditAction.ACKNOWLEDGE, "summary", summary.id, now, summary.pair_id)
        return summary

    def acknowledged(self, actor: User) -> dict[str, datetime]:
        """When a lead last acknowledged each summary's current text (leads only).

        An acknowledgement made before the summary last changed (a revision or a withdrawal and
        a new share) no longer counts.
        """
        with self.store.transaction(write=False) as tx:
            actor = current(tx, actor)
            require(policy.is_lead(actor), "only a lead sees acknowledgements")
            entries = tx.find(AuditEntry, action=AuditAction.ACKNOWLEDGE, resource="summary")
            seen: dict[str, datetime] = {}
            for entry in entries:
                summary = tx.get(Summary, entry.resource_id)
                if summary and summary.shared_with_program and entry.at >= summary.updated_at:
                    seen[summary.id] = max(entry.at, seen.get(summary.id, entry.at))
        return seen
