"""OutcomeService on the in-memory store: who answers, when, and who sees what.

The world's program runs 1 Mar to 1 Sep 2026 and its clock stands on 4 Mar: the start window
(22 Feb to 22 Mar) is open. The mid-point is 1 Jun (open 18 May to 15 Jun), the end 1 Sep
(open 18 Aug to 22 Sep).
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.common import RuleViolation
from coach.domain.outcome_change import Comparison
from coach.domain.outcomes import ITEMS, OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Side
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from coach.services.outcomes import OutcomeService
from tests.unit.services.conftest import PASSWORD, World

pytestmark = pytest.mark.unit

LOW, HIGH = (2, 2, 3, 2, 3, 2, 2), (4, 4, 4, 3, 4, 4, 5)
MIDPOINT = datetime(2026, 6, 1, 9, tzinfo=UTC)


def service(world: World, min_group: int = 3) -> OutcomeService:
    return OutcomeService(world.store, world.clock, min_group)


def more_pairs(world: World, count: int) -> list[tuple]:
    """``count`` further pairs in the program, as (mentor, mentee, pair id)."""
    made = []
    for i in range(count):
        mentor = world.s.users.add(OPERATOR, f"m{i}", "participant", PASSWORD)
        mentee = world.s.users.add(OPERATOR, f"e{i}", "participant", PASSWORD)
        made.append((mentor, mentee, world.s.pairs.add(OPERATOR, mentor.username,
                                                       mentee.username).pair.id))  # fmt: skip
    return made


def test_only_the_members_answer_each_for_their_own_side(world: World):
    outcomes = service(world)
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    assert outcomes.answer(mentor, world.pair.id, LOW).side is Side.MENTOR
    assert outcomes.answer(mentee, world.pair.id, HIGH).side is Side.MENTEE
    for name in ("lead", "admin", "outsider"):
        with pytest.raises(PermissionDenied, match="only the two members"):
            outcomes.answer(world.people[name], world.pair.id, LOW)
    for actor in (OPERATOR, world.people["former"]):  # the command line; a deactivated lead
        with pytest.raises(PermissionDenied):
            outcomes.answer(actor, world.pair.id, LOW)
    with pytest.raises(RuleViolation, match="7 answers"):
        outcomes.answer(mentor, world.pair.id, LOW[:6])
    with pytest.raises(RuleViolation, match="1 to 5"):
        outcomes.answer(mentor, world.pair.id, (6, *LOW[1:]))


def test_due_offers_the_open_checkpoint_until_it_is_answered(world: World):
    outcomes = service(world)
    mentee = world.people["mentee"]
    due = outcomes.due(mentee, world.pair.id)
    assert due is not None and due.checkpoint is OutcomeCheckpoint.START
    assert due.items == ITEMS[Side.MENTEE] and due.program == "Pilot" and due.mine is None
    assert str(due.closes) == "2026-03-22"
    outcomes.answer(mentee, world.pair.id, HIGH)
    assert outcomes.due(mentee, world.pair.id) is None
    window = outcomes.window(mentee, world.pair.id)
    assert window is not None and window.mine is not None and window.mine.scores == HIGH
    assert outcomes.due(world.people["mentor"], world.pair.id) is not None  # the partner's own
    with pytest.raises(PermissionDenied):
        outcomes.due(world.people["lead"], world.pair.id)


def test_answering_again_in_the_window_replaces_your_own_answer(world: World):
    outcomes = service(world)
    mentor = world.people["mentor"]
    first = outcomes.answer(mentor, world.pair.id, LOW)
    world.tick(days=1)
    second = outcomes.answer(mentor, world.pair.id, HIGH)
    assert second.id == first.id
    assert [(a.checkpoint, a.scores) for a in outcomes.mine(mentor, world.pair.id)] == [
        (OutcomeCheckpoint.START, HIGH)
    ]
    with world.store.transaction(write=False) as tx:
        entries = [e for e in tx.find(AuditEntry) if e.resource == "self_assessment"]
    assert [(e.action, e.resource_id, e.actor_id) for e in entries] == [
        (AuditAction.CREATE, first.id, mentor.id), (AuditAction.UPDATE, first.id, mentor.id)
    ]  # fmt: skip


def test_outside_every_window_an_answer_is_refused_with_when_the_next_opens(world: World):
    outcomes = service(world)
    mentor = world.people["mentor"]
    world.clock.now = datetime(2026, 4, 15, 9, tzinfo=UTC)
    assert outcomes.due(mentor, world.pair.id) is None
    with pytest.raises(UserError, match="the midpoint one opens on 18 May 2026"):
        outcomes.answer(mentor, world.pair.id, LOW)
    world.clock.now = datetime(2026, 9, 23, 9, tzinfo=UTC)
    with pytest.raises(UserError, match="the last one closed on 22 Sep 2026"):
        outcomes.answer(mentor, world.pair.id, LOW)
    world.clock.now = MIDPOINT
    assert outcomes.answer(mentor, world.pair.id, LOW).checkpoint is OutcomeCheckpoint.MIDPOINT


def test_a_pair_closed_by_an_admin_has_no_self_assessment(world: World):
    outcomes = service(world)
    world.s.pairs.set_status(OPERATOR, world.pair.id, "closed")
    assert outcomes.due(world.people["mentor"], world.pair.id) is None
    with pytest.raises(UserError, match="closed by an admin"):
        outcomes.answer(world.people["mentor"], world.pair.id, LOW)


def test_nobody_but_the_author_ever_reads_an_answer(world: World):
    outcomes = service(world)
    mentor, mentee = world.people["mentor"], world.people["mentee"]
    outcomes.answer(mentor, world.pair.id, LOW)
    assert outcomes.mine(mentee, world.pair.id) == []  # the partner sees only their own
    assert outcomes.window(mentee, world.pair.id).mine is None
    for name in ("lead", "admin", "outsider"):
        with pytest.raises(PermissionDenied):
            outcomes.mine(world.people[name], world.pair.id)
        with pytest.raises(PermissionDenied):
            outcomes.window(world.people[name], world.pair.id)
    with pytest.raises(PermissionDenied):
        outcomes.mine(OPERATOR, world.pair.id)
    # A new public method must be added here once it is checked for whose answers it shows.
    public = {name for name in dir(outcomes) if not name.startswith("_")}
    methods = {"answer", "change", "due", "every_program", "mine", "window"}
    assert public == methods | {"clock", "min_group", "not_member", "store"}


def answer_everyone(world: World, outcomes: OutcomeService, pairs: list[tuple]) -> None:
    """Every member of ``pairs`` answers at the start and at the mid-point."""
    world.clock.now = datetime(2026, 3, 4, 9, tzinfo=UTC)
    for mentor, mentee, pair_id in pairs:
        outcomes.answer(mentor, pair_id, LOW)
        outcomes.answer(mentee, pair_id, HIGH)
    world.clock.now = MIDPOINT
    for mentor, mentee, pair_id in pairs:
        outcomes.answer(mentor, pair_id, HIGH)
        outcomes.answer(mentee, pair_id, HIGH)


def test_the_lead_sees_no_figure_below_the_minimum(world: World):
    outcomes = service(world)
    pairs = more_pairs(world, 3)
    answer_everyone(world, outcomes, pairs[:2])
    lead = world.people["lead"]
    found = outcomes.change(lead)
    assert found.program == "Pilot" and found.changes.figures == ()
    assert found.changes.withheld == 2  # one figure per side, each from 2 pairs
    answer_everyone(world, outcomes, pairs[2:])
    shown = outcomes.change(lead, world.ids["program"]).changes
    assert [(f.side, f.comparison, f.people) for f in shown.figures] == [
        (Side.MENTOR, Comparison.START_TO_MIDPOINT, 3),
        (Side.MENTEE, Comparison.START_TO_MIDPOINT, 3),
    ]
    assert shown.figures[0].change == pytest.approx(sum(HIGH) - sum(LOW))
    assert shown.figures[1].change == 0
    assert service(world, min_group=4).change(lead).changes.figures == ()
    assert [p.changes for p in outcomes.every_program(lead)] == [shown]


def test_only_a_lead_or_an_admin_sees_the_change_and_it_is_audited_by_program(world: World):
    outcomes = service(world)
    for actor in (world.people["lead"], world.people["admin"], OPERATOR):
        assert outcomes.change(actor).program_id == world.ids["program"]
    for name in ("mentor", "mentee", "outsider", "former"):
        with pytest.raises(PermissionDenied):
            outcomes.change(world.people[name])
        with pytest.raises(PermissionDenied):
            outcomes.every_program(world.people[name])
    with world.store.transaction(write=False) as tx:
        entries = [e for e in tx.find(AuditEntry) if e.resource == "program_outcomes"]
    assert {e.resource_id for e in entries} == {world.ids["program"]} and len(entries) == 3


def test_answers_live_under_the_program_and_pair_they_were_given_in(world: World):
    outcomes = service(world)
    saved = outcomes.answer(world.people["mentor"], world.pair.id, LOW)
    with world.store.transaction(write=False) as tx:
        (stored,) = tx.find(SelfAssessment)
    assert stored == saved
    assert (stored.program_id, stored.pair_id) == (world.ids["program"], world.pair.id)
