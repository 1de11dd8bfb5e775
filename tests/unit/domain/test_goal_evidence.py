"""Goal evidence: the sentence where something happened toward a goal, one goal per sentence."""

import pytest

from coach.domain.goal_evidence import (
    REFUSED,
    mentor_gains,
    not_evidence,
    pick_evidence,
    pick_scored,
    sentence_bonus,
)
from coach.domain.wording import sentences

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
        ("Note of first meeting with Ms Chen, under the reverse mentoring scheme.", "header"),
        ("Fourth meeting with Amina.", "header"),
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


def test_preparation_that_was_only_ready_is_not_progress():
    assert not_evidence("I had the presentation on youth recruitment ready (12 slides).") == (
        "not done"
    )
    assert not_evidence("I had assumed the marking policy was the big workload issue.") == ""


def test_a_topic_put_off_by_the_other_side_is_not_progress():
    put_off = [
        'She said it\'s "a conversation for after the restructure".',
        'On hybrid he said he\'d "look into it" and asked his EA to book the next one in.',
        'He said he "didn\'t see the point" of trying a neobank.',
        'When I asked for advice she said "let\'s come back to that".',
    ]
    assert [not_evidence(s) for s in put_off] == ["put off"] * len(put_off)
    assert not_evidence("He looked into it that week and took the landline box off the form.") == ""


def test_a_problem_that_still_stands_is_not_progress():
    standing = [
        "The application form still takes 90 minutes and still asks for a landline.",
        "He still hasn't done the night-shift handover shadowing.",
        "Honest answer: nothing has changed for them yet.",
        "- he's chaired the trust board for 9 yrs, hybrid meetings are his big worry.",
    ]
    assert [not_evidence(s) for s in standing] == ["still a problem"] * len(standing)
    moved = [
        "Three sessions in and I still hadn't tried a neobank, so we did it in the room.",
        "The promo code box is fixed, but the slot picker still loses your basket.",
    ]
    assert [not_evidence(s) for s in moved] == ["", ""]


def test_a_sentence_about_the_pair_themselves_is_not_progress():
    about_us = [
        "Funny pairing on paper: she's a good ten years older than me and I'm her director.",
        'I\'m 26 and running a 110 person company and Yuki is 36 and "junior" on paper.',
        "Bit of a weird dynamic at times because I'm older than him by a good 15 years.",
    ]
    assert [not_evidence(s) for s in about_us] == ["the pair"] * len(about_us)
    assert not_evidence("Ryan went quiet at the story of the 52-year-old asked about a younger "
                        "manager.") == ""  # fmt: skip


def test_the_sessions_arrangements_are_not_progress():
    arranged = [
        "Office, 60 mins.",
        "- Agreed: 45 min every 3 weeks, alternating her desk / my office.",
        "Next session is on the 28th.",
    ]
    assert [not_evidence(s) for s in arranged] == ["arrangements"] * len(arranged)
    assert not_evidence("She now runs a 15-minute stand-up where juniors speak first.") == ""


def test_a_question_reported_with_whether_is_not_progress():
    assert not_evidence("He asked whether he should hire a head of people now.") == "question"
    # a request is not a question: "asked if the apprentices can …" shows the goal moving
    assert not_evidence("He asked if the apprentices can make one clip per month.") == ""


def test_what_the_mentor_gained_is_not_progress_on_the_pairs_goals():
    names = {"zara": "mentor", "zara hussain": "mentor", "william": "mentee"}
    found = sentences(
        "Honestly a lot: I understand how regional budgets get decided now and I've met people "
        "I'd never have met otherwise. "
        "William said he'd never thought of a job ad as something you'd scroll past."
    )
    assert mentor_gains(found, "mentor", names) == {1}  # his gain (2) is the goal's progress
    assert mentor_gains(found[1:], "mentor", names) == set()
    bonus = [sentence_bonus(s.text, False, s.number in {1}) for s in found]
    assert bonus[0] == REFUSED and bonus[1] > REFUSED
    assert pick_evidence([[0.40, 0.30]], [[0.40, 0.30]], bonus) == [1]


def test_a_duty_doubted_a_question_asked_and_a_ground_rule_show_no_goal_moved():
    """From the development cases h041-h088 (helpers who read no code)."""
    assert not_evidence("I confess I ought to read the safety standard, though I doubt I shall.")
    assert not_evidence("He asked if I'd come to the wellbeing working group.") == "question"
    assert not_evidence("Ground rule we agreed: whoever is speaking gets to finish.") == (
        "arrangements"
    )


def test_minutes_headers_and_list_headings_are_no_evidence():
    """summary-13's reviewer: "Notes of session 3" and "We agreed on a few things:" as evidence."""
    for text in ("Notes of session 3, cobot pilot cell, 90 min.", "We agreed on a few things:",
                 "Notes to self, session 2 w/ Marcus"):  # fmt: skip
        assert not_evidence(text), text
    assert not not_evidence("I learned why the changeover takes so long.")


def test_a_models_scores_rank_the_sentences_nearest_each_goal():
    alone = [[0.50, 0.40, 0.10], [0.20, 0.30, 0.45]]
    scores = [[0.2, 0.9, 0.99], [0.1, 0.1, 0.7]]
    # sentence 2 scores highest for goal 0 but is nearest goal 1: goal 0 takes sentence 1
    assert pick_scored(alone, scores, [0.0, 0.0, 0.0], 0.5) == [1, 2]


def test_a_models_pick_below_its_threshold_or_refused_or_too_far_is_not_shown():
    alone, scores = [[0.50, 0.40]], [[0.3, 0.9]]
    assert pick_scored(alone, scores, [0.0, 0.0], 0.95) == [None]
    assert pick_scored(alone, scores, [0.0, REFUSED], 0.5) == [None]  # 0.3 < 0.5
    assert pick_scored([[0.50, 0.15]], scores, [0.0, 0.0], 0.5) == [None]  # 0.15: too far
    assert pick_scored([], [], [], 0.5) == []


def test_a_heading_without_a_verb_is_no_evidence():
    """summary-20: "Big news first: lunch duties." shown as a goal's evidence."""
    assert sentence_bonus("Big news first: lunch duties.", False) == REFUSED
    assert sentence_bonus("TAs doing lunch cover will be paid at the hourly rate.", False) > REFUSED


def test_a_sentence_the_model_is_sure_of_may_be_further_from_the_goals_words():
    """h214: "TAs doing lunch cover will be paid at the normal hourly rate" (similarity 0.15 to
    "Reduce workload and improve wellbeing for support staff", scored 0.98)."""
    assert pick_scored([[0.50, 0.15]], [[0.3, 0.97]], [0.0, 0.0], 0.5) == [1]
    assert pick_scored([[0.50, 0.15]], [[0.3, 0.90]], [0.0, 0.0], 0.5) == [None]  # not sure
    assert pick_scored([[0.50, 0.05]], [[0.3, 0.99]], [0.0, 0.0], 0.5) == [None]  # too far
