"""Summaries stay grounded: spans match, nothing invented, flags never shared."""

from coach.domain.summary_draft import (
    Flag,
    GoalProgress,
    MutualBenefit,
    ReflectionSummary,
    SummaryAction,
    Takeaway,
    cue_flags,
    ground,
    shareable_text,
    span_of,
    violations,
)
from coach.domain.wording import invented, sentences

TEXT = (
    "Session 3 with Richard. He talked over me twice when I raised attrition.\n\n"
    "When I read the quotes he went quiet. I will email him the quotes by Friday. "
    "He learned that new starters feel alone on night shifts!"
)


def test_sentences_keep_exact_offsets():
    found = sentences(TEXT)
    assert [s.number for s in found] == list(range(1, len(found) + 1))
    assert all(TEXT[s.start : s.end] == s.text for s in found)
    assert found[1].text == "He talked over me twice when I raised attrition."


def test_invented_finds_names_numbers_and_days_not_in_the_source():
    assert invented("Email Richard the 11 quotes on Monday", TEXT) == {"11", "monday"}
    assert invented("Email him the quotes by Friday", TEXT) == set()


def test_ground_replaces_invented_claims_and_drops_unsupported_ones():
    found = sentences(TEXT)
    bogus = span_of(found[0]).model_copy(update={"start": 2})
    summary = ReflectionSummary(
        key_takeaways=[
            Takeaway(text="Richard listened for 30 minutes", span=span_of(found[2])),
            Takeaway(text="Something unsupported", span=bogus),
        ],
        action_items=[
            SummaryAction(
                text="Email the quotes", owner="mentor", due="by 21 March", span=span_of(found[3])
            ),  # fmt: skip
        ],
        mutual_benefit=MutualBenefit(mentor="Praise from Sarah", mentee="Heard the quotes"),
    )
    assert violations(summary, TEXT, ["g1"])
    fixed, fixes = ground(summary, TEXT, ["g1"])
    assert violations(fixed, TEXT, ["g1"]) == []
    assert [t.text for t in fixed.key_takeaways] == [found[2].text]
    assert fixed.action_items[0].due is None
    assert fixed.mutual_benefit.mentor == "Not stated in the reflection."
    assert fixed.mutual_benefit.mentee == "Heard the quotes"
    assert len(fixes) >= 3


def test_cue_flags_find_power_imbalance_with_evidence():
    flags = cue_flags(sentences(TEXT))
    assert [f.kind for f in flags] == ["power_imbalance"]
    assert flags[0].evidence == "He talked over me twice when I raised attrition."


def test_shareable_text_never_contains_private_flags():
    found = sentences(TEXT)
    summary = ReflectionSummary(
        key_takeaways=[Takeaway(text="Quotes landed", span=span_of(found[2]))],
        flags=[Flag(kind="power_imbalance", evidence=found[1].text, span=span_of(found[1]))],
    )
    shared = shareable_text(summary)
    assert "Quotes landed" in shared
    assert "talked over" not in shared and "power" not in shared


def test_goal_progress_shows_the_goals_words_not_its_id():
    found = sentences(TEXT)
    summary = ReflectionSummary(goal_progress=[
        GoalProgress(goal_id="g1", evidence=found[2].text, span=span_of(found[2]),
                     goal="Understand why new nurses leave"),
        GoalProgress(goal_id="g2", evidence=found[3].text, span=span_of(found[3])),
    ])  # fmt: skip
    shared = shareable_text(summary)
    assert f"- Understand why new nurses leave: {found[2].text}" in shared
    assert "g1" not in shared and "- g2: " in shared  # a summary saved before goals had words


def test_claims_their_own_sentence_does_not_support_become_that_sentence():
    found = sentences(TEXT)
    summary = ReflectionSummary(
        key_takeaways=[Takeaway(text="Leadership culture improved a lot", span=span_of(found[2]))],
        mutual_benefit=MutualBenefit(mentor="power_imbalance", mentee="Great strategic insight"),
    )
    fixed, fixes = ground(summary, TEXT, [])
    assert fixed.key_takeaways[0].text == found[2].text
    assert (
        fixed.mutual_benefit.mentor
        == fixed.mutual_benefit.mentee
        == "Not stated in the reflection."
    )
    assert any("does not support" in f for f in fixes)


def test_a_flagged_sentence_never_becomes_a_shareable_takeaway():
    found = sentences(TEXT)
    flagged = found[1]  # "He talked over me twice..."
    summary = ReflectionSummary(
        key_takeaways=[
            Takeaway(text=flagged.text, span=span_of(flagged)),
            Takeaway(text=found[2].text, span=span_of(found[2])),
        ],
        flags=[Flag(kind="power_imbalance", evidence=flagged.text, span=span_of(flagged))],
    )
    fixed, _ = ground(summary, TEXT, [])
    assert [t.text for t in fixed.key_takeaways] == [found[2].text]
    assert "talked over" not in shareable_text(fixed)
    assert fixed.flags[0].evidence == flagged.text
