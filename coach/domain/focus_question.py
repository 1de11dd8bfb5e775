"""A first or closing session's focus that names what one of the pair will do next, asked.

"Review what changed and agree what Thomas will sponsor next" says what the pair wants from the
end of the session; the phase script's block about what comes next asks "What will you sponsor
next?", where before a library block was looked for to cover "sponsor" (pair-healthcare-03 got
"One surprise, one so-what", which does not). Only the pair's own first names, or "we", are
asked about: "what the board decides" is not for either of them to answer. A first session's
focus that asks to agree the boundaries, or to find a time to meet, is asked in its own words
in the script's block for it (``BOUNDS``, ``time_question``).
"""

from __future__ import annotations

import re

from coach.domain.focus_asks import asked_of_junior, own_questions
from coach.domain.focus_sentences import PERSON, is_long
from coach.domain.pair_profile import PairProfile
from coach.domain.starter_slots import focus_topic

WHAT_CLAUSE = re.compile(
    r"\b(?i:what)\s+(?P<who>[A-Z][\w-]*|we|he|she)\s+"
    r"(?:(?:will|is going to|are going to)\s+|(?P<now>is|are)\s+(?=(?:[a-z]+ly\s+)?[a-z]+ing\b))?"
    r"(?P<adverb>[a-z]+ly\s+)?(?P<verb>[a-z]+)\b(?P<rest>[^,;:.?!]*)"
)
# (but not what the writer wants to hear: "I want to hear what he is actually taking to the
# members' AGM", fresh4 farm cooperative, asks him)
REPORTED = re.compile(r"(?<!want to )(?<!like to )\b(?:told|tell|tells|know|knows|hear|hears|"
                      r"heard)\s*$", re.I)  # fmt: skip
AND_MORE = re.compile(r"\s+and\s+.*$")  # "... to the exec team and feedback" ends at "and"
THEIR = re.compile(r"\b(his|her|their)\b")
# "her" as the one asked, not whose: "when people ask her what it's about" (fresh4 recruitment
# read "ask your what it's about")
HER_ASKED = re.compile(r"\b(?:her|him)\b(?=\s+(?:what|how|why|if|whether|when|where|who|to|"
                       r"about|for|and|or)\b|\s*[,.;:?!]|\s*$)")  # fmt: skip
HE_IS = re.compile(r"\b(?:he|she)(?:['’]s| is)\b")  # "about what he's changing" -> "you're"
# "what Martin can and can't repeat" is no "What will you can?" (the second fresh set)
MODALS = frozenset({"can", "could", "should", "would", "might", "may", "must", "shall"})
INDEFINITE = re.compile(r"^(?:a|an)\s", re.I)  # "a union meeting" she did not want this to be
NEXT_BLOCK = re.compile(r"\bnext\b", re.I)  # the script block the question goes into
GOALS_BLOCK = re.compile(r"\bgoals?\b", re.I)  # … or, for a first session's topic, this one
# A first or closing focus of sentences, asked about what it names (the fresh pairs: "Graham's
# worried this turns into a complaints session about the 8/6 roster before we've even
# started" got a block about the pairing, which never named the roster).
# (not "How should …": a how-to by the generic-question metric)
FIRST_TOPIC = "Do you want {topic} to come into these sessions, and if so, how?"
CLOSING_TOPIC = "What happens to {topic} once we stop meeting?"  # a focus that asks just that
CLOSING_DECIDE = "What do we decide about {topic} before we finish?"  # any other
AFTERWARDS = re.compile(r"\b(?:what happens to|surviv\w*|carry on|carries on|keep going|"
                        r"continu\w*|after (?:we|the programme|the program))\b", re.I)  # fmt: skip
# A first session asks whether a thing comes into the sessions, not a person (``PERSON``: "how
# honest Hamza can be w/o it getting back to his supervising partner" is about what stays in the
# room), though one who must not hear what is said here is the confidentiality block's question
PRIVATE = re.compile(r"\b(?:honest\w*|confiden\w*|get(?:ting)? back to|between us|private|"
                     r"off the record)\b", re.I)  # fmt: skip
KEPT_FROM = "What would you not want getting back to {person}?"
# … and a first session whose focus asks to agree the boundaries themselves (the second fresh set:
# "agree what Martin can and can't repeat to the duty managers", "agree what is in and out of
# bounds before anything else"), which agenda-fresh2-1's reader found never named
BOUNDS = re.compile(r"\b(?:in and out of bounds|out of bounds|off limits|(?:can|may)(?: and "
                    r"(?:can['’]t|cannot|may not))? (?:repeat|pass on|share)|repeat(?:ed)? to|"
                    r"(?:will|would|gets?) (?:be )?told what)\b", re.I)  # fmt: skip
# … or says who might be told ("she wants to know if her team leader will be told what we talk
# about", fresh3)
REPEAT_TO = re.compile(r"\brepeat(?:ed)?\s+to\s+(?P<who>(?:the|his|her|their|our)\s+[\w' -]{3,40}?)"
                       r"(?=[.,;]|$)|\b(?:if|whether)\s+(?P<told>(?:the|his|her|their|our)\s+"
                       r"[\w' -]{3,40}?)\s+(?:will|would|gets?)\s+(?:be\s+)?told\b",
                       re.I)  # fmt: skip
ASK_BOUNDS = "What is in and out of bounds for what we say in here?"
ASK_REPEAT = "What may be repeated to {who}, and what stays between us?"
PRIVATE_ASKS = (KEPT_FROM, ASK_BOUNDS, ASK_REPEAT)
PRIVATE_BLOCK = re.compile(r"\bstays between\b|\bconfiden", re.I)


# A first session's focus that asks to find a time to meet, and says what the time must avoid
# ("Find a meeting time that isn't straight after a night shift", the second fresh set): its
# rhythm block asks it in those words, where before it asked only "How often can you …".
MEETING_TIME = re.compile(
    r"\b(?:find|agree|pick|choose|set|work out|sort out)\s+(?:a|the|our)\s+(?:meeting\s+)?"
    r"(?:time|slot|day)s?\s+(?P<cond>(?:that|which|when|where)\s+[^.;,]+?)"
    r"(?=\s*(?:[.;,]|$|\s+and\s+(?:agree|decide|talk|work|find|set)\b))",
    re.I,
)
ASK_TIME = "What time can we meet {cond}?"
ANY_TIME = re.compile(r"^(?:that|which)\s+(?:works?|suits?)\b", re.I)  # says nothing
TIME_BLOCK = re.compile(r"\bhow often\b|\bwhen we meet\b|\brhythm\b", re.I)


def time_question(profile: PairProfile) -> str:
    """The question a first session's focus asks about when to meet (``MEETING_TIME``), or ""."""
    found = MEETING_TIME.search(" ".join(profile.session.focus.split()))
    if profile.phase != "first" or found is None:
        return ""
    cond = found.group("cond").strip()  # whose "her shifts" are, an agenda for both cannot say
    return "" if ANY_TIME.match(cond) or THEIR.search(cond) else ASK_TIME.format(cond=cond)


def base_verb(verb: str) -> str:
    """A verb as "will" takes it: "takes" -> "take", "carries" -> "carry", "pushes" -> "push"."""
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes", "oes")):
        return verb[:-2]
    if verb.endswith("s") and not verb.endswith("ss") and len(verb) > 3:
        return verb[:-1]
    return verb


def focus_question(profile: PairProfile) -> str:
    """The question a focus's "what <first name> will <do>" clause asks, face to face, or ""."""
    names = set(profile.first_names)
    said = " ".join(profile.session.focus.split())
    for match in WHAT_CLAUSE.finditer(said):
        if REPORTED.search(said[: match.start()]):
            continue  # "if her team leader will be told what we talk about": no plan (fresh3)
        who = match.group("who")
        if who in ("he", "she"):  # "Steve wants to agree what he tells …": the name before it
            before = [w for w in re.findall(r"[A-Z][\w-]*", said[: match.start()]) if w in names]
            who = before[-1] if before else ""
        if (who != "we" and who not in names) or match.group("verb") in MODALS:
            continue
        rest = AND_MORE.sub("", match.group("rest")).rstrip()
        if who != "we":
            rest = HE_IS.sub("you're", THEIR.sub("your", HER_ASKED.sub("you", rest)))
        person = "we" if who == "we" else "you"
        adverb = match.group("adverb") or ""  # "what Alan actually takes to Senate"
        if match.group("now"):  # "what he is actually taking to the AGM"
            return f"What are {person} {adverb}{match.group('verb')}{rest}?"
        return f"What will {person} {adverb}{base_verb(match.group('verb'))}{rest}?"
    focus = said
    if profile.phase == "first" and BOUNDS.search(focus):
        repeated = REPEAT_TO.search(focus)
        named = repeated.group("who") or repeated.group("told") if repeated else ""
        who = THEIR.sub("your", named) if named else ""
        return ASK_REPEAT.format(who=who) if who else ASK_BOUNDS
    topic = focus_topic(focus) if is_long(focus) else ""
    if topic and PERSON.search(topic):  # (a closing's "What do we decide about his contacts
        # before we finish?", the second fresh set)
        kept = KEPT_FROM.format(person=THEIR.sub("your", topic))
        return kept if profile.phase == "first" and PRIVATE.search(focus) else ""
    if not topic or INDEFINITE.match(topic):
        return ""
    closing = CLOSING_TOPIC if AFTERWARDS.search(focus) else CLOSING_DECIDE
    asked = {"first": FIRST_TOPIC, "closing": closing}.get(profile.phase, "")
    return asked.format(topic=topic) if asked else ""


def script_questions(profile: PairProfile) -> list[str]:
    """The questions a first or closing session's focus adds to its phase script ("" where it
    adds none): what the script asks already and what is kept when it is fitted to its
    length."""
    return [*focus_questions(profile), time_question(profile), junior_question(profile)]


def focus_questions(profile: PairProfile) -> list[str]:
    """``focus_question`` as a list, or a closing focus's own questions, asked as written, in
    place of deciding about what it names (fresh4 toy maker: "What would Kayla tell the next
    executive …?" got "What do we decide about the next executive …?")."""
    asked = focus_question(profile)
    own = own_questions(profile)[:2] if profile.phase == "closing" else []
    if own and (not asked or asked.startswith(CLOSING_DECIDE.split("{")[0])):
        return own
    return [asked] if asked else []


def junior_question(profile: PairProfile) -> str:
    """What a first or closing focus says the senior will ask the junior, asked in its words
    ("ask Maureen whether she'd speak at the next cohort's launch" -> "Would you speak at the
    next cohort's launch?", fresh3: never asked), or ""."""
    asked = asked_of_junior(profile) if profile.phase != "middle" else ""
    return asked[:1].upper() + asked[1:]


def question_block(question: str) -> re.Pattern[str]:
    """The title of the script block ``question`` (``focus_question``) goes into."""
    if question.startswith(tuple(ask.split("{")[0] for ask in PRIVATE_ASKS)):
        return PRIVATE_BLOCK
    return GOALS_BLOCK if question.startswith(FIRST_TOPIC.split("{")[0]) else NEXT_BLOCK
