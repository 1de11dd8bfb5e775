"""The shape of a session agenda, decided by rules and our coaching library, not by the model.

A first or closing session follows its phase script. A middle session opens with a check-in
that picks up from the last session, reviews the open action items one by one, gives the
session's focus an item of its own and one item to each goal not already served by it, and
closes with two-way feedback. Each focus or goal item is a library segment pattern, chosen by
the caller with ``segment_fit.fit``: first by the kinds of goal the pattern fits, then by
meaning; the model only words it for the pair, and when it cannot, the pattern's own wording is
used (``segment_item``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from coach.domain.agenda import ACTION_REVIEW_TITLE, AgendaItem, Preparation
from coach.domain.focus_question import (
    INDEFINITE,
    TIME_BLOCK,
    focus_questions,
    junior_question,
    question_block,
    time_question,
)
from coach.domain.focus_sentences import PERSON, is_long, plain_focus, remark
from coach.domain.library import PhaseScript, SegmentPattern
from coach.domain.pair_profile import PairProfile, Phase
from coach.domain.session_material import material_of
from coach.domain.starter_slots import focus_topic, subject_for, subject_of
from coach.domain.wording import content_words

FELL_BACK = "kept the library's wording"  # in ``meta.fixes``: the model's wording was not used
MENDED = "kept the model's other fields, with"  # in ``meta.fixes``: some fields were refused
KEPT_OUR_QUESTION = "kept our check-in question"  # in ``meta.fixes``: the model's was refused
KEPT_FIRST_QUESTION = "kept its first question"  # in ``meta.fixes``: the rest was left out
FIRST_OF_ALL = re.compile(r"\bbefore anything else\b|\bfirst of all\b|\bto start with\b|"
                          # "Sort that out first" (fresh4 recruitment: at minute 18)
                          r"\b(?:sort|settle|agree|do) (?:that|this|it) (?:out )?first\b",
                          re.I)  # fmt: skip
MAX_MODEL_ITEMS = 3  # blocks in a session over SHORT_SESSION: the focus and up to two goals
SHORT_SESSION = 45  # minutes up to which a session has room for two blocks, not three
# … and one, not two: a live customer call "squeezed into 7 of 30 minutes" (agenda-fresh2-2)
SHORTEST_SESSION = 30


def max_blocks(minutes: int) -> int:
    """How many library blocks a middle session has room for beside its check-in, action review
    and feedback (agenda-13: seven items in 45 minutes read as crowded)."""
    if minutes <= SHORTEST_SESSION:
        return 1
    return 2 if minutes <= SHORT_SESSION else MAX_MODEL_ITEMS


# Words that say which session this is, not what it is about: a focus made only of them
# ("Kick-off", "Final session") is served by the phase script itself.
PHASE_WORDS = frozenset(
    {"session", "final", "last", "closing", "close", "kick", "off", "kick-off", "getting",
     "started", "start", "wrap", "wrap-up", "programme", "program", "first", "meeting", "look",
     "back", "next", "what", "agree", "agreeing", "each", "other", "know", "feedback",
     "ground", "rule", "rules", "expectation", "expectations", "together", "work", "how",
     "changed", "continue", "continues", "after", "want", "review", "what's", "we'll",
     "hand", "over"}
)  # fmt: skip


@dataclass(frozen=True)
class Slot:
    """One item the model words: a segment pattern put to work on the focus or a goal."""

    segment: SegmentPattern
    serves: str  # the focus or the goal's text, as the pair wrote it
    goal_ids: list[str] = field(default_factory=list)
    is_focus: bool = False
    alternate: SegmentPattern | None = None  # the next best pattern, tried when this one fails
    material: str = ""  # the open action item whose material it works through, if any
    taken_up: str = ""  # the open action item it asks what was noticed from (session_tasks)
    noticed: str = ""  # … and that question
    asked: str = ""  # the focus's own question, asked first in its block (``block_question``)


def focus_subject(focus: str) -> set[str]:
    """The focus's content words that say what the session is about (not which session)."""
    return {w for w in content_words(focus.replace("'", " ")) if w not in PHASE_WORDS}


def needs_focus_item(profile: PairProfile, script_text: str = "") -> bool:
    """Whether the focus names a subject the phase script does not already cover."""
    names = content_words(f"{profile.mentor.name} {profile.mentee.name}")
    focus = profile.session.focus
    subject = focus_subject(focus) - names
    if not subject:
        return False
    said = content_words(script_text)
    named = focus_topic(focus) if is_long(focus) else ""
    topic = content_words(named)
    # a focus of sentences asked about in the script; not one about a person's things, which
    # the script does not ask about ("how Amira might use his contacts", the second fresh set)
    if topic and topic <= said and not PERSON.search(named):
        return False
    if script_text and INDEFINITE.match(named):  # a thing it only mentions: "she doesn't want
        return False  # this to become a union meeting" (the script's ground rules cover it)
    return len(subject & said) < len(subject) / 2


def session_length(minutes: int) -> str:
    """A session's length as people say it: "an hour", "half an hour", "45 minutes"."""
    return {60: "an hour", 30: "half an hour", 90: "an hour and a half"}.get(
        minutes, f"{minutes} minutes"
    )


MAX_GOAL_PROMPTS = 3  # goals named one by one in a phase script's block about goals


def goal_prompts(phase: str, profile: PairProfile) -> list[str]:
    """The pair's own goals as questions for a phase script's block about goals, each by its
    subject (agenda-13's reviewer marked 19 sides for goal texts pasted in quotes): a closing
    session goes through them one by one, a first session makes each concrete."""
    out = []
    for goal in [g for g in profile.goals if g.text.strip()][:MAX_GOAL_PROMPTS]:
        subject = subject_for(profile, goal.text, False, whole=True)  # the goal reviewed
        work = subject if subject.startswith("our goal to ") else f"our work on {subject}"
        if phase == "closing":
            out.append(f"Where did {work} end up: reached, changed shape, or dropped?")
        elif work == subject:
            out.append(f"If we reach {subject}, what will we see by our last session?")
        else:
            out.append(f"If {work} pays off, what will we see by our last session?")
    return out


# A closing the focus says should have no thanks ("I don't want a thank-you speech", fresh4 farm
# cooperative kept eight minutes of thanks), and one of half an hour, which has no room for a
# feedback block beside looking back (fresh4 motorway services: seven blocks of 4-5 minutes)
NO_THANKS = re.compile(r"(?:\bno|\bnot|n['’]t want (?:a|any)|\bwithout (?:a|any))\s+(?:big |long )?"
                       r"(?:thank[- ]you|thanks|speech(?:es)?)\b", re.I)  # fmt: skip
THANKS_BLOCK = re.compile(r"^Thanks\b")
FEEDBACK_BLOCK = re.compile(r"^Honest feedback\b")


def _left_out(title: str, profile: PairProfile) -> bool:
    """Whether a phase script's block ``title`` is left out of ``profile``'s session."""
    if THANKS_BLOCK.match(title) and NO_THANKS.search(profile.session.focus):
        return True
    return bool(FEEDBACK_BLOCK.match(title)) and profile.session.minutes <= SHORTEST_SESSION


def script_items(script: PhaseScript, profile: PairProfile) -> list[AgendaItem]:
    """A phase script's blocks as items, fitted to the pair: the block about goals serves every
    goal and asks about each by its words (in place of the script's general first question),
    the block about what comes next asks what the focus says someone will do
    (``focus_question``), and "an hour" is the session's own length."""
    goal_ids = [g.id for g in profile.goals]
    length = session_length(profile.session.minutes)
    items = []
    for block in script.blocks:
        if _left_out(block.title, profile):
            continue
        about_goals = re.search(r"\bgoals?\b", f"{block.title} {block.purpose}", re.I)
        prompts = [p.replace("an hour", length) for p in block.prompts]
        if about_goals and profile.goals:
            # each goal by its words; the script's own "what will we see" or "what did we drop"
            # would ask the same again
            rest = [p for p in prompts[1:] if not re.search(r"\b(see|drop)\b", p)]
            prompts = [*goal_prompts(script.phase, profile), *rest]
        items.append(AgendaItem(
            minutes=block.share, title=block.title, purpose=block.purpose,
            prompts=prompts, goal_ids=list(goal_ids) if about_goals else [],
        ))  # fmt: skip
    if goal_ids and not any(i.goal_ids for i in items):
        items[0].goal_ids = list(goal_ids)
    when = time_question(profile)
    block = next((i for i in items if TIME_BLOCK.search(i.title)), None)
    if when and block is not None:
        block.prompts.insert(0, when)
    junior = junior_question(profile)
    if junior and items:  # the focus's own ask of the junior, in the block for what comes next
        block = next((i for i in items if question_block(junior).search(i.title)), items[-1])
        block.prompts.insert(0, junior)
    for asked in reversed(focus_questions(profile) if items else []):  # in the focus's order
        block = next((i for i in items if question_block(asked).search(i.title)), items[-1])
        block.prompts.insert(0, asked)
        if FIRST_OF_ALL.search(profile.session.focus) and block is not items[0]:
            items.remove(block)  # "agree what is in and out of bounds before anything else":
            items.insert(0, block)  # first (agenda-fresh2-1's reader: "asked late"; after the
            # welcome, agenda-fresh2-2's: "24 min of welcome come before 7 min on bounds")
    return items


# agenda-20: "what got in the way?" alone assumed the senior had not done it
REVIEW_ASK = "Done, started or dropped, and what helped or got in the way?"
SHOW_IT = "If it is ready, walk us through it: what stands out, and where does it go next?"
# A count is reviewed for its number (agenda-fresh-1: "Count how many cadets didn't come back
# …" was asked only whether it was done).
COUNTED = "What number did you get, and what does it tell us?"
COUNTING = re.compile(r"^(?:count|tally)\b|\b(?:find out|work out|check|note|look up) how "
                      r"(?:many|much|often)\b", re.I)  # fmt: skip


WORKED_BELOW = "Is it ready? We work through it in its own block today."
# … and one a block asks what was noticed from (``session_tasks``)
TAKEN_UP_BELOW = "Done, started or dropped? What it showed comes up later today."


def carry_review(
    profile: PairProfile, worked: set[str] | None = None, taken_up: set[str] | None = None
) -> list[AgendaItem]:
    """One item reviewing every open action item by its owner (never copied into next steps);
    one whose material a block works through (``worked``) is only asked whether it is ready,
    and one a block takes up (``taken_up``) whether it was done."""
    actions = profile.open_action_items
    if not actions:
        return []
    names = {"mentor": profile.mentor.first_name, "mentee": profile.mentee.first_name,
             "both": "Both of us"}  # fmt: skip

    def asked(text: str) -> str:
        if text in (worked or set()):
            return WORKED_BELOW
        if text in (taken_up or set()):
            return TAKEN_UP_BELOW
        if COUNTING.search(text):
            return COUNTED
        return SHOW_IT if material_of(text) else REVIEW_ASK  # made something: look at it

    prompts = [f"{names.get(a.owner, 'Both of us')}: {a.text.rstrip('.')}. {asked(a.text)}"
               for a in actions[:4]]  # fmt: skip
    talked = [a for a in actions if a.text not in (worked or set())]  # a ready check is quick
    return [AgendaItem(
        minutes=5 + 2 * min(len(talked), 3), title=ACTION_REVIEW_TITLE,
        purpose="Go through what each of us took away last time, one item at a time.",
        prompts=prompts,
    )]  # fmt: skip


def segment_item(slot: Slot, title: str = "", activity: str = "") -> AgendaItem:
    """A slot as an agenda item: the model's title and activity where given, else the
    pattern's own; the question is always the pattern's, as written."""
    low, high = slot.segment.minutes
    if activity and not activity.endswith((".", "!", "?", ")", '"', "'")):
        activity += "."
    return AgendaItem(
        minutes=(low + high) // 2, title=title or slot.segment.name,
        purpose=activity or slot.segment.purpose,
        prompts=_block_questions(slot),
        goal_ids=list(slot.goal_ids), pattern=slot.segment.id,
    )  # fmt: skip


def _block_questions(slot: Slot) -> list[str]:
    """A block's questions, most needed first (a short block keeps the first two): the
    pattern's, then what was noticed from an action it takes up (the review says it "comes up
    later today"); a focus's own question goes first, before what was noticed."""
    noticed = [slot.noticed] if slot.noticed else []
    if slot.asked:
        return [slot.asked, *noticed, slot.segment.question]
    return [slot.segment.question, *noticed]


def wrap_up(profile: PairProfile) -> AgendaItem:
    """The last item of a middle session. agenda-heldout-9's reader called its question "the
    same stock line every time"; agenda-23's reader preferred it, in all nine agendas, to two
    other wordings taking turns by session number (docs/evals.md)."""
    return AgendaItem(
        minutes=5, title="Two-way feedback and next steps",
        purpose="Say what helped and what to change, then agree one action each with a date.",
        prompts=["What helped today, and what should I do differently next time?"],
    )  # fmt: skip


# What each person brings to a session whose items are all ours (no segment worded for it); a
# first session's is used by its script's welcome and goal blocks (agenda-12: a "thing from your
# own work to show" had no block to show it in).
PHASE_PREPARATION: dict[str, Preparation] = {
    "first": Preparation(mentor="How you came to the work you do now, and one rough goal of your "
                                "own for the program.",
                         mentee="One thing you hope to get from the program, and one doubt "
                                "about it."),
    "middle": Preparation(mentor="Your notes on the goals you set together.",
                          mentee="One question from your own week about those goals."),
    "closing": Preparation(mentor="Your notes from the sessions: what changed for you, and when.",
                           mentee="The goals you set at the start, and what happened to each."),
}  # fmt: skip
PHASE_NEXT_STEPS: dict[str, list[str]] = {
    "first": ["Each of us writes down one rough goal, to sharpen in session 2",
              "Book the second session before leaving the room"],
    "closing": ["Agree whether, when and how you will check in after the program",
                "Each of us names one thing to keep doing, and tells the other"],
}  # fmt: skip


# The guides written for one phase of a pairing: a citation of one of them suits that phase only
# (agenda-9's reviewer found "closing-session.md#script-thanking…" on a middle session's item).
PHASE_GUIDES: dict[str, Phase] = {"first-session.md": "first", "middle-sessions.md": "middle",
                                  "closing-session.md": "closing"}  # fmt: skip


def phase_cites(cites: list[str], phase: Phase) -> list[str]:
    """The ``cites`` (guide.md#section) that suit a session of ``phase``."""
    return [c for c in cites if PHASE_GUIDES.get(c.split("#", 1)[0], phase) == phase]


def preparation(used: list[SegmentPattern], phase: Phase = "middle") -> Preparation:
    """What each person brings for the worded blocks ``used``, in the agenda's order: in a
    middle session with one block its own lists, with several each under its block's name; a
    first or closing session (mostly its phase script) the phase's first. Every block's own
    material is listed: an activity that compares "the two outside ads" has them brought."""
    if not used:
        return PHASE_PREPARATION[phase]
    if phase == "middle" and len(used) == 1:
        return Preparation(mentor=_sentence(used[0].mentor_brings),
                           mentee=_sentence(used[0].mentee_brings))  # fmt: skip
    base = PHASE_PREPARATION[phase] if phase != "middle" else Preparation()
    # the block's name quoted: a name that is a question ("Who should see my idea?") or has
    # a colon of its own cannot run into the list
    mentor = [f'For "{s.name}": {_sentence(s.mentor_brings)}' for s in used]
    mentee = [f'For "{s.name}": {_sentence(s.mentee_brings)}' for s in used]
    return Preparation(mentor=" ".join([base.mentor, *mentor]).strip(),
                       mentee=" ".join([base.mentee, *mentee]).strip())  # fmt: skip


def next_steps(profile: PairProfile, phase: Phase = "middle") -> list[str]:
    """What the pair leaves with: new actions, never the old ones copied; a closing session
    plans what comes after the program, not a next session."""
    if phase == "first" and profile.goals:  # the goals are set: sharpen them, not write them
        return ["Each of us rewrites one of our goals with a sign we will see when it is reached",
                "Book the second session before leaving the room"]  # fmt: skip
    if phase in PHASE_NEXT_STEPS:
        return list(PHASE_NEXT_STEPS[phase])
    after = profile.session.number + 1
    return [f"Each of us names one new action with a date, to review in session {after}",
            "Book the next session before leaving the room"]  # fmt: skip


def title_for(profile: PairProfile, phase: Phase, first_item: str) -> str:
    """The agenda's title: the session number and what the whole session is about (a short
    focus as written, else the first goal's subject), never one block's name alone."""
    label = {"first": "Getting started", "closing": "Closing the program"}.get(phase)
    focus = plain_focus(profile.session.focus).rstrip(".")
    said = remark(focus)  # a quoted remark, not a fragment of it (agenda-fresh-2: "Their
    if not label and said:  # phones half the shift")
        label = f"What's behind {said}"
    if not label and focus:
        label = focus_topic(focus) if is_long(focus) else focus
    if not label and profile.goals:  # its first clause: a title, not a sentence
        label = subject_of(profile).removeprefix("our goal to ").split(", ")[0]
    label = label or first_item or "progress on our goals"
    return f"Session {profile.session.number}: {label[:1].upper()}{label[1:]}"


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:] + "." if text else ""


def used_segments(slots: list[Slot], worded: list[AgendaItem]) -> list[SegmentPattern]:
    """The segments the worded items were written from: each slot's own, or the next best one
    tried after a refusal (what each person brings follows the activity shown)."""
    out = []
    for slot, item in zip(slots, worded, strict=True):
        alternate = slot.alternate
        out.append(alternate if alternate is not None and item.pattern == alternate.id
                   else slot.segment)  # fmt: skip
    return out
