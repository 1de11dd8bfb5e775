"""Field-level summary metrics against gold labels: actions, owners, dues, goals, verbatim.

The gold lives beside the cases (``reflections_gold.jsonl`` by id, or inline in a case, as in
``reflections_hard.jsonl``; ``evals/README.md``). A summary action matches a gold action when
their spans in the reflection overlap, else when its words mostly are the gold action's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.domain.summary_draft import NOT_STATED, GoalProgress, ReflectionSummary, SummaryAction
from coach.domain.takeaway_check import VERBATIM, copied_share, verbatim
from coach.domain.wording import folded, overlap, words

MATCH_WORDS = 0.5


@dataclass(frozen=True)
class GoldAction:
    text: str
    owner: str
    due: str
    span: str


@dataclass(frozen=True)
class Gold:
    """What a faithful summary of one reflection holds, field by field."""

    actions: list[GoldAction] = field(default_factory=list)
    optional: list[str] = field(default_factory=list)  # neither rewarded nor penalised
    goals: set[str] = field(default_factory=set)
    evidence: dict[str, str] = field(default_factory=dict)  # goal id -> the labelled words
    # goal id -> more sentences a reader accepts as its evidence (``goal_evidence.jsonl``)
    accepted: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentiment: str = ""  # how a reader reads the writer's feeling (``sentiment_gold.jsonl``)
    benefit: dict[str, str] = field(default_factory=dict)  # side -> what it gained, "" if unsaid
    # (sentence, takeaway) -> a reader's label ("faithful", "changed", …), both ``folded``
    # (``takeaway_faithfulness.jsonl``)
    read: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, row: dict[str, Any]) -> Gold:
        actions = [
            GoldAction(a["text"], a["owner"], a.get("due") or "", a.get("span") or a["text"])
            for a in row.get("actions") or []
        ]
        optional = [
            o if isinstance(o, str) else o.get("span") or o.get("text", "")
            for o in row.get("optional_actions") or []
        ]
        progress = row.get("goal_progress") or []
        goals = {g["goal_id"] for g in progress}
        evidence = {g["goal_id"]: g.get("evidence") or "" for g in progress}
        benefit = {side: str(line or "") for side, line in (row.get("benefit") or {}).items()}
        return cls(actions, optional, goals, evidence, benefit=benefit)


EVIDENCE_LABELS = "goal_evidence.jsonl"  # a reader's label of sentences against each goal
LabelKey = tuple[str, str, str]  # case id, goal id, sentence


def load_evidence_labels(path: Path) -> dict[LabelKey, str]:
    """(case id, goal id, sentence) -> the reader's label: "yes" (the sentence shows the goal
    moved), "topic" (only about it) or "no"; empty without the file."""
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]  # fmt: skip
    return {(str(r["id"]), r["goal_id"], r["sentence"].strip()): r["label"] for r in rows}


def load_accepted(path: Path) -> dict[str, dict[str, tuple[str, ...]]]:
    """Case id -> goal id -> the sentences labelled "yes" (they show that goal moved)."""
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for (case, goal, sentence), label in load_evidence_labels(path).items():
        if label == "yes":
            goals = out.setdefault(case, {})
            goals[goal] = (*goals.get(goal, ()), sentence)
    return out


def load_sentiments(path: Path) -> dict[str, str]:
    """Case id -> the sentiment a reader gave the reflection (positive, negative, mixed,
    neutral)."""
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    return {str(r["id"]): str(r["sentiment"]) for r in map(json.loads, filter(str.strip, lines))}


def load_read(path: Path) -> dict[str, dict[tuple[str, str], str]]:
    """Case id -> (sentence, takeaway) -> the label a reader gave that takeaway."""
    if not path.is_file():
        return {}
    out: dict[str, dict[tuple[str, str], str]] = {}
    for row in map(json.loads, filter(str.strip, path.read_text(encoding="utf-8").splitlines())):
        out.setdefault(str(row["case"]), {})[folded(row["sentence"]), folded(row["takeaway"])] = (
            str(row["label"])
        )
    return out


def read_faithful(summary: ReflectionSummary, gold: Gold) -> dict[str, float | None]:
    """How a reader judged the takeaways. A takeaway that is a clause of its sentence is
    faithful as written; another counts only when a reader labelled it against that sentence
    (``takeaway_faithfulness.jsonl``). ``takeaways_read``: the share of takeaways so judged;
    ``read_faithful``: of those, the share judged faithful. None without labels, or with none
    of this summary's takeaways judged. The eval's ``faithfulness`` passed 186 of 500 takeaways a
    reader labelled changed, garbled or given to the wrong person (docs/evals.md)."""
    if not gold.read or not summary.key_takeaways:
        return {"takeaways_read": None, "read_faithful": None}
    labels = []
    for takeaway in summary.key_takeaways:
        text, sentence = folded(takeaway.text), folded(takeaway.span.quote)
        if text.rstrip(" .…") in sentence:
            labels.append("faithful")
        elif (sentence, text) in gold.read:
            labels.append(gold.read[sentence, text])
    judged = len(labels) / len(summary.key_takeaways)
    faithful = labels.count("faithful") / len(labels) if labels else None
    return {"takeaways_read": judged, "read_faithful": faithful}


def load_gold(path: Path) -> dict[str, Gold]:
    """Gold by case id from a JSONL file (a case without an ``actions`` key has none)."""
    if not path.is_file():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return {str(r["id"]): Gold.of(r) for r in rows if "actions" in r}


def _range(text: str, reflection: str) -> range | None:
    at = reflection.find(text)
    return range(at, at + len(text)) if at >= 0 and text else None


def _matches(action: SummaryAction, span: str, text: str, reflection: str) -> bool:
    gold = _range(span, reflection)
    mine = range(action.span.start, action.span.end)
    if gold is not None and mine and set(gold) & set(mine):
        return True
    return overlap(text, action.text) >= MATCH_WORDS or overlap(action.text, text) >= MATCH_WORDS


def due_ok(mine: str | None, gold: str) -> bool:
    """Whether a summary's due date is the labelled one (the same words, or one inside the
    other)."""
    a, b = " ".join(words(mine or "")), " ".join(words(gold))
    return a == b or bool(a and b and (a in b or b in a))


@dataclass(frozen=True)
class ActionMatch:
    """The summary's actions against the gold: matched pairs, wrong ones (neither labelled nor
    optional) and the labelled actions it missed."""

    pairs: list[tuple[SummaryAction, GoldAction]]
    wrong: list[SummaryAction]
    missed: list[GoldAction]


def match_actions(summary: ReflectionSummary, gold: Gold, reflection: str) -> ActionMatch:
    """Each summary action paired with the first unmatched labelled action it fits; an
    optional one (a cadence, an unaccepted request) is neither a pair nor wrong."""
    pairs: list[tuple[SummaryAction, GoldAction]] = []
    wrong: list[SummaryAction] = []
    unmatched_gold = list(gold.actions)
    for action in summary.action_items:
        hit = next(
            (g for g in unmatched_gold if _matches(action, g.span, g.text, reflection)), None
        )
        if hit is not None:
            unmatched_gold.remove(hit)
            pairs.append((action, hit))
        elif not any(_matches(action, o, o, reflection) for o in gold.optional):
            wrong.append(action)
    return ActionMatch(pairs, wrong, unmatched_gold)


def action_scores(summary: ReflectionSummary, gold: Gold, reflection: str) -> dict[str, Any]:
    """Precision, recall, owner and due accuracy of the summary's actions."""
    match = match_actions(summary, gold, reflection)
    pairs = match.pairs
    found = len(pairs)
    counted = found + len(match.wrong)
    return {
        "action_precision": found / counted if counted else (None if gold.actions else 1.0),
        "action_recall": found / len(gold.actions) if gold.actions else None,
        "owner_accuracy": sum(a.owner == g.owner for a, g in pairs) / found if found else None,
        "due_accuracy": sum(due_ok(a.due, g.due) for a, g in pairs) / found if found else None,
    }


def goal_f1(summary: ReflectionSummary, gold: Gold) -> float | None:
    """F1 of the goal ids the summary says moved; None when neither side names one."""
    mine = {g.goal_id for g in summary.goal_progress}
    if not mine and not gold.goals:
        return None
    hit = len(mine & gold.goals)
    return 2 * hit / (len(mine) + len(gold.goals))


def evidence_fits(evidence: str, gold: str, reflection: str) -> bool:
    """Whether a summary's goal evidence is the labelled one: their places in the reflection
    overlap, or half the labelled words are in it (a goal without labelled words: any)."""
    if not gold:
        return True
    mine, theirs = _range(evidence, reflection), _range(gold, reflection)
    if mine is not None and theirs is not None and set(mine) & set(theirs):
        return True
    return overlap(gold, evidence) >= MATCH_WORDS


def goal_evidence_f1(summary: ReflectionSummary, gold: Gold, reflection: str) -> float | None:
    """Goal F1 where a goal counts as found only with evidence that fits it: a reader rejects
    a moved goal "shown" by a sentence about something else, so the ids alone overstate it.
    Fitting evidence is the labelled words of a moved goal or a sentence labelled as showing
    that goal moved; a goal with such a sentence counts as moved."""
    mine = {g.goal_id: g for g in summary.goal_progress}
    moved = gold.goals | set(gold.accepted)
    if not mine and not moved:
        return None
    hit = sum(shows_goal(goal_id, shown_quote(g), gold, reflection) for goal_id, g in mine.items())
    return 2 * hit / (len(mine) + len(moved))


def shown_quote(progress: GoalProgress) -> str:
    """The words of the reflection a goal's evidence shows: its span's quote (the evidence may
    be that quote made readable, a table row's cells joined), else the evidence."""
    return progress.span.quote if progress.span else progress.evidence


def shows_goal(goal_id: str, evidence: str, gold: Gold, reflection: str) -> bool:
    """Whether ``evidence`` fits ``goal_id``: the labelled words of a moved goal, or a sentence
    a reader labelled as showing that goal moved."""
    labelled = goal_id in gold.goals and evidence_fits(
        evidence, gold.evidence.get(goal_id, ""), reflection
    )
    return labelled or any(evidence_fits(evidence, s, reflection)
                           for s in gold.accepted.get(goal_id, ()))  # fmt: skip


def verbatim_rate(summary: ReflectionSummary, reflection: str) -> float | None:
    """Share of takeaways that are verbatim; None without takeaways."""
    taken = summary.key_takeaways
    if not taken:
        return None
    return sum(verbatim(t.text, reflection) for t in taken) / len(taken)


def copied_rate(summary: ReflectionSummary, reflection: str) -> float | None:
    """Share of takeaways that are mostly runs copied from the reflection (a stricter reading
    than ``verbatim_rate``: a sentence with a word or two dropped counts); None without any."""
    taken = summary.key_takeaways
    if not taken:
        return None
    return sum(copied_share(t.text, reflection) >= VERBATIM for t in taken) / len(taken)


def gold_scores(summary: ReflectionSummary, gold: Gold | None, reflection: str) -> dict[str, Any]:
    """Every field-level metric; the gold ones are None for a case without gold."""
    out: dict[str, Any] = {
        "verbatim_takeaways": verbatim_rate(summary, reflection),
        "copied_takeaways": copied_rate(summary, reflection),
    }
    if gold is None:
        return {**out, "action_precision": None, "action_recall": None,
                "owner_accuracy": None, "due_accuracy": None, "goal_f1": None,
                "goal_evidence_f1": None, "sentiment_agreement": None,
                "benefit_recall": None, "benefit_invented": None, "takeaways_read": None,
                "read_faithful": None}  # fmt: skip
    return {**out, **action_scores(summary, gold, reflection), "goal_f1": goal_f1(summary, gold),
            "goal_evidence_f1": goal_evidence_f1(summary, gold, reflection),
            "sentiment_agreement": sentiment_agreement(summary, gold),
            **benefit_scores(summary, gold), **read_faithful(summary, gold)}  # fmt: skip


def benefit_scores(summary: ReflectionSummary, gold: Gold) -> dict[str, float | None]:
    """``benefit_recall``: of the sides whose gain the reflection states, the share the summary
    states with a line sharing a content word with the labelled gain ("Not stated" where the
    text says it is a miss). ``benefit_invented``: sides the summary fills though the
    reflection states no gain for them, per reflection. None without labels."""
    if not gold.benefit:
        return {"benefit_recall": None, "benefit_invented": None}
    lines = {side: getattr(summary.mutual_benefit, side).strip() for side in ("mentor", "mentee")}
    stated = {side: "" if line == NOT_STATED else line for side, line in lines.items()}
    said = [side for side in stated if gold.benefit.get(side)]
    found = sum(bool(stated[s]) and overlap(gold.benefit[s], stated[s]) > 0 for s in said)
    invented = sum(bool(stated[s]) for s in stated if not gold.benefit.get(s))
    return {"benefit_recall": found / len(said) if said else None,
            "benefit_invented": float(invented)}  # fmt: skip


def sentiment_agreement(summary: ReflectionSummary, gold: Gold) -> float | None:
    """1.0 when the summary's sentiment is the reader's, 0.0 when not; None without a label."""
    if not gold.sentiment:
        return None
    return float(summary.sentiment == gold.sentiment)
