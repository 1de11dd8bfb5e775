"""The pair, as the lines a prompt shows the model."""

from __future__ import annotations

from coach.domain.pair_profile import PairProfile
from coach.generation.context import trim_tokens

HISTORY_TOKENS = 80


def pair_block(profile: PairProfile, history: bool = True) -> str:
    """Who the two people are, their goals, this session, open items and the last session."""
    s = profile.session
    lines = [
        f"Mentor (junior): {profile.mentor.describe()}",
        f"Mentee (senior): {profile.mentee.describe()}",
        f"Session {s.number}, {s.minutes} minutes, phase: {profile.phase}",
    ]
    if s.focus:
        lines.append(f"Focus: {s.focus}")
    lines.append("Goals:")
    lines += [f"- {g.id}: {g.text}" for g in profile.goals] or ["- (none set yet)"]
    if profile.open_action_items:
        lines.append("Open action items:")
        lines += [f"- {a.text} (owner: {a.owner})" for a in profile.open_action_items]
    done = [h for h in profile.history if h.summary.strip()]
    if history and done:
        last = max(done, key=lambda h: h.number)
        lines.append(f"Last session ({last.number}): {trim_tokens(last.summary, HISTORY_TOKENS)}")
    return "\n".join(lines)
