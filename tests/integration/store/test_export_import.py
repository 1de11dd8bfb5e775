"""Export, import into an empty database, export again: the two files are identical."""

from __future__ import annotations

import pytest

from coach.services import snapshots
from coach.services.access import OPERATOR
from coach.services.errors import UserError
from coach.store import legacy_artifacts
from coach.store.sql import SqlStore
from tests.integration.store.conftest import fresh_database
from tests.integration.store.helpers import fill

pytestmark = pytest.mark.integration


def test_export_import_export_is_identical(new_database, tmp_path):
    source, target = SqlStore(new_database()), SqlStore(new_database())
    fill(source)
    first = tmp_path / "first.json"
    second = tmp_path / "second.json"
    counts = snapshots.SnapshotService(source).export_file(OPERATOR, first)
    assert all(counts[name] > 0 for name in counts), counts  # every table is exercised
    assert snapshots.SnapshotService(target).import_file(OPERATOR, first) == counts
    snapshots.SnapshotService(target).export_file(OPERATOR, second)
    assert second.read_bytes() == first.read_bytes()


def test_an_import_into_a_database_with_data_is_refused(database, tmp_path):
    store = SqlStore(database)
    fill(store)
    path = tmp_path / "export.json"
    snapshots.SnapshotService(store).export_file(OPERATOR, path)
    with pytest.raises(UserError, match="not empty"):
        snapshots.SnapshotService(store).import_file(OPERATOR, path)


def test_an_export_moves_from_sqlite_to_postgresql_unchanged(tmp_path):
    with (
        fresh_database("sqlite", tmp_path) as sqlite,
        fresh_database("postgres", tmp_path) as postgres,
    ):
        fill(SqlStore(sqlite))
        document = snapshots.collect(SqlStore(sqlite))
        snapshots.load(SqlStore(postgres), document)
        assert snapshots.dumps(snapshots.collect(SqlStore(postgres))) == snapshots.dumps(document)


def test_an_export_made_before_the_login_sessions_migration_still_imports(new_database, tmp_path):
    source, target = SqlStore(new_database()), SqlStore(new_database())
    fill(source)
    document = snapshots.collect(source)
    document["schema"] = "0001"  # what schema 0001 wrote: no login_sessions table
    del document["tables"]["login_sessions"]
    counts = snapshots.load(target, document)
    assert counts["login_sessions"] == 0 and counts["users"] == len(document["tables"]["users"])
    document["schema"] = "9999"
    with pytest.raises(UserError, match="schema '9999'"):
        snapshots.load(SqlStore(new_database()), document)


def test_an_export_made_before_the_artifacts_table_still_imports(new_database):
    source, target = SqlStore(new_database()), SqlStore(new_database())
    fill(source)
    document = snapshots.collect(source)
    artifacts = document["tables"].pop("artifacts")
    document["schema"] = "0003"  # what schema 0003 wrote: agendas and starters, one per row
    document["tables"]["agendas"] = [
        legacy_artifacts.to_agenda(a) for a in artifacts if a["kind"] == "agenda"
    ]
    document["tables"]["starters"] = [
        s for a in artifacts if a["kind"] == "starters" for s in legacy_artifacts.to_starters(a)
    ]
    counts = snapshots.load(target, document)
    assert counts["artifacts"] == len(artifacts) and "agendas" not in counts
    loaded = snapshots.collect(target)["tables"]["artifacts"]
    assert [(a["id"], a["kind"], a["created_at"]) for a in loaded] == [
        (a["id"], a["kind"], a["created_at"]) for a in artifacts
    ]
    document["schema"] = "0004"  # a newer export has no such tables
    with pytest.raises(UserError, match="tables are missing or unknown"):
        snapshots.load(SqlStore(new_database()), document)
