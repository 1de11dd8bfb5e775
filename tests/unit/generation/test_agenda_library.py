"""The narrow agenda recipe with the queue-fed fake model: shape, word, check, retry, fall back."""

import json
from dataclasses import replace
from pathlib import Path

import httpx
import numpy as np
import openai
import pytest

from coach.domain.agenda import ACTION_REVIEW_TITLE, CHECK_IN, violations
from coach.domain.agenda_check import unnamed
from coach.domain.agenda_plan import (
    FELL_BACK,
    KEPT_FIRST_QUESTION,
    KEPT_OUR_QUESTION,
    TAKEN_UP_BELOW,
    WORKED_BELOW,
    carry_review,
    segment_item,
)
from coach.domain.check_in import CHECK_IN_ABOUT, CHECK_IN_QUESTION
from coach.domain.knowledge import Passage
from coach.domain.markdown import agenda_markdown
from coach.domain.pair_profile import PairProfile
from coach.domain.segment_fit import can_run, choice_text, fit
from coach.domain.wording import words
from coach.generation.agenda_library import LibraryAgenda
from coach.generation.prompts import load_prompt
from coach.generation.structured import Usage
from coach.llm.fake import FakeChatModel
from coach.services.library import load_library
from tests.fake_tools import embed

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def library():
    return load_library(REPO / "library")[0]


def pair_file(name="pair-tech-01", **session):
    data = json.loads((REPO / f"evals/datasets/pairs/{name}.json").read_text())
    data["session"].update(session)
    return PairProfile.model_validate(data)


def recipe(library, model, fetch=lambda ids: [], embedder=embed, adapt=True):
    prompts = REPO / "prompts"
    return LibraryAgenda(
        library=library, embed=embedder, fetch=fetch, model=lambda: model,
        prompt=load_prompt(prompts, "agenda_item"), repair=load_prompt(prompts, "repair"),
        options={}, model_name=lambda: "fake-model", adapt=adapt,
    )  # fmt: skip


def reply(title, activity):
    return json.dumps({"title": title, "activity": activity})


GOOD = reply(
    "Rewrite one job ad together",
    "Ryan brings an open engineering job ad and Deborah marks every phrase that would put off "
    "a career changer, with an eye on age bias in hiring.",
)


def good_for(slot):
    """A reply that passes the checks for ``slot``: it names what the item is for."""
    return reply(
        "Rewrite one job ad together",
        f"Ryan brings an open engineering job ad and Deborah marks what bears on: {slot.serves}.",
    )


def test_a_middle_session_opens_on_the_last_session_and_reviews_each_action(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    model = FakeChatModel.of([good_for(s) for s in slots])
    agenda = recipe(library, model).run(pair)
    titles = [i.title for i in agenda.items]
    assert titles[0] == CHECK_IN and "Reviewed job ads" in agenda.items[0].purpose
    review = agenda.items[1]
    assert review.title == ACTION_REVIEW_TITLE
    assert [p.split(":")[0] for p in review.prompts] == ["Ryan", "Deborah"]
    assert not violations(agenda, pair, [c for i in agenda.items for c in i.citations])
    # the old action items are reviewed, never copied into next steps
    assert not any("job ads" in s for s in agenda.next_steps)
    assert agenda.meta.prompt_id == "agenda_item" and not agenda.meta.fallback
    assert len(model.calls) == len(slots)
    user = model.calls[0][1].content
    assert "Age bias in our hiring process" in user and slots[0].segment.purpose in user


def test_the_focus_gets_its_own_item_before_the_goals(library):
    pair = pair_file(minutes=60)
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    assert slots[0].is_focus and slots[0].serves == "Age bias in our hiring process"
    assert all(not s.is_focus for s in slots[1:])
    assert len({s.segment.id for s in slots}) == len(slots)  # never the same pattern twice
    served = {g for s in slots for g in s.goal_ids}
    assert served == {"g1", "g2"}


def test_a_focus_that_only_names_the_session_gets_no_item_of_its_own(library):
    for focus in ("Final session", "Kick-off", "Closing session: what's changed and what's next"):
        pair = pair_file(focus=focus)
        assert not any(s.is_focus for s in recipe(library, FakeChatModel.of([])).slots(pair))


def test_a_bad_wording_is_retried_once_then_that_item_keeps_the_library_wording(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    textbook = reply("Age bias", "The pair will learn about age bias in hiring processes today.")
    model = FakeChatModel.of([textbook, textbook] + [good_for(s) for s in slots[1:]])
    agenda = recipe(library, model).run(pair)
    first = slots[0].segment
    item = next(i for i in agenda.items if i.title == first.name)
    assert item.purpose == first.purpose and item.prompts == [first.question]
    fixes = " ".join(agenda.meta.fixes)
    assert "echoes the instructions" in fixes
    assert "title: the goal or focus pasted back" in fixes
    assert f"item {first.id}: {FELL_BACK}" in agenda.meta.fixes
    assert sum(i.title == "Rewrite one job ad together" for i in agenda.items) == len(slots) - 1
    assert not agenda.meta.fallback  # one item fell back, not the agenda


def test_a_failing_server_leaves_every_item_in_the_library_wording(library):
    pair = pair_file()
    request = httpx.Request("POST", "http://llm/v1/chat/completions")
    model = FakeChatModel.of([openai.APIConnectionError(request=request)])
    agenda = recipe(library, model).run(pair)
    names = {s.segment.name for s in recipe(library, FakeChatModel.of([])).slots(pair)}
    assert names <= {i.title for i in agenda.items}
    assert agenda.meta.fallback and len(model.calls) == 1
    assert not violations(agenda, pair, [c for i in agenda.items for c in i.citations])


def test_first_and_closing_sessions_follow_their_phase_scripts(library):
    first = pair_file(number=1, phase="first", focus="")
    closing = pair_file(number=6, phase="closing", focus="")
    for pair, script in ((first, "script-first"), (closing, "script-closing")):
        agenda = recipe(library, FakeChatModel.of([])).run(pair)
        blocks = next(s for s in library.scripts if s.id == script).blocks
        titles = [i.title for i in agenda.items]
        assert [b.title for b in blocks] == [t for t in titles if t in {b.title for b in blocks}]
        assert not violations(agenda, pair, [c for i in agenda.items for c in i.citations])
        assert agenda.meta.completion_tokens == 0  # no focus, no goal item: the model is not asked
        assert not any("session 7" in s or "session 2" in s and script == "script-closing"
                       for s in agenda.next_steps)  # fmt: skip
    closing_steps = recipe(library, FakeChatModel.of([])).run(closing).next_steps
    assert any("after the program" in s for s in closing_steps)
    first_prep = recipe(library, FakeChatModel.of([])).run(first).preparation
    assert "goals you set" not in first_prep.mentor + first_prep.mentee  # none are set yet


def test_a_closing_without_thanks_or_of_half_an_hour_leaves_a_script_block_out(library):
    """fresh4: "I don't want a thank-you speech" kept eight minutes of thanks (farm
    cooperative); a 30-minute close was seven blocks of 4-5 minutes (motorway services)."""
    blocks = [b.title for b in next(s for s in library.scripts if s.id == "script-closing").blocks]

    def left_out(minutes: int, focus: str = "") -> list[str]:
        pair = pair_file(number=6, phase="closing", focus=focus, minutes=minutes)
        titles = [
            i.title for i in recipe(library, FakeChatModel.of([]), adapt=False).run(pair).items
        ]
        return [t for t in blocks if t not in titles]

    assert left_out(60) == []
    assert left_out(30) == ["Honest feedback on how we worked together"]
    assert left_out(60, "Our last one. I don't want a thank-you speech.") == ["Thanks"]


def test_a_citation_stays_only_when_the_passage_is_about_the_item(library):
    pair = pair_file()
    about = Passage(id="about", text=json.loads(GOOD)["activity"], source="g.md", title="G",
                    section="S", score=1.0)  # fmt: skip
    unrelated = Passage(id="off", text="zebra migration patterns across the Serengeti plains",
                        source="g.md", title="G", section="S", score=1.0)  # fmt: skip
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    for passage, kept in ((about, True), (unrelated, False)):
        model = FakeChatModel.of([good_for(s) for s in slots])
        agenda = recipe(library, model, fetch=lambda ids, p=passage: [p]).run(pair)
        cited = {c for i in agenda.items for c in i.citations}
        assert (passage.id in cited) is kept


def test_a_title_that_only_pastes_the_goal_is_replaced_by_the_patterns_name(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    pasted = [json.loads(good_for(s)) | {"title": s.serves} for s in slots]
    model = FakeChatModel.of([json.dumps(p) for p in pasted])
    agenda = recipe(library, model).run(pair)
    worded = [i for i in agenda.items if i.pattern]
    assert [i.title for i in worded] == [s.segment.name for s in slots]
    assert [i.purpose for i in worded] == [p["activity"] for p in pasted]  # the rest is kept
    assert len(model.calls) == len(slots)  # no retry for a title alone
    assert all("the pattern's title" in f for f in agenda.meta.fixes[: len(slots)])


def test_each_item_asks_its_patterns_own_question_as_written(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    model = FakeChatModel.of([good_for(s) for s in slots])
    agenda = recipe(library, model).run(pair)
    worded = [i for i in agenda.items if i.pattern]
    assert [i.prompts for i in worded] == [[s.segment.question] for s in slots]
    for slot, call in zip(slots, model.calls, strict=True):  # each told the pattern's question
        assert f"asked as written: {slot.segment.question}" in call[-1].content


OFF = reply("Walk the loading dock together", "Ryan shows Deborah the loading dock.")


def test_an_item_about_something_else_is_corrected_told_the_words_of_what_it_is_for(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    model = FakeChatModel.of([OFF, good_for(slots[0])] + [good_for(s) for s in slots[1:]])
    agenda = recipe(library, model).run(pair)
    retry = model.calls[1]
    assert len(retry) == 4, "a correction of the first reply, not a fresh request"
    told = unnamed(slots[0].serves, pair, slots[0].is_focus)
    assert told and f"must use these words: {', '.join(told)}" in retry[-1].content
    assert set(told) <= set(words(slots[0].serves))  # as written, not folded ("proces")
    worded = [i for i in agenda.items if i.pattern]
    assert worded[0].pattern == slots[0].segment.id
    assert worded[0].title == "Rewrite one job ad together"
    first = f"item {slots[0].segment.id}: does not address"
    assert any(f.startswith(first) for f in agenda.meta.fixes)


def test_an_item_failing_for_another_reason_is_worded_again_from_the_next_best_pattern(library):
    pair = pair_file(minutes=60)
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    alternate = slots[0].alternate
    assert alternate is not None and alternate.id not in {s.segment.id for s in slots}
    cut = f"Ryan brings a job ad and Deborah marks what bears on {slots[0].serves} and the"
    not_asked = reply("Rewrite one job ad together", cut)
    replies = [not_asked, good_for(slots[0])] + [good_for(s) for s in slots[1:]]
    model = FakeChatModel.of(replies)
    agenda = recipe(library, model).run(pair)
    retry = model.calls[1]
    assert len(retry) == 2, "a fresh request, not a correction of the first"
    assert alternate.purpose in retry[-1].content and slots[0].serves in retry[-1].content
    worded = [i for i in agenda.items if i.pattern]
    assert worded[0].pattern == alternate.id and worded[0].title == "Rewrite one job ad together"
    assert worded[0].goal_ids == slots[0].goal_ids
    assert any("cut off before its end" in f for f in agenda.meta.fixes)
    # what each person brings follows the activity shown, not the pattern refused
    assert f'For "{alternate.name}": {alternate.mentor_brings.rstrip(".")}'.casefold() in (
        agenda.preparation.mentor.casefold()
    )
    assert alternate.mentor_brings != slots[0].segment.mentor_brings


def test_without_another_pattern_the_model_is_asked_to_correct_itself(library):
    pair = pair_file()
    slot = replace(recipe(library, FakeChatModel.of([])).slots(pair)[0], alternate=None)
    model = FakeChatModel.of([OFF, good_for(slot)])
    fixes: list[str] = []
    item = recipe(library, model).word(slot, pair, Usage(), fixes)
    retry = model.calls[1]
    assert "does not address what it is for" in retry[-1].content
    assert json.loads(retry[-2].content)["title"] == "Walk the loading dock together"
    assert item.pattern == slot.segment.id and item.title == "Rewrite one job ad together"
    assert fixes[0].endswith("; retried")


def checking_in(library, model):
    return replace_options(recipe(library, model))


def replace_options(agenda: LibraryAgenda) -> LibraryAgenda:
    agenda.check_in_options = {}
    return agenda


# our own check-in question, naming the last session's first phrase ("Reviewed job ads; …")
OURS = CHECK_IN_ABOUT.format(phrase="the job ads", number=2)


def test_our_check_in_question_names_the_last_sessions_phrase_else_asks_in_general():
    from coach.domain.check_in import check_in

    assert check_in(pair_file()).prompts == [OURS]
    talked = pair_file()
    talked.history[-1].summary = "Talked."
    assert check_in(talked).prompts == [CHECK_IN_QUESTION.format(number=2)]


def test_the_check_in_asks_the_models_question_about_the_last_session_first(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    asked = "When you reread your job ads since then, which flagged phrases did you change?"
    model = FakeChatModel.of([json.dumps({"question": asked})] + [good_for(s) for s in slots])
    heard: list[tuple[str, int]] = []
    agenda = checking_in(library, model).run(
        pair, on_item=lambda i: heard.append((i.title, len(model.calls)))
    )
    assert agenda.items[0].title == CHECK_IN and agenda.items[0].prompts == [asked]
    assert "Reviewed job ads" in agenda.items[0].purpose  # the recap stays ours
    assert "picking up from session 2" in model.calls[0][-1].content
    assert "last session (job ads, digital native)" in model.calls[0][-1].content  # told at once
    assert heard[0] == (CHECK_IN, 1), "heard once the model has asked it"
    assert len(model.calls) == 1 + len(slots)
    assert agenda.meta.first_item_seconds is not None
    assert not violations(agenda, pair, [c for i in agenda.items for c in i.citations])


def test_the_models_check_in_in_its_examples_form_is_asked_about_what_was_talked_about(library):
    """agenda-21 and agenda-heldout-6: "What has changed for you with X" put to the wrong person
    (the mentor's shifts, asked of the senior); agenda-22 preferred the new form 15 of 15."""
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    asked = "What has changed for you with the flagged job ads since session 2?"
    model = FakeChatModel.of([json.dumps({"question": asked})] + [good_for(s) for s in slots])
    agenda = checking_in(library, model).run(pair)
    shown = "What have you tried or noticed since we talked about the flagged job ads in session 2?"
    assert agenda.items[0].prompts == [shown]
    assert len(model.calls) == 1 + len(slots)  # one question, as the model wrote it, reworded


@pytest.mark.parametrize(
    "asked, told",
    [("How are you today?", True),  # does not pick up the last session: told its words
     ("What did Deborah think of the job ads and phrases?", False),  # not asked face to face
     ("Which phrase in the job ads did the Kowalski report flag for you?", False)],  # a name
)  # fmt: skip
def test_a_check_in_question_that_fails_its_checks_twice_leaves_ours(library, asked, told):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    tries = 2  # corrected once
    replies = [json.dumps({"question": asked})] * tries + [good_for(s) for s in slots]
    model = FakeChatModel.of(replies)
    agenda = checking_in(library, model).run(pair)
    assert agenda.items[0].prompts == [OURS]
    assert any(f.startswith("check-in:") and KEPT_OUR_QUESTION in f for f in agenda.meta.fixes)
    first_worded = agenda.meta.first_item_seconds
    assert first_worded is not None  # the first model-worded item counts, not our check-in
    assert len(model.calls) == tries + len(slots)
    assert ("The question must use these words" in model.calls[1][-1].content) is told


@pytest.mark.parametrize(
    "asked, shown",
    [("Which flagged phrases did you cut from your job ads? What did you keep? Why?",
      "Which flagged phrases did you cut from your job ads?"),  # the first passes alone
     ("How was your week? Which flagged phrases did you cut from your job ads?", None)],
)  # fmt: skip
def test_of_several_check_in_questions_the_first_is_kept_when_it_passes_alone(
    library, asked, shown
):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    tries = 2 if shown is None else 1  # its first question missing the last session: corrected
    replies = [json.dumps({"question": asked})] * tries + [good_for(s) for s in slots]
    model = FakeChatModel.of(replies)
    agenda = checking_in(library, model).run(pair)
    assert len(model.calls) == tries + len(slots)
    if shown is None:
        assert agenda.items[0].prompts == [OURS]
    else:
        assert agenda.items[0].prompts == [shown]
        assert f"check-in: question: more than one question; {KEPT_FIRST_QUESTION}" in (
            agenda.meta.fixes
        )


def test_a_check_in_that_misses_the_last_session_is_told_its_words_once(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    asked = "Since we reviewed your job ads, which flagged phrases have you changed?"
    missed = {"question": "How has your week been, honestly?"}
    replies = [json.dumps(missed), json.dumps({"question": asked})] + [good_for(s) for s in slots]
    model = FakeChatModel.of(replies)
    heard: list[tuple[str, int]] = []
    agenda = checking_in(library, model).run(
        pair, on_item=lambda i: heard.append((i.title, len(model.calls)))
    )
    told = model.calls[1][-1].content
    assert "does not pick up the last session" in told
    assert "The question must use these words: job ads, digital native." in told
    assert json.loads(model.calls[1][-2].content) == missed
    assert agenda.items[0].prompts == [asked] and heard[0] == (CHECK_IN, 2)
    assert any(f.startswith("check-in:") and f.endswith("; retried") for f in agenda.meta.fixes)


def test_a_first_item_is_timed_only_when_it_holds_the_models_words(library):
    pair = pair_file()
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    textbook = reply("Age bias", "The pair will learn about age bias in hiring processes today.")
    model = FakeChatModel.of([textbook] * (2 * len(slots)))
    agenda = recipe(library, model).run(pair)
    assert sum(FELL_BACK in f for f in agenda.meta.fixes) == len(slots)
    assert agenda.meta.first_item_seconds is None


@pytest.mark.parametrize("phase", ["first", "middle", "closing"])  # each frame's order
def test_each_item_is_heard_in_order_as_soon_as_it_is_written(library, phase):
    pair = pair_file(phase=phase)
    assert pair.phase == phase
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    model = FakeChatModel.of([good_for(s) for s in slots])
    heard: list[tuple[str, int]] = []  # each item's title, and the model calls made by then
    agenda = recipe(library, model).run(
        pair, on_item=lambda i: heard.append((i.title, len(model.calls)))
    )
    assert [title for title, _ in heard] == [i.title for i in agenda.items], "once each, in order"
    calls = [n for _, n in heard]
    assert calls[0] == 0, "the code-built opening is heard before the model writes"
    assert calls == sorted(calls) and max(calls) == len(slots)
    worded = [n for n in calls if n > 0]
    assert worded[: len(slots)] == list(range(1, len(slots) + 1)), "each as the model ends it"


def test_the_models_check_in_question_is_on_by_default_and_the_setting_turns_it_off():
    from coach.config import Settings
    from coach.generation.agenda_library import LibraryAgendaRecipe
    from tests.fake_tools import fake_tools

    assert Settings().agenda_check_in is True
    tools = fake_tools(FakeChatModel.of([]))
    assert LibraryAgendaRecipe().build(tools).check_in_options is None
    on = LibraryAgendaRecipe().build(replace(tools, agenda_check_in=True))
    assert on.check_in_options is not None


def test_a_councils_items_speak_of_its_residents_not_a_companys_customers(library):
    pair = pair_file("pair-public-sector-02")
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    shown = [s.segment for s in slots] + [s.alternate for s in slots if s.alternate]
    text = " ".join(f"{s.name} {s.purpose} {s.question} {s.mentor_brings} {s.mentee_brings}"
                    for s in shown)  # fmt: skip
    assert "council" in text.lower() or "resident" in text.lower()
    assert not {"company", "customer", "customers"} & set(words(text.lower()))


def test_by_default_each_block_is_the_patterns_own_text_and_only_the_check_in_asks_the_model(
    library,
):
    from coach.generation.agenda_library import LibraryAgendaRecipe
    from tests.fake_tools import fake_tools

    pair = pair_file()
    asked = "Which flagged phrases did you take out of your job ads since session 2?"
    model = FakeChatModel.of([json.dumps({"question": asked})])
    tools = replace(fake_tools(model), adapt_agenda=False, agenda_check_in=True)
    agenda = LibraryAgendaRecipe().build(tools).run(pair)
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    worded = [i for i in agenda.items if i.pattern]
    assert [(i.title, i.purpose) for i in worded] == [
        (s.segment.name, s.segment.purpose) for s in slots]  # fmt: skip
    assert len(model.calls) == 1 and agenda.items[0].prompts == [asked]
    assert not agenda.meta.fallback and not any("kept the library" in f for f in agenda.meta.fixes)


def test_a_citation_stays_on_an_item_only_when_its_passage_is_about_it():
    from coach.domain.agenda import AgendaItem
    from coach.generation.library_cite import ITEM_CITE_SIMILARITY, keep_about

    item = AgendaItem(minutes=5, title="Plan a shadowing visit", citations=["near", "far", "gone"])
    vectors = {"Plan a shadowing visit": [1.0, 0.0], "about visits": [0.8, 0.6],
               "about thanks": [0.3, 0.95]}  # fmt: skip

    def embed(texts):
        return np.array([vectors[t.strip()] for t in texts])

    notes = keep_about([item], {"near": "about visits", "far": "about thanks"}, embed)
    assert item.citations == ["near"] and notes == [
        "dropped a citation not about 'Plan a shadowing visit'"
    ]
    assert 0.3 < ITEM_CITE_SIMILARITY <= 0.8  # 0.3 (the far one) is dropped, 0.8 kept


def test_a_focus_about_the_session_is_read_with_the_goal_it_serves(library):
    """heldout-telecom-01: "Follow up on what we said last session about the on-call rota"
    names no kind of goal by itself and got the five-minute feedback close; read with the goal
    it serves (why younger engineers avoid the rota), it gets a block about staff."""

    def embed_rota(texts):  # the focus and the rota goal point one way, everything else another
        return np.array([[1.0, 0.0] if "on-call" in t else [0.0, 1.0] for t in texts])

    profile = pair_file("pair-tech-01", focus="Follow up on what we said last session about "
                        "the on-call rota")  # fmt: skip
    profile = profile.model_copy(
        update={
            "goals": [
                profile.goals[0].model_copy(
                    update={"text": "Understand why younger engineers avoid the on-call rota"}
                ),  # fmt: skip
            ]
        }
    )
    slots = recipe(library, FakeChatModel.of([]), embedder=embed_rota).slots(profile)
    assert slots[0].is_focus and slots[0].goal_ids == [profile.goals[0].id]
    assert "staff" in slots[0].segment.fits, slots[0].segment.id
    assert "the on-call rota" in slots[0].segment.purpose  # its subject, from the focus


def test_a_first_sessions_focus_block_comes_after_the_ground_rules_a_closings_suits_closing(
    library,
):
    """agenda-13: a shadowing visit planned before the ground rules in a first session, and
    in the middle of a closing one."""
    first = pair_file(number=1, phase="first", focus="Night-shift walk-round")
    # the default: blocks in the patterns' own words
    agenda = recipe(library, FakeChatModel.of([]), adapt=False).run(first)
    titles = [i.title for i in agenda.items]
    focus_at = next(n for n, i in enumerate(agenda.items) if i.pattern)
    assert titles.index("How we challenge each other") < focus_at < len(titles) - 1
    closing = pair_file(number=6, phase="closing", focus="Hand over the recruitment pilot")
    slots = recipe(library, FakeChatModel.of([])).slots(closing)
    assert slots and all("closing" in s.segment.phases for s in slots)


def test_a_session_that_is_a_visit_or_a_hand_over_gets_a_block_that_does_it(library):
    """The blind focus labels of 2026-12-07: "Night-shift walk-round" and "Visit to the cobot
    pilot cell" got a visit planned for later, "Final session: hand over the recruitment pilot"
    a block on the first goal and nothing handed over."""
    for number, phase, focus in [(1, "first", "Night-shift walk-round"),
                                 (3, "middle", "Visit to the cobot pilot cell")]:  # fmt: skip
        slots = recipe(library, FakeChatModel.of([])).slots(
            pair_file(number=number, phase=phase, focus=focus)
        )
        assert slots[0].is_focus and "visit" in slots[0].segment.fits, slots[0].segment.id
    closing = pair_file(
        number=6,
        phase="closing",
        focus="Final session: hand over the recruitment pilot and look back",
    )
    slots = recipe(library, FakeChatModel.of([])).slots(closing)
    assert "handover" in slots[0].segment.fits, slots[0].segment.id
    assert "the recruitment pilot" in slots[0].segment.purpose
    middle = recipe(library, FakeChatModel.of([])).slots(pair_file(focus="Age bias in hiring"))
    assert not any("visit" in s.segment.fits for s in middle)  # only when the session is a visit


def test_a_goal_the_pair_works_at_gets_no_block_whose_subject_reads_only_as_a_topic(library):
    """The agenda readability labels of 2026-12-07: "searches … for posts about hearing what
    customers actually say in live chat about returns"."""
    pair = pair_file("pair-retail-04")
    assert pair.goals[0].text.startswith("Hear what customers")
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    goal_worded = [s for s in slots if not s.material]  # a made thing is the other's subject
    assert goal_worded and all(s.segment.takes != "topic" for s in goal_worded), slots
    topic_only = [s for s in library.segments if s.takes == "topic"]
    assert any(s.id == "seg-data-what-they-say-about-us" for s in topic_only)


def test_what_an_action_made_for_the_session_is_worked_through_in_its_goals_block(library):
    """agenda-heldout-2 and -3: the pair's carried-over material (the shelf photos, a sketch)
    used only in the review slot, never as the session's activity."""
    pair = pair_file("pair-retail-04")
    made = "Draft a one-page summary of the top five return complaints"
    assert made in [a.text for a in pair.open_action_items]
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    worked = [s for s in slots if s.material]
    assert len(worked) == 1 and worked[0].material == made
    assert "material" in worked[0].segment.fits and not worked[0].is_focus
    assert "the one-page summary of the top five return complaints" in worked[0].segment.purpose
    assert not any("material" in s.segment.fits for s in slots if not s.material)
    agenda = recipe(library, FakeChatModel.of([]), adapt=False).run(pair)
    review = next(i for i in agenda.items if i.title == ACTION_REVIEW_TITLE)
    asked = next(p for p in review.prompts if made in p)
    assert asked.endswith(WORKED_BELOW)  # asked whether it is ready, not walked through twice
    alone = pair.model_copy(update={"open_action_items": [
        a for a in pair.open_action_items if a.text != made]})  # fmt: skip
    # a ready check adds no minutes: the review is as long as the other action's alone
    assert carry_review(pair, {made})[0].minutes == carry_review(alone)[0].minutes
    assert carry_review(pair)[0].minutes > carry_review(alone)[0].minutes
    # its maker brings it, whichever pattern is worded, the alternate too
    thing = "the one-page summary of the top five return complaints"
    assert worked[0].alternate is not None and "material" in worked[0].alternate.fits
    for shown in (worked[0].segment, worked[0].alternate):
        assert shown.mentor_brings.startswith(thing), shown.id
    assert not violations(agenda, pair, [c for i in agenda.items for c in i.citations])
    # a first session, and a pair with no made thing, get no such block
    for other in (pair_file("pair-retail-04", number=1, phase="first"),
                  pair_file("pair-finance-01")):  # fmt: skip
        found = recipe(library, FakeChatModel.of([])).slots(other)
        assert not any("material" in s.segment.fits for s in found), other.id


def test_what_the_mentee_read_is_taken_up_in_the_block_of_its_goal(library):
    """agenda-19 and the held-out reviews: the mentee's own done tasks (20 transcripts read,
    stories posted) stayed in the review, and the block on the same goal never asked what they
    showed."""
    pair = pair_file("pair-retail-04")
    read = "Read 20 live chat transcripts tagged 'returns'"
    assert read in [a.text for a in pair.open_action_items]
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    taking = [s for s in slots if s.taken_up]
    assert [s.taken_up for s in taking] == [read]
    assert taking[0].goal_ids == ["g1"]  # hearing what customers say about returns
    agenda = recipe(library, FakeChatModel.of([]), adapt=False).run(pair)
    asked = "Helen, what have you noticed so far from reading 20 live chat transcripts tagged"
    block = next(i for i in agenda.items if any(p.startswith(asked) for p in i.prompts))
    assert block.pattern == taking[0].segment.id
    review = next(i for i in agenda.items if i.title == ACTION_REVIEW_TITLE)
    assert next(p for p in review.prompts if read in p).endswith(TAKEN_UP_BELOW)
    # a first session takes nothing up
    first = recipe(library, FakeChatModel.of([])).slots(pair_file("pair-retail-04", phase="first"))
    assert not any(s.taken_up for s in first)


def test_a_made_thing_goes_to_the_goal_it_is_about_or_to_no_block(library):
    """agenda-19: councillor questions for the dashboard goal, which the workshop focus serves,
    were worked through under the consultation goal."""
    pair = pair_file("pair-public-sector-04")
    action = pair.open_action_items[0]
    dashboard, consulted = (g.text for g in pair.goals)

    def embedder(closeness: float):
        def embed_known(texts: list[str]) -> np.ndarray:  # the action near the first goal
            known = {action.text: [1.0, 0.0], dashboard: [0.6, 0.8],
                     consulted: [closeness, (1 - closeness**2) ** 0.5]}  # fmt: skip
            return np.array([known[t] for t in texts])

        return embed_known

    agenda = recipe(library, FakeChatModel.of([]), embedder=embedder(0.35))
    assert agenda.blocks._made(pair, [consulted]) == {}  # the dashboard goal (0.6) is much closer
    agenda = recipe(library, FakeChatModel.of([]), embedder=embedder(0.55))
    assert agenda.blocks._made(pair, [consulted]) == {consulted: action}  # about as close
    assert agenda.blocks._made(pair, [dashboard, consulted]) == {dashboard: action}
    agenda = recipe(library, FakeChatModel.of([]), embedder=embedder(0.2))
    assert agenda.blocks._made(pair, [consulted]) == {}


def test_a_45_minute_session_has_room_for_two_blocks_the_other_goal_gets_a_word(library):
    """agenda-13: seven items in 45 minutes (a focus and two goals, each a block) read crowded."""
    short, long = pair_file(minutes=45), pair_file(minutes=60)
    assert len(recipe(library, FakeChatModel.of([])).slots(short)) == 2
    assert len(recipe(library, FakeChatModel.of([])).slots(long)) == 3
    agenda = recipe(library, FakeChatModel.of([]), adapt=False).run(short)
    assert not violations(agenda, short, [c for i in agenda.items for c in i.citations])
    assert sum(bool(i.pattern) for i in agenda.items) == 2


def test_a_session_that_rehearses_an_event_gets_a_dry_run_of_it(library):
    """agenda-heldout-4 named a town hall to rehearse with no rehearsal in the session: a focus
    that says the session rehearses something the mentee will front gets a block that does."""
    for focus, event in [("Rehearse the town hall", "the town hall"),
                         ("Dry run of the board presentation", "the board presentation"),
                         ("Prepare for the all-hands on the office move",
                          "the all-hands on the office move")]:  # fmt: skip
        slots = recipe(library, FakeChatModel.of([])).slots(pair_file(number=3, focus=focus))
        assert slots[0].is_focus and "rehearsal" in slots[0].segment.fits, slots[0].segment.id
        assert event in slots[0].segment.purpose, slots[0].segment.purpose
    for focus in ["Age bias in hiring", "Follow up on the rehearsal plan from last time"]:
        slots = recipe(library, FakeChatModel.of([])).slots(pair_file(number=3, focus=focus))
        assert not any(s.segment.fits == ["rehearsal"] for s in slots), focus


def test_a_focus_that_names_an_event_gets_a_block_about_that_event(library):
    """The blind focus labels, set 3: "Instagram stories and the taster day" pasted whole into
    a post pattern, and a college fair with nothing that prepared for it."""
    for focus, event in [("Instagram stories and the taster day", "the taster day"),
                         ("Apprentice recruitment at the local college fair",
                          "the local college fair")]:  # fmt: skip
        slots = recipe(library, FakeChatModel.of([])).slots(pair_file(number=3, focus=focus))
        assert slots[0].is_focus and "event" in slots[0].segment.fits, slots[0].segment.id
        assert event in slots[0].segment.purpose and focus not in slots[0].segment.purpose
        assert not any("event" in s.segment.fits for s in slots[1:])  # the goals get none


def test_a_dry_run_is_offered_only_for_an_event_the_focus_names(library):
    """The audit of 2026-12-07: "Practise giving feedback upwards" and "Rehearse my talk" name
    no event, and a dry run of the first goal ("the opening of what it is like to join tech …")
    made no sense."""
    dry_run = next(s for s in library.segments if s.id == "seg-rehearse-the-real-thing")
    cases = [("Rehearse the town hall", True), ("Rehearse for the town hall", True),
             ("Role-play the redundancy conversation", True),
             ("Practise giving feedback upwards", False), ("Rehearse my talk", False),
             ("Prepare for our last session", False), ("Age bias in hiring", False),
             ("Practise the Power BI dashboard", False),  # a tool, not an event (second audit)
             ("Rehearsing the pitch to the board", True)]  # fmt: skip
    for focus, offered in cases:
        assert can_run(dry_run, pair_file(number=3, focus=focus)) is offered, focus
    goal_block = fit(dry_run, "Make engineering hiring more age-inclusive", 0.9)
    other = next(s for s in library.segments if s.id == "seg-try-a-real-post")
    assert goal_block < fit(other, "Make engineering hiring more age-inclusive", 0.1)


def test_a_closing_focus_that_prepares_is_no_rehearsal_and_chooses_by_meaning():
    """A closing block is chosen by meaning alone unless the focus says what the ending does
    (a hand-over); "Prepare for our last session" reads as a rehearsal but is not one."""
    assert choice_text("closing", "Prepare for our last session", ["A goal"], True) == ""
    assert choice_text("closing", "Hand over the pilot", ["A goal"], True) == "Hand over the pilot"


def test_the_objectives_name_each_goal_by_its_first_sentence_and_list_every_goal(library):
    """agenda-fresh2-3: objectives were the goals pasted whole ("… I want to understand what
    that's like day to day"); fresh3 cinema: a fourth goal was no objective, and the items
    working on it showed its raw id ("goals g4")."""
    pair = pair_file()
    goals = [pair.goals[0].model_copy(update={"text": (
        "Technicians get treated as 'a pair of hands'. I want to understand what that's like "
        "day to day.")}), pair.goals[1].model_copy(update={"text": "Slack vs email: is it true "
        "that half the lab doesn't read email any more?"}),
        pair.goals[1].model_copy(update={"id": "g3", "text": "the loyalty app"}),
        pair.goals[1].model_copy(update={"id": "g4", "text": "Understand the crew better"}),
    ]  # fmt: skip
    pair = pair.model_copy(update={"goals": goals})
    slots = recipe(library, FakeChatModel.of([])).slots(pair)
    agenda = recipe(library, FakeChatModel.of([good_for(s) for s in slots])).run(pair)
    assert agenda.objectives == [
        "Technicians get treated as 'a pair of hands'",
        "Slack vs email: is it true that half the lab doesn't read email any more?",
        "The loyalty app", "Understand the crew better",
    ]  # fmt: skip
    assert "goals g" not in agenda_markdown(agenda) and "goal g" not in agenda_markdown(agenda)


def test_a_focus_that_quotes_a_remark_gets_a_block_on_the_remark(library):
    """fresh3 call centre: its goals' kinds (new starters, retention) won the focus block for
    "the mentor's career question", then "the mentor's real workflow, live" (a demo that fits a
    remark too) over what is behind the remark."""
    data = json.loads((REPO / "evals/fresh3/pairs/fresh3-call-centre-outsourcing-01.json")
                      .read_text())  # fmt: skip
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots[0].is_focus and slots[0].segment.fits == ["remark"]


def test_a_focus_on_a_change_that_just_went_out_hears_how_it_landed(library):
    """fresh3 estate agency: "The new Saturday viewings rota went out on Monday and the
    negotiators aren't happy" got "Plan a shadowing visit"."""
    data = json.loads((REPO / "evals/fresh3/pairs/fresh3-estate-agency-01.json").read_text())
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots[0].is_focus and "rollout" in slots[0].segment.fits
    assert "the new Saturday viewings rota" in slots[0].segment.purpose  # what went out


def test_a_goal_about_a_tool_gets_no_block_about_a_change_that_went_out(library):
    """fresh3 parcel delivery: "One real week under what does the handheld actually make drivers
    do" for a goal that names no change (the rollout patterns are only for a rollout)."""
    data = json.loads((REPO / "evals/fresh3/pairs/fresh3-parcel-delivery-01.json").read_text())
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots and not any("rollout" in s.segment.fits for s in slots)


def test_a_focus_that_names_the_seniors_decision_gets_a_block_on_the_decision(library):
    """fresh3 brewery: "Decision for the April board: …" was worked through as "the cans of the
    three alcohol-free beers … and say why they sell", a walk-through asking what surprised."""
    data = json.loads((REPO / "evals/fresh3/pairs/fresh3-brewery-01.json").read_text())
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots[0].is_focus and "decision" in slots[0].segment.fits
    assert slots[0].segment.name == "From the cans to a decision"
    item = segment_item(slots[0])  # the decision the focus names is asked first
    assert item.prompts[0].startswith(
        "What do you think: does the alcohol-free lager go out under the Hartley's name"
    )


def test_a_focus_that_asks_the_junior_to_play_a_critic_gets_the_role_play(library):
    """fresh4 orchestra: "asked Maya to play the trustee who'll say it cheapens the orchestra …
    so he can practise his answers" got "Follow one budget line from bid to number"."""
    data = json.loads((REPO / "evals/fresh4/pairs/fresh4-regional-orchestra-01.json").read_text())
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots[0].is_focus and slots[0].segment.id == "seg-rehearse-play-the-critic"


def test_a_focus_that_quotes_no_one_gets_no_block_on_a_remark(library):
    """fresh4 garden centre: "Tom reckons nobody under 30 looks at it twice" (the mentor's own
    view, no quote) got "What's behind the remark" by meaning alone."""
    from coach.domain.segment_fit import MISREAD, fit

    behind = next(s for s in library.segments if s.fits == ["remark"])
    said = "And the houseplant wall. Tom reckons nobody under 30 looks at it twice."
    assert fit(behind, said, 0.9) < 0.9 - MISREAD / 2  # misread, however close in meaning
    quoted = "Brent at the ops meeting: 'Nobody is quitting over housing.' Craig half agrees."
    assert fit(behind, quoted, 0.9) > 0.9


def test_a_quoted_remark_gets_the_pattern_only_on_the_remark(library):
    """fresh4 ski resort: "Nobody's quitting over housing", quoted by the housing manager, got
    "A real case from the mentor's floor" (staff and remarks), the focus being about staff."""
    data = json.loads((REPO / "evals/fresh4/pairs/fresh4-ski-resort-01.json").read_text())
    data.pop("labels", None)
    slots = recipe(library, FakeChatModel.of([])).slots(PairProfile.model_validate(data))
    assert slots[0].is_focus and slots[0].segment.fits == ["remark"]


def test_a_guide_section_named_for_another_session_length_is_not_cited(library):
    """agenda-fresh4-1's reader: "a sixty minute agenda" cited in a 45-minute first session."""
    from coach.domain.agenda_length import names_other_length

    sixty = "first-session.md#a-sixty-minute-agenda-for-session-one"
    assert names_other_length(sixty, 45) and not names_other_length(sixty, 60)
    assert not names_other_length("setting-expectations.md#the-four-things", 45)
    script = next(s for s in library.scripts if s.id == "script-first")
    first = script.blocks[0]  # the block the frame's citation goes on
    frame = f"{first.title} {first.purpose} {' '.join(first.prompts)}"

    def fetch(ids):
        return [Passage(id=i, text=frame, source=i, title="G", section="S", score=1.0)
                for i in ids if "sixty" in i]  # fmt: skip

    for minutes, cited in ((60, True), (45, False)):
        pair = pair_file(number=1, phase="first", focus="", minutes=minutes)
        passages: dict = {}
        recipe(library, FakeChatModel.of([]), fetch=fetch, adapt=False)._frame(pair, passages, [])
        assert any("sixty" in i for i in passages) is cited, minutes
