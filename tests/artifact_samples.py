"""Small valid artifacts and a provenance, for the tests that store artifacts."""

from __future__ import annotations

from typing import Any

from coach.domain.provenance import CitationRef, Provenance

AGENDA: dict[str, Any] = {
    "title": "Session 2: dashboards",
    "phase": "middle",
    "minutes": 30,
    "items": [
        {"minutes": 5, "title": "Check-in", "prompts": ["What stayed with you?"]},
        {
            "minutes": 25,
            "title": "Goals",
            "purpose": "Pick one dashboard",
            "citations": ["trust#2"],
        },
    ],
}
STARTERS: dict[str, Any] = {
    "starters": [
        {"text": "What would you do if I disagreed in public?", "category": "power_dynamics",
         "asked_by": "mentor", "depth": "brave", "citations": ["trust#2"]},
    ]
}  # fmt: skip
PROVENANCE = Provenance(
    prompt_id="session_agenda", prompt_version="3", model="qwen2.5-coder-1.5b",
    citations=[CitationRef(id="trust#2", source="knowledge/trust.md", title="Trust")],
    prompt_tokens=812, completion_tokens=240,
)  # fmt: skip


def shortened(agenda: dict[str, Any]) -> dict[str, Any]:
    """The user's edit of ``agenda``: a new title, and the first item renamed."""
    items = [dict(agenda["items"][0], title="Quick check-in"), *agenda["items"][1:]]
    return {**agenda, "title": "Session 2 (short)", "items": items}
