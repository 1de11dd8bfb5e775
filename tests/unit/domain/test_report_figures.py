"""The program report's figures, the minimum group, the recommendations and the sections."""

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from coach.domain.fit import FitAnswer, FitResponse
from coach.domain.goals import Goal, GoalStatus
from coach.domain.health import pair_health
from coach.domain.pairs import Pair, PairStatus, Profile
from coach.domain.programs import Program
from coach.domain.report import (
    OutcomeChange,
    OutcomeSummary,
    PairFacts,
    PulseFigure,
    PulseSummary,
)
from coach.domain.report_figures import assemble, cadence_by_month, month_starts
from coach.domain.report_sections import NOT_COLLECTED, sections
from coach.domain.sessions import Session, SessionStatus
from coach.domain.themes import Theme

pytestmark = pytest.mark.unit
START = date(2026, 1, 5)
T0 = datetime(2026, 1, 1, tzinfo=UTC)
PROGRAM = Program("prg", "Pilot", (), START, date(2026, 7, 5), 14, 45, 21, T0)


def day(n: int) -> date:
    return START + timedelta(days=n)


def facts(name: str, held_days=(), goals=(), fits=(), today=90, status=PairStatus.ACTIVE,
          created: date | None = None) -> PairFacts:  # fmt: skip
    created_at = datetime.combine(created or START - timedelta(days=7), datetime.min.time(), UTC)
    pair = Pair(name, "prg", f"{name}-mentor", f"{name}-mentee", Profile(), Profile(), status,
                created_at)  # fmt: skip
    sessions = [
        Session(f"{name}{i}", name, i + 1,
                datetime.combine(day(d), datetime.min.time(), UTC), 45, SessionStatus.HELD, T0)
        for i, d in enumerate(held_days)
    ]  # fmt: skip
    goal_rows = [Goal(f"{name}g{i}", name, pair.mentee_id, "secret goal", "", None, s, p, T0, T0)
                 for i, (p, s) in enumerate(goals)]  # fmt: skip
    fit_rows = [FitResponse(name, f"{name}-{side}", FitAnswer(a), "secret reason", T0)
                for side, a in fits]  # fmt: skip
    health = pair_health(pair, PROGRAM, sessions, goal_rows, fit_rows, day(today))
    began = max(created_at.date(), START)
    return PairFacts(f"M{name} & S{name}", health, began, tuple(day(d) for d in held_days))


def healthy(name: str, **kw) -> PairFacts:
    return facts(name, held_days=range(0, 90, 14), goals=[(60, GoalStatus.OPEN)], **kw)


def test_months_run_from_the_start_and_planned_adds_up_to_pair_health():
    pairs = [healthy("a"), facts("b", held_days=(3,)), facts("c", created=day(40))]
    months = cadence_by_month(PROGRAM, pairs, day(90))
    assert [m.month for m in months] == month_starts(START, day(90))
    assert [m.month for m in months][:2] == [date(2026, 1, 1), date(2026, 2, 1)]
    assert sum(m.planned for m in months) == sum(p.health.sessions_planned for p in pairs)
    assert sum(m.held for m in months) == 8


def test_participation_stalls_and_goals():
    pairs = [healthy("a"), healthy("b"), facts("c", held_days=(3, 20)),
             facts("d", status=PairStatus.PAUSED)]  # fmt: skip
    report = assemble(PROGRAM, pairs, day(90))
    p = report.participation
    assert (p.pairs, p.met_once, p.met_three, p.sessions_held) == (4, 3, 2, 16)
    assert dict(p.by_status) == {"active": 3, "paused": 1}
    assert [s.label for s in report.stalled] == ["Mc & Sc"]
    assert report.stalled[0].days_idle == 70
    assert report.goals.pairs_without_goals == 2 and report.goals.mean_progress == 60


def test_fit_is_counted_per_side_only_from_the_minimum_group():
    pairs = [
        healthy(n, fits=[("mentor", "good_fit"), ("mentee", a)])
        for n, a in zip("abc", ("good_fit", "not_a_good_fit", "still_deciding"), strict=True)
    ]
    pairs.append(healthy("d", fits=[("mentee", "good_fit")]))
    fit = assemble(PROGRAM, pairs, day(90)).fit
    assert [s.side for s in fit.sides] == ["mentor", "mentee"]
    mentee = dict(fit.sides[1].counts)
    assert mentee == {"good_fit": 2, "still_deciding": 1, "not_a_good_fit": 1}
    small = assemble(PROGRAM, pairs, day(90), min_group=4).fit
    assert [s.side for s in small.sides] == ["mentee"] and small.withheld == ("mentor",)


def test_pulse_and_outcome_figures_below_the_minimum_are_dropped():
    pulse = PulseSummary((
        PulseFigure("2026-02", "mentor", "I could disagree openly", 3.9, 4),
        PulseFigure("2026-03", "mentor", "I could disagree openly", 2.5, 2),
        PulseFigure("2026-03", "mentee", "I learned something new", 2.4, 3),
    ))  # fmt: skip
    outcomes = OutcomeSummary((
        OutcomeChange("mentor", "overall", 23.0, 29.0, 6.0, 3.5, 8.5, 5),
        OutcomeChange("mentee", "overall", 25.0, 24.0, -1.0, -2.0, -0.2, 2),
    ))  # fmt: skip
    report = assemble(PROGRAM, [healthy("a")], day(90), pulse=pulse, outcomes=outcomes)
    assert [f.pairs for f in report.pulse.figures] == [4, 3]
    assert [c.side for c in report.outcomes.changes] == ["mentor"]
    figures = [r.figure for r in report.recommendations if r.section in ("safety", "outcomes")]
    assert figures == ["mentees' mean for 'I learned something new' was 2.4 of 5 in 2026-03 "
                       "(3 pairs)"]  # fmt: skip


def by_key(report):
    return {s.key: s for s in sections(report)}


def test_sections_say_not_collected_yet_until_the_pulse_and_outcomes_arrive():
    shown = by_key(assemble(PROGRAM, [healthy("a")], day(90)))
    assert list(shown) == [
        "summary",
        "recommendations",
        "participation",
        "sessions",
        "stalled",
        "goals",
        "fit",
        "safety",
        "outcomes",
        "themes",
        "about",
    ]
    for key in ("safety", "outcomes"):
        assert shown[key].lines[0].startswith(NOT_COLLECTED) and not shown[key].charts
    empty = by_key(assemble(PROGRAM, [healthy("a")], day(90), pulse=PulseSummary(()),
                            outcomes=OutcomeSummary(())))  # fmt: skip
    assert "fewer than 3 pairs" in empty["safety"].lines[0]
    assert "Fewer than 3 pairs" in empty["outcomes"].lines[0]


def test_sections_with_pulse_and_outcomes_have_charts_and_tables():
    pulse = PulseSummary(
        tuple(
            PulseFigure(p, "mentor", q, 4.0, 3)
            for p in ("2026-02", "2026-03")
            for q in ("I could disagree openly", "I was listened to")
        )
    )
    outcomes = OutcomeSummary((OutcomeChange("mentor", "overall", 23, 29, 6, 3.5, 8.5, 5),))
    shown = by_key(assemble(PROGRAM, [healthy("a")], day(90), pulse=pulse, outcomes=outcomes))
    assert shown["safety"].charts[0].kind == "line" and len(shown["safety"].tables[0].rows) == 4
    assert shown["outcomes"].tables[0].rows[0][4] == "+6.0 (+3.5 to +8.5)"


def test_every_recommendation_names_the_figure_that_triggered_it():
    pairs = [healthy("a"), healthy("b"), facts("c", held_days=(3,)), facts("d"),
             facts("e", held_days=(2, 16), goals=[(0, GoalStatus.OPEN)])]  # fmt: skip
    report = assemble(PROGRAM, pairs, day(90))
    figures = [(r.section, r.figure) for r in report.recommendations]
    assert figures[:3] == [
        ("stalled", "3 of 5 active pairs have not met in 21 days or more"),
        ("participation", "17 of 30 planned sessions were held (57%)"),
        ("participation", "March 2026: 6 of 15 planned sessions were held"),
    ]
    assert ("participation", "3 of 5 pairs have held fewer than 3 sessions") in figures
    assert ("goals", "2 of 5 pairs have set no goal") in figures
    lines = by_key(report)["recommendations"].lines
    assert lines[0] == (
        "3 of 5 active pairs have not met in 21 days or more → nudge them, and ask whether the "
        "slot or the match needs changing."
    )


def test_no_rule_fires_for_a_healthy_program():
    pairs = [healthy(n) for n in "abc"]
    report = assemble(PROGRAM, pairs, day(90))
    assert report.recommendations == ()
    assert "No rule was triggered" in by_key(report)["recommendations"].lines[0]


def test_the_report_holds_no_goal_text_and_no_fit_reason():
    pairs = [healthy(n, fits=[("mentor", "not_a_good_fit")]) for n in "abc"]
    report = assemble(PROGRAM, pairs, day(90), (Theme("ground rules", 3, 3),), 3)
    text = repr(report) + repr(sections(report))
    assert "secret" not in text
    assert by_key(report)["themes"].tables[0].rows == (("ground rules", "3", "3"),)


def test_themes_section_when_nothing_was_shared():
    report = replace(assemble(PROGRAM, [healthy("a")], day(90)), shared_summaries=0)
    assert by_key(report)["themes"].lines == ("No summary has been shared with the program yet.",)
