"""The thing a focus written as sentences is about.

A programme lead writes a focus the way they talk: "Tomasz is nervous about the staff roadshow
on 14 January. He's expecting a hostile room about the shift change …". Pasted whole into a
block it reads as goal wording; its first goal in its place ignores it (the fresh development
pairs of 2026-12-07: 8 of 9 long focuses got a block about something else). What it is about
is a noun phrase it names: "the staff roadshow on 14 January".
"""

from __future__ import annotations

import re

LONG_FOCUS = 10  # words: a focus longer than this is sentences, not a subject


def is_long(focus: str) -> bool:
    """Whether ``focus`` is sentences rather than a subject (over ``LONG_FOCUS`` words)."""
    return len(focus.split()) > LONG_FOCUS


# A noun phrase: a determiner, a number or a name's possessive, then its words up to the end
# of its clause.
ARTICLES = ("the", "our", "a", "an", "this", "that", "these", "those", "their", "his", "her")
# (not a pronoun before its verb: "a meeting time that isn't straight after a night shift",
# "doesn't want this to become a union meeting"; the second fresh set)
_NOT_A_NOUN = (
    r"(?!\s+(?:is|isn['’]t|was|wasn['’]t|will|won['’]t|would|to|has|had|can|could|"
    r"should|might|may|must|does|doesn['’]t|did|didn['’]t|one)\b)"
)
# (nor "this" as a pronoun before a preposition: "fit this round Jamie's watch pattern", fresh3)
_PREPOSITION = (r"(?:round|around|into|with|for|on|in|at|by|of|from|about|over|through|up|"
                r"down|out|off|back)")  # fmt: skip
_START = (rf"(?:(?i:{'|'.join(ARTICLES)})|[A-Z][\w-]*['’]s){_NOT_A_NOUN}"
          rf"(?!(?<=\b(?i:this|that))\s+{_PREPOSITION}\b)")  # fmt: skip
PHRASE = re.compile(rf"(?<![\w'’-]){_START}\s+[^.;:?!()\n]+")
STARTS = re.compile(rf"(?<![\w'’-]){_START}\s")
# … after a word that says the focus works on it: "nervous about the staff roadshow", "go
# through the anonymous replies", "bring the survey results".
MARKED = re.compile(
    r"\b(?:about|through|over|around|regarding|bring|replay|rehearse|discuss|unpick)\s+"
    rf"(?={_START}\s)",
    re.I,
)
# Where the phrase's clause ends: a conjunction, a verb that follows a subject, "together".
CLAUSE_END = re.compile(
    # (not "and" before what it joins to the phrase: "the on-call rota and who covers nights")
    # (nor a verb after "to": "the push to get handovers under 45 minutes", fresh3)
    # (nor right after a determiner: "The first Museum Late for 18 to 30s", fresh3)
    r"(?<!\band)(?<!\bto)(?<!\b[Tt]he)(?<!\b[Aa])(?<!\b[Aa]n)(?<!\b[Oo]ur)(?<!\btheir)"
    r"(?<!\bhis)(?<!\bher)(?<!\bthis)(?<!\bthat)\s+(?:before|after|when|once|while|because|so|and(?!\s+(?:who|what|how|why|"
    r"where|when|which|whether|the|a|an|our|their|his|her|its)\b)|but|or|if|where|which|who|"
    r"whom|that|"
    r"than|as|into|onto|was|were|is|are|be|been|being|got|gets|get|has|have|had|will|would|"
    r"can|could|should|might|may|must|did|does|do|ends|ended|starts|started|went|goes|came|"
    r"comes|go|happened|turns|turned|hears|says|thinks|feels|wants|needs|knows|"
    r"survives|works|"
    r"matters|lands|helps|changes|moves|stays|fails|happens|together|instead|"
    r"still|actually|really|properly|line by line|"
    r"step by step|one by one|in full|now|then|first|later|like|the way|"
    r"about (?:what|how|why|who|whether))\b.*$",
    re.I,
)
# "the board report + do we carry on": a second thing (not "the Q&A"); "the Q&A, with Sophie
# asking …": an aside
JOINED = re.compile(r"\s+[+&]\s.*$|\s*;.*$|,\s.*$|\s+[-–—]\s.*$")  # (… or a spaced dash:
# "the houseplant wall at Hatfield - Tom reckons nobody …", fresh4 garden centre)
# "the incident on the 86 and what happened afterwards", cut at its verb
HANGING = re.compile(r"\s+and\s+(?:who|what|how|why|where|when|which|whether)$", re.I)
MIN_WORDS, MAX_WORDS = 2, 8
# A topic that is a person ("his supervising partner"): no starter or first-session question is
# about bringing them in (``focus_question``, ``starter_slots.session_topic``).
PERSON = re.compile(
    r"^(?:his|her|their)\b|\b(?:partners?|managers?|boss|directors?|heads?|chiefs?|chairs?|team|"
    r"colleagues?|people|staff|ceo|leads?|desk|crews?)$",  # "the Leeds desk will think" (fresh4)
    re.I,
)
# Phrases that name the session or the programme, not what it is about.
ABOUT_THE_SESSION = re.compile(
    r"^\S+\s+(?:(?:very|last|next|first|final|whole)\s+)*(?:session|sessions|meeting|"
    r"meetings|programme|program|pairing|scheme|one|time|week|month|year|bit|end|start|"
    r"beginning|middle|rest)\b",
    re.I,
)


def clause_cut(text: str) -> str:
    """``text`` cut where its noun phrase's clause ends ("the 8/6 roster before we've even
    started" -> "the 8/6 roster")."""
    return HANGING.sub("", CLAUSE_END.sub("", JOINED.sub("", text))).strip(" ,'’\"")


# Where a long phrase's own noun ends and where it goes begins: "the handle-time review to the
# exec committee on 3 March", "the weekend rota change to the sales managers" (the second fresh
# set): the thing is the first noun.
GOES_TO = re.compile(r"\s+(?:to|for)\s+(?:the|a|an|our|his|her|their|my)\s.*$", re.I)
LONG_PHRASE = 5  # words


# Where a thing is kept, said with a pronoun whose person a title cannot show: "the incident
# map on her phone" (second fresh water utility: "Session 4: The incident map on her phone").
OWN_PLACE = re.compile(r"\s+(?:on|in|at|from)\s+(?:his|her|their)\s+[\w-]+$", re.I)


# Who said a remark is no topic of their own: "the Phoenix site director said, "They quit …""
# (fresh3): the speaker, which ``PERSON`` then reads as a person.
SPEAKER = re.compile(r"\s+(?:said|told|asked)$")


# Words a determiner may follow inside one noun phrase ("the incident on the 86", "the 52
# comments from the nights pulse survey"); after any other, it starts a second one.
JOINS = frozenset({"of", "on", "in", "at", "to", "for", "from", "with", "by", "about", "over",
                   "into", "onto", "after", "before", "and", "or", "under", "through",
                   "behind"})  # fmt: skip


def _first_of_two(phrase: str) -> str:
    """The first of two noun phrases run together: "the ops review the Phoenix site director"
    (a time before its subject, "At the ops review the director said …") -> "the ops review"."""
    words = phrase.split()
    for i in range(1, len(words)):
        if words[i].lower() in ("the", "a", "an") and words[i - 1].lower() not in JOINS:
            return " ".join(words[:i])
    return phrase


# A relative clause's subject left at the end: "the actual jobs she [has seen come through]"
# (fresh4 printing works: "Session 6: The actual jobs she")
CLAUSE_SUBJECT = re.compile(r"\s+(?:she|he|they|we|i|you)$", re.I)


def _phrase(text: str) -> str:
    """``text`` cut where its noun phrase's clause ends, or "" when that leaves no subject."""
    phrase = CLAUSE_SUBJECT.sub("", SPEAKER.sub("", _first_of_two(clause_cut(text))))
    placed = OWN_PLACE.sub("", phrase)
    phrase = placed if len(placed.split()) >= MIN_WORDS else phrase
    going = GOES_TO.sub("", phrase)
    if len(phrase.split()) > LONG_PHRASE and len(going.split()) >= MIN_WORDS:
        phrase = going
    count = len(phrase.split())
    if count < MIN_WORDS or count > MAX_WORDS or ABOUT_THE_SESSION.match(phrase):
        return ""
    return "" if SOMEONES_WORRY.match(phrase) else phrase


# Someone's worry or question, which the focus goes on to say: "Priya's main worry going in:
# that the rest of the desk will think …" (fresh4: "our time on priya's main worry going in")
SOMEONES_WORRY = re.compile(r"^(?:[A-Z][\w-]*['’]s|his|her|their|my|our)\s+(?:\w+\s+)?(?:worry|"
                            r"worries|concerns?|fears?|questions?|problems?|issues?|ask|hope)\b",
                            re.I)  # fmt: skip


def long_focus_topic(focus: str) -> str:
    """The noun phrase a long focus (over ``LONG_FOCUS`` words) works on: the first one after
    a word that says so ("about", "through", "bring" …), else the first that does not name the
    session or the programme; "" for a short focus or when none is found."""
    focus = " ".join(focus.split())
    if not is_long(focus):
        return ""
    for marker in MARKED.finditer(focus):
        found = PHRASE.match(focus, marker.end())
        if found and (phrase := _phrase(found.group(0))) and not BACK_REFERENCE.match(phrase):
            return first_lower(phrase)
    for start in STARTS.finditer(focus):  # every start, not only where a match left off
        found = PHRASE.match(focus, start.start())
        if _aside_or_avoided(focus, start.start()):
            continue
        if found and (phrase := _phrase(found.group(0))):  # (no "Session 5: The day", fresh4
            return "" if BACK_REFERENCE.match(phrase) else first_lower(phrase)  # housebuilder)
    return ""


# "Go through the evening as a visitor would" names what an earlier sentence named ("The first
# Museum Late for 18 to 30s is on Friday 23 April", fresh3): the earlier phrase is the topic.
BACK_REFERENCE = re.compile(r"^(?i:the|that|this)\s+(?:evening|day|night|morning|afternoon|"
                            r"event|thing|one|idea|plan|lot)$")  # fmt: skip
# A place or thing the focus says someone would rather avoid ("Nadia would rather not meet at
# the Civic Centre", fresh3) is not what the session works on.
AVOIDED = re.compile(r"\b(?:not|never|n['’]t)\b(?:\s+\S+){0,3}\s*$", re.I)


def _aside_or_avoided(focus: str, start: int) -> bool:
    """Whether the phrase at ``start`` sits in brackets ("(the keeper briefing, the primate
    house signs)", an example of what changed, fresh3) or follows a "not" in its clause."""
    before = focus[:start]
    clause = re.split(r"[.;:,!?]", before)[-1]
    return before.count("(") > before.count(")") or bool(AVOIDED.search(clause))


def first_lower(phrase: str) -> str:
    """``phrase`` with a sentence-initial article in lower case ("The supporters' forum")."""
    first = phrase.split()[0]
    if first in {article.capitalize() for article in ARTICLES}:
        return first.lower() + phrase[len(first) :]
    return phrase


# A focus that says the session works through a thing it names: "Go through the anonymous
# replies from the question boxes together and pick three".
WORKS_THROUGH = r"\b(?:go|going|work|working|read|reading)\s+(?:through|over)\s+"


def focus_material(focus: str) -> str:
    """The thing a long focus says the session works through, or ""."""
    topic = long_focus_topic(focus)
    said = " ".join(focus.split())
    return topic if topic and re.search(WORKS_THROUGH + re.escape(topic), said, re.I) else ""


# A focus written as a note: "the 5am briefing thing, again" is about the 5am briefing.
NOTE_TAIL = re.compile(r"(?:\s*[,—–-]?\s+(?:again|still|as usual|once more))+\W*$", re.I)
VAGUE_NOUN = re.compile(r"\s+(?:thing|stuff)\b(?=\s*(?:$|[,;+&]))", re.I)


def plain_focus(focus: str) -> str:
    """``focus`` without a note's filler: a trailing "again", a vague "thing" or "stuff"."""
    return VAGUE_NOUN.sub("", NOTE_TAIL.sub("", " ".join(focus.split()))).strip()


# A focus that quotes something someone said ("'They're on their phones half the shift and then
# tell me there's no time to do the care notes.'", fresh care homes; "He keeps saying 'nobody
# reads the newsletter'"): the session looks at what is behind the remark.
# (… or after a colon: "Brent at Monday's ops meeting: "Nobody's quitting over housing."", fresh4)
QUOTED = re.compile(r"(?:^|\b(?:says?|said|saying|told (?:me|us)|asked|goes)[,:]?\s+|:\s+)"
                    r"[\"“‘'](?P<said>\S.*?)(?<=\S)[\"”’'](?!\w)")  # fmt: skip
REMARK_CUT = re.compile(r"\s+(?:and then|but|because|so)\s.*$|[,;.!?].*$", re.I)
PUNCT_CUT = re.compile(r"[,;.!?].*$")  # … when a cut at its conjunction leaves under 3 words
WHOLE_REMARK = 12  # words: longer, a remark whole reads as a paste


def remark(focus: str) -> str:
    """The remark a focus quotes, its first clause in quotes ("'They're on their phones half the
    shift'"), or "" when it quotes none."""
    found = QUOTED.search(" ".join(focus.split()))
    if not found:
        return ""
    said = REMARK_CUT.sub("", found.group("said")).strip()
    if len(said.split()) < 3:  # "They quit because they can't handle a difficult caller" (fresh3)
        said = PUNCT_CUT.sub("", found.group("said")).strip()
        said = said if len(said.split()) <= WHOLE_REMARK else ""
    return f"'{said}'" if len(said.split()) >= 3 else ""
