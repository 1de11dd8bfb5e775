"""The timeline's paragraph: tagged sentences from the model, checked, else one per session."""

from __future__ import annotations

import pytest

from coach.domain.timeline import TimelineSentence, build
from coach.generation.prompts import load_prompt
from coach.generation.timeline import ParagraphWriter, parse
from coach.llm.fake import FakeChatModel
from tests.conftest import REPO
from tests.unit.domain.test_timeline import ENTRIES, ME, SESSIONS, action, summary

pytestmark = pytest.mark.unit
PROMPT = load_prompt(REPO / "prompts", "learning_timeline")
RULES = ["Session 1: I used to want printouts of the dashboard.",
         "Session 3: Asking Priya questions teaches me more than a demo."]  # fmt: skip


def writer(*replies) -> tuple[ParagraphWriter, FakeChatModel]:
    model = FakeChatModel.of(replies)
    return ParagraphWriter(lambda: model, PROMPT, lambda: "fake-model"), model


def test_parse_reads_a_tag_at_either_end_of_each_line():
    reply = (
        "[S1] I wanted printouts.\n- I ask Priya now [S1, S3]\n(Session 3) Demos teach less.\n"
        "Untagged."
    )
    assert parse(reply) == [
        TimelineSentence("I wanted printouts.", (1,)),
        TimelineSentence("I ask Priya now", (1, 3)),
        TimelineSentence("Demos teach less.", (3,)),
        TimelineSentence("Untagged.", ()),
    ]


def test_the_model_writes_first_person_sentences_each_linked_to_a_session():
    w, model = writer("[S1] I used to want printouts.\n[S3] Now asking questions teaches me more.")
    found = w.write(ENTRIES)
    assert not found.fallback and found.model == "fake-model"
    assert found.prompt_id == "learning_timeline" and found.prompt_version == "2"
    assert [(s.text, s.sessions) for s in found.sentences] == [
        ("I used to want printouts.", (1,)),
        ("Now asking questions teaches me more.", (3,)),
    ]
    sent = " ".join(str(m.content) for m in model.calls[0])
    assert "Session 3: Asking Priya questions" in sent


def test_a_sentence_citing_a_session_that_does_not_exist_is_dropped():
    w, _ = writer("[S1] I used to want printouts.\n[S7] I changed everything in session 7.")
    found = w.write(ENTRIES)
    assert [s.sessions for s in found.sentences] == [(1,)]
    assert any("cites a session" in n for n in found.notes)


@pytest.mark.parametrize(
    "reply",
    ["[S1] 我学会了看仪表板。",  # another script
     "[S1] I now read {{ sessions }} alone.",  # an echoed placeholder
     "I learned a lot over the sessions.",  # no session tag
     "", "[S9] Nothing real."],
)  # fmt: skip
def test_an_unusable_reply_gives_one_rule_sentence_per_session(reply):
    found = writer(reply)[0].write(ENTRIES)
    assert found.fallback and [s.text for s in found.sentences] == RULES


def test_a_failing_model_gives_the_rule_sentences():
    found = writer(RuntimeError("server gone"))[0].write(ENTRIES)
    assert found.fallback and [s.text for s in found.sentences] == RULES
    assert "RuntimeError" in found.notes[0]


def test_the_model_sees_learned_points_only_and_nothing_without_a_summary():
    entries = build(ME, [(summary("s1", 1), "I wanted printouts.")], SESSIONS, (),
                    [action(text="Secret private errand", closed_day=2)])  # fmt: skip
    w, model = writer("[S1] I used to want printouts.")
    w.write(entries)
    assert "Secret private errand" not in " ".join(str(m.content) for m in model.calls[0])
    empty, idle = writer()
    assert empty.write([]).sentences == () and idle.calls == []
