"""The line above a plan that background preparation made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from coach.ui.prepared import ago, prepared_note

pytestmark = pytest.mark.unit
NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def plan(hours: float, after: int | None = 6, stale=False, pending=False):
    made = NOW - timedelta(hours=hours)
    return SimpleNamespace(made_at=made, after_session=after, stale=stale, pending=pending)


@pytest.mark.parametrize(
    ("delta", "said"),
    [(timedelta(seconds=20), "just now"), (timedelta(minutes=5), "5 min ago"),
     (timedelta(hours=2, minutes=10), "2 h ago"), (timedelta(days=3), "3 days ago"),
     (timedelta(seconds=-5), "just now")],
)  # fmt: skip
def test_ago(delta, said):
    assert ago(delta) == said


def test_a_fresh_plan_says_when_and_after_which_session():
    note = prepared_note(plan(2), NOW)  # type: ignore[arg-type]
    assert note.startswith("**Prepared 2 h ago after session 6.**")
    assert "changed since" not in note and "regenerate" in note


def test_a_stale_plan_says_so_and_whether_a_fresh_one_is_coming():
    assert "a fresh plan is being prepared" in prepared_note(
        plan(30, stale=True, pending=True), NOW
    )  # type: ignore[arg-type]
    idle = prepared_note(plan(30, stale=True), NOW)  # type: ignore[arg-type]
    assert "changed since" in idle and "to update" in idle


def test_before_the_first_session_no_session_is_named():
    assert "after session" not in prepared_note(plan(1, after=None), NOW)  # type: ignore[arg-type]
