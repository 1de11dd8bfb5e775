"""The store contract, run against the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.goals import Goal, GoalStatus
from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.summaries import ConsentState, Summary
from coach.domain.users import Role, User
from coach.store.api import Conflict, Missing
from tests.artifact_samples import AGENDA, shortened

pytestmark = pytest.mark.integration

T0 = datetime(2026, 5, 4, 9, 30, 15, 123456, tzinfo=UTC)
PROFILE = Profile("Analyst", "Gen Z", "Operations", ("SQL", "video"), ("climbing",))


def user(uid: str, username: str, at: datetime = T0) -> User:
    return User(uid, username, Role.PARTICIPANT, "Tomás Ñúñez ✓", True, at)


def seed(tx) -> Pair:
    tx.insert(user("u1", "mentor"))
    tx.insert(user("u2", "mentee"))
    tx.insert(Program("prg", "Pilot", ("Learn", "Teach"), date(2026, 1, 5), date(2026, 6, 30),
                      14, 45, 21, T0))  # fmt: skip
    pair = Pair("p1", "prg", "u1", "u2", PROFILE, Profile(), PairStatus.ACTIVE, T0)
    tx.insert(pair)
    return pair


def goal(gid: str, at: datetime, status: GoalStatus = GoalStatus.OPEN) -> Goal:
    return Goal(gid, "p1", "u2", f"goal {gid}", "", None, status, 10, at, at)


def artifact(aid: str, edited: dict | None = None) -> ArtifactRecord:
    return ArtifactRecord(
        id=aid, kind=ArtifactKind.AGENDA, pair_id="p1", session_id=None, content=AGENDA,
        edited=edited, prompt_id="agenda", prompt_version="2", model="qwen",
        citations=("guide#1", "guide#2"), prompt_tokens=812, completion_tokens=240,
        created_by="u1", created_at=T0, updated_by="u2" if edited else None,
        updated_at=T0 + timedelta(minutes=5) if edited else None,
    )  # fmt: skip


def test_records_round_trip_with_every_field_type(store):
    agenda = artifact("a1", edited=shortened(AGENDA))
    with store.transaction() as tx:
        pair = seed(tx)
        tx.insert(agenda)
        tx.insert(artifact("a2"))
    with store.transaction(write=False) as tx:
        assert tx.get(Pair, "p1") == pair
        assert tx.get(ArtifactRecord, "a1") == agenda
        assert tx.get(ArtifactRecord, "a1").current["title"] == "Session 2 (short)"
        assert tx.get(ArtifactRecord, "a2").edited is None
        assert [a.id for a in tx.find(ArtifactRecord, kind=ArtifactKind.AGENDA)] == ["a1", "a2"]
        assert tx.get(Program, "prg").objectives == ("Learn", "Teach")
        loaded = tx.get(User, "u1")
    assert loaded.created_at == T0 and loaded.created_at.tzinfo is not None
    assert loaded.display_name == "Tomás Ñúñez ✓"


def test_times_in_other_zones_come_back_as_the_same_instant(store):
    elsewhere = T0.astimezone(timezone(timedelta(hours=-5)))
    with store.transaction() as tx:
        tx.insert(user("u1", "alice", elsewhere))
    with store.transaction(write=False) as tx:
        assert tx.get(User, "u1").created_at == T0


def test_find_filters_by_value_and_enum_and_sorts_by_the_declared_order(store):
    with store.transaction() as tx:
        seed(tx)
        tx.insert(goal("g2", T0 + timedelta(minutes=2)))
        tx.insert(goal("g1", T0 + timedelta(minutes=1)))
        tx.insert(goal("g3", T0 + timedelta(minutes=3), GoalStatus.ACHIEVED))
    with store.transaction(write=False) as tx:
        assert [g.id for g in tx.find(Goal)] == ["g1", "g2", "g3"]
        assert [g.id for g in tx.find(Goal, status=GoalStatus.ACHIEVED)] == ["g3"]
        assert [g.id for g in tx.find(Goal, pair_id="p1", status="open")] == ["g1", "g2"]
        assert tx.find(Goal, pair_id="nope") == []
        assert tx.get(Goal, "nope") is None


def test_update_replaces_and_delete_removes(store):
    with store.transaction() as tx:
        seed(tx)
        tx.insert(goal("g1", T0))
    with store.transaction() as tx:
        tx.update(replace(goal("g1", T0), progress=75))
    with store.transaction() as tx:
        assert tx.get(Goal, "g1").progress == 75
        tx.delete(Goal, "g1")
    with store.transaction(write=False) as tx:
        assert tx.get(Goal, "g1") is None


def test_update_or_delete_of_a_missing_record_raises_missing(store):
    with pytest.raises(Missing), store.transaction() as tx:
        tx.update(user("ghost", "ghost"))
    with pytest.raises(Missing), store.transaction() as tx:
        tx.delete(User, "ghost")


@pytest.mark.parametrize(
    "violation",
    [
        pytest.param(lambda tx: tx.insert(user("u1", "someone-else")), id="primary key"),
        pytest.param(lambda tx: tx.insert(user("u9", "mentor")), id="unique username"),
        pytest.param(
            lambda tx: tx.update(replace(user("u2", "mentee"), username="mentor")),
            id="unique on update",
        ),  # fmt: skip
        pytest.param(
            lambda tx: tx.insert(replace(goal("g9", T0), pair_id="nope")), id="foreign key"
        ),  # fmt: skip
        pytest.param(lambda tx: tx.delete(User, "u1"), id="delete a referenced parent"),
        pytest.param(
            lambda tx: tx.insert(replace(goal("g9", T0), success_criteria=None)), id="not null"
        ),  # fmt: skip
    ],
)
def test_constraint_violations_raise_conflict_and_roll_back(store, violation):
    with store.transaction() as tx:
        seed(tx)
    with pytest.raises(Conflict), store.transaction() as tx:
        tx.insert(goal("g-before", T0))  # must vanish with the failed transaction
        violation(tx)
    with store.transaction(write=False) as tx:
        assert tx.get(Goal, "g-before") is None
        assert tx.get(User, "u1").username == "mentor"


def test_any_error_rolls_the_whole_transaction_back(store):
    with pytest.raises(RuntimeError), store.transaction() as tx:
        seed(tx)
        raise RuntimeError("boom")
    assert store.is_empty()


def test_is_empty_sees_any_record(store):
    assert store.is_empty()
    with store.transaction() as tx:
        tx.insert(user("u1", "alice"))
    assert not store.is_empty()


def test_optional_fields_and_tuples_survive_as_none_and_empty(store):
    summary = Summary("s1", "p1", None, "u2", ConsentState.SHARED_PARTNER, 1, T0, T0)
    with store.transaction() as tx:
        seed(tx)
        tx.insert(summary)
    with store.transaction(write=False) as tx:
        loaded = tx.get(Summary, "s1")
    assert loaded == summary and loaded.citations == () and loaded.prompt_id is None


def test_wrong_keys_and_unknown_columns_are_programming_errors(store):
    with store.transaction(write=False) as tx:
        with pytest.raises(TypeError):
            tx.get(User, "u1", "extra")
        with pytest.raises(TypeError):
            tx.find(User, nickname="x")


def test_sql_errors_never_carry_the_values_they_were_given(tmp_path):
    """``hide_parameters``: a failing statement's message shows no bound value (a password
    hash, a reflection) that a log line would then keep."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from coach.store.engine import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    secret = "canary-secret-value"
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (v TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": secret})
    with pytest.raises(IntegrityError) as error, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:v)"), {"v": secret})
    assert secret not in str(error.value) and "hidden" in str(error.value)
    engine.dispose()
