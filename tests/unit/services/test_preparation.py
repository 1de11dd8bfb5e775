"""Preparing a stored pair's session, and drafting a summary from a stored reflection."""

from pathlib import Path

import pytest

from coach.domain import agenda as agenda_rules
from coach.domain.agenda import Agenda, AgendaItem
from coach.domain.registry import SPECS
from coach.domain.starters import StarterSet
from coach.domain.summaries import ConsentState
from coach.llm.fake import FakeChatModel
from coach.services.errors import PermissionDenied
from coach.services.generation import GenerationService, run_with_items
from coach.services.preparation import PreparationService
from tests.fake_tools import fake_runner

from .conftest import SECRETS

PROMPTS = Path(__file__).resolve().parents[3] / "prompts"


def generation(model: FakeChatModel) -> GenerationService:
    def pipeline(spec):
        return fake_runner(spec, model, lambda q, k, f, p: [])

    return GenerationService({spec.kind: pipeline(spec) for spec in SPECS})


@pytest.fixture
def prep(world):
    model = FakeChatModel.of(["broken"] * 100)
    s = world.s
    service = PreparationService(
        s.pairs, s.plans, s.sessions, s.summaries, s.reflections, s.artifacts, generation(model)
    )
    return service, model


def test_the_profile_is_built_from_what_the_pair_stored(world, prep):
    service, _ = prep
    profile = service.profile(world.people["mentor"], world.pair.id, minutes=60)
    assert [g.text for g in profile.goals] == [SECRETS["goal"]]
    assert profile.goals[0].id == "g1"
    assert [(a.text, a.owner) for a in profile.open_action_items] == [
        ("Send the article", "mentor")
    ]
    assert profile.session.number == 2 and profile.session.minutes == 60
    assert profile.phase == "middle"
    shared = {ConsentState.SHARED_PARTNER, ConsentState.SHARED_PROGRAM}
    assert len(profile.history) == len(shared)
    assert all(SECRETS["summary"] in h.summary for h in profile.history)


def test_prepare_returns_valid_artifacts_even_when_the_model_fails(world, prep):
    service, model = prep
    profile, agenda, starters = service.prepare(world.people["mentee"], world.pair.id)
    assert agenda.meta.fallback  # the starters need no model: library templates, filled
    assert agenda_rules.violations(agenda, profile, []) == []
    assert model.calls, "the model was asked first"
    stored = world.s.artifacts.save(world.people["mentee"], world.pair.id, "agenda", agenda)
    assert Agenda.model_validate(stored.content) == agenda.model_copy(update={"meta": None})
    assert (stored.kind, stored.prompt_id, stored.model) == ("agenda", "agenda_item", "fake-model")
    assert stored.citations == tuple(agenda.meta.citation_ids)
    assert sum(i["minutes"] for i in stored.current["items"]) == profile.session.minutes


def test_a_stored_starter_set_is_the_pairs_history_and_is_never_given_again(world, prep):
    service, _ = prep
    mentor = world.people["mentor"]
    _profile, _agenda, first = service.prepare(mentor, world.pair.id)
    world.s.artifacts.save(mentor, world.pair.id, "starters", first)
    given = {s.template for s in first.starters}
    assert len(given) == len(first.starters) and "" not in given
    profile, _agenda, second = service.prepare(mentor, world.pair.id)
    assert set(profile.given_starters) == given
    assert not given & {s.template for s in second.starters}


def test_outsiders_cannot_prepare_someone_elses_pair(world, prep):
    service, model = prep
    with pytest.raises(PermissionDenied):
        service.prepare(world.people["outsider"], world.pair.id)
    assert model.calls == []


def test_a_summary_draft_comes_from_the_authors_own_reflection_only(world, prep):
    service, _ = prep
    summary, summary_id = service.draft_summary(world.people["mentor"], world.ids["reflection"])
    view = world.s.summaries.read(world.people["mentor"], summary_id)
    assert view.summary.state is ConsentState.DRAFT
    assert "Key takeaways" in view.text
    with pytest.raises(PermissionDenied):
        service.draft_summary(world.people["mentee"], world.ids["reflection"])


def test_prepare_hands_over_each_agenda_item_then_each_starter_as_written(world, prep):
    service, model = prep
    heard: list = []
    calls: list[int] = []  # the model calls made when each item was heard

    def on_item(item) -> None:
        heard.append(item)
        calls.append(len(model.calls))

    _profile, agenda, starters = service.prepare(world.people["mentor"], world.pair.id,
                                                 on_item=on_item)  # fmt: skip
    items, rest = heard[: len(agenda.items)], heard[len(agenda.items) :]
    assert [i.title for i in items] == [i.title for i in agenda.items], "once each, in order"
    assert [s.text for s in rest] == [s.text for s in starters.starters]
    assert calls[0] == 0 < calls[-1], "the first item came before the model was asked"
    assert calls == sorted(calls)


def test_a_runner_without_on_item_hands_over_its_items_when_it_is_done():
    class OneCall:
        def run(self, request, on_token=None):
            return StarterSet(starters=[])

    class Made:
        def run(self, request, on_token=None):
            return Agenda(
                title="t",
                phase="middle",
                minutes=10,
                items=[AgendaItem(minutes=10, title="Only item")],
            )

    heard: list = []
    run_with_items(Made(), None, None, heard.append)
    run_with_items(OneCall(), None, None, heard.append)
    assert [i.title for i in heard] == ["Only item"]
