"""Whether one clause states an action, and whose it is by its subject: the author's "I", the
partner's name or pronoun (or their office, EA or assistant), "we", "both", a label ("Me: …"),
a passive's agent, or someone's "said he'd" (``coach.domain.summary_actions`` reads the note's
clauses in order with these)."""

from __future__ import annotations

import re

from coach.domain.action_phrases import (
    ACCEPTED,
    FUTURE,
    HEDGE,
    LABEL,
    MAY,
    NEED,
    PARTNER_PROXY,
    PASSIVE,
    PROMISE,
    REQUEST,
    SAID,
    SENT_FROM,
    SENTENCE_HEDGE,
    SUBJECTLESS,
    TWO_OF_US,
)
from coach.domain.due_dates import due_of
from coach.domain.pair_owners import owner_of

# a word of letters, accented ones too ("Tomás will pull …", h207)
WORD = r"[^\W\d_]+"
LEAD = r"^(?:(?:next|also|and|then|so|(?:it was|we) agreed that|that)[:,]?\s+)*"
FUTURE_START = re.compile(
    rf"{LEAD}(?P<subject>{PARTNER_PROXY}|{TWO_OF_US}|(?:(?:Mr|Mrs|Ms|Miss|Dr)\.? )?"
    rf"(?-i:[A-Z][a-z]+ (?=[A-Z][a-z]+ ))?{WORD}(?: and [A-Z][a-z]+)?)"
    rf"(?:(?:'s|'m|'re|’s)\s+|\s+(?:is |are |am )?|(?=['’]))"
    rf"(?:(?:also|still|then)\s+)?{FUTURE}\s+(?:also\s+)?[a-z]",
    re.I,
)
SUBJECT = re.compile(rf"{LEAD}(?P<subject>{PARTNER_PROXY}|{WORD})(?:'s|'ll|'d|'ve)?\b", re.I)
DOING = re.compile(
    rf"{LEAD}(?P<subject>{PARTNER_PROXY}|{WORD})(?:'s|'re|'m| is| are| am) [a-z-]+ing\b", re.I
)
PAST = (
    r"(?:\w+ed|\w+ly|seem|seems|has|wants|says|thinks|likes|needs|knows|feels|is|are|was|met|went|said|told|did|had|was|were|got|took|made|saw|came|gave|sent|spent|"
    r"thought|felt|found|brought|bought|left|put|ran|wrote|spoke|heard|knew|kept|read|let)"
)
PLAN_SUBJECT = r"(?:I|we both|both|he|she|[A-Z][a-z]+ and I|{names})"
AGREED_THAT = re.compile(r"^\W*(?:we|it was) agreed that\b", re.I)
WHAT = re.compile(r"\b(?:what|how|whether|which|why|where)\b", re.I)
WANTS = re.compile(rf"{LEAD}(?P<subject>{PARTNER_PROXY}|{WORD}) wants? to [a-z]+", re.I)
PLAN = rf"{LEAD}(?P<subject>{PLAN_SUBJECT})\s+(?!{PAST}\b)(?![a-z]+ing\b)[a-z]+s?\s"


def said_action(text: str) -> bool:
    said = SAID.search(text)
    return bool(said) and not re.match(
        # "said she'd got from it …" (h214): a past participle reports, it promises nothing
        r"(never|been|had|\w+ed|love|like|prefer|rather|hate|wish|hope|want|got|done|made|"
        r"seen|gone|taken|given|found|learnt|learned|heard)$",
        said.group("next"),
        re.I,
    )


def is_action(text: str, sentence: str, plan: re.Pattern[str], headed: bool = False) -> bool:
    """Whether one clause (without its heading) states a commitment; ``headed``: it came
    under a heading such as "Next:" or "Actions:"."""
    # a modal inside what is to be done hedges nothing: "Aisha will sketch what a label could
    # look like" (r006)
    main = WHAT.split(text, 1)[0] if FUTURE_START.match(text) else text
    if text.rstrip(" \"'”").endswith("?") or HEDGE.search(main) or MAY.search(main):
        return False
    if NEED.search(text) and SENTENCE_HEDGE.search(sentence):
        return False
    if LABEL.match(text) or PROMISE.search(text) or SUBJECTLESS.match(text) or PASSIVE.search(text):
        return True
    if SENT_FROM.search(text):
        return True
    if REQUEST.search(text):
        return bool(ACCEPTED.search(text))
    doing = DOING.match(text)
    if doing and (due_of(text) or headed) and doing.group("subject").lower() != "we":
        return True  # "he's extending it to Ward 8" under "Next:" (r004)
    if WANTS.match(text) and due_of(text):  # "He wants to see it himself on Thursday." (r004)
        return True
    if (plan.match(text) or AGREED_THAT.match(text)) and due_of(text):
        return True
    return bool(FUTURE_START.match(text)) or said_action(text)


def clause_subject_owner(
    clause: str, author: str, names: dict[str, str], plan: re.Pattern[str]
) -> str:
    label = LABEL.match(clause)
    if label:
        who = re.sub(r"^(?:action|task)s? for |\(.*\)", "", label.group("who"), flags=re.I)
        return owner_of(who, author, names)
    if re.search(
        r"\b(asked me to|wants me to|I said I would|I said I'?d|I'?ve said)\b", clause, re.I
    ):
        return author
    said = SAID.search(clause)
    if said:
        return owner_of(said.group("who"), author, names)
    if passive := PASSIVE.search(clause) or SENT_FROM.search(clause):
        who = passive.group("who")
        who = re.sub(r"\bme\b", "I", re.sub(r"\bus\b", "we", who, flags=re.I), flags=re.I)
        return owner_of(who, author, names)
    if SUBJECTLESS.match(clause):
        return author
    subject = FUTURE_START.match(clause) or DOING.match(clause) or plan.match(clause)
    if subject:  # a named subject decides, a third party ("Tom will send me …") included
        return owner_of(subject.group("subject"), author, names)
    subject = SUBJECT.match(clause)
    if subject:
        found = owner_of(subject.group("subject"), author, names)
        if found != "unknown":
            return found
    if SUBJECTLESS.match(clause) or re.search(r"\b(I|I'm|I'll|me|my|myself)\b", clause, re.I):
        return author
    if AGREED_THAT.match(clause):  # "We agreed that the Line 3 issues move …" (h112)
        return "both"
    return "unknown"
