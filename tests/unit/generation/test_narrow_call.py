"""The note a narrow recipe sends back when the model's wording is refused."""

import pytest

from coach.generation.narrow_call import corrected, retry_note

pytestmark = pytest.mark.unit


def test_the_retry_note_gives_the_reasons_and_only_when_told_the_words_to_use():
    assert retry_note(["too long", "not a question"]) == (
        "That cannot be used: too long; not a question. Reply with the JSON again, corrected."
    )
    assert retry_note(["does not address it"], ["age", "bias"]) == (
        "That cannot be used: does not address it. The activity must use these words: age, "
        "bias. Reply with the JSON again, corrected."
    )


def test_a_correction_follows_the_refused_reply_with_the_note():
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    from coach.generation.drafts import ItemWording

    asked = [SystemMessage("system"), HumanMessage("user")]
    reply = ItemWording(title="Walk the dock", activity="We walk it.")
    conversation = corrected(asked, reply, ["too short"], ["dock"], field="question")
    assert conversation[:2] == asked
    assert isinstance(conversation[2], AIMessage)
    assert conversation[2].content == reply.model_dump_json()
    assert conversation[3] == HumanMessage(retry_note(["too short"], ["dock"], "question"))
