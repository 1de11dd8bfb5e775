"""Reflection summaries as narrow, checked steps.

1. Actions, owners and due dates by rules (``coach.domain.summary_actions``): the clause that
   states a commitment, its subject read against the pair, the deadline of that clause only.
2. Flags by stated definitions, precision first (``coach.domain.summary_flags``), then by a
   sentence classifier for kinds the cues missed (``coach.generation.flag_model``); every
   sentence that counted stays private: no takeaway, evidence or model step sees it.
3. Goal progress: the non-private sentence that best shows each goal moved, if any is close enough.
4. Takeaways: the sentences that say most about what was learned, rewritten together by the
   model as short points in other words, each matched to its sentence and checked
   (``coach.domain.takeaway_check``); a failed one is asked again alone, to be shortened,
   then the sentence's trimmed clause stands in.
5. Mutual benefit: one short model call on the non-private sentences, each side kept only when
   the sentence nearest it states that side's gain (``coach.domain.benefit_cues``); else that
   sentence itself, else "Not stated".

No guide passages go into any step: a summary holds only what the reflection says.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.benefit_cues import gain_line, gain_sentences
from coach.domain.found_action import FoundAction
from coach.domain.pair_owners import pair_names
from coach.domain.pairs import Side
from coach.domain.provenance import Provenance
from coach.domain.standalone import stands_alone
from coach.domain.summary_actions import find_actions
from coach.domain.summary_draft import (
    NOT_STATED,
    MutualBenefit,
    ReflectionSummary,
    Span,
    SummaryAction,
    SummaryRequest,
    Takeaway,
    ground,
    span_of,
)
from coach.domain.summary_flags import flagged_sentences
from coach.domain.takeaway_check import (
    LISTED,
    takeaway_problems,
    unlabelled,
)
from coach.domain.takeaway_pool import point_sentences
from coach.domain.takeaway_rank import LEARNED, LEARNED_LABEL, specific
from coach.domain.takeaway_trim import trimmed
from coach.domain.wording import Sentence, content_words, sentences
from coach.generation.action_model import ActionModel, with_model
from coach.generation.flag_model import FlagModel, raised_flags
from coach.generation.goal_model import GoalModel
from coach.generation.meaning import Meaning
from coach.generation.narrow_call import ask_draft
from coach.generation.pipeline import RecipeTools
from coach.generation.prompts import Prompt
from coach.generation.sentiment_model import SentimentModel, read_tone
from coach.generation.structured import GenerationFailed, OnToken, Usage
from coach.generation.summary_goals import goal_progress
from coach.generation.summary_referents import named_referents
from coach.generation.summary_wordings import (
    BENEFIT_CHARS,
    BENEFIT_SCHEMA,
    REFERENT_SCHEMA,
    TAKEAWAY_SCHEMA,
    BenefitWording,
    ReferentWording,
    TakeawayWording,
    takeaway_count,
)

# A yes/no model check of borderline goal evidence was tried and turned down true progress
# (docs/evals.md); the choice is made in code (coach.generation.summary_goals).
# Readers of summary-9ab preferred a sentence's own clause to a shortening that changed the
# fact: a second try must also be this close in meaning (MiniLM cosine) to be kept.
SHORTENED_SIMILARITY = 0.8
MIN_BENEFIT_WORDS = 3  # content words in a mutual-benefit line
MIN_TAKEAWAY_WORDS = 8  # a shorter sentence is an aside, or too short to say in other words
TRIMMED = "kept the sentence's trimmed clause"


def shown_action(found: FoundAction) -> SummaryAction:
    """A found action as the summary shows it, with its clause as its span."""
    clause = found.clause
    span = Span(start=clause.start, end=clause.end, quote=clause.text)
    return SummaryAction(text=found.text, owner=found.owner, due=found.due or None, span=span)


def rule_parts(
    request: SummaryRequest, found: list[Sentence], action_model: ActionModel | None = None,
    meaning: Meaning | None = None,
) -> tuple[list[SummaryAction], set[int], set[int]]:  # fmt: skip
    """The actions by rules (read with ``action_model`` when given, ``coach.generation.
    action_model``), the starts of the private sentences (every flag cue's sentence, not one)
    and the numbers of the sentences that state an action."""
    private = {s.start for s in flagged_sentences(found, request.author)}
    found_actions = find_actions(request.reflection, request.profile, request.author)
    if action_model is not None and meaning is not None:
        found_actions = with_model(found_actions, found, request.reflection, request.profile,
                                   request.author, action_model, meaning, private)  # fmt: skip
    actions = [shown_action(a) for a in found_actions]
    in_actions = {s.number for s in found for a in actions if s.start <= a.span.start < s.end}
    return actions, private, in_actions


class NarrowSummary:
    """Writes a ``ReflectionSummary``; never fails because of the model."""

    def __init__(
        self,
        embed: Callable[[list[str]], np.ndarray],
        model: Callable[[int], BaseChatModel],
        prompts: dict[str, Prompt],
        repair: Prompt,
        options: Callable[[dict[str, Any], str], dict[str, Any]],
        model_name: Callable[[], str],
        flag_model: FlagModel | None = None,
        goal_model: GoalModel | None = None,
        action_model: ActionModel | None = None,
        sentiment_model: SentimentModel | None = None,
    ) -> None:
        self.embed = embed
        self.action_model = action_model
        self.sentiment_model = sentiment_model
        self.flag_model = flag_model
        self.goal_model = goal_model
        self.model = model
        self.prompts = prompts
        self.repair = repair
        self.options = options
        self.model_name = model_name
        # A reflection is already saved: its summary is worth a short wait while the model
        # server restarts or sheds load (refused, HTTP 429/5xx), before the rule-built parts.
        self.retry_delays: tuple[float, ...] = (1.0, 3.0)
        self.sleep: Callable[[float], None] = time.sleep

    def _ask(self, name: str, draft: type, schema: dict[str, Any], tokens: int,
             messages: list, usage: Usage) -> Any:  # fmt: skip
        return ask_draft(self.model(tokens), draft, self.repair, self.options(schema, name),
                         messages, usage, retry_delays=self.retry_delays,
                         sleep=self.sleep)  # fmt: skip

    # -- takeaways --------------------------------------------------------------------------
    def candidates(
        self, request: SummaryRequest, found: list[Sentence], taken: set[int], meaning: Meaning,
        shown: set[int] | None = None,
    ) -> list[Sentence]:  # fmt: skip
        """The sentences most about what was learned, in text order: the reflection form's
        "What I learned" and "What surprised me" answers first, then sentences near the goals,
        saying what was learned, or holding a number or someone's own words (shorter ones when
        the notes have few long ones). Never the session's header line, or irony (reworded, it
        reads as meant; ``coach.domain.takeaway_pool``). ``taken``: sentences that are never
        takeaways (actions, private ones); ``shown``: sentences another field quotes (goal
        evidence), taken only when too few others are left, so that the takeaways say something
        the summary does not already say."""
        free = point_sentences(found, taken)
        asked = [s for s in free if LEARNED_LABEL.match(s.text)]
        long = [s for s in free if len(s.text.split()) >= MIN_TAKEAWAY_WORDS]
        if len(long) < 2:
            long = [s for s in free if len(s.text.split()) >= MIN_TAKEAWAY_WORDS // 2]
        pool = list(dict.fromkeys([*asked, *long]))
        if not pool:
            return []
        goals = [g.text for g in request.profile.goals]
        vectors = meaning(goals + [s.text for s in pool])
        near = (vectors[len(goals) :] @ vectors[: len(goals)].T).max(axis=1) if goals else None
        scores = [
            (1.0 if s in asked else 0.0) + (0.3 if LEARNED.search(s.text) else 0.0)
            + (float(near[i]) if near is not None else 0.0) + specific(s.text)
            for i, s in enumerate(pool)
        ]  # fmt: skip
        again = shown or set()
        ranked = sorted(range(len(pool)), key=lambda i: (pool[i].number in again, -scores[i]))
        ranked = ranked[: takeaway_count(len(found))]
        return sorted((pool[i] for i in ranked), key=lambda s: s.number)

    def takeaways(
        self, chosen: list[Sentence], request: SummaryRequest, usage: Usage, fixes: list[str],
        meaning: Meaning,
    ) -> list[Takeaway]:  # fmt: skip
        """Each chosen sentence as a short point in other words (all in one call, a failed one
        asked again alone, to be shortened), else its trimmed clause."""
        if not chosen:
            return []
        prompt = self.prompts["summary_takeaway"]
        numbered = "\n".join(f"{i}. {unlabelled(s.text)}" for i, s in enumerate(chosen, 1))
        system, user = prompt.render(sentences=numbered)
        messages = [SystemMessage(system), HumanMessage(user)]
        reply = self._ask("summary_takeaway", TakeawayWording, TAKEAWAY_SCHEMA,
                          40 * len(chosen), messages, usage)  # fmt: skip
        written = [LISTED.sub("", " ".join(t.split())) for t in (reply.takeaways if reply else [])
                   if t.strip(" -*•")]  # fmt: skip
        out = []
        for sentence in chosen:
            text, reasons = self._best_fit(written, sentence, request, system, meaning)
            if reasons:
                fixes.append(f"takeaway {sentence.number} {text!r}: {'; '.join(reasons)}; retried")
                text = self._retry(sentence, request, usage, fixes, meaning)
            elif text in written:
                written.remove(text)
            if text:
                out.append(Takeaway(text=text, span=span_of(sentence)))
        return out

    def _best_fit(
        self, written: list[str], sentence: Sentence, request: SummaryRequest, system: str,
        meaning: Meaning, closeness: float = 0.0,
    ) -> tuple[str, list[str]]:  # fmt: skip
        """The written takeaway that fits ``sentence`` (the model may reorder, merge or split
        them), with no problems and at least ``closeness`` cosine from it; else the closest one
        and its problems."""
        if not written:
            return "", ["no reply for it"]
        vectors = meaning([sentence.text, *written])
        near = vectors[1:] @ vectors[0]
        tried = []
        people = (request.author, pair_names(request.profile))
        for i in np.argsort(-near):
            text = written[int(i)]
            reasons = takeaway_problems(text, sentence.text, request.reflection, system,
                                        float(near[i]), people=people)  # fmt: skip
            if alone := stands_alone(text):
                reasons.append(alone)
            if not reasons and near[i] < closeness:
                reasons = ["not close enough in meaning to the sentence for a second try"]
            if not reasons:
                return text, []
            tried.append((text, reasons))
        return tried[0]

    def _retry(self, sentence: Sentence, request: SummaryRequest, usage: Usage,
               fixes: list[str], meaning: Meaning) -> str:  # fmt: skip
        """``sentence`` shortened by a second prompt, asked alone (told its faults, the model
        wrote "The sentence does not contain the word …"), kept when it passes the checks and is
        ``SHORTENED_SIMILARITY`` close; else its trimmed clause, or ``""`` when that clause
        says nothing read on its own (``stands_alone``)."""
        system, user = self.prompts["summary_shorten"].render(sentence=unlabelled(sentence.text))
        reply = self._ask("summary_shorten", TakeawayWording, TAKEAWAY_SCHEMA, 40,
                          [SystemMessage(system), HumanMessage(user)], usage)  # fmt: skip
        again = " ".join(reply.takeaways[0].split()) if reply and reply.takeaways else ""
        _, problems = self._best_fit([again] if again else [], sentence, request, system, meaning,
                                     SHORTENED_SIMILARITY)  # fmt: skip
        if not problems:
            return again
        fixes.append(f"takeaway {sentence.number} {again!r}: {'; '.join(problems)}; {TRIMMED}")
        kept = trimmed(sentence.text)
        return "" if stands_alone(kept) else kept

    def referents(
        self, actions: list[SummaryAction], request: SummaryRequest, found: list[Sentence],
        private: set[int], usage: Usage, fixes: list[str],
    ) -> list[SummaryAction]:  # fmt: skip
        """Each action that names its object only by a pronoun, with what it stands for
        (``coach.generation.summary_referents``)."""

        def ask(system: str, user: str) -> ReferentWording | None:
            return self._ask("summary_referent", ReferentWording, REFERENT_SCHEMA, 30,
                             [SystemMessage(system), HumanMessage(user)], usage)  # fmt: skip

        names = content_words(" ".join(pair_names(request.profile)))
        return named_referents(actions, request.reflection, found, private, names,
                               self.prompts["summary_referent"], ask, fixes)  # fmt: skip

    # -- mutual benefit ---------------------------------------------------------------------
    def benefit(
        self, request: SummaryRequest, found: list[Sentence], usage: Usage, fixes: list[str],
        meaning: Meaning,
    ) -> MutualBenefit:  # fmt: skip
        """What each side gained, from ``found``: the sentences that are not private (flag
        evidence is never shown to this step). The model's line for a side is kept only when
        the sentence nearest it says what that side gained (``coach.domain.benefit_cues``): the
        summary-6 reviewer's most frequent fault was a gain invented or given to the wrong
        person. Else that sentence itself, else "Not stated"."""
        if not found:
            return MutualBenefit()
        system, user = self.prompts["summary_benefit"].render(
            author=request.author, reflection="\n".join(s.text for s in found)
        )
        wording = self._ask("summary_benefit", BenefitWording, BENEFIT_SCHEMA, 80,
                            [SystemMessage(system), HumanMessage(user)], usage)  # fmt: skip
        lines = {}
        people = (request.author, pair_names(request.profile))
        said = gain_sentences(found, *people)
        for side in Side:
            raw = getattr(wording, side.value) if wording else ""
            text = " ".join(raw.split())
            if text and found:
                vectors = meaning([text] + [s.text for s in found])
                near = vectors[1:] @ vectors[0]
                best = int(np.argmax(near))
                reasons = takeaway_problems(text, found[best].text, request.reflection, system,
                                            float(near[best]), verbatim_ok=True,
                                            people=people)  # fmt: skip
                if len(content_words(text)) < MIN_BENEFIT_WORDS:  # "Fatima": a name, no gain
                    reasons = [*reasons, "does not say what was gained"]
                if len(raw) >= BENEFIT_CHARS:  # stopped by the length limit mid-thought
                    reasons = [*reasons, "cut off at the length limit"]
                if found[best] not in said.get(side.value, []):  # precision first (summary-6)
                    reasons = [*reasons, f"no sentence says the {side.value} gained it"]
                if reasons:
                    fixes.append(f"mutual benefit ({side.value}) {text!r}: {'; '.join(reasons)}")
                    text = ""
            if not text and side.value in said:  # the sentence that says it, in its words
                text = gain_line(said[side.value][0].text)
                fixes.append(f"mutual benefit ({side.value}): took the sentence that states it")
            lines[side.value] = text or NOT_STATED
        return MutualBenefit(**lines)

    # -- the whole summary ------------------------------------------------------------------
    def run(self, request: SummaryRequest, on_token: OnToken | None = None) -> ReflectionSummary:
        """The summary of ``request``'s reflection, with its provenance."""
        began = time.monotonic()
        usage, fixes, reason = Usage(), [], ""
        text = request.reflection
        found = sentences(text)
        meaning = Meaning(self.embed)
        actions, private, in_actions = rule_parts(request, found, self.action_model, meaning)
        flags, kept = raised_flags(found, request.author, self.flag_model, meaning)
        private |= kept
        try:  # after every flag is known: no private sentence may name a pronoun's referent
            actions = self.referents(actions, request, found, private, usage, fixes)
        except GenerationFailed as failed:  # the actions as written, and the takeaways may try
            fixes.append(f"actions: pronouns left as written ({failed.reason})")
        taken = in_actions | {s.number for s in found if s.start in private}
        progress = goal_progress(request, found, private, meaning, in_actions, self.goal_model)
        shown = {s.number for s in found for g in progress if s.start <= g.span.start < s.end}
        chosen = self.candidates(request, found, taken, meaning, shown)
        try:
            takeaways = self.takeaways(chosen, request, usage, fixes, meaning)
        except GenerationFailed as failed:
            reason = failed.reason
            takeaways = [Takeaway(text=trimmed(s.text), span=span_of(s)) for s in chosen]
        benefit = MutualBenefit()
        if not reason:  # a server that failed for the takeaways is not asked again
            try:
                shareable = [s for s in found if s.start not in private]
                benefit = self.benefit(request, shareable, usage, fixes, meaning)
            except GenerationFailed as failed:
                fixes.append(f"mutual benefit: not stated ({failed.reason})")
        if not reason and chosen and sum(TRIMMED in f for f in fixes) == len(chosen):
            reason = "no takeaway the model wrote passed the checks"
        summary = ReflectionSummary(
            action_items=actions, goal_progress=progress, flags=flags,
            sentiment=read_tone(self.sentiment_model, found, len(flags), meaning),
        )  # fmt: skip
        grounded, rule_fixes = ground(summary, text, request.profile.goal_ids)
        # The takeaways and benefit lines passed their own, stricter checks (a paraphrase shares
        # fewer words with its sentence than ``ground`` asks of a claim); neither comes from a
        # private sentence.
        grounded.key_takeaways = takeaways
        grounded.mutual_benefit = benefit
        grounded.meta = Provenance(
            prompt_id="summary_takeaway",
            prompt_version=self.prompts["summary_takeaway"].version,
            model=self.model_name(), prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens, attempts=usage.attempts,
            seconds=round(time.monotonic() - began, 3),
            first_token_seconds=usage.first_token_seconds, fallback=bool(reason),
            fallback_reason=reason, fixes=[*fixes, *rule_fixes],
        )  # fmt: skip
        return grounded


class NarrowSummaryRecipe:
    """The registry's summary recipe: builds ``NarrowSummary`` from the services' tools."""

    prompt_id = "summary_takeaway"
    steps = ("summary_takeaway", "summary_shorten", "summary_benefit", "summary_referent")

    def build(self, tools: RecipeTools) -> NarrowSummary:
        return NarrowSummary(
            embed=tools.embed, model=tools.model,
            prompts={name: tools.prompt(name) for name in self.steps},
            repair=tools.prompt("repair"), options=tools.options, model_name=tools.model_name,
            flag_model=tools.flag_model(), goal_model=tools.goal_model(),
            action_model=tools.action_model(), sentiment_model=tools.sentiment_model(),
        )  # fmt: skip
