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
            r"stopped trying|there to confirm|(?:didn'?t|did not) try (?:again|a third time)|"
            # the senior held the floor (ours: "spent most of the half hour on himself")
            r"\b(?:held|had|took|kept) the floor|(?:did|does|doing) (?:most|all|nearly all|"
            r"the bulk) of the talking|(?<!\bwe )(?<!\bI )(?:spent|took up|occupied|used|filled) "
            r"(?:most|the greater part|the bulk|much|nearly all|almost all) of (?:the|our) "
            r"(?:\w+ )?(?:session|hour|meeting|time|minutes|half hour)"
            # "we spent most of the hour on the trial numbers" is the pair's choice (h191, h193)
            r"(?! on (?!(?:him|her)self\b|his own\b|her own\b))|"
            r"as if I hadn'?t (?:spoken|said anything)|"
            # h199: "Brian spent the first twenty of them talking"; "… and carried on"
            r"(?<!\bI )(?<!\bwe )\bspent the first (?:\w+|\d+) (?:of them |minutes |mins )?"
            r"talking|(?:he|she) said [^.]{0,60}\band carried on\b|"
            r"(?:couldn'?t|could not|didn'?t|did not|never) (?:really )?get (?:a word|my point|"
            r"a point|anything) in|(?:managed|got) (?:about |only |maybe |perhaps )?\w+ "
            r"(?:sentences|words) in|(?:hadn'?t|had not) finished (?:making|saying)|"
            r"\bbefore (?!we\b)(?:I|he|she|they|[A-Z][a-z]+) had (?:finished|a chance)|"
            # the junior cannot disagree
            r"(?:didn'?t|did not|don'?t|do not|couldn'?t) (?:feel (?:able|safe|I could)|dare) to "
            r"(?:disagree|challenge|push back|say)|tell (?:him|her) no\?|nodded along|"
            r"I (?:always|just) nod|hard to (?:be firm|disagree|say no) with|bit my tongue|"
            r"you(?:'re| are) the \w+, you (?:probably |must )?know (?:better|best)|"
            r"told (?:me |us )?(?:that )?it was [\"“]?not the (?:moment|time|place|forum)",
            2,
        ),
        cue(
            r"(?<!\bI )(?<!\bwe )\b(spoke|talked|went on) for (about |nearly |almost )?(\d+|ten|"
            r"fifteen|twenty|thirty|forty)\b[^.]*\b(minutes|mins) (about|of)\b|"
            r"most of the \d+ min\w* was (him|her)|"
            r"(?<!\bI )\b(?:talked|spoke|went on) about [^.]{0,60}? for (?:maybe |about |nearly |"
            r"almost |a good )?(?:\d+|ten|fifteen|twenty|thirty|forty) min|"
            r"\d+-minute edit|"
            # h152: "Graham spoke for most of the half hour"
            r"(?<!\bI )\b(?:spoke|talked|went on) for (?:most|the bulk|nearly all|almost all) of "
            r"(?:the|our) (?:\w+ )?(?:session|hour|meeting|time|minutes|half hour)",
            2,
        ),
        cue(
            r"\btried (twice|again|to steer|to bring|to get)|moved (straight )?on|"
            r"brush(ed)? (it |me )?off|didn't say anything in the moment|not in that room|"
            r"(he|she) (kept )?interrupt\w* me|dismiss\w*|already moved on|\bclosed\.|"
            r"that's noise|"
            r"(?:kept|keep|carried) (?:going|on talking|talking)|little (?:opportunity|chance) to "
            r"(?:speak|talk)|(?:let'?s|we'?ll) (?:park|not reopen|leave) (?:that|it|all that)|"
            r"\bbut (?:I|i) didn'?t say (?:it|so|anything)|(?:looking|looked) at (?:his|her) phone|"
            r"(?:did not|didn'?t|never) speak again|tried to make (?:a|the|my|his|her) point|"
            r"(?:didn'?t|did not) manage to (?:ask|say|raise|get)|(?:just|end up) nodding",
            1,
        ),
    ],
    "tokenism": [
        cue(
            r"\b(box[- ]?ticking|tick[- ]?box|for show|pr exercise|for appearances|"
            r"going through the motions|so (?:the|that the) (?:\w+ )?(?:trust|company|board|firm|"
            r"department|bank|council|school|business) can say|look good (?:for|on) (?:the|my|our)|"
            r"signed me up|(?:didn'?t|did not|wasn'?t) (?:exactly )?volunteer|"
            r"(?:didn'?t|did not) put my hand up|(?:a|the) visible face|"
            r"because it was expected|(?:before|until) we'?d (?:even )?met|box ticked|"
            r"ticked (?:the|a|that) box)\b",
            2,
        ),
        cue(
            r"\b(photos?|photographer|intranet story|annual report|newsletter|award|"
            r"quoted in the|face of|photograph|picture of (?:the two of )?us|case study|"
            r"comms (?:team )?(?:want|wanted|had)|pencilled (?:me |us )?in|handshake)\b",
            1,
        ),
        cue(r"\b(like a prop|press release|pictures of (him|her)|for the cameras)\b", 1),
        cue(
            r"\b(?:came|arrived|turned up|joined) (?:in )?(?:\d+|ten|fifteen|twenty|"
            r"twenty-five|thirty|half an hour)(?: minutes| mins)? late|hard stop|"
            r"on my behalf|in my place|(?:third|fourth|fifth) attempt|"
            r"(?:leadership |hr )?scorecard|staff magazine",
            1,
        ),
        cue(
            # moved by the writer is not the pairing pushed aside ("got moved twice, by me", h180)
            r"\b(moved|cancel+ed|resched\w*) (\w+ )*?(again|three times|twice|"
            r"with \d+ mins? notice)(?!,? by me\b)|third time this month|late and left|"
            r"left \d+ min\w* early|(been )?told to do this|signed up because|"
            r"(?:postponed|shifted|moved|cut|reduced|cancel+ed|rescheduled) (?:\w+ ){0,3}?"
            r"(?:again|twice|thrice|three times|four times|every time|repeatedly)(?!,? by me\b)|"
            r"(?:almost|nearly) every time|"
            r"\b(?:\d|two|three|four|five) of (?:our |the |my )?(?:\d|two|three|four|five|six) "
            r"sessions (?:moved|cancel+ed|cut)",
            1,
        ),
    ],
    "one_sided_benefit": [
        cue(
            r"\bnothing (in it )?for me|not getting anything|get nothing|"
            r"\b(doing|do|did|work\w*) [^.]{0,40}for free\b|"
            r"what'?s in it for me|feel(ing)? used|one[- ]way street|"
            r"(?:couldn'?t|could not|can'?t|cannot) (?:honestly )?(?:have )?(?:think of|name|"
            r"point to|say|told anyone|tell anyone) (?:anything|a single thing|one thing|"
            r"what I(?:'m| am)? (?:get|gain|taking|getting|gaining))|"
            r"nobody'?s? (?:has )?mentioned my name|"
            r"(?:not|isn'?t|wasn'?t) (?:going )?on my timesheet|uncredited|unlogged|"
            r"no mention of me|nobody (?:else )?knows I (?:wrote|did|made)|"
            r"(?:took|left) my name off|(?:left|kept) (?:it |the box )?blank|"
            r"(?:not sure|no idea|(?:don'?t|do not) know|hard to say) what I(?:'m| am) "
            r"(?:getting|gaining|taking away) (?:out of|from)|"
            r"(?:doesn'?t|does not|didn'?t|did not) (?:have|carry|show|mention) my name|"
            # asked what the junior gained, no answer (h203)
            r"what I'?(?:d|had)? ?(?:got|gained|taken) (?:out of|from) [^.]{0,40}?"
            r"(?:didn'?t|did not|couldn'?t|could not) (?:have|give|find) an answer|"
            r"my name (?:isn'?t|is not|wasn'?t|was not) (?:on|in) (?:it|there)|"
            r"never (?:been )?(?:put|added) on my (?:actual )?(?:workload|timesheet|objectives)",
            2,
        ),
        cue(
            r"\b(in|on) my own (time|days off)|outside work hours|"
            r"what (do|did) (you|I|the mentor) (get|gain)|my name wasn't|"
            r"nobody [^.]* knows I did|credited to|not sure what it's for, for me|"
            r"two-way benefit|more homework|only thing I get|the one thing I (actually )?"
            r"(wanted|asked for)|incapable of saying no|line on my appraisal|"
            r"(?:with|under) (?:her|his|their) (?:team'?s )?name on it|rest (?:night|day)|"
            r"days? off|lunch breaks|weekends?|evenings|I suppose\W*$|\bunpaid",
            1,
        ),
        cue(
            r"\bas (?:her|his|their) (?:own )?(?:deck|work|slides|paper|idea)s?\b|"
            r"stop expecting|hard to say no|\bbut (?:he|she)(?:'s| is) young\b",
            1,
        ),
        cue(
            r"\basked (?:if|whether) (?:his|her|my) name could (?:go|be)|attribution gets messy|"
            r"(?:won'?t|wouldn'?t|didn'?t) (?:credit|name) (?:him|her|me)\b",
            1,
        ),
    ],
}
# The writer saying in so many words that it did no harm, also in the sentence after a model's
# evidence ("… for the intranet piece. … it's one photo after six proper sessions.", h186).
NO_HARM = (
    r"\b(?:don'?t|didn'?t|do not|did not|wouldn'?t) mind\b|worth it|worthwhile|"
    r"\b(?:just|only|it'?s) one (?:photo|picture|quote)\b"
)
NOT_A_CUE = re.compile(
    r"\byou asked me to interrupt|\binterrupted [^.]*\bby (students|others|people)|"
    r"\bno (photographer|photo)\b|\bhonestly a lot\b|dismissed nothing|didn't dismiss|"
    rf"{NO_HARM}|"
    r"I'?d asked (?:her|him) (?:last \w+ )?to|as we agreed|our (?:ground )?rule|\bjoked\b|"
    r"\blaughed\b|as (?:I|she|he) asked|(?:I|she|he) (?:had )?asked (?:him|her|me) "
    r"(?:last \w+ )?to explain|at (?:her|his|my) request",
    re.I,
)
NO_HARM_SAID = re.compile(NO_HARM, re.I)


# The senior's own account of holding the floor: a cue only in the mentee's notes ("I spoke for
# perhaps thirty-five of the forty-five minutes", h129 "I did about thirty-five of the
# forty-five minutes"; by the mentor, the same words are no flag).
SENIOR_OWN: list[Cue] = [
    cue(
        r"\bI (?:spoke|talked|went on|did|had|took)(?: for)? (?:perhaps |about |nearly |almost |"
        r"some )?[\w-]+ of "
        r"(?:the|our) [\w-]+ minutes|\bI (?:interrupted|talked over|brushed aside|waved away) "
        r"(?:him|her)|\bI moved (?:the conversation|us|things) on\b|"
        r"\bI (?:had|took|used) (?:roughly |about |nearly |almost |perhaps )?"
        r"(?:\d+%|most|the bulk) of the (?:airtime|talking|time)|\bI stopped (?:her|him)\b",
        2,
    ),
    cue(  # the junior's silence read as assent, and the senior's "why not"
        r"\b(?:he|she) (?:agreed at once|didn'?t argue|did not argue|asked no questions|"
        r"made no objection)|\bI explained why (?:that|this|it)(?:'s| is| was) not\b|"
        r"(?:barely|hardly) (?:needed to |had to |got to )?say a word|"
        r"\bI(?:'d| had) (?:already )?covered (?:that|it)",
        1,
    ),
]


def cue_sentences(
    found: Iterable[Sentence], author: str = "mentor"
) -> dict[FlagKind, list[tuple[Sentence, int]]]:
    """For each kind, every (sentence, weight) of its cues, whether or not they reach the
    definition: a cue counts once in each sentence it is in. ``author``: whose notes."""
    out = {}
    sentences = [s for s in found if not NOT_A_CUE.search(s.text)]
    for kind, cues in CUES.items():
        if kind == "power_imbalance" and author == "mentee":
            cues = [*cues, *SENIOR_OWN]
        out[kind] = [(s, weight) for pattern, weight in cues for s in sentences
                     if pattern.search(s.text)]  # fmt: skip
    return out


def evidence(
    found: Iterable[Sentence], author: str = "mentor"
) -> dict[FlagKind, list[tuple[Sentence, int]]]:
    """For each kind that meets its definition, every (sentence, weight) that counted."""
    counted = cue_sentences(found, author)
    return {k: rows for k, rows in counted.items() if sum(w for _, w in rows) >= NEEDED}


def found_flags(found: Iterable[Sentence], author: str = "mentor") -> list[Flag]:
    """The flags the reflection's sentences bear out, each with its strongest sentence."""
    flags = []
    for kind, counted in evidence(found, author).items():
        best = max(counted, key=lambda c: c[1])[0]
        flags.append(Flag(kind=kind, evidence=best.text, span=span_of(best)))
    return flags


def flagged_sentences(found: Iterable[Sentence], author: str = "mentor") -> list[Sentence]:
    """Every sentence with a cue of a flag that was raised: all of them stay private."""
    seen: dict[int, Sentence] = {}
    for counted in evidence(found, author).values():
        seen.update({s.start: s for s, _ in counted})
    return [seen[k] for k in sorted(seen)]
