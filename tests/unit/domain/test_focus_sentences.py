"""What a focus written as sentences is about: the noun phrase it names."""

import pytest

from coach.domain.focus_sentences import clause_cut, focus_material, long_focus_topic, plain_focus

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("focus", "topic"),
    [
        ("Tomasz is nervous about the staff roadshow on 14 January. He's expecting a hostile "
         "room about the shift change.", "the staff roadshow on 14 January"),
        ("The supporters' forum on Saturday got heated about the new under-21 ticket prices. "
         "Declan wants to know what younger fans were saying.", "the new under-21 ticket prices"),
        ("Final session. I'd like us to be honest about whether the commuter lunch was a bit "
         "tokenistic", "the commuter lunch"),
        ("Last one before the programme ends: what happens to the teen advisory group idea once "
         "we stop meeting", "the teen advisory group idea"),
        ("Go through the anonymous replies from the question boxes together and pick the three",
         "the anonymous replies from the question boxes"),
        ("Pick up where we left off last session. Margaret wants to replay what happened in "
         "Monday's team meeting when Bao questioned the target", "Monday's team meeting"),
        ("Our last session was cut short so this time we finish the rota conversation properly",
         "the rota conversation"),
        ("Harriet wants to go through the draft hybrid working policy line by line first",
         "the draft hybrid working policy"),
        # the second fresh set: "the Q", "that isn't straight", "this to become a union
        # meeting", "the incident on the 86 and what", "the sales managers now", "the end of
        # the month" and "her phone the way a customer" before
        ("The crewing consultation town hall is on 2 March. Mark wants to rehearse the Q&A, "
         "with Sophie asking the questions the watch will really ask.", "the Q&A"),
        ("Aaliyah works nights. Find a meeting time that isn't straight after a night shift, "
         "and agree what Martin can repeat.", "a night shift"),
        ('At the launch Margaret said she "doesn\'t want this to become a union meeting". Seun '
         "would like to agree what is in and out of bounds.", "a union meeting"),
        ("Pick up where we left off before Christmas: the incident on the 86 and what happened "
         "afterwards.", "the incident on the 86"),
        ("Decide whether to put the weekend rota change to the sales managers now or wait until "
         "after the March plate change.", "the weekend rota change"),
        ("This is our last session, the programme finishes at the end of the month. Want to "
         "look back at what Geoff says at the all-staff on the 28th.", "the all-staff on the 28th"),
        ("Chloe to show Graham the incident map on her phone the way a customer would have seen "
         "it during the burst", "the incident map"),  # whose phone a title cannot show
        ("Read the night team rota on their noticeboard together before we start",
         "the night team rota"),
        ("Fiona presents the handle-time review to the exec committee on 3 March. She wants to "
         "test her three recommendations on Jordan first.", "the handle-time review"),
        # fresh3: "the push to", "this round Jamie's watch pattern", "the Civic Centre" (where
        # she would rather not meet), "the evening" (the Late, named before), "the keeper
        # briefing" (an example in brackets) and "the Phoenix site director said" before
        ("Martin is worried the push to get handovers under 45 minutes is making crews rush "
         "patients off the trolley.", "the push to get handovers under 45 minutes"),
        ("How do we fit this round Jamie's watch pattern (two days, two nights, four off), and "
         "would it be all right to use Teams?", "Jamie's watch pattern"),
        ("Agree how we'll work. Nadia would rather not meet at the Civic Centre, and she wants "
         "to know if the ranger rota will change.", "the ranger rota"),
        ("The first Museum Late for 18 to 30s is on Friday 23 April. Go through the evening as a "
         "visitor would.", "the first Museum Late for 18 to 30s"),
        ("Wrap-up. Look back at what changed (the keeper briefing, the primate house signs) and "
         "decide whether Dana keeps coming to the Monday keeper huddle once the program is over.",
         "the Monday keeper huddle"),
        ("At last week's ops review the Phoenix site director said, \"They quit because they "
         "can't handle a difficult caller.\" Doug didn't push back.", "the Phoenix site director"),
        # a relative clause's subject is no part of it (fresh4: "Session 6: The actual jobs she")
        ("Ellie has worked nights on both lines and Graham wants to go through the actual jobs "
         "she has seen come through - run lengths, set-up times.", "the actual jobs"),
        # someone's worry names what follows, not itself (fresh4: "our time on priya's main
        # worry going in")
        ("Priya's main worry going in: that the desk will think she reports back on them. Sort "
         "that out first.", "the desk"),  # (a person: ``PERSON``)
        # a spaced dash ends the phrase (fresh4 garden centre)
        ("Getting to know each other. And the houseplant wall at Hatfield - Tom reckons nobody "
         "under 30 looks at it twice.", "the houseplant wall at Hatfield"),
        # a phrase that refers back names nothing (fresh4: "Session 5: The day")
        ("Launch weekend at Meadow Rise is 17 April. Andrew wants to know what will actually "
         "happen on the day and what works.", ""),
        # two noun phrases run together: the first ("At the ops review the director said")
        ("At the ops review the Phoenix site director said nothing to anyone", "the ops review"),
    ],
)  # fmt: skip
def test_a_long_focus_names_what_it_is_about(focus, topic):
    assert long_focus_topic(focus) == topic


@pytest.mark.parametrize(
    "focus",
    [
        "Instagram stories and the taster day",  # short: a subject as it is
        "I want us to spend the whole session on how it all went for everyone so far",
        "Spend the whole session this time on whatever is most useful for both of us",
    ],
)
def test_a_short_focus_or_one_that_names_only_the_session_has_no_topic_here(focus):
    assert long_focus_topic(focus) == ""


def test_a_phrase_ends_with_its_clause_but_keeps_what_and_joins_to_it():
    assert clause_cut("the 8/6 roster before we've even started") == "the 8/6 roster"
    assert clause_cut("the on-call rota and who covers nights") == (
        "the on-call rota and who covers nights"
    )
    assert clause_cut("the staff roadshow and he is nervous") == "the staff roadshow"


def test_a_focus_works_through_a_thing_only_when_it_says_so():
    assert (
        focus_material(
            "Go through the anonymous replies from the question boxes together and pick three"
        )
        == "the anonymous replies from the question boxes"
    )
    assert (
        focus_material("Tomasz is nervous about the staff roadshow on 14 January next month") == ""
    )


@pytest.mark.parametrize(
    ("focus", "plain"),
    [
        ("the 5am briefing thing, again", "the 5am briefing"),
        ("feedback — again", "feedback"),
        ("rank stuff + fitting round her shift pattern", "rank + fitting round her shift pattern"),
        ("The thing is, nobody listens", "The thing is, nobody listens"),
        ("Age bias in our hiring process", "Age bias in our hiring process"),
    ],
)
def test_a_focus_written_as_a_note_loses_its_filler(focus, plain):
    assert plain_focus(focus) == plain
