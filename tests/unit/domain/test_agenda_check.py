"""The checks on one model-worded agenda item: each bad wording is refused with its reason."""

import json
from pathlib import Path

import pytest

from coach.domain.agenda_check import (
    check_in_problems,
    item_problems,
    mended_fields,
    tidy,
    unnamed,
)
from coach.domain.pair_profile import PairProfile
from coach.domain.recap_phrases import recap_words

REPO = Path(__file__).resolve().parents[3]
PAIR = PairProfile.model_validate(
    json.loads((REPO / "evals/datasets/pairs/pair-tech-01.json").read_text())
)
FOCUS = "Age bias in our hiring process"
PATTERN = "Rewrite it together. Take one real text and rewrite it side by side."
TITLE = "Rewrite one job ad for age bias"
ACTIVITY = "Ryan brings an open engineering job ad and Deborah marks each phrase with age bias."


def problems(**changed):
    fields = {"title": TITLE, "activity": ACTIVITY, **changed}
    return item_problems(**fields, serves=FOCUS, profile=PAIR, pattern=PATTERN)


def test_a_good_wording_passes():
    assert problems() == []


@pytest.mark.parametrize("changed, reason", [
    ({"title": "Age bias"}, "title: the goal or focus pasted back"),
    ({"activity": "The pair will learn about age bias in hiring and job ads today."},
     "activity: echoes the instructions"),
    ({"activity": "Ryan and Priya mark each phrase with age bias in the job ad for 20 minutes."},
     "names what the pair file lacks"),
    ({"title": "Walk the warehouse floor together", "activity": "Ryan shows Deborah the loading "
      "dock and they time one shift change."}, "does not address what it is for"),
    ({"activity": "Ryan brings an open job ad and Deborah marks each phrase with age bias and"},
     "activity: cut off before its end"),
    ({"activity": "Deborah marks each phrase with age bias. Deborah marks each phrase with age "
      "bias."}, "repeats an earlier sentence"),
])  # fmt: skip
def test_a_bad_wording_is_refused_with_its_reason(changed, reason):
    assert any(reason in p for p in problems(**changed)), problems(**changed)


def test_an_activity_without_a_full_stop_is_fine_unless_it_stops_mid_sentence():
    assert problems(activity=ACTIVITY.rstrip(".")) == []
    assert "activity: cut off before its end" in problems(activity=ACTIVITY.rstrip(".") + " with")


def test_refused_fields_are_taken_from_the_pattern_only_when_that_mends_everything():
    kept = {"title": TITLE, "activity": ACTIVITY}
    assert mended_fields(["title: 12 words; want 2-10"], FOCUS, PAIR, kept) == ["title"]
    assert mended_fields(["does not address what it is for"], FOCUS, PAIR, kept) is None
    # a refused activity leaves nothing of substance: the model's title would name what it
    # replaced
    assert mended_fields(["activity: 50 words; want 6-45"], FOCUS, PAIR, kept) is None
    off_topic = {"title": "Walk the dock", "activity": "Ryan shows Deborah the loading dock."}
    assert mended_fields(["title: echoes the instructions"], FOCUS, PAIR, off_topic) is None


def test_a_focus_item_must_name_half_of_the_focus_a_goal_item_one_word():
    thin = {"title": "Walk the hiring floor", "activity": "Ryan shows Deborah the hiring tool."}
    as_goal = item_problems(**thin, serves=FOCUS, profile=PAIR, pattern=PATTERN)
    as_focus = item_problems(**thin, serves=FOCUS, profile=PAIR, pattern=PATTERN, is_focus=True)
    assert as_goal == [] and as_focus == [f"does not address what it is for ({FOCUS})"]
    assert problems(title=FOCUS.lower()) == ["title: the goal or focus pasted back"]


def test_a_wording_that_missed_its_subject_is_told_the_words_as_written_without_names():
    assert unnamed(FOCUS, PAIR, is_focus=True) == ["age", "bias", "hiring", "process"]
    assert unnamed("Deborah's view of hiring processes", PAIR) == ["view", "hiring", "processes"]
    assert unnamed("Our last session", PAIR, is_focus=True) == []  # which session: no subject


LAST = "Reviewed job ads; Deborah flagged phrases like 'digital native' and 'young, dynamic team'."


@pytest.mark.parametrize("recap, told", [
    (LAST, ["job ads", "digital native"]),  # runs of words, longest first, in the recap's order
    ("Zara showed William her savings pots and round-ups; he was sceptical of app-only banks.",
     ["savings pots", "app-only banks"]),  # a past tense says what was done, not what about
    ("Walked through the ward WhatsApp groups used for shift swaps.",
     ["ward WhatsApp groups"]),  # as written: case and hyphens kept
    ("Bilal explained how gig apps show drivers pay per drop upfront.",
     ["gig apps show drivers"]),  # a run longer than four words is cut, not dropped
    ("Deborah shared comment threads calling out vague 'eco' claims.",
     ["vague eco claims"]),  # "calling out" is what the threads do, not what they are
    ("Talked.", []),
    # a pronoun's or a negation's contraction is no part of a phrase ("the he's never been";
    # the fresh pairs' check-ins)
    ("He admitted he's never been to a girls' academy session.", ["girls academy session"]),
    ("12-hour shifts: people aren't against them as such.", ["12-hour shifts", "people"]),
    ("She said she goes quiet and then overrules.", ["quiet", "overrules"]),  # no "the goes quiet"
    # how it felt is no subject (fresh airline: "the bit tense afterwards")
    ("Deborah came to a 5am briefing. Got a bit tense afterwards.", ["5am briefing"]),
    # when something ended is no subject, and a clock time is one word (fresh3 cinema chain:
    # "since the Friday close together at 15 AM")
    ("Worked a Friday close together, out at 1:15am. Two closers take the bus.",
     ["Friday close together", "bus"]),
    ("Sat in on the 5:30am briefing.", ["5:30am briefing"]),
    ("Nobody had said the £500 reservation fee is kept.", ["£500 reservation fee"]),
    # a set phrase, an irregular past tense, a preposition and "assume" are no subject (second
    # fresh pension fund: "since we talked about the other way round")
    ("Ryan read out emails from members under 30. Deborah was surprised; the trustees assume "
     "it's the other way round.", ["emails", "members", "trustees"]),
])  # fmt: skip
def test_a_check_in_is_told_the_last_sessions_own_phrases(recap, told):
    assert recap_words(recap, PAIR) == told


def test_a_question_about_this_block_echoes_the_instructions():
    found = check_in_problems("Which flagged phrases in your job ads connect to this block?",
                              LAST, PAIR, "Check-in. Say what happened since.")  # fmt: skip
    assert found == ["question: echoes the instructions"]


@pytest.mark.parametrize("question, reason", [
    ("Which of the flagged phrases did you take out of your job ads?", None),
    ("How has your week been, honestly?", "does not pick up the last session"),
    ("Which flagged phrases did Ryan take out of the job ads?", "not asked face to face"),
    ("Which flagged phrases did you cut from the job ads, as Priya said?",
     "names what the pair file lacks"),
    ("Did you cut the phrases about digital natives from your job ads?", "stereotype"),
    ("What are some of the key benefits of job ads without flagged phrases?", "a textbook list"),
    ("Which flagged phrases in the job ads", "not a question"),
    ("Which flagged phrases did you cut from the job ads? What did you keep?",
     "more than one question"),
    ("What have you changed since Deborah flagged phrases in your job ads?",
     "says Deborah where it should say you or I"),
    ("You flagged phrases in the job ads; which have you cut since?", "says what you did last"),
    ("You've shown me the job ads; which flagged phrases have you cut?", "says what you did"),
])  # fmt: skip
def test_a_check_in_question_must_pick_up_the_last_session_face_to_face(question, reason):
    found = check_in_problems(question, LAST, PAIR, "Check-in. Say what happened since.")
    if reason is None:
        assert found == []
    else:
        assert any(reason in f for f in found), found


def test_tidy_writes_run_together_words_apart_and_cuts_an_activity_to_whole_sentences():
    source = f"{PAIR.model_dump_json()} {PATTERN} what they heard on a screen reader"
    fields = {"title": "Test it with a screenreader", "activity": "Sort what theyheard."}
    tidied, notes = tidy(fields, source)
    assert tidied["title"] == "Test it with a screen reader"
    assert tidied["activity"] == "Sort what they heard."
    assert notes == ["title: wrote apart screenreader", "activity: wrote apart theyheard"]
    then = "Then Ryan reads the ad aloud to Deborah slowly."  # 9 words; the activity has 15
    cut, notes = tidy({**fields, "activity": " ".join([ACTIVITY, *[then] * 5])}, source)
    assert cut["activity"] == " ".join([ACTIVITY, *[then] * 3])  # 42 words of at most 45
    assert notes[-1] == "activity: cut back to 4 whole sentence(s)"
    stopped, _ = tidy({**fields, "activity": f"{ACTIVITY} Then Deborah marks the"}, source)
    assert stopped["activity"] == ACTIVITY
    one_long = " ".join(["word"] * 50)  # no whole sentence to keep: left for the checks
    assert tidy({**fields, "activity": one_long}, source)[0]["activity"] == one_long


def test_only_words_the_source_writes_apart_are_written_apart():
    source = "with the tool, in the room; the new iPhone"
    fields = {"title": "Try it within the week", "activity": ACTIVITY}
    assert tidy(fields, source) == (fields, [])  # "within" is a word, not "with in"
    both = {**fields, "title": "Test the iPhone with what theyheard"}
    assert tidy(both, f"{source} what they heard")[1] == ["title: wrote apart theyheard"]


def test_the_pairs_first_names_are_what_a_check_in_may_not_say():
    assert PAIR.first_names == ["Deborah", "Ryan"]  # the mentor's, then the mentee's
