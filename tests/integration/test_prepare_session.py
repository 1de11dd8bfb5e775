"""Prepare session, through the API: the length comes from the planned session, and an agenda
stays with the pair it was prepared for."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client

from tests.app_support import MENTOR, PASSWORD, RunningApp, running_app

pytestmark = [pytest.mark.integration,
              pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")]  # fmt: skip


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> RunningApp:
    with running_app(tmp_path_factory.mktemp("prepare")) as running:
        yield running


def test_a_planned_session_sets_the_length_and_an_agenda_stays_with_its_pair(app):
    mentor = Client(app.url, auth=(MENTOR, PASSWORD), verbose=False)
    from datetime import UTC, datetime, timedelta

    from coach.services.access import OPERATOR

    app.services.users.add(OPERATOR, "second.mentee", "participant", PASSWORD, "Second Mentee")
    program = app.services.programs.list(OPERATOR)[0].name
    new = app.services.pairs.add(OPERATOR, MENTOR, "second.mentee", program).pair.id
    when = datetime.now(UTC) + timedelta(days=3)
    app.services.sessions.schedule(app.services.users.signed_in(MENTOR), new, when, 60)
    minutes, note, *_cleared = mentor.predict(new, api_name="/session_length")
    assert minutes == 60 and "from planned session 1" in note
    out = mentor.predict(new, None, "", api_name="/prepare_session")
    assert "60 minutes" in out[0], "a blank length takes the planned session's"
    ics = Path(next(f for f in out[5] if f.endswith(".ics"))).read_text()
    start, end = when.strftime("%Y%m%dT%H%M%SZ"), (when + timedelta(minutes=60))
    assert f"DTSTART:{start}" in ics and f"DTEND:{end.strftime('%Y%m%dT%H%M%SZ')}" in ics
    old = app.services.pairs.list(app.services.users.signed_in(MENTOR))[0].pair.id
    assert old != new
    with pytest.raises(Exception, match="prepared for another pair"):
        mentor.predict(old, api_name="/save_agenda")
    assert "Saved (60 minutes" in mentor.predict(new, api_name="/save_agenda")
