"""The sentences a summary may take its points from."""

import pytest

from coach.domain.takeaway_pool import asks, point_sentences
from coach.domain.wording import sentences

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text",
    [
        "How many householder applications were decided late last year?",
        "Did it land with the drivers?",
        "I asked, why don't I take the window issue to the review on the 9th?",
        "- Would she come to the stand?",
    ],
)
def test_a_question_is_one(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize(
    "text",
    [
        # h195: a statement with a spoken aside at its end
        "He got stuck on the attitude-to-risk sliders for, what, eleven minutes?",
        "Nobody reads the newsletter.",
    ],
)
def test_a_statement_is_not_a_question(text: str) -> None:
    assert not asks(text)


def test_a_sentence_that_leans_back_is_not_a_point() -> None:
    text = (
        "The team has stopped raising ideas at stand-up. "
        "It stops because nobody ever tells them what happened to the last thing they passed up."
    )
    found = sentences(text)
    assert point_sentences(found, set()) == [found[0]]


def test_a_private_or_taken_sentence_is_never_a_point() -> None:
    text = "Retention is about the first year on nights. Nobody reads the newsletter at all."
    found = sentences(text)
    kept = point_sentences(found, {found[1].number})
    assert [s.text for s in kept] == ["Retention is about the first year on nights."]


def test_a_rhetorical_question_mark_does_not_drop_a_statement() -> None:
    text = "A retired engineer got stuck on the risk sliders for, what, eleven minutes?"
    assert [s.text for s in point_sentences(sentences(text), set())] == [text]


@pytest.mark.parametrize(
    ("text", "point"),
    [
        ("I had assumed my job was to make it safe and then stay out of the way. That was "
         "wrong, and it's the one thing I'd keep.",
         "I had assumed my job was to make it safe and then stay out of the way. That was wrong."),
        ("I thought the juniors wanted more pay. I was wrong: they wanted the rota fixed.",
         "I thought the juniors wanted more pay. I was wrong."),
        # a judgement that uses "wrong" is no reversal of what went before
        ("HR asked for a case study before we agreed the pilot. That is the wrong way round.",
         "HR asked for a case study before we agreed the pilot."),
    ],
)  # fmt: skip
def test_a_point_the_next_sentence_calls_wrong_keeps_that_clause(text, point):
    """summary-30: "I assumed my job was to keep people safe", with "That was wrong" dropped."""
    assert point_sentences(sentences(text), set())[0].text == point
