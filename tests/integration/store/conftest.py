"""Databases for the store tests: SQLite in a temp dir, and a real PostgreSQL.

The PostgreSQL variant needs COACH_TEST_POSTGRES_URL (scripts/start-postgres.sh prints one).
Without it the variant is skipped locally, but fails under CI=true so CI cannot skip silently.
Each PostgreSQL test gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.config import env_flag
from coach.store.database import Database
from coach.store.engine import normalise_url
from coach.store.memory import MemoryStore
from coach.store.sql import SqlStore

BACKENDS = ("sqlite", "postgres")


def postgres_url() -> str:
    url = os.environ.get("COACH_TEST_POSTGRES_URL", "").strip()
    if url:
        return url
    if env_flag("CI"):
        pytest.fail(
            "CI is set but COACH_TEST_POSTGRES_URL is not: start PostgreSQL with "
            "scripts/start-postgres.sh and export the URL it prints",
            pytrace=False,
        )
    pytest.skip("set COACH_TEST_POSTGRES_URL to run the PostgreSQL variant")


@contextmanager
def bare_database(backend: str, folder: Path) -> Iterator[Database]:
    """A new database of ``backend`` with no schema yet (not migrated)."""
    if backend == "sqlite":
        database = Database(f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.db'}")
        try:
            yield database
        finally:
            database.dispose()
        return
    url = postgres_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(url))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    database = Database(url, {"options": f"-csearch_path={schema}"})
    try:
        yield database
    finally:
        database.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[Database]:
    """A new, migrated, empty database of ``backend``."""
    with bare_database(backend, folder) as database:
        database.upgrade()
        yield database


@pytest.fixture(params=BACKENDS)
def new_database(request, tmp_path) -> Iterator[Callable[[], Database]]:
    """A factory of fresh databases, all of one backend (the parameter)."""
    with ExitStack() as stack:
        yield lambda: stack.enter_context(fresh_database(request.param, tmp_path))


@pytest.fixture
def database(new_database) -> Database:
    return new_database()


@pytest.fixture(params=("memory", *BACKENDS))
def store(request, tmp_path):
    """Every store implementation: the in-memory fake must behave like the databases."""
    if request.param == "memory":
        yield MemoryStore()
        return
    with fresh_database(request.param, tmp_path) as database:
        yield SqlStore(database)
