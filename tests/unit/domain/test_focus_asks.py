"""What a focus written as sentences asks the senior to say face to face."""

import pytest

from coach.domain.focus_asks import (
    block_question,
    fillable_focus,
    focus_ask,
    focus_remark,
    focus_worry,
    own_questions,
)
from coach.domain.pair_profile import PairProfile

pytestmark = pytest.mark.unit


def pair(focus: str) -> PairProfile:
    return PairProfile.model_validate({
        "id": "p", "mentor": {"name": "Jamie Trewin"}, "mentee": {"name": "Martin Rudd"},
        "session": {"number": 3, "focus": focus},
    })  # fmt: skip


@pytest.mark.parametrize(("focus", "worry"), [
    ("Martin is worried the push to get handovers under 45 minutes is making crews rush "
     "patients off the trolley, and that he'll only find out when there's a serious incident.",
     "worried the push to get handovers under 45 minutes is making crews rush patients off the "
     "trolley"),
    ("Martin's worried this turns into a complaints session about the roster.",
     "worried this turns into a complaints session about the roster"),
    ("Martin is nervous about the staff roadshow on 14 January. He's expecting a hostile room.",
     "nervous about the staff roadshow on 14 January"),
    ("Jamie is worried about her rota.", ""),  # the junior's worry: not the senior's to say
    ("Martin is worried his manager will hear.", ""),  # whose "his": a line cannot tell
    ("The handover figures and what they hide", ""),
])  # fmt: skip
def test_the_seniors_worry_is_said_in_the_first_person(focus, worry):
    assert focus_worry(pair(focus)) == worry


@pytest.mark.parametrize(("focus", "ask"), [
    ("How do we fit this round Jamie's watch pattern (two days, two nights, four off), and "
     "would it be all right to do some of the sessions on Teams?",
     "how do we fit this round your watch pattern?"),
    ("Should Martin sit in on a grad stand-up, or would that just make it worse?",
     "should I sit in on a grad stand-up, or would that just make it worse?"),
    ("Kick-off: what does Martin want from this?", ""),  # a label, and nothing for the junior
    # the question after a label, and what the senior will ask the junior (fresh3)
    ("Decision for the April board: does the new lager go out under the family name, or as a "
     "separate brand?", "does the new lager go out under the family name, or as a separate "
     "brand?"),
    ("Our last one. I'd like to go back through the list and ask Jamie whether she'd speak at "
     "the next cohort's launch.", "would you speak at the next cohort's launch?"),
    ("Our last one. Ask Priya whether she'd speak at the launch.", ""),  # not the junior
    ("What does Martin want from the rota review this time round?", ""),
    ("Is it really the money? Martin keeps hearing so.", ""),  # too short to stand alone
    ("Go through the survey comments together", ""),
])  # fmt: skip
def test_a_question_the_focus_asks_is_the_seniors_with_the_names_turned(focus, ask):
    assert focus_ask(pair(focus)) == ask


@pytest.mark.parametrize(("focus", "said"), [
    ('At last week\'s ops review the Phoenix site director said, "They quit because they can\'t '
     'handle a difficult caller." Martin didn\'t push back.',
     "'They quit because they can't handle a difficult caller'"),
    ('"If they can\'t afford the treatment they shouldn\'t have got the dog." One of the vets '
     "said this at Tuesday's huddle and Jamie wants to talk about it.",
     "'If they can't afford the treatment they shouldn't have got the dog'"),
    ('At the launch Martin said he "doesn\'t want this to become a union meeting" at all.', ""),
    ("'They're on their phones half the shift and then tell me there's no time.'", ""),  # by whom?
])  # fmt: skip
def test_a_remark_is_quoted_only_when_someone_outside_the_pair_made_it(focus, said):
    assert focus_remark(pair(focus)) == said


def test_only_the_senior_asks_what_the_focus_fills():
    slots = fillable_focus(pair("Martin is worried the handover push is hurting patients."))
    assert slots == frozenset({("focus_worry", "mentee")})
    assert fillable_focus(pair("Handover delays")) == frozenset()


@pytest.mark.parametrize(("focus", "asked"), [
    # after a label, capitalised (fresh3 brewery)
    ("Decision for the April board: does the lager go out under the family name, or as a "
     "separate brand? Martin wants Jamie's honest view.",
     "What do you think: does the lager go out under the family name, or as a separate brand?"),
    # fresh3 dental: short is fine; one that names no one asks the other's view
    ("Is it really the money?", "What do you think: is it really the money?"),
    # asked of the one of the pair it is about, by name (fresh4 toy maker)
    ("Should Martin sit in on a stand-up, or would that make it worse?",
     "Martin, should you sit in on a stand-up, or would that make it worse?"),
    ("What would Jamie tell the next executive? And did the box idea go anywhere - honestly?",
     "Jamie, what would you tell the next executive?"),
    ("What does Jamie think of Martin's plan for the rota?",
     "Jamie, what do you think of Martin's plan for the rota?"),  # "does" asked as "do"
    ("What do I want from this?", ""),  # whose "I": an agenda cannot tell
    ("Why do they leave?", ""),  # who "they" are: not said
    ("Really?", ""),
    ("The handover figures and what they hide", ""),
])  # fmt: skip
def test_a_focus_block_asks_the_focus_own_question_when_it_names_no_one_as_i_or_you(focus, asked):
    assert block_question(pair(focus)) == asked


def test_a_focus_asks_every_question_it_asks_that_an_agenda_can():
    focus = "What would Jamie tell the next executive? And did the box idea go anywhere - honestly?"
    assert own_questions(pair(focus)) == [
        "Jamie, what would you tell the next executive?",
        "What do you think: did the box idea go anywhere - honestly?",
    ]
