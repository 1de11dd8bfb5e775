"""Private flags by stated definitions: precision first."""

from pathlib import Path

import pytest

from coach.domain.summary_flags import flagged_sentences, found_flags
from coach.domain.wording import sentences
from coach.evals.datasets import load_reflection_set

REPO = Path(__file__).resolve().parents[3]


def kinds(text: str, author: str = "mentor") -> set[str]:
    return {f.kind for f in found_flags(sentences(text), author)}


def test_a_senior_who_talks_over_the_junior_is_flagged_with_its_sentence():
    text = "He talked over me twice. I tried again to bring up the rota and he moved on."
    flags = found_flags(sentences(text))
    assert [f.kind for f in flags] == ["power_imbalance"]
    assert flags[0].evidence == "He talked over me twice."


def test_one_weak_cue_is_not_enough():
    assert kinds("I tried twice to get to the second question.") == set()
    assert kinds("There was a photo of the team in the newsletter.") == set()


def test_what_is_not_a_flag():
    text = (
        "He asked me to interrupt him if he rambles, and you asked me to interrupt you, I said. "
        "I was interrupted twice by students asking her things. No photographer this time. "
        "We talked about what I get out of this. Honestly a lot. "
        "I admit I had not done my homework."
    )
    assert kinds(text) == set()


def test_one_sided_benefit_and_tokenism():
    assert kinds("I'm doing the analysis for free and there's nothing in it for me.") == {
        "one_sided_benefit"
    }
    text = "Moved again by his EA, third time this month. Then a photo for the annual report."
    assert kinds(text) == {"tokenism"}


def test_the_rules_agree_with_the_development_gold():
    """A fit on evals/datasets (the rules were written reading it); held-out figures are in
    docs/evals.md."""
    folder = REPO / "evals/datasets"
    cases = load_reflection_set(folder)
    expected = hit = false = 0
    for case in cases:
        got = kinds(case.reflection, case.author)
        expected += len(case.expected_flags)
        hit += len(got & set(case.expected_flags))
        false += len(got - set(case.expected_flags))
    assert hit / expected >= 0.95 and false / len(cases) <= 0.05


def test_single_sentences_that_once_raised_a_flag():
    for text in (
        "I talked for ten minutes about our onboarding survey and then he asked questions.",
        "The meeting went on for 90 minutes.",
        "He let me finish my demo.",
        "The graduate scheme was taken over by HR.",
        "They offer budgeting tools for free.",
        "The dashboard looks good now. We looked at the staff newsletter together.",
    ):
        assert kinds(text) == set(), text


def test_every_sentence_whose_cue_counted_is_private_not_only_the_strongest():
    text = "He talked over me about rotas. Later he cut me off again about pay. We agreed a plan."
    private = [s.text for s in flagged_sentences(sentences(text))]
    assert private == ["He talked over me about rotas.", "Later he cut me off again about pay."]


@pytest.mark.parametrize(
    ("text", "author", "expected"),
    [
        # the senior held the floor, said without the stock phrases
        ("He spent most of the half hour on his own career. I managed about five sentences in.",
         "mentor", {"power_imbalance"}),
        ("She'd already told her directors. What was I going to do, tell her no? I nodded along.",
         "mentor", {"power_imbalance"}),
        ("I spoke for perhaps forty of the fifty minutes. He did not try a third time.",
         "mentee", {"power_imbalance"}),
        # the same words by the junior are about the junior
        ("I spoke for perhaps forty of the fifty minutes, as he asked me to.", "mentor", set()),
        # for the report, before substance
        ("My manager signed me up because it would look good for the department.", "mentor",
         {"tokenism"}),
        ("Session two was postponed twice and cut again. I feel it is there so the trust can say "
         "it has one.", "mentor", {"tokenism"}),
        # one side gains nothing it can name, or works unpaid and uncredited
        ("It went out with her team's name on it and no mention of me. Two lunch breaks, too.",
         "mentor", {"one_sided_benefit"}),
        ("I couldn't point to a single thing I'd do differently.", "mentee",
         {"one_sided_benefit"}),
    ],
)  # fmt: skip
def test_flags_in_words_the_first_cues_missed(text, author, expected):
    """Shapes from development cases written by helpers who read no code (h041-h076)."""
    assert {f.kind for f in found_flags(sentences(text), author)} == expected


def test_near_misses_in_new_words_are_no_flags():
    for text in (
        "It took me two evenings, which I don't mind at all: I learned a lot.",
        "She stopped me mid-sentence, as I'd asked her last session to do when I go too fast.",
        "He has put me forward for the retention working group.",
        "Nobody his age reads a brochure, he told me straight out.",
        "I joked that comms would want a photograph of us. We both laughed.",
        # the pair chose where the time went (h191, h193)
        "We spent most of the hour on the self-serve trial numbers for her Q1 plan.",
        "He sent the brief late, and we spent most of the 45 minutes on it.",
    ):
        assert kinds(text) == set(), text


def test_flags_of_the_second_batch():
    """Shapes from the development cases h065-h088 (helpers who read no code)."""
    assert kinds("The transcript says I had roughly 80% of the airtime.", "mentee") == {
        "power_imbalance"
    }
    assert kinds("The transcript says I had roughly 80% of the airtime.", "mentor") == set()
    assert kinds("I didn't put my hand up for this: they need a visible face.") == {"tokenism"}
    assert kinds("It was preponed once and postponed thrice. Then the photographer came.") == {
        "tokenism"
    }
    assert kinds("I couldn't have told anyone what I am taking from these hours.", "mentee") == {
        "one_sided_benefit"
    }


def test_flags_of_the_third_batch():
    """Shapes from the development cases h089-h112 (a helper who read no code)."""
    assert kinds('KW began to clarify the method and was told it was "not the moment".') == {
        "power_imbalance"
    }
    senior = "When she started on it again I stopped her; that detail belongs elsewhere."
    assert kinds(senior, "mentee") == {"power_imbalance"}
    assert kinds(senior, "mentor") == set()
    assert kinds("She came in 25 minutes late with comms, who took a few photos of us.") == {
        "tokenism"
    }
    assert kinds("Quick notes for the scorecard. Box ticked for December.", "mentee") == {
        "tokenism"
    }
    assert kinds("Not sure what I'm getting out of this one, honestly.") == {"one_sided_benefit"}
    assert kinds("I checked the drive: the guide doesn't have my name on it anywhere.") == {
        "one_sided_benefit"
    }
    assert kinds("I did most of the talking, but it was at her request.", "mentee") == set()


def test_flags_of_the_fourth_batch():
    """Shapes from the development cases h113-h128 (a helper who read no code)."""
    assert kinds("He talked about his 1990s store visits for maybe 25 min.") == {"power_imbalance"}
    assert kinds("I talked about my store visits for maybe 25 min.") == set()
    oblivious = "She barely needed to say a word. She started on the rota, but I'd covered that."
    assert kinds(oblivious, "mentee") == {"power_imbalance"}
    assert kinds(oblivious, "mentor") == set()
    credit = "He asked if his name could go on the page. He'll squeeze the digest in evenings."
    assert kinds(credit, "mentee") == {"one_sided_benefit"}


def test_flags_of_the_fifth_batch():
    """Shapes from the development cases h129-h168 (helpers who read no code)."""
    own_count = "I think I did about thirty-five of the forty-five minutes, which sounds a lot."
    assert kinds(own_count, "mentee") == {"power_imbalance"}
    assert kinds(own_count, "mentor") == set()
    assert kinds("Graham spoke for most of the half hour: how he started in 1988.") == {
        "power_imbalance"
    }
    assert kinds("I spoke for most of the half hour, as we had planned.") == set()


def test_a_meeting_the_writer_moved_is_no_sign_of_tokenism():
    """h180: the senior's own "got moved twice, by me" of a skip-level beside a case study."""
    text = "yuki wants to write this up as a case study. The third one got moved twice, by me."
    assert kinds(text, "mentee") == set()
    assert kinds("Our session got moved twice by his office. Then a photo for the magazine.") == {
        "tokenism"
    }
