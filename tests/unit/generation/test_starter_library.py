"""The narrow starters recipe with the queue-fed fake model: adapt, check, retry, fall back."""

import json
from pathlib import Path

import httpx
import openai
import pytest

from coach.domain.knowledge import Passage
from coach.domain.library import SLOT
from coach.domain.pair_profile import PairProfile
from coach.domain.starter_check import FELL_BACK
from coach.domain.starter_choice import TOO_LONG
from coach.domain.starter_slots import fill, subject_in_turn, subjects
from coach.generation.prompts import load_prompt
from coach.generation.starter_library import LibraryStarters, rationale
from coach.llm.fake import FakeChatModel
from coach.services.library import load_library
from tests.fake_tools import embed

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def library():
    return load_library(REPO / "library")[0]


@pytest.fixture
def pair():
    data = json.loads((REPO / "evals/datasets/pairs/pair-tech-01.json").read_text())
    return PairProfile.model_validate(data)


def recipe(library, model, fetch=lambda ids: [], adapt=True):
    prompts = REPO / "prompts"
    return LibraryStarters(
        library=library, embed=embed, fetch=fetch, model=lambda: model,
        prompt=load_prompt(prompts, "starter_adapt"), repair=load_prompt(prompts, "repair"),
        options={}, model_name=lambda: "fake-model", adapt=adapt,
    )  # fmt: skip


def reply(text):
    return json.dumps({"question": text})


def filled(templates, pair):
    """Each template filled as the recipe fills it: its ``{subject}`` slots take the pair's
    goals in turn (``subject_in_turn``)."""
    usable, turn, out = subjects(pair, TOO_LONG), 0, []
    for t in templates:
        subject = None
        if "{subject}" in t.text:
            subject, turn = subject_in_turn(t, usable, turn), turn + 1
        out.append(fill(t, pair, subject))
    return out


def slotted(templates):
    return [t for t in templates if SLOT.search(t.text)]


def test_each_template_with_slots_is_adapted_by_one_short_call(library, pair):
    # Their first session: its set has templates with slots and without
    first = pair.session.model_copy(update={"number": 1})
    pair = pair.model_copy(update={"session": first, "history": [], "open_action_items": []})
    chosen = recipe(library, FakeChatModel.of([])).chosen(pair)
    assert slotted(chosen) and len(slotted(chosen)) < len(chosen)  # the pair file has both kinds
    # An adaptation that keeps the template's words (similar) and adds a few of its own.
    adapted = {t.id: fill(t, pair).rstrip("?") + " in engineering hiring?" for t in slotted(chosen)}
    model = FakeChatModel.of([reply(adapted[t.id]) for t in slotted(chosen)])
    starters = recipe(library, model).run(pair)
    assert [s.text for s in starters.starters] == [adapted.get(t.id, t.text) for t in chosen]
    assert [s.template for s in starters.starters] == [t.id for t in chosen]
    assert [s.rationale for s in starters.starters] == [rationale(t) for t in chosen]
    assert len(model.calls) == len(slotted(chosen))  # a template without slots is used as written
    user = model.calls[0][1].content
    first = slotted(chosen)[0]
    assert "Ryan" in user and first.intent in user and "Age bias" in user
    assert "Gen X" not in user  # no generation: a question must never rest on one
    assert starters.meta.prompt_id == "starter_adapt" and not starters.meta.fallback
    assert not any(FELL_BACK in f for f in starters.meta.fixes)


def test_a_bad_adaptation_is_retried_once_then_the_filled_template_is_kept(library, pair):
    chosen = recipe(library, FakeChatModel.of([])).chosen(pair)
    first, *rest = slotted(chosen)
    bad = reply("How can the junior mentor help the senior leader with hiring?")
    model = FakeChatModel.of([bad, bad, *(reply(fill(t, pair)) for t in rest)])
    starters = recipe(library, model).run(pair)
    assert starters.starters[chosen.index(first)].text == fill(first, pair)
    assert len(model.calls) == len(slotted(chosen)) + 1
    fixes = starters.meta.fixes
    assert any("retried" in f for f in fixes) and any(FELL_BACK in f for f in fixes)


def test_a_model_that_fails_leaves_every_starter_its_filled_template(library, pair):
    refused = openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1/v1"))
    model = FakeChatModel.of([refused] * 3)
    starters = recipe(library, model).run(pair)
    chosen = recipe(library, model).chosen(pair)
    assert [s.text for s in starters.starters] == filled(chosen, pair)
    assert starters.meta.fallback and starters.meta.fallback_reason
    assert sum(FELL_BACK in f for f in starters.meta.fixes) == len(slotted(chosen))
    assert len(model.calls) == 1  # no call after the model failed


def test_a_starter_given_before_is_not_given_again(library, pair):
    first = {t.id for t in recipe(library, FakeChatModel.of([])).chosen(pair)}
    later = pair.model_copy(update={"given_starters": sorted(first)})
    assert not first & {t.id for t in recipe(library, FakeChatModel.of([])).chosen(later)}


def test_a_citation_stays_only_when_the_passage_is_about_the_starter(library, pair):
    chosen = recipe(library, FakeChatModel.of([])).chosen(pair)
    cites = {c: f"{c}-0" for t in chosen for c in t.cites}

    def fetch(ids, text_of=lambda i: "parking spaces behind the loading bay"):  # shares no word
        return [Passage(i, i.split("#")[0], "Guide", "Section", text_of(i), 0.0) for i in ids]

    replies = [reply(fill(t, pair)) for t in chosen]
    unrelated = recipe(library, FakeChatModel.of(replies), fetch).run(pair)
    assert all(s.citations == [] for s in unrelated.starters)
    texts = {f"{c}-0": fill(t, pair) for t in chosen for c in t.cites}
    related = recipe(library, FakeChatModel.of(replies),
                     lambda ids: fetch(ids, texts.get)).run(pair)  # fmt: skip
    assert all(
        s.citations == [cites[t.cites[0]]] for s, t in zip(related.starters, chosen, strict=True)
    )
    assert {c.id for c in related.meta.citations} == {cites[t.cites[0]] for t in chosen}


def test_without_adapting_every_starter_is_its_filled_template_and_no_model_is_asked(library, pair):
    model = FakeChatModel.of([])
    starters = recipe(library, model, adapt=False).run(pair)
    chosen = recipe(library, model).chosen(pair)
    assert [s.text for s in starters.starters] == filled(chosen, pair)
    assert model.calls == [] and not starters.meta.fallback and starters.meta.fixes == []
    assert (starters.meta.prompt_id, starters.meta.model) == ("library", "none (library templates)")


def test_each_starter_is_heard_in_order_as_soon_as_it_is_adapted(library, pair):
    chosen = recipe(library, FakeChatModel.of([])).chosen(pair)
    adapted = {t.id: fill(t, pair).rstrip("?") + " in engineering hiring?" for t in slotted(chosen)}
    model = FakeChatModel.of([reply(adapted[t.id]) for t in slotted(chosen)])
    heard: list[tuple[str, int]] = []  # each starter's text, and the model calls made by then
    starters = recipe(library, model).run(
        pair, on_item=lambda s: heard.append((s.text, len(model.calls)))
    )
    assert [text for text, _ in heard] == [s.text for s in starters.starters]
    asked = [sum(1 for t in chosen[: n + 1] if SLOT.search(t.text)) for n in range(len(chosen))]
    assert [calls for _, calls in heard] == asked, "each starter is heard before the next call"


@pytest.mark.parametrize(("focus", "line"), [
    ("Ryan is worried the new job ads are putting off everyone over forty, and that he will "
     "only hear about it from the tribunal.",
     "I'm worried the new job ads are putting off everyone over forty. What are you seeing"),
    ('At the last board the CFO said, "Older engineers just don\'t want to learn new stacks." '
     "Ryan said nothing.",
     "What would you want me to say the next time I hear 'Older engineers just don't want to "
     "learn new stacks'?"),
])  # fmt: skip
def test_a_focus_of_sentences_gets_one_line_the_senior_says(library, pair, focus, line):
    """starters-fresh2-3: the focus missed entirely in half the sets (a worry, a vet's remark)."""
    pair = pair.model_copy(update={"session": pair.session.model_copy(update={"focus": focus})})
    starters = recipe(library, FakeChatModel.of([]), adapt=False).run(pair).starters
    on_focus = [s for s in starters if s.text.startswith(line)]
    assert len(on_focus) == 1 and on_focus[0].asked_by == "mentee"
    assert not any("{" in s.text for s in starters)
