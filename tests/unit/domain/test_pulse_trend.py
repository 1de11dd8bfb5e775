"""The lead's pulse trend: figures per month, side and question; withheld below the minimum
group, counted per side; no figure beside another that would give a small group away."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from coach.domain.pairs import Pair, PairStatus, Profile, Side
from coach.domain.pulse import QUESTIONS, PulseAnswer
from coach.domain.pulse_trend import WHOLE, pulse_trend, shown_cells
from coach.domain.pulse_trend import _cells as cells_of
from coach.domain.sessions import Session, SessionStatus

pytestmark = pytest.mark.unit
T0 = datetime(2026, 1, 1, tzinfo=UTC)


class Pulses:
    """Pairs in programs, one held session per pair and month, and their answers."""

    def __init__(self) -> None:
        self.pairs: dict[str, Pair] = {}
        self.sessions: dict[str, Session] = {}
        self.answers: list[PulseAnswer] = []

    def pair(self, name: str, program: str = "prg") -> Pair:
        if name not in self.pairs:
            self.pairs[name] = Pair(name, program, f"{name}-mentor", f"{name}-mentee",
                                    Profile(), Profile(), PairStatus.ACTIVE, T0)  # fmt: skip
        return self.pairs[name]

    def answer(self, name: str, month: int, side: Side = Side.MENTOR, score: int = 4,
               program: str = "prg", day: int = 10) -> None:  # fmt: skip
        pair = self.pair(name, program)
        key = f"{name}-{month}-{day}"
        when = datetime(2026, month, day, 15, tzinfo=UTC)
        self.sessions.setdefault(key, Session(key, name, len(self.sessions) + 1, when, 60,
                                              SessionStatus.HELD, T0))  # fmt: skip
        author = pair.mentor_id if side is Side.MENTOR else pair.mentee_id
        self.answers.append(PulseAnswer(f"pls-{len(self.answers)}", name, key, author, side,
                                        (score,) * 3, "", when))  # fmt: skip

    def trend(self, program: str | None = None, min_group: int = 3):
        return pulse_trend(self.answers, self.sessions.values(), self.pairs.values(), program,
                           min_group)  # fmt: skip


def test_fewer_pairs_than_the_minimum_show_no_figure_at_all():
    p = Pulses()
    for name in "ab":
        p.answer(name, 3)
        p.answer(name, 3, Side.MENTEE)
    trend = p.trend()
    assert not trend.disclosed and trend.rows() == [] and trend.withheld == 1
    assert p.trend(min_group=2).disclosed, "the same answers pass a minimum of two"


def test_the_minimum_is_counted_per_side():
    p = Pulses()
    for name in "abc":
        p.answer(name, 3, Side.MENTOR, 5)
    for name in "ab":
        p.answer(name, 3, Side.MENTEE, 1)
    trend = p.trend()
    assert {f.side for f in trend.figures} == {Side.MENTOR}
    assert [f.question for f in trend.figures] == [q.key for q in QUESTIONS[Side.MENTOR]]
    assert all(f.mean == 5 and f.pairs == 3 and f.period == "2026-03" for f in trend.figures)
    assert trend.withheld == 1, "March's mentee figures are withheld"


def test_each_pair_counts_once_in_a_figure():
    p = Pulses()
    p.answer("a", 3, score=5, day=3)
    p.answer("a", 3, score=3, day=17)  # pair a: mean 4
    p.answer("b", 3, score=2)
    p.answer("c", 3, score=3)
    first = p.trend().figures[0]
    assert first.pairs == 3 and first.mean == pytest.approx((4 + 2 + 3) / 3)


def test_the_whole_time_figure_is_withheld_beside_every_month_but_a_small_one():
    p = Pulses()
    for month in (1, 2):
        for name in "abc":
            p.answer(name, month)
    p.answer("a", 3, score=1)  # March: pair a alone
    trend = p.trend()
    assert sorted({f.period for f in trend.figures}) == ["2026-01", "2026-02"]
    assert trend.overall == () and trend.withheld == 1
    # Without March, the whole time adds nothing to hide and is shown.
    p.answers = [a for a in p.answers if not a.session_id.endswith("-3-10")]
    assert {f.pairs for f in p.trend().overall} == {3}


def test_small_months_pool_into_a_whole_time_figure_of_enough_pairs():
    p = Pulses()
    for month, name in ((1, "a"), (2, "b"), (3, "c")):
        p.answer(name, month, score=month)
    trend = p.trend()
    assert trend.figures == () and trend.withheld == 3
    assert {(f.period, f.pairs, f.mean) for f in trend.overall} == {(WHOLE, 3, 2.0)}


def test_a_program_figure_never_stands_beside_an_all_programs_figure_one_pair_larger():
    p = Pulses()
    for name in "abcd":
        p.answer(name, 3, program="big")
    p.answer("e", 3, score=1, program="small")
    everyone, big = p.trend(None), p.trend("big")
    assert everyone.disclosed and {f.pairs for f in everyone.figures} == {5}
    assert not big.disclosed, "all programs minus 'big' would be the one pair of 'small'"
    assert not p.trend("small").disclosed
    # With two more pairs in 'small', each view stands on its own.
    for name in "fg":
        p.answer(name, 3, program="small")
    assert p.trend("big").disclosed and p.trend("small").disclosed
    assert {f.pairs for f in p.trend(None).figures} == {7}


def test_rows_and_the_report_summary_carry_only_the_shown_figures():
    p = Pulses()
    for name in "abc":
        p.answer(name, 4, score=2)
        p.answer(name, 4, Side.MENTEE, 5)
    trend = p.trend()
    rows = trend.rows()
    assert len(rows) == 12  # 2 sides x 3 questions, for April and for the whole time
    assert rows[0] == ("2026-04", "mentor", QUESTIONS[Side.MENTOR][0].text, 2.0, 3)
    summary = trend.summary()
    assert len(summary.figures) == 6 and summary.scale_max == 5
    assert {(f.side, f.mean) for f in summary.figures} == {("mentor", 2.0), ("mentee", 5.0)}
    assert "whole time" in summary.note


def test_answers_about_unknown_sessions_pool_nowhere():
    p = Pulses()
    for name in "abc":
        p.answer(name, 3)
    p.sessions.pop("a-3-10")
    assert not p.trend().disclosed


@pytest.mark.parametrize("seed", range(25))
def test_no_two_shown_figures_differ_by_a_group_below_the_minimum(seed):
    """Random programs, months and answers: whenever one shown figure's answers lie inside
    another's, what is left over comes from no pair or from at least the minimum."""
    rng = random.Random(seed)
    p = Pulses()
    for index in range(rng.randint(3, 12)):
        program = rng.choice(["p1", "p1", "p2", "p3"])
        for month in rng.sample(range(1, 7), rng.randint(1, 4)):
            p.answer(f"pair{index}", month, rng.choice(list(Side)), rng.randint(1, 5), program)
    cells = cells_of(p.answers, p.sessions.values(), p.pairs.values())
    shown = shown_cells(cells, 3)
    for wide in shown:
        assert len({a.pair_id for a in cells[wide]}) >= 3
        for narrow in shown:
            inside = {a.id for a in cells[narrow]} < {a.id for a in cells[wide]}
            if narrow[1] == wide[1] and inside:
                narrow_ids = {a.id for a in cells[narrow]}
                rest = {a.pair_id for a in cells[wide] if a.id not in narrow_ids}
                assert len(rest) >= 3, (wide, narrow, rest)
