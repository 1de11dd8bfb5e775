"""The coaching library's schema and checks: each rule catches what it is for."""

from pathlib import Path

import pytest

from coach.domain.library import Library, SegmentPattern, StarterTemplate, problems_of
from coach.services.library import load_library

pytestmark = pytest.mark.unit


def starter(**change) -> dict:
    base = {
        "id": "pd-disagree", "category": "power_dynamics", "depth": "deeper",
        "asked_by": "mentor", "text": "How should I tell you when your {subject} plan won't land?",
        "intent": "agree how to disagree",
    }  # fmt: skip
    return {**base, **change}


BLOCKS = [
    {"title": "Open", "purpose": "Agree how we work", "share": 1, "prompts": ["Why are you here?"]},
    {"title": "Close", "purpose": "Agree next steps", "share": 1, "prompts": ["When do we meet?"]},
]
SCRIPTS = [{"id": f"{p}-script", "phase": p, "blocks": BLOCKS} for p in ("first", "closing")]


def test_a_good_template_keeps_its_slot():
    assert "{subject}" in StarterTemplate.model_validate(starter()).text


def test_what_a_subject_slot_takes_is_said_only_of_a_template_with_one():
    assert StarterTemplate.model_validate(starter(takes="topic")).takes == "topic"
    with pytest.raises(ValueError, match="no {subject} slot"):
        StarterTemplate.model_validate(starter(text="What did you make of today?", takes="skill"))


def test_a_segment_says_what_its_subject_takes_only_with_a_subject_in_its_purpose():
    segment = {
        "id": "seg-demo", "name": "Live demo", "purpose": "Show the tool on {subject}",
        "minutes": [10, 20], "mentor_brings": "a demo", "mentee_brings": "a case",
        "steps": ["Show"], "question": "What surprised you in it?", "goal_types": ["tool"],
        "phases": ["middle"], "takes": "topic",
    }  # fmt: skip
    assert SegmentPattern.model_validate(segment).takes == "topic"
    with pytest.raises(ValueError, match="no {subject} slot"):
        SegmentPattern.model_validate({**segment, "purpose": "Show the tool on a real case"})


def test_an_unknown_slot_is_refused():
    with pytest.raises(ValueError, match="unknown slots"):
        StarterTemplate.model_validate(starter(text="What does {boss} think of your plan?"))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("How can the junior mentor challenge the senior leader?", "talks about a third person"),
        ("Should he stop checking his phone in sessions?", "talks about a third person"),
        ("What makes digital natives learn tools faster?", "stereotype"),
        ("Which tool changed the most in ten years for people in the field?", "face to face"),
    ],
)
def test_each_wording_rule_catches_its_case(text, problem):
    library = Library.model_validate({"starters": [starter(text=text)], "scripts": SCRIPTS})
    assert any(problem in line for line in problems_of(library, minimum=False))


def test_a_clean_small_library_has_no_problem_but_the_minimum_counts():
    library = Library.model_validate({"starters": [starter()], "scripts": SCRIPTS})
    assert problems_of(library, minimum=False) == []
    short = problems_of(library)
    assert "1 starter templates; want at least 200" in short
    assert "no first phase script" not in short


def test_duplicate_ids_and_a_missing_script_are_named():
    library = Library.model_validate({"starters": [starter(), starter()], "scripts": SCRIPTS[:1]})
    found = problems_of(library, minimum=False)
    assert "pd-disagree: id used 2 times" in found and "no closing phase script" in found


SEGMENT = {
    "id": "seg-demo", "name": "Live demo", "purpose": "Show the tool on a real case",
    "minutes": [10, 20], "mentor_brings": "a demo", "mentee_brings": "a case",
    "steps": ["Show"], "question": "What surprised you in it?", "goal_types": ["tool"],
    "phases": ["middle"],
}  # fmt: skip


def test_a_segment_minutes_range_must_make_sense():
    with pytest.raises(ValueError, match="want 3 <= low <= high <= 60"):
        SegmentPattern.model_validate({**SEGMENT, "minutes": [20, 10]})


@pytest.mark.parametrize("who, text, word", [
    ("mentor_brings", "a task from their own week", "their"),
    ("mentee_brings", "the one question they most want answered", "they"),
    ("mentor_brings", "the mentor's own phone, unlocked", "the mentor"),
])  # fmt: skip
def test_what_each_person_brings_is_written_to_them(who, text, word):
    segment = {**SEGMENT, "mentor_brings": "your own phone"}
    SegmentPattern.model_validate(segment)  # "your own phone": to the mentor
    SegmentPattern.model_validate(
        {**segment, "mentor_brings": "a task set up on the mentee's own phone"}
    )  # the other person, named by role: fine
    with pytest.raises(ValueError, match=f"{who} says '{word}'"):
        SegmentPattern.model_validate({**segment, who: text})


def test_a_broken_entry_is_one_line_and_the_rest_still_load(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(
        "starters:\n"
        "  - {id: ok-one, category: trust, depth: icebreaker, asked_by: mentee,\n"
        "     text: 'What should stay between us?', intent: agree confidentiality}\n"
        "  - {id: bad-one, category: gossip, depth: icebreaker, asked_by: mentee,\n"
        "     text: 'What do you think?', intent: nothing}\n"
    )
    (tmp_path / "b.yaml").write_text("- not a mapping\n")
    library, problems = load_library(tmp_path, minimum=False)
    assert [s.id for s in library.starters] == ["ok-one"]
    assert any(p.startswith("a.yaml: starters bad-one: category") for p in problems)
    assert any(p.startswith("b.yaml: a mapping with the lists") for p in problems)


def test_a_segment_question_and_a_cite_are_checked_too(tmp_path: Path):
    segment = {
        "id": "seg-demo", "name": "Live demo", "purpose": "Show the tool on a real case",
        "minutes": [10, 20], "mentor_brings": "a demo", "mentee_brings": "a case",
        "steps": ["Show"], "question": "What surprised the executive most?",
        "goal_types": ["tool"], "phases": ["middle"], "cites": ["trust.md#no-such-section"],
    }  # fmt: skip
    library = Library.model_validate({"segments": [segment], "scripts": SCRIPTS})
    assert any("not asked face to face" in p for p in problems_of(library, minimum=False))
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "trust.md").write_text("# Trust\n\n## Keeping it between us\n\nText.\n")
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "s.yaml").write_text(
        "starters:\n  - {id: tr-between, category: trust, depth: icebreaker, asked_by: mentee,\n"
        "     text: 'What should stay between us?', intent: agree confidentiality,\n"
        "     cites: [trust.md#keeping-it-between-us, trust.md#gone]}\n"
    )
    _, found = load_library(tmp_path / "lib", minimum=False, guides=guides)
    assert "tr-between: cites trust.md#gone, which is no guide section" in found
    assert not any("keeping-it-between-us" in line for line in found)


def test_the_shipped_library_passes_every_check():
    repo = Path(__file__).resolve().parents[3]
    library, found = load_library(repo / "library", guides=repo / "knowledge")
    assert found == [], found[:5]
    assert len(library.starters) >= 200 and len(library.segments) >= 60


def answer(**change) -> dict:
    base = {
        "id": "ans-phone-in-sessions", "audience": ["mentor"], "topics": ["attention"],
        "asks": ["My VP checks his phone in our sessions", "How do I ask her to put it away?"],
        "say": "Could we both put our phones away for the next half hour? I get more from you.",
        "why": "Making it mutual keeps it from sounding like a junior correcting a senior.",
        "next_step": "Suggest it at the start of the next session, before anyone is distracted.",
        "cites": ["power-dynamics.md#x"],
    }  # fmt: skip
    return {**base, **change}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({}, None),
        ({"say": "Phones should be put away during mentoring sessions by everyone."}, "out loud"),
        ({"why": "As the passage says, agreeing norms early helps both people."}, "the passage"),
        ({"say": "We could try it, since digital natives expect quick replies, you know."},
         "stereotype"),
        ({"next_step": " ".join(["go"] * 46)}, "next_step has 46 words"),
        ({"cites": []}, "cites no guide section"),
    ],
)  # fmt: skip
def test_each_chat_answer_rule_catches_its_case(change, problem):
    library = Library.model_validate({"answers": [answer(**change)], "scripts": SCRIPTS})
    found = problems_of(library, minimum=False)
    assert found == [] if problem is None else any(problem in line for line in found), found


def test_a_chat_answer_needs_at_least_two_ways_of_asking():
    with pytest.raises(ValueError, match="asks"):
        Library.model_validate({"answers": [answer(asks=["Only one way"])]})


def test_a_segment_fits_only_known_goal_kinds_and_every_kind_needs_segments():
    segment = {
        "id": "seg-demo", "name": "Live demo", "purpose": "Show the tool on a real case",
        "minutes": [10, 20], "mentor_brings": "a demo", "mentee_brings": "a case",
        "steps": ["Show"], "question": "What surprised you in it?", "goal_types": ["tool"],
        "phases": ["middle"], "fits": ["gossip"],
    }  # fmt: skip
    with pytest.raises(ValueError, match="fits"):
        SegmentPattern.model_validate(segment)
    library = Library.model_validate(
        {"segments": [{**segment, "fits": ["tool"]}], "scripts": SCRIPTS}
    )
    found = problems_of(library)
    assert "1 middle-session segments fit tool goals; want at least 3" in found
    assert "0 middle-session segments fit hiring goals; want at least 3" in found
    assert "no closing segment fits handover focuses" in found  # a closing kind needs a closing
    assert not any("handover goals" in p for p in found)  # not a middle one
    closing = {**segment, "id": "seg-hand", "fits": ["handover"], "phases": ["closing"]}
    library = Library.model_validate({"segments": [segment | {"fits": ["tool"]}, closing],
                                      "scripts": SCRIPTS})  # fmt: skip
    assert "no closing segment fits handover focuses" not in problems_of(library)
