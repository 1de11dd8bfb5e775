"""The Prepare panel's exports: the .ics event is at the scheduled session's moment, whatever
time zone it was scheduled in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from coach.domain.agenda import Agenda, AgendaItem
from coach.ui.prepare_records import write_exports


def agenda() -> Agenda:
    items = [AgendaItem(minutes=15, title="Check-in"), AgendaItem(minutes=30, title="Goals")]
    return Agenda(title="Session 3: goals", phase="middle", minutes=45, items=items)


def event(files: list[str]) -> str:
    ics = Path(next(f for f in files if f.endswith(".ics"))).read_text(encoding="utf-8")
    return ics.replace("\r\n ", "")


def test_the_event_is_at_the_scheduled_moment_in_its_own_time_zone():
    new_york = timezone(timedelta(hours=-4), "EDT")
    start = datetime(2026, 6, 9, 18, 30, tzinfo=new_york)  # 22:30 UTC
    files = write_exports(agenda(), "# Session 3\n", start)
    ics = event(files)
    assert "DTSTART:20260609T223000Z" in ics and "DTEND:20260609T231500Z" in ics
    assert Path(next(f for f in files if f.endswith(".md"))).read_text() == "# Session 3\n"


def test_without_a_scheduled_session_the_event_is_tomorrow_at_ten_utc():
    before = datetime.now(UTC)
    ics = event(write_exports(agenda(), "# Session 3\n"))
    days = {(t + timedelta(days=1)).strftime("%Y%m%d") for t in (before, datetime.now(UTC))}
    assert any(f"DTSTART:{day}T100000Z" in ics for day in days)  # even across midnight
