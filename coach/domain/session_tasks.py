"""What an open action item had someone do or try since the last session, taken up in the block
of the goal it serves.

Reviewers named the mentee's own done tasks ("Read 20 live chat transcripts tagged 'returns'",
"Post three stories from the Saturday food hub") used only in the review slot (agenda-19 and
the held-out reviews): the block that works on the same goal never asked what they showed.
An action that had someone read, watch, try, follow, sit in, talk to people or post
(``TRIED``) gets one question in that block, to its owner by name: "Helen, what have you
noticed so far from reading 20 live chat transcripts tagged 'returns'?" ("so far": a task may
still run).
"""

from __future__ import annotations

import re

from coach.domain.action_slots import bare_task
from coach.domain.pair_profile import OpenAction, PairProfile, Phase
from coach.domain.session_material import closest_block, material_of, serves_block
from coach.domain.starter_slots import gerund

# The verbs of a task that gives its owner something to notice; a visit or shadowing has its
# own debrief patterns, and a made thing its own block (``session_material``). Some verbs only
# with what gives something to notice: "Post three stories", not "Post the minutes"; "Hold
# skip-level chats", not "Hold the date" (the audit of 2026-12-07).
TRIED = re.compile(
    r"^(read(?!\s+out\b)|watch|try|trial|sit in|sit with|listen (?:to|in)|"
    r"follow(?=\s+(?:\S+\s+){0,4}(?:accounts?|creators?|influencers?|pages?|channels?|feeds?|"
    r"hashtags?|people|newsletters?|podcasts?|blogs?|threads?)\b)|"
    r"use(?!\s+up\b)|explore|browse|scroll through|play|attend(?!\s+to\b)|"
    r"join(?!\s+up\b)|talk to|speak to|interview|chat to|chat with|look at|look through|"
    r"go through|ask|"
    r"post(?=\s+(?:\S+\s+){0,3}(?:stor(?:y|ies)|posts?|videos?|reels?|updates?|photos?|"
    r"pictures?|clips?|tweets?|content|polls?|surveys?|questions?)\b)|"
    r"hold(?=\s+(?:\S+\s+){0,2}(?:chats?|conversations?|talks?|huddles?|drop-ins?|forums?|"
    r"stand-ups?|one-to-ones?|1:1s?|listening)\b)|"
    r"download(?=\s+(?:\S+\s+){0,2}apps?\b)|"
    r"test(?=\s+(?:whether|if|how|out)\b))(?![-\w])",
    re.I,
)  # fmt: skip
# … and a verb after "and" that is more of the same noticing ("… and note what they
# recommend"); a verb that hands the result on ("… and give feedback", "… and report back")
# is what the question asks for, and is left out; any other "and" joins nouns ("the terms and
# conditions", "nurses and HCAs") and stays.
AND_VERB = re.compile(r"(?:\s+and|,(?:\s+and)?) (\w+)\b")
NEXT_VERBS = frozenset({"note", "try", "compare", "see", "list", "record", "read", "watch",
                        "use", "jot", "keep", "count", "track", "log", "mark", "test"})  # fmt: skip
HAND_ON = frozenset({"give", "send", "report", "share", "book", "write", "feed", "email",
                     "tell", "post", "bring", "present", "flag", "raise", "agree", "update",
                     "sum", "circulate", "forward", "come", "let", "make", "draft", "suggest",
                     "propose", "put", "pass", "upload", "summarise", "summarize", "get", "go",
                     "join", "sign", "do", "fill", "complete", "set", "arrange", "check",
                     "find", "ask", "decide", "follow", "pick", "then", "also"})  # fmt: skip
QUOTE = re.compile(r"\"|(?<!\w)['‘]|['’](?!\w)")  # not the one in "newsroom's"
# A task that speaks as its owner ("Ask my team …") would read as the asker's own ("Part I"
# of a handbook is no "I").
FIRST_PERSON = re.compile(r"\b(me|my|mine|myself)\b|(?<!Part )(?<!Phase )\bI\b")
# An "ask" is taken up only when it asks people, not a person for one answer ("Ask the safety
# manager whether …" has one answer, which the review hears; "Ask the staff nurse …" asks one).
ASKS_PEOPLE = re.compile(
    r"^ask\s+(?:around\b|(?:\w+\s+){0,3}?(?:people|staff|colleagues|customers|users|residents|"
    r"volunteers|students|apprentices|nurses|sisters|drivers|engineers|team|teams|friends|"
    r"followers|members|parents|carers|patients|clients|shoppers|reports|juniors|graduates|"
    r"interns|managers|officers|councillors|workers|operators|advisers|agents|donors|"
    r"readers|viewers)\b(?!\s+(?:leader|lead|manager|nurse|rep|member|captain)s?\b))",
    re.I,
)  # fmt: skip
# "Try it for a week", "Read them": the thing is named elsewhere; "Try shadowing …" is a visit
NOTHING_NAMED = re.compile(r"^\S+(?:\s+(?:in|on|to|at|through|with|in on))?\s+"
                           r"(?:it|them|this|that|these|those)\b", re.I)  # fmt: skip
VISITING = re.compile(r"\b(?:shadow\w*|visit\w*)\b", re.I)


def tried(action: str) -> bool:
    """Whether ``action`` had its owner do or try something to notice from."""
    text = action.strip()
    if not TRIED.match(text) or material_of(text) or FIRST_PERSON.search(text):
        return False
    if NOTHING_NAMED.match(text) or VISITING.search(text):
        return False
    return not text.lower().startswith("ask") or bool(ASKS_PEOPLE.match(text))


def _and_verbs(text: str) -> str:
    """``text`` with a noticing verb after "and" (or a comma) in -ing, cut before a verb that
    hands the result on; an "and" inside quotes or between nouns stays."""
    pieces, last = [], 0
    for match in AND_VERB.finditer(text):
        before = text[: match.start()]
        if len(QUOTE.findall(before)) % 2:
            continue
        verb = match.group(1).lower()
        if verb in HAND_ON:
            return "".join([*pieces, text[last : match.start()]])
        if verb in NEXT_VERBS:
            pieces += [text[last : match.start()], f" and {gerund(match.group(1).lower())}"]
            last = match.end()
    return "".join([*pieces, text[last:]])


def doing(action: str) -> str:
    """``action`` as what its owner did: "Read 20 transcripts and note …" -> "reading 20
    transcripts and noting …"."""
    text = bare_task(action.replace(" & ", " and "))
    first, _, rest = text.partition(" ")
    if first.lower() == "try" and rest.lower().startswith("and "):  # "Try and delegate …"
        verb, _, tail = rest[4:].partition(" ")
        return f"trying to {verb} {_and_verbs(tail)}".strip()
    return f"{gerund(first.strip(',;:').lower())} {_and_verbs(rest)}".strip()


def noticed_question(profile: PairProfile, action: OpenAction) -> str:
    """The question that takes ``action`` up in its block, to whoever did it."""
    if action.owner == "both":  # "your team", said to both: our team
        done = re.sub(r"\byour\b", "our", doing(action.text), flags=re.I)
        return f"What have we each noticed so far from {done}?"
    person = profile.mentor if action.owner == "mentor" else profile.mentee
    return f"{person.first_name}, what have you noticed so far from {doing(action.text)}?"


def tried_for_session(profile: PairProfile, phase: Phase) -> list[OpenAction]:
    """The open action items of a middle session that had someone do or try something."""
    if phase != "middle":
        return []
    return [a for a in profile.open_action_items if tried(a.text)]


def taken_up_in(
    actions: list[OpenAction], texts: list[str], blocks: list[str], close: list[list[float]]
) -> dict[str, OpenAction]:
    """For each block (by the text it serves, among ``texts``), the action of ``actions`` it
    takes up, given ``close[i][j]``, how close action i is to text j in meaning: each action
    goes to its closest block when they are about the same thing and no text without a block
    is much closer; a block takes up its closest such action only."""
    out: dict[str, tuple[float, OpenAction]] = {}
    for i, action in enumerate(actions):
        found = closest_block(close[i], texts, blocks)
        if found is None or not serves_block(close[i], found[0]):
            continue
        score, j = found
        if texts[j] not in out or out[texts[j]][0] < score:
            out[texts[j]] = (score, action)
    return {text: action for text, (_, action) in out.items()}
