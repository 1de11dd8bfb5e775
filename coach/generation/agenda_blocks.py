"""Which blocks a library agenda has: the focus and goals that get an item, each with the
segment pattern that fits it, in the pair's own words, and the goal block that works through
what an open action item made (step 2 of ``agenda_library``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import pairwise

import numpy as np

from coach.domain.agenda_plan import Slot, max_blocks, needs_focus_item
from coach.domain.focus_asks import block_question
from coach.domain.focus_question import script_questions
from coach.domain.focus_sentences import focus_material, long_focus_topic, remark
from coach.domain.library import SLOT, Library, PhaseScript, SegmentPattern
from coach.domain.org_words import fitted, org_words
from coach.domain.pair_profile import OpenAction, PairProfile
from coach.domain.segment_fit import (
    DEBRIEF,
    can_run,
    choice_text,
    event_subject,
    fit,
    goal_kinds,
    suits,
)
from coach.domain.session_material import (
    brought,
    made_block,
    made_for_session,
    material_of,
    named_by_focus,
    way_through,
)
from coach.domain.session_tasks import noticed_question, taken_up_in, tried_for_session
from coach.domain.starter_slots import phrase_kind, subject_for

FOCUS_SERVES_GOAL = 0.5  # cosine of focus and goal above which the focus item serves the goal
# … or a kind both name that is one happening: a focus on "the incident on the 86" serves a goal
# about "what happens to a driver after an incident" (agenda-fresh2-2: "a redundant quick word
# after a longer block already covered the same goal")
SAME_MATTER = frozenset({"incident"})


class AgendaBlocks:
    """Chooses an agenda's worded blocks from the library."""

    def __init__(self, library: Library, embed: Callable[[list[str]], np.ndarray]) -> None:
        self.library = library
        self.embed = embed
        self._vectors: dict[str, np.ndarray] = {}

    def segment_vectors(self) -> dict[str, np.ndarray]:
        """Each segment pattern's name and purpose, embedded once, by id."""
        if not self._vectors:
            segments = self.library.segments
            texts = [SLOT.sub("it", f"{s.name}. {s.purpose}") for s in segments]  # no "{subject}"
            self._vectors = dict(zip((s.id for s in segments), self.embed(texts), strict=True))
        return self._vectors

    def slots(self, profile: PairProfile) -> list[Slot]:
        """The focus and goals that get a worded item, each with its segment pattern in the
        pair's own words for who it serves and what it is (``org_words``)."""
        phase = profile.phase
        script = self.script(phase)
        script_text = " ".join([*(f"{b.title} {b.purpose}" for b in script.blocks),
                                *script_questions(profile)]) if script else ""  # fmt: skip
        wanted: list[tuple[str, list[str], bool]] = []
        goals = list(profile.goals)
        if needs_focus_item(profile, script_text):
            focus = profile.session.focus.strip()
            served: list[str] = []
            if goals:
                vectors = self.embed([focus, *(g.text for g in goals)])
                same = goal_kinds(focus) & SAME_MATTER
                served = [g.id for g, v in zip(goals, vectors[1:], strict=True)
                          if float(v @ vectors[0]) >= FOCUS_SERVES_GOAL
                          or same & goal_kinds(g.text)]  # fmt: skip
            wanted.append((focus, served, True))
            goals = [g for g in goals if g.id not in served]
        if phase == "middle":
            wanted += [(g.text, [g.id], False) for g in goals]
        wanted = wanted[: max_blocks(profile.session.minutes)]
        vectors = self.segment_vectors()
        targets = self.embed([w[0] for w in wanted]) if wanted else []
        # block's text -> what was made; a short focus keeps the occasion it names ("Instagram
        # stories and the taster day"), one of sentences may be what was brought (``_made``)
        # (not a focus that quotes a remark: its block is on the remark, agenda-fresh2-2's
        # praised "What's behind the remark", lost to "the three things" in a 30-minute session)
        made = self._made(profile, [w[0] for w in wanted if not w[2]
                                    or (long_focus_topic(w[0]) and not remark(w[0]))])  # fmt: skip
        used: set[str] = set()
        # each with the block's subject, and the action whose made thing it works through
        chosen: list[tuple[Slot, list[SegmentPattern], str, OpenAction | None]] = []
        # a closing session's block is written for it (agenda-13: a shadowing visit planned in
        # a closing session); a first session's focus may plan ahead ("Night-shift walk-round")
        pool = [s for s in self.library.segments if can_run(s, profile) and (
            suits(s, phase) or (phase == "first" and suits(s, "middle")))]  # fmt: skip
        for (serves, goal_ids, is_focus), target in zip(wanted, targets, strict=True):
            action = made.get(serves)
            named = focus_material(serves) if is_focus and not action else ""
            thing = material_of(action.text) if action else named
            free = [s for s in pool if s.id not in used and ("material" in s.fits) == bool(thing)]
            text = choice_text(phase, serves, [g.text for g in profile.goals if g.id in goal_ids],
                               is_focus)  # fmt: skip
            subject = thing or subject_for(profile, serves, is_focus)
            kind = phrase_kind(subject)
            way = way_through(thing) if thing else ""  # what was made says how it is used
            # a focus that quotes a remark gets a pattern on the remark, whatever kinds its goals
            # add (``_off_remark``; fresh3 call centre)
            focus_kinds = goal_kinds(serves) if is_focus else set()
            quoted = focus_kinds if focus_kinds and remark(serves) else set()
            # … and a focus that names the senior's decision, one on the decision, even when it
            # is made with what someone brought (fresh3 brewery: "Working through the cans")
            decided = "decision" in focus_kinds
            scored = [(decided and "decision" not in s.fits, s.id != way, _off_remark(s, quoted),
                       -fit(s, text, float(vectors[s.id] @ target), kind), n)
                      for n, s in enumerate(free)]  # fmt: skip
            ranked = [free[n] for *_, n in sorted(scored)]
            if ranked:
                used.add(ranked[0].id)
                best = brought(ranked[0], action, thing) if action else ranked[0]
                best = named_by_focus(best, named) if named else best
                asked = block_question(profile) if is_focus and phase == "middle" else ""
                slot = Slot(best, serves, goal_ids, is_focus,
                            material=action.text if action else "", asked=asked)  # fmt: skip
                chosen.append((slot, ranked[1:], subject, action))
        out, words = [], org_words(profile)
        for slot, rest, subject, action in chosen:
            alternate = next((s for s in rest if s.id not in used), None)
            if alternate is not None:
                used.add(alternate.id)
                if action is not None:  # its maker brings it, whichever pattern is worded
                    alternate = brought(alternate, action, subject)
                alternate = fitted(alternate, words, event_subject(alternate, slot.serves, subject))
            segment = fitted(slot.segment, words, event_subject(slot.segment, slot.serves, subject))
            out.append(replace(slot, segment=segment, alternate=alternate))
        return self._taken_up(profile, out)

    def _made(self, profile: PairProfile, blocks: list[str]) -> dict[str, OpenAction]:
        """The block (by the text of its goal or focus, among ``blocks``) that works through
        what an open action item made for this session (``session_material.made_block``): the
        focus's too ("… what younger fans were actually saying online" and the mentor's
        "Bring the comments export from the ticket pricing post"; the fresh pairs)."""
        actions = made_for_session(profile, profile.phase)
        texts = list(dict.fromkeys([*blocks, *(g.text for g in profile.goals)]))
        if not actions or not blocks:
            return {}
        return made_block(actions, texts, blocks, self._closeness(actions, texts))

    def _closeness(self, actions: list[OpenAction], texts: list[str]) -> list[list[float]]:
        """How close each action is to each text in meaning (cosine of their embeddings)."""
        vectors = self.embed([*(a.text for a in actions), *texts])
        return (vectors[: len(actions)] @ vectors[len(actions) :].T).tolist()

    def _taken_up(self, profile: PairProfile, slots: list[Slot]) -> list[Slot]:
        """``slots``, each block with the question that takes up what an open action item had
        someone do or try for its goal (``session_tasks``); never a debrief or a visit, which
        are about what was seen already."""
        actions = tried_for_session(profile, profile.phase)
        open_slots = [s for s in slots if not DEBRIEF.match(s.segment.id)
                      and "visit" not in s.segment.fits]  # fmt: skip
        if not actions or not open_slots:
            return slots
        covered = {g for s in slots for g in s.goal_ids}
        others = [g.text for g in profile.goals if g.id not in covered]  # goals without a block
        blocks = [s.serves for s in open_slots]
        # each text, with what it is measured by: a focus block is as close to an action as the
        # goals it serves are ("Watch the last three club TikToks" for a focus on ticket prices
        # that serves the goal on how fans follow the club; the fresh pairs)
        groups = [[s.serves, *(g.text for g in profile.goals if s.is_focus and g.id in s.goal_ids)]
                  for s in slots] + [[text] for text in others]  # fmt: skip
        texts = [group[0] for group in groups]
        raw = self._closeness(actions, [text for group in groups for text in group])
        bounds = np.cumsum([0, *(len(group) for group in groups)])
        close = [[max(row[a:b]) for a, b in pairwise(bounds)] for row in raw]
        taken = taken_up_in(actions, texts, blocks, close)
        return [replace(s, taken_up=taken[s.serves].text,
                        noticed=noticed_question(profile, taken[s.serves]))
                if s.serves in taken else s for s in slots]  # fmt: skip

    def script(self, phase: str) -> PhaseScript | None:
        """The library's phase script for ``phase``, if it has one."""
        return next((s for s in self.library.scripts if s.phase == phase), None)


def _off_remark(segment: SegmentPattern, asked: set[str]) -> int:
    """How far ``segment`` is from a focus that quotes a remark (``asked``: the focus's kinds,
    empty for any other block): 0 for a pattern only on the remark, 1 for one on the remark and
    more ("the mentor's real workflow, live" fits tools too), 2 for one not on it ("the mentor's
    career question" for "They quit because they can't handle a difficult caller", fresh3 call
    centre)."""
    if not asked:
        return 0
    if "remark" not in segment.fits:
        return 2
    return 0 if set(segment.fits) == {"remark"} else 1  # (fresh4 ski resort: "A real case from
    # the mentor's floor", on staff and remarks, for "Nobody's quitting over housing")
