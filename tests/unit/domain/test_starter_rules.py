"""Starter rules: required categories, no near-duplicates, no stereotypes, real citations."""

import pytest

from coach.domain.starters import Starter, enforce, near_duplicates, violations
from coach.domain.stereotypes import PATTERNS, stereotypes_in

STEREOTYPED = {
    "digital native": "As a digital native, what apps should I try?",
    "digital immigrant": "How do digital immigrants like me catch up?",
    "ok boomer": "Have you ever been told OK boomer?",
    "generation + always/never": "Millennials always want praise, don't they?",
    "generation + can't/don't": "Why do boomers can't stand Slack?",
    "typical generation": "Is that a typical Gen Z habit?",
    "older people can't": "Older leaders struggle with new apps, right?",
    "younger people can't": "Young people are glued to their phones, aren't they?",
    "set in their ways": "How do we help someone set in their ways?",
    "too old to": "Is anyone too old to learn TikTok?",
    "dinosaur": "Do you feel like a dinosaur in these meetings?",
    "snowflake": "How do you handle feedback without being a snowflake?",
    "entitled youth": "Why is the entitled generation so demanding?",
    "kids these days": "What do kids these days want from work?",
    "born with a phone": "You were born with a smartphone, so what do you think?",
    "tech-savvy because young": "You are naturally tech-savvy, so teach me.",
    "attention span": "With your short attention span, should we keep it brief?",
    "as a boomer/millennial you": "As a millennial, you must hate meetings?",
}
FAIR = [
    "How did you learn the tools of your first job?",
    "Which assumption about my age group have you seen turn out wrong?",
    "What does your generation's experience of remote work teach me that I might miss?",
    "When I push back on an idea of yours, how should I say it?",
]


def test_every_pattern_has_an_example():
    assert set(STEREOTYPED) == set(PATTERNS)


@pytest.mark.parametrize(("name", "text"), sorted(STEREOTYPED.items()))
def test_each_stereotype_is_caught(name, text):
    assert name in stereotypes_in(text)


@pytest.mark.parametrize("text", FAIR)
def test_fair_questions_pass(text):
    assert stereotypes_in(text) == []


def s(text, category="trust", citations=()):
    return Starter(
        text=text, category=category, rationale="r", asked_by="mentor", depth="deeper",
        citations=list(citations),
    )  # fmt: skip


def test_violations_catch_missing_categories_duplicates_stereotypes_and_citations():
    bad = [
        s("What would make these sessions worth your time too?", citations=["nope#0"]),
        s("What would make these sessions worth your time, too?"),
        s("As a digital native, what should I install?"),
    ]
    text = " | ".join(violations(bad, {"guide#0"}))
    assert "no power_dynamics starter" in text
    assert "no generational_differences starter" in text
    assert "near-duplicates" in text
    assert "digital native" in text
    assert "nope#0" in text


def test_enforce_drops_bad_starters_and_tops_up_required_categories():
    backups = [
        s("How should I challenge you?", "power_dynamics"),
        s("How did you learn your first job's tools?", "generational_differences"),
    ]
    proposed = [
        s("Boomers never read dashboards, do they?", "generational_differences"),
        s("What would make this worth your time too?", "mutual_benefit", ["guide#0", "x#1"]),
        s("What would make this worth your time, too?", "mutual_benefit"),
    ]
    kept, fixes = enforce(proposed, {"guide#0"}, backups)
    assert violations(kept, {"guide#0"}) == []
    assert [k.category for k in kept] == [
        "mutual_benefit", "power_dynamics", "generational_differences"
    ]  # fmt: skip
    assert kept[0].citations == ["guide#0"]
    assert any("stereotype" in f for f in fixes)


def test_near_duplicates_ignore_different_questions():
    assert (
        near_duplicates([s("How should I challenge you?"), s("Which tools did you learn first?")])
        == []
    )


def test_enforce_tops_up_a_set_that_duplicates_shrank_below_the_minimum():
    backups = [
        s("How should I challenge you?", "power_dynamics"),
        s("How did you learn your first job's tools?", "generational_differences"),
        s("Between sessions, do you prefer a message or a call?", "communication"),
        s("What would make this worth your time too?", "mutual_benefit"),
    ]
    proposed = [
        s("Who leads here when we disagree about the rollout plan?", "power_dynamics"),
        s("Who leads here when we disagree about the rollout plan, really?", "trust"),
        s("How did you learn your first job's tools, back then?", "generational_differences"),
    ]
    kept, fixes = enforce(proposed, set(), backups)
    assert len(kept) == 3
    assert violations(kept, set()) == []
    assert kept[2].category == "communication"  # a category the set lacked, not a near-copy
    assert any("to reach 3" in f for f in fixes)


def test_violations_name_a_set_that_is_too_small():
    pair = [
        s("Who leads here when we disagree?", "power_dynamics"),
        s("How did you learn your first job's tools?", "generational_differences"),
    ]
    assert violations(pair, set()) == ["only 2 starters; a set needs at least 3"]
