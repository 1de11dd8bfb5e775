"""Lenient parsing of the naive baseline's replies into artifacts: no validation, no repair.

The first ``{...}`` in the reply is read with ``json.loads``. Light coercion only (ids to
strings, "Power dynamics" to ``power_dynamics``, bare strings to objects); when the result
still does not fit the artifact model, the artifact is empty and scores as invalid.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from coach.domain.agenda import Agenda
from coach.domain.pair_profile import PairProfile
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary

NO_SPAN = {"start": 0, "end": 0, "quote": ""}  # the baseline is not asked for spans


def first_object(text: str) -> dict[str, Any] | None:
    """The first JSON object in ``text``, or None."""
    start = text.find("{")
    while start >= 0:
        try:
            value, _ = json.JSONDecoder().raw_decode(text[start:])
        except json.JSONDecodeError:
            start = text.find("{", start + 1)
            continue
        return value if isinstance(value, dict) else None
    return None


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _objects(value: Any, key: str) -> list[Any]:
    items = value if isinstance(value, list) else []
    return [{key: v} if isinstance(v, str) else v for v in items]


def _slug(value: Any) -> Any:
    return (
        value.strip().lower().replace(" ", "_").replace("-", "_")
        if isinstance(value, str)
        else value
    )


def empty_agenda(profile: PairProfile) -> Agenda:
    return Agenda(title="", phase=profile.phase, minutes=profile.session.minutes, items=[])


def agenda_from(data: dict[str, Any] | None, profile: PairProfile) -> Agenda:
    """An agenda from the reply's JSON as it stands (phase and length default to the pair's)."""
    if not isinstance(data, dict):
        return empty_agenda(profile)
    items = [
        {**i, "goal_ids": _ids(i.get("goal_ids")), "citations": _ids(i.get("citations"))}
        for i in data.get("items") or []
        if isinstance(i, dict)
    ]
    body = {
        **data,
        "title": str(data.get("title") or ""),
        "phase": _slug(data.get("phase")) or profile.phase,
        "minutes": data.get("minutes") or profile.session.minutes,
        "items": items,
        "carry_over": _objects(data.get("carry_over"), "text"),
    }
    try:
        return Agenda.model_validate(body)
    except ValidationError:
        return empty_agenda(profile)


def starters_from(data: dict[str, Any] | None) -> StarterSet:
    """A starter set from the reply's JSON, or an empty one."""
    if not isinstance(data, dict):
        return StarterSet(starters=[])
    starters = [
        {
            **s,
            "category": _slug(s.get("category")),
            "asked_by": _slug(s.get("asked_by")),
            "depth": _slug(s.get("depth")),
            "citations": _ids(s.get("citations")),
        }
        for s in data.get("starters") or []
        if isinstance(s, dict)
    ]
    try:
        return StarterSet.model_validate({"starters": starters})
    except ValidationError:
        return StarterSet(starters=[])


def summary_from(data: dict[str, Any] | None) -> ReflectionSummary:
    """A summary from the reply's JSON (without spans), or an empty one."""
    if not isinstance(data, dict):
        return ReflectionSummary()

    def spanned(key: str, text_key: str) -> list[Any]:
        return [
            {**item, "span": NO_SPAN} if isinstance(item, dict) else item
            for item in _objects(data.get(key), text_key)
        ]

    actions = [
        {**a, "owner": _slug(a.get("owner")) or "unknown"} if isinstance(a, dict) else a
        for a in spanned("action_items", "text")
    ]
    flags = [
        {**f, "kind": _slug(f.get("kind"))} if isinstance(f, dict) else f
        for f in spanned("flags", "evidence")
    ]
    benefit = data.get("mutual_benefit") if isinstance(data.get("mutual_benefit"), dict) else {}
    body = {
        "key_takeaways": spanned("key_takeaways", "text"),
        "action_items": actions,
        "goal_progress": spanned("goal_progress", "evidence"),
        "mutual_benefit": {
            k: str(v or "") for k, v in benefit.items() if k in ("mentor", "mentee")
        },
        "flags": flags,
        "sentiment": _slug(data.get("sentiment")) or "neutral",
    }
    try:
        return ReflectionSummary.model_validate(body)
    except ValidationError:
        return ReflectionSummary()
