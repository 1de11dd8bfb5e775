"""What the model is asked to write: small JSON drafts that code turns into artifacts.

Drafts are deliberately smaller than the artifacts. Citations are passage numbers and summary
evidence is a sentence number, so the model never has to copy ids or offsets; the fields code
owns (phase, minutes, objectives, session-phase items, carry-over, spans) are not asked for at
all. Every token a 2-core CPU writes costs about 60 ms, so what code can own, it owns.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.domain.starters import Asker, Category, Depth
from coach.domain.summary_draft import ActionOwner, FlagKind, Sentiment

NO_GOAL = "none"  # the goal id of an agenda item or starter when the pair has set no goals yet
MAX_GOAL_ITEMS = 4
# Character limits the local grammar enforces on agenda text (a 1.5B model ignores "be brief").
TITLE_CHARS = 60
TEXT_CHARS = 110


class Draft(BaseModel):
    """Base of every draft: no extra keys, every key required (strict JSON-schema mode)."""

    model_config = ConfigDict(extra="forbid")


class ItemDraft(Draft):
    """One agenda item for one goal; its minutes and the session-phase items are code's."""

    goal_id: str
    title: str = Field(min_length=1)
    purpose: str
    prompts: list[str] = Field(min_length=1, max_length=2)
    citations: list[int] = Field(max_length=2)


class ItemWording(Draft):
    """The model's whole reply for one item of a library agenda
    (``coach.generation.agenda_library``): its title and activity. The item's question is the
    library pattern's own, as written: the model's rewordings of it were garbled or turned
    round too often (blind review agenda-9)."""

    title: str
    activity: str


ITEM_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "minLength": 5, "maxLength": 80},
        "activity": {"type": "string", "minLength": 20, "maxLength": 320},
    },
    "required": ["title", "activity"],
    "additionalProperties": False,
}


class AgendaDraft(Draft):
    """The parts of an agenda only a writer can add: a title, one item per goal, next steps."""

    title: str = Field(min_length=1)
    items: list[ItemDraft] = Field(min_length=1, max_length=MAX_GOAL_ITEMS)
    next_steps: list[str] = Field(min_length=1, max_length=2)


class SlotDraft(Draft):
    """One starter whose category the slot's name fixes, anchored to one of the pair's goals."""

    goal_id: str
    text: str = Field(min_length=1)
    rationale: str
    asked_by: Asker
    depth: Depth
    citations: list[int] = Field(max_length=2)


class OpenSlotDraft(Draft):
    """A starter in a category the model picks; category and goal come before the text."""

    category: Literal["communication", "trust", "resistance", "mutual_benefit"]
    goal_id: str
    text: str = Field(min_length=1)
    rationale: str
    asked_by: Asker
    depth: Depth
    citations: list[int] = Field(max_length=2)


class StartersDraft(Draft):
    """Named slots, so even a small model writes one starter per required category."""

    power_dynamics: SlotDraft
    generational_differences: SlotDraft
    other: list[OpenSlotDraft] = Field(min_length=2, max_length=2)

    def starters(self) -> list[tuple[Category, SlotDraft | OpenSlotDraft]]:
        """(category, slot) for every starter in the draft."""
        fixed: list[tuple[Category, SlotDraft | OpenSlotDraft]] = [
            ("power_dynamics", self.power_dynamics),
            ("generational_differences", self.generational_differences),
        ]
        return fixed + [(slot.category, slot) for slot in self.other]


class TakeawayDraft(Draft):
    text: str = Field(min_length=1)
    sentence: int


class ActionDraft(Draft):
    text: str = Field(min_length=1)
    owner: ActionOwner
    due: str
    sentence: int


class ProgressDraft(Draft):
    goal_id: str
    sentence: int


class BenefitDraft(Draft):
    mentor: str
    mentee: str


class FlagDraft(Draft):
    kind: FlagKind
    sentence: int


class SummaryDraft(Draft):
    key_takeaways: list[TakeawayDraft] = Field(min_length=1, max_length=4)
    action_items: list[ActionDraft] = Field(max_length=4)
    goal_progress: list[ProgressDraft] = Field(max_length=4)
    mutual_benefit: BenefitDraft
    flags: list[FlagDraft] = Field(max_length=3)
    sentiment: Sentiment


def agenda_schema(goal_ids: list[str]) -> dict[str, Any]:
    """The agenda draft's schema for one pair: one item per goal (up to four), ids from the pair,
    and character limits on every text (grammar only; hosted JSON-schema mode drops them).

    A pair without goals gets one or two items tagged ``none``.
    """
    schema = json_schema(AgendaDraft)
    items = schema["properties"]["items"]
    if goal_ids:
        items["minItems"] = items["maxItems"] = min(len(goal_ids), MAX_GOAL_ITEMS)
    else:
        items["minItems"], items["maxItems"] = 1, 2
    item = schema["$defs"]["ItemDraft"]["properties"]
    item["goal_id"] = goal_id_schema(goal_ids)
    item["title"]["maxLength"] = schema["properties"]["title"]["maxLength"] = TITLE_CHARS
    item["purpose"]["maxLength"] = TEXT_CHARS
    item["prompts"]["items"]["maxLength"] = TEXT_CHARS
    schema["properties"]["next_steps"]["items"]["maxLength"] = TEXT_CHARS
    return schema


def starters_schema(goal_ids: list[str]) -> dict[str, Any]:
    """The starters draft's schema for one pair: every starter names one of the pair's goal ids
    (``none`` when it has none), written before its question, so the question is about it."""
    schema = json_schema(StartersDraft)
    for slot in ("SlotDraft", "OpenSlotDraft"):
        schema["$defs"][slot]["properties"]["goal_id"] = goal_id_schema(goal_ids)
    return schema


def goal_id_schema(goal_ids: list[str]) -> dict[str, Any]:
    """A string that must be one of the pair's goal ids, or ``none`` when it has no goals."""
    return {"type": "string", "enum": list(goal_ids) or [NO_GOAL]}


def json_schema(draft: type[Draft]) -> dict[str, Any]:
    """The draft's JSON schema with every property required, as strict mode wants."""
    schema = draft.model_json_schema()
    for node in [schema, *schema.get("$defs", {}).values()]:
        if node.get("type") == "object":
            node["required"] = list(node.get("properties", {}))
            node["additionalProperties"] = False
    return schema
