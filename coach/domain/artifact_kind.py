"""The kinds of artifact the coach writes: one enum, used by the registry, the store and the CLI."""

from __future__ import annotations

from enum import StrEnum


class ArtifactKind(StrEnum):
    """What an artifact is. Its value is the name stored in the database and used on the CLI."""

    AGENDA = "agenda"
    STARTERS = "starters"
    SUMMARY = "summary"
    FOLLOWUP = "followup"
