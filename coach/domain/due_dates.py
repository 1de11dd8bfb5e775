"""Deadlines as people write them in notes: "by Friday", "before our next session on the
14th", "within a fortnight", "end of Q1", "ahead of the offsite", or a bare weekday."""

from __future__ import annotations

import re

WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weds|thurs|tues)"
MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
DATE = rf"(?:{MONTH} {ORDINAL}|{ORDINAL} {MONTH}|{MONTH} \d{{1,2}}\b|\d{{1,2}} {MONTH})"
EVENT = r"(?:session|time|meeting|meet|walk|review|board|offsite|away day|all-hands|retro)"
WHEN = (
    rf"(?:(?:close of play |cop |cob )?{WEEKDAY}|{DATE}|"
    rf"(?:mid-|early |late |(?:the )?(?:start|end|middle) of )?{MONTH}|"
    rf"the {ORDINAL}|then|christmas|easter|half-term|the summer \w+|the weekend|"
    rf"tomorrow|tonight|(?:the )?(?:end of )?(?:next |this |the )?(?:week|month|term|quarter|"
    rf"year|sprint|q[1-4]|{WEEKDAY})|(?:our |the |we |his |her )?next {EVENT}|"
    rf"we next meet|the board meets in {MONTH}|I go on leave)"
)
DUE = re.compile(
    rf"\b(?:"
    rf"(?:by|before) {WHEN}(?: on the {ORDINAL})?"
    rf"|on (?:the {ORDINAL}|{WEEKDAY}|{DATE}|the fair day)"
    rf"|(?:next|this) (?:week|month|sprint|quarter|term|year|{WEEKDAY})"
    rf"|in (?:{MONTH}|(?:a|one|two|three|four|six|\d+) (?:days?|weeks?|months?)(?:['’]s? time)?)"
    rf"|this (?:afternoon|evening|weekend)|over the weekend"
    rf"|for (?:the next |a |one )?(?:(?:two|three|four|\d+) )?(?:weeks?|months?)"
    rf"|within (?:\d+ hours|a fortnight|the week|a week|a month|two weeks)"
    rf"|ahead of (?:the |our )?[\w-]+"
    rf"|at (?:their |the |our )?(?:{WEEKDAY}'s|{MONTH}) [\w-]+(?: day)?"
    rf"|for next time|until we next meet|starting {WEEKDAY}|from next (?:week|month)"
    rf"|end of (?:the )?(?:week|month|term|q[1-4])|tomorrow|tonight"
    rf")\b",
    re.I,
)
BARE_DAY = re.compile(rf"\b(?:{WEEKDAY})\b\W*$", re.I)


def due_of(text: str) -> str:
    """The deadline stated in ``text``, or ``""``."""
    found = DUE.search(text) or BARE_DAY.search(text)
    return found.group(0).rstrip(" .,;!") if found else ""
