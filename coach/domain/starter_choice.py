"""Choosing a pair's conversation starters from the coaching library, by rules and relevance.

A set has ``SET_SIZE`` starters: one on power dynamics and one on generational differences
always, two looking back in a closing session, and the rest from the other categories, at most
one each. Only templates for this session's phase (or any phase) that the pair was never given
are eligible, until a category has none left: then one given before comes back rather than
leaving a required category empty. Within those, the most relevant to the pair's goals and focus
wins (``relevance``: a similarity per template id, computed by the caller), with a bonus for the
phase's own templates, for templates with slots (the pair's own subject fills them) and for an
asker or a depth the set does not have yet; at most ``MAX_SAME_SLOT`` starters fill the same
slot (the pair's subject, one department); each person asks at least ``ASKED_EACH``; the set
always has at least two depths when the library allows it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from coach.domain.action_slots import ACTION_SLOTS, BRING, slot_key
from coach.domain.focus_asks import FOCUS_ASK_SLOTS
from coach.domain.library import SLOT, StarterTemplate, SubjectKind
from coach.domain.pair_profile import Phase

SET_SIZE = 6
SUBJECT = "{subject}"
FOCUS = "{focus}"  # what this session's focus names: one starter of a set takes it up
# … and one that names what the session does ("Try the online booking journey with a screen
# reader") only in a template tagged so: "What would make our time on … today worth it for
# you?", not "What would you guess people at my level say to each other about the online
# booking journey with a screen reader …" (starters-heldout-10)
ACTIVITY = "activity"
FOCUS_BONUS = 0.3  # more than a phase and a variety bonus: the reader of starters-heldout-6
# marked sets that took up neither the focus nor the open actions
# A general "what has happened since we last met" is no opener beside a follow-up of what was
# promised (starters-fresh-3 and -14: in 16 of 56 sets, beside "Last time you said you'd …")
CATCH_UP = "catch-up"
ACTION_BONUS = 0.3  # … and the open actions (``action_slots``): one starter follows up one
# of each person's (starters-13: "the junior's own promised tasks are rarely mentioned")
PHASE_BONUS = 0.1  # a template written for this phase beats an "any" one of similar relevance
VARIETY_BONUS = 0.15  # an asker or depth the set lacks so far
SLOT_BONUS = 0.05  # a template with slots, which the pair's own subject and work fill
# A set that names the pair's subject (or one department) in more starters than this reads like
# a filled-in form (starters-3, starters-heldout-1: one topic phrase in four to six lines).
MAX_SAME_SLOT = 2
# … and a long subject only once ("Next time you send staff a message about how younger
# travellers complain and get answers on social media instead of the call centre", read stiff
# by starters-heldout-4): over this many words
LONG_SUBJECT = 8
# … and one over this many words in none: of the filled starters a reader labelled
# (starter_readability.jsonl), 4 of 6 with a subject of 11 words or more read awkward, against
# 12 of 15 natural at 9-10 words (starters-heldout-8: "goal text pasted whole into questions")
TOO_LONG = 10
# Each person asks at least this many of a set (starters-4: "the senior asks only one").
ASKED_EACH = 2
DEPTH_ORDER = {"icebreaker": 0, "deeper": 1, "brave": 2}
OTHERS = ("trust", "communication", "resistance", "mutual_benefit")
# A closing set's second look back is at what happens once the pair stops meeting: keep meeting,
# a catch-up, who sees the work through (starters-heldout-7: "a last session never agrees how to
# keep in touch").
AFTER = "after"


def plan(phase: Phase) -> list[str]:
    """The categories of a set, in the order they are filled ("other": any of ``OTHERS``;
    ``AFTER``: a look back tagged "after")."""
    if phase == "closing":  # the second look back is at what comes after ("after")
        fixed = ["retrospective", "power_dynamics", "generational_differences", AFTER]
    else:
        fixed = ["power_dynamics", "generational_differences"]
    return fixed + ["other"] * (SET_SIZE - len(fixed))


def eligible(
    templates: Iterable[StarterTemplate], phase: Phase, given: set[str],
    subject: SubjectKind | None, focus: bool = False,
    actions: frozenset[tuple[str, str]] = frozenset(), activity: bool = False,
) -> list[StarterTemplate]:  # fmt: skip
    """Templates for this phase or any, never given to the pair, fillable from its file: a
    ``{subject}`` slot only when the pair has a ``subject`` ("topic" or "skill") the template
    takes, an action slot only when ``actions`` holds it for the template's asker (a thing to
    bring only in a template tagged ``bring``; ``action_slots.fillable``), and then no general
    catch-up (``CATCH_UP``), a ``{focus}`` slot only when the pair has one (one that names what
    the session does, ``activity``, only in a template tagged so). A closing session gets no
    icebreaker written for any phase: its own look back instead (starters-4: "Which channel do
    you reach for first …" in a last session)."""
    return [
        t for t in templates
        if t.phase in (phase, "any") and t.id not in given
        and (SUBJECT not in t.text or (subject is not None and t.takes in ("any", subject)))
        and (FOCUS not in t.text or (focus and (not activity or ACTIVITY in t.tags)))
        and all(slot not in SLOT.findall(t.text)
                or (slot_key(slot, BRING in t.tags), t.asked_by) in actions
                for slot in (*ACTION_SLOTS, *FOCUS_ASK_SLOTS))
        and not (_follow_ups(actions) and CATCH_UP in t.tags)
        and not (phase == "closing" and t.phase == "any" and t.depth == "icebreaker")
    ]  # fmt: skip


def _follow_ups(actions: frozenset[tuple[str, str]]) -> bool:
    """Whether ``actions`` holds an open action to follow up (not only a focus slot)."""
    return any(slot.split(":")[0] in ACTION_SLOTS for slot, _ in actions)


def on_focus(template: StarterTemplate) -> bool:
    """Whether ``template`` takes up this session's focus: its ``{focus}`` or what a focus of
    sentences asks (``focus_asks``)."""
    return FOCUS in template.text or asks_focus(template)


def asks_focus(template: StarterTemplate) -> bool:
    """Whether ``template`` says what a focus of sentences asks (``focus_asks``)."""
    return any(f"{{{s}}}" in template.text for s in FOCUS_ASK_SLOTS)


def _looks_ahead(template: StarterTemplate) -> bool:
    """A closing set's look at what comes after (``AFTER``), which may name the focus's thing
    beside the line that says what the focus asks ("what do you want to happen with the list we
    made in March", kept in starters-fresh3-1)."""
    return AFTER in template.tags


def _over_cap(
    template: StarterTemplate, chosen: list[StarterTemplate], subject_cap: int = MAX_SAME_SLOT
) -> bool:
    """Whether ``template`` would be the third of the set to fill one of its slots: the pair's
    subject (``subject_cap``: a long one only once), or one person's department ("in the Board"
    three times in a set, starters-5)."""
    caps = {"subject": subject_cap, "focus": 1}
    if on_focus(template) and not _looks_ahead(template) and any(
            on_focus(c) and not _looks_ahead(c) for c in chosen):  # fmt: skip
        return True  # one starter of a set takes up the focus (a look ahead aside)
    owner = _follows_up(template)
    if owner and any(_follows_up(c) == owner for c in chosen):
        return True  # one open action of each person a set: more reads like a to-do list
    return any(
        sum(f"{{{slot}}}" in c.text for c in chosen) >= caps.get(slot, MAX_SAME_SLOT)
        for slot in set(SLOT.findall(template.text))
    )


def _follows_up(template: StarterTemplate) -> str:
    """Whose open action ``template`` follows up ("mentor", "mentee" or "both"), or ""."""
    if "{my_action}" in template.text:
        return template.asked_by
    if "{their_action}" in template.text:
        return "mentee" if template.asked_by == "mentor" else "mentor"
    if "{our_action}" in template.text:
        return "both"
    return ""


def _score(t: StarterTemplate, phase: Phase, relevance: Mapping[str, float],
           chosen: list[StarterTemplate]) -> float:  # fmt: skip
    score = relevance.get(t.id, 0.0) + (PHASE_BONUS if t.phase == phase else 0.0)
    score += SLOT_BONUS if SLOT.search(t.text) else 0.0
    score += FOCUS_BONUS if on_focus(t) else 0.0
    score += ACTION_BONUS if _follows_up(t) else 0.0
    if chosen and t.asked_by not in {c.asked_by for c in chosen}:
        score += VARIETY_BONUS
    if chosen and t.depth not in {c.depth for c in chosen}:
        score += VARIETY_BONUS
    return score


def _swap_for_variety(
    chosen: list[StarterTemplate], pool: list[StarterTemplate], relevance: Mapping[str, float],
    attribute: str, least: int = 1, subject_cap: int = MAX_SAME_SLOT,
) -> list[StarterTemplate]:  # fmt: skip
    """Replace the least relevant pick with the best same-category template that adds a value
    of ``attribute`` (asker or depth) the set has fewer than ``least`` of, when it has one."""
    counts = Counter(getattr(c, attribute) for c in chosen)
    if len(counts) > 1 and min(counts.values()) >= least:
        return chosen
    value = counts.most_common(1)[0][0]
    # the least relevant first; the starters on the focus and on an open action last
    order = sorted(
        range(len(chosen)),
        key=lambda i: (on_focus(chosen[i]) or bool(_follows_up(chosen[i])),
                       relevance.get(chosen[i].id, 0.0)),
    )  # fmt: skip
    for index in order:
        if getattr(chosen[index], attribute) != value:
            continue
        keep = chosen[index].asked_by  # swapping for depth must not undo the askers' variety
        others = [c for i, c in enumerate(chosen) if i != index]
        options = [t for t in pool if t.category == chosen[index].category
                   and getattr(t, attribute) != value and t not in chosen
                   and (AFTER in t.tags) == (AFTER in chosen[index].tags)
                   and (attribute == "asked_by" or t.asked_by == keep)
                   and not _over_cap(t, others, subject_cap)]  # fmt: skip
        if options:
            best = max(options, key=lambda t: relevance.get(t.id, 0.0))
            return [best if i == index else c for i, c in enumerate(chosen)]
    return chosen


def _with_focus(chosen: list[StarterTemplate], pool: list[StarterTemplate], phase: Phase,
                relevance: Mapping[str, float]) -> list[StarterTemplate]:  # fmt: skip
    """``chosen`` with one starter on the focus when the pool has one and none was chosen: in
    place of the least relevant of its category that follows up no action (starters-fresh2-3:
    "the session focus is missed entirely" in half the sets)."""
    options = [t for t in pool if on_focus(t) and not _looks_ahead(t) and t not in chosen]
    if not options or any(on_focus(c) and not _looks_ahead(c) for c in chosen):
        return chosen
    best = max(options, key=lambda t: _score(t, phase, relevance, chosen))
    free = [i for i, c in enumerate(chosen) if not _follows_up(c)
            and (AFTER in c.tags) == (AFTER in best.tags)]  # fmt: skip
    # its own category's, else another of the four others' (a follow-up may hold its own)
    same = [i for i in free if chosen[i].category == best.category] or [
        i for i in free if chosen[i].category in OTHERS and best.category in OTHERS
    ]
    if not same:
        return chosen
    out = min(same, key=lambda i: relevance.get(chosen[i].id, 0.0))
    return [best if i == out else c for i, c in enumerate(chosen)]


def choose(
    templates: Iterable[StarterTemplate],
    phase: Phase,
    relevance: Mapping[str, float],
    given: Iterable[str] = (),
    subject: SubjectKind | None = "topic",
    subject_words: int = 0,
    focus: bool = False,
    actions: frozenset[tuple[str, str]] = frozenset(),
    activity: bool = False,
) -> list[StarterTemplate]:
    """The starters for one session, icebreakers first; ``subject`` is what kind the pair's
    subject is (``starter_slots.phrase_kind``), None when it has none, and ``subject_words``
    how long it is (over ``TOO_LONG``, it fills no starter); ``focus``, whether the session's
    focus names a subject a starter can take up (``starter_slots.session_topic``), and
    ``activity`` whether it names what the session does; ``actions``, the action slots its open
    actions fill (``action_slots.fillable``)."""
    cap = 1 if subject_words > LONG_SUBJECT else MAX_SAME_SLOT
    subject = None if subject_words > TOO_LONG else subject
    templates = list(templates)
    pool = eligible(templates, phase, set(given), subject, focus, actions, activity)
    # given before, if nothing is left
    worn = eligible(templates, phase, set(), subject, focus, actions, activity)
    if any(asks_focus(t) for t in worn):  # what the focus asks, before a line on its thing
        pool, worn = ([t for t in ts if FOCUS not in t.text or _looks_ahead(t)]
                      for ts in (pool, worn))  # fmt: skip
    chosen: list[StarterTemplate] = []
    for slot in plan(phase):
        used = {c.category for c in chosen}
        wanted = [c for c in OTHERS if c not in used] if slot == "other" else [slot]
        if slot == AFTER:
            wanted = ["retrospective"]
        for source in (pool, worn):  # a slot past the cap only when nothing else is left
            fits = [t for t in source if t.category in wanted and t not in chosen
                    and (slot == AFTER) == (AFTER in t.tags)]  # fmt: skip
            options = [t for t in fits if not _over_cap(t, chosen, cap)] or fits
            if options:
                break
        if options:
            chosen.append(max(options, key=lambda t: _score(t, phase, relevance, chosen)))
    chosen = _with_focus(chosen, pool, phase, relevance)
    if chosen:
        for _ in range(ASKED_EACH):  # each swap gives the rarer asker one more starter
            chosen = _swap_for_variety(chosen, pool, relevance, "asked_by", ASKED_EACH, cap)
        chosen = _swap_for_variety(chosen, pool, relevance, "depth", subject_cap=cap)
    return sorted(chosen, key=lambda t: DEPTH_ORDER[t.depth])
