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
        # a name that starts a common thing takes "the"; a name or someone's does not (second
        # fresh: "since we talked about 4-weekends-in-6 rota", "… January regime change")
        ("YouTube channels apprentices use", "the YouTube channels apprentices use"),
        ("January regime change", "the January regime change"),
        ("4-weekends-in-6 rota", "the 4-weekends-in-6 rota"),
        ("Westfield Court", "Westfield Court"),
        ("Ewa's colleague Marcus", "Ewa's colleague Marcus"),
        ("our rota pilot", "our rota pilot"),
        ("5am briefing", "the 5am briefing"),  # a time, not a count
        ("20 transcripts", "20 transcripts"),
        ("ask juniors first", ""),  # nothing left to ask about: the plain check-in instead
    ],
)
def test_a_recap_phrase_is_asked_about_as_a_thing(phrase, thing):
    assert as_thing(phrase) == thing
