from datetime import UTC, date, datetime, timedelta

import pytest

from coach.domain.fit import FitAnswer, FitResponse, FitSignal
from coach.domain.goals import Goal, GoalStatus
from coach.domain.health import HealthFlag, pair_health
from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.sessions import Session, SessionStatus

pytestmark = pytest.mark.unit
START = date(2026, 1, 5)
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def program(**overrides) -> Program:
    fields = dict(id="prg", name="P", objectives=(), start_date=START,
                  end_date=date(2026, 12, 1), cadence_days=14, session_minutes=45,
                  stall_days=21, created_at=T0)  # fmt: skip
    return Program(**{**fields, **overrides})


def pair(status: PairStatus = PairStatus.ACTIVE) -> Pair:
    return Pair("pair", "prg", "mentor", "mentee", Profile(), Profile(), status, T0)


def session(day: int, status: SessionStatus = SessionStatus.HELD, number: int = 1) -> Session:
    when = datetime.combine(START + timedelta(days=day), datetime.min.time(), tzinfo=UTC)
    return Session(f"s{number}", "pair", number, when, 45, status, T0)


def goal(progress: int, status: GoalStatus = GoalStatus.OPEN) -> Goal:
    return Goal(f"g{progress}{status}", "pair", "mentee", "x", "", None, status, progress, T0, T0)


def health(sessions=(), goals=(), fits=(), today_day=0, the_pair=None, **program_fields):
    today = START + timedelta(days=today_day)
    return pair_health(the_pair or pair(), program(**program_fields), sessions, goals, fits, today)


def test_stalled_from_21_days_without_a_session_not_before():
    assert not health([session(0)], today_day=20).stalled
    stalled = health([session(0)], today_day=21)
    assert stalled.stalled and stalled.days_since_last_session == 21


def test_the_stall_threshold_is_a_program_setting():
    assert health([session(0)], today_day=10, stall_days=10).stalled


def test_cancelled_and_planned_sessions_do_not_count_as_held():
    sessions = [
        session(0),
        session(20, SessionStatus.CANCELLED, 2),
        session(30, SessionStatus.PLANNED, 3),
    ]
    result = health(sessions, today_day=25)
    assert (result.sessions_held, result.days_since_last_session) == (1, 25)


def test_a_pair_that_never_met_idles_from_the_program_start():
    result = health(today_day=30)
    assert result.days_since_last_session is None
    assert result.days_idle == 30 and result.stalled


def test_paused_pairs_are_not_flagged_as_stalled_or_overdue():
    result = health([session(0)], today_day=60, the_pair=pair(PairStatus.PAUSED))
    assert HealthFlag.STALLED not in result.flags and HealthFlag.OVERDUE not in result.flags


def test_overdue_once_past_the_cadence():
    assert HealthFlag.OVERDUE not in health([session(0)], today_day=14).flags
    assert HealthFlag.OVERDUE in health([session(0)], today_day=15).flags


def test_sessions_held_against_planned():
    held = [session(day, number=n) for n, day in enumerate((0, 14, 28), start=1)]
    on_plan = health(held, [goal(10)], today_day=56)
    assert (on_plan.sessions_held, on_plan.sessions_planned) == (3, 4)
    assert HealthFlag.BEHIND_PLAN not in on_plan.flags  # one behind is within tolerance
    behind = health(held[:1], [goal(10)], today_day=56)
    assert HealthFlag.BEHIND_PLAN in behind.flags


def test_goal_progress_counts_achieved_as_done_and_ignores_dropped():
    goals = [goal(40), goal(30, GoalStatus.ACHIEVED), goal(90, GoalStatus.DROPPED)]
    assert health([session(0)], goals).goal_progress == 70.0
    assert HealthFlag.NO_GOALS in health([session(0)]).flags


def test_fit_answers_reach_the_lead_without_reasons():
    fits = [
        FitResponse("pair", "mentor", FitAnswer.GOOD, "", T0),
        FitResponse("pair", "mentee", FitAnswer.NOT_GOOD, "private: he checks his phone", T0),
    ]
    result = health([session(0)], fits=fits)
    assert result.fit == FitSignal(mentor=FitAnswer.GOOD, mentee=FitAnswer.NOT_GOOD)
    assert HealthFlag.FIT_CONCERN in result.flags
    assert "phone" not in repr(result)


def test_a_session_marked_held_before_its_planned_day_was_held_today_not_in_the_future():
    early = health([session(3)], today_day=1)  # planned for day 3, marked held on day 1
    assert early.days_since_last_session == 0 and early.sessions_held == 1
