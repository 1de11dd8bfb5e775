"""The model names a theme in a few words; an unusable reply falls back to the keyword label."""

from __future__ import annotations

import pytest

from coach.generation.prompts import load_prompt
from coach.generation.theme_label import ModelLabeler, usable_label
from coach.llm.fake import FakeChatModel
from tests.conftest import REPO

pytestmark = pytest.mark.unit
PROMPT = load_prompt(REPO / "prompts", "theme_label")
GROUP = (
    "We agreed ground rules for honest feedback and kept our talks confidential.",
    "Ground rules first: honest feedback both ways, and what we say stays confidential.",
    "We set ground rules on confidentiality and honest feedback.",
)
REST = ("We tried the new scheduling app together on the ward.",)


@pytest.mark.parametrize(
    ("reply", "label"),
    [("Ground rules and honesty", "ground rules and honesty"),
     ('Label: "confidential feedback".', "confidential feedback"),
     ("the theme: trust", "trust"),
     ("", None), ("one two three four five", None),  # empty; too long
     ("feedback feedback", None), ("Priya's feedback style", None),  # a loop; a name
     ("обратная связь", None), ("ground rules [1]", None)],  # another script; not words
)  # fmt: skip
def test_usable_label(reply, label):
    assert usable_label(reply, {"Priya Nair", "priya.nair"}) == label


def test_the_model_writes_the_label_once_per_group_and_sees_only_the_group():
    model = FakeChatModel.of(["Honest ground rules"])
    labeler = ModelLabeler(model, PROMPT, {"Priya Nair"})
    assert labeler.label(GROUP, REST) == "honest ground rules"
    assert labeler.label(GROUP, REST) == "honest ground rules"  # cached: one model call
    (messages,) = model.calls
    sent = " ".join(str(m.content) for m in messages)
    assert GROUP[0] in sent and REST[0] not in sent


def test_an_unusable_reply_or_a_failing_model_gives_the_keyword_label():
    looping = ModelLabeler(FakeChatModel.of(["rules rules rules"]), PROMPT)
    other = ("We set ground rules, honest feedback and confidential notes.",) + GROUP[1:]
    assert "ground" in looping.label(other, REST)  # the keyword label names the group
    broken = ModelLabeler(FakeChatModel.of([RuntimeError("server gone")]), PROMPT)
    other2 = ("Ground rules and honest feedback, confidential.",) + GROUP[1:]
    assert broken.label(other2, REST) != ""
