"""The library's "customer" and "company" in the pair's own words."""

from __future__ import annotations

import pytest

from coach.domain.library import SegmentPattern
from coach.domain.org_words import OrgWords, fitted, org_words
from coach.domain.pair_profile import PairProfile

pytestmark = pytest.mark.unit


def pair(goals: list[str], mentee_role: str = "Chief Executive", **extra: str) -> PairProfile:
    return PairProfile.model_validate({
        "id": "p", "mentor": {"name": "Ana Ruiz", "role": "Apprentice"},
        "mentee": {"name": "Tom Hale", "role": mentee_role},
        "goals": [{"id": f"g{n}", "text": g} for n, g in enumerate(goals, 1)], **extra,
    })  # fmt: skip


@pytest.mark.parametrize(
    ("goals", "extra", "audience", "organisation"),
    [
        (
            ["Learn how residents under 30 report problems", "Why people skip council jobs"],
            {},
            "resident",
            "council",
        ),
        (["Understand how clients over 55 use our robo-advice app"], {}, "client", "company"),
        (
            ["Use the patient portal app end to end, as a patient would"],
            {},
            "patient",
            "organisation",
        ),
        (["Understand why nurses leave"], {"industry": "healthcare"}, "patient", "organisation"),
        (
            ["Understand how patients find our inhalers"],
            {"industry": "pharma"},
            "patient",
            "company",
        ),
        (["Make the plant more attractive to school leavers"], {}, "customer", "company"),
        (["Build trust with the team members"], {}, "customer", "company"),
    ],
)
def test_the_pair_files_own_words_decide(goals, extra, audience, organisation):
    assert org_words(pair(goals, **extra)) == OrgWords(audience, organisation)


def test_text_is_fitted_with_plurals_possessives_and_capitals_kept():
    words = OrgWords("resident", "council")
    assert words.fit("Customers read the company's job ads; a customer's task.") == (
        "Residents read the council's job ads; a resident's task."
    )
    assert words.fit("What the customers' words say about the Company") == (
        "What the residents' words say about the Council"
    )
    assert OrgWords().fit("the company's customers") == "the company's customers"
    assert OrgWords("investor", "organisation").fit("A customer of a company.") == (
        "An investor of an organisation."
    )


def test_a_segment_is_fitted_in_every_line_a_user_reads():
    segment = SegmentPattern.model_validate({
        "id": "seg-x", "name": "Be our customer on your own phone",
        "purpose": "The mentee completes a real customer task on the company's own app.",
        "minutes": [10, 20], "mentor_brings": "the task customers get stuck on",
        "mentee_brings": "your phone, logged out of the company account",
        "steps": ["Mentee does it as a customer would"],
        "question": "Where would a customer give up?", "goal_types": ["customer"],
        "fits": ["customer"], "phases": ["middle"],
    })  # fmt: skip
    shown = fitted(segment, OrgWords("patient", "organisation"))
    assert shown.name == "Be our patient on your own phone"
    assert shown.purpose == (
        "The mentee completes a real patient task on the organisation's own app."
    )
    assert shown.mentor_brings == "the task patients get stuck on"
    assert shown.mentee_brings == "your phone, logged out of the organisation account"
    assert shown.steps == ["Mentee does it as a patient would"]
    assert shown.question == "Where would a patient give up?"
    assert shown.goal_types == ["customer"] and shown.fits == ["customer"]  # kinds, not words
    assert fitted(segment, OrgWords()) is segment


def test_a_segments_subject_is_filled_after_the_pairs_words_and_nowhere_in_its_name():
    segment = SegmentPattern.model_validate({
        "id": "seg-s", "name": "Be our customer on your own phone",
        "purpose": "The mentee completes one customer task to do with {subject}.",
        "minutes": [10, 20], "mentor_brings": "the task", "mentee_brings": "your phone",
        "steps": ["Try it"], "question": "What would you change about {subject}?",
        "goal_types": ["customer"], "phases": ["middle"],
    })  # fmt: skip
    shown = fitted(segment, OrgWords("client", "company"), "how Gen Z customers use neobanks")
    assert shown.purpose == (
        "The mentee completes one client task to do with how Gen Z customers use neobanks."
    )
    assert shown.question == "What would you change about how Gen Z customers use neobanks?"
    with pytest.raises(ValueError, match="subject"):
        SegmentPattern.model_validate({**segment.model_dump(), "name": "On {subject}"})
    with pytest.raises(ValueError, match="their_work"):
        SegmentPattern.model_validate({**segment.model_dump(), "purpose": "In {their_work}."})
