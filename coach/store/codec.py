"""Dataclass records to plain rows and back, driven by the dataclass type hints.

``to_row`` keeps dates and datetimes as objects (for SQLAlchemy); ``to_plain`` makes every value
JSON-safe (for export). Enums become their values, nested dataclasses dicts, tuples lists.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _unwrap_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def encode(value: Any, plain: bool = False) -> Any:
    """A stored form of ``value``."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name), plain) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [encode(v, plain) for v in value]
    if plain and isinstance(value, date):  # datetime is a date too
        return value.isoformat()
    return value


def decode(value: Any, hint: Any) -> Any:
    """The typed value for ``hint`` from its stored form (either flavour)."""
    hint = _unwrap_optional(hint)
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin is tuple:
        (item_hint, *_rest) = typing.get_args(hint)
        return tuple(decode(v, item_hint) for v in value)
    if isinstance(hint, type):
        if issubclass(hint, enum.Enum):
            return hint(value)
        if dataclasses.is_dataclass(hint):
            return from_row(hint, value)
        if hint is datetime and isinstance(value, str):
            return datetime.fromisoformat(value)
        if hint is date and isinstance(value, str):
            return date.fromisoformat(value)
    return value


def to_row(record: Any, plain: bool = False) -> dict[str, Any]:
    """Column name to stored value for a record."""
    return {f.name: encode(getattr(record, f.name), plain) for f in dataclasses.fields(record)}


def to_plain(record: Any) -> dict[str, Any]:
    """A JSON-safe row for a record."""
    return to_row(record, plain=True)


def from_row(cls: type, row: typing.Mapping[str, Any]) -> Any:
    """Build ``cls`` from a row; unknown keys are an error, missing ones use the defaults."""
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    extra = set(row) - names
    if extra:
        raise ValueError(f"{cls.__name__} has no field(s) {sorted(extra)}")
    return cls(**{name: decode(value, hints[name]) for name, value in row.items()})
