"""Summary metrics: faithfulness, recall of expected facts, traps, flags, privacy.

Claims are the summary's takeaways, action items, goal evidence and mutual-benefit lines.
``SupportScorer`` decides support with lexical overlap plus embeddings when it has an embedder.
"""

from __future__ import annotations

import re

from coach.domain.pairs import Side
from coach.domain.summary_draft import NOT_STATED, ReflectionSummary, shareable_text, violations
from coach.domain.wording import folded, overlap, words
from coach.evals.datasets import ReflectionCase
from coach.evals.summary_gold import gold_scores
from coach.evals.support import SupportScorer, units

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ()./-]{7,}\d")
PHONE_DIGITS = 9  # fewer digits: a date or an amount, not a phone number
MIN_EVIDENCE = 15  # shorter evidence is too generic to call a leak


def claims(summary: ReflectionSummary) -> list[tuple[str, str]]:
    """(kind, text) of every claim the summary makes; "not stated" lines make none."""
    out = [("takeaway", t.text) for t in summary.key_takeaways]
    # An action's deadline is its own field: it is part of what the summary says.
    out += [
        ("action item", f"{a.text} ({a.due})" if a.due else a.text) for a in summary.action_items
    ]
    out += [("goal progress", g.evidence) for g in summary.goal_progress]
    for side in Side:
        text = getattr(summary.mutual_benefit, side)
        if text and text.strip() and text.strip() != NOT_STATED:
            out.append((f"mutual benefit ({side})", text))
    return [(kind, text.strip()) for kind, text in out if text and text.strip()]


def unsupported(
    summary: ReflectionSummary, reflection: str, scorer: SupportScorer
) -> list[tuple[str, str]]:
    """The claims the reflection does not support."""
    parts = units(reflection)
    return [(k, t) for k, t in claims(summary) if not scorer.supported(t, reflection, parts)]


def faithfulness(
    summary: ReflectionSummary, reflection: str, scorer: SupportScorer
) -> float | None:
    """Share of claims the reflection supports; None for a summary that claims nothing."""
    made = claims(summary)
    if not made:
        return None
    return 1 - len(unsupported(summary, reflection, scorer)) / len(made)


def _kept_text(summary: ReflectionSummary) -> tuple[str, list[str]]:
    """What the summary shows its author: its claims and each flag's evidence. A flag's
    sentence is private (no takeaway repeats it), but the summary keeps it for its author."""
    texts = [t for _, t in claims(summary)] + [f.evidence for f in summary.flags if f.evidence]
    return "\n".join(texts), texts


def recall(summary: ReflectionSummary, case: ReflectionCase, scorer: SupportScorer) -> float | None:
    """Share of the expected facts the summary keeps, flags' evidence included."""
    if not case.expected_facts:
        return None
    text, parts = _kept_text(summary)
    kept = [f for f in case.expected_facts if parts and scorer.recalled(f, text, parts)]
    return len(kept) / len(case.expected_facts)


NUMBER_WORDS = frozenset({
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "weekly", "monthly",
})  # fmt: skip
TRAP_WORDS = 0.85  # the share of a trap's content words one claim must hold to state it
# Words that turn a fact into its opposite while meaning stays close: a trap with one of them
# is stated only by a claim that has it too ("the test call is after the January board" is not
# stated by "… test run, before the January board": h083).
ORDER_WORDS = frozenset({"before", "after", "until", "without", "not", "never", "no"})


def states(trap: str, parts: list[str], scorer: SupportScorer) -> bool:
    """Whether one claim of the summary states the trap: nearly all its content words, every
    number of it (digits or words) and every ``ORDER_WORDS`` word, and close in meaning.
    Meaning alone took "the AI guidance was published" from "he will take the AI guidance to
    the executive team", and "every 2 weeks" from a summary with "every three weeks" and "2
    sessions" (docs/evals.md)."""
    required = {w for w in words(trap) if _number(w) or w in ORDER_WORDS}
    return any(
        required <= set(words(part)) and overlap(trap, part) >= TRAP_WORDS
        and not _set_against(required, part) and scorer.supported(trap, part, [part])
        for part in parts
    )  # fmt: skip


def _number(word: str) -> bool:
    """Whether ``word`` is a number, in digits or in words."""
    return word in NUMBER_WORDS or any(c.isdigit() for c in word)


CONTRASTED = frozenset(["of", "not", "than"])  # "two instead of three", "two of the three"


def _set_against(numbers: set[str], part: str) -> bool:
    """Whether ``part`` holds the trap's numbers only as what another number stands against:
    "I posted two stories instead of three" states no trap "all three stories were posted"
    (h205)."""
    said = words(part)
    at = [i for i, w in enumerate(said) if w in numbers and _number(w)]
    return bool(at) and all(CONTRASTED & set(said[max(0, i - 2) : i]) for i in at)


def traps_present(
    summary: ReflectionSummary, case: ReflectionCase, scorer: SupportScorer
) -> list[str]:
    """The traps (facts not in the reflection) that the summary states. A claim that is the
    reflection's own words (goal evidence is quoted) cannot state one: "Olivia sat in on one
    call, not two" holds every word of the trap "sat in on two calls"."""
    _, parts = _kept_text(summary)
    source = folded(case.reflection)
    parts = [p for p in parts if folded(p) not in source]
    if not parts:
        return []
    return [t for t in case.traps if states(t, parts, scorer)]


def trap_rate(
    summary: ReflectionSummary, case: ReflectionCase, scorer: SupportScorer
) -> float | None:
    """Share of the case's traps the summary falls into (lower is better)."""
    if not case.traps:
        return None
    return len(traps_present(summary, case, scorer)) / len(case.traps)


def flag_recall(summary: ReflectionSummary, case: ReflectionCase) -> float | None:
    """Share of the expected private flags the summary raised."""
    if not case.expected_flags:
        return None
    found = {f.kind for f in summary.flags}
    return sum(k in found for k in case.expected_flags) / len(case.expected_flags)


def false_flags(summary: ReflectionSummary, case: ReflectionCase) -> float:
    """How many flag kinds the summary raised that the case does not expect."""
    return float(len({f.kind for f in summary.flags} - set(case.expected_flags)))


def leaks(summary: ReflectionSummary, case: ReflectionCase) -> list[str]:
    """Private material in the shareable text: flag kinds or evidence, e-mails, phone numbers."""
    shared = folded(shareable_text(summary))
    found = []
    kinds = {f.kind for f in summary.flags} | set(case.expected_flags)
    for kind in sorted(kinds):
        for spelling in {kind, kind.replace("_", " "), kind.replace("_", "-")}:
            if spelling in shared:
                found.append(f"flag kind '{kind}'")
                break
    for flag in summary.flags:
        evidence = folded(flag.evidence)
        if len(evidence) >= MIN_EVIDENCE and evidence in shared:
            found.append(f"{flag.kind} evidence")
    for pattern, what in ((EMAIL, "e-mail address"), (PHONE, "phone number")):
        for match in pattern.finditer(case.reflection):
            digits = sum(ch.isdigit() for ch in match.group(0))
            if pattern is PHONE and digits < PHONE_DIGITS:
                continue
            if folded(match.group(0)) in shared:
                found.append(what)
    return found


def valid(summary: ReflectionSummary, case: ReflectionCase, goal_ids: list[str]) -> bool:
    """Grounded by the domain rules (spans match, nothing invented) and not empty."""
    return bool(claims(summary)) and not violations(summary, case.reflection, goal_ids)


def score_summary(
    summary: ReflectionSummary, case: ReflectionCase, goal_ids: list[str], scorer: SupportScorer
) -> dict[str, float | bool | None]:
    """Every summary metric for one case."""
    return {
        "valid": valid(summary, case, goal_ids),
        "faithfulness": faithfulness(summary, case.reflection, scorer),
        "recall": recall(summary, case, scorer),
        "trap_rate": trap_rate(summary, case, scorer),
        "flag_recall": flag_recall(summary, case),
        "false_flags": false_flags(summary, case),
        "privacy_ok": not leaks(summary, case),
        "claims": float(len(claims(summary))),
        **gold_scores(summary, case.gold, case.reflection),
    }


def summary_problems(
    summary: ReflectionSummary, case: ReflectionCase, goal_ids: list[str], scorer: SupportScorer
) -> list[str]:
    """What went wrong, in words, for the report."""
    problems = violations(summary, case.reflection, goal_ids)
    problems += [
        f"unsupported {k}: {t[:80]}" for k, t in unsupported(summary, case.reflection, scorer)
    ]
    problems += [f"states trap: {t}" for t in traps_present(summary, case, scorer)]
    problems += [f"leaks {what}" for what in leaks(summary, case)]
    return problems if claims(summary) else ["empty summary", *problems]
