"""A last session's phrase as a check-in question asks about it."""

import pytest

from coach.domain.recap_phrases import as_thing


@pytest.mark.parametrize(
    ("phrase", "thing"),
    [
        ("first skip-level conversations", "the first skip-level conversations"),
        ("try weekly five-minute check-ins", "the weekly five-minute check-ins"),
        ("two other graduates informally", "the two other graduates"),
        ("gig apps show drivers", "the gig apps"),
        ("way juniors get", "the way juniors"),  # "get [heard]", a verb without its word
        ("YouTube channels apprentices use", "YouTube channels apprentices use"),
        ("our rota pilot", "our rota pilot"),
        ("5am briefing", "the 5am briefing"),  # a time, not a count
        ("20 transcripts", "20 transcripts"),
        ("ask juniors first", ""),  # nothing left to ask about: the plain check-in instead
    ],
)
def test_a_recap_phrase_is_asked_about_as_a_thing(phrase, thing):
    assert as_thing(phrase) == thing
