"""Labelled sentences the flag model learns from: the schema and its checks.

``library/flag-examples/<kind>.jsonl`` holds one sentence per line, as a participant might write
it in private notes, with ``label`` 1 when the sentence on its own meets the kind's definition
(``coach.domain.summary_flags``) and 0 when it does not; most 0s are near misses ("she asked me
to stop her if she rambles"). Written for us by people who had not read the project's data.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from coach.domain.wording import words

MIN_WORDS, MAX_WORDS = 4, 60
MIN_EACH = 200  # sentences of each label, per kind


class FlagExample(BaseModel):
    """One labelled sentence."""

    text: str = Field(min_length=1)
    label: Literal[0, 1]
    writer: Literal["mentor", "mentee"]
    note: str = ""


def parse_examples(name: str, text: str) -> tuple[list[FlagExample], list[str]]:
    """The examples in the JSON lines ``text`` of the file ``name``, and its problems, one line
    each (a broken line is left out)."""
    rows: list[FlagExample] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            row = FlagExample.model_validate(json.loads(line))
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "line"
            problems.append(f"{where}: {field}: {first['msg']}")
            continue
        except ValueError as error:
            problems.append(f"{where}: not JSON ({error})")
            continue
        size = len(words(row.text))
        if not MIN_WORDS <= size <= MAX_WORDS:
            problems.append(f"{where}: {size} words; write {MIN_WORDS}–{MAX_WORDS}")
        if row.text.casefold() in seen:
            problems.append(f"{where}: the same sentence twice")
        seen.add(row.text.casefold())
        rows.append(row)
    for label in (0, 1):
        count = sum(r.label == label for r in rows)
        if count < MIN_EACH:
            problems.append(f"{name}: {count} sentences labelled {label}; need {MIN_EACH}")
    return rows, problems
