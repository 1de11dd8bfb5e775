"""A backup restored into an empty data dir yields the same export and Chroma folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from coach.config import Settings
from coach.services import snapshots
from coach.services.access import OPERATOR
from coach.services.backups import BackupService
from coach.services.container import Services
from coach.services.errors import UserError
from coach.store.sql import SqlStore
from tests.integration.store.helpers import fill

pytestmark = pytest.mark.integration


def fake_chroma(folder: Path) -> None:
    """A folder shaped like Chroma's: a live SQLite file (WAL) and binary segment files."""
    (folder / "segment-1").mkdir(parents=True)
    (folder / "segment-1" / "data_level0.bin").write_bytes(bytes(range(256)) * 40)
    connection = sqlite3.connect(folder / "chroma.sqlite3")
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE embeddings (id TEXT, text TEXT)")
    connection.executemany("INSERT INTO embeddings VALUES (?, ?)", [("a", "one"), ("b", "two")])
    connection.commit()  # left open: the backup must still see a consistent copy


def rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT * FROM embeddings ORDER BY id").fetchall()


def data_dir_settings(settings: Settings, folder: Path) -> Settings:
    return settings.model_copy(update={"data_dir": folder})


def test_a_restored_data_dir_has_the_same_export_and_chroma(settings, tmp_path):
    original = Services(data_dir_settings(settings, tmp_path / "original"))
    fill(original.store)
    fake_chroma(original.settings.chroma_dir)
    manifest = original.backups.backup(OPERATOR, tmp_path / "backup")
    assert manifest["database"] == "flipside.db" and manifest["chroma_files"] == 2
    expected = snapshots.dumps(original.snapshots.export(OPERATOR))

    restored = Services(data_dir_settings(settings, tmp_path / "restored"))
    restored.backups.restore(OPERATOR, tmp_path / "backup")
    assert snapshots.dumps(restored.snapshots.export(OPERATOR)) == expected
    chroma = restored.settings.chroma_dir
    assert rows(chroma / "chroma.sqlite3") == [("a", "one"), ("b", "two")]
    segment = "segment-1/data_level0.bin"
    assert (chroma / segment).read_bytes() == (original.settings.chroma_dir / segment).read_bytes()


def test_backup_and_restore_work_on_every_backend(new_database, tmp_path):
    source = SqlStore(new_database())
    fill(source)
    BackupService(source, tmp_path / "no-chroma", source.database.sqlite_path).backup(
        OPERATOR, tmp_path / "backup"
    )
    target = SqlStore(new_database())
    BackupService(target, tmp_path / "chroma-restored").restore(OPERATOR, tmp_path / "backup")
    assert snapshots.dumps(snapshots.collect(target)) == snapshots.dumps(snapshots.collect(source))


def test_restore_refuses_a_database_that_has_data(database, tmp_path):
    store = SqlStore(database)
    fill(store)
    backups = BackupService(store, tmp_path / "chroma", database.sqlite_path)
    backups.backup(OPERATOR, tmp_path / "backup")
    with pytest.raises(UserError, match="not empty"):
        backups.restore(OPERATOR, tmp_path / "backup")
    with pytest.raises(UserError, match="not empty"):
        backups.backup(OPERATOR, tmp_path / "backup")


def test_a_restored_real_chroma_index_answers_the_same(settings, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rules.md").write_text("---\ntitle: Rules\n---\n## Phones\nPhones stay face down.\n")
    original = Services(data_dir_settings(settings, tmp_path / "original"))
    fill(original.store)
    original.ingest.ingest([docs])
    before = [p.id for p in original.retriever.search("phones face down", 3)]
    original.backups.backup(OPERATOR, tmp_path / "backup")

    restored = Services(data_dir_settings(settings, tmp_path / "restored"))
    restored.backups.restore(OPERATOR, tmp_path / "backup")
    assert [p.id for p in restored.retriever.search("phones face down", 3)] == before
    assert before == ["rules.md#phones-0"]
