"""Deadlines as people write them in notes: "by Friday", "before our next session on the
14th", "within a fortnight", "end of Q1", "ahead of the offsite", or a bare weekday."""

from __future__ import annotations

import re

# "by Mon", "by Fri" (h198, h202): the short forms that are no other word ("sat", "sun" are)
WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|weds|thurs|tues|"
    r"(?:mon|tue|wed|thu|thur|fri)(?![a-z'/]))"
)
# "by 16 Jan" (h142): the short forms too, never the start of a longer word ("decide")
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)(?![a-z])"
)
ORDINAL = r"\d{1,2}(?:st|nd|rd|th)"
# "the 3rd floor", "the 2nd time": an ordinal that is no day of the month
NOT_A_DAY = r"(?! (?:floor|time|row|place|round|attempt|try|go|century|anniversary|year)s?\b)"
PART_OF_DAY = rf"(?: (?:the {ORDINAL}|morning|afternoon|evening|arvo|lunchtime))?"
DATE = rf"(?:{MONTH} {ORDINAL}|{ORDINAL} {MONTH}|{MONTH} \d{{1,2}}\b|\d{{1,2}} {MONTH})"
EVENT = (
    r"(?:session|time|meeting|meet|walk|review|board|offsite|away day|all-hands|retro|call|"
    r"visit|committee|panel|briefing|launch|audit|workshop|conference|catch-up|check-in|"
    r"town hall|stand-up|council)"
)
# A named event, one or two words before it: "the quarterly review", "the December board
# meeting", "our next leadership call".
NAMED_EVENT = (
    r"(?:the|our|my|his|her|their|next) (?:next )?(?:[\w-]+ ){0,2}(?:session|meeting|review|board|"
    r"offsite|away[- ]day|all-hands|retro|call|visit|committee|panel|briefing|launch|audit|"
    r"workshop|"
    r"conference|catch-up|check-in|town hall|stand-up|shutdown|break|holidays|deadline|all-staff|"
    r"rollout|go-live|calibration|council|upfront|induction|leave)s?"
)
# Someone else's move that the action must come before: "before she goes on leave", "before
# he goes to them", "before the new starters arrive in January".
THEIR_MOVE = (
    r"(?:he|she|they|we|I|the [\w-]+(?: [\w-]+)?) (?:go|goes|leave|leaves|arrive|arrives|"
    r"start|starts|join|joins|present|presents|meet|meets|ends?|closes?|finish(?:es)?|"
    r"takes? (?:it|over)|"
    r"break up)\b"
    r"(?: (?:on|to|in|for) [\w-]+)?"
)
WHEN = (
    rf"(?:(?:(?:close|end) of play (?:on )?|cop |cob )?{WEEKDAY}{PART_OF_DAY}|{DATE}|"
    rf"(?:mid-|early |late |(?:the )?(?:start|end|middle) of )?{MONTH}|"
    rf"the {ORDINAL}(?: of {MONTH})?{NOT_A_DAY}|then|christmas|easter|half[- ]term|[a-z'-]+ week|"
    rf"the summer \w+|the weekend|"
    rf"tomorrow|tonight|(?:the )?(?:end of )?(?:next |this |the )?(?:week|month|term|quarter|"
    rf"year|sprint|q[1-4]|{WEEKDAY})|(?:our |the |we |his |her )?next {EVENT}|"
    rf"we next meet|the board meets in {MONTH}|I go on leave)"
)
DUE = re.compile(
    rf"\b(?:"
    # a paper that goes to a body, before "the board" can match: "before the Senate paper"
    # (h192), "before the board paper"; not "for his paper"
    rf"(?:by|before|ahead of) the (?:[\w-]+ )?paper(?!\s+(?:goes|is|comes|gets|will))|"
    rf"(?:(?:by|before|no later than) {WHEN}(?: on (?:the {ORDINAL}{NOT_A_DAY}|{WEEKDAY}))?)"
    rf"|(?:by|before) {NAMED_EVENT}(?: (?:on|in) (?:the {ORDINAL}{NOT_A_DAY}|{MONTH}))?"
    rf"|before {THEIR_MOVE}(?: (?:in|on) (?:{MONTH}|{WEEKDAY}|the {ORDINAL}))?"
    rf"|by (?:the )?end of (?:the following|next) (?:week|month)"
    rf"|in (?:a fortnight|the new year)|(?:over|within) the next (?:few|two|three|\d+) "
    rf"(?:days|weeks|months)|(?:by )?\b(?:EOD|EOW|COB)(?: {WEEKDAY})?"
    rf"|on (?:the {ORDINAL}(?: of {MONTH})?{NOT_A_DAY}|{WEEKDAY}|{DATE}|the fair day)"
    rf"|(?:next|this) (?:week|month|sprint|quarter|term|year|{WEEKDAY})"
    rf"(?! (?:retro|planning|review|meeting|session|demo|stand-?up)s?\b)"
    rf"|in (?:{MONTH}|(?:a|one|two|three|four|six|\d+) (?:days?|weeks?|months?)(?:['’]s? time)?)"
    rf"|this (?:afternoon|evening|weekend)|over the weekend"
    rf"|within (?:a fortnight|the week|(?:a|one|two|three|four|five|six|seven|ten|fourteen|\d+) "
    rf"(?:hours?|days?|weeks?|months?))"
    rf"|when (?:he|she|they|I|we)(?:'s|'re|'m| is| are| am) back(?: from [\w-]+)?"
    rf"|(?:to|by|for|ahead of|before) session (?:\d+|one|two|three|four|five|six)"
    rf"|\bASAP\b|as soon as possible"
    rf"|ahead of (?:{NAMED_EVENT}|(?:the |our )?[\w-]+)"
    rf"|at (?:their |the |our )?(?:{WEEKDAY}'s|{MONTH}) (?:town hall|[\w-]+(?: day)?)"
    rf"|for next time|until we next meet|starting {WEEKDAY}|from next (?:week|month)"
    rf"|end of (?:the )?(?:week|month|term|q[1-4]|{MONTH})|tomorrow|tonight"
    rf"|(?:over|after) (?:christmas|easter|half[- ]term|the (?:holidays|break|summer))"
    rf"|in time for (?:the|that|our|his|her|their) [\w-]+(?: [\w-]+)?"
    rf"|(?:by|before) (?:launch|go-live|kick-off|(?:year|month|quarter)-end)"
    rf"|(?:some ?time )?in (?:q[1-4]|the (?:spring|summer|autumn|winter))"
    rf"|this side of (?:christmas|easter|the [\w-]+|{MONTH})"
    rf"|(?:the )?first week (?:back )?(?:in|of) {MONTH}|during {NAMED_EVENT}"
    rf"|first thing (?:on )?(?:{WEEKDAY}|tomorrow)|(?:close|end) of play (?:on )?{WEEKDAY}"
    rf"|within the (?:month|week|fortnight|quarter|year)"
    rf"|inside (?:a fortnight|the (?:week|month)|(?:a|one|two|three|\d+) (?:days?|weeks?|months?))"
    rf"|in the next (?:few|couple of|\d+|two|three|four|five|six|seven|ten|fourteen) "
    rf"(?:days|weeks|months)"
    rf"|by the time (?:he|she|they|I|we|the [\w-]+)"
    rf"(?:'s|'re|'m| is| are| am| gets?| comes?| goe?s?) back(?: from [\w-]+)?"
    rf"|(?:before|by) (?:(?:the )?(?:chinese |lunar )?new year|diwali|eid|thanksgiving|hanukkah)"
    rf"|{WEEKDAY} the {ORDINAL}|(?:from )?the {ORDINAL}(?: of {MONTH})?{NOT_A_DAY}"
    rf")\b",
    re.I,
)
# Weaker than a date: "at the next leadership call" is the deadline only when the clause has
# no date ("at the all-hands in two weeks" is due "in two weeks").
AT_EVENT = re.compile(
    rf"\b(?:(?:at|for) (?:the day of )?{NAMED_EVENT}(?: (?:on|in) (?:the {ORDINAL}|{MONTH}))?|"
    rf"(?:the |our )?next (?:time|session|meeting)|from (?:next )?{MONTH}|"
    rf"from (?:the {ORDINAL}|the new year|{WEEKDAY})|before the [\w-]+|"
    rf"for (?:the next |a |one )?(?:(?:two|three|four|\d+) )?(?:weeks?|months?))\b",
    re.I,
)
# A date with no word before it, ending a list line or in brackets: "finish Gary skip-level 7
# Jan", "end next all-hands (16 Jan) with …" (h198).
BARE_DATE = re.compile(rf"(?<=\()(?:{DATE})(?=\))|\b(?:{DATE})\W*$", re.I)
# What comes after these is someone else's timing: "once Sam's analysis lands on Friday", "ask
# them whether they would join a session in January".
NOT_ITS_OWN = re.compile(r"\b(?:once|as soon as(?! possible)|whether)\b[^,;]*", re.I)
# a weekday that ends the clause, not a habit ("type up the cards every Friday", h140)
# … nor one of a list of days ("the office day to Tue/Thu", h202)
BARE_DAY = re.compile(rf"(?<!every )(?<!each )(?<!/)\b(?:{WEEKDAY})\b\W*$", re.I)
# What a deadline is followed by that belongs to it: its date ("ahead of my risk committee on
# the 9th of January") or how firm it is ("by the 2nd at the latest").
TRAILING = re.compile(
    rf"(?:,? (?:on|in) (?:the {ORDINAL}(?: of {MONTH})?{NOT_A_DAY}|{WEEKDAY}|{DATE}|{MONTH})\b"
    rf"|,? at the (?:latest|very latest)\b)+",
    re.I,
)


# A deadline at the end of an action item's text, which names what is done, not when: "… by
# Friday", "(due 14/3)", "- by end of March", "… before our next session" (``session_material``
# and ``session_tasks`` take it off).
DUE_AT_END = re.compile(
    r"\s*(?:\(due[^)]*\)|[-–—]?\s*\bby (?:the )?(?:end of |next |this )?[\w/]+(?: \d+\w*)?|"
    r"[-–—]?\s*\bbefore (?:our|the) next (?:session|meeting))\s*$",
    re.I,
)


def due_of(text: str) -> str:
    """The deadline stated in ``text``, or ``""``."""
    text = NOT_ITS_OWN.sub("", text)
    found = (DUE.search(text) or AT_EVENT.search(text) or BARE_DAY.search(text)
             or BARE_DATE.search(text))  # fmt: skip
    if not found:
        return ""
    tail = TRAILING.match(text, found.end())
    due = text[found.start() : tail.end() if tail else found.end()].rstrip(" .,;!")
    # "Before Christmas." on a line of its own reads "before Christmas" after an action
    return due[0].lower() + due[1:] if LOWER_FIRST.match(due) else due


def without_due(text: str, due: str) -> str:
    """``text`` with its deadline ``due`` taken out, whatever its case ("By 10 January." and
    "by 10 January")."""
    return re.sub(re.escape(due), "", text, count=1, flags=re.I) if due else text


LOWER_FIRST = re.compile(
    r"^(?:Before|By|On|In|At|Next|This|End|Within|Ahead|After|Over|From|Until|Tomorrow|Tonight|"
    r"The|First|No later)\b"
)
