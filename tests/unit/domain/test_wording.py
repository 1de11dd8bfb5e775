"""Word-for-word copy detection."""

import pytest

from coach.domain.wording import copies, end_cleanly, invented, sentences, unpiped


def test_a_short_phrase_inside_the_source_is_a_copy_whatever_the_case_and_punctuation():
    source = 'Format: {"title":"a few words","purpose":"one short sentence"}'
    assert copies("A few words", source)
    assert copies("one short sentence.", source)


def test_own_wording_and_too_short_phrases_are_not_copies():
    source = "Mentor (junior): Zara Hussain (Junior analyst, Gen Z)"
    assert not copies("How Zara's team budgets with apps", source)
    assert not copies("Zara Hussain", source)  # two words: a name may be repeated
    assert not copies("junior analyst gen z extra", source)
    assert not copies("sain junior analyst", "hussain junior analyst")  # whole words only


def test_text_under_its_limit_is_kept_as_written():
    assert end_cleanly("  Compare two budgeting apps.  ", 110) == "Compare two budgeting apps."


def test_text_cut_at_its_limit_ends_at_its_last_sentence_or_word():
    cut = "Try the budgeting app together on your own phone. Then compare what the ap"
    assert end_cleanly(cut, len(cut)) == "Try the budgeting app together on your own phone."
    run_on = "Walk through how graduates compare offers on social platforms and salary sit"
    assert end_cleanly(run_on, len(run_on)) == (
        "Walk through how graduates compare offers on social platforms and salary…"
    )


def test_a_number_is_invented_unless_the_source_has_that_whole_number():
    source = "one of them said the 11pm messages make them reply at 11pm, since 2010, over £40."
    assert invented("They feel they should reply at 10pm.", source) == {"10"}
    assert invented("Messages at 11pm since 2010 over £40.", source) == set()
    assert invented("It got 4x the replies.", "It got 4x the responses.") == set()
    assert invented("It got 3x the replies.", "It got 4x the responses.") == {"3"}
    assert invented("One said 1 thing.", "Since 2010.") == {"1"}


def test_a_number_the_source_writes_in_words_is_not_invented():
    source = "I brought the quotes from the forum, eleven of them, after twenty-two years."
    assert invented("I brought 11 quotes after 22 years.", source) == set()
    assert invented("I brought 12 quotes.", source) == {"12"}
    assert invented("Kept 1 desk open.", "Open the 10am to one junior a day.") == {"1"}
    for claim in ("About 20 came.", "About 5 came.", "About 2 came."):  # parts of one number
        assert invented(claim, "About twenty-five came, twenty two once.") != set()
    assert invented("About 20 came.", "In the twenty first century.") == {"20"}
    assert invented("About 25 came.", "About twenty-five came.") == set()


def test_a_name_with_a_possessive_or_a_closing_quote_is_the_name_itself():
    source = "The two wrong Copilot figures; stop calling her just the HCA."
    assert invented("I got feedback on Copilot's figures.", source) == set()
    assert invented("She asked to stop saying 'just the HCA'.", source) == set()
    assert invented("I got feedback on Gemini's figures.", source) == {"gemini"}
    assert invented("I met Ed's team.", "I visited the ward and talked.") == {"ed"}  # not "-ed"
    assert (
        invented("Quotes are about nurses at 3 AM on 21st Dec.", "at 3am on 21st December") == set()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We need a plan, i.e. a real one. Then more.", ["We need a plan, i.e. a real one."]),
        ("Apps (e.g. Monzo and Revolut). Fine.", ["Apps (e.g. Monzo and Revolut)."]),
        ("Met Dr. Chen at 3 p.m. today. Good.", ["Met Dr. Chen at 3 p.m. today."]),
        ("Use Teams vs. Slack for it. Right.", ["Use Teams vs. Slack for it."]),
        ("Room no. 4 was free. Fine.", ["Room no. 4 was free."]),
        # the same words end a sentence before a capital
        ("Apps, games etc. Then we left.", ["Apps, games etc.", "Then we left."]),
        ("It ended at 3 p.m. He came late.", ["It ended at 3 p.m.", "He came late."]),
        ("No. He said no.", ["No.", "He said no."]),
    ],
)
def test_an_abbreviations_full_stop_ends_no_sentence(text, expected):
    found = [s.text for s in sentences(text)]
    assert found[: len(expected)] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences(text))


def test_a_short_plain_line_opening_a_paragraph_is_a_heading_of_its_own():
    """h181: "What I think he learned" ran into "He'd assumed people leave for pay." and became
    the start of a mutual-benefit line."""
    text = (
        "What I think he learned\nHe'd assumed people leave for pay.\n"
        "Then we went to the big\nMeeting, and had a long chat about it.\n\n"
        "Next\nHe asked for the quotes."
    )
    assert [s.text for s in sentences(text)] == [
        "What I think he learned", "He'd assumed people leave for pay.",
        "Then we went to the big\nMeeting, and had a long chat about it.",  # mid-paragraph
        "Next", "He asked for the quotes.",
    ]  # fmt: skip


def test_a_markdown_heading_is_a_sentence_of_its_own():
    """h175: "## Stories" above its first line became part of a takeaway."""
    text = "Intro here.\n\n## Stories\nElizabeth posted two. She read them.\n# Next\n#hashtag"
    assert [s.text for s in sentences(text)] == [
        "Intro here.", "## Stories", "Elizabeth posted two.", "She read them.", "# Next",
        "#hashtag",
    ]  # fmt: skip
    assert all(text[s.start : s.end] == s.text for s in sentences(text))


def test_a_closing_quote_after_the_full_stop_ends_the_sentence_with_it():
    from coach.domain.wording import sentences

    text = 'It landed: "I\'m leaving nights, not nursing." She said “no chance.” Then we left.'
    assert [s.text for s in sentences(text)] == [
        'It landed: "I\'m leaving nights, not nursing."',
        "She said “no chance.”",
        "Then we left.",
    ]


def test_each_table_row_is_a_sentence_of_its_own():
    """h194: a goal's evidence was a whole table, header, rule and rows, as one "sentence"."""
    text = (
        "Where things are:\n| Item | Status |\n|---|---|\n"
        "| Smaller-size PPE | In stores since November, 38 sets issued |\n"
        "| Changing room | Works start 12 January |"
    )
    rows = [s.text for s in sentences(text)]
    assert rows[-2:] == [
        "| Smaller-size PPE | In stores since November, 38 sets issued |",
        "| Changing room | Works start 12 January |",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences(text))


def test_a_table_row_reads_as_its_cells():
    assert unpiped("| Smaller-size PPE | In stores since November, 38 sets issued |") == (
        "Smaller-size PPE: In stores since November, 38 sets issued"
    )
    assert unpiped("| I had no idea.") == "I had no idea."
    assert unpiped("| Noah | Pick two stories a week | - |") == "Noah: Pick two stories a week"
    assert unpiped("No table here | at all") == "No table here | at all"
