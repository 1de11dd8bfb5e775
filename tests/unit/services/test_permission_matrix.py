"""Every role x resource x action at the service layer, allowed ones and forbidden ones.

Roles: admin, lead, the pair's mentor and mentee, an outsider (a participant in another
pair), and a former lead whose account was deactivated. A forbidden call must raise
PermissionDenied, quote none of the private texts, and change nothing (not even the audit log).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.candidates import Candidate
from coach.domain.pairs import Side
from coach.domain.ratings import answer_key
from coach.domain.summaries import ConsentState
from coach.services.candidate_files import read_candidates
from coach.services.errors import PermissionDenied
from tests.artifact_samples import AGENDA, STARTERS, shortened
from tests.unit.services.conftest import PASSWORD, SECRETS, START, World

pytestmark = pytest.mark.unit

ROLES = ("admin", "lead", "mentor", "mentee", "outsider", "former")
ACTIVE = {"admin", "lead", "mentor", "mentee", "outsider"}
MEMBERS = {"mentor", "mentee"}
Call = Callable[[World, object], object]


def _summary(state: ConsentState) -> Call:
    return lambda w, a: w.s.summaries.read(a, w.summaries[state].id)


# Two free participants as match candidates, in different departments.
CANDIDATES = """name,side,role_title,department,generation,strengths,interests,goals,reports_to
spare1,mentor,Analyst,Data,Gen Z,dashboards; SQL,sailing,,
spare2,mentee,VP Operations,Operations,Baby Boomer,negotiation,sailing,read dashboards,
"""


def _candidates(w: World) -> Path:
    path = w.tmp / "candidates.csv"
    path.write_text(CANDIDATES, encoding="utf-8")
    return path


def _spares(w: World) -> tuple[Candidate, Candidate]:
    pool = read_candidates(_candidates(w))
    junior, senior = pool.find("spare1", Side.MENTOR), pool.find("spare2", Side.MENTEE)
    assert junior and senior
    return junior, senior


LEADS = {"admin", "lead"}  # an admin, or a lead of the program (every lead, for now)

MATRIX: list[tuple[str, str, Call, set[str]]] = [
    ("users", "add", lambda w, a: w.s.users.add(a, "newbie", "participant", PASSWORD), {"admin"}),
    ("users", "list", lambda w, a: w.s.users.list(a), {"admin"}),
    ("users", "deactivate", lambda w, a: w.s.users.set_active(a, "spare1", False), {"admin"}),
    ("users", "set the mentee's password",
     lambda w, a: w.s.users.set_password(a, "mentee", PASSWORD + "!"), {"admin", "mentee"}),
    ("programs", "add", lambda w, a: w.s.programs.add(
        a, "Second", START.date(), START.date() + timedelta(days=90)), {"admin"}),
    ("programs", "list", lambda w, a: w.s.programs.list(a), ACTIVE),
    ("pairs", "add", lambda w, a: w.s.pairs.add(a, "spare1", "spare2"), {"admin"}),
    ("pairs", "list", lambda w, a: w.s.pairs.list(a), ACTIVE),
    ("pairs", "get", lambda w, a: w.s.pairs.get(a, w.pair.id), {"admin", "lead"} | MEMBERS),
    ("pairs", "set status", lambda w, a: w.s.pairs.set_status(a, w.pair.id, "paused"), {"admin"}),
    ("pairs", "add from a suggestion",
     lambda w, a: w.s.pairs.add_from_suggestion(a, None, *_spares(w)), LEADS),
    ("pairs", "end as done", lambda w, a: w.s.pairs.end(a, w.pair.id, "done"), MEMBERS),
    ("pairs", "end as not a good fit",
     lambda w, a: w.s.pairs.end(a, w.pair.id, "not_a_good_fit"), MEMBERS),
    ("suggestions", "programs", lambda w, a: w.s.suggestions.programs(a), LEADS),
    ("suggestions", "open pool",
     lambda w, a: w.s.suggestions.open_pool(a, None, _candidates(w)), LEADS),
    ("suggestions", "suggest", lambda w, a: w.s.suggestions.suggest(a, None, _candidates(w)),
     LEADS),
    ("suggestions", "score a swap", lambda w, a: w.s.suggestions.score(
        a, None, _candidates(w), "spare1", "spare2"), LEADS),
    ("suggestions", "accept", lambda w, a: w.s.suggestions.accept(
        a, w.ids["program"], _candidates(w), "spare1", "spare2"), LEADS),
    ("health", "pair", lambda w, a: w.s.health.pair(a, w.pair.id), {"lead"} | MEMBERS),
    ("health", "program", lambda w, a: w.s.health.program(a), {"lead"}),
    ("health", "table", lambda w, a: w.s.health.table(a), {"lead"}),
    ("health", "csv", lambda w, a: w.s.health.csv(a), {"lead"}),
    ("health", "held sessions", lambda w, a: w.s.health.held_sessions(a), {"lead"}),
    ("goals", "add", lambda w, a: w.s.plans.add_goal(a, w.pair.id, "Another goal"), MEMBERS),
    ("goals", "list", lambda w, a: w.s.plans.goals(a, w.pair.id), MEMBERS),
    ("goals", "update", lambda w, a: w.s.plans.update_goal(a, w.ids["goal"], 50), MEMBERS),
    ("actions", "add", lambda w, a: w.s.plans.add_action(a, w.pair.id, "Read it"), MEMBERS),
    ("actions", "list", lambda w, a: w.s.plans.actions(a, w.pair.id), MEMBERS),
    ("actions", "carry over", lambda w, a: w.s.plans.carry_over(a, w.pair.id), MEMBERS),
    ("actions", "set status",
     lambda w, a: w.s.plans.set_action_status(a, w.ids["action"], "done"), MEMBERS),
    ("sessions", "schedule", lambda w, a: w.s.sessions.schedule(
        a, w.pair.id, START + timedelta(days=15)), MEMBERS),
    ("sessions", "mark", lambda w, a: w.s.sessions.mark(a, w.ids["session"], "cancelled"),
     MEMBERS),
    ("sessions", "list", lambda w, a: w.s.sessions.sessions(a, w.pair.id), {"lead"} | MEMBERS),
    ("fit", "answer", lambda w, a: w.s.sessions.answer_fit(a, w.pair.id, "good_fit"), MEMBERS),
    ("fit", "read own", lambda w, a: w.s.sessions.my_fit(a, w.pair.id), MEMBERS),
    ("reflections", "write", lambda w, a: w.s.reflections.write(a, w.pair.id, "Notes"), MEMBERS),
    ("reflections", "read the mentor's",
     lambda w, a: w.s.reflections.get(a, w.ids["reflection"]), {"mentor"}),
    ("summaries", "draft", lambda w, a: w.s.summaries.draft(a, w.pair.id, "Draft"), MEMBERS),
    ("summaries", "read a draft", _summary(ConsentState.DRAFT), {"mentee"}),
    ("summaries", "read an approved one", _summary(ConsentState.APPROVED), {"mentee"}),
    ("summaries", "read one shared with the partner", _summary(ConsentState.SHARED_PARTNER),
     MEMBERS),
    ("summaries", "read one shared with the program", _summary(ConsentState.SHARED_PROGRAM),
     {"lead"} | MEMBERS),
    ("summaries", "revise", lambda w, a: w.s.summaries.revise(
        a, w.summaries[ConsentState.DRAFT].id, "Better"), {"mentee"}),
    ("summaries", "approve", lambda w, a: w.s.summaries.move(
        a, w.summaries[ConsentState.DRAFT].id, "approved"), {"mentee"}),
    ("summaries", "withdraw", lambda w, a: w.s.summaries.move(
        a, w.summaries[ConsentState.SHARED_PROGRAM].id, "draft"), {"mentee"}),
    ("summaries", "history", lambda w, a: w.s.summaries.history(
        a, w.summaries[ConsentState.DRAFT].id), {"mentee"}),
    ("summaries", "list a pair's", lambda w, a: w.s.summaries.for_pair(a, w.pair.id),
     {"lead"} | MEMBERS),
    ("summaries", "list those shared with the program",
     lambda w, a: w.s.summaries.shared_with_program(a), {"lead"}),
    ("summaries", "acknowledge one shared with the program", lambda w, a: w.s.summaries.acknowledge(
        a, w.summaries[ConsentState.SHARED_PROGRAM].id), {"lead"}),
    ("summaries", "list acknowledgements", lambda w, a: w.s.summaries.acknowledged(a), {"lead"}),
    ("artifacts", "save an agenda", lambda w, a: w.s.artifacts.save(
        a, w.pair.id, ArtifactKind.AGENDA, AGENDA), MEMBERS),
    ("artifacts", "save starters", lambda w, a: w.s.artifacts.save(
        a, w.pair.id, ArtifactKind.STARTERS, STARTERS), MEMBERS),
    ("artifacts", "list", lambda w, a: w.s.artifacts.list(a, w.pair.id), MEMBERS),
    ("artifacts", "get", lambda w, a: w.s.artifacts.get(a, w.ids["agenda"]), MEMBERS),
    ("artifacts", "edit", lambda w, a: w.s.artifacts.edit(
        a, w.ids["agenda"], shortened(AGENDA)), MEMBERS),
    ("artifacts", "revert", lambda w, a: w.s.artifacts.revert(a, w.ids["agenda"]), MEMBERS),
    ("ratings", "rate the agenda", lambda w, a: w.s.ratings.rate(
        a, "agenda", w.ids["agenda"], False, "too long"), MEMBERS),
    ("ratings", "rate a draft summary", lambda w, a: w.s.ratings.rate(
        a, "summary", w.summaries[ConsentState.DRAFT].id, True), {"mentee"}),
    ("ratings", "rate one shared with the program", lambda w, a: w.s.ratings.rate(
        a, "summary", w.summaries[ConsentState.SHARED_PROGRAM].id, True), {"lead"} | MEMBERS),
    ("ratings", "rate a chat answer about the pair", lambda w, a: w.s.ratings.rate(
        a, "chat", answer_key("Ask first."), True, pair_id=w.pair.id), MEMBERS),
    ("ratings", "rate a chat answer", lambda w, a: w.s.ratings.rate(
        a, "chat", answer_key("Ask first."), True), ACTIVE),
    ("ratings", "counts", lambda w, a: w.s.ratings.counts(a), {"admin"}),
    ("ratings", "reasons", lambda w, a: w.s.ratings.reasons(a), {"admin"}),
    ("ratings", "export", lambda w, a: w.s.ratings.export_jsonl(a, w.tmp / "r.jsonl"), {"admin"}),
    ("documents", "record", lambda w, a: w.s.catalogue.record(
        a, "guides/new.md", "New", "b" * 64, 2), {"admin"}),
    ("documents", "list", lambda w, a: w.s.catalogue.entries(a), ACTIVE),
    ("documents", "remove", lambda w, a: w.s.catalogue.remove(a, "guides/trust.md"), {"admin"}),
    ("audit log", "read", lambda w, a: w.s.audit.entries(a), {"admin"}),
    ("snapshots", "export", lambda w, a: w.s.snapshots.export(a), {"admin"}),
    ("backups", "back up", lambda w, a: w.s.backups.backup(a, w.tmp / "backup"), {"admin"}),
]  # fmt: skip

CASES = [
    pytest.param(call, role, role in allowed, id=f"{resource}:{action}:{role}")
    for resource, action, call, allowed in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize(("call", "role", "allowed"), CASES)
def test_permission_matrix(world: World, call: Call, role: str, allowed: bool):
    actor = world.people[role]
    before = copy.deepcopy(world.store.rows)
    if allowed:
        call(world, actor)
        return
    with pytest.raises(PermissionDenied) as denied:
        call(world, actor)
    message = str(denied.value)
    assert message.startswith("permission denied: ")
    assert not [text for text in SECRETS.values() if text in message]
    assert world.store.rows == before, "a forbidden call changed the store"


def test_every_role_is_both_allowed_and_denied_somewhere():
    """Guards the table itself: no role is all-powerful or locked out by a typo."""
    for role in ("admin", "lead", "mentor", "mentee", "outsider"):
        verdicts = {role in allowed for *_rest, allowed in MATRIX}
        assert verdicts == {True, False}, role
    assert not any("former" in allowed for *_rest, allowed in MATRIX)
