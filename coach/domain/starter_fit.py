"""Whether a starter template says nothing untrue of the pair it is offered to: one that takes
it that the junior works by day, that messages are the pair's subject, or that the junior's
manager minds the time."""

from __future__ import annotations

import re

from coach.domain.library import StarterTemplate
from coach.domain.pair_profile import PairProfile

# A template tagged ``days`` takes it that the junior works by day ("When I send messages late
# at night, how do you read that?", put to a night picker: starters-fresh-3 and -6).
DAYS = "days"
NIGHTS = re.compile(r"\bnights?\b|\bnight[- ]shifts?\b", re.I)


# … and one tagged ``messages`` that messages and working hours are the pair's subject: "If I
# sent you a message late at night …" was in 8 of the 16 sets of the second fresh set, and read
# as an invented premise where nothing in the file was about messages (starters-heldout-11).
MESSAGES = "messages"
MESSAGING = re.compile(
    r"messag|e-?mails?\b|whatsapp|slack|\bteams\b|\bchats?\b|evenings?\b|"
    r"out of hours|after hours|late at night|working hours|\breply\b",
    re.I,
)


# … and one tagged ``managers`` that the junior's own manager may mind the time the sessions
# take ("How could we make your manager glad you spend time on these sessions …?"), asked in 14
# of 82 sets and read as a stock line (starters-fresh2-1): only for a pair whose file talks
# about a manager, a supervisor, cover or time off the job.
MANAGERS = "managers"
MANAGING = re.compile(
    r"\b(?:line manager|my manager|(?:his|her|their|your) (?:manager|supervisor|boss|team leader)|"
    r"supervisors?|team leaders?|TLs?|boss|cover(?:ed|ing)? for|time off|released? from|"
    r"backfill|off the (?:floor|line|phones|wing|road))\b",
    re.I,
)


def _said(profile: PairProfile) -> str:
    """Everything the pair file says in its own words: focus, goals, history and open actions."""
    return " ".join([
        profile.session.focus,
        *(g.text for g in profile.goals),
        *(h.summary for h in profile.history),
        *(a.text for a in profile.open_action_items),
    ])  # fmt: skip


def fits_pair(template: StarterTemplate, profile: PairProfile) -> bool:
    """Whether nothing in ``template`` is untrue of the pair: a ``days`` template is not for a
    junior who works nights, a ``messages`` one only for a pair whose file talks about messages
    or working hours, a ``managers`` one only for a pair whose file talks about the junior's
    manager or time off the job."""
    junior = f"{profile.mentor.role} {profile.mentor.department}"
    if DAYS in template.tags and NIGHTS.search(junior):
        return False
    if MESSAGES in template.tags and not MESSAGING.search(_said(profile)):
        return False
    return not (MANAGERS in template.tags and not MANAGING.search(_said(profile)))
