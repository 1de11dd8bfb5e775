"""Goal evidence: the sentence where something happened toward a goal, one goal per sentence."""

import pytest

from coach.domain.goal_evidence import REFUSED, not_evidence, pick_evidence, sentence_bonus

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


def test_a_sentence_closer_to_another_goal_is_never_this_goals_evidence():
    # the only sentence near goal 1 is nearer goal 0: goal 1 has no evidence (was a penalty,
    # under which it took the sentence anyway)
    assert pick_evidence([[0.60], [0.50]], [[0.60], [0.50]], [0.0]) == [0, None]


@pytest.mark.parametrize(
    ("sentence", "rule"),
    [
        ("Really shows how seriously the board takes culture.", "irony"),
        ("But sure, inclusive employer.", "irony"),
        ("I'd quite like to raise this with the programme lead.", "hedge"),
        ("I might mention it to the ward managers' forum.", "hedge"),
        ("We are reviewing the store card; I may bring Jayden's numbers into that.", "hedge"),
        ("Session 3 with Ryan, on age bias in hiring.", "header"),
        ("First reverse mentoring session with Chloe.", "header"),
        ("- Product decisions: didn't get to it.", "not reached"),
        ("Interesting, but we weren't getting anywhere near the rostering stuff.", "not reached"),
        ("He didn't want to talk about the smart meter app at all.", "not reached"),
        ('He said "we\'ll cover that in the brochure" and moved on.', "not reached"),
        ("Meant to be the debrief on the board meeting I joined remotely.", "not done"),
        ("I'd prepared the anonymised quotes from the new-starter forum.", "not done"),
    ],
)
def test_sentences_that_show_no_goal_moved_are_refused(sentence, rule):
    assert not_evidence(sentence) == rule
    assert sentence_bonus(sentence, False) == REFUSED


@pytest.mark.parametrize(
    "sentence",
    [
        "- PPE in smaller sizes arrived in May; she says the operators noticed.",
        "Session 3: he showed me the dashboard he built.",
        "Developers aren't angry about the price, they're angry that they can't see it.",
        "He showed me the board.",
    ],
)
def test_progress_is_not_refused(sentence):
    assert not_evidence(sentence) == ""
    assert sentence_bonus(sentence, False) > REFUSED


def test_a_refused_sentence_gives_way_to_the_next_or_to_none():
    # the ironic line is the closest to the goal; the event below it is still close enough
    bonus = [sentence_bonus("Really shows how seriously the board takes culture.", False),
             sentence_bonus("He agreed to a monthly open question slot.", False)]  # fmt: skip
    assert pick_evidence([[0.40, 0.30]], [[0.40, 0.30]], bonus) == [1]
    assert pick_evidence([[0.40]], [[0.40]], bonus[:1]) == [None]
