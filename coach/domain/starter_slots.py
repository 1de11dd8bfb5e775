"""Filling a library starter's slots from the pair file, in code.

``{subject}`` is what the pair works on next (the session's focus when it is short, else the
first goal, its leading "learn"/"understand" dropped or its verb made a gerund);
``{their_work}`` is the other person's department (else role) and ``{my_work}`` the asker's;
``{their_action}`` and ``{my_action}`` an open action item (``action_slots``).
The filled text is both what the model adapts and, when its adaptation fails the checks, what
the user gets.
"""

from __future__ import annotations

import re

from coach.domain.action_slots import ACTION_SLOTS, BRING, action_for
from coach.domain.focus_asks import FOCUS_ASK_SLOTS, as_said_by, focus_values
from coach.domain.focus_sentences import (
    PERSON,
    clause_cut,
    is_long,
    long_focus_topic,
    plain_focus,
    remark,
)
from coach.domain.goal_phrase import LABEL, SAYS_IT, goal_phrase
from coach.domain.library import SLOT, StarterTemplate, SubjectKind
from coach.domain.pair_profile import PairProfile
from coach.domain.stereotypes import stereotypes_in
from coach.domain.work_names import IN_A_BOARD, top_name, work_of

NO_SUBJECT = "this"
# A goal's leading verb that reads badly after "about": "about understand how ...".
LEADING_VERB = re.compile(
    r"^(understand|learn(?: about| how to| to)?|explore|discuss|get to know|know more about"
    r"|(?:see|find out|work out|figure out|decide|know)(?= (?:how|what|why|where|when|whether"
    r"|which|who)\b))\s+",
    re.I,
)


# A goal's leading verb that reads well as a gerund after "about": "about making hiring ...".
_GOAL_VERB_TEXT = (
    "make build get run use lead hear reduce improve write set plan give create bring stop "
    "start grow help find design launch modernise modernize adopt prepare manage retain "
    "attract engage support communicate present share speak connect increase cut raise "
    "recruit hire sell reach keep move turn shape rethink redesign test try review update "
    "introduce explain apply develop align balance work become close open win read answer take"
)
GOAL_VERBS = frozenset(_GOAL_VERB_TEXT.split())
# … except a verb that is a noun before "for" or "of": "Support for arrangers after difficult
# funerals" read "our work on supporting for arrangers …" (fresh3 funeral services)
NOUN_OF = re.compile(r"(?:for|of)\b", re.I)
# Verbs a goal opens on that read badly as a gerund after "about" ("feeling confident"): "our
# goal to feel confident …". A goal opening on any other word is a noun phrase ("Long hours
# culture") or a question ("why …"), and is its own subject.
_OTHER_VERB_TEXT = (
    "feel replace experience rebuild become stay spend listen know see learn understand explore "
    "discuss decide figure find work tell show ask talk meet visit join protect shift step "
    "lose drop change challenge earn encourage enable empower equip nurture foster"
)
OTHER_VERBS = frozenset(_OTHER_VERB_TEXT.split()) - GOAL_VERBS
# Any other verb a goal opens on, told by the word after it ("Reverse the drop in volunteers",
# "Be more approachable"; an audit of 80 goals written for it): it reads as a gerund.
VERB_LED = re.compile(r"^(?!(?:why|how|what|where|when|which|who|whether)\b)[a-z][a-z'-]*\s+"
                      r"(?:the|a|an|our|my|their|his|her|more|less|better|it|them|this|that|"
                      r"these|those|how|what|why|up|out|through|back|down|off)\b",
                      re.I)  # fmt: skip
DETERMINERS = frozenset(
    ["a", "an", "the", "our", "my", "their", "more", "better", "fewer", "less"]
)  # a noun phrase


LONG_VOWELS = frozenset({"ee", "oo", "ai", "ea", "oi", "ou", "au"})  # "feeling", "failing"


def gerund(verb: str) -> str:
    """ "make" -> "making", "run" -> "running", "try" -> "trying", "trial" -> "trialling"
    (British: a final l after one vowel doubles); "getting" as it is (a wish's, ``goal_phrase``)."""
    if verb.endswith("ing") and len(verb) > 5:
        return verb
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    if verb.endswith("e") and not verb.endswith("ee") and verb != "be":
        return verb[:-1] + "ing"
    vowels = "aeiou"
    if verb[-1:] == "l" and verb[-2:-1] in set(vowels) and verb[-3:-1] not in LONG_VOWELS:
        return verb + "ling"
    one_syllable = sum(ch in vowels for ch in verb) == 1
    if (one_syllable and 3 <= len(verb) <= 4 and verb[-1] not in vowels + "wxy"
            and verb[-2] in vowels and verb[-3] not in vowels):  # fmt: skip
        return verb + verb[-1] + "ing"
    return verb + "ing"


def _lower_first(text: str, context: str = "") -> str:
    """``text`` with its first letter lower-cased, unless the first word is an acronym or name:
    a second capital letter ("AI", "TikTok"), or written with its capital inside ``context``
    ("... on Instagram")."""
    first = text.split()[0] if text.split() else ""
    named = re.search(rf"[a-z,] {re.escape(first)}\b", context)
    if any(ch.isupper() for ch in first[1:]) or named:
        return text
    return text[:1].lower() + text[1:]


# A focus about the session itself rather than a subject: "Closing session: what's next".
SESSION_TALK = re.compile(
    r"\b(session|meeting|ground rules|getting (to know|started)|wrap[- ]?up|introductions?"
    r"|kick-?off|visit|walk-?round|workshop|demo)\b"
    r"|\bto (?:show|demo|walk)\b"  # "Chloe to show Graham the incident map …"
    r"|^(review|agree|rehears(?:e|ing)|try|plan|recap|reflect|celebrate|prepare|practi[cs](?:e|ing)"
    r"|dry[- ]run|run[- ]through|role[- ]play(?:ing)?|(?:go|walk|work) through|look at|bring"
    r"|share)\b",
    re.I,
)


def subjects(profile: PairProfile, longest: int) -> list[str]:
    """What a set's ``{subject}`` slots take in turn: ``subject_of`` the pair, then each goal's
    own, none twice, none over ``longest`` words and none the stereotype guard reads as one
    ("why young people don't apply for council jobs"). A reviewer of starters-13 found goals
    after the first untouched ("women on the shop floor" behind a goal about shift feedback)."""
    found = [subject_of(profile), *(subject_for(profile, g.text, False) for g in profile.goals)]
    usable = [
        s for s in found if s != NO_SUBJECT and len(s.split()) <= longest and not stereotypes_in(s)
    ]  # the set's guard would drop the starter
    return list(dict.fromkeys(usable))


def subject_in_turn(template: StarterTemplate, usable: list[str], turn: int) -> str | None:
    """The subject the ``turn``-th starter of a set with a ``{subject}`` slot takes: the next of
    ``usable`` (``subjects``) from ``turn`` on that reads with the template (``takes``)."""
    if not usable:
        return None
    start = turn % len(usable)
    ordered = usable[start:] + usable[:start]
    return next((s for s in ordered if template.takes in ("any", phrase_kind(s))), None)


DOING = frozenset(gerund(verb) for verb in GOAL_VERBS)  # "answering", "building", "giving" …


def phrase_kind(subject: str) -> SubjectKind:
    """Whether a subject is a skill the pair works at ("answering councillor questions …",
    "giving feedback upwards": it starts with a goal's doing verb) or a topic ("how students use
    AI tools"). A starter whose ``{subject}`` reads only with one (``StarterTemplate.takes``) is
    not given for the other: "rely on to make sense of answering councillor questions" (the
    starter readability labels of 2026-12-07)."""
    first = (subject.split() or [""])[0].lower()
    return "skill" if first in DOING or subject.startswith("our goal to ") else "topic"


# A trailing clause after a comma reads badly inside a question: "using the portal end to end,
# as a patient would" -> "using the portal end to end".
# (", even about dispensing errors" and ", where the overtime doesn't show up …" stay:
# starters-fresh-1's reader preferred both sets that kept them)
TRAILING_CLAUSE = re.compile(
    r",\s+(?:as|so|which|because|while|since|to|and then|like|just|rather)\b.*$", re.I
)
# … and what follows a note's spaced dash, after two words or more: "night desk culture - the
# shouting" (starters-fresh-5: "Was there a part of night desk culture - the shouting I explained
# badly …?")
DASHED = re.compile(r"^(\S+\s+\S+.*?)\s+[-–—]\s+.*$")


# how well a goal's learning verb wants it done, which stays with the verb (fresh4 orchestra:
# "our sessions on the young freelance players we book a bit better")
HOW_WELL = re.compile(r"\s+(?:a (?:bit|little|lot) |much |far )?(?:better|more)$", re.I)


def subject_of(profile: PairProfile, whole: bool = False) -> str:
    """What the pair's questions are about, by rule: a short focus that names a subject, else
    the first goal, else "this"; a trailing clause after a comma is dropped, and so is a long
    goal's closing qualifier (``without_qualifier``) unless the goal is named ``whole``, as
    when the pair reviews it."""
    subject = DASHED.sub(r"\1", TRAILING_CLAUSE.sub("", _subject(profile)))
    return subject if whole or _focus_subject(profile) else without_qualifier(subject)


# A long goal's closing qualifier, which reads as goal wording pasted into a sentence ("drafts
# one real post on building and reading Power BI dashboards for line performance without
# help"; agenda-heldout-4, the block readability labels): from "for", "without", "as" or
# "across" on, but not where the word before takes it ("what robots could mean for", "a feel
# for", "look for"), not "as a …", "such as", "as well as", and not across a comma ("…, and the
# governance risks").
QUALIFIER = re.compile(r"\s+(for|without|as|across)\s+(\S+)")
_TAKES_FOR = (
    "mean means meant feel feeling look looking looks ask asking asks advocate advocating care "
    "caring account accounting wait waiting apply applying prepare preparing pay paying search "
    "searching hope hoping need needs room time case reason appetite support responsibility "
    "respect passion love eye ear such well much long soon far work works working ready think "
    "thinking save saving"
)
TAKES_FOR = frozenset(_TAKES_FOR.split())
NOT_A_CLAUSE = frozenset({"a", "an", "well", "much", "long", "soon"})  # "as a place to work"
LONG_SUBJECT = 9  # words: a subject this long loses its qualifier
KEPT_WORDS = 4  # … when at least this many words are left ("our goal to" not counted)


def without_qualifier(subject: str) -> str:
    """``subject`` without a long goal's closing qualifier: "getting comfortable using Copilot
    in Excel and Teams for everyday finance work" -> "… in Excel and Teams"."""
    if len(subject.split()) < LONG_SUBJECT:
        return subject
    match = QUALIFIER.search(subject)  # only the first: a later one is part of the goal's point
    if match is None:  # ("making hiring fairer for graduates without a degree")
        return subject
    head, rest = subject[: match.start()], subject[match.start() :]
    before = head.split()[-1].lower() if head.split() else ""
    as_role = match.group(1) == "as" and match.group(2).lower().strip("'‘’\"“”") in NOT_A_CLAUSE
    own = head.removeprefix("our goal to ").split()
    if "," in rest or before in TAKES_FOR or len(own) < KEPT_WORDS or as_role:
        return subject
    if before in ("in", "on", "up", "out", "off", "back"):  # "getting more under-25s in": its verb
        return subject  # needs the rest ("… in in the Senior Management Team", fresh theatre)
    return head


def subject_for(profile: PairProfile, serves: str, is_focus: bool, whole: bool = False) -> str:
    """``subject_of`` one block that serves the focus (``serves`` is the focus) or one goal
    (``serves`` is its text): "giving feedback upwards", "making hiring fairer". A focus that
    talks about the session names its subject after its session words ("Try the online booking
    journey with a screen reader"): that, not the first goal, is what its block works on."""
    said = remark(serves) if is_focus else ""
    if said:  # the remark itself, quoted: "'They're on their phones …'"
        return said
    topic = focus_topic(serves) if is_focus else ""
    if topic and not PERSON.search(topic):  # "show something about her team leader" (fresh3)
        return _lower_first(topic, _context(profile, serves))
    goals = [g for g in profile.goals if g.text == serves] if not is_focus else profile.goals
    session = profile.session.model_copy(update={"focus": serves if is_focus else ""})
    return subject_of(profile.model_copy(update={"goals": goals or profile.goals,
                                                 "session": session}), whole)  # fmt: skip


# A focus that says the session rehearses something the mentee will front ("Rehearse the town
# hall on the restructure", "Dry run of the board presentation"): practising it is the session.
REHEARSAL = re.compile(r"^(?:[^:]{1,30}: )?(rehears\w*|practi[cs](?:e|ing)|dry[- ]run|"
                       r"run[- ]through|prepar\w* for|role[- ]play(?:ing)?)\b")  # fmt: skip
# A focus's label ("Site visit: …"), the words before "about" in a focus about the session, and
# a leading verb that says what the session does ("Try …", "Rehearse …", "Visit to …").
FOCUS_LABEL = re.compile(r"^[^:?]{1,30}:\s+")
FOCUS_ABOUT = re.compile(r"^.*?\babout\s+")
FOCUS_VERB = re.compile(r"^(?:try|rehears(?:e|ing)(?: for)?|review|plan|prepar(?:e|ing) for|"
                        r"prepare|practi[cs](?:e|ing)(?: for)?|"
                        r"(?:dry[- ]run|run[- ]through)(?: of)?|role[- ]play(?:ing)?|"
                        r"walk|test|visit(?: to)?|"
                        r"look at|go through|work through|hand(?:ing)? over|bring|share)\s+",
                        re.I)  # fmt: skip
# What a closing focus adds after its subject: "hand over the recruitment pilot and look back"
ENDING_CLAUSE = re.compile(
    r",?\s+and (?:look(?:ing)? back|reflect|wrap up|say goodbye|celebrate)\b.*$", re.I
)
NOUN_START = re.compile(r"^(?:(?i:the|our|a|an)|[A-Z][\w-]*['’]s)\s")  # or a name's


def focus_topic(focus: str) -> str:
    """What a focus that talks about the session works on, when it names it as a noun phrase:
    "Visit to the cobot pilot cell" -> "the cobot pilot cell", "Follow up on what we said last
    session about the on-call rota" -> "the on-call rota" (a focus of sentences:
    ``focus_sentences``); empty otherwise ("Kick-off", "Review what changed", a question)."""
    focus = " ".join(focus.split()).rstrip(".!")
    topic = _session_topic(focus)
    if is_long(focus):  # sentences, not a subject: "… before we've started"
        return clause_cut(topic) or long_focus_topic(focus)
    return topic


def _session_topic(focus: str) -> str:
    """``focus_topic`` of a focus that talks about the session."""
    if not SESSION_TALK.search(focus) or "?" in focus:
        return ""
    text = FOCUS_ABOUT.sub("", FOCUS_LABEL.sub("", focus))
    text = re.sub(r"\s+together\b", "", FOCUS_VERB.sub("", text)).strip(" ,")
    shortest = 2 if REHEARSAL.match(focus.lower()) else 3  # "Rehearse the town hall"
    if SESSION_TALK.search(text) or not NOUN_START.match(text) or len(text.split()) < shortest:
        return ""
    return TRAILING_CLAUSE.sub("", ENDING_CLAUSE.sub("", text))


# A focus that lists things ("rank stuff + fitting round her shift pattern (lates/nights)") is
# no one subject: the first goal is.
LISTED = re.compile(r"[+;(]|\s&\s")


def _focus_subject(profile: PairProfile) -> str:
    """The session's focus, when it is short and names a subject rather than the session."""
    focus = plain_focus(profile.session.focus).rstrip(".?!")
    short = focus and not is_long(focus) and not SESSION_TALK.search(focus)
    return focus if short and not LISTED.search(focus) else ""


def session_topic(profile: PairProfile) -> str:
    """What this session's focus names, for a starter's ``{focus}``: a short focus that is a
    subject, or the thing a focus about the session or of sentences names; "" when it names
    neither, or names a person."""
    focus = profile.session.focus
    topic = _focus_subject(profile) or focus_topic(focus)  # "Rehearse Ruth's town hall"
    if not topic or PERSON.search(topic):
        return ""
    if is_long(focus) and (remark(focus) or UNSURE_TOPIC.search(topic)):
        return ""
    return _lower_first(topic, _context(profile, focus))


# What a focus of sentences names that a starter cannot ask about as it is (the second fresh
# set): a thing it only mentions ("our time on a night shift today", "a union meeting" that the
# senior did not want this to become), someone's own ("the incident map on her phone", said by
# her); and a quote, cut ("the treatment they shouldn't").
UNSURE_TOPIC = re.compile(r"^(?:a|an)\s|\b(?:his|her|their)\b", re.I)


def focus_is_activity(profile: PairProfile) -> bool:
    """Whether the focus a starter takes up (``session_topic``) names what the session does
    ("Try the online booking journey with a screen reader", "Visit to the cobot pilot cell")
    rather than a subject ("Age bias in our hiring process")."""
    focus = profile.session.focus
    return (
        bool(session_topic(profile))
        and not _focus_subject(profile)
        and bool(SESSION_TALK.search(focus))
    )


def _context(profile: PairProfile, focus: str) -> str:
    """Everything the pair file says, a text a line (a capital after a line break starts a
    text: no name), where a name shows its capital ("Set up a Vinted account")."""
    texts = [*(g.text for g in profile.goals), focus, *(h.summary for h in profile.history),
             *(a.text for a in profile.open_action_items)]  # fmt: skip
    return "\n".join(texts)


def _subject(profile: PairProfile) -> str:
    """``subject_of`` before its trailing clause is dropped."""
    focus = profile.session.focus.strip().rstrip(".?!")
    context = _context(profile, focus)
    if short := _focus_subject(profile):
        return _lower_first(short, context)
    if profile.goals:
        goal = goal_phrase(profile.goals[0].text)
        if _is_label(profile.goals[0].text, goal):  # "Shift handovers between days and nights:
            return _lower_first(goal, context)  # where things get lost …" names its subject
        stripped = re.sub(r"^(and|or)\s+", "", LEADING_VERB.sub("", goal), flags=re.I)
        if stripped != goal:  # "Understand the players we book a bit better": the players
            stripped = HOW_WELL.sub("", stripped)
        first, _, rest = stripped.partition(" ")
        if first.lower() in GOAL_VERBS and NOUN_OF.match(rest):  # "Support for arrangers …"
            return _lower_first(stripped, context)  # is a thing, not "supporting for …"
        if first.lower() in GOAL_VERBS:  # "make hiring fairer" -> "making hiring fairer"
            rest = re.sub(r"\b(and|or) (\w+)", lambda m: f"{m.group(1)} {gerund(m.group(2))}"
                          if m.group(2).lower() in GOAL_VERBS else m.group(0), rest)  # fmt: skip
            return f"{gerund(first.lower())} {rest}".strip()
        verb = first.lower() in OTHER_VERBS and stripped != goal  # "learn how to talk about …"
        if verb or (first.lower() not in OTHER_VERBS and VERB_LED.match(stripped)):
            return f"{gerund(first.lower())} {rest}".strip()
        if stripped != goal or first.lower() in DETERMINERS or first.lower() not in OTHER_VERBS:
            return _lower_first(stripped, context)  # a noun phrase, or a question's words
        return "our goal to " + _lower_first(goal, context)
    return NO_SUBJECT


def _is_label(goal: str, phrase: str) -> bool:
    """Whether ``phrase`` is the label ``goal`` opens on before a colon: a name for its subject,
    never a verb's ("our goal to shift handovers between days and nights", starters-fresh2-1)."""
    label = LABEL.match(" ".join(goal.split()))
    return bool(label) and label.group("label").strip() == phrase and not SAYS_IT.match(phrase)


def fill(template: StarterTemplate, profile: PairProfile, subject: str | None = None) -> str:
    """The template's text with every slot filled from ``profile`` (``subject``, when given,
    saves working it out again for every starter)."""
    asker = profile.person(template.asked_by)
    other = profile.mentee if template.asked_by == "mentor" else profile.mentor
    top = top_name(profile)
    values = {"subject": subject or subject_of(profile),
              "their_work": work_of(other, "your work", top),
              "my_work": work_of(asker, "my work", top),
              "focus": as_said_by(session_topic(profile), asker, other)}  # fmt: skip
    if any(f"{{{slot}}}" in template.text for slot in FOCUS_ASK_SLOTS):
        values.update(focus_values(profile))
    for slot in ACTION_SLOTS:
        if f"{{{slot}}}" in template.text:
            values[slot] = action_for(profile, slot, template.asked_by, BRING in template.tags)
    return IN_A_BOARD.sub(
        r"on \1", SLOT.sub(lambda m: values.get(m.group(1), m.group(0)), template.text)
    )
