from datetime import UTC, date, datetime

import pytest

from coach.domain.actions import ActionItem, ActionStatus, carried_over
from coach.domain.common import RuleViolation
from coach.domain.goals import Goal, GoalStatus
from coach.domain.pairs import Pair, PairStatus, Profile, Side
from coach.domain.programs import Program
from coach.domain.reflections import Reflection, Visibility
from coach.domain.users import Role, User, check_password

pytestmark = pytest.mark.unit
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def test_a_pair_needs_two_different_people_and_knows_their_sides():
    with pytest.raises(RuleViolation):
        Pair("p", "prg", "u1", "u1", Profile(), Profile(), PairStatus.ACTIVE, T0)
    pair = Pair("p", "prg", "u1", "u2", Profile(), Profile(), PairStatus.ACTIVE, T0)
    assert (pair.side_of("u1"), pair.side_of("u2"), pair.side_of("u3")) == (
        Side.MENTOR, Side.MENTEE, None,
    )  # fmt: skip
    assert (pair.partner_of("u1"), pair.partner_of("u3")) == ("u2", None)


@pytest.mark.parametrize("username", ["a", "Alice", "al ice", "x" * 41, "-lead"])
def test_usernames_are_short_lowercase_words(username):
    with pytest.raises(RuleViolation):
        User("u", username, Role.LEAD, "", True, T0)


def test_stored_times_must_be_timezone_aware():
    with pytest.raises(RuleViolation, match="timezone"):
        User("u", "alice", Role.LEAD, "", True, datetime(2026, 1, 1))


def test_short_passwords_are_refused():
    with pytest.raises(RuleViolation):
        check_password("short")
    check_password("long enough!")


def test_program_dates_and_rhythm_are_checked():
    with pytest.raises(RuleViolation, match="end after"):
        Program("p", "P", (), date(2026, 2, 1), date(2026, 1, 1), 14, 45, 21, T0)
    with pytest.raises(RuleViolation, match="cadence"):
        Program("p", "P", (), date(2026, 1, 1), date(2026, 2, 1), 0, 45, 21, T0)


def test_goal_progress_is_a_percentage():
    with pytest.raises(RuleViolation):
        Goal("g", "p", "u", "text", "", None, GoalStatus.OPEN, 101, T0, T0)


def test_reflections_cannot_be_empty():
    with pytest.raises(RuleViolation):
        Reflection("r", "p", None, "u", "  ", Visibility.PRIVATE, T0)


def item(name: str, due: date | None, status=ActionStatus.OPEN, minute: int = 0) -> ActionItem:
    closed = None if status is ActionStatus.OPEN else T0
    return ActionItem(name, "p", None, "u", name, due, status, T0.replace(minute=minute), closed)


def test_open_action_items_carry_over_soonest_first_undated_last():
    items = [
        item("undated", None),
        item("done", date(2026, 1, 2), ActionStatus.DONE),
        item("later", date(2026, 3, 1)),
        item("sooner", date(2026, 2, 1)),
        item("undated-newer", None, minute=5),
    ]
    assert [i.id for i in carried_over(items)] == ["sooner", "later", "undated", "undated-newer"]


def test_a_closed_action_item_has_a_closing_time():
    with pytest.raises(RuleViolation):
        ActionItem("a", "p", None, "u", "x", None, ActionStatus.DONE, T0, None)
