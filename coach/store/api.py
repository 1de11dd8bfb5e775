"""What services need from a store: transactions with insert, update, delete, get and find.

Two implementations honour it: ``SqlStore`` (SQLite or PostgreSQL) and ``MemoryStore`` (the
fake the unit tests use). One contract test suite runs against all of them.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

R = TypeVar("R")


class StoreError(Exception):
    """Base of the errors a store raises."""


class Conflict(StoreError):
    """A unique key, a foreign key or a required value was violated."""


class Missing(StoreError):
    """An update or delete named a record that does not exist."""


class Tx(Protocol):
    """One transaction: every change in it commits together or not at all."""

    def insert(self, record: Any) -> None: ...

    def update(self, record: Any) -> None: ...

    def delete(self, cls: type, *key: Any) -> None: ...

    def get(self, cls: type[R], *key: Any) -> R | None: ...

    def find(self, cls: type[R], **equals: Any) -> list[R]: ...

    def lock_first(self, cls: type[R], skip_locked: bool = False, **equals: Any) -> R | None:
        """The first match in the declared order, locked until this writing transaction ends.

        With ``skip_locked``, rows another transaction holds are passed over (a queue's claim).
        """
        ...


class Store(Protocol):
    """A place records live. ``transaction(write=False)`` promises not to write."""

    backend: str

    def transaction(self, write: bool = True) -> AbstractContextManager[Tx]: ...

    def is_empty(self) -> bool: ...
