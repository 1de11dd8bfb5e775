"""How the Prepare panel describes a plan that background preparation made."""

from __future__ import annotations

from datetime import datetime, timedelta

from coach.domain.jobs import PreparedPlan


def ago(delta: timedelta) -> str:
    """ "just now", "5 min ago", "2 h ago", "3 days ago"."""
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def prepared_note(plan: PreparedPlan, now: datetime) -> str:
    """ "Prepared 2 h ago after session 6 · …", saying whether it is stale or being refreshed."""
    after = f" after session {plan.after_session}" if plan.after_session else ""
    note = f"**Prepared {ago(now - plan.made_at)}{after}.**"
    if plan.stale and plan.pending:
        note += " The pair's goals or sessions changed since: a fresh plan is being prepared."
    elif plan.stale:
        note += " The pair's goals or sessions changed since: press **Prepare session** to update."
    elif plan.pending:
        note += " A newer plan is being prepared."
    return note + " Press **Prepare session** to regenerate it now."
