"""The checks on a model-adapted starter: each rule has a case it passes and one it rejects."""

import pytest

from coach.domain.pair_profile import PairProfile
from coach.domain.starter_check import adaptation_problems

PAIR = PairProfile.model_validate({
    "id": "pair-tech-01", "session": {"number": 3, "focus": "Age bias in our hiring process"},
    "mentor": {"name": "Deborah Okonkwo", "role": "Junior QA engineer (bootcamp graduate)",
               "department": "QA"},
    "mentee": {"name": "Ryan Patel", "role": "VP Engineering", "department": "Engineering"},
    "goals": [{"id": "g1", "text": "Make engineering hiring more age-inclusive"}],
})  # fmt: skip
FILLED = "When did age bias in our hiring process first come onto your radar?"


def check(text, similarity=0.8, asker="mentor"):
    return adaptation_problems(text, FILLED, asker, PAIR, similarity, "You adapt one question.")


def test_a_concrete_face_to_face_question_passes():
    assert check("When did age bias in engineering hiring first come onto your radar, Ryan?") == []
    assert check("Ryan, when did age bias in our job ads first catch your eye?") == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Age bias in hiring first came onto your radar years ago.", "not a question"),
        ("Why?", "words"),
        ("When did age bias in hiring first come onto the radar of engineering?", "face to face"),
        ("How can the junior mentor raise age bias with you?", "instead of to the other"),
        ("When did age bias first come onto Ryan's radar, do you think?", "third person"),
        ("When did Ryan first notice age bias in your hiring process?", "third person"),
        ("Did you see age bias in hiring when you worked at Google?", "lacks: google"),
        ("When did you first notice age bias in the 2019 hiring round?", "lacks: 2019"),
        ("When did you first notice {topic} in our hiring?", "placeholder"),
        ("When did you first notice age bias in our hiring 招聘?", "outside the user's script"),
        ("Do you agree that older engineers are set in their ways?", "stereotype"),
        ("What can a Junior QA engineer teach you about age bias in hiring?", "job title"),
        ("Would a working session help both of you more than talk about age bias?", "instead"),
        ("When did age bias in ourhiring process first come onto your radar?", "together"),
        ("When did age bias in ourHiring process first come onto your radar?", "together"),
    ],
)
def test_each_rule_rejects_its_bad_case(text, reason):
    found = check(text)
    assert any(reason in problem for problem in found), found


def test_the_asker_must_keep_speaking_as_i():
    filled = "Which of my habits make people in Engineering switch off, would you say?"
    flipped = "Which of your habits make people in Engineering switch off, would you say?"
    assert any("'I'" in p for p in adaptation_problems(flipped, filled, "mentee", PAIR, 0.9))
    kept = "Which of my habits make engineers switch off in hiring meetings, would you say?"
    assert adaptation_problems(kept, filled, "mentee", PAIR, 0.9) == []


def test_an_adaptation_edits_and_does_not_rewrite():
    template = "Would you rather I was blunt with you about {subject}, or should we ease into it?"
    rewrite = "What level of candour about age bias in hiring would you prefer from me?"
    found = adaptation_problems(rewrite, FILLED, "mentor", PAIR, 0.8, "", template)
    assert any("rewrote" in p for p in found)


def test_a_short_job_title_is_matched_as_a_word_not_inside_one():
    pair = PAIR.model_copy(update={"mentor": PAIR.mentor.model_copy(update={"role": "IT"})})
    text = "When did it first strike you that age bias shapes our hiring process?"
    assert adaptation_problems(text, FILLED, "mentor", pair, 0.8) == []
    titled = "When did an IT person first tell you about age bias in our hiring process?"
    assert any("title" in p for p in adaptation_problems(titled, FILLED, "mentor", pair, 0.8))


def test_drifting_from_the_template_is_rejected():
    assert any("drifted" in p for p in check("What is your favourite lunch spot?", 0.2))
