"""A participant's learning timeline: their own approved summaries, session by session.

Each entry is one held session of a pair: what the author learned there (from the summaries
they approved or shared), the author's goals that moved and the author's actions they closed
between that session and the next. The timeline ends with a short "how my thinking has
changed" paragraph whose every sentence names the session(s) it rests on.

Who reads what is decided by the service; this module only builds and checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from coach.domain.actions import ActionItem, ActionStatus
from coach.domain.degenerate import problems
from coach.domain.goals import Goal, GoalStatus
from coach.domain.sessions import Session, held
from coach.domain.summaries import ConsentState, Summary
from coach.domain.wording import invented, sentences

MAX_POINTS = 3  # learned points per summary
MAX_SENTENCES = 4  # in the paragraph
MAX_SENTENCE_CHARS = 300
CLAUSE = re.compile(r"[;:]\s|,\s(?:and|but|so|which)\s|\s[—–]\s")
HEADING = re.compile(r"^[A-Z][\w ]*:$")
LABEL = re.compile(r"^[A-Za-z][\w ]{0,30}:\s+(?=\S)")  # "First session: ..." opens with a label


@dataclass(frozen=True)
class GoalMove:
    """A goal of the author's that moved: its progress and status now."""

    text: str
    progress: int
    status: GoalStatus


@dataclass(frozen=True)
class TimelineEntry:
    """One session of the timeline."""

    pair_id: str
    number: int
    held_at: datetime
    learned: tuple[str, ...] = ()
    goals: tuple[GoalMove, ...] = ()
    actions: tuple[str, ...] = ()
    summary_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class TimelineSentence:
    """One sentence of the paragraph and the session numbers it comes from (never empty)."""

    text: str
    sessions: tuple[int, ...]


@dataclass(frozen=True)
class Paragraph:
    """How my thinking has changed; ``fallback`` when code wrote it instead of the model."""

    sentences: tuple[TimelineSentence, ...]
    fallback: bool
    model: str = ""
    prompt_id: str = ""
    prompt_version: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


def approved(summary: Summary) -> bool:
    """Approved by its author, or shared further."""
    return summary.state.rank >= ConsentState.APPROVED.rank


def learned_points(text: str) -> list[str]:
    """What a summary says was learned: its "Key takeaways" bullets when it has them (the
    drafted shape), else its first sentences (a summary written by hand)."""
    lines = [line.strip() for line in text.splitlines()]
    if "Key takeaways:" in lines:
        points = []
        for line in lines[lines.index("Key takeaways:") + 1 :]:
            if not line.startswith("- "):
                break
            if line != "- (none)":
                points.append(line[2:].strip())
        return points[:MAX_POINTS]
    plain = [s.text for s in sentences(text) if not HEADING.match(s.text)]
    return [s.lstrip("-* ").strip() for s in plain if s.strip("-* ")][:MAX_POINTS]


def first_clause(text: str) -> str:
    """The first clause of a sentence (after a short opening label), with a full stop."""
    body = LABEL.sub("", text.strip(), count=1) or text.strip()
    head = CLAUSE.split(body, maxsplit=1)[0].strip().rstrip(".,;:!?")
    return f"{head[0].upper()}{head[1:]}." if head else ""


def session_of(summary: Summary, sessions: Sequence[Session]) -> Session | None:
    """The summary's session, else the last held session before it was written."""
    if summary.session_id:
        return next((s for s in sessions if s.id == summary.session_id), None)
    before = [s for s in held(sessions) if s.scheduled_at <= summary.created_at]
    return before[-1] if before else None


def _window(moment: datetime, ordered: Sequence[Session]) -> Session | None:
    """The held session whose window (until the next held session) contains ``moment``."""
    found = [s for s in ordered if s.scheduled_at <= moment]
    return found[-1] if found else (ordered[0] if ordered else None)


def build(
    author_id: str,
    written: Iterable[tuple[Summary, str]],
    sessions: Sequence[Session],
    goals: Iterable[Goal] = (),
    actions: Iterable[ActionItem] = (),
) -> list[TimelineEntry]:
    """The author's timeline for one pair, oldest session first.

    ``written`` holds (summary, current text) pairs; only the author's approved (or shared)
    ones count. Goals count when the author owns them and they moved (progress above zero or
    no longer open, changed after they were set); actions when the author owns them and
    closed them as done. Each is placed in the window of the last held session before it.
    """
    by_session: dict[str, dict] = {}

    def slot(session: Session) -> dict:
        return by_session.setdefault(
            session.id, {"session": session, "learned": [], "goals": [], "actions": [], "ids": []}
        )

    for summary, text in sorted(written, key=lambda w: w[0].created_at):
        session = session_of(summary, sessions)
        if summary.author_id != author_id or not approved(summary) or session is None:
            continue
        entry = slot(session)
        entry["learned"] += [p for p in learned_points(text) if p not in entry["learned"]]
        entry["ids"].append(summary.id)
    ordered = held(sessions)
    for goal in goals:
        moved = goal.progress > 0 or goal.status is not GoalStatus.OPEN
        if goal.owner_id == author_id and moved and goal.updated_at > goal.created_at:
            session = _window(goal.updated_at, ordered)
            if session is not None:
                slot(session)["goals"].append(GoalMove(goal.text, goal.progress, goal.status))
    for item in actions:
        if item.owner_id == author_id and item.status is ActionStatus.DONE and item.closed_at:
            session = _window(item.closed_at, ordered)
            if session is not None:
                slot(session)["actions"].append(item.text)
    entries = [
        TimelineEntry(
            e["session"].pair_id, e["session"].number, e["session"].scheduled_at,
            tuple(e["learned"]), tuple(e["goals"]), tuple(e["actions"]), tuple(e["ids"]),
        )
        for e in by_session.values()
    ]  # fmt: skip
    return sorted(entries, key=lambda e: (e.held_at, e.number))


def only_learned(entries: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    """The entries that rest on a summary, without goals or actions (what others may read)."""
    return [
        TimelineEntry(e.pair_id, e.number, e.held_at, e.learned, summary_ids=e.summary_ids)
        for e in entries
        if e.summary_ids
    ]


def source_text(entries: Iterable[TimelineEntry]) -> str:
    """What the paragraph may draw on: each session's learned points, one line each."""
    return "\n".join(f"Session {e.number}: {' '.join(e.learned)}" for e in entries if e.learned)


CONTENT = re.compile(r"[a-z][a-z'-]{3,}")
COMMON = frozenset(
    [
        "used",
        "that",
        "this",
        "with",
        "have",
        "about",
        "would",
        "their",
        "there",
        "what",
        "when",
        "which",
        "will",
        "more",
        "also",
        "from",
        "they",
        "them",
        "then",
        "than",
        "were",
        "been",
        "being",
        "into",
        "over",
        "just",
        "like",
        "very",
        "much",
        "some",
        "such",
        "only",
        "other",
        "after",
        "before",
        "because",
        "while",
        "where",
        "these",
        "those",
        "each",
        "every",
        "your",
        "mine",
        "myself",
        "thing",
        "things",
        "really",
        "now",
        "feel",
        "felt",
        "learned",
        "learn",
        "learning",
        "think",
        "thought",
        "understand",
        "understood",
    ]
)
GROUNDED_SHARE = 0.4  # of a sentence's content words, at least this share must be in its notes


def _stems(text: str) -> list[str]:
    return [w[:5] for w in CONTENT.findall(text.lower()) if w not in COMMON]


def grounded(text: str, notes: str) -> bool:
    """Whether a sentence rests on its notes: at least two of its content words (folded to five
    letters) and ``GROUNDED_SHARE`` of them appear there. "I used to fear feedback, now I
    welcome it" over notes about ground rules fails: the model invented the before and after."""
    words, known = _stems(text), set(_stems(notes))
    shared = sum(1 for w in words if w in known)
    return shared >= 2 and shared >= GROUNDED_SHARE * len(words)


def sentence_problems(
    sentence: TimelineSentence,
    entries: Sequence[TimelineEntry],
    instructions: str = "",
    earlier: list[str] | None = None,
) -> list[str]:
    """Why a paragraph sentence may not be shown: empty, too long, citing a session without
    learned points, naming a name, number or date its sessions' points lack, or degenerate."""
    text = sentence.text.strip()
    if not text:
        return ["is empty"]
    found = []
    if len(text) > MAX_SENTENCE_CHARS:
        found.append("is too long")
    known = {e.number: e for e in entries if e.learned}
    if not sentence.sessions or any(n not in known for n in sentence.sessions):
        found.append("cites a session that is not in the timeline")
    else:
        cited = [known[n] for n in sentence.sessions]
        extra = invented(text, source_text(cited))
        extra -= {str(n) for n in sentence.sessions}  # "in session 3" names its own session
        if extra:
            found.append(f"adds {', '.join(sorted(extra))}")
        elif not grounded(text, source_text(cited)):
            found.append("says more than its session's notes")
    return found + problems(text, instructions, earlier)


def checked(
    proposed: Iterable[TimelineSentence], entries: Sequence[TimelineEntry], instructions: str = ""
) -> tuple[list[TimelineSentence], list[str]]:
    """The sentences that pass ``sentence_problems`` (at most ``MAX_SENTENCES``), and a note
    for each one dropped."""
    kept: list[TimelineSentence] = []
    notes: list[str] = []
    for sentence in proposed:
        found = sentence_problems(sentence, entries, instructions, [s.text for s in kept])
        if found:
            notes.append(f"dropped a sentence that {found[0]}")
        elif len(kept) < MAX_SENTENCES:
            kept.append(TimelineSentence(sentence.text.strip(), sentence.sessions))
    return kept, notes


def rule_sentences(entries: Iterable[TimelineEntry]) -> list[TimelineSentence]:
    """One sentence per session, by code: "Session 3: <first clause of its first point>"."""
    out = []
    for e in entries:
        clause = first_clause(e.learned[0]) if e.learned else ""
        if clause:
            out.append(TimelineSentence(f"Session {e.number}: {clause}", (e.number,)))
    return out[-MAX_SENTENCES:]
