"""Rows of the per-kind tables of schema 0003 (``agendas``, ``starters``) as ``artifacts`` rows.

Frozen: migration 0004 and the import of exports written at schema 0003 or older both convert
with these functions, so they must keep doing exactly what they did when 0004 shipped. They
import nothing from the app: the shapes below are copies of ``Agenda`` and ``StarterSet`` as of
0004, not references. A later change to those models gets a new migration, never an edit here;
a unit test checks that what this module writes still validates as today's models.

Rows are plain mappings of column name to value, either as the database returns them or as an
export holds them; values the conversion does not look into (ids, times) pass through as given.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

Row = Mapping[str, Any]

AGENDA_TITLE = "Session agenda"
AGENDA_PHASE = "middle"
CATEGORIES = (
    "power_dynamics",
    "generational_differences",
    "communication",
    "trust",
    "resistance",
    "mutual_benefit",
)
STEMS = (
    ("power", "power_dynamics"),
    ("hierarch", "power_dynamics"),
    ("generation", "generational_differences"),
    ("communicat", "communication"),
    ("trust", "trust"),
    ("rapport", "trust"),
    ("resist", "resistance"),
    ("skeptic", "resistance"),
    ("mutual", "mutual_benefit"),
    ("benefit", "mutual_benefit"),
)
FALLBACK_CATEGORY = "communication"


def _name(topic: str) -> str:
    return re.sub(r"[^a-z]+", "_", topic.lower()).strip("_")


def category(topic: str) -> str:
    """The starter category closest to a free-text topic ("power dynamics" -> power_dynamics)."""
    name = _name(topic)
    if name in CATEGORIES:
        return name
    return next((c for stem, c in STEMS if stem in name), FALLBACK_CATEGORY)


def _artifact(row: Row, kind: str, content: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"], "kind": kind, "pair_id": row["pair_id"],
        "session_id": row["session_id"], "content": content, "edited": None,
        "prompt_id": row["prompt_id"], "prompt_version": row["prompt_version"],
        "model": row["model"], "citations": list(row["citations"]),
        "prompt_tokens": 0, "completion_tokens": 0,
        "created_by": row["created_by"], "created_at": row["created_at"],
        "updated_by": None, "updated_at": None,
    }  # fmt: skip


def from_agenda(row: Row) -> dict[str, Any]:
    """An ``agendas`` row (items of title, minutes, notes) as an agenda artifact."""
    items = [
        {"minutes": i["minutes"], "title": i["title"], "purpose": i.get("notes", ""),
         "prompts": [], "goal_ids": [], "citations": []}
        for i in row["items"]
    ]  # fmt: skip
    content = {
        "title": AGENDA_TITLE, "phase": AGENDA_PHASE,
        "minutes": sum(i["minutes"] for i in items), "objectives": [], "items": items,
        "carry_over": [], "preparation": {"mentor": "", "mentee": ""}, "next_steps": [],
    }  # fmt: skip
    return _artifact(row, "agenda", content)


def from_starter(row: Row) -> dict[str, Any]:
    """A ``starters`` row (one starter: text, topic) as a starters artifact holding it.

    A topic that is not a category's own name survives in the rationale.
    """
    topic = row["topic"]
    chosen = category(topic)
    exact = _name(topic) == chosen
    starter = {
        "text": row["text"], "category": chosen,
        "rationale": "" if exact else f'Saved under the topic "{topic}".',
        "asked_by": "mentor", "depth": "deeper", "citations": [],
    }  # fmt: skip
    return _artifact(row, "starters", {"starters": [starter]})


CONVERTERS = {"agendas": from_agenda, "starters": from_starter}


def _legacy(row: Row) -> dict[str, Any]:
    return {name: row[name] for name in (
        "pair_id", "session_id", "prompt_id", "prompt_version", "model", "citations",
        "created_by", "created_at",
    )}  # fmt: skip


def _current(row: Row) -> dict[str, Any]:
    return row["edited"] if row["edited"] is not None else row["content"]


def to_agenda(row: Row) -> dict[str, Any]:
    """An agenda artifact as an ``agendas`` row (for the downgrade): its current version,
    purpose and prompts joined into the notes."""
    items = [
        {"title": i["title"], "minutes": i["minutes"],
         "notes": "\n".join([i.get("purpose", ""), *i.get("prompts", [])]).strip()}
        for i in _current(row)["items"]
    ]  # fmt: skip
    return {"id": row["id"], **_legacy(row), "items": items}


def to_starters(row: Row) -> list[dict[str, Any]]:
    """A starters artifact as ``starters`` rows (for the downgrade), one per starter; the
    first keeps the artifact's id, the others add ``-2``, ``-3``..."""
    return [
        {"id": row["id"] if n == 1 else f"{row['id']}-{n}", **_legacy(row),
         "text": s["text"], "topic": s["category"]}
        for n, s in enumerate(_current(row)["starters"], start=1)
    ]  # fmt: skip
