"""The artifact pipeline's paths: valid first time, repaired once, and the rule-built fallback."""

import json

import httpx
import openai
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage
from openai.types.chat import ChatCompletion

from coach.domain import agenda as agenda_rules
from coach.domain import starters as starter_rules
from coach.generation.summary import SummaryRequest

from .conftest import PASSAGES

GOOD_AGENDA = {
    "title": "Session 2: gig apps and warehouse hiring",
    "items": [
        {"goal_id": "g1", "title": "Review the app comparison", "purpose": "Look at the findings",
         "prompts": ["What surprised you in the comparison?"], "citations": [3]},
        {"goal_id": "g2", "title": "Warehouse roles for younger people", "purpose": "Hiring ideas",
         "prompts": ["Which job ad would you apply to?"], "citations": [9]},
    ],
    "next_steps": ["Rewrite one job ad together"],
}  # fmt: skip


def test_a_valid_reply_becomes_an_agenda_with_provenance(build, pair):
    pipeline, model, search = build("agenda", [json.dumps(GOOD_AGENDA)])
    agenda = pipeline.run(pair)
    assert agenda_rules.violations(agenda, pair, [p.id for p in PASSAGES]) == []
    meta = agenda.meta
    assert (meta.prompt_id, meta.prompt_version, meta.model) == ("agenda", "2", "fake-model")
    assert meta.attempts == 1 and not meta.fallback
    written = [i for i in agenda.items if not i.rule_built()]
    assert [i.title for i in written] == [
        "Review the app comparison", "Warehouse roles for younger people"
    ]  # fmt: skip
    assert [i.goal_ids for i in written] == [["g1"], ["g2"]]
    assert written[0].citations == ["tiktok-guide.md#discovery-0"]
    assert agenda.objectives == [g.text for g in pair.goals]  # code's, from the goals
    assert "tiktok-guide.md#discovery-0" in meta.citation_ids
    assert all(search_call[3] == pair.id for search_call in search.calls)
    assert len(model.calls) == 1


def test_passage_numbers_out_of_range_never_become_citations(build, pair):
    pipeline, _model, _search = build("agenda", [json.dumps(GOOD_AGENDA)])
    agenda = pipeline.run(pair)
    cited = {c for item in agenda.items for c in item.citations}
    assert cited and cited <= {p.id for p in PASSAGES}, "in-range numbers still cite"


def test_the_static_prompt_prefix_comes_first_and_is_the_same_for_every_pair(build, pair):
    other = pair.model_copy(update={"id": "pair-other", "goals": pair.goals[:1]})
    pipeline, model, _ = build("agenda", [json.dumps(GOOD_AGENDA)] * 2)
    pipeline.run(pair)
    pipeline.run(other)
    first, second = model.calls
    assert isinstance(first[0], SystemMessage) and first[0].content == second[0].content
    assert pair.mentor.name in first[1].content and pair.mentor.name not in first[0].content


def test_a_broken_reply_is_repaired_once_with_the_error_fed_back(build, pair):
    broken = json.dumps({**GOOD_AGENDA, "items": [{"minutes": "ten"}]})
    pipeline, model, _ = build("agenda", [broken, json.dumps(GOOD_AGENDA)])
    agenda = pipeline.run(pair)
    assert agenda.meta.attempts == 2 and not agenda.meta.fallback
    retry = model.calls[1]
    assert isinstance(retry[-2], AIMessage) and retry[-2].content == broken
    assert isinstance(retry[-1], HumanMessage)
    assert "rejected" in retry[-1].content and "items.0" in retry[-1].content
    assert agenda.meta.fixes[0].startswith("items.0")


def test_two_bad_replies_fall_back_to_a_valid_rule_built_agenda(build, pair):
    pipeline, model, _ = build("agenda", ["not json at all", '{"title": "cut off'])
    agenda = pipeline.run(pair)
    assert agenda.meta.fallback and "after one repair" in agenda.meta.fallback_reason
    assert agenda.meta.attempts == 2
    assert agenda_rules.violations(agenda, pair, [p.id for p in PASSAGES]) == []
    assert len(model.calls) == 2


def cut_off(completion_tokens: int = 700) -> openai.LengthFinishReasonError:
    """What the OpenAI client raises when a structured reply stops at max_tokens."""
    completion = ChatCompletion.model_validate({
        "id": "c1", "object": "chat.completion", "created": 0, "model": "m",
        "choices": [{"index": 0, "finish_reason": "length",
                     "message": {"role": "assistant", "content": '{"title": "Sess'}}],
        "usage": {"prompt_tokens": 600, "completion_tokens": completion_tokens,
                  "total_tokens": 600 + completion_tokens},
    })  # fmt: skip
    return openai.LengthFinishReasonError(completion=completion)


def test_a_reply_cut_off_at_the_token_limit_is_asked_again_without_the_cut_text(build, pair):
    pipeline, model, _ = build("agenda", [cut_off(), json.dumps(GOOD_AGENDA)])
    agenda = pipeline.run(pair)
    assert not agenda.meta.fallback and agenda.meta.attempts == 2
    retry = model.calls[1]
    assert not any(isinstance(m, AIMessage) for m in retry)
    assert "cut off" in retry[-1].content and "shorter" in retry[-1].content
    assert agenda.meta.completion_tokens >= 700


def test_two_cut_off_replies_fall_back_and_say_why(build, pair):
    pipeline, _model, _ = build("summary", [cut_off(), cut_off()])
    summary = pipeline.run(SummaryRequest(pair, "We met. I showed him the app.", "mentor"))
    assert summary.meta.fallback and "cut off" in summary.meta.fallback_reason


def test_a_model_timeout_falls_back_and_says_so(build, pair):
    timeout = openai.APITimeoutError(request=httpx.Request("POST", "http://127.0.0.1/v1"))
    pipeline, _model, _ = build("starters", [timeout])
    starters = pipeline.run(pair)
    assert starters.meta.fallback and starters.meta.fallback_reason == "the model timed out"
    assert starter_rules.violations(starters.starters, [p.id for p in PASSAGES]) == []
    assert "Bilal" in " ".join(s.text for s in starters.starters)


def slot(text, **extra):
    return {"goal_id": "g1", "text": text, "rationale": "r", "asked_by": "mentee",
            "depth": "deeper", "citations": [], **extra}  # fmt: skip


def test_starters_drop_stereotypes_and_refill_the_required_category(build, pair):
    reply = {
        "power_dynamics": slot("As a digital native, how should I take your challenges?"),
        "generational_differences": slot("How did each of us learn our first work tools?"),
        "other": [
            {"category": "mutual_benefit", **slot("What would make this worth your time too?",
                                                   citations=[2, 7])},
            {"category": "trust", **slot("What would make this worth your time, too?")},
        ],
    }  # fmt: skip
    pipeline, _, _ = build("starters", [json.dumps(reply)])
    starters = pipeline.run(pair)
    texts = [s.text for s in starters.starters]
    assert not any("digital native" in t for t in texts)
    assert sum("worth your time" in t for t in texts) == 1
    categories = [s.category for s in starters.starters]
    assert categories.count("power_dynamics") == 1 and "generational_differences" in categories
    assert "rejected a starter with a stereotype" in " ".join(starters.meta.fixes)
    benefit = next(s for s in starters.starters if s.category == "mutual_benefit")
    assert benefit.citations == ["power-dynamics.md#naming-0"]
    assert not starters.meta.fallback
