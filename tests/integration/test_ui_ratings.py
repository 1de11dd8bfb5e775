"""Ratings through the web app's API (gradio_client, demo program, real sign-in).

A mentor rates the agenda on screen and the chat's latest answer; rating again replaces the
earlier rating; bad input gets a readable error and stores nothing; an outsider cannot rate the
pair's agenda; only an admin reads the counts, and they name nobody.
"""

from __future__ import annotations

import pytest
from gradio_client import Client
from gradio_client.exceptions import AppError

from coach.domain.artifact_kind import ArtifactKind
from coach.domain.ratings import Rating, answer_key
from coach.services.access import OPERATOR
from tests.app_support import ADMIN, LEAD, MENTOR, OUTSIDER, PASSWORD, running_app
from tests.artifact_samples import AGENDA

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("ui-ratings")) as running:
        yield running


def client(app, name: str) -> Client:
    return Client(app.url, auth=(name, PASSWORD), verbose=False)


def ratings(app) -> list[Rating]:
    with app.services.store.transaction(write=False) as tx:
        return tx.find(Rating)


def said(role: str, text: str) -> dict:
    """A chat message as the Chatbot sends it (Gradio 6: content is a list of parts)."""
    return {"role": role, "content": [{"type": "text", "text": text}]}


def mentor_pair(app) -> str:
    mentor = app.services.users.signed_in(MENTOR)
    return next(c.pair.id for c in app.services.pairs.list(mentor) if c.pair.mentor_id == mentor.id)


def test_a_mentor_rates_the_agenda_on_screen_and_rating_again_replaces_it(app):
    pair_id = mentor_pair(app)
    mentor = app.services.users.signed_in(MENTOR)
    kept = app.services.artifacts.save(mentor, pair_id, ArtifactKind.AGENDA, AGENDA)
    api = client(app, MENTOR)
    api.predict(pair_id, api_name="/session_length")  # picking the pair shows its agenda
    status = api.predict(pair_id, "  too long for 45 minutes ", api_name="/rate_agenda_not_helpful")
    assert status == "Thanks: you rated this agenda not helpful with your reason."
    status = api.predict(pair_id, "", api_name="/rate_agenda_helpful")
    assert status == "Thanks: you rated this agenda helpful."
    mine = [r for r in ratings(app) if r.target_id == kept.id]
    assert [(r.kind, r.helpful, r.reason, r.pair_id) for r in mine] == [
        ("agenda", True, "", pair_id)]  # fmt: skip


def test_rating_with_nothing_prepared_or_a_long_reason_says_why_and_stores_nothing(app):
    before = ratings(app)
    pair_id = mentor_pair(app)
    with pytest.raises(AppError, match="Prepare the starters first"):
        client(app, MENTOR).predict(pair_id, "", api_name="/rate_starters_helpful")
    api = client(app, MENTOR)
    api.predict(pair_id, api_name="/session_length")
    with pytest.raises(AppError, match="at most 500 characters"):
        api.predict(pair_id, "x" * 501, api_name="/rate_agenda_helpful")
    with pytest.raises(AppError, match="Ask the coach something first"):
        api.predict(pair_id, [], "", api_name="/rate_answer_helpful")
    assert ratings(app) == before


def test_the_latest_chat_answer_is_rated_by_its_text(app):
    pair_id = mentor_pair(app)
    history = [
        said("user", "How do I open?"),
        said("assistant", "An older answer."),
        said("user", "And then?"),
        said("assistant", "Agree ground rules first."),
    ]
    status = client(app, MENTOR).predict(pair_id, history, "cited well",
                                         api_name="/rate_answer_helpful")  # fmt: skip
    assert status == "Thanks: you rated this chat answer helpful with your reason."
    chat = [r for r in ratings(app) if r.kind == "chat"]
    assert [(r.target_id, r.reason, r.pair_id) for r in chat] == [
        (answer_key("Agree ground rules first."), "cited well", pair_id)]  # fmt: skip


def test_an_outsider_cannot_rate_the_pairs_agenda_and_only_an_admin_reads_counts(app):
    pair_id = mentor_pair(app)
    agenda = next(r for r in ratings(app) if r.kind == "agenda")
    outsider = app.services.users.signed_in(OUTSIDER)
    with pytest.raises(Exception, match="permission denied"):
        app.services.ratings.rate(outsider, "agenda", agenda.target_id, True)
    history = [said("assistant", "Agree ground rules first.")]
    with pytest.raises(AppError, match="(?i)permission denied"):  # not their pair
        client(app, OUTSIDER).predict(pair_id, history, "", api_name="/rate_answer_helpful")
    for name in (MENTOR, LEAD):
        with pytest.raises(AppError, match="(?i)permission denied"):
            client(app, name).predict(api_name="/rating_counts")
    counts, reasons = client(app, ADMIN).predict(api_name="/rating_counts")
    rows = {row[0]: row[1:] for row in counts["data"]}
    assert rows["agenda"][:3] == [1, 0, 0] and rows["chat answer"][:3] == [1, 0, 1]
    assert [row[:3] for row in reasons["data"]] == [["chat answer", "helpful", "cited well"]]
    shown = repr(counts) + repr(reasons)
    users = app.services.users.list(OPERATOR)
    assert not [u for u in users if u.username in shown or u.id in shown]
