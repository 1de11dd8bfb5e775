"""Pair files and reflections from outside: read, size-checked and validated, one clear error
for every way they can be wrong."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from coach.domain.pair_profile import PairProfile
from coach.services.errors import UserError

MAX_REFLECTION_CHARS = 12_000
MAX_PAIR_FILE_BYTES = 1_000_000


def profile_from(data: Any, origin: str = "the pair") -> PairProfile:
    """A validated pair profile, or a ``UserError`` naming the first problem."""
    if not isinstance(data, dict):
        raise UserError(f"{origin}: a pair file is a JSON object (see evals/README.md)")
    try:
        return PairProfile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise UserError(f"{origin}: {where}: {first['msg']} (see evals/README.md)") from None


def read_pair_file(path: Path) -> PairProfile:
    """Load a pair file from disk with one clear error for every way it can be wrong."""
    try:
        if path.stat().st_size > MAX_PAIR_FILE_BYTES:
            raise UserError(f"{path}: a pair file is at most {MAX_PAIR_FILE_BYTES:,} bytes")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UserError(f"{path}: not a readable pair JSON file ({error})") from None
    except RecursionError:
        raise UserError(f"{path}: the JSON is nested too deeply to be a pair file") from None
    return profile_from(data, str(path))


def check_reflection(text: str) -> str:
    """The reflection stripped, or a ``UserError`` if it is empty or too long to summarise."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise UserError("The reflection is empty: write what happened in the session first.")
    if len(cleaned) > MAX_REFLECTION_CHARS:
        raise UserError(
            f"The reflection is {len(cleaned):,} characters; summaries take up to "
            f"{MAX_REFLECTION_CHARS:,}. Split it into parts and summarise each."
        )
    return cleaned
