"""A rewording that swaps who did what is caught; one that keeps the people is not."""

from __future__ import annotations

import pytest

from coach.domain.roles import doings, negation_added, opposite_used, stem, swapped

pytestmark = pytest.mark.unit

NAMES = {"gillian": "mentee", "gillian rowe": "mentee", "tom": "mentor", "tom diaz": "mentor"}


def test_stem_meets_forms_of_one_verb():
    assert stem("showed") == stem("shows") == stem("showing") == stem("show")
    assert stem("liked") == stem("likes") == stem("like")
    assert stem("replied") == stem("replies")


def test_doings_reads_each_clause_subject_and_its_verb():
    said = doings("I showed her the three outlets, and she liked the pinned comment best.",
                  "mentor", NAMES)  # fmt: skip
    assert said == {("mentor", "show"), ("mentee", "lik")}
    assert doings("Gillian will ask the desk editor to trial it.", "mentor", NAMES) == {
        ("mentee", "ask")
    }
    assert doings("We agreed to meet again.", "mentor", NAMES) == {("both", stem("agree"))}


@pytest.mark.parametrize(
    "text",
    [
        "She showed me three outlets that pin sources.",
        "Gillian showed Tom three outlets that pin sources.",
        "I liked the pinned comment best.",
    ],
)
def test_a_swap_of_people_is_caught(text):
    sentence = "I showed her the three outlets that pin sources, and she liked the pinned one best."
    assert swapped(text, sentence, "mentor", NAMES)


@pytest.mark.parametrize(
    "text",
    [
        "I showed Gillian three outlets that pin sources.",
        "Tom showed her the outlets; she preferred the pinned comment.",
        "Three outlets pin their sources under videos.",
        "She liked the Guardian-style pinned comment best.",
        "We looked at three outlets together.",
    ],
)
def test_a_rewording_that_keeps_the_people_passes(text):
    sentence = "I showed her the three outlets that pin sources, and she liked the pinned one best."
    assert swapped(text, sentence, "mentor", NAMES) == []


def test_a_third_party_is_not_read_as_the_pair():
    sentence = "The director said he would look at the rota."
    assert swapped("The director will look at the rota.", sentence, "mentee", NAMES) == []


@pytest.mark.parametrize(
    ("text", "sentence", "added"),
    [
        ("The promo box can't be used.", "The promo code box is fixed, but the picker loses it.",
         True),
        ("Helen did not credit Tomás.", 'She did say "Tomás pulled this together" at the start.',
         True),
        ("A process problem, not a pay one.", "That is a process problem, not a pay problem.",
         False),
        ("No fix date for the scanner yet.", "IT logged it (no date for a fix yet).", False),
        ("The scanner fault is logged.", "IT logged the scanner problem.", False),
    ],
)  # fmt: skip
def test_a_not_the_sentence_lacks_is_caught(text, sentence, added):
    assert negation_added(text, sentence) is added


@pytest.mark.parametrize(
    ("text", "sentence", "flipped"),
    [
        ("Carmen walks through job opportunities for older staff.",
         "Recruitment: Carmen walked Niall through where younger warehouse staff find jobs.",
         ["older"]),
        ("I moved to the Discord pricing thread after Tariq explained the issue.",
         "Before he'd finished I said it had gone out under my name, and moved us on.",
         ["after"]),
        # the sentence says both words: a rewording may use either
        ("Older staff read the rota later than younger ones.",
         "Younger staff read it first, older staff later.", []),
        ("Younger drivers see pay per drop upfront.",
         "He was surprised that younger drivers see their pay per drop upfront.", []),
    ],
)  # fmt: skip
def test_a_word_swapped_for_its_opposite_is_caught(text, sentence, flipped):
    assert opposite_used(text, sentence) == flipped
