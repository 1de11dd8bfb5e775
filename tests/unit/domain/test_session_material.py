"""What an open action item made for the session, named as the thing a block works through."""

import pytest

from coach.domain.pair_profile import PairProfile
from coach.domain.session_material import made_for_session, material_of


@pytest.mark.parametrize(
    ("action", "thing"),
    [
        ("Build a comparison of our driver app versus two gig apps",
         "the comparison of our driver app versus two gig apps"),
        ("Bring three real councillor questions to work through",
         "the three real councillor questions"),  # not what it is for
        ("Draft a one-page summary of the top five return complaints",
         "the one-page summary of the top five return complaints"),
        ("Report back on the executive team's response to the usability sprint proposal",
         "the executive team's response to the usability sprint proposal"),
        ("Share feedback from the 'what went wrong' slot",
         "the feedback from the 'what went wrong' slot"),
        ("Write up the quiet-hour trial checklist", "the quiet-hour trial checklist"),
        ("Write the staggered breaks idea down on one page", "the staggered breaks idea"),
        ("Write down the questions juniors ask", "the questions juniors ask"),
        ("Bring it", ""),  # nothing named
        ("Prepare for the board meeting", ""),  # getting ready, nothing made
        ("Shadow a night-shift handover", ""),  # no made thing at all
        # the audit of 2026-12-07
        ("Bring this week's live chat transcripts", "this week's live chat transcripts"),
        ("Bring Amina's sketch", "Amina's sketch"),
        ("Bring in the shelf photos", "the shelf photos"),
        ("Pull out the complaints", "the complaints"),
        ("Draft an email to Sarah about the rota", "the email to Sarah about the rota"),
        ("Build a habit of giving feedback to team leads every Friday", ""),  # no thing
        ("Build trust with the night shift", ""),
        ("Bring a colleague from finance", ""),  # a person
        ("Bring the laptop", ""),  # a device
        # the second audit: the head noun decides, a name or a meeting is no thing, a short
        # thing is one, and what is brought goes without its recipient
        ("Bring the team survey results", "the team survey results"),
        ("Build a relationship map of our suppliers", "the relationship map of our suppliers"),
        ("Bring screenshots", "the screenshots"),
        ("Bring in a guest speaker", ""),
        ("Bring along Sam from payroll", ""),
        ("Bring forward the meeting", ""),
        ("Bring the draft to Tom", "the draft"),
        ("Bring Q3 figures", "the Q3 figures"),
        # a "to" that is no purpose or recipient stays (the first audit)
        ("Bring two examples of questions juniors were afraid to ask",
         "the two examples of questions juniors were afraid to ask"),
        ("Bring the figures to Friday's session", "the figures"),
    ],
)  # fmt: skip
def test_the_thing_an_action_made_is_named_after_its_verb(action, thing):
    assert material_of(action) == thing


def test_only_a_middle_session_works_through_what_was_made():
    pair = PairProfile.model_validate({
        "id": "p", "mentor": {"name": "Ana Lee", "role": "Analyst"},
        "mentee": {"name": "Bo Kim", "role": "COO"},
        "goals": [{"id": "g1", "text": "Understand returns"}],
        "session": {"number": 3}, "history": [],
        "open_action_items": [{"text": "Draft a one-page summary of returns", "owner": "mentor"},
                              {"text": "Shadow a night shift", "owner": "mentee"}],
    })  # fmt: skip
    assert [a.text for a in made_for_session(pair, "middle")] == [
        "Draft a one-page summary of returns"
    ]
    assert made_for_session(pair, "closing") == [] and made_for_session(pair, "first") == []


def test_a_made_thing_is_tried_decided_on_or_walked_through_as_it_asks():
    from coach.domain.session_material import way_through

    assert way_through("the three real councillor questions") == "seg-material-try-it-for-real"
    assert way_through("the plan for a one-off taster day") == "seg-material-to-a-decision"
    assert way_through("the comparison of our app versus two gig apps") == (
        "seg-material-walk-through"
    )
    assert way_through("the next steps for the pilot") == "seg-material-walk-through"
    # by what the thing is, not a word in it (the second audit)
    assert way_through("the two examples of questions juniors were afraid to ask") == (
        "seg-material-walk-through"
    )


def test_whoever_made_the_thing_brings_it_and_the_other_keeps_the_patterns_line():
    """agenda-19: "The comparison … if you made it" was listed for the one who had not."""
    from coach.domain.library import SegmentPattern
    from coach.domain.pair_profile import OpenAction
    from coach.domain.session_material import brought

    segment = SegmentPattern.model_validate({
        "id": "seg-material-x", "name": "Working through it", "purpose": "Work through {subject}.",
        "minutes": [10, 20], "mentor_brings": "one question you expect it to leave open",
        "mentee_brings": "the decision of yours it could change", "steps": ["Do it"],
        "question": "What surprised you?", "goal_types": ["any"], "fits": ["material"],
        "phases": ["middle"], "takes": "topic",
    })  # fmt: skip
    thing = "the one-page summary of returns"
    mine = brought(segment, OpenAction(text="Draft a one-page summary of returns", owner="mentor"),
                   thing)  # fmt: skip
    assert mine.mentor_brings.startswith(thing) and mine.mentee_brings == segment.mentee_brings
    # agenda-20: "Working through what was brought" and "whoever made it" read as pasted in
    named = segment.model_copy(update={
        "name": "Working through {subject}",
        "purpose": "Whoever made it aside, whoever made it says what it shows; the other says why.",
    })  # fmt: skip
    made = brought(named, OpenAction(text="x", owner="mentor"), thing)
    assert made.name == "Working through the one-page summary"
    assert (
        made.purpose == "Whoever made it aside, the mentor says what it shows; the mentee says why."
    )
    together = brought(named, OpenAction(text="x", owner="both"), thing).purpose
    assert together == "Whoever made it aside, one of them says what it shows; the other says why."
    theirs = brought(segment, OpenAction(text="x", owner="mentee"), thing)
    assert theirs.mentee_brings.startswith(thing) and theirs.mentor_brings == segment.mentor_brings
    both = brought(segment, OpenAction(text="x", owner="both"), thing)
    assert (
        both.mentor_brings == both.mentee_brings == f"{thing}, ready to share on screen or on paper"
    )
    # the device a block runs on stays with its maker (the audit: nobody brought the system)
    tried = segment.model_copy(update={"mentor_brings": "the real service open on your phone"})
    kit = brought(tried, OpenAction(text="x", owner="mentor"), thing).mentor_brings
    assert kit.startswith(thing) and kit.endswith("the real service open on your phone")


@pytest.mark.parametrize(
    ("action", "thing"),
    [
        ("Take photos of the shelf-edge labels in two stores",
         "the photos of the shelf-edge labels in two stores"),
        ("Take three screenshots of the checkout errors",
         "the three screenshots of the checkout errors"),
        ("Sketch a swap-shift flow for the app", "the swap-shift flow for the app"),
        ("Make a short video of the onboarding", "the short video of the onboarding"),
        ("Find two real customer quotes about returns",
         "the two real customer quotes about returns"),
        ("List the top ten complaints", "the top ten complaints"),
        ("Take the team to lunch", ""),  # no picture taken
        ("Take a day off", ""),
        ("Make time for the team", ""),
        ("Find time to talk", ""),
        ("Find a mentor", ""),
        ("Record the meeting", ""),
        # the audit of 2026-12-07: what was made of the thing named, one task only
        ("Make sure the summary of return complaints goes to Helen", ""),
        ("Take photos of the returns desk and send them to Helen",
         "the photos of the returns desk"),
        ("Bring cans of the three beers that sell best and say why they sell",
         "the cans of the three beers that sell best"),  # fresh3 brewery
        ("Photograph the damaged stock before it goes back", "the photos of the damaged stock"),
        ("Photograph plant-based milk shelves in two supermarkets",
         "the photos of plant-based milk shelves in two supermarkets"),  # agenda-heldout-6
        ("Sketch the current process and ask two colleagues what's missing",
         "the sketch of the current process"),
        ("Map the stakeholders for the merger", "the map of the stakeholders for the merger"),
        ("Film yourself giving the briefing", ""),
        ("Gather round for the huddle", ""),
        ("Gather feedback from the team", "the feedback from the team"),
        ("Find a way to post stories more often", ""),
        ("List of questions for the board", "the list of questions for the board"),
        ("Make the rota table fairer for part-timers", ""),
        ("Take the photos to the team meeting", "the photos"),
    ],
)  # fmt: skip
def test_a_picture_a_sketch_or_a_list_is_a_made_thing_too(action, thing):
    """agenda-heldout-5: shelf photos, screenshots and a swap-shift sketch used only in the
    review."""
    assert material_of(action) == thing
