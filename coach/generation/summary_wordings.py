"""What the summary's model calls return, and the JSON schemas that constrain them: points in
other words, one line per side's gain, and what an action's pronoun stands for."""

from __future__ import annotations

from typing import Any

from coach.generation.drafts import Draft

MAX_TAKEAWAYS = 5  # four kept 0.859 of the expected facts with whole sentences, five 0.886


class TakeawayWording(Draft):
    takeaways: list[str]


class BenefitWording(Draft):
    mentor: str
    mentee: str


def _schema(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}  # fmt: skip


TAKEAWAY_SCHEMA = _schema({
    "takeaways": {"type": "array", "minItems": 1, "maxItems": MAX_TAKEAWAYS,
                  "items": {"type": "string", "minLength": 10, "maxLength": 140}},
})  # fmt: skip
BENEFIT_SCHEMA = _schema({
    "mentor": {"type": "string", "maxLength": 100},
    "mentee": {"type": "string", "maxLength": 100},
})  # fmt: skip


class ReferentWording(Draft):
    refers_to: str


REFERENT_SCHEMA = _schema({"refers_to": {"type": "string", "maxLength": 80}})
