"""Migration 0004 on SQLite and PostgreSQL: every ``agendas`` and ``starters`` row of schema 0003
becomes an artifact (count and content); an export of the same rows imports to the same
artifacts; the downgrade brings them back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from alembic import command
from sqlalchemy import MetaData, Table, inspect

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifacts import ArtifactRecord
from coach.domain.starters import StarterSet
from coach.domain.users import User
from coach.services import snapshots
from coach.services.artifacts import ArtifactService
from coach.store.codec import to_row
from coach.store.database import Database
from coach.store.migrate import alembic_config, head_revision
from coach.store.records import spec_for
from coach.store.sql import SqlStore
from tests.integration.store.conftest import BACKENDS, bare_database, fresh_database
from tests.integration.store.test_contract import T0, seed

pytestmark = pytest.mark.integration

NAIVE = {"created_at": T0.replace(tzinfo=None)}  # as the 0003 columns hold times: naive UTC
PROVENANCE = {"prompt_id": "session_agenda", "prompt_version": "3", "model": "qwen",
              "citations": ["trust#2"]}  # fmt: skip
NONE = {"prompt_id": None, "prompt_version": None, "model": None, "citations": []}
AGENDAS = [
    {"id": "agd_1", "pair_id": "p1", "session_id": None, "created_by": "u1", **PROVENANCE,
     "items": [{"title": "Check-in", "minutes": 5, "notes": ""},
               {"title": "Goals", "minutes": 20, "notes": "Pick one\nWhat matters?"}]},
    {"id": "agd_2", "pair_id": "p1", "session_id": None, "created_by": "u2", **NONE,
     "items": [{"title": "Wrap-up", "minutes": 10, "notes": "x"}]},
]  # fmt: skip
STARTERS = [
    {"id": "str_1", "pair_id": "p1", "session_id": None, "created_by": "u1", **PROVENANCE,
     "text": "What would you do if I disagreed in public?", "topic": "power dynamics"},
    {"id": "str_2", "pair_id": "p1", "session_id": None, "created_by": "u1", **PROVENANCE,
     "text": "Which habit of my generation puzzles you?", "topic": "Generations"},
    {"id": "str_3", "pair_id": "p1", "session_id": None, "created_by": "u2", **NONE,
     "text": "How shall we talk between sessions?", "topic": "small talk"},
]  # fmt: skip


@dataclass
class Legacy:
    backend: str
    database: Database


def migrate(database: Database, revision: str, down: bool = False) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def table(database: Database, name: str) -> Table:
    return Table(name, MetaData(), autoload_with=database.engine)


def rows(database: Database, name: str) -> list[dict]:
    found = table(database, name)
    with database.engine.connect() as connection:
        return [dict(r._mapping) for r in connection.execute(found.select().order_by(found.c.id))]


class _Recorder:
    """Collects what ``seed`` inserts, so it can be written with the columns of an old schema."""

    def __init__(self) -> None:
        self.records: list = []

    def insert(self, record) -> None:
        self.records.append(record)


def seed_legacy(database: Database) -> None:
    """The contract seed at schema 0003: each row keeps only the columns that schema had
    (columns added since, such as ``users.email``, did not exist yet)."""
    recorder = _Recorder()
    seed(recorder)
    olds = [table(database, spec_for(type(record)).table.name) for record in recorder.records]
    with database.engine.begin() as connection:
        for record, old in zip(recorder.records, olds, strict=True):
            row = {k: v for k, v in to_row(record).items() if k in old.c}
            connection.execute(old.insert(), [row])


@pytest.fixture(params=BACKENDS)
def legacy(request, tmp_path) -> Iterator[Legacy]:
    """A database at schema 0003 holding two agendas and three starters."""
    with bare_database(request.param, tmp_path) as database:
        migrate(database, "0003")
        seed_legacy(database)
        agendas, starters = table(database, "agendas"), table(database, "starters")
        with database.engine.begin() as connection:
            connection.execute(agendas.insert(), [{**row, **NAIVE} for row in AGENDAS])
            connection.execute(starters.insert(), [{**row, **NAIVE} for row in STARTERS])
        yield Legacy(request.param, database)


def test_every_agenda_and_starter_row_becomes_an_artifact(legacy):
    migrate(legacy.database, "head")
    with SqlStore(legacy.database).transaction(write=False) as tx:
        found = {a.id: a for a in tx.find(ArtifactRecord)}
    assert sorted(found) == ["agd_1", "agd_2", "str_1", "str_2", "str_3"]
    assert found["agd_1"] == ArtifactRecord(
        id="agd_1", kind=ArtifactKind.AGENDA, pair_id="p1", session_id=None,
        content={
            "title": "Session agenda", "phase": "middle", "minutes": 25, "objectives": [],
            "items": [
                {"minutes": 5, "title": "Check-in", "purpose": "", "prompts": [],
                 "goal_ids": [], "citations": []},
                {"minutes": 20, "title": "Goals", "purpose": "Pick one\nWhat matters?",
                 "prompts": [], "goal_ids": [], "citations": []},
            ],
            "carry_over": [], "preparation": {"mentor": "", "mentee": ""}, "next_steps": [],
        },
        edited=None, prompt_id="session_agenda", prompt_version="3", model="qwen",
        citations=("trust#2",), prompt_tokens=0, completion_tokens=0,
        created_by="u1", created_at=T0, updated_by=None, updated_at=None,
    )  # fmt: skip
    assert (found["agd_2"].prompt_id, found["agd_2"].citations) == (None, ())
    starters = [found[i].content["starters"] for i in ("str_1", "str_2", "str_3")]
    assert [s[0]["text"] for s in starters] == [row["text"] for row in STARTERS]
    assert [s[0]["category"] for s in starters] == [
        "power_dynamics", "generational_differences", "communication"]  # fmt: skip
    assert starters[0][0]["rationale"] == "" and "small talk" in starters[2][0]["rationale"]
    for artifact in found.values():
        model = Agenda if artifact.kind is ArtifactKind.AGENDA else StarterSet
        normal = model.model_validate(artifact.content).model_dump(mode="json", exclude={"meta"})
        # each starter's "template" and each agenda item's "pattern" came after the migration
        listed = "starters" if model is StarterSet else "items"
        pairs = zip(normal[listed], artifact.content[listed], strict=True)
        normal[listed] = [{key: s[key] for key in old} for s, old in pairs]
        # nothing lost or changed; fields added since the migration take their defaults
        assert {key: normal[key] for key in artifact.content} == artifact.content
    names = set(inspect(legacy.database.engine).get_table_names())
    assert "artifacts" in names and not names & {"agendas", "starters"}
    assert legacy.database.revision() == head_revision()


def test_an_export_of_schema_0003_imports_as_the_migration_converts(legacy, tmp_path):
    plain = {"created_at": T0.isoformat()}  # what an export at 0003 wrote
    migrate(legacy.database, "head")
    migrated = snapshots.collect(SqlStore(legacy.database))
    document = {**migrated, "schema": "0003", "tables": {
        **{k: v for k, v in migrated["tables"].items() if k != "artifacts"},
        "agendas": [{**row, **plain} for row in AGENDAS],
        "starters": [{**row, **plain} for row in STARTERS],
    }}  # fmt: skip
    with fresh_database(legacy.backend, tmp_path) as database:
        counts = snapshots.load(SqlStore(database), document)
        imported = snapshots.collect(SqlStore(database))
    assert counts["artifacts"] == len(AGENDAS) + len(STARTERS)
    assert snapshots.dumps(imported) == snapshots.dumps(migrated)


def test_the_downgrade_brings_agendas_and_starters_back_with_the_current_version(legacy):
    migrate(legacy.database, "head")
    store = SqlStore(legacy.database)
    with store.transaction(write=False) as tx:
        mentor = tx.get(User, "u1")
        content = tx.get(ArtifactRecord, "agd_1").content
    edited = {**content, "items": [dict(content["items"][0], title="Quick check-in"),
                                   *content["items"][1:]]}  # fmt: skip
    ArtifactService(store).edit(mentor, "agd_1", edited)
    migrate(legacy.database, "0003", down=True)
    agendas = rows(legacy.database, "agendas")
    assert [a["id"] for a in agendas] == ["agd_1", "agd_2"]
    assert [i["title"] for i in agendas[0]["items"]] == ["Quick check-in", "Goals"]
    assert agendas[1]["items"] == AGENDAS[1]["items"]
    assert agendas[0]["items"][1]["notes"] == "Pick one\nWhat matters?"
    starters = rows(legacy.database, "starters")
    assert [(s["id"], s["text"]) for s in starters] == [(r["id"], r["text"]) for r in STARTERS]
    assert starters[0]["topic"] == "power_dynamics"
    assert starters[0]["created_at"] == NAIVE["created_at"]
    assert "artifacts" not in inspect(legacy.database.engine).get_table_names()
