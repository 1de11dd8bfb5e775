"""The mentor chat makes and refines agendas and starters when asked, and answers otherwise."""

import json

import pytest

from coach.domain.agenda import Agenda, violations
from coach.generation.chat import ChatAnswerer
from coach.generation.prompts import load_prompt
from coach.services.chat import ChatService
from coach.services.errors import UserError
from coach.services.generation import GenerationService

from .conftest import PASSAGES, REPO
from .test_pipeline import GOOD_AGENDA


@pytest.fixture
def chat(build, fake_model):
    agenda_pipeline, agenda_model, _ = build("agenda", [json.dumps(GOOD_AGENDA)] * 2)
    starters_pipeline, _, _ = build("starters", [RuntimeError("unused")])
    generation = GenerationService({"agenda": agenda_pipeline, "starters": starters_pipeline})
    answer_model = fake_model(["Name the hierarchy out loud [1]."])
    answerer = ChatAnswerer(
        search=lambda q, k: PASSAGES[:k], model=lambda: answer_model,
        prompt=load_prompt(REPO / "prompts", "chat_answer"),
    )  # fmt: skip
    return ChatService(answerer, generation), agenda_model


def test_asking_for_an_agenda_returns_one_as_markdown(chat, pair):
    service, _ = chat
    events = list(service.ask("Please draft an agenda for our next session", pair=pair))
    done = events[-1]
    assert isinstance(done.artifact, Agenda)
    assert done.text.startswith("# Session 2: gig apps")
    assert violations(done.artifact, pair, [p.id for p in PASSAGES]) == []


def test_shorten_item_is_applied_by_code_without_the_model(chat, pair):
    service, agenda_model = chat
    agenda = list(service.ask("draft an agenda", pair=pair))[-1].artifact
    calls = len(agenda_model.calls)
    before = agenda.items[1].minutes
    edited = list(service.ask("shorten item 2 by 5 min", pair=pair, agenda=agenda))[-1].artifact
    assert edited.items[1].minutes < before
    assert sum(i.minutes for i in edited.items) == pair.session.minutes
    assert len(agenda_model.calls) == calls


def test_more_on_a_topic_regenerates_with_that_focus(chat, pair):
    service, agenda_model = chat
    agenda = list(service.ask("draft an agenda", pair=pair))[-1].artifact
    list(service.ask("more on power dynamics", pair=pair, agenda=agenda))
    assert "more on power dynamics" in agenda_model.calls[-1][1].content


def test_an_agenda_needs_a_pair(chat):
    service, _ = chat
    with pytest.raises(UserError, match="Pick a pair"):
        list(service.ask("draft an agenda"))


def test_other_questions_are_answered_from_the_guides(chat, pair):
    service, _ = chat
    done = list(service.ask("How do I push back on my mentee?", pair=pair))[-1]
    assert done.artifact is None and done.cited == [1]
