"""The note a narrow recipe sends back when the model's wording is refused."""

import pytest

from coach.generation.narrow_call import retry_note

pytestmark = pytest.mark.unit


def test_the_retry_note_gives_the_reasons_and_only_when_told_the_words_to_use():
    assert retry_note(["too long", "not a question"]) == (
        "That cannot be used: too long; not a question. Reply with the JSON again, corrected."
    )
    assert retry_note(["does not address it"], ["age", "bias"]) == (
        "That cannot be used: does not address it. The activity must use these words: age, "
        "bias. Reply with the JSON again, corrected."
    )
