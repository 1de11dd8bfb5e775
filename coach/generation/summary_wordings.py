"""What the summary's model calls return, and the JSON schemas that constrain them: points in
other words, one line per side's gain, and what an action's pronoun stands for."""

from __future__ import annotations

from typing import Any

from coach.generation.drafts import Draft

# Takeaways by the length of the notes: five up to 14 sentences, six from 15, seven from 18. On
# h181-h216 (11-26 sentences) whole chosen sentences held 0.808 of the expected facts with five,
# 0.850 with six and 0.879 with seven (``bench/takeaway_choice_bound.py``).
MIN_TAKEAWAYS = 5
MAX_TAKEAWAYS = 7
SENTENCES_PER_TAKEAWAY = 2.5


def takeaway_count(sentences: int) -> int:
    """How many takeaways notes of ``sentences`` sentences get."""
    return max(MIN_TAKEAWAYS, min(MAX_TAKEAWAYS, int(sentences / SENTENCES_PER_TAKEAWAY)))


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
BENEFIT_CHARS = 100  # a line this long was cut by the grammar: "…, gained a view" (h182)
BENEFIT_SCHEMA = _schema({
    "mentor": {"type": "string", "maxLength": BENEFIT_CHARS},
    "mentee": {"type": "string", "maxLength": BENEFIT_CHARS},
})  # fmt: skip


class ReferentWording(Draft):
    refers_to: str


REFERENT_SCHEMA = _schema({"refers_to": {"type": "string", "maxLength": 80}})
