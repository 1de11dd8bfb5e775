"""Whether a takeaway keeps its sentence's numbers: none dropped (``numbers_dropped``), and
each with what it counts (``numbers_moved``). Part of the checks in
``coach.domain.takeaway_check``."""

from __future__ import annotations

import re

from coach.domain.wording import MONTHS, TENS, UNITS, as_digits, words

NUMBER_WORDS = frozenset([*UNITS[1:], *TENS[2:], "hundred", "thousand", "dozen", "half",
                          "third", "quarter", "twice"])  # fmt: skip
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
LABEL_NUMBER = re.compile(r"[a-z]+\d+")  # "q1", "v2"
LABELS = frozenset({"session", "sessions", "week", "month", "bed", "ward", "room", "floor",
                    "line"})  # fmt: skip
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
COUNTED = 2  # words after a number that must follow it in the sentence too, when it has them


def _is_number(word: str) -> bool:
    return word in NUMBER_WORDS or (any(c.isdigit() for c in word) and not word.endswith(
        ("am", "pm")))  # fmt: skip


VALUES = {word: str(n) for n, word in enumerate(UNITS)}


def _value(word: str) -> str:
    """A number word as its digits ("two" -> "2"); any other word as it is."""
    return VALUES.get(word, word)


def numbers_dropped(text: str, sentence: str) -> list[str]:
    """The counts of ``sentence`` when ``text`` keeps none of them ("First-year workload is
    high." for "A lot of first-years are working 15-20 hours a week", "Night shift doesn't see
    leadership." for "the most common theme (9 of 27) …", h192, h194): the prompt says to keep
    them, and a takeaway without them loses the fact. A day ("the 15th", a number beside a
    month), a time ("10pm", "07:30"), a label ("session 2", "Q1") and "one", "third" and "half"
    (as in "half-suggested") are not counts."""
    theirs = words(as_digits(sentence))  # "twenty-two" is 22, not "twenty" and "two"
    clock = {w for time in CLOCK.findall(sentence) for w in words(time)}
    counts = [
        w for at, w in enumerate(theirs)
        if _is_number(w) and w not in {"one", "third", "half"} and w not in clock
        and not ORDINAL.fullmatch(w) and not MONTHS & set(theirs[max(0, at - 1) : at + 2])
        and not LABEL_NUMBER.fullmatch(w) and (not at or theirs[at - 1] not in LABELS)
    ]  # fmt: skip
    if not counts or {_value(w) for w in counts} & {_value(w) for w in words(as_digits(text))}:
        return []
    return list(dict.fromkeys(counts))


def numbers_moved(text: str, sentence: str) -> list[str]:
    """The numbers in ``text`` followed by words the sentence has but not after that number
    (summary-6: "two chairs broken" for "two chairs, one of them broken", "four orders a week"
    for "one thing a week …: four orders", "60% fibre content" for "fibre content for about
    60% of the range"). A word the sentence lacks is the takeaway's own and ends the check; a
    number next to a month is a date, reordered freely ("12 January", "January 12"); one after
    the same word as in the sentence is a label ("Ward 7 at 3pm" for "Ward 7 break room at
    3pm")."""
    mine, theirs = words(text), words(sentence)
    out = []
    for at, word in enumerate(mine):
        if not _is_number(word) or word not in theirs:
            continue
        if any(w in MONTHS for w in mine[max(0, at - 1) : at + 2]):
            continue
        spots = [j for j, w in enumerate(theirs) if w == word]
        if at and any(j and theirs[j - 1] == mine[at - 1] for j in spots):
            continue  # a label ("Ward 7"), not a count: it keeps the word it follows
        after = []
        for follower in mine[at + 1 : at + 1 + COUNTED]:
            if follower not in theirs:
                break
            after.append(follower)
        if after and not any(theirs[j + 1 : j + 1 + len(after)] == after for j in spots):
            out.append(" ".join([word, *after]))
    return out
