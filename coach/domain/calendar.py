"""An agenda as an iCalendar (.ics) event, so the session lands in people's calendars."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.domain.agenda import Agenda


def _escape(text: str) -> str:
    """Text as an iCalendar TEXT value (RFC 5545 §3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded with CRLF + space (RFC 5545 §3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def agenda_ics(agenda: Agenda, start: datetime, uid: str, now: datetime) -> str:
    """One VEVENT lasting the session's minutes, with the agenda as its description."""
    if start.tzinfo is None or now.tzinfo is None:
        raise ValueError("calendar times need a timezone")
    end = start + timedelta(minutes=agenda.minutes)
    clock, lines = 0, []
    for item in agenda.items:
        lines.append(f"{clock}-{clock + item.minutes} min: {item.title}")
        lines += [f"  - {p}" for p in item.prompts]
        clock += item.minutes
    if agenda.carry_over:
        lines.append("Carried over: " + "; ".join(a.text for a in agenda.carry_over))
    props = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Flipside//reverse mentoring coach//EN",
        "CALSCALE:GREGORIAN", "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_stamp(now)}",
        f"DTSTART:{_stamp(start)}", f"DTEND:{_stamp(end)}", f"SUMMARY:{_escape(agenda.title)}",
        f"DESCRIPTION:{_escape(chr(10).join(lines))}", "END:VEVENT", "END:VCALENDAR",
    ]  # fmt: skip
    return "\r\n".join(_fold(p) for p in props) + "\r\n"
