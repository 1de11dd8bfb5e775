"""What the model is asked to write: small JSON drafts that code turns into artifacts.

Drafts are deliberately smaller than the artifacts. Citations are passage numbers and summary
evidence is a sentence number, so the model never has to copy ids or offsets; the fields code
owns (phase, minutes total, carry-over, spans) are not asked for at all.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from coach.domain.starters import Category, Depth, Side
from coach.domain.summary_draft import ActionOwner, FlagKind, Sentiment


class Draft(BaseModel):
    """Base of every draft: no extra keys, every key required (strict JSON-schema mode)."""

    model_config = ConfigDict(extra="forbid")


class ItemDraft(Draft):
    minutes: int = Field(ge=1, le=240)
    title: str = Field(min_length=1)
    purpose: str
    prompts: list[str] = Field(min_length=1, max_length=2)
    goal_ids: list[str] = Field(max_length=4)
    citations: list[int] = Field(max_length=3)


class PreparationDraft(Draft):
    mentor: str
    mentee: str


class AgendaDraft(Draft):
    title: str = Field(min_length=1)
    objectives: list[str] = Field(min_length=1, max_length=3)
    items: list[ItemDraft] = Field(min_length=2, max_length=6)
    preparation: PreparationDraft
    next_steps: list[str] = Field(max_length=3)


class SlotDraft(Draft):
    """One starter whose category the slot's name fixes."""

    text: str = Field(min_length=1)
    rationale: str
    asked_by: Side
    depth: Depth
    citations: list[int] = Field(max_length=2)


class OpenSlotDraft(Draft):
    """A starter in a category the model picks, named before the text it shapes."""

    category: Literal["communication", "trust", "resistance", "mutual_benefit"]
    text: str = Field(min_length=1)
    rationale: str
    asked_by: Side
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


def json_schema(draft: type[Draft]) -> dict[str, Any]:
    """The draft's JSON schema with every property required, as strict mode wants."""
    schema = draft.model_json_schema()
    for node in [schema, *schema.get("$defs", {}).values()]:
        if node.get("type") == "object":
            node["required"] = list(node.get("properties", {}))
            node["additionalProperties"] = False
    return schema


Kind = Literal["agenda", "starters", "summary"]
