"""Engines: SQLite tuned for many writers (WAL, foreign keys, busy timeout), or PostgreSQL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

BUSY_TIMEOUT_MS = 15_000
WRITE = "flipside_write"  # execution option: begin SQLite transactions IMMEDIATE


def normalise_url(url: str) -> URL:
    """Accept ``postgres://`` and ``postgresql://``; both mean psycopg 3 here."""
    parsed = make_url(url.replace("postgres://", "postgresql://", 1))
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_connect(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, see _sqlite_begin
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _sqlite_begin(connection) -> None:
    """Writers take the write lock up front, so they queue on the busy timeout instead of
    failing with "database is locked" when a read transaction tries to upgrade."""
    write = connection.get_execution_options().get(WRITE, True)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str, connect_args: dict[str, Any] | None = None) -> Engine:
    """An engine for ``url``; SQLite folders are created on demand."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        args = {"timeout": BUSY_TIMEOUT_MS / 1000, **(connect_args or {})}
        engine = create_engine(
            parsed, connect_args=args, pool_size=8, max_overflow=24, hide_parameters=True
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(
        parsed, connect_args=connect_args or {}, pool_pre_ping=True, hide_parameters=True
    )
