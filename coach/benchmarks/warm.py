"""``prepare_warm_seconds``: opening a pair whose next session background preparation made.

A pair file is stored through the services: two accounts, a program, the held sessions with
the summaries the pair shared, the next planned session, its goals and open action items (no
focus). Those changes queue the preparation job, which the background worker's own step runs
here, untimed. The mentor then opens the pair the way the Prepare panel does
(``PreparationService.prepared_plan``) a few times; the median of those reads is the figure.
No model is called during the reads.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from coach.domain.pair_profile import PairProfile, Person
from coach.domain.pairs import Profile
from coach.domain.users import User
from coach.services.access import OPERATOR

READS = 5  # timed reads of the prepared plan
MAX_JOBS = 5  # the worker's steps to empty the queue (superseded jobs are never claimed)
Step = Callable[[str], None]


def _profile(person: Person) -> Profile:
    return Profile(
        role_title=person.role, generation=person.generation, department=person.department
    )


def share(services: Any, author: User, pair_id: str, session_id: str, text: str) -> None:
    """A summary of a held session, approved and shared with the partner by its author."""
    summary = services.summaries.draft(author, pair_id, text, session_id)
    for state in ("approved", "shared_partner"):
        summary = services.summaries.move(author, summary.id, state)


def store_pair(services: Any, pair: PairProfile) -> tuple[User, str]:
    """Store ``pair`` as a pair of two new accounts, through the services; the mentor and the
    stored pair's id."""
    tag, now = secrets.token_hex(3), datetime.now(UTC)
    program = services.programs.add(
        OPERATOR, f"Bench {tag}", (now - timedelta(days=180)).date(),
        (now + timedelta(days=180)).date(), session_minutes=pair.session.minutes,
    )  # fmt: skip
    people = {
        side: services.users.add(OPERATOR, f"bench{tag}.{side}", "participant", None, who.name)
        for side, who in (("mentor", pair.mentor), ("mentee", pair.mentee))
    }
    mentor, mentee = people["mentor"], people["mentee"]
    card = services.pairs.add(OPERATOR, mentor.id, mentee.id, program.id,
                              _profile(pair.mentor), _profile(pair.mentee))  # fmt: skip
    pair_id = card.pair.id
    held = pair.session.number - 1
    history = {entry.number: entry.summary for entry in pair.history if entry.summary}
    for number in range(1, held + 1):
        when = now - timedelta(days=14 * (held + 1 - number))
        session = services.sessions.schedule(mentor, pair_id, when)
        services.sessions.mark(mentor, session.id, "held")
        if number in history:
            share(services, mentee, pair_id, session.id, history[number])
    services.sessions.schedule(mentor, pair_id, now + timedelta(days=7))
    for goal in pair.goals:
        services.plans.add_goal(mentee, pair_id, goal.text)
    for item in pair.open_action_items:
        owner = mentee if item.owner == "mentee" else mentor
        services.plans.add_action(owner, pair_id, item.text, due_date=item.due)
    return mentor, pair_id


def prepare_in_background(services: Any, pair_id: str) -> None:
    """Queue the pair's preparation (as its changes already did) and run the queue with the
    background worker's own step, in this thread."""
    services.background.notify(pair_id)
    for _ in range(MAX_JOBS):
        if not services.worker.run_once():
            return


def warm_reads(services: Any, mentor: User, pair_id: str, reads: int = READS) -> list[float]:
    """Seconds per ``prepared_plan`` read, the call the Prepare panel makes when a pair is
    opened; empty when no current plan was prepared (nothing warm to read)."""
    out: list[float] = []
    for _ in range(reads):
        began = time.perf_counter()
        plan = services.preparation.prepared_plan(mentor, pair_id)
        seconds = time.perf_counter() - began
        if plan is None or plan.stale:
            return []
        out.append(seconds)
    return out


def measured_pair(pairs: list[PairProfile]) -> PairProfile:
    """The pair with the most sessions behind it (the first such): the most to read."""
    return max(pairs, key=lambda pair: pair.session.number)


def measure_warm(services: Any, pair: PairProfile, step: Step, notes: list[str]) -> list[float]:
    """Store ``pair``, have background preparation make its plan (untimed), then time the
    mentor's reads of it."""
    step(f"prepare_warm ({pair.id}): storing the pair and preparing it in the background")
    mentor, pair_id = store_pair(services, pair)
    prepare_in_background(services, pair_id)
    step(f"prepare_warm ({pair.id}): opening the prepared pair {READS} times")
    found = warm_reads(services, mentor, pair_id)
    if not found:
        notes.append(f"prepare_warm ({pair.id}): background preparation left no current plan "
                     "(see the log), so the warm read was not measured")  # fmt: skip
    return found
