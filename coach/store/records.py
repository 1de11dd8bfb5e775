"""Which domain dataclass lives in which table, in foreign-key order, and how rows sort."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Table

from coach.domain.actions import ActionItem
from coach.domain.artifacts import ArtifactRecord
from coach.domain.audit import AuditEntry
from coach.domain.documents import CatalogueEntry
from coach.domain.fit import FitResponse
from coach.domain.goals import Goal
from coach.domain.jobs import Job
from coach.domain.mail import MailRecord
from coach.domain.outcomes import SelfAssessment
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.pulse import CheckinRequest, PulseAnswer
from coach.domain.ratings import Rating
from coach.domain.reflections import Reflection
from coach.domain.sessions import Session
from coach.domain.summaries import Summary, SummaryVersion
from coach.domain.users import Credential, DeletionRequest, LoginSession, PasswordReset, User
from coach.store import tables


@dataclass(frozen=True)
class RecordSpec:
    """A record kind: its class, its table and the columns its listings sort by."""

    cls: type
    table: Table
    order: tuple[str, ...]

    @property
    def key(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.table.primary_key.columns)

    def key_of(self, record: Any) -> tuple:
        return tuple(getattr(record, name) for name in self.key)


def _spec(cls: type, table: Table, *order: str) -> RecordSpec:
    columns = {c.name for c in table.columns}
    names = {f.name for f in fields(cls)}
    if columns != names:  # a table and its dataclass must not drift apart
        raise RuntimeError(f"{table.name} columns differ from {cls.__name__}: {columns ^ names}")
    return RecordSpec(cls, table, order)


# Parents before children: import inserts in this order.
SPECS: tuple[RecordSpec, ...] = (
    _spec(User, tables.users, "username"),
    _spec(Credential, tables.credentials, "user_id"),
    _spec(LoginSession, tables.login_sessions, "created_at", "id"),
    _spec(PasswordReset, tables.password_resets, "created_at", "id"),
    _spec(DeletionRequest, tables.deletion_requests, "requested_at", "user_id"),
    _spec(Program, tables.programs, "created_at", "id"),
    _spec(Pair, tables.pairs, "created_at", "id"),
    _spec(Goal, tables.goals, "created_at", "id"),
    _spec(Session, tables.sessions, "pair_id", "number"),
    _spec(FitResponse, tables.fit_responses, "pair_id", "user_id"),
    _spec(Reflection, tables.reflections, "created_at", "id"),
    _spec(Summary, tables.summaries, "created_at", "id"),
    _spec(SummaryVersion, tables.summary_versions, "summary_id", "number"),
    _spec(ActionItem, tables.action_items, "created_at", "id"),
    _spec(ArtifactRecord, tables.artifacts, "created_at", "id"),
    _spec(Job, tables.jobs, "priority", "created_at", "id"),
    _spec(PulseAnswer, tables.pulse_answers, "answered_at", "id"),
    _spec(CheckinRequest, tables.checkin_requests, "requested_at", "id"),
    _spec(SelfAssessment, tables.self_assessments, "answered_at", "id"),
    _spec(Rating, tables.ratings, "rated_at", "id"),
    _spec(MailRecord, tables.mail_log, "created_at", "id"),
    _spec(CatalogueEntry, tables.documents, "source"),
    _spec(AuditEntry, tables.audit_log, "at", "id"),
)
BY_CLASS: dict[type, RecordSpec] = {spec.cls: spec for spec in SPECS}
BY_TABLE: dict[str, RecordSpec] = {spec.table.name: spec for spec in SPECS}


def spec_for(cls: type) -> RecordSpec:
    """The spec of a record class; a clear error for a class that is not stored."""
    try:
        return BY_CLASS[cls]
    except KeyError:
        raise TypeError(f"{cls.__name__} is not a stored record") from None
