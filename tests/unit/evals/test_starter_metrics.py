"""Each starter metric passes a good set and fails a hand-made bad one."""

from __future__ import annotations

import pytest

from coach.domain.starters import StarterSet
from coach.evals import starter_metrics as m
from coach.evals.runner import given_text
from tests.unit.evals.helpers import good_starters, meta, profile, starter


def test_good_set_scores_well():
    scores = m.score_starters(good_starters(), profile())
    assert scores["valid"] is True
    assert scores["required_categories"] == 1.0
    assert scores["distinct_categories"] == 4.0
    assert scores["diversity"] > 0.9
    assert scores["stereotype_free"] == 1.0
    # The power-dynamics starter names nothing of this pair; the other three do.
    assert scores["tailoring"] == 0.75
    assert m.starter_problems(good_starters()) == []


def test_a_set_without_power_dynamics_misses_a_required_category():
    bad = good_starters()
    bad.starters = [s for s in bad.starters if s.category != "power_dynamics"]
    assert m.required_categories(bad) == 0.5
    assert not m.valid(bad)
    assert "no power_dynamics starter" in m.starter_problems(bad)


def test_near_duplicates_lower_diversity():
    text = "How do you feel about me challenging your decisions in meetings?"
    same = StarterSet(
        starters=[
            starter(text, "power_dynamics"),
            starter(text.replace("feel", "really feel"), "generational_differences"),
        ],
        meta=meta(),
    )
    assert m.diversity(same) < 0.2
    assert not m.valid(same)
    assert m.diversity(StarterSet(starters=[starter(text)])) is None


def test_one_category_only():
    same = StarterSet(starters=[starter("Why?"), starter("What next for us?")])
    assert m.distinct_categories(same) == 1


@pytest.mark.parametrize(
    ("text", "tailored"),
    [
        ("What do younger customers look for when they discover brands on TikTok?", True),
        ("How could Analytics help you see the week ahead?", True),
        ("Which Operations meeting would you change first?", True),
        ("What should we talk about today?", False),
        ("How do you want to learn, and what would make it better?", False),  # generic words
    ],
)
def test_tailoring_needs_the_pairs_goals_roles_or_departments(text, tailored):
    assert m.tailored(starter(text), profile()) is tailored


def test_a_follow_up_of_the_pairs_open_action_or_focus_is_tailored():
    text = "Last time you said you'd sit in on two onboarding calls. How did that go?"
    plain = profile(open_action_items=[], session={"focus": ""})
    assert not m.tailored(starter(text), plain)
    with_action = profile(open_action_items=[{"text": "Sit in on two onboarding calls"}])
    assert m.tailored(starter(text), with_action)
    with_focus = profile(session={"focus": "What the onboarding calls showed"})
    assert m.tailored(starter(text), with_focus)


def test_generic_set_is_not_tailored():
    generic = StarterSet(starters=[starter("What should we talk about today?")])
    assert m.tailoring(generic, profile()) == 0.0
    assert m.tailoring(StarterSet(starters=[]), profile()) is None


def test_a_stereotype_in_text_or_rationale_is_caught():
    bad = good_starters()
    bad.starters[1] = starter(
        "How do you keep up?", "generational_differences",
        rationale="Boomers can't use new apps, so start slowly.",
    )  # fmt: skip
    assert m.stereotype_free(bad) == 0.75
    assert not m.valid(bad)


def test_an_empty_set_is_invalid():
    empty = StarterSet(starters=[])
    scores = m.score_starters(empty, profile())
    assert scores["valid"] is False and scores["required_categories"] == 0.0
    assert scores["count"] == 0.0 and scores["stereotype_free"] is None
    assert m.starter_problems(empty)[0] == "no starters"


def test_citations_must_be_ones_retrieval_returned():
    bad = good_starters()
    bad.starters[0].citations = ["invented-id"]
    assert not m.valid(bad)


def test_a_starter_that_repeats_its_instructions_counts_as_copied():
    given = given_text(
        "- generational_differences: a question that compares how each of them learned, works "
        "or communicates, and treats both as individuals.",
        profile(),
    )
    assert m.copied(good_starters(), given) == 0.0
    parrot = starter("How each of them learned, works or communicates?", "generational_differences")
    pasted = starter(f"{profile().mentor.name} ({profile().mentor.role}", "trust")
    bad = StarterSet(starters=[*good_starters().starters[:2], parrot, pasted])
    assert m.copied(bad, given) == 0.5
    assert m.score_starters(bad, profile(), given)["copied"] == 0.5
    assert m.score_starters(bad, profile())["copied"] is None  # nothing given, nothing judged


def test_face_to_face_counts_questions_to_the_partner_not_about_the_pair():
    good = StarterSet(starters=[starter("What would you teach me first?", "trust")], meta=meta())
    third = "How can the junior mentor build trust with the senior leader?"
    bad = StarterSet(starters=[starter(third, "trust")], meta=meta())
    assert m.face_to_face(good) == 1.0 and m.face_to_face(bad) == 0.0
    # a team named so is no person (fresh theatre's department, filled in)
    team = "I'm still not convinced about the case in the Senior Management Team. Can you make it?"
    assert m.face_to_face(StarterSet(starters=[starter(team, "trust")], meta=meta())) == 1.0
    nurse = "How can the senior nurse on nights hear you?"
    assert m.face_to_face(StarterSet(starters=[starter(nurse, "trust")], meta=meta())) == 0.0


def test_askers_and_depths_must_vary():
    one = starter("What would you teach me first?", "trust")
    again = one.model_copy(update={"text": "And then what, do you think?"})
    same = StarterSet(starters=[one, again])
    assert not m.both_askers(same) and not m.depth_variety(same)
    other = one.model_copy(update={"asked_by": "mentee", "depth": "brave"})
    mixed = StarterSet(starters=[one, other])
    assert m.both_askers(mixed) and m.depth_variety(mixed)


def test_fallbacks_and_degenerate_drafts_are_read_from_the_fixes():
    fixes = [
        "starter a-one: echoes the instructions; retried",
        "starter a-one: echoes the instructions",
        f"starter a-one: {m.FELL_BACK}",
        "starter b-two: drifted from the template (similarity 0.31); retried",
    ]
    starters = good_starters()
    starters.starters = [s.model_copy(update={"template": "a-one"}) for s in starters.starters]
    starters.meta = meta().model_copy(update={"fixes": fixes})
    count = len(starters.starters)
    assert m.fell_back(starters) == 1 / count
    assert m.degenerate_before_guard(starters) == 1 / count
    clean = starters.model_copy(update={"meta": meta()})
    assert m.fell_back(clean) == 0.0 and m.degenerate_before_guard(clean) == 0.0
    one_shot = good_starters()  # not written from the library: nothing to count
    assert m.fell_back(one_shot) is None and m.degenerate_before_guard(one_shot) is None
