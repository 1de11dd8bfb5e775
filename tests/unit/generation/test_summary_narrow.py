"""Summaries as narrow steps: actions and flags by rules, takeaways and benefit by the model,
each checked, each with its own fallback."""

import json

import httpx
import openai

from coach.domain.summary_draft import NOT_STATED, SummaryRequest, shareable_text, span_ok
from coach.domain.takeaway_trim import trimmed
from coach.domain.wording import sentences
from coach.generation.meaning import Meaning
from coach.generation.summary_narrow import NarrowSummaryRecipe, rule_parts
from tests.fake_tools import embed, fake_tools

# Bilal Qureshi mentors Frank Müller (pair-logistics-01); g1 is about drivers' apps.
REFLECTION = (
    "Session 3 with Frank. I walked him through the gig-app comparison and he was surprised "
    "that younger drivers see their pay per drop upfront before accepting a job. "
    "He talked over me twice when I raised shift patterns and I couldn't push back. "
    "Frank will ask two drivers about it before next time, and I'll send him the slides by "
    "Friday. He told me that warehouse recruitment adverts still ask for two years of "
    "experience that the roles never actually need."
)


def summarise(fake_model, pair, *replies):
    model = fake_model(list(replies))
    writer = NarrowSummaryRecipe().build(fake_tools(model))
    writer.sleep = lambda _s: None
    return writer.run(SummaryRequest(pair, REFLECTION, "mentor")), model


def takeaways(*texts: str) -> str:
    return json.dumps({"takeaways": list(texts)})


GOOD = takeaways(
    "Younger drivers see pay per drop before they accept a job.",
    "Warehouse adverts ask for two years of experience the roles do not need.",
)
BENEFIT = json.dumps({"mentor": "", "mentee": "Learned that drivers see pay per drop upfront."})


def test_actions_owners_dues_and_flags_come_from_the_rules(fake_model, pair):
    summary, model = summarise(fake_model, pair, GOOD, BENEFIT)
    assert [(a.owner, a.due) for a in summary.action_items] == [
        ("mentee", "before next time"), ("mentor", "by Friday")]  # fmt: skip
    assert [f.kind for f in summary.flags] == ["power_imbalance"]
    assert len(model.calls) == 2  # the takeaways together, then the benefit
    assert all(span_ok(a.span, REFLECTION) for a in summary.action_items)


def test_takeaways_are_the_models_checked_paraphrases_matched_to_their_sentences(fake_model, pair):
    reordered = takeaways(
        "Warehouse adverts ask for two years of experience the roles do not need.",
        "Younger drivers see pay per drop before they accept a job.",
    )
    summary, _ = summarise(fake_model, pair, reordered, BENEFIT)
    by_sentence = {t.span.quote[:20]: t.text for t in summary.key_takeaways}
    assert by_sentence["I walked him through"].startswith("Younger drivers")
    assert by_sentence["He told me that ware"].startswith("Warehouse adverts")
    assert summary.mutual_benefit.mentor == NOT_STATED
    assert summary.mutual_benefit.mentee == "Learned that drivers see pay per drop upfront."
    assert not summary.meta.fallback and summary.meta.prompt_id == "summary_takeaway"


def test_a_flagged_sentence_is_never_a_takeaway_or_shared_evidence(fake_model, pair):
    summary, model = summarise(fake_model, pair, GOOD, BENEFIT)
    flagged = summary.flags[0].evidence
    assert flagged not in shareable_text(summary)
    assert all(t.span.quote != flagged for t in summary.key_takeaways)
    assert flagged not in model.calls[0][-1].content  # not even shown to the takeaway step


def test_a_copied_or_invented_takeaway_is_retried_then_trimmed(fake_model, pair):
    copied = takeaways(
        "I walked him through the gig-app comparison and he was surprised that younger drivers",
        "Warehouse adverts ask for two years of experience the roles do not need.",
    )
    invented = takeaways("Frank saw 40 drivers in Leeds on Monday.")
    summary, model = summarise(fake_model, pair, copied, invented, BENEFIT)
    first = summary.key_takeaways[0]
    assert first.text == trimmed(first.span.quote) != first.span.quote
    assert "40" not in first.text and len(first.text.split()) <= 18
    assert any("copies the sentence" in f for f in summary.meta.fixes)
    assert any("kept the sentence's trimmed clause" in f for f in summary.meta.fixes)
    assert len(model.calls) == 3
    again = model.calls[1]  # asked alone to shorten it, without the refused wording
    assert "You shorten one sentence" in again[0].content and len(again) == 2
    assert "I walked him through the gig-app comparison" in again[-1].content
    assert "Warehouse" not in again[-1].content


def test_a_refused_takeaway_is_replaced_by_the_sentence_shortened_when_close_in_meaning(
    fake_model, pair, monkeypatch
):
    from coach.generation import summary_narrow

    copied = takeaways(
        "I walked him through the gig-app comparison and he was surprised that younger drivers",
        "Warehouse adverts ask for two years of experience the roles do not need.",
    )
    short = "Younger drivers know their pay per drop before they accept a job."
    # the hashed bag-of-words embedder of the unit tests puts these two at 0.52
    monkeypatch.setattr(summary_narrow, "SHORTENED_SIMILARITY", 0.5)
    summary, _ = summarise(fake_model, pair, copied, takeaways(short), BENEFIT)
    assert summary.key_takeaways[0].text == short
    assert not any("trimmed clause" in f for f in summary.meta.fixes)
    monkeypatch.setattr(summary_narrow, "SHORTENED_SIMILARITY", 0.6)
    summary, _ = summarise(fake_model, pair, copied, takeaways(short), BENEFIT)
    first = summary.key_takeaways[0]
    assert first.text == trimmed(first.span.quote)
    assert any("not close enough in meaning" in f for f in summary.meta.fixes)


def test_a_failing_server_is_retried_then_the_rules_write_the_summary(fake_model, pair):
    request = httpx.Request("POST", "http://model/v1/chat/completions")
    down = openai.APIConnectionError(request=request)
    summary, model = summarise(fake_model, pair, down, down, down)
    assert summary.meta.fallback and summary.action_items and summary.key_takeaways
    assert summary.mutual_benefit.mentee == NOT_STATED
    assert len(model.calls) == 3  # one call and two retries after waits


def test_the_reflection_forms_answers_give_the_takeaway_and_the_action(fake_model, pair):
    form = (
        "What I learned: Drivers compare pay per drop across three apps.\n\n"
        "What I will try: Ask two drivers which app they open first\n\n"
        "How the dynamic felt: Relaxed"
    )
    model = fake_model([takeaways("Drivers weigh pay per drop in three apps."), BENEFIT])
    writer = NarrowSummaryRecipe().build(fake_tools(model))
    summary = writer.run(SummaryRequest(pair, form, "mentee"))
    assert [(a.text, a.owner) for a in summary.action_items] == [
        ("Ask two drivers which app they open first", "mentee")]  # fmt: skip
    assert [t.text for t in summary.key_takeaways] == ["Drivers weigh pay per drop in three apps."]
    assert summary.key_takeaways[0].span.quote.startswith("What I learned:")


def test_no_sentence_of_a_raised_flag_is_shared_or_shown_to_the_model_steps(fake_model, pair):
    text = (
        "He talked over me when I raised shift patterns for younger drivers in the depot. "
        "Later he cut me off again while I explained why younger drivers prefer gig apps. "
        "Honestly I get nothing from these sessions and I do all the prep in my own time."
    )
    nothing = json.dumps({"mentor": "Gets nothing from the sessions.", "mentee": ""})
    model = fake_model([takeaways("Younger drivers prefer gig apps to fixed shifts."), nothing])
    summary = NarrowSummaryRecipe().build(fake_tools(model)).run(SummaryRequest(pair, text))
    shared = shareable_text(summary)
    for sentence in ("He talked over me", "cut me off again", "I get nothing"):
        assert sentence not in shared
        assert all(sentence not in str(m.content) for call in model.calls for m in call[1:])
    assert summary.mutual_benefit.mentor == NOT_STATED


def test_a_server_failing_after_the_takeaways_keeps_them(fake_model, pair):
    request = httpx.Request("POST", "http://model/v1/chat/completions")
    down = openai.APIConnectionError(request=request)
    summary, _ = summarise(fake_model, pair, GOOD, down, down, down)
    assert not summary.meta.fallback
    assert summary.key_takeaways[0].text.startswith("Younger drivers see pay per drop")
    assert any("mutual benefit: not stated" in f for f in summary.meta.fixes)


def test_a_benefit_line_that_is_only_a_name_is_not_stated(fake_model, pair):
    named = json.dumps({"mentor": "Bilal", "mentee": json.loads(BENEFIT)["mentee"]})
    summary, _ = summarise(fake_model, pair, GOOD, named)
    assert summary.mutual_benefit.mentor == NOT_STATED
    assert summary.mutual_benefit.mentee.startswith("Learned that drivers")
    assert any("does not say what was gained" in f for f in summary.meta.fixes)


def test_a_side_the_model_leaves_empty_takes_the_sentence_that_states_its_gain(fake_model, pair):
    unsaid = json.dumps({"mentor": "", "mentee": ""})
    summary, _ = summarise(fake_model, pair, GOOD, unsaid)
    assert summary.mutual_benefit.mentee.startswith("I walked him through the gig-app comparison")
    assert summary.mutual_benefit.mentor == NOT_STATED  # nothing says what the mentor gained
    assert any("took the sentence that states it" in f for f in summary.meta.fixes)


def test_a_gain_no_sentence_gives_that_side_is_refused(fake_model, pair):
    """summary-6: "Mentor gained: Harold gained knowledge about …", a gain invented or given
    to the wrong person; the mentor's line here rests on a sentence about the adverts."""
    given = json.dumps({"mentor": "Learned that warehouse adverts ask for experience.",
                        "mentee": json.loads(BENEFIT)["mentee"]})  # fmt: skip
    summary, _ = summarise(fake_model, pair, GOOD, given)
    assert summary.mutual_benefit.mentor == NOT_STATED
    assert summary.mutual_benefit.mentee.startswith("Learned that drivers")
    assert any("no sentence says the mentor gained it" in f for f in summary.meta.fixes)


def test_a_gain_stated_only_in_a_flagged_sentence_stays_private(fake_model, pair):
    flagged = ("He talked over me twice and I couldn't push back, though it was useful for him "
               "to hear the drivers' side.")  # fmt: skip
    model = fake_model([GOOD, json.dumps({"mentor": "", "mentee": ""})])
    writer = NarrowSummaryRecipe().build(fake_tools(model))
    summary = writer.run(SummaryRequest(pair, f"Session 3 with Frank. {flagged}", "mentor"))
    assert [f.kind for f in summary.flags] == ["power_imbalance"]
    assert summary.mutual_benefit.mentee == NOT_STATED


def test_the_header_line_and_irony_are_never_sent_to_be_takeaways(fake_model, pair):
    header = "First session with Frank today (60 min, in the depot office, with the slides)."
    ironic = "Really shows how seriously head office takes the drivers' app reviews, as usual."
    model = fake_model([GOOD, BENEFIT])
    writer = NarrowSummaryRecipe().build(fake_tools(model))
    writer.sleep = lambda _s: None
    summary = writer.run(SummaryRequest(pair, f"{header} {ironic} {REFLECTION}", "mentor"))
    shown = model.calls[0][-1].content
    assert "I walked him through" in shown  # the sentences that make a point still go
    assert header not in shown and ironic not in shown
    assert all(t.span.quote not in (header, ironic) for t in summary.key_takeaways)


def test_a_sentence_quoted_as_goal_evidence_is_a_takeaway_only_when_few_others_are_left(
    fake_model, pair, monkeypatch
):
    from coach.domain.wording import sentences
    from coach.generation import summary_narrow
    from coach.generation.meaning import Meaning

    monkeypatch.setattr(summary_narrow, "takeaway_count", lambda _sentences: 2)
    writer = NarrowSummaryRecipe().build(fake_tools(fake_model([])))
    request = SummaryRequest(pair, REFLECTION, "mentor")
    found, meaning = sentences(REFLECTION), Meaning(writer.embed)

    def chosen(taken: set[int], shown: set[int] | None = None) -> list[int]:
        return [s.number for s in writer.candidates(request, found, taken, meaning, shown)]

    best = chosen(set())
    assert len(best) == 2 and len(chosen({best[1]})) == 2  # three or more to choose from
    assert best[0] not in chosen(set(), {best[0]})  # quoted elsewhere: another one instead
    rest = {s.number for s in found} - set(best)
    assert chosen(rest, {best[0]}) == best  # no other left: the quoted one after all


def test_a_sentence_with_a_number_or_someones_own_words_reads_as_specific():
    from coach.domain.takeaway_rank import SPECIFIC, specific

    assert specific("38 young people left their email, last year it was 6.") == SPECIFIC
    assert specific('He said "not now, this is important" and moved on.') == SPECIFIC
    assert specific('Two of them said "nobody asked us" about it.') == 2 * SPECIFIC
    assert specific("We talked about the rota and how it feels.") == 0.0


def test_a_flag_the_classifier_reads_is_raised_and_its_sentence_kept_private(fake_model, pair):
    """The cue rules miss "answered every question for me"; a flag model that reads it does."""
    import dataclasses

    import numpy as np

    from coach.domain.summary_flags import found_flags
    from coach.domain.wording import sentences
    from coach.generation.flag_model import FlagModel
    from tests.fake_tools import embed

    said = "In the end he answered every question for me before I could open my mouth."
    text = REFLECTION.replace("He talked over me twice when I raised shift patterns and I "
                              "couldn't push back. ", said + " ")  # fmt: skip
    direction = embed([said])[0]
    reads = FlagModel(weights={"power_imbalance": 40 * direction}, bias={"power_imbalance": -30.0},
                      threshold={"power_imbalance": 0.9}, with_cue={"power_imbalance": 0.9},
                      about={})  # fmt: skip
    assert found_flags(sentences(text), "mentor") == []  # the cue rules do not read it
    model = fake_model([GOOD, BENEFIT])
    tools = dataclasses.replace(fake_tools(model), flag_model=lambda: reads)
    summary = NarrowSummaryRecipe().build(tools).run(SummaryRequest(pair, text, "mentor"))
    assert [(f.kind, f.evidence) for f in summary.flags] == [("power_imbalance", said)]
    assert said not in shareable_text(summary)
    assert all(said not in str(m.content) for call in model.calls for m in call[1:])
    assert float(np.max(embed([said]) @ direction)) > 0.99


def test_the_goal_model_the_tools_give_ranks_the_goal_evidence(fake_model, pair):
    import dataclasses

    from tests.unit.generation.test_goal_model import PLAN, favouring

    plain, _ = summarise(fake_model, pair, GOOD, BENEFIT)
    assert PLAN not in [g.evidence for g in plain.goal_progress]
    tools = dataclasses.replace(fake_tools(fake_model([GOOD, BENEFIT])),
                                goal_model=lambda: favouring(PLAN))  # fmt: skip
    summary = NarrowSummaryRecipe().build(tools).run(SummaryRequest(pair, REFLECTION, "mentor"))
    assert {g.goal_id: g.evidence for g in summary.goal_progress}["g1"] == PLAN


def test_the_action_model_the_tools_give_reads_the_actions(fake_model, pair):
    import dataclasses

    from tests.unit.generation.test_action_model import favouring

    model = favouring("Good session.")
    tools = dataclasses.replace(fake_tools(fake_model([])), action_model=lambda: model)
    writer = NarrowSummaryRecipe().build(tools)
    assert writer.action_model is model
    found = sentences(REFLECTION)
    request = SummaryRequest(pair, REFLECTION, "mentor")
    assert rule_parts(request, found)[0]  # the rules find Frank's and the mentor's actions
    assert rule_parts(request, found, model, Meaning(embed))[0] == []  # every one scored low


def test_a_fragment_is_never_chosen_to_be_a_takeaway(fake_model, pair):
    from coach.domain.wording import sentences
    from coach.generation.meaning import Meaning

    fragment = "Top of his five complaints by a mile."
    leaning = "That took most of the rest of the session, with the slides and the route maps."
    text = f"{REFLECTION} {fragment} {leaning}"
    writer = NarrowSummaryRecipe().build(fake_tools(fake_model([])))
    found = sentences(text)
    chosen = writer.candidates(SummaryRequest(pair, text, "mentor"), found, set(),
                               Meaning(writer.embed))  # fmt: skip
    assert chosen and {fragment, leaning}.isdisjoint(s.text for s in chosen)


def test_longer_notes_get_more_takeaways_up_to_seven():
    from coach.generation.summary_wordings import TAKEAWAY_SCHEMA, takeaway_count

    assert [takeaway_count(n) for n in (1, 14, 15, 17, 18, 40)] == [5, 5, 6, 6, 7, 7]
    assert TAKEAWAY_SCHEMA["properties"]["takeaways"]["maxItems"] == takeaway_count(40)


def test_a_benefit_line_stopped_by_the_length_limit_is_not_shown(fake_model, pair):
    """h182: "…, improved Excel skills, gained a view", cut mid-thought at 100 characters."""
    cut = (
        "Learned that younger drivers see their pay per drop upfront before accepting a job, "
        "and he was surpr"
    )
    assert len(cut) == 100
    whole = json.dumps({"mentor": "", "mentee": cut[:46].rstrip() + "."})
    summary, _ = summarise(fake_model, pair, GOOD, json.dumps({"mentor": "", "mentee": cut}))
    assert summary.mutual_benefit.mentee.startswith("I walked him through the gig-app comparison")
    assert any("cut off at the length limit" in f for f in summary.meta.fixes)
    kept, _ = summarise(fake_model, pair, GOOD, whole)  # the same line, whole, is kept
    assert kept.mutual_benefit.mentee == cut[:46].rstrip() + "."


def test_the_length_limit_is_read_on_the_models_own_text(fake_model, pair):
    """A line the grammar cut at 100 characters, with a double space the tidying removes."""
    cut = (
        "Learned that younger drivers see their pay  per drop upfront before accepting a job, "
        "and he was surp"
    )
    assert len(cut) == 100 and len(" ".join(cut.split())) < 100
    summary, _ = summarise(fake_model, pair, GOOD, json.dumps({"mentor": "", "mentee": cut}))
    assert any("cut off at the length limit" in f for f in summary.meta.fixes)
