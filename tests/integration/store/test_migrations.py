"""The migrations build exactly the tables in coach/store/tables.py, on both backends."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from coach.store.migrate import head_revision
from coach.store.tables import metadata

pytestmark = pytest.mark.integration


def test_migrations_match_the_table_definitions(database):
    with database.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), metadata) == []


def test_the_database_is_at_the_newest_revision_and_upgrading_again_is_harmless(database):
    assert database.revision() == head_revision()
    assert database.upgrade() == head_revision()
    tables = set(inspect(database.engine).get_table_names())
    assert tables == set(metadata.tables) | {"alembic_version"}


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(tmp_path):
    from coach.store.database import open_database

    database = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with database.engine.connect() as connection:
            pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
            assert pragma("journal_mode") == "wal"
            assert pragma("foreign_keys") == 1
            assert pragma("busy_timeout") >= 5000
    finally:
        database.dispose()


def test_the_migrations_have_exactly_one_head_and_ratings_is_the_newest():
    from alembic.script import ScriptDirectory

    from coach.store.migrate import alembic_config, known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == ["0007"], "two migrations claim the same parent"
    assert known_revisions()[-2:] == ("0006", "0007")
    assert script.get_revision("0007").down_revision == "0006"
