"""What the chat's rating row rates: the latest answer's text, in either message shape."""

import gradio as gr
import pytest

from coach.domain.ratings import answer_key
from coach.ui.ratings import chat_target, last_answer

pytestmark = pytest.mark.unit


def test_the_latest_assistant_message_is_the_answer_in_either_shape():
    parts = [{"type": "text", "text": "First part."}, {"type": "text", "text": "Second."}]
    history = [
        {"role": "assistant", "content": "An older answer."},
        {"role": "user", "content": "And then?"},
        {"role": "assistant", "content": parts},
        {"role": "user", "content": "A question not answered yet"},
    ]
    assert last_answer(history) == "First part.\nSecond."
    assert last_answer(history[:2]) == "An older answer."
    assert last_answer([{"role": "user", "content": "hello"}]) == ""
    assert last_answer(None) == ""


def test_the_chat_target_keys_the_answer_and_refuses_an_empty_chat():
    history = [{"role": "assistant", "content": "Agree ground rules first."}]
    assert chat_target(None, "pair_1", history) == (
        "chat", answer_key("Agree ground rules first."), "pair_1")  # fmt: skip
    assert chat_target(None, "", history)[2] is None
    with pytest.raises(gr.Error, match="Ask the coach something first"):
        chat_target(None, "pair_1", [{"role": "assistant", "content": "   "}])
