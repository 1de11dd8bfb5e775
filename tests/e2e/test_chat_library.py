"""The chat as shipped, in chromium: a question the coaching library has an answer for gets
that answer, and the next question, which it has none for, goes to the model."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.app_support import ANSWER, MENTOR, RunningApp, running_app
from tests.e2e.test_roles import pick, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]
KNOWN = "How do I open our first session with a senior VP without freezing?"
UNKNOWN = "Which dashboards should I show Harold about depot performance?"


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("e2e-library"), chat_library=True) as running:
        yield running


def test_a_written_answer_then_the_models_answer(signed_in, app: RunningApp):
    page = signed_in(MENTOR)
    pick(page, "Pair you mentor", "Harold Brandt")
    # The chat's box by node: its placeholder goes once the chat holds a message.
    box = page.get_by_placeholder("Type a message...").element_handle()
    chat = page.locator("#mentor-chat")
    calls = len(app.model.calls)
    box.fill(KNOWN)
    box.press("Enter")
    see(chat, "Try saying")
    assert len(app.model.calls) == calls  # the library answered, not the model
    box.fill(UNKNOWN)  # the box is free again once the written answer is shown
    box.press("Enter")
    see(chat, ANSWER.split(" [")[0])
    assert UNKNOWN in app.model.calls[-1][-1].content
