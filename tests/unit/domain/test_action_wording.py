"""An action as the summary shows it: no list label, no deadline."""

from coach.domain.action_wording import action_wording, as_author


def test_the_deadline_leaves_the_text_with_its_preposition():
    assert action_wording("Me: send Ivan the slides by Friday", "by Friday") == (
        "Send Ivan the slides"
    )
    assert action_wording("book the room on the 9th", "the 9th") == "Book the room"


def test_a_deadline_inside_quoted_words_or_after_to_stays():
    """r031's quoted plan, and h170's "to our next session", where the task goes."""
    quoted = 'he\'ll "use it at the ops board"'
    assert action_wording(quoted, "at the ops board") == 'He\'ll "use it at the ops board"'
    text = "get the DriverHub product owner to our next session"
    assert action_wording(text, "our next session") == (
        "Get the DriverHub product owner to our next session"
    )


def test_the_partners_you_reads_as_me():
    assert as_author("send you your notes") == "send me my notes"


def test_a_leading_and_or_so_is_not_part_of_the_action():
    assert action_wording("And I'm going to get Priya to explain the refund", "") == (
        "I'm going to get Priya to explain the refund"
    )
    assert action_wording("So I will send it by Friday", "by Friday") == "I will send it"
    assert action_wording("Andrew will send it", "") == "Andrew will send it"


def test_the_word_a_deadline_leaves_behind_goes_with_it():
    from coach.domain.action_wording import action_wording

    assert action_wording("keep the app going to the end of January, not just the month",
                          "end of January") == "Keep the app going, not just the month"  # fmt: skip
    assert action_wording("pull together three onboarding flows, for the 14th", "the 14th") == (
        "Pull together three onboarding flows"
    )
    assert action_wording("get the product owner to our next session", "our next session") == (
        "Get the product owner to our next session"
    )


def test_a_deadline_opening_a_line_reads_in_lower_case_after_an_action():
    from coach.domain.due_dates import due_of

    assert due_of("Before Christmas.") == "before Christmas"
    assert due_of("January 12") == "January 12"


def test_a_bracketed_deadline_leaves_no_empty_brackets():
    from coach.domain.action_wording import action_wording

    assert action_wording("end the all-hands (16 Jan) with a silent question round", "16 Jan") == (
        "End the all-hands with a silent question round"
    )
