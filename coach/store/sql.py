"""The store on SQLAlchemy Core: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.exc import IntegrityError

from coach.store.api import Conflict, Missing, R
from coach.store.codec import encode, from_row, to_row
from coach.store.database import Database
from coach.store.records import SPECS, RecordSpec, spec_for


class SqlTx:
    """A transaction on one connection."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @staticmethod
    def _where(spec: RecordSpec, values: dict[str, Any]):
        columns = spec.table.c
        unknown = set(values) - set(columns.keys())
        if unknown:
            raise TypeError(f"{spec.table.name} has no column(s) {sorted(unknown)}")
        return and_(True, *(columns[name] == encode(value) for name, value in values.items()))

    def _key_filter(self, spec: RecordSpec, key: tuple) -> Any:
        if len(key) != len(spec.key):
            raise TypeError(f"{spec.table.name} is keyed by {spec.key}")
        return self._where(spec, dict(zip(spec.key, key, strict=True)))

    def _run(self, statement) -> Any:
        try:
            return self.connection.execute(statement)
        except IntegrityError as error:
            raise Conflict(str(error.orig).splitlines()[0]) from error

    def insert(self, record: Any) -> None:
        spec = spec_for(type(record))
        self._run(spec.table.insert().values(**to_row(record)))

    def update(self, record: Any) -> None:
        spec = spec_for(type(record))
        where = self._key_filter(spec, spec.key_of(record))
        result = self._run(spec.table.update().where(where).values(**to_row(record)))
        if result.rowcount == 0:
            raise Missing(f"no {spec.table.name} row {spec.key_of(record)}")

    def delete(self, cls: type, *key: Any) -> None:
        spec = spec_for(cls)
        result = self._run(spec.table.delete().where(self._key_filter(spec, key)))
        if result.rowcount == 0:
            raise Missing(f"no {spec.table.name} row {key}")

    def get(self, cls: type[R], *key: Any) -> R | None:
        spec = spec_for(cls)
        row = self.connection.execute(select(spec.table).where(self._key_filter(spec, key))).first()
        return None if row is None else from_row(cls, row._mapping)

    def find(self, cls: type[R], **equals: Any) -> list[R]:
        spec = spec_for(cls)
        order = [spec.table.c[name] for name in spec.order + spec.key]
        query = select(spec.table).where(self._where(spec, equals)).order_by(*order)
        return [from_row(cls, row._mapping) for row in self.connection.execute(query)]

    def lock_first(self, cls: type[R], skip_locked: bool = False, **equals: Any) -> R | None:
        """PostgreSQL: ``FOR NO KEY UPDATE [SKIP LOCKED]``. SQLite has no row locks and needs
        none: a writing transaction began IMMEDIATE, so it is the only writer."""
        spec = spec_for(cls)
        order = [spec.table.c[name] for name in spec.order + spec.key]
        query = (
            select(spec.table).where(self._where(spec, equals)).order_by(*order).limit(1)
            .with_for_update(skip_locked=skip_locked, key_share=True)
        )  # fmt: skip
        row = self.connection.execute(query).first()
        return None if row is None else from_row(cls, row._mapping)

    def count(self, cls: type) -> int:
        spec = spec_for(cls)
        return self.connection.execute(select(func.count()).select_from(spec.table)).scalar_one()


class SqlStore:
    """Records in a migrated SQL database."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.backend = database.backend

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[SqlTx]:
        with self.database.connect(write) as connection, connection.begin():
            yield SqlTx(connection)

    def is_empty(self) -> bool:
        with self.transaction(write=False) as tx:
            return all(tx.count(spec.cls) == 0 for spec in SPECS)

    def close(self) -> None:
        self.database.dispose()
