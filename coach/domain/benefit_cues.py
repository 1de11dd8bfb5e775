"""Which sentence of a reflection says what one side of the pair gained, read by rules.

The mutual-benefit step asks the model for one line per side, and a line is kept only when a
sentence supports it; the 1.5B model's lines mostly summarise several sentences loosely, fail
that check, and the side reads "Not stated" where the text says it (a reader's fault). These
rules find the sentence itself: a gain cue ("learned", "had no idea", "useful", "showed me",
"for my portfolio", "getting a lot out of", "gets it now", "now uses") and who it belongs
to, from the author's point of view: "showed me" and "useful for me" are the author's, "I
showed him", "taught her" and "made him less afraid" the partner's, else the last subject
before the cue ("I", "he"/"she", a name of the pair); a label says whose ("Most valuable for
me: …"), "showed Kwame" and "walked Niall through" name who gained, and in notes in the third
person "Nkechi says she learned" is Nkechi's. A plan, a wish or a guess before the
cue, a negation just before it ("not getting a lot out of"), a question, a denial ("didn't
learn anything", "wasn't useful") and someone showing their own homework ("showed me my
slides") are no gain. "Great to hear" is the author's pleasure, not a gain, and no cue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.domain.action_phrases import FUTURE
from coach.domain.irony import SARCASM
from coach.domain.pair_owners import owner_of
from coach.domain.pairs import Side
from coach.domain.takeaway_check import LEAD, MAX_WORDS, unlabelled
from coach.domain.wording import Sentence, words

MIN_WORDS = 8  # "In practice she walked me through it." says a gain but not what it was
# A benefit line is shown whole up to here: one cut mid-sentence ("… was seen by 412 …") read
# as careless to the summary-24 reviewer, on both sides (six items).
LINE_WORDS = 30
TAUGHT = r"(?:showed|taught|walked|helped|gave)"
VALUED = r"(?:useful|helpful|valuable)"
CALMER = r"(?:less (?:afraid|nervous|anxious|scared|intimidated)|more confident)"
MADE = rf"made (?:me|him|her) (?:feel )?{CALMER}"  # "the sessions made him less afraid of …"
BEST = r"best (?:bit|part|thing) for (?:me|him|her)"
# "getting a lot out of seeing how a founder decides"; the words after it must say what
# (``_says_nothing``): "I've got more out of this than I expected" does not.
GOT = r"(?:get|gets|getting|got)"
FROM = r"(?:him|her|this|these|the sessions?|our sessions?)"  # "a lot from" whom
GOT_OUT = (rf"{GOT} (?:a lot|so much|loads|more|something(?: real)?) out of|"
           rf"{GOT} (?:a lot|so much) from {FROM}|"
           # "he got a view of how a CFO actually decides things" (h182), "he now gets a view of
           # the front line" (h208)
           rf"{GOT} (?:a|an) (?:[\w-]+ ){{0,2}}(?:view|sense|feel) (?:of|for)(?! (?:dread|panic))|"
           # "it helps her to have someone on the board who has seen …" (h205)
           r"helps (?:me|him|her) to (?:have|see|hear|know)")  # fmt: skip
# Taken up for good, not a habit: "now uses my …", "uses it every week now".
OFTEN = r"(?:most days|every (?:day|week)|daily|weekly)"
USES = (rf"(?P<uses>now us(?:e|es|ing) (?:my\b|your\b|(?:[\w'-]+ ){{0,3}}?{OFTEN})|"
        rf"us(?:e|es|ing) (?:[\w'-]+ ){{0,3}}?{OFTEN} now)")  # fmt: skip
# Done alone for the first time: "ran the mock board call himself this time".
ALONE = (r"(?:ran|set up|tried|built) (?:[\w'-]+ ){1,6}(?:himself|herself)"
         r"(?=.*\b(?:this time|first time|after|without|now)\b)")  # fmt: skip
NEVER = (
    r"(?:has|had|'d) (?:\w+ly )?never (?:seen|heard|thought (?:of|about))(?! (?:him|her|them)\b)"
)
NOW_KNOWS = r"(?:now (?:I|he|she) knows?|(?:I|he|she) now knows?) (?=how|why|what|where|who)"
UNDERSTANDS_NOW = r"understands? (?:[\w'-]+ ){1,10}?now(?=\s*(?:[,;:.(!]|$|and\b|in a way\b))"
GAIN = re.compile(
    # "I found out it had gone from a forward" (h216) says how the writer heard, not a gain
    r"\b(learn(?:ed|t|ing)|realis(?:ed|ing)|realiz(?:ed|ing)|found out(?! from)"
    r"(?! (?:that )?(?:it|they|he|she) (?:had|was|were) (?:gone|sent|been sent|passed|forwarded|"
    r"taken))|discovered|"
    r"understood|now understands?|had no idea|(?:didn't|did not) know(?! (?:what|how|whether))|"
    rf"never knew|{NEVER}|{UNDERSTANDS_NOW}|{NOW_KNOWS}|(?:get|gets|got) it now|gained|picked up|"
    rf"{GOT_OUT}|{USES}|{MADE}|{BEST}|{ALONE}|"
    rf"{VALUED}|eye-?open\w*|an education|made sense|it clicked|surprised (?:me|him|her)|"
    r"practis(?:ed|ing)|practic(?:ed|ing)|(?:did|ran|set up|tried) it (?:himself|herself|myself)|"
    r"(?:saw|(?:have|'ve|'s) seen) (?:for (?:himself|herself|myself)|how|why)|got to see|"
    # "which I'd never have got near otherwise" (h214)
    r"never (?:have|would have) (?:got|gotten|been|had|seen|heard)\b[^.;]{0,40}\botherwise|"
    rf"{TAUGHT} (?:me|him|her)|"
    r"for (?:my|his|her) (?:portfolio|cv|career|development|confidence))\b",
    re.I,
)
TO_OBJECT = re.compile(
    rf"\b(?:{TAUGHT}|made|helps) (me|him|her)\b|\bbest \w+ for (me|him|her)\b", re.I
)
OWN_WORK = re.compile(r"\b(?:showed|walked) (?:me|him|her) (?:through )?(?:my|his|her|our)\b", re.I)
FOR_WHOM = re.compile(rf"^{VALUED} (?:for|to) (me|my|him|his|her)\b|^for (my|his|her)\b", re.I)
# Said before the cue, these make it a plan, a wish or a guess, not something gained.
NOT_YET = re.compile(
    rf"\b({FUTURE}|hope|hopefully|hoping|wish|want(?:s|ed)? (?:him|her|me) to|should|could|might|"
    r"if|don't think|doesn't think|not sure|want(?:s|ed)? to|would like|'d like|expect(?:s|ed)?|"
    r"assum(?:es|ed))\b",
    re.I,
)
# A gain denied: "didn't learn anything", "wasn't useful", "nothing he couldn't read".
DENIED = re.compile(
    rf"\b(?:didn't|did not) (?:learn|get|find)|\bnothing\b|(?:n't|\bnot|\bnever)\s+"
    rf"(?:\w+\s+){{0,3}}{VALUED}",
    re.I,
)
NEGATED = re.compile(r"(?:n't|\bnot|\bnever|\bno longer)\s+(?:\w+\s+)?$", re.I)  # before the cue
LEFT_OVER = re.compile(r"^\W*(?:(?:this|it|these sessions|the sessions|the programme)\b\W*)?", re.I)
SUBJECT = re.compile(r"\b(I|he|she|we|they)\b", re.I)
# A label that says what it is and whose: "Most valuable for me: …", "The biggest lesson for
# Philippe: …" (``unlabelled`` drops it, and with it the only cue of the sentence).
# … and "What I got: …", "What she got from this, her words: …", "What Janet said she'd got
# from it: …" (h202, h214).
GAIN_LABEL = re.compile(
    r"^[-*•\s]*(?:(?:the |my )?(?:most (?:valuable|useful)|(?:biggest|main|key) lesson|"
    r"best (?:bit|part|thing))(?: (?:thing|bit|part))?(?: (?:for|to) ([\w'-]+))?|"
    r"what (?P<whom>I|he|she|(?-i:[A-Z][\w'-]+))(?: said (?:he|she|I)(?:'d| had))? "
    r"(?:got|gained|took away|get|gets|gain|gains)(?: (?:out of|from) (?:it|this|[\w'-]+ "
    r"[\w'-]+))?(?:, (?:in )?(?:her|his|their|my) (?:own )?words)?)\s*:\s+(?=\S)",
    re.I,
)
UNSURE = re.compile(r"\W*(?:no idea|not sure|unclear|hard to say|(?:I )?don't know)\b", re.I)
# In notes in the third person, "Nkechi says she …": the "she" is Nkechi.
REPORTED = re.compile(
    r"^\W*([\w'-]+) (?:says|said|told (?:me|him|her|us)|thinks|admitted|mentioned)(?: that)? "
    r"(?:he|she)\b(?:'s|'d| has| had| is| now| also| really){0,2}\s*$",
    re.I,
)
FIRST_PERSON = re.compile(r"\b(I|me|my)\b")


def gain_side(
    sentence: str, author: str, names: dict[str, str], first_person: bool = True
) -> str | None:
    """The side (mentor, mentee, both) that ``sentence`` says gained something, or None.
    Notes not written in the first person ("Niall reported back …") are read by names only:
    their "he" and "him" may be the author."""
    sentence = sentence.replace("\u2019", "'")  # a phone's apostrophe
    label = GAIN_LABEL.match(sentence)
    if label:
        return _label_side(label, sentence, author, names, first_person)
    sentence = unlabelled(sentence)
    cue: re.Match[str] | None = GAIN.search(sentence)
    taught = _taught_by_name(sentence, names)
    if taught and (cue is None or taught.start() <= cue.start()):
        cue = taught
    if (cue is None or sentence.rstrip().endswith("?") or DENIED.search(sentence)
            or NOT_YET.search(sentence[: cue.start()]) or NEGATED.search(sentence[: cue.start()])
            or len(sentence.split()) < MIN_WORDS or SARCASM.search(sentence)):  # fmt: skip
        return None
    if re.match(GOT_OUT, cue.group(0), re.I) and _says_nothing(sentence[cue.end() :]):
        return None
    if OWN_WORK.search(sentence[cue.start() :]):  # showing one's own homework is no gain
        return None
    if cue is taught:  # "Carmen walked Niall through …": the one named gained
        return names[next(g for g in taught.groups() if g).lower()]
    before = sentence[: cue.start()]
    opening = " ".join(before.split()[:2])  # a name is the subject where it starts the sentence
    found = [(0, name) for name in names if re.search(rf"\b{re.escape(name)}\b", opening, re.I)]
    obj = TO_OBJECT.search(cue.group(0)) or FOR_WHOM.search(sentence[cue.start() :])
    if not first_person:  # "Lan showed him": the other side of the one named gained
        named = {names[name] for _, name in found}
        told = REPORTED.match(before)
        if len(named) != 1 or (SUBJECT.search(" ".join(before.split()[2:])) and not told):
            return None  # "Nkechi says she learned" is Nkechi's; "he learned" may be the author
        side = named.pop()
        if obj and not re.match(TAUGHT, cue.group(0), re.I):
            return None  # "Lan said it made him less afraid", "useful for him": which him?
        return Side(side).other.value if obj else side
    if obj:
        who = next(g for g in obj.groups() if g).lower()
        return author if who in {"me", "my"} else Side(author).other.value
    found += [(m.start(), m.group(0)) for m in SUBJECT.finditer(before)]
    inner = re.match(r"(?:now )?(I|he|she)\b", cue.group(0), re.I)  # "now I know how"
    found += [(cue.start(), inner.group(1))] if inner else []
    if not found or max(found)[1].lower() == "they":  # other people learned it
        return None
    side = owner_of(max(found)[1], author, names)
    if side == "both" and cue.group("uses"):  # "we now use Teams": the firm, not the pair
        return None
    return None if side == "unknown" else side


def _label_side(
    label: re.Match[str], sentence: str, author: str, names: dict[str, str], first_person: bool
) -> str | None:
    """Whose gain a label such as "Most valuable for me:" announces, when the words after it
    say what; a "him" or "her" only in notes in the first person."""
    rest = sentence[label.end() :]
    if (len(rest.split()) < MIN_WORDS or rest.rstrip().endswith("?") or SARCASM.search(rest)
            or DENIED.search(rest) or UNSURE.match(rest)):  # fmt: skip
        return None
    who = (
        label.group(1)
        or label.group("whom")
        or ("me" if label.group(0).lower().lstrip("-*• ").startswith("my") else "")
    ).lower()
    if who in {"me", "my", "i"}:
        return author
    if who in {"him", "her", "he", "she"}:
        return Side(author).other.value if first_person else None
    return names.get(who)


def _taught_by_name(sentence: str, names: dict[str, str]) -> re.Match[str] | None:
    """ "showed Kwame", "taught David", "walked Niall through", not to one's own work."""
    if not names:
        return None
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.search(
        rf"\b(?:(?:showed|taught) ({alts})|walked ({alts}) through)\b(?! (?:my|his|her|our)\b)",
        sentence,
        re.I,
    )


def _says_nothing(tail: str) -> bool:
    """Whether what follows "got a lot out of" says nothing of what: "this than I expected"."""
    rest = LEFT_OVER.sub("", tail).strip(" .!")
    return len(rest.split()) < 3 or rest.lower().startswith("than")


def gain_line(sentence: str) -> str:
    """The sentence as a benefit line: whole when short, else its words from the clause with
    the cue (a sentence over ``MAX_WORDS`` words), cut only past ``LINE_WORDS``."""
    text = " ".join(unlabelled(GAIN_LABEL.sub("", sentence, count=1)).split()).lstrip("-*• ")
    cue = GAIN.search(text)
    if len(words(text)) > MAX_WORDS and cue:
        start = max(text.rfind(",", 0, cue.start()), text.rfind(";", 0, cue.start()))
        # "…, which I'd never have got near otherwise": the gain is the clause before it (not
        # in "…, which surprised me", where the clause before is what surprised)
        if cue.group(0).lower().startswith("never") and re.match(r"\s*which\b",
                                                                 text[start + 1 :]):  # fmt: skip
            start = max(text.rfind(",", 0, start), text.rfind(";", 0, start))
        text = text[start + 1 :].strip()
    text = LEAD.sub("", LEAD.sub("", text))  # "and then he said …"
    line = _within(text)
    return line[:1].upper() + line[1:]


def _within(text: str) -> str:
    """``text`` whole up to ``LINE_WORDS`` words; else up to its last clause break within
    them (at least ``MIN_WORDS`` words in), else its first ``LINE_WORDS`` words; a cut line
    is marked."""
    tokens = text.split()
    if len(tokens) <= LINE_WORDS:
        return " ".join(tokens)
    head = " ".join(tokens[:LINE_WORDS])
    cut = max(head.rfind(", "), head.rfind("; "), head.rfind(" - "), head.rfind(" – "))
    if cut > 0 and len(head[:cut].split()) >= MIN_WORDS:
        head = head[:cut]
    return head.rstrip(" ,;:-–") + " …"


def in_first_person(found: Sequence[Sentence]) -> bool:
    """Whether the notes are written in the first person (at least two "I", "me", "my" …):
    ``gain_side`` reads notes that are not by names only, as their "he" may be the author."""
    return sum(len(FIRST_PERSON.findall(s.text)) for s in found) >= 2


def gain_sentences(
    found: Sequence[Sentence], author: str, names: dict[str, str]
) -> dict[str, list[Sentence]]:
    """For each side, every sentence that says it gained something, in order ("both" counts
    for each side)."""
    first_person = in_first_person(found)
    out: dict[str, list[Sentence]] = {}
    for sentence in found:
        if sentence.text.lstrip().startswith("|"):  # a table row is no gain line (h213)
            continue
        side = gain_side(sentence.text, author, names, first_person)
        if side and len(gain_line(sentence.text).split()) < MIN_WORDS:
            continue
        for each in ("mentor", "mentee") if side == "both" else (side,) if side else ():
            out.setdefault(each, []).append(sentence)
    return out
