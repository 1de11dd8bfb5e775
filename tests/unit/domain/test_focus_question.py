"""A focus's "what <first name> will <do>" clause, asked face to face."""

import pytest

from coach.domain.focus_question import base_verb, focus_question, question_block
from coach.domain.pair_profile import PairProfile

pytestmark = pytest.mark.unit


def pair(focus: str, phase: str = "") -> PairProfile:
    session = {"number": 6, "minutes": 45, "focus": focus, **({"phase": phase} if phase else {})}
    return PairProfile.model_validate({
        "id": "p", "session": session,
        "mentor": {"name": "Ana Silva"}, "mentee": {"name": "Thomas Reed"},
    })  # fmt: skip


@pytest.mark.parametrize(("focus", "question"), [
    ("Review what changed and agree what Thomas will sponsor next", "What will you sponsor next?"),
    ("Wrap-up: what sticks, what Thomas takes to his exec team, and feedback",
     "What will you take to your exec team?"),
    ("Agree what we carry on after the programme", "What will we carry on after the programme?"),
    ("What Ana pushes for next year", "What will you push for next year?"),
    ("Final session. Decide what Thomas actually takes to the board in February",
     "What will you actually take to the board in February?"),  # fresh-higher-education-01
    # "her" as the one asked is "you", not "your" (fresh4 recruitment: "ask your what")
    ("Sort out what Ana says at the huddle when people ask her what it's about",
     "What will you say at the huddle when people ask you what it's about?"),
    ("Agree what Ana tells her team", "What will you tell your team?"),
    # what one of them is doing, which the writer wants to hear (fresh4 farm cooperative)
    ("My final session with Thomas. I want to hear what he is actually taking to the AGM.",
     "What are you actually taking to the AGM?"),
])  # fmt: skip
def test_a_clause_about_one_of_the_pair_becomes_a_question(focus, question):
    assert focus_question(pair(focus)) == question


@pytest.mark.parametrize("focus", [
    "Kick-off: what does Thomas want from this?",  # a question already: no "what <name>"
    "Agree what the board decides next",  # not one of the pair
    "What Thomas's team needs from us",  # a possessive, not the person
    "Final session",
    "",
])  # fmt: skip
def test_no_question_without_a_clause_about_one_of_the_pair(focus):
    assert focus_question(pair(focus)) == ""


def test_base_verb():
    assert [base_verb(v) for v in ["takes", "carries", "pushes", "goes", "sponsor", "discuss"]] == [
        "take", "carry", "push", "go", "sponsor", "discuss"]  # fmt: skip


@pytest.mark.parametrize(("phase", "question"), [
    ("first", "Do you want the 8/6 roster to come into these sessions, and if so, how?"),
    ("closing", "What do we decide about the 8/6 roster before we finish?"),
    ("middle", ""),  # a middle session gives the focus a block of its own
])  # fmt: skip
def test_a_first_or_closing_focus_of_sentences_is_asked_about_what_it_names(phase, question):
    # (the closing form asks what happens to it only when the focus asks that: below)
    focus = "Thomas is worried this turns into complaints about the 8/6 roster before we start"
    assert focus_question(pair(focus, phase)) == question
    assert focus_question(pair("The 8/6 roster", phase)) == ""  # a short focus is its subject


def test_a_closing_focus_about_what_comes_after_asks_what_happens_to_it():
    focus = "Last one before the programme ends: what happens to the teen advisory group idea"
    assert focus_question(pair(focus + " once we stop meeting", "closing")) == (
        "What happens to the teen advisory group idea once we stop meeting?"
    )
    focus = "last one - wrap up. what goes in the board report + do we carry on in the new year"
    assert focus_question(pair(focus, "closing")) == (
        "What happens to the board report once we stop meeting?"  # "carry on": what comes after
    )


def test_a_first_session_does_not_ask_to_bring_a_person_into_the_sessions():
    focus = (
        "ground rules + how honest Ana can be without it getting back to his supervising partner"
    )
    asked = focus_question(pair(focus, "first"))
    assert asked == "What would you not want getting back to your supervising partner?"
    assert question_block(asked).search("What stays between us")
    rota = "Ground rules, and how we work around the rota with her manager"
    assert focus_question(pair(rota, "first")) == ""


def test_a_closing_focus_about_a_persons_things_is_not_asked_about_them():
    """The second fresh set: "What do we decide about his contacts before we finish?"; the
    focus gets a block of its own instead (``agenda_plan.needs_focus_item``)."""
    from coach.domain.agenda_plan import needs_focus_item

    focus = (
        "Thomas asked for 15 minutes on how Ana might use his contacts after this. She's "
        "thinking about applying for nursing."
    )
    assert focus_question(pair(focus, "closing")) == ""
    script = "What comes next and how we keep in touch: a clean end, light-touch contact"
    assert needs_focus_item(pair(focus, "closing"), script)


@pytest.mark.parametrize(("focus", "phase", "question"), [
    # the second fresh set: "What will you can?", "about what he's changing" to his face, and
    # "Do you want a union meeting to come into these sessions"
    ("Find a time, and agree what Thomas can and can't repeat to the duty managers.",
     "middle", ""),
    ("Thomas wants to agree what he tells the regional board about what he's changing.",
     "closing", "What will you tell the regional board about what you're changing?"),
    ('Thomas said he "doesn\'t want this to become a union meeting". Ana would like to agree '
     "what is in bounds.", "first", ""),
])  # fmt: skip
def test_a_focus_question_reads_as_said_to_the_person(focus, phase, question):
    assert focus_question(pair(focus, phase)) == question


@pytest.mark.parametrize(("focus", "question"), [
    ("Find a time after nights, and agree what Thomas can and can't repeat to the duty managers.",
     "What may be repeated to the duty managers, and what stays between us?"),
    ("Ana would like to agree what is in and out of bounds before anything else.",
     "What is in and out of bounds for what we say in here?"),
    # fresh3 council parks: who might be told, and no "What will we talk about?"
    ("Agree how we'll work. Ana wants to know if her team leader will be told what we talk "
     "about.", "What may be repeated to your team leader, and what stays between us?"),
])  # fmt: skip
def test_a_first_focus_about_boundaries_is_asked_where_the_boundaries_are_drawn(focus, question):
    """agenda-fresh2-1: the boundaries a first session's focus asks for were never named."""
    asked = focus_question(pair(focus, "first"))
    assert asked == question
    assert question_block(asked).search("What stays between us")
    assert focus_question(pair(focus, "middle")) != question


def test_a_first_focus_that_asks_for_the_boundaries_first_gets_them_first():
    from coach.domain.agenda_plan import script_items
    from coach.services.library import load_library

    repo = __import__("pathlib").Path(__file__).resolve().parents[3]
    script = next(s for s in load_library(repo / "library")[0].scripts if s.phase == "first")
    focus = "Ana would like to agree what is in and out of bounds before anything else."
    titles = [i.title for i in script_items(script, pair(focus, "first"))]
    assert titles[0] == "What stays between us"
    plain = [i.title for i in script_items(script, pair("Get to know each other", "first"))]
    assert plain[0] != "What stays between us"


@pytest.mark.parametrize(("focus", "question"), [
    ("Thomas works nights. Find a meeting time that isn't straight after a night shift, and "
     "agree what Ana can repeat to the duty managers.",
     "What time can we meet that isn't straight after a night shift?"),
    ("Agree a time when neither of us is on call", "What time can we meet when neither of us is "
     "on call?"),
    ("Find a time that works", ""),  # says nothing a rhythm block does not ask already
    ("Find a slot that fits round her shifts", ""),  # whose shifts, an agenda cannot say
])  # fmt: skip
def test_a_first_focus_that_asks_for_a_time_to_meet_is_asked_in_its_words(focus, question):
    """agenda-fresh2-1 (noticed since): a first focus's practical ask was never named."""
    from coach.domain.agenda_plan import script_items
    from coach.domain.focus_question import time_question
    from coach.services.library import load_library

    assert time_question(pair(focus, "first")) == question
    assert time_question(pair(focus, "middle")) == ""
    repo = __import__("pathlib").Path(__file__).resolve().parents[3]
    script = next(s for s in load_library(repo / "library")[0].scripts if s.phase == "first")
    asked = [p for i in script_items(script, pair(focus, "first")) for p in i.prompts]
    assert (question in asked) == bool(question)


def test_a_closing_focus_asks_the_junior_what_it_says_the_senior_will_ask():
    """fresh3 funeral services: "ask Maureen whether she'd speak at the next cohort's launch"
    was never asked (agenda-fresh3-1's reader)."""
    from pathlib import Path

    from coach.domain.agenda_plan import script_items
    from coach.domain.focus_question import junior_question
    from coach.services.library import load_library

    focus = "Our last one. I'd like to ask Ana whether she'd speak at the next cohort's launch."
    question = "Would you speak at the next cohort's launch?"
    assert junior_question(pair(focus, "closing")) == question
    assert junior_question(pair(focus, "middle")) == ""
    repo = Path(__file__).resolve().parents[3]
    script = next(s for s in load_library(repo / "library")[0].scripts if s.phase == "closing")
    items = script_items(script, pair(focus, "closing"))
    assert any(question in i.prompts and "next" in i.title.lower() for i in items)


def test_a_closing_focus_that_asks_its_own_questions_is_asked_them_as_written():
    """fresh4 toy maker: "What would Kayla tell the next executive …?" got "What do we decide
    about the next executive before we finish?" and the second question not at all."""
    from coach.domain.focus_question import script_questions

    focus = "What would Ana tell the next executive? And did the box idea go anywhere - honestly?"
    assert script_questions(pair(focus, "closing"))[:2] == [
        "Ana, what would you tell the next executive?",
        "What do you think: did the box idea go anywhere - honestly?",
    ]
