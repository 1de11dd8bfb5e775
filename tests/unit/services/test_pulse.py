"""PulseService: only the pair's members answer, after a held session and within OPEN_DAYS; an
answer is read by its author alone; leads and admins see only the trend, with no figure below
the minimum group; check-in requests carry no answer and reach leads only."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, fields, is_dataclass
from datetime import timedelta

import pytest

from coach.domain.audit import AuditEntry
from coach.domain.common import RuleViolation
from coach.domain.pulse import OPEN_DAYS, PulseAnswer
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from coach.services.pulse import CheckinView, PulseService
from tests.unit.services.conftest import PASSWORD, World

pytestmark = pytest.mark.unit
NOTE = "He checked his phone whenever I disagreed"
ROLES = ("admin", "lead", "mentor", "mentee", "outsider", "former")
MEMBERS = {"mentor", "mentee"}
LEADS = {"admin", "lead"}


@pytest.fixture
def pulse(world: World) -> PulseService:
    return PulseService(world.store, world.clock, min_group=3)


def dumped(result: object) -> str:
    """Any result as text, dataclasses field by field."""
    return json.dumps(result, default=lambda o: asdict(o) if is_dataclass(o) else str(o))


def held_session(w: World, pair_id: str, member: str, days_ago: float = 1) -> str:
    """A session of ``pair_id`` held ``days_ago`` days before the clock's now."""
    actor = w.people[member]
    session = w.s.sessions.schedule(actor, pair_id, w.clock.now - timedelta(days=days_ago))
    w.s.sessions.mark(actor, session.id, "held")
    return session.id


def test_each_member_answers_and_reads_only_their_own(world: World, pulse: PulseService):
    w = world
    mine = pulse.answer(w.people["mentor"], w.ids["session"], (2, 3, 4), f"  {NOTE}  ")
    theirs = pulse.answer(w.people["mentee"], w.ids["session"], [5, 5, 5])
    assert (mine.side.value, mine.scores, mine.note) == ("mentor", (2, 3, 4), NOTE)
    assert theirs.side.value == "mentee"
    assert pulse.mine(w.people["mentor"], w.pair.id) == [mine]
    assert pulse.mine(w.people["mentee"], w.pair.id) == [theirs], "never the partner's"
    for role in ("lead", "admin", "outsider", "former"):
        with pytest.raises(PermissionDenied):
            pulse.mine(w.people[role], w.pair.id)


def test_answering_again_replaces_your_own_answer(world: World, pulse: PulseService):
    w = world
    first = pulse.answer(w.people["mentor"], w.ids["session"], (1, 1, 1), NOTE)
    w.tick(hours=2)
    again = pulse.answer(w.people["mentor"], w.ids["session"], (4, 4, 4))
    assert again.id == first.id and again.scores == (4, 4, 4) and again.note == ""
    assert pulse.mine(w.people["mentor"], w.pair.id) == [again]
    assert len(w.store.rows[PulseAnswer]) == 1


def test_only_the_pairs_members_answer(world: World, pulse: PulseService):
    w = world
    before = copy.deepcopy(w.store.rows)
    for role in ("lead", "admin", "outsider", "former"):
        with pytest.raises(PermissionDenied) as denied:
            pulse.answer(w.people[role], w.ids["session"], (3, 3, 3), NOTE)
        assert NOTE not in str(denied.value)
    assert w.store.rows == before


def test_not_before_the_session_was_held_nor_in_the_future(world: World, pulse: PulseService):
    w = world
    mentor = w.people["mentor"]
    planned = w.s.sessions.schedule(mentor, w.pair.id, w.clock.now - timedelta(hours=2))
    with pytest.raises(UserError, match="once the session is marked held"):
        pulse.answer(mentor, planned.id, (3, 3, 3))
    ahead = w.s.sessions.schedule(mentor, w.pair.id, w.clock.now + timedelta(days=2))
    w.s.sessions.mark(mentor, ahead.id, "held")
    with pytest.raises(UserError, match="time has come"):
        pulse.answer(mentor, ahead.id, (3, 3, 3))
    w.s.sessions.mark(mentor, planned.id, "held")
    assert pulse.answer(mentor, planned.id, (3, 3, 3)).session_id == planned.id


def test_not_after_open_days(world: World, pulse: PulseService):
    w = world
    mentor = w.people["mentor"]
    assert [s.id for s in pulse.pending(mentor, w.pair.id)] == [w.ids["session"]]
    w.tick(days=OPEN_DAYS)  # held a day before START + 2 days: now OPEN_DAYS + 1 ago
    assert pulse.pending(mentor, w.pair.id) == []
    with pytest.raises(UserError, match=f"open for {OPEN_DAYS} days"):
        pulse.answer(mentor, w.ids["session"], (3, 3, 3))


def test_pending_drops_a_session_once_you_answered_it(world: World, pulse: PulseService):
    w = world
    pulse.answer(w.people["mentee"], w.ids["session"], (3, 3, 3))
    assert pulse.pending(w.people["mentee"], w.pair.id) == []
    assert [s.id for s in pulse.pending(w.people["mentor"], w.pair.id)] == [w.ids["session"]]
    with pytest.raises(PermissionDenied):
        pulse.pending(w.people["outsider"], w.pair.id)


def test_a_pulse_needs_three_whole_scores_from_one_to_five(world: World, pulse: PulseService):
    w = world
    for bad in ((3, 3), (3, 3, 3, 3), (0, 3, 3), (3, 6, 3)):
        with pytest.raises(RuleViolation):
            pulse.answer(w.people["mentor"], w.ids["session"], bad)
    with pytest.raises(RuleViolation, match="at most"):
        pulse.answer(w.people["mentor"], w.ids["session"], (3, 3, 3), "x" * 2001)


def add_pairs(w: World, count: int) -> list[str]:
    """``count`` more pairs in the program, each with a session held yesterday."""
    made = []
    for n in range(count):
        mentor, mentee = f"pm{n}", f"pe{n}"
        for name in (mentor, mentee):
            w.people[name] = w.s.users.add(OPERATOR, name, "participant", PASSWORD)
        pair = w.s.pairs.add(OPERATOR, mentor, mentee).pair.id
        made.append(held_session(w, pair, mentor))
    return made


def test_the_trend_shows_no_figure_below_the_minimum_and_only_to_leads_and_admins(
    world: World, pulse: PulseService
):
    w = world
    pulse.answer(w.people["mentor"], w.ids["session"], (1, 1, 1), NOTE)
    sessions = add_pairs(w, 2)
    pulse.answer(w.people["pm0"], sessions[0], (5, 5, 5))
    for role in LEADS:
        trend = pulse.trend(w.people[role])
        assert not trend.disclosed and trend.withheld == 1, "two pairs answered: no figure"
    pulse.answer(w.people["pm1"], sessions[1], (3, 3, 3))
    trend = pulse.trend(w.people["lead"], w.ids["program"])
    assert trend.disclosed and {f.pairs for f in trend.figures} == {3}
    assert {f.mean for f in trend.figures} == {3.0}
    assert {row[1] for row in trend.rows()} == {"mentor"}
    assert NOTE not in dumped(trend)
    for role in ("mentor", "mentee", "outsider", "former"):
        with pytest.raises(PermissionDenied):
            pulse.trend(w.people[role])


def test_a_checkin_request_carries_no_answer_and_only_leads_read_it(
    world: World, pulse: PulseService
):
    w = world
    pulse.answer(w.people["mentor"], w.ids["session"], (1, 1, 1), NOTE)
    request = pulse.request_checkin(w.people["mentor"], w.pair.id)
    assert pulse.request_checkin(w.people["mentor"], w.pair.id) == request, "one open request"
    assert {f.name for f in fields(request)} == {
        "id",
        "pair_id",
        "author_id",
        "requested_at",
        "handled_at",
    }, "a request has no field for an answer"
    for role in ("lead", "admin", "outsider", "former"):
        with pytest.raises(PermissionDenied):
            pulse.request_checkin(w.people[role], w.pair.id)
    w.tick()
    later = pulse.request_checkin(w.people["mentee"], w.pair.id)
    views = pulse.checkin_requests(w.people["lead"])
    assert [v.request.id for v in views] == [request.id, later.id]
    assert (views[0].author, views[0].pair, views[0].program) == ("mentor", "mentor & mentee",
                                                                 "Pilot")  # fmt: skip
    assert NOTE not in dumped(views)
    assert {f.name for f in fields(CheckinView)} == {"request", "author", "pair", "program"}
    handled = pulse.mark_handled(w.people["lead"], request.id)
    assert handled.handled_at == w.clock.now
    assert [v.request.id for v in pulse.checkin_requests(w.people["lead"])] == [
        later.id,
        request.id,
    ], "open ones first"
    for role in ("admin", "mentor", "mentee", "outsider", "former"):
        with pytest.raises(PermissionDenied):
            pulse.checkin_requests(w.people[role])
        with pytest.raises(PermissionDenied):
            pulse.mark_handled(w.people[role], later.id)


@pytest.mark.parametrize("role", ROLES)
def test_no_method_returns_an_answer_to_anyone_but_its_author(
    world: World, pulse: PulseService, role: str
):
    """Whatever each role may call, the mentor's note and answer id never come back."""
    w = world
    answer = pulse.answer(w.people["mentor"], w.ids["session"], (2, 2, 2), NOTE)
    pulse.request_checkin(w.people["mentor"], w.pair.id)
    actor = w.people[role]
    calls = {
        "pending": lambda: pulse.pending(actor, w.pair.id),
        "mine": lambda: pulse.mine(actor, w.pair.id),
        "trend": lambda: pulse.trend(actor),
        "checkins": lambda: pulse.checkin_requests(actor),
    }
    for name, call in calls.items():
        try:
            result = call()
        except PermissionDenied:
            continue
        text = dumped(result)
        leaked = NOTE in text or answer.id in text
        assert not leaked or role == "mentor", (role, name)


def test_answers_and_requests_are_audited_without_content(world: World, pulse: PulseService):
    w = world
    answer = pulse.answer(w.people["mentor"], w.ids["session"], (2, 2, 2), NOTE)
    pulse.request_checkin(w.people["mentor"], w.pair.id)
    pulse.trend(w.people["lead"])
    entries = w.store.rows[AuditEntry].values()
    resources = {(e.resource, e.action.value) for e in entries}
    assert {("pulse_answer", "create"), ("checkin_request", "create"),
            ("pulse_trend", "read")} <= resources  # fmt: skip
    assert any(e.resource_id == answer.id for e in entries)
    assert NOTE not in repr(list(entries))
