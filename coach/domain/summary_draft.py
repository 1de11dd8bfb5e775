"""Reflection summaries: structure, grounding in the reflection's own words, private flags.

Every takeaway and action item keeps the span of the reflection that supports it. ``ground``
removes what the text does not support: spans that do not match, names, dates and numbers the
reflection never mentions, and due dates it never states. Flags are coaching signals for the
author only; ``shareable_text`` leaves them out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from coach.domain.pair_profile import PairProfile
from coach.domain.pairs import Side
from coach.domain.provenance import Provenance
from coach.domain.wording import Sentence, invented, jaccard, overlap

FlagKind = Literal["power_imbalance", "tokenism", "one_sided_benefit"]
Sentiment = Literal["positive", "mixed", "negative", "neutral"]
ActionOwner = Literal["mentor", "mentee", "both", "unknown"]


@dataclass(frozen=True)
class SummaryRequest:
    """A reflection to summarise, by one side of a pair."""

    profile: PairProfile
    reflection: str
    author: str = "mentor"


NOT_STATED = "Not stated in the reflection."
# A claim must share at least this share of its content words with the text that supports it.
MIN_SUPPORT = 0.5
PLACEHOLDER = re.compile(
    r"power_imbalance|tokenism|one_sided_benefit|^(unknown|none|n/?a|not stated)\.?$", re.I
)

FLAG_CUES: dict[FlagKind, re.Pattern[str]] = {
    "power_imbalance": re.compile(
        r"talk(ed|s|ing)? over|interrupt|cut me off|let me finish|get a word in|dismiss|"
        r"pull(ed)? rank|just nodded|afraid to (challenge|disagree|push)|scared to|"
        r"didn'?t feel (able|safe)|wouldn'?t listen|brushed (it|me) off|lectur",
        re.I,
    ),
    "tokenism": re.compile(
        r"tick[- ]?box|box[- ]ticking|photo[- ]?op|for show|for the newsletter|optics|"
        r"pr exercise|cancel+ed (again|twice|three)|resched\w* (again|twice)|perfunctor|"
        r"on (his|her|their) phone|going through the motions|for appearances",
        re.I,
    ),
    "one_sided_benefit": re.compile(
        r"not getting anything|what'?s in it for me|get nothing|free consult|"
        r"doing (his|her|their) (job|homework)|feel(ing)? used|one[- ]way street|"
        r"only (he|she|they) (gets?|benefits?)|nothing for me",
        re.I,
    ),
}


class Span(BaseModel):
    """Characters ``start``..``end`` of the reflection, and the text found there."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str


class Takeaway(BaseModel):
    text: str
    span: Span


class SummaryAction(BaseModel):
    text: str
    owner: ActionOwner = "unknown"
    due: str | None = None
    span: Span


class GoalProgress(BaseModel):
    goal_id: str
    evidence: str
    span: Span
    goal: str = ""  # the goal's words from the pair file, shown instead of its id


class MutualBenefit(BaseModel):
    mentor: str = NOT_STATED
    mentee: str = NOT_STATED


class Flag(BaseModel):
    """A private coaching signal for the author; never shown to the lead."""

    kind: FlagKind
    evidence: str
    span: Span


class ReflectionSummary(BaseModel):
    """A summary of one reflection."""

    key_takeaways: list[Takeaway] = Field(default_factory=list)
    action_items: list[SummaryAction] = Field(default_factory=list)
    goal_progress: list[GoalProgress] = Field(default_factory=list)
    mutual_benefit: MutualBenefit = Field(default_factory=MutualBenefit)
    flags: list[Flag] = Field(default_factory=list)
    sentiment: Sentiment = "neutral"
    meta: Provenance | None = None


def span_of(sentence: Sentence) -> Span:
    return Span(start=sentence.start, end=sentence.end, quote=sentence.text)


def span_ok(span: Span, text: str) -> bool:
    """True when the span points at exactly its quote in ``text``."""
    return 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.quote


def cue_flags(sentences: Iterable[Sentence]) -> list[Flag]:
    """Flags found by the cue phrases, one per kind, with the first sentence that shows it."""
    flags: list[Flag] = []
    for kind, pattern in FLAG_CUES.items():
        hit = next((s for s in sentences if pattern.search(s.text)), None)
        if hit is not None:
            flags.append(Flag(kind=kind, evidence=hit.text, span=span_of(hit)))
    return flags


def ground(
    summary: ReflectionSummary, reflection: str, goal_ids: Iterable[str]
) -> tuple[ReflectionSummary, list[str]]:
    """Keep only what the reflection supports; returns the summary and a note per fix."""
    fixes: list[str] = []
    goals = set(goal_ids)

    def faithful(text: str, span: Span, what: str) -> str:
        extra = invented(text, reflection)
        if extra:
            fixes.append(f"replaced a {what} that added {', '.join(sorted(extra))}")
            return span.quote
        if overlap(text, span.quote) < MIN_SUPPORT:
            fixes.append(f"replaced a {what} its sentence does not support with that sentence")
            return span.quote
        return text

    takeaways: list[Takeaway] = []
    for item in summary.key_takeaways:
        if not span_ok(item.span, reflection):
            fixes.append("dropped a takeaway without a matching span")
            continue
        item = item.model_copy(update={"text": faithful(item.text, item.span, "takeaway")})
        if any(t.span == item.span or jaccard(item.text, t.text) >= 0.7 for t in takeaways):
            continue  # one takeaway per supporting sentence
        takeaways.append(item)
    actions: list[SummaryAction] = []
    for item in summary.action_items:
        if not span_ok(item.span, reflection):
            fixes.append("dropped an action item without a matching span")
            continue
        due = item.due if item.due and item.due.lower() in reflection.lower() else None
        if item.due and due is None:
            fixes.append(f"removed a due date the reflection does not state ({item.due})")
        text = faithful(item.text, item.span, "action item")
        actions.append(item.model_copy(update={"text": text, "due": due}))
    progress = [
        g for g in summary.goal_progress if g.goal_id in goals and span_ok(g.span, reflection)
    ]
    if len(progress) != len(summary.goal_progress):
        fixes.append("dropped goal progress for unknown goals or without evidence")
    benefit = MutualBenefit(
        mentor=_stated(summary.mutual_benefit.mentor, reflection, fixes),
        mentee=_stated(summary.mutual_benefit.mentee, reflection, fixes),
    )
    flags = [f for f in summary.flags if span_ok(f.span, reflection)]
    # Flag evidence is a private coaching signal: the shareable parts never quote it.
    private = {(f.span.start, f.span.end) for f in flags}
    kept = [t for t in takeaways if (t.span.start, t.span.end) not in private]
    if len(kept) != len(takeaways):
        fixes.append("left out takeaways that quote a flagged sentence (flags stay private)")
    takeaways = kept
    grounded = summary.model_copy(
        update={
            "key_takeaways": takeaways,
            "action_items": actions,
            "goal_progress": progress,
            "mutual_benefit": benefit,
            "flags": flags,
        }
    )
    return grounded, fixes


def _stated(text: str, reflection: str, fixes: list[str]) -> str:
    text = (text or "").strip()
    if not text or text == NOT_STATED:
        return NOT_STATED
    if invented(text, reflection):
        fixes.append("replaced a mutual-benefit line that added names or numbers")
        return NOT_STATED
    if PLACEHOLDER.search(text) or overlap(text, reflection) < MIN_SUPPORT:
        fixes.append("replaced a mutual-benefit line the reflection does not support")
        return NOT_STATED
    return text


def violations(summary: ReflectionSummary, reflection: str, goal_ids: Iterable[str]) -> list[str]:
    """Every broken rule, in words; empty when the summary is grounded."""
    goals = set(goal_ids)
    problems = []
    spanned = [
        *(("takeaway", t.text, t.span) for t in summary.key_takeaways),
        *(("action item", a.text, a.span) for a in summary.action_items),
        *(("goal progress", g.evidence, g.span) for g in summary.goal_progress),
        *(("flag", f.evidence, f.span) for f in summary.flags),
    ]
    for what, text, span in spanned:
        if not span_ok(span, reflection):
            problems.append(f"{what} span does not match the reflection: {text[:50]}")
        extra = invented(text, reflection)
        if extra:
            problems.append(f"{what} invents {', '.join(sorted(extra))}")
    for action in summary.action_items:
        if action.due and action.due.lower() not in reflection.lower():
            problems.append(f"action due date not in the reflection: {action.due}")
    for goal in summary.goal_progress:
        if goal.goal_id not in goals:
            problems.append(f"unknown goal id {goal.goal_id}")
    for side in Side:
        extra = invented(getattr(summary.mutual_benefit, side), reflection)
        if extra:
            problems.append(f"mutual benefit ({side}) invents {', '.join(sorted(extra))}")
    return problems


def shareable_text(summary: ReflectionSummary) -> str:
    """The summary as text the author may share: never the private flags."""
    lines = ["Key takeaways:"]
    lines += [f"- {t.text}" for t in summary.key_takeaways] or ["- (none)"]
    if summary.action_items:
        lines += ["", "Action items:"]
        for a in summary.action_items:
            due = f", due {a.due}" if a.due else ""
            lines.append(f"- {a.text} ({a.owner}{due})")
    if summary.goal_progress:
        lines += ["", "Goal progress:"]
        lines += [f"- {g.goal or g.goal_id}: {g.evidence}" for g in summary.goal_progress]
    lines += [
        "",
        "Mutual benefit:",
        f"- Mentor gained: {summary.mutual_benefit.mentor}",
        f"- Mentee gained: {summary.mutual_benefit.mentee}",
    ]
    return "\n".join(lines)
