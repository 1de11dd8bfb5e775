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

from coach.domain.pair_profile import OpenAction, PairProfile, Phase
from coach.domain.session_material import MATERIAL_MARGIN, MATERIAL_SERVES_GOAL, material_of

# The verbs of a task that gives its owner something to notice; a visit or shadowing has its
# own debrief patterns, and a made thing its own block (``session_material``).
TRIED = re.compile(r"^(read|watch|try|trial|test|follow|sit in|listen to|use|download|explore|"
                   r"browse|scroll through|play|post|hold|attend|join|talk to|speak to|"
                   r"interview|chat to|chat with|look at|look through|go through|ask)\b",
                   re.I)  # fmt: skip
# … and a verb after "and" that is more of the same noticing ("… and note what they
# recommend"); any other ("… and give feedback", "… and report back") is what the question
# asks for, and is left out
AND_VERB = re.compile(r"\s+and (\w+)\b.*$")
NEXT_VERBS = frozenset({"note", "try", "compare", "see", "list", "record", "read", "watch",
                        "use", "jot", "keep", "count", "track", "log", "mark", "test"})  # fmt: skip
DOUBLED = frozenset({"sit", "get", "put", "run", "shop", "stop", "plan", "chat", "set", "swap",
                     "map", "jot", "log", "scroll"})  # fmt: skip
# A task that speaks as its owner ("Ask my team …") would read as the asker's own.
FIRST_PERSON = re.compile(r"\b(I|me|my|mine|myself)\b")
# An "ask" is taken up only when it asks people, not a person for one answer ("Ask the safety
# manager whether …" has one answer, which the review hears).
ASKS_PEOPLE = re.compile(r"^ask\s+(?:\w+\s+){0,3}?(?:people|staff|colleagues|customers|"
                         r"users|residents|volunteers|students|apprentices|nurses|drivers|"
                         r"engineers|team|friends|followers|members|parents|patients)\b",
                         re.I)  # fmt: skip


def _ing(verb: str) -> str:
    low = verb.lower()
    if low in DOUBLED:
        out = low + low[-1] + "ing"
    elif low.endswith("ie"):
        out = low[:-2] + "ying"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")):
        out = low[:-1] + "ing"
    else:
        out = low + "ing"
    return out


def tried(action: str) -> bool:
    """Whether ``action`` had its owner do or try something to notice from."""
    text = action.strip()
    if not TRIED.match(text) or material_of(text) or FIRST_PERSON.search(text):
        return False
    return not text.lower().startswith("ask") or bool(ASKS_PEOPLE.match(text))


def doing(action: str) -> str:
    """``action`` as what its owner did: "Read 20 transcripts and note …" -> "reading 20
    transcripts and noting …"."""
    text = action.strip().rstrip(".")
    first, _, rest = text.partition(" ")
    text = f"{_ing(first)} {rest}".strip()

    def next_verb(match: re.Match[str]) -> str:
        verb = match.group(1)
        if verb.lower() not in NEXT_VERBS:
            return ""
        return match.group(0).replace(f"and {verb}", f"and {_ing(verb)}", 1)

    return AND_VERB.sub(next_verb, text)


def noticed_question(profile: PairProfile, action: OpenAction) -> str:
    """The question that takes ``action`` up in its block, to whoever did it."""
    if action.owner == "both":
        return f"What have we each noticed so far from {doing(action.text)}?"
    person = profile.mentor if action.owner == "mentor" else profile.mentee
    return f"{person.name.split()[0]}, what have you noticed so far from {doing(action.text)}?"


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
        scored = [(close[i][j], j) for j in range(len(texts)) if texts[j] in blocks]
        if not scored:
            continue
        score, j = max(scored)
        if score < MATERIAL_SERVES_GOAL or score < max(close[i]) - MATERIAL_MARGIN:
            continue
        if texts[j] not in out or out[texts[j]][0] < score:
            out[texts[j]] = (score, action)
    return {text: action for text, (_, action) in out.items()}
