"""An action as the summary shows it: a short instruction in the author's words, without the
list label or the deadline (the deadline has its own field)."""

from __future__ import annotations

import re

from coach.domain.action_phrases import HEADING, LABEL, MINE
from coach.domain.wording import without_open_bracket


def action_wording(clause: str, due: str) -> str:
    """The action as a short instruction: no list label, no deadline (kept inside someone's
    quoted words: 'he'll "use it at the ops board"', r031, and after "to", where it is where
    the task goes: "get the product owner to our next session", h170)."""
    text = re.sub(
        r"^(?:and|so|also|then|plus)\s+(?=\S)",
        "",
        MINE.sub("", HEADING.sub("", clause)),
        flags=re.I,
    )  # "And I'm going to get Priya …" (h184)
    label = LABEL.match(text)
    if label:
        text = label.group("rest")
    at = text.lower().find(due.lower()) if due else -1
    if at >= 0 and re.search(r"\bto\s*$", text[:at]) and not re.match(r"(?:the )?end\b", due):
        at = -1  # "get him to our next session" (h170), not "going to the end of January"
    if at >= 0 and text[:at].count('"') % 2 == 0 and text[:at].count("“") <= text[:at].count("”"):
        text = text[:at] + text[at + len(due) :]
        text = re.sub(r"\s+(?:from|by|on|at|before|until|in)\s*([,.;]?)\s*$", r"\1", text)
        # a word the deadline leaves behind: "going to the, not just …", "…, for" (h201)
        text = re.sub(r"\s+(?:to|for|until|till|by|from)(?: the)?\s*(?=[,.;]|$)", "", text)
    text = re.sub(r"\s*\(\s*\)", "", text)  # "end next all-hands (16 Jan) with …" (h198)
    text = without_open_bracket(text)  # the clause cut a bracket open: "… (she offered" (h192)
    text = re.sub(r"\s+([,.;])", r"\1", re.sub(r"\s{2,}", " ", text))
    text = re.sub(r",\s*,", ",", text).strip(" ,.;-")
    return text[:1].upper() + text[1:] if text else clause


def as_author(task: str) -> str:
    """The partner's "send you the slides" as the author reads it: "send me the slides"."""
    return re.sub(r"\byour\b", "my", re.sub(r"\byou\b", "me", task))
