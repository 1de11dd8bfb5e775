"""The reflection-summary recipe: numbered sentences in, spans and grounded claims out.

Summaries are grounded in the reflection and the pair's goals only. No guide passages go into
the prompt: a summary must not import facts the reflection does not contain.
"""

from __future__ import annotations

import re
from typing import Any

from coach.domain.irony import SARCASM
from coach.domain.knowledge import Passage
from coach.domain.pairs import Side
from coach.domain.summary_draft import (
    NOT_STATED,
    Flag,
    GoalProgress,
    MutualBenefit,
    ReflectionSummary,
    Sentiment,
    SummaryAction,
    SummaryRequest,
    Takeaway,
    cue_flags,
    ground,
    span_of,
)
from coach.domain.wording import Sentence, overlap, sentences
from coach.generation.drafts import SummaryDraft, json_schema
from coach.generation.pipeline import Query

LEARNED = re.compile(
    r"\b(learn|realis|realiz|notic|surpris|landed|understood|struck|discover)", re.I
)
ACTION = re.compile(
    r"\b(will|going to|i'?ll|we'?ll|agreed to|plan to|promised|next time|"
    r"by (mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)
POSITIVE = re.compile(
    r"\b(great|good|enjoy|glad|excit|useful|helpful|landed|progress|better|agreed|proud|"
    r"pleased|happy|thank|amazing|less scary|best|laughed|cleverer|impress|an education|"
    r"signed it off|approved|worth it|loved?|productive|promising|valuable|grateful|appreciat|"
    r"encourag|brilliant|excellent|lovely|chuffed|gracious|generous|welcome|felt heard|"
    r"listened|in a good way|a win\b)",
    re.I,
)
NEGATIVE = re.compile(
    r"\b(frustrat|deflat|awkward|annoy|disappoint|dismiss|cancel|worr|hard|talked over|resent|"
    r"fed up|waste|ignor|pointless|interrupt|dominat|lectur|patronis|sidelin|talked at|"
    r"embarrass|poor form|let down|no point|not much point|uncomfortabl|upset|regret|"
    r"unfortunately|apolog|stop expecting|not sure what I)",
    re.I,
)
FLAG_WEIGHT = 2  # a raised flag counts as two sentences against the session
MOSTLY = 0.6  # the share of feeling sentences one way that makes the session that way


def numbered(text: str) -> tuple[str, list[Sentence]]:
    found = sentences(text)
    return "\n".join(f"[{s.number}] {s.text}" for s in found), found


def _owner(text: str, author: str) -> str:
    lowered = f" {text.lower()} "
    if " we " in lowered or " both " in lowered:
        return "both"
    if re.search(r"\b(i|i'll|i'm|my)\b", lowered):
        return author
    if re.search(r"\b(he|she|they|him|her)\b", lowered):
        return Side(author).other.value
    return "unknown"


class SummaryRecipe:
    """Post-session reflection summaries."""

    prompt_id = "summary"
    draft_type = SummaryDraft
    # A reflection is already saved; its summary is worth a short wait while the model server
    # restarts or sheds load (connection refused, HTTP 429/5xx), before the rule-built draft.
    retry_delays = (1.0, 3.0)

    def queries(self, request: SummaryRequest) -> list[Query]:
        return []

    def pair_id(self, request: SummaryRequest) -> str | None:
        return request.profile.id

    def variables(self, request: SummaryRequest, context: str) -> dict[str, str]:
        p = request.profile
        goals = "\n".join(f"- {g.id}: {g.text}" for g in p.goals) or "- (none)"
        text, _ = numbered(request.reflection)
        author = p.person(request.author)
        return {
            "author": f"{request.author} ({author.describe()})",
            "goals": goals,
            "reflection": text,
        }

    def schema(self, request: SummaryRequest) -> dict[str, Any]:
        return json_schema(self.draft_type)

    def finish(
        self, draft: SummaryDraft, request: SummaryRequest, passages: list[Passage]
    ) -> tuple[ReflectionSummary, list[str]]:
        found = sentences(request.reflection)
        at = {s.number: s for s in found}
        goals = {g.id: g.text for g in request.profile.goals}
        summary = ReflectionSummary(
            key_takeaways=[
                Takeaway(text=t.text.strip(), span=span_of(at[t.sentence]))
                for t in draft.key_takeaways
                if t.sentence in at and t.text.strip()
            ],
            action_items=[
                SummaryAction(
                    text=a.text.strip(),
                    owner=a.owner,
                    due=a.due.strip() or None,
                    span=span_of(at[a.sentence]),
                )  # fmt: skip
                for a in draft.action_items
                if a.sentence in at and a.text.strip()
            ],
            goal_progress=[
                GoalProgress(
                    goal_id=g.goal_id, evidence=at[g.sentence].text, span=span_of(at[g.sentence])
                )  # fmt: skip
                for g in draft.goal_progress
                if g.sentence in at and related(goals.get(g.goal_id, ""), at[g.sentence].text)
            ],
            mutual_benefit=MutualBenefit(
                mentor=draft.mutual_benefit.mentor or NOT_STATED,
                mentee=draft.mutual_benefit.mentee or NOT_STATED,
            ),
            flags=_merge_flags(
                [
                    Flag(kind=f.kind, evidence=at[f.sentence].text, span=span_of(at[f.sentence]))
                    for f in draft.flags
                    if f.sentence in at
                ],
                cue_flags(found),
            ),
            sentiment=draft.sentiment,
        )
        return _keep_a_takeaway(
            *ground(summary, request.reflection, request.profile.goal_ids), found
        )

    def fallback(
        self, request: SummaryRequest, passages: list[Passage]
    ) -> tuple[ReflectionSummary, list[str]]:
        found = sentences(request.reflection)
        learned = _learned(found)
        actions = [s for s in found if ACTION.search(s.text)]
        progress = []
        for goal in request.profile.goals:
            best = max(found, key=lambda s: overlap(goal.text, s.text), default=None)
            if best is not None and overlap(goal.text, best.text) >= 0.3:
                progress.append(
                    GoalProgress(goal_id=goal.id, evidence=best.text, span=span_of(best))
                )
        summary = ReflectionSummary(
            key_takeaways=[Takeaway(text=s.text, span=span_of(s)) for s in learned[:4]],
            action_items=[
                SummaryAction(text=s.text, owner=_owner(s.text, request.author), span=span_of(s))
                for s in actions[:4]
            ],
            goal_progress=progress,
            flags=cue_flags(found),
            sentiment=sentiment_of(found),
        )
        return _keep_a_takeaway(
            *ground(summary, request.reflection, request.profile.goal_ids), found
        )


def feeling_counts(found: list[Sentence]) -> tuple[int, int]:
    """How many sentences carry a positive and how many a negative feeling word; an ironic
    sentence counts as negative (its "great" does not count for the session)."""
    ironic = [bool(SARCASM.search(s.text.strip())) for s in found]
    pos = sum(bool(POSITIVE.search(s.text)) and not i for s, i in zip(found, ironic, strict=True))
    neg = sum(bool(NEGATIVE.search(s.text)) or i for s, i in zip(found, ironic, strict=True))
    return pos, neg


def sentiment_of(found: list[Sentence], flags: int = 0) -> Sentiment:
    """Positive, negative, mixed or neutral, by the words of the sentences: the share of
    positive sentences among all that carry feeling (``feeling_counts``), where each raised
    flag (a power imbalance, tokenism, a one-sided benefit) counts as two against it. Read
    against 164 labelled reflections (``evals/datasets/sentiment_gold.jsonl``; docs/evals.md).
    The summary uses it without a shipped sentiment model (``coach.generation.sentiment_model``)."""
    pos, neg = feeling_counts(found)
    neg += FLAG_WEIGHT * flags
    if not pos + neg:
        return "neutral"
    share = pos / (pos + neg)
    return "positive" if share >= MOSTLY else "negative" if share <= 1 - MOSTLY else "mixed"


def _learned(found: list[Sentence]) -> list[Sentence]:
    """The sentences that read as something learned, else the first two."""
    return [s for s in found if LEARNED.search(s.text)] or found[:2]


def _keep_a_takeaway(
    summary: ReflectionSummary, fixes: list[str], found: list[Sentence]
) -> tuple[ReflectionSummary, list[str]]:
    """A grounded summary whose takeaways were all dropped (most often because each quoted a
    flagged, private sentence) gets up to two unflagged sentences of the reflection instead."""
    if summary.key_takeaways:
        return summary, fixes
    private = {(f.span.start, f.span.end) for f in summary.flags}
    spare = _learned([s for s in found if (s.start, s.end) not in private])[:2]
    if not spare:
        return summary, fixes
    takeaways = [Takeaway(text=s.text, span=span_of(s)) for s in spare]
    fixes.append("no takeaway was left: took unflagged sentences of the reflection instead")
    return summary.model_copy(update={"key_takeaways": takeaways}), fixes


def related(goal: str, evidence: str) -> bool:
    """True when the evidence sentence shares at least one content word with the goal."""
    return overlap(goal, evidence) > 0


def _merge_flags(model: list[Flag], cues: list[Flag]) -> list[Flag]:
    """One flag per kind: the model's evidence first, then cue-phrase finds."""
    merged: dict[str, Flag] = {}
    for flag in [*model, *cues]:
        merged.setdefault(flag.kind, flag)
    return list(merged.values())
