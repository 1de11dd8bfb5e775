"""The learning timeline: built from the author's own approved summaries, checked sentences."""

from datetime import UTC, datetime, timedelta

import pytest

from coach.domain.actions import ActionItem, ActionStatus
from coach.domain.goals import Goal, GoalStatus
from coach.domain.sessions import Session, SessionStatus
from coach.domain.summaries import ConsentState, Summary
from coach.domain.timeline import (
    GoalMove,
    TimelineSentence,
    build,
    checked,
    first_clause,
    learned_points,
    only_learned,
    rule_sentences,
    sentence_problems,
)

pytestmark = pytest.mark.unit
T0 = datetime(2026, 3, 2, 15, tzinfo=UTC)
ME, PARTNER = "usr_me", "usr_partner"
DRAFTED = (
    "Key takeaways:\n- Dashboards beat printouts for the Monday meeting.\n- (none)\n\n"
    "Action items:\n- Ask two drivers (mentee)\n\nMutual benefit:\n- Mentor gained: x"
)


def session(number: int, days: int, status=SessionStatus.HELD) -> Session:
    at = T0 + timedelta(days=days)
    return Session(f"ses_{number}", "pair_1", number, at, 45, status, at)


SESSIONS = [session(1, 0), session(2, 14), session(3, 28), session(4, 42, SessionStatus.PLANNED)]


def summary(sid: str, number: int | None, state=ConsentState.APPROVED, author=ME, day=1):
    at = T0 + timedelta(days=day)
    session_id = f"ses_{number}" if number else None
    return Summary(sid, "pair_1", session_id, author, state, 1, at, at)


def goal(owner=ME, progress=50, status=GoalStatus.OPEN, moved_day: int | None = 20) -> Goal:
    updated = T0 + timedelta(days=moved_day) if moved_day is not None else T0
    return Goal("g", "pair_1", owner, "Read the dashboard", "", None, status, progress, T0, updated)


def action(owner=ME, status=ActionStatus.DONE, closed_day=16, text="Try the depot filter"):
    closed = T0 + timedelta(days=closed_day) if status is not ActionStatus.OPEN else None
    return ActionItem("a", "pair_1", None, owner, text, None, status, T0, closed)


def test_learned_points_are_the_takeaways_or_the_first_sentences():
    assert learned_points(DRAFTED) == ["Dashboards beat printouts for the Monday meeting."]
    hand = "Ground rules first. Priya leads the agenda. We meet weekly. Fourth sentence."
    assert learned_points(hand) == ["Ground rules first.", "Priya leads the agenda.",
                                    "We meet weekly."]  # fmt: skip


def test_only_my_approved_summaries_make_entries_in_session_order():
    written = [
        (summary("s3", 3, ConsentState.SHARED_PROGRAM, day=29), "I ask before I tell."),
        (summary("s1", 1), DRAFTED),
        (summary("s2", 2, ConsentState.DRAFT, day=15), "A draft I have not approved."),
        (summary("p1", 2, ConsentState.SHARED_PROGRAM, PARTNER, 15), "My partner's view."),
    ]
    entries = build(ME, written, SESSIONS)
    assert [(e.number, e.summary_ids) for e in entries] == [(1, ("s1",)), (3, ("s3",))]
    assert entries[0].learned == ("Dashboards beat printouts for the Monday meeting.",)
    assert entries[1].learned == ("I ask before I tell.",)


def test_a_summary_without_a_session_goes_to_the_last_held_session_before_it():
    entries = build(ME, [(summary("s", None, day=20), "Dashboards first.")], SESSIONS)
    assert [e.number for e in entries] == [2]


def test_my_moved_goals_and_closed_actions_land_in_their_sessions_window():
    goals = [goal(), goal(PARTNER), goal(progress=0), goal(moved_day=None),
             goal(progress=0, status=GoalStatus.ACHIEVED, moved_day=30)]  # fmt: skip
    actions = [action(), action(PARTNER), action(status=ActionStatus.DROPPED),
               action(status=ActionStatus.OPEN)]  # fmt: skip
    entries = build(ME, [], SESSIONS, goals, actions)
    by_number = {e.number: e for e in entries}
    assert set(by_number) == {2, 3}
    assert by_number[2].goals == (GoalMove("Read the dashboard", 50, GoalStatus.OPEN),)
    assert by_number[2].actions == ("Try the depot filter",)
    assert [g.status for g in by_number[3].goals] == [GoalStatus.ACHIEVED]
    assert only_learned(entries) == []  # what others may read rests on summaries alone


def test_others_get_learned_points_only():
    entries = build(
        ME, [(summary("s1", 1), DRAFTED)], SESSIONS, [goal(moved_day=3)], [action(closed_day=2)]
    )
    assert entries[0].goals and entries[0].actions
    (shown,) = only_learned(entries)
    assert shown.learned == entries[0].learned and not shown.goals and not shown.actions


ENTRIES = build(
    ME,
    [(summary("s1", 1), "I used to want printouts of the dashboard."),
     (summary("s3", 3, day=29), "Asking Priya questions teaches me more than a demo.")],
    SESSIONS,
)  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "problem"),
    [(TimelineSentence("I no longer want printouts of the dashboard.", (1,)), None),
     (TimelineSentence("I learn more from asking Priya than from a demo.", (1, 3)), None),
     (TimelineSentence("I read the dashboard.", (2,)), "cites a session"),  # no summary
     (TimelineSentence("I read the dashboard.", ()), "cites a session"),
     (TimelineSentence("I asked Priya 12 questions.", (3,)), "adds 12"),
     (TimelineSentence("Since March I read it.", (1,)), "adds march"),
     (TimelineSentence("I now read {goal} alone.", (1,)), "placeholder"),
     (TimelineSentence("我学会了看仪表板。", (1,)), "outside the user's script"),
     (TimelineSentence("  ", (1,)), "is empty"),
     (TimelineSentence("I used to fear honest feedback; now I welcome it.", (1,)),
      "says more than"),  # a before and after the notes never state
     (TimelineSentence("I read the dashboard now.", (1,)), "says more than")],  # one word shared
)  # fmt: skip
def test_each_paragraph_sentence_is_checked(sentence, problem):
    found = sentence_problems(sentence, ENTRIES)
    if problem is None:
        assert found == []
    else:
        assert any(problem in f for f in found), found


def test_checked_drops_failures_and_loops_and_keeps_at_most_four():
    good = [
        TimelineSentence("I no longer want printouts of the dashboard.", (1,)),
        TimelineSentence("Questions to Priya teach me more than demos.", (3,)),
        TimelineSentence("I read the dashboard instead of printouts.", (1,)),
        TimelineSentence("I ask Priya questions rather than watch a demo.", (3,)),
        TimelineSentence("The dashboard replaces my printouts.", (1,)),
    ]
    loop = TimelineSentence("I no longer want printouts of the dashboard.", (1,))
    kept, notes = checked([good[0], loop, TimelineSentence("Bad.", (9,)), *good[1:]], ENTRIES)
    assert [s.text for s in kept] == [s.text for s in good[:4]]
    assert any("repeats" in n for n in notes) and any("cites a session" in n for n in notes)


def test_rule_sentences_name_each_session_and_its_first_clause():
    assert first_clause("First session: agreed ground rules, and a focus; more") == (
        "Agreed ground rules."
    )
    assert rule_sentences(ENTRIES) == [
        TimelineSentence("Session 1: I used to want printouts of the dashboard.", (1,)),
        TimelineSentence("Session 3: Asking Priya questions teaches me more than a demo.", (3,)),
    ]
