"""A goal written as a question, a label or several sentences, as a phrase a sentence can hold.

People write goals as they think them: "What do the people on the ground really think of the
move to 12-hour shifts?", "Commuter students: why they don't come onto campus …", "Long hours
culture". Put after "about" as written, they read as pasted ("about our goal to what do the
people …"; the fresh development pairs of 2026-12-07). Each is rewritten by rule, keeping its
words: the first sentence, no asides in brackets, an embedded question in statement order, a
label's pronoun replaced by the label.
"""

from __future__ import annotations

import re

WH = r"(?:why|how|what|where|when|which|whose|who|whether)"
# "… any more. Is that a problem?", "… the suggestion scheme. 4 suggestions in 2026 …": the
# first sentence says the goal
# (not after an abbreviation: "Ikon vs. Epic pass" was cut to "… - Ikon vs", fresh4 ski resort)
NOT_ABBREVIATED = (
    r"(?<!\bvs)(?<!\bv)(?<!\bSt)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\be\.g)(?<!\bi\.e)"
)
NEXT_SENTENCE = re.compile(rf"(?<=[\w)'’]){NOT_ABBREVIATED}[.?!]\s+(?=[A-Z0-9]).*$", re.S)
ASIDE = re.compile(r"\s*\([^()]*\)")
# "…, and what do they do instead", "… avoid the on-call rota and what would change that"
AND_MORE = re.compile(rf",?\s+and\s+{WH}\b.*$", re.I)
# … and a second question asked yes or no: "…, and do they even know we make podcasts"
AND_ASKED = re.compile(
    r",\s+and\s+(?:do|does|did|is|are|was|were|can|could|would|will|should|"
    r"has|have)\s+(?:they|we|you|it|he|she|people|I)\b.*$",
    re.I,
)
DETERMINERS = frozenset(["the", "a", "an", "our", "my", "their", "his", "her", "this", "that",
                         "these", "those"])  # fmt: skip
# a label that is itself the goal, not a name for its subject
SAYS_IT = re.compile(rf"^(?:{WH}|learn|understand|find out|see|know|explore|get)\b", re.I)
# Who a goal stated as a sentence is about: a capitalised word and up to two more, no question
# word, "to", "and", "or" or "that" among them ("Teenagers", "Gen Z customers").
WHO_DOES = rf"^(?!{WH}\b)(?:[A-Z][\w'’-]*)(?:\s+(?!(?:{WH}|to|and|or|that)\b)[\w'’-]+){{0,2}}"
# A goal stated as what people do ("Teenagers use the library for the wifi …"): asked as how.
STATEMENT = re.compile(
    WHO_DOES + r"\s+(?:use|think|want|see|say|feel|choose|prefer|get|are)\b(?!\s+(?:to|of)\b)"
)
# … and one stated as what people do not do ("Apprentices don't stay past year one"): asked
# as why. A clause pasted as a noun read "what I don't understand about technicians get treated
# as 'a pair of hands'" (starters-fresh2-1's reader).
NOT_DOING = re.compile(WHO_DOES + r"\s+(?:don['’]t|doesn['’]t|won['’]t|can['’]t|aren['’]t|never)\s")
# The writer's own reason or moment, which an agenda said to both reads as pasted: "… on the
# tablet so I stop printing the shift reports", "… myself before I defend it at committee".
MY_CLAUSE = re.compile(r"\s+(?:so(?: that)?|before|until|because|when|once)\s+(?:I|I'm|I've)\b.*$")
MYSELF = re.compile(r"\s+myself\b")
# … but not a goal that opens on what to do: "Get a working feel for Python notebooks the
# pricing team uses" read "how get a working feel …" (agenda-heldout-7's reader)
IMPERATIVE = (
    r"(?:get|make|build|rebuild|use|learn|understand|find|see|know|feel|become|try|help|"
    r"run|lead|hear|give|take|keep|start|stop|improve|reduce|grow|create|set|bring|move|"
    r"turn|work|write|read|speak|spend|stay|ask|tell|show|talk|meet|join|attract|"
    r"retain|develop|design|plan|prepare|explore|discover|replace|experience|support|"
    r"change|increase|cut|raise|reach|win|open|close|test|review|launch|adopt|manage)"
)
# The writer's wish in front of the goal: "I want to understand neurodiversity at work"
WISH = re.compile(r"^(?:i|we)(?:['’]d| would)? (?:really )?(?:want|like|need|hope|am trying|"
                  r"'m trying|['’]m trying)(?: to)?\s+", re.I)  # fmt: skip
NUMBERED = re.compile(r"^(?:goal|aim|objective)\s*\d*$", re.I)  # "Goal 1: AI tools"
LABEL = re.compile(r"^(?P<label>[^:?]{2,70}):\s+(?P<rest>.+)$")
THEY = {"they": "{label}", "them": "{label}", "their": "{label}'s"}
# "what do the people on the ground think of …" -> "what the people on the ground think of …";
# "does" only where its verb is known, to take its ending ("what the handheld actually makes
# drivers do", not "what does the handheld …" pasted after "about", fresh3); "did" stays a
# question
DO_SUPPORT = re.compile(rf"^({WH})\s+do\s+(?=\S)", re.I)
DOES_SUPPORT = re.compile(rf"^({WH})\s+does\s+(.+)$", re.I)
_BASE_VERB_TEXT = (
    "make do need want think mean feel see get take use cost say work know look happen change "
    "matter help keep tell ask expect find give go have hear like pay put show stop try lose "
    "run read sound seem stay come leave bring call choose decide handle affect count include "
    "involve require serve miss value prefer care trust learn earn spend hold carry"
)
BASE_VERBS = frozenset(_BASE_VERB_TEXT.split())
ADVERBS = frozenset(("actually", "really", "still", "even", "usually", "always", "ever"))
SUBJECT_WORDS = 5  # "does" whose verb comes later than this stays a question


# "why is almost nobody under 35 at the Thursday concerts" -> "why almost nobody under 35 is at
# the Thursday concerts" (fresh4 orchestra, pasted as a question into a starter): the subject
# runs to the first word that starts what it is
BE_SUPPORT = re.compile(rf"^({WH})\s+(is|are|was|were)\s+(.+)$", re.I)
_ING_NOUN_TEXT = (
    "thing something nothing anything everything morning evening meeting building "
    "training feeling ceiling clothing funding offering briefing housing pricing "
    "booking wording"
)
ING_NOUNS = frozenset(_ING_NOUN_TEXT.split())
_BE_WHAT_TEXT = "at in on so not still such more less always never like than about for with being"
BE_WHAT = frozenset(_BE_WHAT_TEXT.split())


def _be_in_order(wh: str, verb: str, rest: str) -> str:
    """ "why", "is", "the app so slow" -> "why the app is so slow"; "" when no word in the
    first ``SUBJECT_WORDS`` + 1 starts what the subject is."""
    words = rest.split()
    for n, word in enumerate(words[1 : SUBJECT_WORDS + 1], start=1):
        low = word.lower()
        doing = n == len(words) - 1 and low.endswith("ing") and low not in ING_NOUNS
        if low in BE_WHAT or doing:  # (a participle last: "how is the new rota landing")
            return " ".join([wh, *words[:n], verb.lower(), *words[n:]])
    return ""


def _third_person(verb: str) -> str:
    """ "make" -> "makes", "go" -> "goes", "carry" -> "carries", "have" -> "has"."""
    if verb == "have":
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _does_in_order(wh: str, rest: str) -> str:
    """ "what", "the handheld actually make drivers do" -> "what the handheld actually makes
    drivers do"; "" when no known verb follows a subject of up to five words."""
    words = rest.split()
    for n, word in enumerate(words[: SUBJECT_WORDS + 2]):
        if n and word.lower() in BASE_VERBS and words[n - 1].lower() not in DETERMINERS:
            subject = [w for w in words[:n] if w.lower() not in ADVERBS]
            if 1 <= len(subject) <= SUBJECT_WORDS:
                return " ".join([wh, *words[:n], _third_person(word.lower()), *words[n + 1 :]])
            return ""
    return ""


# "why don't people in their twenties set up …": the subject runs to its verb
NOT_SUPPORT = re.compile(rf"^({WH})\s+(don['’]t|doesn['’]t|didn['’]t|do not|does not)\s+(.+)$",
                         re.I)  # fmt: skip
PREPOSITIONS = frozenset(["in", "of", "under", "over", "at", "on", "from", "with", "for",
                          "across", "within", "without", "between", "around"])  # fmt: skip
PLURALS = frozenset(["people", "staff", "children", "men", "women", "folk", "youth", "crew",
                     "police", "team"])  # fmt: skip
OBJECT_WORDS = 3  # words of a preposition's object inside a subject ("in their twenties")


def _statement_order(wh: str, negation: str, rest: str) -> str:
    """ "why", "don't", "people in their twenties set up direct debits" -> "why people in their
    twenties don't set up direct debits": the subject is its first word and any prepositional
    phrase after it; "" when no verb is left after it."""
    words = rest.split()
    if not words:
        return ""
    if words[0].lower() in DETERMINERS or not (words[0].endswith("s") or words[0] in PLURALS):
        # "our junior solicitors speak up", "young people want": up to a plural noun
        head = next((i for i, w in enumerate(words[:4]) if w.endswith("s") or w in PLURALS), None)
        if head is None or head == len(words) - 1:  # "the night team …": where it ends is unknown
            return ""
        return " ".join([wh, *words[: head + 1], negation.lower().replace("’", "'"),
                         *words[head + 1 :]])  # fmt: skip
    end = 1
    while end < len(words) and words[end].lower() in PREPOSITIONS:
        # its object ends at its noun: a plural or a number ("their twenties", "under 30"),
        # else after a determiner and one word
        tail = words[end + 1 : end + 1 + OBJECT_WORDS]
        ends = [i for i, w in enumerate(tail) if w.endswith("s") or w[:1].isdigit()]
        end += 1 + (ends[0] + 1 if ends else min(2, len(tail)))
    if end >= len(words):
        return ""
    return " ".join([wh, *words[:end], negation.lower().replace("’", "'"), *words[end:]])


# A goal asked yes or no: "Is there money in short digital runs …?" read "a real post on is there
# money …" (fresh4 printing works); "Do we need to be on TikTok" -> "whether we need to be …".
THERE_IS = re.compile(r"^(is|are) there\s+(?=\S)", re.I)
ASKED_OF = re.compile(r"^(do|should|can|could|will|would)\s+(we|they|you|people)\s+(?=\S)", re.I)


def _yes_no(text: str) -> str:
    """``text`` asked yes or no as a "whether" clause, its first letter's case kept."""
    there = THERE_IS.match(text)
    asked = ASKED_OF.match(text)
    if there:
        out = f"whether there {there.group(1).lower()} {text[there.end() :]}"
    elif asked:
        verb, who = asked.group(1).lower(), asked.group(2)
        out = f"whether {who} {'' if verb == 'do' else verb + ' '}{text[asked.end() :]}"
    else:
        return text
    return out[:1].upper() + out[1:] if text[:1].isupper() else out


# A statement the goal then asks why of: "Teenagers drop off when junior membership ends at 16.
# Why, and what would keep them?" (fresh4: "never told about teenagers drop off …")
# (a statement of five words or more: "Long hours culture. Why?" names a thing)
THEN_WHY = re.compile(r"^(?:[^?.!\s]+\s+){4,}[^?]*?[.!]\s+Why\b[^.]*\?")


# The writer's wish that someone else do something: "I want members to tell me what they think
# …" read "our work on members to tell me what they think" (fresh4 farm cooperative).
OTHERS_TO = re.compile(r"^(?:[\w'’-]+\s+){1,4}to\s+[a-z]")
FIRST_PERSON = {"me": "us", "my": "our", "myself": "ourselves"}


def _wished(text: str) -> str:
    """``text`` without the writer's wish in front of it ("I want to understand X" -> "understand
    X"), a wish that others do something as getting them to ("getting members to tell us …")."""
    wish = WISH.match(text)
    if wish is None:
        return text
    rest = text[wish.end() :]
    if wish.group(0).rstrip().lower().endswith(" to") or not OTHERS_TO.match(rest):
        return rest
    rest = re.sub(r"\b(me|my|myself)\b", lambda m: FIRST_PERSON[m.group(1)], rest)
    return f"getting {rest}"


def goal_phrase(goal: str) -> str:
    """``goal`` as a phrase: its first sentence without asides, an embedded question in
    statement order, a label's "they" replaced by the label, or the label alone when what
    follows it is a list."""
    text = " ".join(goal.split())
    why = bool(THEN_WHY.search(text))
    text = _wished(NEXT_SENTENCE.sub("", ASIDE.sub("", text)).strip().rstrip("?.! "))
    text = MYSELF.sub("", MY_CLAUSE.sub("", AND_MORE.sub("", AND_ASKED.sub("", text))))
    label = LABEL.match(text)
    if label:
        name, rest = label.group("label").strip(), label.group("rest").strip()
        if SAYS_IT.match(name):  # "Learn how fans follow the club: which parts …"
            text = name
        elif re.match(rf"{WH}\b", rest, re.I) and re.search(r"\b(they|them|their)\b", rest):
            named = name[:1].lower() + name[1:] if not name[1:2].isupper() else name
            text = re.sub(r"\b(they|them|their)\b",
                          lambda m: THEY[m.group(1)].format(label=named), rest,
                          count=1)  # fmt: skip
        else:
            text = rest if NUMBERED.match(name) else name
    wh = "how " if STATEMENT.match(text) else "why " if NOT_DOING.match(text) or why else ""
    if wh and not re.match(rf"(?:{WH}|{IMPERATIVE})\b", text, re.I):
        named = text[1:2].isupper() or re.match(r"^\S+ [A-Z]\b", text)  # "AI", "Gen Z"
        text = wh + (text if named else text[:1].lower() + text[1:])
    negated = NOT_SUPPORT.match(text)
    if negated:
        text = _statement_order(*negated.groups()) or text
    text = _yes_no(text)
    being = BE_SUPPORT.match(text)
    if being:
        text = _be_in_order(*being.groups()) or text
    does = DOES_SUPPORT.match(text)
    if does:
        text = _does_in_order(*does.groups()) or text
    return DO_SUPPORT.sub(lambda m: m.group(1) + " ", text)


FIRST_SENTENCE = re.compile(rf"^.+?{NOT_ABBREVIATED}[.?!](?=\s+[A-Z0-9]|$)")
LABEL_WORDS = 4  # a first sentence shorter than this names the goal, the next one says it


def goal_objective(text: str) -> str:
    """A goal as the agenda's objectives list it: its first sentence, capitalised. The goal's
    further sentences pasted in read as copied (agenda-fresh2-3's reader: "I want to understand
    what that's like day to day"); its phrase (``goal_title``) drops too much ("Late closes"
    for "Late closes and how the crew get home safely", fresh3)."""
    whole = " ".join(text.split())
    found = FIRST_SENTENCE.match(whole)
    first = found.group(0) if found else whole
    if len(first.split()) < LABEL_WORDS:  # a label: "Direct cremation. Are we losing younger
        rest = FIRST_SENTENCE.match(whole[len(first) :].strip())  # families to it, …?" (fresh3)
        first = f"{first} {rest.group(0)}" if rest else whole
    first = first.rstrip(".!")
    return f"{first[:1].upper()}{first[1:]}"
