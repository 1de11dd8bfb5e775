from datetime import timedelta

import pytest

from coach.domain.common import RuleViolation
from coach.domain.fit import FitAnswer
from coach.services.access import OPERATOR
from coach.services.errors import NotFound
from tests.unit.services.conftest import SECRETS, World

pytestmark = pytest.mark.unit


def test_participants_list_only_their_own_pairs(world: World):
    assert [c.pair.id for c in world.s.pairs.list(world.people["mentor"])] == [world.pair.id]
    assert [c.pair.id for c in world.s.pairs.list(world.people["outsider"])] == [
        world.other_pair.id
    ]
    assert len(world.s.pairs.list(world.people["lead"])) == 2


def test_pairs_are_made_of_active_participants(world: World):
    with pytest.raises(RuleViolation, match="not an active participant"):
        world.s.pairs.add(OPERATOR, "lead", "spare1")
    with pytest.raises(NotFound):
        world.s.pairs.add(OPERATOR, "ghost", "spare1")


def test_the_lead_sees_fit_answers_but_never_the_reasons(world: World):
    healths = world.s.health.program(world.people["lead"])
    mine = next(h for h in healths if h.pair_id == world.pair.id)
    assert mine.fit.mentee is FitAnswer.NOT_GOOD and mine.fit.mentor is None
    assert SECRETS["fit_reason"] not in repr(healths)
    own = world.s.sessions.my_fit(world.people["mentee"], world.pair.id)
    assert own.private_reason == SECRETS["fit_reason"]


def test_the_fit_question_opens_after_the_first_held_session(world: World):
    with pytest.raises(RuleViolation, match="after the first session"):
        world.s.sessions.answer_fit(world.people["outsider"], world.other_pair.id, "good_fit")


def test_health_follows_the_clock(world: World):
    lead = world.people["lead"]
    assert not world.s.health.pair(lead, world.pair.id).stalled
    world.tick(days=30)
    assert world.s.health.pair(lead, world.pair.id).stalled


def test_sessions_are_numbered_per_pair(world: World):
    mentor = world.people["mentor"]
    later = world.clock.now + timedelta(days=14)
    assert world.s.sessions.schedule(mentor, world.pair.id, later).number == 2
    outsider = world.people["outsider"]
    assert world.s.sessions.schedule(outsider, world.other_pair.id, later).number == 1


def test_open_action_items_carry_over_and_closed_ones_do_not(world: World):
    mentor = world.people["mentor"]
    assert [a.id for a in world.s.plans.carry_over(mentor, world.pair.id)] == [world.ids["action"]]
    world.s.plans.set_action_status(mentor, world.ids["action"], "done")
    assert world.s.plans.carry_over(mentor, world.pair.id) == []
