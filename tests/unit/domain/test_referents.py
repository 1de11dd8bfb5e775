"""What an action's pronoun stands for, kept only when copied from the notes before it."""

from coach.domain.referents import (
    context_before,
    pronoun_of,
    referent_problems,
    with_referent,
)
from coach.domain.wording import content_words

NAMES = content_words("Tomás Priya")  # as the summary reads the pair's names
NOTES = "Tomás is going to pull the chat volume on refunds for November."


def test_an_action_saying_little_besides_its_pronoun_needs_its_referent():
    assert pronoun_of("He'll have that for next session", NAMES) == "that"
    assert pronoun_of("She'll hold it for us", NAMES) == "it"
    assert pronoun_of("Priya will review it", NAMES) == "it"  # a name says nothing of the object


def test_a_determiner_or_an_action_that_says_what_it_is_needs_none():
    assert pronoun_of("I'll send that report to the board by Friday", NAMES) == ""
    assert pronoun_of("Ask HR for the numbers", NAMES) == ""
    assert pronoun_of("I'll take it to the regional CX leads meeting in March", NAMES) == ""


def test_a_referent_is_a_short_phrase_copied_from_the_notes_that_names_a_thing():
    assert referent_problems("the chat volume on refunds", NOTES, NAMES) == []
    assert referent_problems("", NOTES, NAMES) == ["no reply"]
    assert referent_problems("the refund survey", NOTES, NAMES) == [
        "not copied from the notes before the action"
    ]
    assert "a clause or a pronoun, not the thing itself" in referent_problems(
        "is going to pull the chat volume", NOTES, NAMES
    )
    assert referent_problems("Tomás", NOTES, NAMES) == ["names a person, not the thing"]
    long = "the big red van and the small blue car parked in the yard"
    assert referent_problems(long, long, NAMES) == ["longer than 10 words"]
    assert referent_problems("The chat volume", NOTES, NAMES) == []  # its own "The"
    assert pronoun_of("Niall will chase the IT director", NAMES) == ""


def test_the_first_pronoun_is_replaced_by_what_it_stands_for():
    assert with_referent("He'll have that for next session", "that", "The chat volume") == (
        "He'll have the chat volume for next session"
    )
    assert with_referent("I'll tidy them up and send them", "them", "the quotes") == (
        "I'll tidy the quotes up and send them"
    )


def test_the_context_is_the_sentences_before_and_never_a_private_one():
    text = "One. Two is private. Three. Four, and he'll have that."
    spans = [(0, 4), (5, 20), (21, 27), (28, 54)]
    action = text.index("he'll")
    assert context_before(text, action, spans, set()) == "Two is private. Three. Four, and"
    assert context_before(text, action, spans, {5}) == "Three. Four, and"
    assert context_before(text, action, spans, {28}) == ""
