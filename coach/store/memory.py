"""An in-memory store with the same contract as ``SqlStore``: the fake for unit tests.

Keys, unique constraints, foreign keys and NOT NULL come from the SQLAlchemy tables, so the
fake refuses what the database refuses. The contract tests run against it too.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import UniqueConstraint

from coach.store.api import Conflict, Missing, R
from coach.store.codec import encode, to_row
from coach.store.records import BY_TABLE, SPECS, RecordSpec, spec_for

Rows = dict[type, dict[tuple, Any]]


def _sort_key(value: Any) -> tuple:
    return (value is not None, value)


class MemoryTx:
    """A transaction over the store's dicts; the store rolls back on error."""

    def __init__(self, rows: Rows) -> None:
        self.rows = rows

    def _check(self, spec: RecordSpec, record: Any, replacing: tuple | None) -> None:
        row = to_row(record)
        for column in spec.table.columns:
            if row[column.name] is None and not column.nullable:
                raise Conflict(f"NOT NULL constraint failed: {spec.table.name}.{column.name}")
        for constraint in spec.table.constraints:
            if isinstance(constraint, UniqueConstraint):
                names = [c.name for c in constraint.columns]
                mine = [row[n] for n in names]
                for key, other in self.rows[spec.cls].items():
                    if key != replacing and [encode(getattr(other, n)) for n in names] == mine:
                        raise Conflict(f"UNIQUE constraint failed: {spec.table.name}.{names}")
        for fk in spec.table.foreign_keys:
            value = row[fk.parent.name]
            target = BY_TABLE[fk.column.table.name]
            if value is not None and (value,) not in self.rows[target.cls]:
                raise Conflict(f"FOREIGN KEY constraint failed: {spec.table.name}.{fk.parent}")

    def insert(self, record: Any) -> None:
        spec = spec_for(type(record))
        key = spec.key_of(record)
        if key in self.rows[spec.cls]:
            raise Conflict(f"UNIQUE constraint failed: {spec.table.name} key {key}")
        self._check(spec, record, replacing=None)
        self.rows[spec.cls][key] = record

    def update(self, record: Any) -> None:
        spec = spec_for(type(record))
        key = spec.key_of(record)
        if key not in self.rows[spec.cls]:
            raise Missing(f"no {spec.table.name} row {key}")
        self._check(spec, record, replacing=key)
        self.rows[spec.cls][key] = record

    def delete(self, cls: type, *key: Any) -> None:
        spec = spec_for(cls)
        if key not in self.rows[cls]:
            raise Missing(f"no {spec.table.name} row {key}")
        for child in SPECS:
            for fk in child.table.foreign_keys:
                if fk.column.table is spec.table and any(
                    getattr(r, fk.parent.name) == key[0] for r in self.rows[child.cls].values()
                ):
                    raise Conflict(f"FOREIGN KEY constraint failed: {child.table.name}")
        del self.rows[cls][key]

    def get(self, cls: type[R], *key: Any) -> R | None:
        spec = spec_for(cls)
        if len(key) != len(spec.key):
            raise TypeError(f"{spec.table.name} is keyed by {spec.key}")
        return self.rows[cls].get(tuple(key))

    def find(self, cls: type[R], **equals: Any) -> list[R]:
        spec = spec_for(cls)
        unknown = set(equals) - set(spec.table.c.keys())
        if unknown:
            raise TypeError(f"{spec.table.name} has no column(s) {sorted(unknown)}")
        wanted = {name: encode(value) for name, value in equals.items()}
        found = [
            r
            for r in self.rows[cls].values()
            if all(encode(getattr(r, n)) == v for n, v in wanted.items())
        ]
        order = spec.order + spec.key
        return sorted(found, key=lambda r: tuple(_sort_key(getattr(r, n)) for n in order))

    def lock_first(self, cls: type[R], skip_locked: bool = False, **equals: Any) -> R | None:
        """The store's lock is held for the whole transaction: the first match is ours."""
        return next(iter(self.find(cls, **equals)), None)

    def count(self, cls: type) -> int:
        return len(self.rows[cls])


class MemoryStore:
    """Records in dicts, one writer at a time, all-or-nothing transactions."""

    backend = "memory"

    def __init__(self) -> None:
        self.rows: Rows = {spec.cls: {} for spec in SPECS}
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[MemoryTx]:
        with self._lock:
            saved = {cls: dict(table) for cls, table in self.rows.items()}
            try:
                yield MemoryTx(self.rows)
            except BaseException:
                self.rows.clear()
                self.rows.update(saved)
                raise

    def is_empty(self) -> bool:
        return not any(self.rows.values())

    def close(self) -> None:
        """Nothing to release."""
