"""What a member sees about one of their pairs: partner, sessions, goals and open actions."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.domain.sessions import Session, SessionStatus
from coach.domain.users import User
from coach.services.doors import PairDoor
from coach.ui.render import day, md

NO_PAIR = "_Pick a pair above. If the list is empty, ask your program admin to pair you._"


def session_label(session: Session) -> str:
    return f"Session {session.number} · {day(session.scheduled_at)} ({session.status.value})"


def session_choices(sessions: list[Session]) -> list[tuple[str, str]]:
    """Newest first, so the session just held is at the top."""
    ordered = sorted(sessions, key=lambda s: s.scheduled_at, reverse=True)
    return [(session_label(s), s.id) for s in ordered if s.status is not SessionStatus.CANCELLED]


def latest_held(sessions: list[Session]) -> str | None:
    done = [s for s in sessions if s.status is SessionStatus.HELD]
    return max(done, key=lambda s: s.scheduled_at).id if done else None


def overview(services: PairDoor, user: User, pair_id: str) -> str:
    """Markdown about the pair, for one of its members. Every read goes through a service."""
    if not pair_id:
        return NO_PAIR
    card = services.pairs.get(user, pair_id)
    health = services.health.pair(user, pair_id)
    sessions = services.sessions.sessions(user, pair_id)
    goals = services.plans.goals(user, pair_id)
    actions = services.plans.carry_over(user, pair_id)
    now = datetime.now(UTC)
    upcoming = sorted(
        (s for s in sessions if s.status is SessionStatus.PLANNED and s.scheduled_at >= now),
        key=lambda s: s.scheduled_at,
    )
    me = card.pair.side_of(user.id)
    names = {card.pair.mentor_id: card.mentor_name, card.pair.mentee_id: card.mentee_name}
    lines = [
        f"### {md(card.mentor_name)} (mentor) and {md(card.mentee_name)} (mentee)",
        f"{md(card.program)} · you are the **{me.value if me else 'viewer'}** · "
        f"{health.sessions_held} sessions held",
        "",
        f"**Next session:** {day(upcoming[0].scheduled_at) if upcoming else 'not scheduled yet'}"
        + (f" · last held {health.days_since_last_session} days ago"
           if health.days_since_last_session is not None else ""),
    ]  # fmt: skip
    if health.flags:
        lines.append(f"**Watch:** {', '.join(f.value.replace('_', ' ') for f in health.flags)}")
    lines += ["", "**Goals**"]
    lines += [
        f"- {md(g.text)} · {md(names.get(g.owner_id, '?'))} · {g.effective_progress}% "
        f"({g.status.value})"
        for g in goals
    ] or ["- _No goals yet. Agree one or two in your next session._"]
    lines += ["", "**Open action items** (carried into the next agenda)"]
    lines += [
        f"- {md(a.text)} · {md(names.get(a.owner_id, '?'))}"
        + (f" · due {day(a.due_date)}" if a.due_date else "")
        for a in actions
    ] or ["- _Nothing open._"]
    return "\n".join(lines)
