"""What completes an action after its own clause: a line naming only its owner or its
deadline, a heading saying whose the list is, a task table's own column order."""

import json
from pathlib import Path

from coach.domain.action_tail import due_alone
from coach.domain.pair_profile import PairProfile
from coach.domain.summary_actions import find_actions
from coach.domain.task_table import header

REPO = Path(__file__).resolve().parents[3]
# Bilal Qureshi is the mentor, Frank Müller the mentee.
PAIR = PairProfile.model_validate(
    json.loads((REPO / "evals/datasets/pairs/pair-logistics-01.json").read_text())
)


def found(text: str, author: str = "mentor") -> list[tuple[str, str, str]]:
    return [(a.text, a.owner, a.due) for a in find_actions(text, PAIR, author)]


def test_a_line_with_only_a_deadline_completes_the_action_before_it():
    text = "Next\nI'll send Frank the driver survey.\nBy 12 February.\n\nGood session."
    assert found(text) == [("I'll send Frank the driver survey", "mentor", "by 12 February")]


def test_a_deadline_line_after_a_sentence_with_no_action_is_no_action():
    assert found("We talked about the depot.\nBy 12 February.") == []


def test_a_deadline_line_never_replaces_the_actions_own_deadline():
    text = "I'll send Frank the driver survey by Friday.\nBefore Christmas."
    assert found(text) == [("I'll send Frank the driver survey", "mentor", "by Friday")]


def test_due_alone_refuses_a_line_that_says_more_than_a_deadline():
    assert due_alone("Before Christmas.") == "before Christmas"
    assert due_alone("Hopefully by the 9th, at the latest.") == "by the 9th, at the latest"
    assert due_alone("Frank sends the figures before Christmas.") == ""


def test_a_deadline_line_may_point_back_at_the_task_in_a_word():
    assert due_alone("First one by 15 January.", after_action=True) == "by 15 January"  # h191
    assert due_alone("Answer by the end of January.", True) == "by the end of January"  # h192
    assert due_alone("First Frank sends the figures by 15 January.", True) == ""
    # in a list line of its own, "reply by …" is the task itself
    assert due_alone("Reply by 10 January.") == ""
    assert found("Actions\n- Frank: draft by Friday.\n- Me: reply by 10 January.") == [
        ("Draft", "mentee", "by Friday"), ("Reply", "mentor", "by 10 January"),
    ]  # fmt: skip
    text = "I will ask the depot how many drivers we have.\nAnswer by the end of January."
    assert found(text) == [
        ("I will ask the depot how many drivers we have", "mentor", "by the end of January")
    ]


def test_a_deadline_line_completes_a_request_and_the_yes_that_accepts_it():
    # h191: the request and "I said yes" are one action over two sentences; the line after
    # the yes gives its deadline
    text = ("Frank asked if I'd send him a monthly digest of the driver forum. I said yes. "
            "First one by 15 January.")  # fmt: skip
    assert [d for _, _, d in found(text)] == ["by 15 January"]


def test_a_later_clause_saying_when_the_author_wants_it_gives_its_deadline():
    # h192: "- Ella to send me the themes (she offered; I'd like them before the Senate paper)."
    text = ("Actions\n- Frank to send me the depot's complaint themes from last term (he offered; "
            "I'd like them before the board paper).")  # fmt: skip
    assert found(text) == [
        ("Frank to send me the depot's complaint themes from last term", "mentee",
         "before the board paper"),
    ]  # fmt: skip


def test_a_line_naming_only_the_owner_gives_the_action_before_it_its_owner_and_deadline():
    text = "Agreed:\n- call the depot manager about the rota.\nFrank, this week.\n- tidy the map."
    assert found(text, "mentor")[0] == ("Call the depot manager about the rota", "mentee",
                                        "this week")  # fmt: skip
    assert found(text, "mentor")[1][1] == "mentor"  # the list goes on after it


def test_an_owner_heading_without_a_full_stop_is_a_heading_not_an_owner_line():
    text = "Frank\n- he'll ask HR for the numbers by Friday.\nMe\n- I'll book two depot visits."
    assert [o for _, o, _ in found(text)] == ["mentee", "mentor"]


def test_a_heading_saying_whose_the_list_is_owns_its_subjectless_lines():
    text = (
        "What he committed to (so I can chase it):\n- ask payroll to send me the pay data\n"
        "- the depot intro, first week of March\n\nWhat I've agreed:\n- draft the survey"
    )
    assert found(text, "mentor") == [
        ("Ask payroll to send me the pay data", "mentee", ""),
        ("The depot intro", "mentee", "first week of March"),
        ("Draft the survey", "mentor", ""),
    ]


def test_a_heading_that_only_starts_like_an_owner_heading_is_not_one():
    text = "What he said about the app was fine.\nActions:\n- ask payroll for the data"
    assert found(text) == [("Ask payroll for the data", "mentor", "")]


def test_a_task_table_read_in_its_own_column_order():
    text = "| Who | What | When |\n|---|---|---|\n| Frank | Ask HR for the numbers | by Friday |"
    assert found(text) == [("Ask HR for the numbers", "mentee", "by Friday")]
    assert header(["Item", "Where we got to", "Next"]).listed is False
    assert header(["Who", "Notes", "Status"]) is None


def test_initials_with_full_stops_name_their_owner_and_end_no_sentence():
    text = "F.M. to check the van insurance.\nB.Q. to write up the route costs by Friday."
    assert found(text) == [
        ("F.M. to check the van insurance", "mentee", ""),
        ("B.Q. to write up the route costs", "mentor", "by Friday"),
    ]


def test_a_deadline_before_its_subject_needs_no_comma():
    text = "Before our next session he's going to ride along on one evening shift."
    assert found(text) == [
        ("He's going to ride along on one evening shift", "mentee", "before our next session")
    ]


def test_short_weekdays_and_bare_dates_are_deadlines_and_other_words_are_not():
    from coach.domain.due_dates import due_of

    assert due_of("send me the clips, by Fri") == "by Fri"
    assert due_of("me: finish the skip-level 7 Jan") == "7 Jan"
    assert due_of("open the all-hands (16 Jan) with a silent round") == "16 Jan"
    assert due_of("she sat with the team on the night shift, as she sat") == ""
    assert due_of("the month we met was wet") == ""


def test_an_accented_name_is_a_subject_like_any_other():
    pair = PAIR.model_copy(deep=True)
    pair.mentor.name = "Tomás Ruiz"
    text = "Tomás will pull five chats that show the problem."
    assert [(a.owner, a.text) for a in find_actions(text, pair, "mentee")] == [
        ("mentor", "Tomás will pull five chats that show the problem")
    ]


def test_a_list_of_days_is_no_deadline():
    from coach.domain.due_dates import due_of

    assert due_of("move the managers' office day to Tue/Thu") == ""
    assert due_of("move the managers' office day to Tuesday/Thursday") == ""


def test_a_promise_already_kept_or_a_doubt_is_no_action():
    assert found("I brought the three driver questions I'd promised, all real ones.") == []
    assert found("I'll believe the depot visit when I see it in his diary.") == []
    assert found("I promised him the route data by Friday.")[0][1:] == ("mentor", "by Friday")


def test_a_promise_made_as_a_joke_at_oneself_is_no_action():
    # h205: "I shall be on TikTok by Easter, heaven help us all."
    assert found("I shall be on TikTok by Easter, heaven help us all.") == []
    assert found("I shall post a story from every depot visit until we next meet.") != []


def test_an_emails_header_lines_are_no_actions():
    text = (
        "To: me\nRe: Frank – last one\n\nQuick notes.\n\nActions\n- Frank: send me the rota by Fri"
    )
    assert found(text) == [("Send me the rota", "mentee", "by Fri")]


def test_what_an_audit_of_the_deadline_rules_found():
    # "I'd like it back by Friday" is when it returns, not when it is sent
    assert found("I'll send Frank the draft deck; I'd like it back by Friday.") == [
        ("I'll send Frank the draft deck", "mentor", "")
    ]
    # a joke belongs to its own clause: the action beside it stays
    text = "I'll send him the slides by Thursday; Frank presents on Friday, heaven help him."
    assert ("I'll send him the slides", "mentor", "by Thursday") in found(text)
    # a paper is a deadline after by/before, not a purpose ("for his paper")
    assert found("Frank will find me two references for his paper.") == [
        ("Frank will find me two references for his paper", "mentee", "")
    ]
