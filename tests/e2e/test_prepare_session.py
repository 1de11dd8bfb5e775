"""Prepare session in chromium: the planned session's length, and an agenda that stays with
the pair it was prepared for."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from coach.services.access import OPERATOR
from tests.app_support import MENTOR, PASSWORD, RunningApp, running_app
from tests.e2e.test_roles import pick, see

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    """Its own app: this module adds a pair, which the role tests would count."""
    with running_app(tmp_path_factory.mktemp("e2e-prepare")) as running:
        services = running.services
        services.users.add(OPERATOR, "nadia.new", "participant", PASSWORD, "Nadia New")
        program = services.programs.list(OPERATOR)[0].name
        pair = services.pairs.add(OPERATOR, MENTOR, "nadia.new", program).pair.id
        mentor = services.users.signed_in(MENTOR)
        services.sessions.schedule(mentor, pair, datetime.now(UTC) + timedelta(days=2), 60)
        yield running


def test_a_planned_60_minute_session_prepares_60_minutes_and_stays_with_its_pair(signed_in):
    page = signed_in(MENTOR)
    pick(page, "Pair you mentor", "Nadia New")
    see(page.locator("#prepare-length"), "60 minutes, from planned session 1")
    assert page.locator("#prepare-minutes input").input_value() == "60"
    page.locator("#prepare-button").click()
    see(page.locator("#agenda-view"), "60 minutes")
    pick(page, "Pair you mentor", "Harold Brandt")
    see(page.locator("#agenda-view"), "Pick a pair and press")  # the other pair's plan is gone
    page.locator("#save-agenda").click()
    see(page.locator("body"), "Prepare an agenda first")
