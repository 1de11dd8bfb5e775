"""The safety pulse through the web app's API (gradio_client, demo program, real sign-in).

No endpoint returns a pulse answer to anyone but its author; the lead's trend shows no figure
until at least COACH_MIN_GROUP pairs answered; only a pair's members mark its sessions held and
answer; a check-in request reaches the lead with a name and a pair, and no answer.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from coach.domain.pulse import PulseAnswer
from coach.services.access import OPERATOR
from tests.app_support import ADMIN, LEAD, MENTEE, MENTOR, OUTSIDER, PASSWORD, running_app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]
# Endpoints that change something, or run for long, are left out of the sweep by name.
SIDE_EFFECTS = ("delet", "reindex", "send", "notify", "import", "reset", "request")
# Endpoints that read a pair: called with the mentor's pair by everybody.
PAIR_READS = ("/pulse_form", "/pair_overview", "/plan", "/my_reflections", "/my_summaries")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("ui-pulse")) as running:
        with running.services.store.transaction() as tx:  # start from no answers at all
            for answer in tx.find(PulseAnswer):
                tx.delete(PulseAnswer, answer.id)
        yield running


def client(app, name: str) -> Client:
    return Client(app.url, auth=(name, PASSWORD), verbose=False)


def pairs_with_mentors(app) -> list[tuple[str, str]]:
    """(pair id, mentor username) for every demo pair, the demo mentor's first."""
    users = {u.id: u.username for u in app.services.users.list(OPERATOR)}
    found = [(c.pair.id, users[c.pair.mentor_id]) for c in app.services.pairs.list(OPERATOR)]
    return sorted(found, key=lambda p: p[1] != MENTOR)


def answer_as_mentor(app, pair_id: str, mentor: str, scores=(4, 4, 4), note: str = "") -> str:
    """Schedule a session an hour ago (services), then mark it held and answer through the API."""
    who = app.services.users.signed_in(mentor)
    session = app.services.sessions.schedule(who, pair_id, datetime.now(UTC) - timedelta(hours=1))
    api = client(app, mentor)
    *_, status = api.predict(pair_id, session.id, api_name="/mark_held")
    assert "Marked session" in status
    *_, status = api.predict(pair_id, session.id, *scores, note, api_name="/answer_pulse")
    assert "Only you can see it" in status
    return session.id


def texts_of(result) -> str:
    """A result as text, with the content of any file it names (downloads)."""
    text = json.dumps(result, default=str)
    for item in result if isinstance(result, list | tuple) else [result]:
        if isinstance(item, str) and names_a_file(item):
            text += Path(item).read_text(encoding="utf-8", errors="ignore")
    return text


def names_a_file(text: str) -> bool:
    """Whether ``text`` is the path of a file (a Markdown answer is not: it can be longer than
    a file name may be, which the operating system refuses to look up)."""
    if "\n" in text or len(text) > 500:
        return False
    try:
        return Path(text).is_file()
    except OSError:
        return False


def sweep(app, name: str, pair_id: str) -> str:
    """Everything ``name`` can read: every named endpoint without inputs (bar those that change
    something) and the pair-reading ones with ``pair_id``; refused calls add nothing."""
    api = client(app, name)
    endpoints = api.view_api(return_format="dict", print_info=False)["named_endpoints"]
    seen = []
    for endpoint, info in endpoints.items():
        if any(word in endpoint for word in SIDE_EFFECTS):
            continue
        if not info["parameters"]:
            args = ()
        elif endpoint in PAIR_READS:
            args = (pair_id,)
        else:
            continue
        with contextlib.suppress(AppError):  # refused: nothing seen
            seen.append(texts_of(api.predict(*args, api_name=endpoint)))
    return "\n".join(seen)


def test_with_fewer_pairs_than_the_minimum_the_lead_sees_no_pulse_figure(app):
    lead = client(app, LEAD)
    pairs = pairs_with_mentors(app)
    for pair_id, mentor in pairs[:2]:
        answer_as_mentor(app, pair_id, mentor, (1, 2, 3))
    text, table, plot = lead.predict(api_name="/pulse_trend")
    assert text.startswith("Not enough pairs have answered yet") and "at least 3 pairs" in text
    assert table["data"] == [] and plot["data"] == []
    pair_id, mentor = pairs[2]
    answer_as_mentor(app, pair_id, mentor, (4, 5, 3))
    text, table, plot = lead.predict(api_name="/pulse_trend")
    assert "each pooled from at least 3 pairs" in text
    rows = [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]
    assert rows and {r["side"] for r in rows} == {"mentor"}, "no mentee answered"
    assert {r["pairs"] for r in rows} == {3} and plot["data"]
    means = {r["question"]: r["mean"] for r in rows}
    assert sorted(means.values()) == pytest.approx([2.0, 3.0, 3.0])


def test_no_endpoint_returns_an_answer_to_anyone_but_its_author(app):
    pair_id, mentor = pairs_with_mentors(app)[0]
    assert mentor == MENTOR
    note = f"canary-pulse-{uuid.uuid4().hex[:10]}"
    answer_as_mentor(app, pair_id, MENTOR, (5, 1, 5), f"I could not say {note} to him")
    client(app, MENTOR).predict(pair_id, api_name="/ask_checkin")
    for name in (MENTEE, LEAD, ADMIN, OUTSIDER):
        assert note not in sweep(app, name, pair_id), name
    # The author gets it back (their own-data download), so the sweep can see a note.
    assert note in texts_of(client(app, MENTOR).predict(api_name="/my_data"))


def test_only_members_mark_sessions_held_and_answer(app):
    pair_id, _mentor = pairs_with_mentors(app)[0]
    mentor = app.services.users.signed_in(MENTOR)
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    session = app.services.sessions.schedule(mentor, pair_id, an_hour_ago)
    for name in (OUTSIDER, LEAD, ADMIN):
        calls = (((pair_id, session.id), "/mark_held"),
                 ((pair_id, session.id, 3, 3, 3, ""), "/answer_pulse"),
                 ((pair_id,), "/ask_checkin"), ((pair_id,), "/pulse_form"))  # fmt: skip
        for args, endpoint in calls:
            with pytest.raises(AppError, match="Permission denied"):
                client(app, name).predict(*args, api_name=endpoint)
    with pytest.raises(AppError, match="marked held"):
        client(app, MENTOR).predict(pair_id, session.id, 3, 3, 3, "", api_name="/answer_pulse")
    for name in (MENTOR, MENTEE, OUTSIDER):
        with pytest.raises(AppError, match="Permission denied"):
            client(app, name).predict(api_name="/pulse_trend")
    for name in (MENTOR, ADMIN):
        with pytest.raises(AppError, match="Permission denied"):
            client(app, name).predict(api_name="/checkin_requests")


def test_a_checkin_reaches_the_lead_with_a_name_and_a_pair_only(app):
    pair_id, _mentor = pairs_with_mentors(app)[0]
    sent = client(app, MENTEE).predict(pair_id, api_name="/ask_checkin")
    assert "Harold Brandt" in sent and "no pulse answer" in sent
    lead = client(app, LEAD)
    table = lead.predict(api_name="/checkin_requests")
    rows = [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]
    mine = next(r for r in rows if r["asked by"] == "Harold Brandt")
    assert mine["pair"] == "Priya Nair & Harold Brandt" and mine["handled on"] == ""
    assert set(table["headers"]) == {"asked by", "pair", "program", "asked on", "handled on", "id"}
    message, after = lead.predict(mine["id"], api_name="/mark_checkin_handled")
    assert "Harold Brandt" in message
    handled = [row[4] != "" for row in after["data"]]
    assert handled == sorted(handled), "open requests first"
    assert next(row[4] for row in after["data"] if row[-1] == mine["id"]), "now handled"
