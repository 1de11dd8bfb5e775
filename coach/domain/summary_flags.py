"""Private coaching flags found by stated definitions, precision first.

A flag on a senior's private reflection that the text does not bear out does more harm than a
missed one, so a flag needs evidence worth two points: one strong cue, or two weak ones from
different sentences or phrases. The definitions:

- ``power_imbalance``: in the session the senior talks over, cuts off, waves away or speaks
  for most of the time instead of the junior, or the junior says they cannot push back.
  A rule the pair agreed ("you asked me to interrupt you") or interruptions by others are not.
- ``tokenism``: the pairing is treated as being for show: photos, awards, reports and
  newsletters before substance, sessions moved or cut again and again, "told to do this".
- ``one_sided_benefit``: one side says they get nothing from it, work unpaid and uncredited,
  or cannot say what they gain.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coach.domain.summary_draft import Flag, FlagKind, span_of
from coach.domain.wording import Sentence

NEEDED = 2

Cue = tuple[re.Pattern[str], int]


def cue(pattern: str, weight: int) -> Cue:
    """A case-insensitive cue worth ``weight`` points."""
    return re.compile(pattern, re.I), weight


CUES: dict[FlagKind, list[Cue]] = {
    "power_imbalance": [
        cue(
            r"\b(talked|talks|talking) over me|cut me off|stopped me (on|at|mid)|"
            r"please let me finish|(didn't|wouldn't|won't) let (me|him|her|\w+) finish|"
            r"waved (me )?off|answered instead|(he|she)'s taken over|took over (my|the session)|"
            r"like (he|she)'s mentoring me|"
            r"I've been doing this for \d+ years|get a word in|pulled rank|cut (in|across)|"
            r"(can't|couldn't|can not|hard to|don't feel (like )?I can) push back|"
            r"stopped trying|there to confirm",
            2,
        ),
        cue(
            r"(?<!\bI )(?<!\bwe )\b(spoke|talked|went on) for (about |nearly |almost )?(\d+|ten|"
            r"fifteen|twenty|thirty|forty)\b[^.]*\b(minutes|mins) (about|of)\b|"
            r"most of the \d+ min\w* was (him|her)|"
            r"\d+-minute edit",
            2,
        ),
        cue(
            r"\btried (twice|again|to steer|to bring|to get)|moved (straight )?on|"
            r"brush(ed)? (it |me )?off|didn't say anything in the moment|not in that room|"
            r"(he|she) (kept )?interrupt\w* me|dismiss\w*|already moved on|\bclosed\.|"
            r"that's noise",
            1,
        ),
    ],
    "tokenism": [
        cue(
            r"\b(box[- ]?ticking|tick[- ]?box|for show|pr exercise|for appearances|"
            r"going through the motions)\b",
            2,
        ),
        cue(
            r"\b(photo|photographer|intranet story|annual report|newsletter|award|"
            r"quoted in the|face of)\b",
            1,
        ),
        cue(r"\b(like a prop|press release|pictures of (him|her)|for the cameras)\b", 1),
        cue(
            r"\b(moved|cancel+ed|resched\w*) (\w+ )*?(again|three times|twice|"
            r"with \d+ mins? notice)|third time this month|late and left|"
            r"left \d+ min\w* early|(been )?told to do this|signed up because",
            1,
        ),
    ],
    "one_sided_benefit": [
        cue(
            r"\bnothing (in it )?for me|not getting anything|get nothing|"
            r"\b(doing|do|did|work\w*) [^.]{0,40}for free\b|"
            r"what'?s in it for me|feel(ing)? used|one[- ]way street",
            2,
        ),
        cue(
            r"\b(in|on) my own (time|days off)|outside work hours|"
            r"what (do|did) (you|I|the mentor) (get|gain)|my name wasn't|"
            r"nobody [^.]* knows I did|credited to|not sure what it's for, for me|"
            r"two-way benefit|more homework|only thing I get|the one thing I (actually )?"
            r"(wanted|asked for)|incapable of saying no|line on my appraisal",
            1,
        ),
    ],
}
NOT_A_CUE = re.compile(
    r"\byou asked me to interrupt|\binterrupted [^.]*\bby (students|others|people)|"
    r"\bno (photographer|photo)\b|\bhonestly a lot\b|dismissed nothing|didn't dismiss",
    re.I,
)


def _evidence(found: Iterable[Sentence]) -> dict[FlagKind, list[tuple[Sentence, int]]]:
    """For each kind that meets its definition, every (sentence, weight) that counted: a cue
    counts once in each sentence it is in."""
    out = {}
    sentences = [s for s in found if not NOT_A_CUE.search(s.text)]
    for kind, cues in CUES.items():
        counted: list[tuple[Sentence, int]] = []
        for pattern, weight in cues:
            hits = [s for s in sentences if pattern.search(s.text)]
            if hits:
                counted += [(s, weight) for s in hits]
        if sum(w for _, w in counted) >= NEEDED:
            out[kind] = counted
    return out


def found_flags(found: Iterable[Sentence]) -> list[Flag]:
    """The flags the reflection's sentences bear out, each with its strongest sentence."""
    flags = []
    for kind, counted in _evidence(found).items():
        best = max(counted, key=lambda c: c[1])[0]
        flags.append(Flag(kind=kind, evidence=best.text, span=span_of(best)))
    return flags


def flagged_sentences(found: Iterable[Sentence]) -> list[Sentence]:
    """Every sentence with a cue of a flag that was raised: all of them stay private."""
    seen: dict[int, Sentence] = {}
    for counted in _evidence(found).values():
        seen.update({s.start: s for s, _ in counted})
    return [seen[k] for k in sorted(seen)]
