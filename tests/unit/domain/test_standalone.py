"""A summary's point must be readable away from the notes."""

import pytest

from coach.domain.standalone import stands_alone


@pytest.mark.parametrize(
    "text",
    [
        "Top of his five complaints by a mile.",
        "Video pilot decision.",
        "That took most of the rest of the session.",
        "It was moved twice, then to this morning.",
        "Not in front of the drivers or generally.",
        "I'm quite proud of that one, even if it changes nothing for me.",
        "We looked back on session three.",  # h208: only that the session happened
        "We said what we got out of it.",
    ],
)
def test_a_fragment_or_a_line_leaning_on_the_one_before_does_not_stand_alone(text):
    assert stands_alone(text) != ""


@pytest.mark.parametrize(
    "text",
    [
        "Nobody is angry about the returns policy itself.",
        "She checks every number twice.",
        "I now understand the resus quote better.",
        "It is the ten-minute jobs that nobody counts.",
        "IT is still broken on Ward 7.",
        "Three of the five new starters on nights, no preceptor.",
        "No photographer this time, which Kenji counts as progress.",
        "We looked back on session three and he still wants the pilot.",
    ],
)
def test_a_whole_point_stands_alone(text):
    assert stands_alone(text) == ""


def test_that_one_as_a_pronoun_leans_back_and_as_a_subject_does_not():
    assert stands_alone("I'm quite proud of that one, even if it changes nothing.") != ""
    assert (
        stands_alone("He had never seen an advert as something that one would scroll past.") == ""
    )


def test_saying_the_same_as_a_sentence_not_shown_leans_back():
    assert stands_alone("Her one-page summary says the same.") != ""
    assert stands_alone("The survey found the same gap as the forum.") == ""
    # … but as an aside the sentence says what the point is (h184)
    aside = "The thing that jumped out, and his one-pager says the same, is nobody minds returns."
    assert stands_alone(aside) == ""
