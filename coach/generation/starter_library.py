"""Conversation starters as narrow tasks: choose from the library, adapt each, check, fall back.

1. Choose: rules pick the categories, askers, depths and phase; sentence embeddings rank the
   library's templates by how close they are to the pair's goals, focus and last session.
2. Adapt: one short model call per starter with slots rewrites its code-filled template for the
   pair (JSON with one field, grammar-constrained; the system prompt is a fixed prefix the
   server caches, and the pair's lines come first in the user turn, so they are cached too).
   A template without slots is used as we wrote it: read on the eval pairs, the model's
   rewrites of those were paraphrases that lost the voice or the point (docs/evals.md).
   This step runs only with ``COACH_STARTER_ADAPT=true``: in a blind review the filled
   templates beat the embedded model's rewrites (docs/evals.md), so by default no model call
   is made and every starter is its filled template.
3. Check in code (``coach.domain.starter_check``). A failed check is retried once a little
   warmer; a second failure keeps the filled template. Either is counted in ``meta.fixes``.

The rationale is the template's intent, and the citation is the opening passage of the guide
section the template was written from, kept only when it is similar enough to the starter as
shown (``coach.generation.library_cite.CITE_SIMILARITY``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.action_slots import fillable
from coach.domain.artifact_spec import OnItem
from coach.domain.check_in import shareable
from coach.domain.focus_asks import fillable_focus
from coach.domain.knowledge import Passage
from coach.domain.library import SLOT, Library, StarterTemplate
from coach.domain.pair_profile import PairProfile, Person
from coach.domain.provenance import Provenance
from coach.domain.starter_check import FELL_BACK, adaptation_problems
from coach.domain.starter_choice import SUBJECT, TOO_LONG, choose
from coach.domain.starter_fit import fits_pair, with_focus_tags
from coach.domain.starter_slots import (
    fill,
    focus_is_activity,
    phrase_kind,
    session_topic,
    subject_in_turn,
    subject_of,
    subjects,
)
from coach.domain.starters import Starter, StarterSet, enforce
from coach.generation.context import trim_tokens
from coach.generation.drafts import Draft
from coach.generation.library_cite import closest_cited
from coach.generation.narrow_call import ask_draft
from coach.generation.pair_text import HISTORY_TOKENS
from coach.generation.pipeline import RecipeTools, citation_refs
from coach.generation.prompts import Prompt
from coach.generation.starters import bank
from coach.generation.structured import GenerationFailed, OnToken, Usage

Embed = Callable[[list[str]], np.ndarray]
HISTORY_LINES = 2


class AdaptedStarter(Draft):
    """The model's whole reply: one question."""

    question: str


ADAPTED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {"question": {"type": "string", "minLength": 10, "maxLength": 240}},
    "required": ["question"],
    "additionalProperties": False,
}


def pair_query(profile: PairProfile) -> str:
    """What the pair is about, for ranking templates: goals, focus and the last sessions."""
    recent = sorted(profile.history, key=lambda h: h.number)[-HISTORY_LINES:]
    parts = [g.text for g in profile.goals] + [profile.session.focus]
    return " ".join(p for p in [*parts, *(h.summary for h in recent)] if p.strip())


def pair_lines(profile: PairProfile) -> str:
    """The pair as the adapting prompt shows it: names, roles, departments, goals, focus and
    the last session, without what was said in confidence (``shareable``). Generations are
    left out: a question must never rest on one."""

    def who(person: Person) -> str:
        return ", ".join(p for p in (person.name, person.role, person.department) if p)

    lines = [f"Junior mentor: {who(profile.mentor)}", f"Senior mentee: {who(profile.mentee)}"]
    lines += [f"Goal: {g.text}" for g in profile.goals]
    if profile.session.focus.strip():
        lines.append(f"Focus of the next session: {profile.session.focus.strip()}")
    done = [h for h in profile.history if h.summary.strip()]
    if done:
        last = max(done, key=lambda h: h.number)
        said = shareable(" ".join(last.summary.split()))  # nothing said in confidence
        lines.append(f"Last session: {trim_tokens(said, HISTORY_TOKENS)}")
    return "\n".join(lines)


def rationale(template: StarterTemplate) -> str:
    """The template's intent as a sentence."""
    intent = template.intent.strip().rstrip(".")
    return intent[:1].upper() + intent[1:] + "."


class LibraryStarters:
    """Writes a ``StarterSet`` for a pair; never fails because of the model."""

    def __init__(
        self,
        library: Library,
        embed: Embed,
        fetch: Callable[[list[str]], list[Passage]],
        model: Callable[[], BaseChatModel],
        prompt: Prompt,
        repair: Prompt,
        options: dict[str, Any],
        model_name: Callable[[], str],
        adapt: bool = True,
    ) -> None:
        self.library = library
        self.embed = embed
        self.fetch = fetch
        self.model = model
        self.prompt = prompt
        self.repair = repair
        self.options = options
        self.model_name = model_name
        self.adapt_each = adapt  # False: every starter is its filled template, no model call
        self._vectors: dict[str, np.ndarray] = {}

    # -- choosing ---------------------------------------------------------------------------
    def _template_vectors(self) -> dict[str, np.ndarray]:
        if not self._vectors:
            texts = [f"{t.text} {t.intent} {' '.join(t.tags)}" for t in self.library.starters]
            vectors = self.embed(texts)
            self._vectors = {t.id: v for t, v in zip(self.library.starters, vectors, strict=True)}
        return self._vectors

    def chosen(self, profile: PairProfile) -> list[StarterTemplate]:
        """The library templates for this pair's next session."""
        query = pair_query(profile)
        relevance: dict[str, float] = {}
        if query:
            target = self.embed([query])[0]
            relevance = {i: float(v @ target) for i, v in self._template_vectors().items()}
        usable = subjects(profile, TOO_LONG)
        first = usable[0] if usable else ""
        templates = [t for t in self.library.starters if fits_pair(t, profile)]
        relevance = with_focus_tags(relevance, templates, profile)
        return choose(templates, profile.phase, relevance, profile.given_starters,
                      phrase_kind(first) if first else None, len(first.split()),
                      bool(session_topic(profile)), fillable(profile) | fillable_focus(profile),
                      focus_is_activity(profile))  # fmt: skip

    # -- adapting ---------------------------------------------------------------------------
    def _ask(self, messages: list, usage: Usage, warmer: bool) -> str | None:
        """The model's question, or None when its reply was no valid JSON even after repair."""
        draft = ask_draft(self.model(), AdaptedStarter, self.repair, self.options, messages,
                          usage, warmer)  # fmt: skip
        return None if draft is None else " ".join(draft.question.split())

    def adapt(
        self, template: StarterTemplate, profile: PairProfile, subject: str, usage: Usage,
        fixes: list[str],
    ) -> str:  # fmt: skip
        """The adapted question, or the filled template when two adaptations fail the checks."""
        filled = fill(template, profile, subject)
        asker = profile.person(template.asked_by)
        other = profile.mentee if template.asked_by == "mentor" else profile.mentor
        system, user = self.prompt.render(
            pair=pair_lines(profile), subject=subject, asker=asker.first_name,
            other=other.first_name, intent=template.intent, question=filled,
        )  # fmt: skip
        messages = [SystemMessage(system), HumanMessage(user)]
        reasons: list[str] = []
        for warmer in (False, True):
            text = self._ask(messages, usage, warmer)
            if text is None:
                reasons = ["no valid reply"]
            else:
                similarity = float(np.dot(*self.embed([text, filled])))
                reasons = adaptation_problems(text, filled, template.asked_by, profile,
                                              similarity, system, template.text)  # fmt: skip
            if text is not None and not reasons:
                return text
            fixes.append(f"starter {template.id}: {'; '.join(reasons)}"
                         + ("" if warmer else "; retried"))  # fmt: skip
        fixes.append(f"starter {template.id}: {FELL_BACK}")
        return filled

    # -- citing -----------------------------------------------------------------------------
    def cite(self, template: StarterTemplate, text: str) -> list[Passage]:
        """The opening passage of the guide section the template rests on, kept only when it is
        about the starter as written (``closest_cited``)."""
        return closest_cited(template.cites, text, self.fetch, self.embed)

    # -- the whole set ----------------------------------------------------------------------
    def run(
        self, profile: PairProfile, on_token: OnToken | None = None, on_item: OnItem | None = None
    ) -> StarterSet:
        """The starter set for ``profile``, with its provenance. ``on_item`` hears each starter
        as soon as it is written (the set's rules may still drop or reorder some)."""
        began = time.monotonic()
        usage, fixes, reason = Usage(), [], ""
        starters: list[Starter] = []
        passages: dict[str, Passage] = {}
        usable, turn, first = subjects(profile, TOO_LONG), 0, subject_of(profile)
        chosen = self.chosen(profile)
        for template in chosen:
            subject = first
            if SUBJECT in template.text:  # each goal in turn (``subject_in_turn``)
                subject = subject_in_turn(template, usable, turn) or first
                turn += 1
            text = fill(template, profile, subject)
            if not self.adapt_each or not SLOT.search(template.text):
                pass  # nothing general in it to fit to the pair: our wording, as written
            elif reason:
                fixes.append(f"starter {template.id}: {FELL_BACK}")
            else:
                try:
                    text = self.adapt(template, profile, subject, usage, fixes)
                except GenerationFailed as failed:
                    reason = failed.reason
                    fixes.append(f"starter {template.id}: {FELL_BACK} ({reason})")
            cited = self.cite(template, text)
            passages.update({p.id: p for p in cited})
            starters.append(Starter(
                text=text, category=template.category, rationale=rationale(template),
                asked_by=template.asked_by, depth=template.depth,
                citations=[p.id for p in cited], template=template.id,
            ))  # fmt: skip
            if on_token:
                on_token(usage.completion_tokens)
            if on_item:
                on_item(starters[-1])
        kept, rule_fixes = enforce(starters, set(passages), bank(profile))
        tried = sum(bool(SLOT.search(t.text)) for t in chosen) if self.adapt_each else 0
        if not reason and tried and sum(FELL_BACK in f for f in fixes) == tried:
            reason = "no adaptation passed the checks"  # the model changed nothing in the set
        cited = {c for k in kept for c in k.citations}
        meta = Provenance(
            prompt_id=self.prompt.id if self.adapt_each else "library",
            prompt_version=self.prompt.version if self.adapt_each else "templates",
            model=self.model_name() if self.adapt_each else "none (library templates)",
            citations=citation_refs(list(passages.values()), cited),
            prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
            attempts=usage.attempts, seconds=round(time.monotonic() - began, 3),
            first_token_seconds=usage.first_token_seconds,
            fallback=bool(reason), fallback_reason=reason, fixes=[*fixes, *rule_fixes],
        )  # fmt: skip
        return StarterSet(starters=kept, meta=meta)


MAX_TOKENS = 90  # one question of at most 35 words, in JSON


class LibraryStartersRecipe:
    """The registry's starters recipe: builds ``LibraryStarters`` from the services' tools."""

    prompt_id = "starter_adapt"

    def build(self, tools: RecipeTools) -> LibraryStarters:
        return LibraryStarters(
            library=tools.library(), embed=tools.embed, fetch=tools.fetch,
            model=lambda: tools.model(MAX_TOKENS), prompt=tools.prompt(self.prompt_id),
            repair=tools.prompt("repair"), options=tools.options(ADAPTED_SCHEMA, self.prompt_id),
            model_name=tools.model_name, adapt=tools.adapt_starters,
        )  # fmt: skip
