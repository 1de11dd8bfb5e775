"""The lead's "Outcomes" section and the member's panel heading, from the service's objects."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from coach.domain.outcome_change import paired_changes
from coach.domain.outcomes import ITEMS, OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Side
from coach.services.outcomes import OpenAssessment, ProgramOutcomes
from coach.ui.outcomes import form_heading, outcomes_markdown

pytestmark = pytest.mark.unit

AT = datetime(2026, 3, 2, 9, tzinfo=UTC)


def answers(pairs: int, side: Side, start: int, later: int) -> list[SelfAssessment]:
    """Every person on ``side`` of ``pairs`` pairs answered the start and the end."""
    made = []
    for p in range(pairs):
        for checkpoint, score in ((OutcomeCheckpoint.START, start), (OutcomeCheckpoint.END, later)):
            made.append(SelfAssessment(f"sa{p}{side}{checkpoint}", "prg", f"pair{p}", f"u{p}{side}",
                                       side, checkpoint, (score,) * 7, AT))  # fmt: skip
    return made


def program(found: list[SelfAssessment], min_group: int = 3) -> ProgramOutcomes:
    return ProgramOutcomes("prg", "Pilot", paired_changes(found, min_group))


def test_below_the_minimum_each_side_says_why_and_shows_no_figure():
    text = outcomes_markdown([program(answers(2, Side.MENTOR, 3, 4) +
                                      answers(1, Side.MENTEE, 2, 5))], 3)  # fmt: skip
    assert text.count("Not enough people have answered both times yet (at least 3 pairs") == 2
    assert "n = " not in text and "points" not in text and "→" not in text
    assert "2 figure(s) held back" in text


def test_a_side_over_the_minimum_shows_its_change_interval_and_items():
    text = outcomes_markdown([program(answers(3, Side.MENTEE, 3, 4) +
                                      answers(2, Side.MENTOR, 3, 5))], 3)  # fmt: skip
    mentors, mentees = text.split("**Mentors:**")[1].split("**Mentees:**")
    assert "Not enough people" in mentors and "points" not in mentors
    assert "start to end: **+7.0 points** (95% interval +7.0 to +7.0), n = 3 people" in mentees
    assert "mean total 21.0 → 28.0 (of 35)" in mentees
    assert "I welcome being challenged by someone more junior than me\\." in mentees
    assert "Pilot" not in text, "one program needs no name"


def test_several_programs_are_named_and_none_is_said():
    empty = ProgramOutcomes("p2", "Cohort *2*", paired_changes([], 3))
    two = [program(answers(3, Side.MENTOR, 2, 3)), empty]
    text = outcomes_markdown(two, 3)
    assert "**Pilot**" in text and "Cohort \\*2\\*" in text
    assert "No program yet." in outcomes_markdown([], 3)


def test_the_members_heading_names_the_moment_the_deadline_and_the_minimum():
    found = OpenAssessment("pair", "Pilot", Side.MENTOR, OutcomeCheckpoint.MIDPOINT,
                           ITEMS[Side.MENTOR], date(2026, 6, 15), None)  # fmt: skip
    heading = form_heading(found, 4)
    assert "How you see yourself now (mid-point of the program)" in heading
    assert "until 15 Jun 2026" in heading and "at least 4 pairs" in heading
    assert "program's mentors" in heading and "You answered" not in heading
    answered = SelfAssessment("sa", "prg", "pair", "u", Side.MENTOR, OutcomeCheckpoint.MIDPOINT,
                              (3,) * 7, AT)  # fmt: skip
    again = form_heading(replace(found, mine=answered), 4)
    assert "You answered on 2 Mar 2026; you can change your answers until 15 Jun 2026." in again
