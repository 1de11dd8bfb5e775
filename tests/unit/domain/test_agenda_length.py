"""An agenda fits its length: extra minutes go to the work, and questions fit the minutes."""

import pytest

from coach.domain.agenda import ACTION_REVIEW_TITLE, AgendaItem, share_minutes
from coach.domain.agenda_length import fit_length, fit_minutes, fit_questions

pytestmark = pytest.mark.unit


def item(title: str, minutes: int, prompts: int = 1, pattern: str = "") -> AgendaItem:
    return AgendaItem(minutes=minutes, title=title, purpose="Do it.", pattern=pattern,
                      prompts=[f"{title} question {n}?" for n in range(prompts)])  # fmt: skip


CLOSING = [item(ACTION_REVIEW_TITLE, 7), item("Looking back", 20), item("What changed", 25),
           item("Feedback", 20), item("What comes next", 20), item("Thanks", 15)]  # fmt: skip


def test_a_long_session_gives_its_extra_minutes_to_the_blocks_that_stretch():
    at_an_hour = fit_minutes(CLOSING, 60)
    at_ninety = fit_minutes(CLOSING, 90, stretching={"Looking back", "What changed"})
    assert sum(at_ninety) == 90
    assert at_ninety[0] == at_an_hour[0] and at_ninety[-1] == at_an_hour[-1]  # review, thanks
    assert at_ninety[1] > at_an_hour[1] and at_ninety[2] > at_an_hour[2]
    # in proportion, as before, a 90-minute closing had a 12-minute thanks
    assert at_ninety[-1] < 12


def test_a_library_block_always_stretches_and_without_one_minutes_are_shared_as_before():
    middle = [item("Check-in", 5), item("Demo", 12, pattern="seg-demo"), item("Feedback", 5)]
    assert fit_minutes(middle, 90)[1] > fit_minutes(middle, 60)[1] + 25
    assert fit_minutes(CLOSING, 90) == share_minutes([i.minutes for i in CLOSING], 90)


def test_no_item_is_left_under_four_minutes_while_another_can_spare_them():
    minutes = fit_minutes(CLOSING, 30)
    assert sum(minutes) == 30 and min(minutes) >= 4


def test_a_block_asks_one_question_per_three_minutes_and_keeps_its_goals_own():
    block = item("Looking back", 6, prompts=3)
    first, middle, last = block.prompts
    assert fit_questions(block, kept=()) == [first, middle]
    assert fit_questions(block, kept={middle, last}) == [middle, last]
    assert fit_questions(item("Thanks", 4, prompts=2), kept=()) == ["Thanks question 0?"]
    assert fit_questions(item("Next date", 5, prompts=3), kept=()) == [
        "Next date question 0?", "Next date question 1?"]  # fmt: skip
    assert len(fit_questions(item("Welcome", 12, prompts=3), kept=())) == 3


def test_the_action_review_asks_about_every_action_whatever_its_minutes():
    review = item(ACTION_REVIEW_TITLE, 4, prompts=4)
    assert fit_questions(review, kept=()) == review.prompts


def test_a_thirty_minute_closing_asks_at_most_two_questions_a_block_beside_the_review():
    items = [item(i.title, i.minutes, prompts=3) for i in CLOSING]
    fitted = fit_length(items, 30, kept=())
    assert sum(i.minutes for i in fitted) == 30
    assert len(fitted[0].prompts) == 3  # the action review: one per action
    assert all(1 <= len(i.prompts) <= 2 for i in fitted[1:])
    assert [i.title for i in fitted] == [i.title for i in items]
