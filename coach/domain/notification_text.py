"""The words of each mail, built from its facts: names, dates, counts and a link. Our own short,
friendly wording; nothing a participant wrote can reach it (see ``coach.domain.notifications``).
"""

from __future__ import annotations

from datetime import date

from coach.domain.notifications import (
    AssessmentReminder,
    CheckinAsked,
    Digest,
    DueMail,
    Nudge,
    ProgramWeek,
    PulseReminder,
)
from coach.domain.outcomes import OutcomeCheckpoint

SIGNATURE = "Flipside, your reverse-mentoring coach"
OPT_OUT = (
    "You get this because reminder mails are on for your account. You can turn them off in "
    "Flipside, or ask your admin to."
)
CHECKPOINT_WORDS = {
    OutcomeCheckpoint.START: "starting",
    OutcomeCheckpoint.MIDPOINT: "midpoint",
    OutcomeCheckpoint.END: "closing",
}


def day(when: date) -> str:
    """``Monday 5 October``."""
    return f"{when:%A} {when.day} {when:%B}"


def _link(public_url: str | None, what: str) -> str:
    if public_url:
        return f"{what}: {public_url.rstrip('/')}/"
    return f"{what} in Flipside."


def _nudge(facts: Nudge, link: str) -> tuple[str, str]:
    if facts.last_held is None:
        opening = f"You and {facts.partner} have not held a session yet."
    else:
        opening = f"Your last session with {facts.partner} was on {day(facts.last_held)}."
    return f"Time to plan your next session with {facts.partner}", (
        f"{opening} Your program, {facts.program}, suggests meeting every "
        f"{facts.cadence_days} days, so this is a good moment to find a date. Even half an "
        "hour keeps the conversation going.\n\n"
        f"{link}"
    )


def _pulse(facts: PulseReminder, link: str) -> tuple[str, str]:
    return f"How did your session with {facts.partner} go?", (
        f"You met {facts.partner} on {day(facts.held_on)}: how did it feel? Three one-tap "
        "questions, about a minute. Your answers stay private to you; the program only sees "
        f"them pooled over many pairs. The pulse is open until {day(facts.closes_on)}."
        f"\n\n{link}"
    )


def _assessment(facts: AssessmentReminder, link: str) -> tuple[str, str]:
    words = CHECKPOINT_WORDS[facts.checkpoint]
    return f"Your {words} self-assessment for {facts.program}", (
        f"It is time for the {words} self-assessment of {facts.program}: seven statements, "
        "each rated 1 to 5, about five minutes. Your answers stay private to you; the program "
        "only ever sees change pooled over many people. It is open until "
        f"{day(facts.closes_on)}.\n\n{link}"
    )


def _week_lines(week: ProgramWeek, min_group: int) -> list[str]:
    pulse = (
        f"{week.pulse_pairs} pairs answered the safety pulse"
        if week.pulse_pairs is not None
        else f"safety pulse: withheld (fewer than {min_group} pairs answered)"
    )
    return [
        f"{week.program}",
        f"  active pairs: {week.active_pairs}",
        f"  sessions held in the past 7 days: {week.held_this_week}",
        f"  pairs past their cadence: {week.lapsed}",
        f"  stalled pairs: {week.stalled}",
        f"  open check-in requests: {week.open_checkins}",
        f"  {pulse}",
    ]


def _digest(facts: Digest, link: str) -> tuple[str, str]:
    lines = ["Here is how your programs did over the past 7 days.", ""]
    for week in facts.programs:
        lines += [*_week_lines(week, facts.min_group), ""]
    lines.append(link)
    return f"Your weekly program digest ({facts.week})", "\n".join(lines)


def _checkin(facts: CheckinAsked, link: str) -> tuple[str, str]:
    who = f"{facts.asked_by} ({facts.side.value})" if facts.side else facts.asked_by
    program = f" in {facts.program}" if facts.program else ""
    return f"{facts.asked_by} asked for a check-in", (
        f"{who} asked you for a check-in about their pairing with {facts.partner}{program} on "
        f"{day(facts.asked_on)}. Nothing else comes with the request: please reach out to "
        "them directly.\n\n"
        f"{link}"
    )


def compose(mail: DueMail, public_url: str | None) -> tuple[str, str]:
    """The subject and plain-text body of ``mail``."""
    facts = mail.facts
    link = _link(public_url, "Open Flipside")
    if isinstance(facts, Nudge):
        subject, text = _nudge(facts, _link(public_url, "Plan it"))
    elif isinstance(facts, PulseReminder):
        subject, text = _pulse(facts, _link(public_url, "Answer it"))
    elif isinstance(facts, AssessmentReminder):
        subject, text = _assessment(facts, _link(public_url, "Answer it"))
    elif isinstance(facts, Digest):
        subject, text = _digest(facts, link)
    else:
        subject, text = _checkin(facts, link)
    footer = "" if isinstance(facts, CheckinAsked) else f"\n\n{OPT_OUT}"
    return subject, f"Hi {mail.name},\n\n{text}\n\n{SIGNATURE}{footer}\n"
