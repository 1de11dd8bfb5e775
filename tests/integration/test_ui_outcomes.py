"""Self-assessments through the web app (demo program, real store and sign-in): a member answers
the open checkpoint, nobody else reads the answers, and the lead's "Outcomes" section shows no
figure over fewer pairs than the minimum.

The demo program started 98 days ago and ends in 84: its mid-point window is open today.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from coach.domain.common import new_id
from coach.domain.outcomes import OutcomeCheckpoint, SelfAssessment
from coach.domain.pairs import Pair
from coach.domain.programs import Program
from coach.domain.users import User
from tests.app_support import LEAD, MENTEE, MENTOR, PASSWORD, running_app

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")

START = (2, 2, 2, 2, 2, 2, 2)
MID = (3, 4, 3, 4, 3, 4, 3)  # +10 on the total


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("ui-outcomes")) as running:
        with running.services.store.transaction() as tx:  # whatever the demo answered
            for answer in tx.find(SelfAssessment):
                tx.delete(SelfAssessment, answer.id)
        yield running


def mentee_pairs(app) -> list[tuple[Pair, User]]:
    """Every demo pair with its mentee, MENTEE's pair first."""
    with app.services.store.transaction(write=False) as tx:
        found = [(p, tx.get(User, p.mentee_id)) for p in tx.find(Pair)]
    return sorted(found, key=lambda f: f[1].username != MENTEE)


def answered_the_start(app, pair: Pair, user: User) -> None:
    """A start answer given back when the start window was open."""
    with app.services.store.transaction() as tx:
        program = tx.get(Program, pair.program_id)
        at = datetime.combine(program.start_date, time(12), UTC)
        tx.insert(SelfAssessment(new_id("sas"), program.id, pair.id, user.id, user_side(pair),
                                 OutcomeCheckpoint.START, START, at))  # fmt: skip


def read_form(outputs: tuple) -> tuple[str, list, str]:
    """The panel's heading, the seven radios' values and the status line (the client leaves
    out the panel's own visibility)."""
    heading, *radios, status = outputs
    values = [r["value"] if isinstance(r, dict) else r for r in radios]
    assert len(values) == 7, outputs
    return heading, values, status


def user_side(pair: Pair):
    return pair.side_of(pair.mentee_id)


def test_a_member_answers_and_the_lead_sees_no_figure_below_the_minimum(app):
    pairs = mentee_pairs(app)
    lead = Client(app.url, auth=(LEAD, PASSWORD), verbose=False)
    mentee = Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
    (pair, me), rest = pairs[0], pairs[1:]
    heading, values, _ = read_form(mentee.predict(pair.id, api_name="/self_assessment"))
    assert "mid-point of the program" in heading and "at least 3 pairs" in heading
    assert values == [None] * 7
    answered_the_start(app, pair, me)
    _, values, status = read_form(mentee.predict(pair.id, *MID, api_name="/answer_self_assessment"))
    assert values == list(MID) and "Only you can see" in status
    for other_pair, other in rest[:1]:  # a second pair: still below the minimum of 3
        answered_the_start(app, other_pair, other)
        app.services.outcomes.answer(other, other_pair.id, MID)
    shown = lead.predict(api_name="/program_outcomes")
    assert shown.count("Not enough people have answered both times yet (at least 3 pairs") == 2
    assert "interval" not in shown.split("Mentees:**")[1] and "n = " not in shown
    for other_pair, other in rest[1:2]:  # the third pair: the mentees' change may show
        answered_the_start(app, other_pair, other)
        app.services.outcomes.answer(other, other_pair.id, MID)
    shown = lead.predict(api_name="/program_outcomes")
    mentors, mentees = shown.split("**Mentors:**")[1].split("**Mentees:**")
    assert "Not enough people" in mentors and "n = " not in mentors
    assert "start to mid-point: **+10.0 points**" in mentees and "n = 3 people" in mentees
    assert "95% interval" in mentees


def test_nobody_else_reads_a_members_answers_through_the_app(app):
    pair, _me = mentee_pairs(app)[0]
    mentee = Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
    mentee.predict(pair.id, *MID, api_name="/answer_self_assessment")
    partner = Client(app.url, auth=(MENTOR, PASSWORD), verbose=False)
    heading, values, _ = read_form(partner.predict(pair.id, api_name="/self_assessment"))
    assert values == [None] * 7, "the partner sees only their own"
    assert "program's mentors" in heading
    lead = Client(app.url, auth=(LEAD, PASSWORD), verbose=False)
    with pytest.raises(AppError):
        lead.predict(pair.id, api_name="/self_assessment")
    with pytest.raises(AppError):
        lead.predict(pair.id, *MID, api_name="/answer_self_assessment")
    with pytest.raises(AppError):
        partner.predict(api_name="/program_outcomes")
