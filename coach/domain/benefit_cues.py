"""Which sentence of a reflection says what one side of the pair gained, read by rules.

The mutual-benefit step asks the model for one line per side, and a line is kept only when a
sentence supports it; the 1.5B model's lines mostly summarise several sentences loosely, fail
that check, and the side reads "Not stated" where the text says it (a reader's fault). These
rules find the sentence itself: a gain cue ("learned", "had no idea", "useful", "showed me",
"for my portfolio") and who it belongs to, from the author's point of view: "showed me" and
"for me" are the author's, "I showed him" and "taught her" the partner's, else the subject of
the cue's clause ("I", "he"/"she", a name of the pair). A plan, a wish, a question or a
denial ("didn't learn anything") is no gain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.domain.irony import SARCASM
from coach.domain.pairs import Side
from coach.domain.summary_actions import owner_of
from coach.domain.takeaway_check import LEAD, MAX_WORDS, unlabelled
from coach.domain.wording import Sentence, words

MIN_WORDS = 7  # "I honestly didn't know." says a gain but not what it was
GAIN = re.compile(
    r"\b(learn(?:ed|t|ing)|realis(?:ed|ing)|realiz(?:ed|ing)|found out|discovered|"
    r"understood|now understands?|had no idea|didn'?t know|did not know|never knew|"
    r"(?:has|had) never (?:seen|thought|heard)|gained|picked up|useful|helpful|valuable|"
    r"eye[- ]open\w*|an education|made sense|it clicked|surprised (?:me|him|her)|"
    r"practis(?:ed|ing)|practic(?:ed|ing)|(?:did|ran|set up|tried) it (?:himself|herself|myself)|"
    r"saw (?:for (?:himself|herself|myself)|how|why|that)|got (?:a|an|some|to see|real)|"
    r"(?:showed|taught|gave|walked|helped) (?:me|him|her)|"
    r"for (?:my|his|her) (?:portfolio|cv|career|development|confidence|promotion))\b",
    re.I,
)
TO_OBJECT = re.compile(r"\b(?:showed|taught|gave|walked|helped) (me|him|her)\b", re.I)
FOR_WHOM = re.compile(r"\bfor (me|my|him|his|her)\b", re.I)
NO_GAIN = re.compile(
    r"\b(will|'ll|going to|hope|hopefully|wish|want(?:s|ed)? (?:him|her|me) to|should|could|"
    r"might|if|didn'?t (?:learn|get|find)|nothing|not (?:useful|helpful|much)|never (?:useful|"
    r"helpful))\b",
    re.I,
)


def gain_side(sentence: str, author: str, names: dict[str, str]) -> str | None:
    """The side (mentor, mentee, both) that ``sentence`` says gained something, or None."""
    cue = GAIN.search(sentence)
    if (cue is None or sentence.rstrip().endswith("?") or NO_GAIN.search(sentence)
            or len(sentence.split()) < MIN_WORDS or SARCASM.search(sentence)):  # fmt: skip
        return None
    obj = TO_OBJECT.search(cue.group(0)) or FOR_WHOM.search(sentence[cue.start() :])
    if obj:
        who = obj.group(1).lower()
        side = author if who in {"me", "my"} else Side(author).other.value
        # The mentor shows and teaches: the mentee showing the mentor her homework is no gain.
        taught = re.match(r"(showed|taught|walked)", obj.group(0), re.I)
        return None if taught and side == Side.MENTOR.value else side
    before = sentence[: cue.start()]
    subjects = [m.group(0) for m in re.finditer(r"\b(I|he|she|we)\b", before, re.I)]
    subjects += [n for n in names if re.search(rf"\b{re.escape(n)}\b", before, re.I)]
    if not subjects:
        return None
    last = max(subjects, key=lambda s: before.lower().rfind(s.lower()))
    side = owner_of(last, author, names)
    return None if side == "unknown" else side


def gain_line(sentence: str) -> str:
    """The sentence as a benefit line: whole when short, else its words from the clause with
    the cue, at most ``MAX_WORDS`` of them (marked as cut)."""
    text = " ".join(unlabelled(sentence).split()).lstrip("-*• ")
    cue = GAIN.search(text)
    if len(words(text)) > MAX_WORDS and cue:
        start = max(text.rfind(",", 0, cue.start()), text.rfind(";", 0, cue.start()))
        text = text[start + 1 :].strip()
    text = LEAD.sub("", LEAD.sub("", text))  # "and then he said …"
    line = " ".join(text.split()[:MAX_WORDS]).rstrip(" ,;:")
    line = line[:1].upper() + line[1:]
    return line + (" …" if len(text.split()) > MAX_WORDS else "")


def gains(found: Sequence[Sentence], author: str, names: dict[str, str]) -> dict[str, Sentence]:
    """For each side, the first sentence that says it gained something ("both" counts for
    each side)."""
    out: dict[str, Sentence] = {}
    for sentence in found:
        side = gain_side(sentence.text, author, names)
        for each in ("mentor", "mentee") if side == "both" else (side,) if side else ():
            out.setdefault(each, sentence)
    return out
