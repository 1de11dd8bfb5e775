"""Paired change in the self-assessments: who counts, the interval, and what is withheld."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scipy import stats

from coach.domain.outcome_change import (
    Comparison,
    mean_interval,
    paired_changes,
    shown_comparisons,
    t_975,
)
from coach.domain.outcomes import ITEMS, OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Side

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)
START, MID, END = OutcomeCheckpoint.START, OutcomeCheckpoint.MIDPOINT, OutcomeCheckpoint.END


def spread(total: int) -> tuple[int, ...]:
    """Seven 1-5 scores adding up to ``total`` (7-35)."""
    scores, rest = [], total - 7
    for _ in range(7):
        scores.append(1 + min(4, rest))
        rest -= min(4, rest)
    return tuple(scores)


def answer(pair: str, checkpoint: OutcomeCheckpoint, total: int = 0, side: Side = Side.MENTOR,
           scores: tuple[int, ...] = (), user: str = "") -> SelfAssessment:  # fmt: skip
    user = user or f"{side.value}-{pair}"
    return SelfAssessment(f"sa-{user}-{checkpoint}", "prg", pair, user, side, checkpoint,
                          scores or spread(total), AT)  # fmt: skip


def test_the_t_quantile_matches_scipy_for_every_degree_of_freedom():
    for df in range(1, 400):
        assert t_975(df) == pytest.approx(stats.t.ppf(0.975, df), abs=1e-6), df
    with pytest.raises(ValueError):
        t_975(0)


def test_the_interval_is_scipys_t_interval():
    values = [6.0, 2.0, -1.0, 4.0, 9.0, 3.0, 5.0, 0.0]
    mean, low, high = mean_interval(values)
    expected = stats.t.interval(0.95, len(values) - 1, loc=mean, scale=stats.sem(values))
    assert mean == pytest.approx(sum(values) / len(values))
    assert (low, high) == pytest.approx(expected, abs=1e-6)
    assert mean_interval([3.0]) == (3.0, None, None)


def test_change_pools_only_people_who_answered_both_checkpoints():
    answers = [
        answer("p1", START, 20), answer("p1", END, 26),
        answer("p2", START, 18), answer("p2", END, 21),
        answer("p3", START, 22), answer("p3", END, 31),
        answer("p4", START, 10),  # no end: left out
        answer("p5", END, 35),  # no start: left out
    ]  # fmt: skip
    result = paired_changes(answers, min_group=3)
    (figure,) = result.figures
    assert (figure.side, figure.comparison) == (Side.MENTOR, Comparison.START_TO_END)
    assert (figure.people, figure.pairs) == (3, 3)
    assert figure.before == pytest.approx(20) and figure.after == pytest.approx(26)
    changes = [6, 3, 9]
    assert figure.change == pytest.approx(6)
    low, high = stats.t.interval(0.95, 2, loc=6, scale=stats.sem(changes))
    assert (figure.low, figure.high) == pytest.approx((low, high), abs=1e-6)
    assert result.withheld == 0 and result.for_side(Side.MENTEE) == ()


def test_someone_matched_again_is_one_person_compared_with_themselves():
    answers = [answer(p, c, t) for p in ("p1", "p2") for c, t in ((START, 15), (END, 20))]
    answers += [answer("p3", START, 10, user="moved"), answer("p4", END, 16, user="moved")]
    answers += [answer("p5", END, 30)]  # p5's mentor never answered the start
    (figure,) = paired_changes(answers, 3).figures
    assert (figure.people, figure.pairs) == (3, 3)
    assert figure.change == pytest.approx((5 + 5 + 6) / 3)
    assert paired_changes(answers[:-3], 3).figures == ()


def test_item_means_follow_the_same_people():
    answers = [
        answer("p1", START, scores=(1, 2, 2, 2, 2, 2, 2)),
        answer("p1", MID, scores=(3, 2, 2, 2, 2, 2, 1)),
        answer("p2", START, scores=(2, 3, 3, 3, 3, 3, 3)),
        answer("p2", MID, scores=(5, 3, 3, 3, 3, 3, 4)),
        answer("p3", START, scores=(2, 4, 4, 4, 4, 4, 4)),
        answer("p3", MID, scores=(2, 4, 4, 4, 4, 4, 4)),
    ]  # fmt: skip
    (figure,) = paired_changes(answers, 3).figures
    assert figure.comparison is Comparison.START_TO_MIDPOINT
    assert figure.change == pytest.approx((1 + 4 + 0) / 3)  # totals 13->14, 20->24, 26->26
    first, last = figure.items[0], figure.items[-1]
    assert first.item == ITEMS[Side.MENTOR][0] and len(figure.items) == 7
    assert (first.before, first.after, first.change) == pytest.approx((5 / 3, 10 / 3, 5 / 3))
    assert (last.before, last.after, last.change) == pytest.approx((3, 3, 0))


def test_a_side_below_the_minimum_is_withheld_while_the_other_shows():
    answers = [answer(p, c, t) for p in ("p1", "p2", "p3") for c, t in ((START, 15), (END, 20))]
    answers += [answer(p, c, t, Side.MENTEE) for p in ("p1", "p2")
                for c, t in ((START, 25), (END, 24))]  # fmt: skip
    result = paired_changes(answers, min_group=3)
    assert [f.side for f in result.figures] == [Side.MENTOR]
    assert result.withheld == 1
    assert paired_changes(answers, min_group=2).withheld == 0
    assert paired_changes(answers, min_group=4).figures == ()


def test_nested_comparisons_that_would_expose_a_few_people_keep_only_the_end():
    answers = [answer(p, START, 15) for p in ("p1", "p2", "p3", "p4")]
    answers += [answer(p, MID, 18) for p in ("p1", "p2", "p3", "p4")]
    answers += [answer(p, END, 20) for p in ("p1", "p2", "p3")]  # p4 left before the end
    result = paired_changes(answers, min_group=3)
    assert [f.comparison for f in result.figures] == [Comparison.START_TO_END]
    assert result.withheld == 1
    answers.append(answer("p4", END, 22))  # everyone answered: both are shown
    both = paired_changes(answers, min_group=3)
    assert [f.comparison for f in both.figures] == list(Comparison) and both.withheld == 0


def test_nested_comparisons_apart_by_the_minimum_are_both_shown():
    cells = {Comparison.START_TO_MIDPOINT: frozenset("abcdef"),
             Comparison.START_TO_END: frozenset("abc")}  # fmt: skip
    assert shown_comparisons(cells, 3) == set(Comparison)
    cells[Comparison.START_TO_END] = frozenset("abcde")
    assert shown_comparisons(cells, 3) == {Comparison.START_TO_END}
    cells[Comparison.START_TO_END] = frozenset("ab")
    assert shown_comparisons(cells, 3) == {Comparison.START_TO_MIDPOINT}


def test_a_figure_carries_no_answer_and_no_id():
    answers = [answer(p, c, t) for p in ("p1", "p2", "p3") for c, t in ((START, 15), (END, 20))]
    (figure,) = paired_changes(answers, 3).figures
    flat = repr(figure)
    assert "p1" not in flat and "mentor-p" not in flat and "sa-" not in flat


def test_the_report_summary_takes_the_latest_comparison_shown_with_its_interval():
    people = [(f"p{i}", f"u{i}") for i in range(4)]
    answers = [
        SelfAssessment(f"s{i}", "prg", pair, user, Side.MENTOR, OutcomeCheckpoint.START,
                       (2,) * 7, AT)
        for i, (pair, user) in enumerate(people)
    ] + [
        SelfAssessment(f"m{i}", "prg", pair, user, Side.MENTOR, OutcomeCheckpoint.MIDPOINT,
                       (3,) * 6 + (2 + i % 2,), AT)
        for i, (pair, user) in enumerate(people)
    ]  # fmt: skip
    summary = paired_changes(answers, 3).summary()
    (overall,) = summary.changes
    assert summary.compared == "start to mid-point" and overall.side == "mentor"
    assert overall.pairs == 4 and overall.change == pytest.approx(6.5)
    assert overall.low < overall.change < overall.high
    assert paired_changes(answers, 5).summary().changes == ()  # below the minimum: nothing
