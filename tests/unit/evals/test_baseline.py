"""The naive baseline: lenient parsing, dense retrieval, one prompt, no rules enforced."""

from __future__ import annotations

import json

import pytest

from coach.evals import agenda_metrics, starter_metrics
from coach.evals.baseline import NaiveRag
from coach.evals.baseline_parse import agenda_from, first_object, starters_from, summary_from
from coach.llm.fake import FakeChatModel
from tests.conftest import REPO
from tests.unit.evals.helpers import REFLECTION, fake_embedding_function, profile

GUIDE = """# Power dynamics

## Ground rules
Agree ground rules early: confidentiality, how often you meet, and how to challenge each other.

## Generational differences
Ask about the first job each of you had and what it taught you about work.
"""
AGENDA = {
    "title": "Session 1",
    "phase": "first",
    "items": [
        {"minutes": 20, "title": "Ground rules", "purpose": "Agree expectations",
         "goal_ids": ["g1"], "citations": ["guide.md#0"]},
        {"minutes": 20, "title": "TikTok", "purpose": "Discovery", "goal_ids": ["g2", 3],
         "citations": [1]},
    ],
}  # fmt: skip


def test_first_object_finds_json_in_prose():
    assert first_object('Sure! ```json\n{"a": {"b": 1}}\n``` and {"c": 2}') == {"a": {"b": 1}}
    assert first_object('{broken {"ok": true}') == {"ok": True}
    assert first_object("no json here") is None
    assert first_object("[1, 2]") is None


def test_agenda_is_taken_as_the_model_wrote_it():
    agenda = agenda_from(AGENDA, profile())
    assert [i.minutes for i in agenda.items] == [20, 20]  # 40, not 45: nothing rescales
    assert agenda.items[1].goal_ids == ["g2", "3"] and agenda.items[1].citations == ["1"]
    assert agenda.carry_over == []
    assert not agenda_metrics.valid(agenda, profile())


def test_an_agenda_that_does_not_fit_the_model_is_empty():
    bad = {**AGENDA, "items": [{"minutes": 0, "title": ""}]}
    assert agenda_from(bad, profile()).items == []
    assert agenda_from(None, profile()).items == []


def test_starters_are_coerced_lightly_or_dropped_whole():
    data = {"starters": [{"text": "Q?", "category": "Power dynamics", "asked_by": "Mentor",
                          "depth": "brave", "citations": [2]}]}  # fmt: skip
    parsed = starters_from(data)
    assert parsed.starters[0].category == "power_dynamics"
    assert parsed.starters[0].citations == ["2"]
    data["starters"][0]["category"] = "small talk"
    assert starters_from(data).starters == []


def test_summary_has_no_spans_and_accepts_bare_strings():
    summary = summary_from(
        {"key_takeaways": ["He talked over me"], "action_items": ["Email the quotes"],
         "flags": [{"kind": "Power imbalance", "evidence": "talked over me"}],
         "mutual_benefit": {"mentor": None, "mentee": "Heard the quotes"}}
    )  # fmt: skip
    assert summary.key_takeaways[0].span.quote == ""
    assert summary.action_items[0].owner == "unknown"
    assert summary.flags[0].kind == "power_imbalance"
    assert summary.mutual_benefit.mentor == "" and summary.mutual_benefit.mentee
    assert summary_from({"flags": [{"kind": "rudeness", "evidence": "x"}]}).flags == []


@pytest.fixture
def guides(tmp_path):
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "guide.md").write_text(GUIDE, encoding="utf-8")
    return folder


def rag(replies, guides) -> tuple[NaiveRag, FakeChatModel]:
    model = FakeChatModel.of(replies)
    return NaiveRag(model, [guides], REPO / "prompts", fake_embedding_function(), k=2), model


def test_naive_rag_agenda_retrieves_prompts_once_and_enforces_nothing(guides):
    baseline, model = rag([f"Here you go:\n{json.dumps(AGENDA)}"], guides)
    agenda = baseline.agenda(profile())
    assert len(model.calls) == 1  # one prompt, no repair
    prompt = model.calls[0][1].content
    assert "[guide.md#0]" in prompt and "pair-test-01" in prompt
    assert agenda.meta.prompt_id == "baseline_agenda" and agenda.meta.attempts == 1
    assert agenda.meta.citation_ids == ["guide.md#0"]  # the whole guide fits one 1000-char chunk
    assert agenda.meta.seconds >= 0 and agenda.meta.first_token_seconds is not None
    scores = agenda_metrics.score_agenda(agenda, profile())
    assert scores["minutes_exact"] is False and scores["carry_over"] == 0.0
    assert scores["citation_validity"] == 0.5  # "guide.md#0" is real, "1" is not
    baseline.close()
    assert baseline._collection is None


def test_an_unparseable_reply_gives_an_empty_invalid_artifact(guides):
    baseline, _ = rag(["I cannot help with that."], guides)
    starters = baseline.starters(profile())
    assert starters.starters == [] and starters.meta.prompt_id == "baseline_starters"
    assert not starter_metrics.valid(starters)
    baseline.close()


def test_naive_rag_summary_sees_the_reflection_and_the_passages(guides):
    reply = json.dumps({"key_takeaways": ["He agreed to meet weekly on Mondays"]})
    baseline, model = rag([reply], guides)
    summary = baseline.summarize(profile(), REFLECTION)
    prompt = model.calls[0][1].content
    assert REFLECTION in prompt and "[guide.md#0]" in prompt
    assert summary.key_takeaways[0].text == "He agreed to meet weekly on Mondays"
    baseline.close()
