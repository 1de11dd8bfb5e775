"""One database: its engine, its schema revision, and connections for reading or writing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from coach.store import migrate
from coach.store.engine import WRITE, make_engine, normalise_url


class Database:
    """An engine plus what the rest of the store needs to know about it."""

    def __init__(self, url: str, connect_args: dict[str, Any] | None = None) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(url, connect_args)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, for SQLite on disk; else None."""
        if self.backend != "sqlite" or self.url.database in (None, "", ":memory:"):
            return None
        return Path(self.url.database)

    def connect(self, write: bool = True) -> Connection:
        """A connection whose transactions begin as writers (SQLite: IMMEDIATE) or readers."""
        return self.engine.connect().execution_options(**{WRITE: write})

    def upgrade(self) -> str:
        """Migrate to the newest schema; returns the revision."""
        return migrate.upgrade(self.engine)

    def revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, connect_args: dict[str, Any] | None = None) -> Database:
    """Open ``url`` and migrate it: what the app does at startup."""
    database = Database(url, connect_args)
    database.upgrade()
    return database
