"""Goal evidence: the sentence where something happened toward a goal, one goal per sentence."""

import pytest

from coach.domain.goal_evidence import pick_evidence, sentence_bonus

pytestmark = pytest.mark.unit


def test_an_event_beats_a_header_on_the_same_topic():
    header, event = "Second half was about feedback from ward staff.", "He showed me the board."
    bonus = [sentence_bonus(header, False), sentence_bonus(event, False)]
    assert bonus == [0.0, pytest.approx(0.1)]
    assert pick_evidence([[0.50, 0.45]], [[0.50, 0.45]], bonus) == [1]


def test_a_planned_action_is_not_progress_when_something_happened():
    bonus = [sentence_bonus("I'll send him the quotes by Friday.", True),
             sentence_bonus("Booking a blood test took me 25 minutes.", False)]  # fmt: skip
    assert pick_evidence([[0.55, 0.45]], [[0.55, 0.45]], bonus) == [1]


def test_one_sentence_does_not_show_two_goals():
    # sentence 0 is closest to goal 0; goal 1 gets its own sentence though it is less similar
    alone = [[0.60, 0.20], [0.50, 0.35]]
    assert pick_evidence(alone, alone, [0.0, 0.0]) == [0, 1]


def test_no_evidence_when_nothing_is_close_in_meaning():
    assert pick_evidence([[0.1, 0.15]], [[0.3, 0.3]], [0.1, 0.1]) == [None]
    assert pick_evidence([], [], []) == []
