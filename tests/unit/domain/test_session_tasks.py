"""What an open action item had someone do or try, and the question that takes it up."""

import pytest

from coach.domain.pair_profile import OpenAction, PairProfile
from coach.domain.session_tasks import (
    doing,
    noticed_question,
    taken_up_in,
    tried,
    tried_for_session,
)


@pytest.mark.parametrize(
    ("action", "taken"),
    [
        ("Read 20 live chat transcripts tagged 'returns'", True),
        ("Sit in on two onboarding calls with clients over 55", True),
        ("Download a neobank app and try it for a month", True),
        ("Post three stories from the Saturday food hub", True),
        ("Post the anonymous overtime poll in the QA channel", True),  # its answers (fresh)
        ("Post the minutes", False),
        ("Ask five apprentices what they would change", True),  # people asked
        ("Ask the safety manager whether apprentices can film clips", False),  # one answer
        ("Draft a one-page summary of the top five return complaints", False),  # a made thing
        ("Read my notes from the board", False),  # speaks as its owner
        ("Confirm the date for the new changing room works", False),
        ("Shadow a night-shift handover", False),  # a debrief pattern's
        # the audit of 2026-12-07: admin is nothing to notice from, one person is no people
        ("Follow up with Sam about the budget sign-off", False),
        ("Follow five creators in our category", True),
        ("Follow the escalation procedure next time", False),
        ("Post the minutes on SharePoint", False),
        ("Hold the date for the away day", False),
        ("Hold skip-level chats with three engineers over 40", True),
        ("Test the fire alarm on Monday", False),
        ("Test whether customers notice the new price labels", True),
        ("Attend to the backlog of overdue appraisals", False),
        ("Use up annual leave before March", False),
        ("Read out the new values at the team briefing", False),
        ("Post-mortem on the failed release", False),
        ("Try it for a week", False),  # named elsewhere
        ("Try shadowing the duty manager", False),
        ("Ask the team leader whether the overtime budget is signed off", False),
        ("Ask the staff nurse on Ward 7 about the bank shifts", False),
        ("Ask the ward sisters what they think of e-rostering", True),
        ("Ask around the newsroom about the new CMS", True),
        ("Read Part I of the employee handbook", True),
    ],
)  # fmt: skip
def test_a_task_to_notice_from_is_one_that_had_someone_read_watch_try_or_ask(action, taken):
    assert tried(action) is taken


@pytest.mark.parametrize(
    ("action", "done"),
    [
        ("Read 20 live chat transcripts tagged 'returns'",
         "reading 20 live chat transcripts tagged 'returns'"),
        ("Sit in on two onboarding calls", "sitting in on two onboarding calls"),
        ("Download a neobank app and try it for a month",
         "downloading a neobank app and trying it for a month"),
        ("Follow five creators in our category and note what they recommend",
         "following five creators in our category and noting what they recommend"),
        # what the question asks for is left out
        ("Watch one week of the newsroom's own TikTok output and give feedback",
         "watching one week of the newsroom's own TikTok output"),
        ("Use Copilot for a week.", "using Copilot for a week"),
        # the audit: an "and" between nouns stays, dates and asides go, one task only
        ("Read the terms and conditions for the new supplier contract",
         "reading the terms and conditions for the new supplier contract"),
        ("Ask nurses and HCAs what slows down discharge",
         "asking nurses and HCAs what slows down discharge"),
        ("Read the policy and note gaps and give feedback to Sam",
         "reading the policy and noting gaps"),
        ("Read chapter 3 of 'Thinking, Fast and Slow'",
         "reading chapter 3 of 'Thinking, Fast and Slow'"),
        ("Try and delegate one task a week", "trying to delegate one task a week"),
        ("Read the policy by Friday", "reading the policy"),
        ('Read "Radical Candor."', 'reading "Radical Candor"'),
        ("Read the policy. Flag anything unclear.", "reading the policy"),
        ("Read (or skim) the annual report", "reading the annual report"),
        ("Download the app, try it, and post a review", "downloading the app and trying it"),
        ("Scroll through our Instagram comments", "scrolling through our Instagram comments"),
        ("Trial a 15-minute daily stand-up", "trialling a 15-minute daily stand-up"),
    ],
)  # fmt: skip
def test_a_task_reads_as_what_its_owner_did(action, done):
    assert doing(action) == done


def pair(actions, phase="middle"):
    return PairProfile.model_validate({
        "id": "p", "mentor": {"name": "Ana Lee", "role": "Analyst"},
        "mentee": {"name": "Bo Kim", "role": "COO"},
        "goals": [{"id": "g1", "text": "Understand returns"}],
        "session": {"number": 3, "phase": phase},
        "open_action_items": actions,
    })  # fmt: skip


def test_the_question_goes_to_whoever_did_it():
    read = {"text": "Read 20 transcripts", "owner": "mentee"}
    both = {"text": "Try the app for a week", "owner": "both"}
    profile = pair([read, both])
    one, two = profile.open_action_items
    assert (
        noticed_question(profile, one)
        == "Bo, what have you noticed so far from reading 20 transcripts?"
    )
    assert noticed_question(profile, two).startswith("What have we each noticed so far from trying")
    assert tried_for_session(profile, "middle") == [one, two]
    ours = pair([{"text": "Ask your team for feedback on the huddle", "owner": "both"}])
    assert "from asking our team" in noticed_question(ours, ours.open_action_items[0])
    assert tried_for_session(pair([read], "first"), "first") == []


def test_each_task_goes_to_its_closest_block_and_each_block_takes_one():
    a, b, c = (OpenAction(text=t) for t in ("Read transcripts", "Watch TikTok", "Post stories"))
    texts = ["returns goal", "news goal", "goal without a block"]
    blocks = texts[:2]
    close = [
        [0.6, 0.2, 0.1],  # a: the returns block
        [0.5, 0.4, 0.0],  # b: also the returns block, but a is closer there
        [0.4, 0.1, 0.7],
    ]  # c: much closer to the goal without a block
    assert taken_up_in([a, b, c], texts, blocks, close) == {"returns goal": a}
    assert taken_up_in([b], texts, blocks, [[0.5, 0.4, 0.0]]) == {"returns goal": b}
    assert taken_up_in([a], texts, blocks, [[0.25, 0.2, 0.1]]) == {}  # about nothing here
