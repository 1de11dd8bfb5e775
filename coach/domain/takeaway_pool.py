"""The sentences a summary may take its points from, before they are ranked
(``coach.generation.summary_narrow``).

A sentence is out when another field states it (an action, a private flag's sentence), when it
is a question, a heading, a line about the note, irony, or says nothing read on its own. A
statement that only ends in a question mark ("… he got stuck on the attitude-to-risk sliders for,
what, eleven minutes?", h195) is a statement, not a question.

Tried and not kept: a sentence that leans on the one before it ("It stops because …", h194)
taken with that sentence as one unit. On h181-h216 with the model, takeaways copied more
(verbatim 0.317 -> 0.347) and fact recall did not rise (0.707 -> 0.703): docs/evals.md.
"""

from __future__ import annotations

import re

from coach.domain.goal_evidence import HEADER
from coach.domain.irony import SARCASM
from coach.domain.standalone import stands_alone
from coach.domain.takeaway_check import unlabelled
from coach.domain.wording import Sentence, content_words

# A question opens with a question word or an auxiliary, or says someone asked it ("I asked,
# why don't I take the window issue to the review on the 9th?", h144).
QUESTION_START = re.compile(
    r"^\W*(?:what|why|how|who|whom|whose|when|where|which|do|does|did|is|are|was|were|can|could|"
    r"would|should|will|shall|have|has|had|may|might|am|any|anyone|anything)\b|"
    r"^\W*\w+(?:n['’]t)\b",
    re.I,
)
ASKS = re.compile(r"\b(?:ask|asks|asked|asking|wonder|wondered|wondering)\b", re.I)
MIN_POINT_WORDS = 3  # content words in a point

# A line about the note, not the session: a stage direction ("[Voice memo, transcribed …]"), a
# table row, a title ("Reverse mentoring session with Siddharth"), why it is written down
# ("Writing this down before the holidays wipes it."; h182-h186's first summaries).
NOT_A_POINT = re.compile(
    r"^\W*\[[^\]]*\]\W*$|^\s*\||"
    r"^\W*reverse[- ]mentoring\b(?:\s+[\w-]+){0,2}\s*(?:[-–—:,(]|with\b|$)|"
    r"\b(?:writing|jotting|putting|getting) (?:this|these|it|them) (?:down|up)\b|"
    r"\b(?:for the (?:file|record|log)|voice memo|transcribed|dictated)\b|"
    # a heading in sentence form: "What we each got out of it, because the programme form asks."
    r"\bbecause the (?:[\w'’-]+ ){0,2}form (?:asks|asked|wants)\W*$|"
    # an email's or minutes' header lines: "Email to self – Sat 19 Dec", "Present: …" (h201, h211),
    # "To: me\nSubject: Siddharth - last session, things to keep" (h210)
    r"^\W*(?:e-?mail to (?:self|myself)|subject|present|attendees|apologies|minutes (?:of|taken)"
    r")\b|^\W*(?:to|from|cc|re)\s*:|"
    # a title, where and why it is written (summary-29: "Notes on my fourth session with Amina,
    # Monday 21st December.", "Driving back from cobot cell", "Drafting feedback form first")
    # … and "Note to self after Monday's session with Amina (the fourth)." (h190)
    r"^\W*(?:my |some )?(?:notes?(?: to (?:self|myself))?|thoughts|reflections?|write-?up)\s+"
    r"(?:on|from|after|about|for)\s+(?:my|our|the|today['’]?s|\w+day['’]s|this)\b[^.:]{0,60}"
    r"\bsession\b"
    # … then only who, when and which: "with Amina, Monday 21st December.", ", Chloe and me."
    r"(?:[\s,()–—-]+(?:\d+\w*|(?-i:[A-Z])[\w'’]*|with|and|me|on|of|the|in|at|week|"
    r"\w+day|first|second|third|fourth|fifth|sixth|seventh|last|final))*[\s,()–—-]*\.?\s*$|"
    r"\bso this is (?:session|meeting) \w+(?: of \w+)?\W*$|"
    r"\b(?:drafting|writing|practising) (?:my|our) (?:answers|replies|reply|responses?) "
    r"(?:for|to|on) the\b[^.]{0,40}\bform (?:here|below)\b",
    re.I,
)


def asks(text: str) -> bool:
    """Whether ``text`` is a question, not a statement with a question mark at its end."""
    text = unlabelled(text).strip()
    return text.endswith("?") and bool(QUESTION_START.match(text) or ASKS.search(text))


def point_sentences(found: list[Sentence], taken: set[int]) -> list[Sentence]:
    """The sentences that may give a point, in text order. ``taken``: the numbers of sentences
    that are never points (actions, private ones)."""
    return [s for s in found if s.number not in taken and not asks(s.text)
            and not HEADER.search(s.text) and not NOT_A_POINT.search(s.text)
            and not SARCASM.search(s.text.strip())
            and len(content_words(unlabelled(s.text))) >= MIN_POINT_WORDS
            and not stands_alone(unlabelled(s.text))]  # fmt: skip
