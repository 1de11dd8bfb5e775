"""What makes a sentence of a reflection a likely takeaway, before meaning is weighed
(``coach.generation.summary_narrow.NarrowSummary.candidates``): the form asked for it, it says
what was learned, or it is concrete."""

from __future__ import annotations

import re

LEARNED_LABEL = re.compile(r"^(what I learned|what surprised me)\s*:", re.I)  # coach.ui.mentee
# A sentence that says something was learned: the one-shot recipe's cues (``summary.LEARNED``)
# and the ways notes say it ("The thing that jumped out … is nobody is angry about the return",
# h184; "He'd assumed people leave for pay", h181; "it turned out I had filmed it sideways").
LEARNED = re.compile(
    r"\b(?:learn|realis|realiz|notic|surpris|landed|understood|struck|discover|jumped out|"
    r"stood out|stands out|turns out|turned out|assum|had(?:n['’]t| not) (?:known|seen|thought)|"
    r"never knew|didn['’]t know)",
    re.I,
)
SPECIFIC = 0.2  # the score of a number, and of someone's own words in quotes, in a sentence
NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"twenty|thirty|half|twice)\b", re.I)  # fmt: skip
QUOTED = re.compile(r"[\"“”]")


def specific(text: str) -> float:
    """How concrete a sentence is: a number, someone's own words. The points a reader looks
    for in a summary ("38 young people left their email") are these, more than the ones nearest
    a goal in meaning."""
    return SPECIFIC * (bool(NUMBER.search(text)) + bool(QUOTED.search(text)))
