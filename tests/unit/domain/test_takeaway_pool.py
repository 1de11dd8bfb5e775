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
