"""Who gained what, read by rules (coach.domain.benefit_cues)."""

import pytest

from coach.domain.benefit_cues import gain_line, gain_side, gains
from coach.domain.wording import sentences

NAMES = {"nkechi": "mentor", "nkechi obi": "mentor", "david": "mentee"}

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("sentence", "author", "side"),
    [
        ("I did not know this was happening on our own campus.", "mentee", "mentee"),
        ("He showed me three accounts with 500k followers talking about crypto.", "mentee",
         "mentee"),
        ("Showed her filters, drill-through and how to set a data alert.", "mentor", "mentee"),
        ("Nkechi says she learned how a regional budget is really decided.", "mentee", "mentor"),
        ("It was really useful for my portfolio, which I had not expected.", "mentor", "mentor"),
        # the mentee showing the mentor her homework is no gain for the mentor
        ("Today I showed her my three Instagram stories from the food hub.", "mentee", None),
        ("I hope he will learn how the rota works before next time.", "mentor", None),
        ("He said he didn't learn anything he couldn't read in a report.", "mentor", None),
        ("Did you find the walkthrough useful at all for the board?", "mentor", None),
        ("I honestly didn't know.", "mentee", None),
        ("Absolutely flawless planning from facilities as usual 🙃 he realised late.", "mentor",
         None),
        # read in a review of this module: each once gave the wrong side
        ("David walked me through how the regional budget committee decides.", "mentor",
         "mentor"),
        ("He taught me how to read a P&L without panicking about it.", "mentor", "mentor"),
        ("I think she found it really useful in the end.", "mentee", "mentor"),
        ("I learned how hard it is for her to get budget signed off.", "mentor", "mentor"),
        ("I had no idea the approvals could take three months.", "mentor", "mentor"),
        ("I learned why the app should show pay per drop upfront.", "mentee", "mentee"),
        ("Honestly I found the second half wasn't useful for either of us.", "mentor", None),
        ("I don't think the walkthrough was helpful for him at all.", "mentor", None),
        ("I got a call from HR halfway through so we stopped early.", "mentor", None),
        ("I saw that he was late again for the third week running.", "mentor", None),
        ("I didn't know what to say when he asked about my pay.", "mentor", None),
        ("I think he’ll find the data alert useful next month.", "mentor", None),
    ],
)  # fmt: skip
def test_the_side_that_gained_is_read_from_the_authors_point_of_view(sentence, author, side):
    assert gain_side(sentence, author, NAMES) == side


def test_a_long_sentence_is_cut_to_its_clause_with_the_gain_and_marked():
    line = gain_line(
        "We spent most of the hour on the rota, the break room and the parking, and then he "
        "said the most useful thing for him was seeing his findings go to the trust board."
    )
    assert line == (
        "He said the most useful thing for him was seeing his findings go to the trust board."
    )
    long = gain_line("She said the most useful thing for her was seeing how a decision actually "
                     "gets made at MD level when the numbers and the people disagree.")  # fmt: skip
    assert long.endswith("…") and len(long.split()) == 19
    assert gain_line("- She said it was useful to see the data.") == (
        "She said it was useful to see the data."
    )


def test_each_side_takes_the_first_sentence_that_states_its_gain():
    text = ("First meeting with David. I did not know this was happening on our campus. "
            "He showed me the booking app and it was useful for me to see it. "
            "Nkechi says she learned a lot about budgets from me today.")  # fmt: skip
    found = gains(sentences(text), "mentee", NAMES)
    assert found["mentee"].text.startswith("I did not know")
    assert found["mentor"].text.startswith("Nkechi says she learned")


def test_notes_in_the_third_person_are_read_by_names_only():
    text = ("Session 2 notes, written up for the programme file. Nkechi walked him through "
            "the regional budget and the way its committee actually decides. He said he "
            "learned more about budgets in an hour than in a year of reports.")  # fmt: skip
    found = gains(sentences(text), "mentee", NAMES)
    # Nkechi (the mentor) walked him through: the mentee gained; "he" may be the author
    assert found["mentee"].text.startswith("Nkechi walked him")
    assert "mentor" not in found
