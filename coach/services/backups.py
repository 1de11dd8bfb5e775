"""Backups: a consistent snapshot of the database and of the Chroma folder, and restore.

SQLite is copied with SQLite's online backup API (consistent while the app runs); any other
database is saved as the JSON export. SQLite files inside the Chroma folder are copied the
same way, the rest file by file. Restore fills an empty database and an empty Chroma folder.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from coach.domain.users import User
from coach.private_files import strip_loose_bits
from coach.services import snapshots
from coach.services.errors import UserError
from coach.store.api import Store
from coach.store.database import open_database
from coach.store.migrate import head_revision
from coach.store.sql import SqlStore

MANIFEST = "manifest.json"
FORMAT = "flipside-backup"
SQLITE_MAGIC = b"SQLite format 3\x00"


def sqlite_copy(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database through the backup API."""
    src, dst = sqlite3.connect(source, timeout=30), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def _is_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_MAGIC


def copy_folder(source: Path, target: Path) -> int:
    """Copy a folder; SQLite files through the backup API, their -wal/-shm files skipped."""
    count = 0
    for path in sorted(source.rglob("*")):
        destination = target / path.relative_to(source)
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif not path.name.endswith(("-wal", "-shm", "-journal")):
            destination.parent.mkdir(parents=True, exist_ok=True)
            (sqlite_copy if _is_sqlite(path) else shutil.copy2)(path, destination)
            count += 1
    return count


def _empty(folder: Path) -> bool:
    return not folder.exists() or not any(folder.iterdir())


class BackupService:
    """Back up and restore one install: its database and its Chroma folder."""

    def __init__(self, store: Store, chroma_dir: Path, sqlite_path: Path | None = None) -> None:
        self.store = store
        self.chroma_dir = chroma_dir
        self.sqlite_path = sqlite_path
        self.snapshots = snapshots.SnapshotService(store)

    def backup(self, actor: User, out_dir: Path) -> dict[str, Any]:
        """Write a backup into ``out_dir`` (new or empty); returns the manifest."""
        snapshots.require_admin(self.store, actor)
        if not _empty(out_dir):
            raise UserError(f"{out_dir} is not empty: back up into a new folder")
        out_dir.mkdir(parents=True, exist_ok=True)
        if self.sqlite_path is not None:
            database = "flipside.db"
            sqlite_copy(self.sqlite_path, out_dir / database)
        else:
            database = "export.json"
            self.snapshots.export_file(actor, out_dir / database)
        chroma_files = 0
        if self.chroma_dir.is_dir():
            chroma_files = copy_folder(self.chroma_dir, out_dir / "chroma")
        manifest = {
            "format": FORMAT,
            "version": 1,
            "created_at": datetime.now(UTC).isoformat(),
            "schema": head_revision(),
            "database": database,
            "chroma_files": chroma_files,
        }
        (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        strip_loose_bits(out_dir)  # a folder made beforehand, or files copied with their modes
        return manifest

    def _read_manifest(self, backup_dir: Path) -> dict[str, Any]:
        try:
            manifest = json.loads((backup_dir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UserError(f"{backup_dir}: not a Flipside backup ({error})") from None
        if manifest.get("format") != FORMAT or manifest.get("database") not in (
            "flipside.db",
            "export.json",
        ):
            raise UserError(f"{backup_dir}: the manifest is not a Flipside backup manifest")
        return manifest

    def _document(self, backup_dir: Path, database: str) -> Any:
        if database == "export.json":
            return json.loads((backup_dir / database).read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory() as scratch:  # never touch the backup itself
            copy = Path(scratch) / database
            shutil.copyfile(backup_dir / database, copy)
            source = SqlStore(open_database(f"sqlite:///{copy}"))
            try:
                return snapshots.collect(source)
            finally:
                source.close()

    def restore(self, actor: User, backup_dir: Path) -> dict[str, int]:
        """Fill this empty install from a backup; returns the row count per table."""
        snapshots.require_admin(self.store, actor)
        manifest = self._read_manifest(backup_dir)
        if not _empty(self.chroma_dir):
            raise UserError(f"{self.chroma_dir} is not empty: restore into a fresh data dir")
        counts = snapshots.load(self.store, self._document(backup_dir, manifest["database"]))
        if (backup_dir / "chroma").is_dir():
            copy_folder(backup_dir / "chroma", self.chroma_dir)
        return counts
