"""The last session's own phrases, read from its summary: what a check-in question picks up
("savings pots, app-only banks"), not who did what ("Zara showed William …")."""

from __future__ import annotations

import re

from coach.domain.pair_profile import PairProfile
from coach.domain.wording import content_words


def recap_subject(last_summary: str, profile: PairProfile) -> set[str]:
    """The content words of the last session's summary, the pair's first names aside."""
    return content_words(last_summary) - content_words(" ".join(profile.first_names))


# Past tenses a recap tells what happened with ("Zara showed William her savings pots"): what
# was done, not what it was about. With a few linking words, no part of a recap's phrases.
NOT_TOPIC = re.compile(
    r"^(?:\w{2,}ed|said|told|saw|went|took|gave|made|spoke|felt|found|met|led|ran|brought|"
    r"taught|thought|began|wrote|did|knew|came|got|through|over|like|during|across|without|own|"
    r"read|put|heard|held|kept|left|lost|meant|paid|sent|spent|stood|understood|won|sat|rang|"
    r"rode|drove|chose|broke|forgot|bought|caught|built|dealt|"
    r"under|between|among|within|behind|beyond|near|above|below|after|before|since|until|"
    r"around|assume|assumes|think|thinks|"
    r"out|up|off|back|about|into|onto|against|never|always|still|just|not|such|mostly|been|being|goes|says|does|gets|"
    r"wants|needs|has|was|is|are|were|"
    r"mainly|honestly|actually|really|only|also|"
    # how it felt, not what it was about: "Got a bit tense afterwards" (fresh airline)
    r"bit|tense|awkward|upset|afterwards|fine|"
    # a pronoun's or a negation's contraction: "he's never been", "people aren't against"
    r"(?:i|he|she|it|we|you|they|that|there|who)['’]\w+|\w+n['’]t)$", re.I
)  # fmt: skip
# A set phrase that is about nothing: "the trustees assume it's the other way round" gave "since
# we talked about the other way round" (second fresh pension fund).
SET_PHRASE = re.compile(
    r"\b(?:the )?(?:other way (?:round|around)|same way|whole thing|other day|last time|"
    r"right thing|long run|first place)\b",
    re.I,
)
PARTICLES = ("out", "up", "off", "back", "on", "in", "into")
QUOTES = re.compile(r"(?<![\w])['’]|['’](?![\w])")  # quote marks, not an apostrophe
TOKEN = re.compile(r"[£$€]?[A-Za-z0-9][\w'’-]*")  # "£500 reservation fee" keeps its £
CLOCK = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s?(?:am|pm)\b", re.I)  # "5am briefing": a time, no count
WHEN = re.compile(rf"\b(?:at|by|until|till|from|around|before|after)\s+{CLOCK.pattern}", re.I)
WORD = re.compile(rf"{CLOCK.pattern}|{TOKEN.pattern}", re.I)  # a clock time is one word


def recap_words(last_summary: str, profile: PairProfile, most: int = 4) -> list[str]:
    """The phrases of the last session's summary a check-in question is told to use, as
    written: runs of its content words (the pair's names, past tenses and verbs with a particle
    aside, which say who did what rather than what it was about), longest first (a run cut to
    ``most`` words), at most ``most`` words in all, in the summary's order."""
    last_summary = SET_PHRASE.sub(",", QUOTES.sub(" ", last_summary))  # 'eco' is the word eco
    last_summary = WHEN.sub(",", last_summary)  # "out at 1:15am" is when, not what ("15am")
    subject = recap_subject(last_summary, profile)
    runs: list[list[str]] = [[]]
    for piece in re.split(r"([,;!?()]|[:.](?!\d))", last_summary):
        tokens = WORD.findall(piece)
        for n, token in enumerate(tokens):
            verb = (
                token.lower().endswith("ing")
                and tokens[n + 1 : n + 2]
                and (tokens[n + 1].lower() in PARTICLES)
            )  # "threads calling out …": a verb
            topical = content_words(token) & subject and not NOT_TOPIC.match(token) and not verb
            if topical:
                runs[-1].append(token)
            elif runs[-1]:
                runs.append([])
        if runs[-1]:
            runs.append([])
    chosen: list[str] = []
    for run in sorted((r[:most] for r in runs if r), key=len, reverse=True):
        if sum(len(c.split()) for c in chosen) + len(run) <= most:
            chosen.append(" ".join(run))
    return sorted(dict.fromkeys(chosen), key=last_summary.find)


# A recap phrase is told as it was written; asked about, it needs to read as a thing: without a
# leading verb ("try weekly five-minute check-ins"), a clause after a verb or a trailing adverb
# ("two other graduates informally"), and with "the" before a common noun ("the first month").
LEADING_VERB = re.compile(
    r"^(?:try|ask|use|get|make|take|see|find|show|give|keep|start|stop|run|do|build|bring)\s+",
    re.I,
)
TRAILING_ADVERB = re.compile(r"\s+(?:\w+ly|first|again|too|instead|together|now)$", re.I)
# A verb with words after it starts a clause the question cannot hold: "gig apps [show drivers]".
# At the end it is a relative clause that reads: "YouTube channels apprentices use".
MIDDLE_VERB = re.compile(
    r"\s+(?:show|use|find|want|need|get|make|ask|see|give)s?\s+\S.*$"
    r"|\s+(?:gets?|got)$",
    re.I,
)  # "the way juniors get [heard]"
DETERMINER = re.compile(r"^(?:the|a|an|our|your|my|his|her|their|this|that|these|those|\d)",
                        re.I)  # fmt: skip


def as_thing(phrase: str) -> str:
    """``phrase`` as the object of "with …" in a question, or ``""`` when fewer than two words
    are left: "first skip-level conversations" -> "the first skip-level conversations"."""
    phrase = MIDDLE_VERB.sub("", TRAILING_ADVERB.sub("", LEADING_VERB.sub("", phrase.strip())))
    if len(phrase.split()) < 2:
        return ""
    counted = DETERMINER.match(phrase) and not CLOCK.match(phrase) and not COMPOUND.match(phrase)
    if not counted and (not phrase[:1].isupper() or _common_head(phrase)):
        phrase = f"the {phrase}"
    return phrase


# a number joined to a word is a description, not a count: "the 4-weekends-in-6 rota" (second
# fresh car dealerships' check-in asked "since we talked about 4-weekends-in-6 rota")
COMPOUND = re.compile(r"\d[\w.]*-\w")


def _common_head(phrase: str) -> bool:
    """A phrase that starts with a name but is about a common thing ("January regime change",
    "Rowan unit"), not a name ("Westfield Court") or someone's ("Ewa's colleague Marcus")."""
    first, *_, last = phrase.split()
    return last[:1].islower() and not re.search(r"['’]s$", first)
