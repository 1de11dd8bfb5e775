"""Session agendas as narrow tasks: shape by rules, activities from the library, wording by the
model one item at a time, each checked, each with its own fallback.

1. Shape (``coach.domain.agenda_plan``): a first or closing session follows its phase script; a
   middle one opens with a check-in on the last session, reviews each open action item, gives
   the focus an item of its own and each remaining goal one, and ends with two-way feedback.
2. Choose: for the focus and each goal, the library segment pattern that fits the kinds of goal
   it is (``segment_fit.goal_kinds`` against the pattern's ``fits``: a hiring goal gets a job-ad
   walk-through, a platform goal a demo where the junior shows); sentence embeddings only break
   ties among patterns that fit as well (never the same one twice in an agenda).
3. Word (only with ``COACH_AGENDA_ADAPT=true``; by default each block is the pattern in the
   pair's words for who it serves, ``org_words``, which blind reviewers preferred): one short
   model call per chosen segment (JSON with a title and an activity, grammar-constrained; the
   item asks the pattern's own question, as written). The system prompt is a fixed prefix the
   server caches, and the pair's lines come first in the user turn, so they stay cached.
4. Tidy what code can be sure of, then check (``coach.domain.agenda_check``). A refused
   wording is worded again from the slot's next best pattern (a fresh request; without one,
   the model corrects itself, a little warmer); a second refusal keeps the first pattern's
   own wording for that item only. Both are counted in ``meta.fixes``.
5. The model asks a middle session's check-in question first (``COACH_AGENDA_CHECK_IN``, on
   by default; ``agenda_check_in``), checked the same way, corrected once; ours stays when it
   fails. ``enforce`` then makes the agenda's invariants true, and a citation stays on an item
   only when its passage is about it (``library_cite.keep_about``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.agenda import Agenda, AgendaItem, enforce
from coach.domain.agenda_check import (
    FIELDS,
    NO_PICK_UP,
    NOT_ADDRESSED,
    SEVERAL_QUESTIONS,
    check_in_problems,
    first_question,
    item_problems,
    mended_fields,
    tidy,
    unnamed,
)
from coach.domain.agenda_length import fit_session, names_other_length
from coach.domain.agenda_plan import (
    FELL_BACK,
    KEPT_FIRST_QUESTION,
    KEPT_OUR_QUESTION,
    MENDED,
    Slot,
    carry_review,
    next_steps,
    phase_cites,
    preparation,
    script_items,
    segment_item,
    title_for,
    used_segments,
    wrap_up,
)
from coach.domain.artifact_spec import OnItem
from coach.domain.check_in import check_in, last_summary
from coach.domain.goal_phrase import goal_objective
from coach.domain.knowledge import Passage
from coach.domain.library import Library
from coach.domain.pair_profile import PairProfile
from coach.domain.provenance import Provenance
from coach.generation.agenda_blocks import AgendaBlocks
from coach.generation.agenda_check_in import as_talked_about, check_in_prompt
from coach.generation.drafts import ITEM_SCHEMA, ItemWording
from coach.generation.library_cite import ITEM_CITE_SIMILARITY, closest_cited, keep_about
from coach.generation.narrow_call import ask_draft, corrected
from coach.generation.pipeline import RecipeTools, citation_refs
from coach.generation.prompts import Prompt
from coach.generation.starter_library import ADAPTED_SCHEMA, AdaptedStarter, pair_lines
from coach.generation.structured import GenerationFailed, OnToken, Usage

MAX_TOKENS = 110  # a title and one sentence, in JSON
ASKED_AS_WRITTEN = "The block's question, asked as written:"  # the prompt's last line


class LibraryAgenda:
    """Writes an ``Agenda`` for a pair; never fails because of the model."""

    def __init__(
        self,
        library: Library,
        embed: Callable[[list[str]], np.ndarray],
        fetch: Callable[[list[str]], list[Passage]],
        model: Callable[[], BaseChatModel],
        prompt: Prompt,
        repair: Prompt,
        options: dict[str, Any],
        model_name: Callable[[], str],
        check_in_options: dict[str, Any] | None = None,
        adapt: bool = True,
    ) -> None:
        self.library = library
        self.adapt = adapt
        self.check_in_options = check_in_options
        self.embed = embed
        self.fetch = fetch
        self.model = model
        self.prompt = prompt
        self.repair = repair
        self.options = options
        self.model_name = model_name
        self.blocks = AgendaBlocks(library, embed)

    def slots(self, profile: PairProfile) -> list[Slot]:
        """The focus and goals that get a worded item (``AgendaBlocks.slots``)."""
        return self.blocks.slots(profile)

    # -- wording ----------------------------------------------------------------------------
    def word(
        self, slot: Slot, profile: PairProfile, usage: Usage, fixes: list[str],
        on_token: OnToken | None = None,
    ) -> AgendaItem:  # fmt: skip
        """The slot's item in the model's words. When they fail the checks because they do
        not name what the item is for, the model is asked once to correct them, told the
        words to use; otherwise the slot's next best pattern is worded once instead (a fresh
        request, whose pair lines the server has cached), or without one the model corrects
        itself. When both fail, the first pattern's own wording is shown."""
        alternate = replace(slot, segment=slot.alternate) if slot.alternate else None
        attempt, correct = slot, []  # correct: the conversation to correct, if not another pattern
        for n in range(2):
            segment = attempt.segment
            system, user = self.prompt.render(
                pair=pair_lines(profile), serves=slot.serves, name=segment.name,
                purpose=segment.purpose, steps="; ".join(segment.steps),
                question=f"{ASKED_AS_WRITTEN} {segment.question}",
            )  # fmt: skip
            messages = correct or [SystemMessage(system), HumanMessage(user)]
            steps = " ".join(segment.steps)
            pattern = f"{segment.name} {segment.purpose} {steps} {segment.question}"
            wording = ask_draft(self.model(), ItemWording, self.repair, self.options, messages,
                                usage, bool(correct), on_token)  # fmt: skip
            label = f"item {slot.segment.id}: " + (f"as {segment.id}, " if attempt is not slot
                                                    else "")  # fmt: skip
            if wording is None:
                reasons = ["no valid reply"]
                correct = [] if alternate else messages
            else:
                kept = {f: " ".join(getattr(wording, f, "").split()) for f in FIELDS}
                kept["title"] = kept["title"].rstrip(".")
                kept, tidied = tidy(kept, f"{profile.model_dump_json()} {pattern}")
                fixes += [f"{label}{note}" for note in tidied]
                reasons = item_problems(**kept, serves=slot.serves, profile=profile,
                                        pattern=pattern, instructions=system,
                                        is_focus=slot.is_focus)  # fmt: skip
                if not reasons:
                    return segment_item(attempt, **kept)
                mended = mended_fields(reasons, slot.serves, profile, kept, slot.is_focus)
                if mended is not None:
                    taken = ", ".join(f"the pattern's {f}" for f in mended)
                    fixes.append(f"{label}{'; '.join(reasons)}; {MENDED} {taken}")
                    shown = {f: "" if f in mended else kept[f] for f in kept}
                    return segment_item(attempt, **shown)
                missed = n == 0 and any(r.startswith(NOT_ADDRESSED) for r in reasons)
                told = unnamed(slot.serves, profile, slot.is_focus) if missed else []
                if told or alternate is None:  # the words it missed, rather than another pattern
                    correct = corrected(messages, wording, reasons, told)
            fixes.append(f"{label}{'; '.join(reasons)}" + ("" if n else "; retried"))
            attempt = alternate if alternate and not correct else slot
        fixes.append(f"item {slot.segment.id}: {FELL_BACK}")
        return segment_item(slot)

    def word_check_in(
        self, profile: PairProfile, usage: Usage, fixes: list[str], on_token: OnToken | None = None
    ) -> str:
        """The model's check-in question for a middle session, picking up the last session's
        summary; empty (our own question stays) when there is none or it fails its checks.
        The same prompt as the items, so the pair's lines it reads stay cached for them."""
        last = last_summary(profile)
        if last is None or self.check_in_options is None:
            return ""
        recap = last[1]
        asked = check_in_prompt(self.prompt, profile, *last)
        messages, system, pattern, told = asked.messages, asked.system, asked.pattern, asked.told
        for retried in (False, True):
            wording = ask_draft(self.model(), AdaptedStarter, self.repair, self.check_in_options,
                                messages, usage, retried, on_token)  # fmt: skip
            question = " ".join(wording.question.split()) if wording else ""
            reasons = (check_in_problems(question, recap, profile, pattern, system) if wording
                       else ["no valid reply"])  # fmt: skip
            if not reasons:
                return as_talked_about(question, last[0])
            first = first_question(question)  # of several, the first may pass alone
            if SEVERAL_QUESTIONS in reasons and not check_in_problems(
                first, recap, profile, pattern, system
            ):
                fixes.append(f"check-in: {'; '.join(reasons)}; {KEPT_FIRST_QUESTION}")
                return as_talked_about(first, last[0])
            if retried or wording is None:
                break
            fixes.append(f"check-in: {'; '.join(reasons)}; retried")
            words = told if NO_PICK_UP in reasons else []
            messages = corrected(messages, wording, reasons, words, field="question")
        fixes.append(f"check-in: {'; '.join(reasons)}; {KEPT_OUR_QUESTION}")
        return ""

    # -- the whole agenda -------------------------------------------------------------------
    def run(
        self, profile: PairProfile, on_token: OnToken | None = None, on_item: OnItem | None = None
    ) -> Agenda:
        """The agenda for ``profile``, with its provenance. ``on_item`` hears each item in the
        agenda's order as soon as it is known: the code-built opening at once (with the model's
        check-in question on, once it is asked), each worded item as the model finishes it,
        then the closing (``enforce`` may still adjust them).
        ``first_item_seconds`` is when the first item holding the model's words was heard."""
        began = time.monotonic()
        usage, fixes, reason = Usage(), [], ""
        phase, phase_reason = profile.phase_and_reason
        slots = self.slots(profile)
        framed: dict[str, Passage] = {}
        before, after = self._frame(profile, framed, slots)
        first_item: float | None = None

        def heard(item: AgendaItem, by_model: bool = False) -> None:
            nonlocal first_item
            if by_model and first_item is None:
                first_item = round(time.monotonic() - began, 3)
            if on_item is not None:
                on_item(item)

        if phase == "middle" and before:
            try:
                question = self.word_check_in(profile, usage, fixes, on_token)
            except GenerationFailed as failed:
                reason, question = failed.reason, ""
            if question:
                before[0] = check_in(profile, question)
            heard(before[0], bool(question))
            before_rest = before[1:]
        else:
            before_rest = before
        for item in before_rest:
            heard(item)
        worded: list[AgendaItem] = []
        for slot in slots:
            if not self.adapt:  # our pattern's own words, by design: nothing fell back
                worded.append(segment_item(slot))
                heard(worded[-1])
                continue
            if reason:
                fixes.append(f"item {slot.segment.id}: {FELL_BACK} ({reason})")
                worded.append(segment_item(slot))
                heard(worded[-1])
                continue
            try:
                worded.append(self.word(slot, profile, usage, fixes, on_token))
                by_model = fixes[-1:] != [f"item {slot.segment.id}: {FELL_BACK}"]
            except GenerationFailed as failed:
                reason, by_model = failed.reason, False
                fixes.append(f"item {slot.segment.id}: {FELL_BACK} ({reason})")
                worded.append(segment_item(slot))
            heard(worded[-1], by_model)
        for item in after:
            heard(item)
        passages: dict[str, Passage] = {}
        for slot, item in zip(slots, worded, strict=True):
            cites = phase_cites(slot.segment.cites, phase)
            cited = closest_cited(cites, item.wording(), self.fetch, self.embed,
                                  ITEM_CITE_SIMILARITY)  # fmt: skip
            item.citations = [p.id for p in cited]
            passages.update({p.id: p for p in cited})
        passages.update(framed)
        script = self.blocks.script(phase) if phase != "middle" else None
        items = fit_session([*before, *worded, *after], profile, script)
        agenda = Agenda(
            title=title_for(profile, phase, worded[0].title if worded else ""),
            phase=phase, phase_reason=phase_reason, minutes=profile.session.minutes,
            objectives=[goal_objective(g.text) for g in profile.goals]
            or ["Agree the goals of the pairing"],
            items=items, preparation=preparation(used_segments(slots, worded), phase),
            next_steps=next_steps(profile, phase),
        )  # fmt: skip
        texts = {p.id: p.text for p in passages.values()}
        final, rule_fixes = enforce(agenda, profile, texts)
        # the blocks' citations were scored as they were chosen; the frame's are scored here
        rule_fixes += keep_about([i for i in final.items if not i.pattern], texts, self.embed)
        if not reason and slots and sum(FELL_BACK in f for f in fixes) == len(slots):
            reason = "no item's wording passed the checks"
        cited = {c for i in final.items for c in i.citations}
        final.meta = Provenance(
            prompt_id=self.prompt.id, prompt_version=self.prompt.version,
            model=self.model_name() if usage.attempts else "none (library and rules)",
            citations=citation_refs(list(passages.values()), cited),
            prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
            attempts=usage.attempts, seconds=round(time.monotonic() - began, 3),
            first_token_seconds=usage.first_token_seconds, first_item_seconds=first_item,
            fallback=bool(reason), fallback_reason=reason, fixes=[*fixes, *rule_fixes],
        )  # fmt: skip
        return final

    def _frame(
        self, profile: PairProfile, passages: dict[str, Passage], slots: list[Slot]
    ) -> tuple[list[AgendaItem], list[AgendaItem]]:
        """The code-built items that go before and after the worded ones (``slots``), in the
        session's frame; the frame's citation goes into ``passages``. The review leaves to the
        blocks the open action items whose material one works through or takes up."""
        script = self.blocks.script(profile.phase)
        if profile.phase == "middle" or script is None:
            worked = {s.material for s in slots if s.material}
            taken = {s.taken_up for s in slots if s.taken_up}
            return [check_in(profile), *carry_review(profile, worked, taken)], [wrap_up(profile)]
        frame = script_items(script, profile)
        cites = [c for c in script.cites if not names_other_length(c, profile.session.minutes)]
        cited = closest_cited(cites, " ".join(b.purpose for b in script.blocks),
                              self.fetch, self.embed)  # fmt: skip
        if cited:
            frame[0].citations = [cited[0].id]
            passages[cited[0].id] = cited[0]
        carry = carry_review(profile)
        if profile.phase == "first":  # the focus after the ground rules, before the next date
            return frame[:-1], [*carry, frame[-1]]
        return [*carry, frame[0]], frame[1:]


class LibraryAgendaRecipe:
    """The registry's agenda recipe: builds ``LibraryAgenda`` from the services' tools."""

    prompt_id = "agenda_item"

    def build(self, tools: RecipeTools) -> LibraryAgenda:
        return LibraryAgenda(
            library=tools.library(), embed=tools.embed, fetch=tools.fetch,
            model=lambda: tools.model(MAX_TOKENS), prompt=tools.prompt(self.prompt_id),
            repair=tools.prompt("repair"), options=tools.options(ITEM_SCHEMA, self.prompt_id),
            model_name=tools.model_name, adapt=tools.adapt_agenda,
            check_in_options=(tools.options(ADAPTED_SCHEMA, f"{self.prompt_id}_check_in")
                              if tools.agenda_check_in else None),  # fmt: skip
        )  # fmt: skip
