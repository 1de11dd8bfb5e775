"""What an open action item made for this session, as the thing a block works through.

Held-out reviewers (agenda-heldout-2 and -3) named the pair's carried-over material (the
screenshots, the shelf photos, a sketch) used only in the review slot, never as the session's
activity. An action that made something (``MATERIAL``: "Build a comparison of our driver app
versus two gig apps") names it after its verb: "the comparison of our driver app versus two gig
apps" is what the block of the goal it serves works through.
"""

from __future__ import annotations

import re

from coach.domain.due_dates import DUE_AT_END
from coach.domain.library import SLOT, SegmentPattern
from coach.domain.pair_profile import OpenAction, PairProfile, Phase

MATERIAL_SERVES_GOAL = 0.3  # cosine of the action and a goal above which it serves the goal
# how much closer to the action a goal without a block of its own (one the focus serves) may
# be than the block's goal, for that block still to work through what the action made
MATERIAL_MARGIN = 0.1
# An action that made something for this session ("Bring three real councillor questions",
# "Draft a one-page summary"): agenda-13's reviewer wanted it looked at, not asked about.
# A picture, a sketch or a list counts too (agenda-heldout-5 named shelf photos, screenshots and
# a swap-shift sketch used only in the review): "Take photos of …", "Sketch …", "List …".
PICTURED = r"(?:photos?|pictures?|screenshots?|videos?|clips?|notes)"
MADE_BY_MAKE = (r"(?:list|video|sketch|map|mock-?up|slide|deck|one-pager|summary|note|chart|"
                r"table|spreadsheet|timeline|diagram|storyboard)s?")  # fmt: skip
FOUND = r"(?:examples?|cases?|quotes?|stories|ads?|posts?|figures|numbers|articles?|reviews?)"
GATHERED = (r"(?:feedback|views|comments|examples|quotes|data|figures|evidence|stories|ideas|"
            r"questions|complaints|responses|answers)")  # fmt: skip
MATERIAL = re.compile(r"(bring|build|prepare|pull|draft|write up|summari[sz]e|collect|compile|"
                      r"report back|share (?:feedback|the draft)|sketch|photograph|screenshot|"
                      r"film|record|list|map|mock up|note down|jot down|write down|"
                      rf"gather(?=\s+(?:\S+\s+){{0,3}}{GATHERED}\b)|"
                      rf"find(?=\s+(?:(?!to\b)[\w-]+\s+){{0,3}}{FOUND}\b)|"
                      rf"take(?=\s+(?:[\w-]+\s+){{0,2}}{PICTURED}\b)|"
                      r"make(?!\s+(?:sure|certain|the|it|them|this|that)\b)"
                      rf"(?=\s+(?:(?:a|an|some|\w+)\s+)?(?:[\w-]+\s+)?{MADE_BY_MAKE}\b))\b",
                      re.I)  # fmt: skip
# A verb that pictures what it names: "Photograph the damaged stock" made photos of it, while
# "Sketch a swap-shift flow" made the flow (the audit of 2026-12-07).
DEPICTS = {"photograph": "photos", "screenshot": "screenshots", "film": "film", "map": "map",
           "sketch": "sketch", "record": "recording"}  # fmt: skip
PICTURE_HEAD = re.compile(rf"{PICTURED}|{MADE_BY_MAKE}|films?|recordings?", re.I)
# A second task after the thing: "Take photos of the desk and send them to Helen"
SECOND_TASK = re.compile(r"\s+and (?:send|log|ask|share|bring|email|post|upload|put|show|watch|"
                         r"circulate|give|forward|check|compare|note|write|report|tell|raise|"
                         r"flag|book|present|discuss|talk|agree|update|feed|look|read|try|"
                         r"use|see|say|explain|describe|rank|pick)\b.*$"
                         r"|\s*(?:;|,\s*then\b|[-–—]\s+then\b).*$", re.I)  # fmt: skip
# The verb's own particle, and what the action is for ("… to work through"): not the thing.
PARTICLE = re.compile(r"^(?:on|up|together|along|back|out|in|over|forward)\s+", re.I)
SHARED = re.compile(r"^share\s+", re.I)  # "Share feedback from …": the feedback is the thing
NO_THING = re.compile(r"^(?:for|with|about|to|from|at|in|into|what|how|why|whether|who|where|"
                      r"when|round|yourself|myself|himself|herself|themselves|ourselves|"
                      r"your thoughts)\b", re.I)  # fmt: skip
# … only a purpose: "to work through", "to discuss"; "questions juniors were afraid to ask" keeps
# its "to ask" (the first audit).
FOR_WHAT = re.compile(r"\s+(?:to (?:work|go|talk|walk|look|read|share|show|discuss|use|review|"
                      r"test|try|compare|present|bring|hand|pass)\b|so that|in order to|"
                      r"ahead of|before|for next)\b.*$", re.I)  # fmt: skip
DETERMINER = re.compile(r"^(?:a|an|some)\s+", re.I)
OWN = re.compile(r"^(?:the|my|our|his|her|their|your|this|these|that|those|all|any|both|each|"
                 r"last|next)\b|^[\w-]+['’]s\b", re.I)  # fmt: skip
# What an action brings or builds that is no thing to work through, by its head noun: a habit,
# trust, a person, a device, a meeting ("Build a habit of …", "Bring in a guest speaker",
# "Bring the laptop", "Bring forward the meeting"); "the team survey results" is a thing.
NOT_MADE = re.compile(r"(?:habit|routine|trust|confidence|relationship|rapport|colleague|manager|"
                      r"friend|someone|somebody|people|person|team|speaker|guest|visitor|expert|"
                      r"laptop|phone|tablet|notebook|charger|login|meeting|session|call|date|time|mentor|"
                      r"mentee|sponsor|room|venue|slot)s?",
                      re.I)  # fmt: skip
HEAD_ENDS = re.compile(r"\s+(?:of|from|for|with|on|about|to|that|which|who|in|at|by)\b|[,;(]")
PRONOUN = re.compile(r"^(?:it|them|this|that|these|those|one|something|everything|anything)$",
                     re.I)  # fmt: skip
GIVEN = re.compile(
    r"^(?:bring|share|take)\b", re.I
)  # "Bring the draft to Tom": Tom is no part of it
TO_WHOM = re.compile(r"\s+to\s+(?:(?-i:[A-Z])|(?:the|a|an|our|my|his|her|their|your)\b|"
                     r"[\w-]+['’]s\b).*$", re.I)  # fmt: skip


def head_noun(thing: str) -> str:
    """The word a noun phrase is about: "results" in "the team survey results", "speaker" in
    "a guest speaker", "Sam" in "Sam from payroll"."""
    return (HEAD_ENDS.split(thing, maxsplit=1)[0].split() or [""])[-1].strip("'’\"")


WRITE_DOWN = re.compile(r"^(?:write|put)\s+(?!down\b)(.+?)\s+down\b"
                        r"(?:\s+on (?:one|a|a single) (?:page|sheet)|\s+on paper)?",
                        re.I)  # fmt: skip


def material_of(action: str) -> str:
    """The thing an action made, as a block names it, or "" when it made nothing: "Draft a
    one-page summary of the top five return complaints" -> "the one-page summary of the top
    five return complaints"; "Bring three real councillor questions to work through" -> "the
    three real councillor questions"."""
    text = WRITE_DOWN.sub(r"write up \1", action.strip())  # "Write the idea down on one page"
    found = MATERIAL.match(text)
    if found is None:
        return ""
    rest = text[found.end() :].strip()
    if SHARED.match(found.group(0)):
        rest = f"{SHARED.sub('', found.group(0))} {rest}"
    verb = found.group(0).lower()
    if verb == "list" and rest.lower().startswith("of "):  # "List of questions for the board"
        rest = f"the list {rest}"
    thing = FOR_WHAT.sub("", PARTICLE.sub("", SECOND_TASK.sub("", rest)))
    if GIVEN.match(verb):
        thing = TO_WHOM.sub("", thing)
    thing = DUE_AT_END.sub("", thing.rstrip(" .")).rstrip(" .")
    pictured = DEPICTS.get(verb)
    depicted = head_noun(thing)  # a meeting recorded is no thing to work through
    if (
        pictured
        and not DETERMINER.match(thing)  # "Sketch a flow" made the flow
        and not NO_THING.match(thing)
        and not PICTURE_HEAD.fullmatch(depicted)
        and not (NOT_MADE.fullmatch(depicted))
    ):
        thing = f"the {pictured} of {thing[0].lower() + thing[1:]}"  # what it made of it
    head = head_noun(DETERMINER.sub("", thing))
    named = head[:1].isupper() and head == DETERMINER.sub("", thing).split()[0]  # "Sam from …"
    if (not thing or PRONOUN.match(thing) or NO_THING.match(thing)
            or NOT_MADE.fullmatch(head) or named):  # fmt: skip
        return ""
    first = thing.split()[0]
    if OWN.match(thing) and first.lower() == first.lower().rstrip("s'’"):  # "the", "this"
        return thing[0].lower() + thing[1:]
    if OWN.match(thing):  # "Amina's sketch", "this week's transcripts"
        return thing
    return f"the {DETERMINER.sub('', thing)}"


# How a made thing is worked through (the ``material`` patterns of segments-review.yaml):
# questions or a checklist are tried for real, a plan or a draft is decided on, and anything
# else, findings mostly, is walked through.
TRIED = re.compile(r"\b(questions?|checklists?|scripts?|prototypes?)\b", re.I)
DECIDED = re.compile(r"\b(plans?|proposals?|briefs?|drafts?|pitch|options)\b", re.I)


def way_through(thing: str) -> str:
    """The id of the pattern that works through ``thing`` as it asks, by what it is ("three
    councillor questions" are tried; "two examples of questions" are walked through)."""
    head = head_noun(DETERMINER.sub("", thing))
    if TRIED.fullmatch(head):
        return "seg-material-try-it-for-real"
    if DECIDED.fullmatch(head):
        return "seg-material-to-a-decision"
    return "seg-material-walk-through"


def made_for_session(profile: PairProfile, phase: Phase) -> list[OpenAction]:
    """The open action items of a middle session that made something to work through."""
    if phase != "middle":
        return []
    return [a for a in profile.open_action_items if material_of(a.text)]


def closest_block(
    row: list[float], texts: list[str], blocks: list[str]
) -> tuple[float, int] | None:
    """How close an action is to the closest of ``texts`` that has a block (among ``blocks``),
    and which; ``row[j]``: how close it is to text j. None when none has a block."""
    scored = [(row[j], j) for j in range(len(texts)) if texts[j] in blocks]
    return max(scored) if scored else None


def serves_block(row: list[float], score: float) -> bool:
    """Whether an action ``score`` close to a block's text is about the same thing, and no text
    without a block (``row``: how close it is to every text) is much closer."""
    return score >= MATERIAL_SERVES_GOAL and score >= max(row) - MATERIAL_MARGIN


def made_block(
    actions: list[OpenAction], goals: list[str], blocks: list[str], close: list[list[float]]
) -> dict[str, OpenAction]:
    """The goal block (by its goal's text, among ``blocks``) that works through what one of
    ``actions`` made, given ``close[i][j]``, how close action i is to goal j in meaning: the
    closest action and block goal, at most one a session, when they are about the same thing
    and no goal without a block (one the focus serves, or one left out for time) is much closer
    to it (agenda-19: councillor questions for the dashboard goal were worked through under the
    consultation goal)."""
    pairs = [(found[0], i, found[1]) for i in range(len(actions))
             if (found := closest_block(close[i], goals, blocks))]  # fmt: skip
    if not pairs:
        return {}
    score, a, g = max(pairs)
    return {goals[g]: actions[a]} if serves_block(close[a], score) else {}


KIT = re.compile(r"\b(phone|laptop|login|screen)\b", re.I)  # what a block runs on


def named_by_focus(segment: SegmentPattern, thing: str) -> SegmentPattern:
    """``segment`` about ``thing`` that the focus names and no open action made ("Go through
    the anonymous replies from the question boxes"): titled by it, and read out by one of them."""
    return segment.model_copy(update={
        "name": titled(segment, thing),
        "purpose": segment.purpose.replace("whoever made it", "one of them"),
    })  # fmt: skip


def titled(segment: SegmentPattern, thing: str) -> str:
    """``segment``'s name with its ``{subject}`` as the head of ``thing`` ("the one-page
    summary")."""
    return SLOT.sub(HEAD_ENDS.split(thing, maxsplit=1)[0], segment.name)


def brought(segment: SegmentPattern, action: OpenAction, thing: str) -> SegmentPattern:
    """``segment`` with whoever made ``thing`` bringing it: their line says so, and the other's
    keeps the pattern's (agenda-19: "… if you made it" read as given to the one who had not)."""
    line = f"{thing}, ready to share on screen or on paper"
    update = {"name": titled(segment, thing)}
    if action.owner in ("mentor", "mentee"):  # agenda-20: "whoever made it" read as pasted
        other = "mentee" if action.owner == "mentor" else "mentor"
        update["purpose"] = segment.purpose.replace("whoever made it", f"the {action.owner}")
        update["purpose"] = update["purpose"].replace("the other says", f"the {other} says")
    else:  # made together (agenda-heldout-6 still read "whoever made it")
        update["purpose"] = segment.purpose.replace("whoever made it", "one of them")
    for side in ("mentor", "mentee"):
        if action.owner in (side, "both"):
            own = getattr(segment, f"{side}_brings")
            # a device the block runs on stays: "the real service open on your phone"
            update[f"{side}_brings"] = f"{line}; and {own}" if KIT.search(own) else line
    return segment.model_copy(update=update)
