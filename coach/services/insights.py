"""The lead's program snapshot: participation, cadence and themes, from aggregates and from
what participants chose to share with the program. Nothing private goes into it."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from statistics import median

from coach.domain.users import User
from coach.services.health import HealthService
from coach.services.summaries import SummaryService

WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ'-]{3,}")
_STOP = """about after again also always because been before being between both could does doing
    down during each first from further have having here into just like more most much must
    next none only other over same session sessions should some such than that their them then
    there these they this those through time together under until very want week were what
    when where which while will with would your yours agreed asked told made make makes
    thing things really still ours ourselves himself herself itself"""
STOPWORDS = frozenset(_STOP.split())


@dataclass(frozen=True)
class ProgramSnapshot:
    """Figures for the lead. Themes count words in summaries shared with the program."""

    pairs: int
    active_pairs: int
    pairs_meeting: int  # held a session and not stalled
    stalled_pairs: int
    sessions_held: int
    median_days_between_sessions: float | None
    mean_goal_progress: float | None
    shared_summaries: int
    themes: tuple[tuple[str, int], ...]


def themes(texts: list[str], top: int = 8) -> tuple[tuple[str, int], ...]:
    """The most frequent content words (4+ letters, no stopwords), counted once per text."""
    counts: Counter[str] = Counter()
    for text in texts:
        words = {w.strip("'-") for w in WORD.findall(text.lower())}
        counts.update(w for w in words if len(w) >= 4 and w not in STOPWORDS)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked[:top])


class InsightService:
    """Build the program snapshot from the health and summary services (leads only)."""

    def __init__(self, health: HealthService, summaries: SummaryService) -> None:
        self.health = health
        self.summaries = summaries

    def snapshot(self, actor: User) -> ProgramSnapshot:
        healths = self.health.program(actor)  # checks that the actor is a lead
        by_pair: dict[str, list] = defaultdict(list)
        for pair_id, day in self.health.held_sessions(actor):
            by_pair[pair_id].append(day)
        gaps = [
            (later - earlier).days
            for days in by_pair.values()
            for earlier, later in zip(days, days[1:], strict=False)
        ]
        progress = [h.goal_progress for h in healths if h.goal_progress is not None]
        shared = self.summaries.shared_with_program(actor)
        return ProgramSnapshot(
            pairs=len(healths),
            active_pairs=sum(h.status.value == "active" for h in healths),
            pairs_meeting=sum(h.sessions_held > 0 and not h.stalled for h in healths),
            stalled_pairs=sum(h.stalled for h in healths),
            sessions_held=sum(h.sessions_held for h in healths),
            median_days_between_sessions=float(median(gaps)) if gaps else None,
            mean_goal_progress=round(sum(progress) / len(progress), 1) if progress else None,
            shared_summaries=len(shared),
            themes=themes([view.text for view in shared]),
        )
