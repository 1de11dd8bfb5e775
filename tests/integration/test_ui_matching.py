"""The lead's match-suggestion endpoints, called with gradio_client as signed-in users.

The app runs with the demo program, the real SQLite store, the real sign-in and the real
embedder. The candidates file names four newcomers with accounts, a demo mentor already
paired, a senior with no account and a broken row (tests/matching_support.py).
"""

from __future__ import annotations

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from coach.services.access import OPERATOR
from tests.app_support import LEAD, MENTEE, MENTOR, OUTSIDER, PASSWORD, RunningApp, running_app
from tests.matching_support import NEWCOMER_PASSWORD, candidates_csv

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> RunningApp:
    with running_app(tmp_path_factory.mktemp("ui-matching")) as running:
        yield running


@pytest.fixture(scope="module")
def lead(app) -> Client:
    return Client(app.url, auth=(LEAD, PASSWORD), verbose=False)


@pytest.fixture(scope="module")
def candidates(app, tmp_path_factory):
    return candidates_csv(tmp_path_factory.mktemp("candidates"), app.services)


def rows(table: dict) -> list[dict]:
    return [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]


def program_id(app: RunningApp) -> str:
    [program] = app.services.programs.list(OPERATOR)
    return program.id


def test_the_lead_gets_suggestions_with_reasons_unmatched_and_row_errors(app, lead, candidates):
    status, table, unmatched, errors = lead.predict(
        handle_file(str(candidates)), program_id(app), 1, api_name="/suggest_pairs"
    )
    suggested = rows(table)
    pairs = {(r["mentor (junior)"], r["mentee (senior)"]) for r in suggested}
    assert ("Uma Stone", "Rosa Diaz") not in pairs, "her own boss, in her own department"
    assert {"Rosa Diaz", "Victor Hale"} <= {m for _, m in pairs}
    assert all(r["reasons"].count("• ") == 3 and r["score"] > 0 for r in suggested)
    rosa = next(r for r in suggested if r["mentee (senior)"] == "Rosa Diaz")
    assert "Rosa Diaz's closest fit, Uma Stone, is ruled out" in rosa["reasons"]
    assert rosa["accounts"] == "ready"
    quinn = [r for r in suggested if r["mentee (senior)"] == "Quinn Abbott"]
    assert all(r["accounts"] == "no account: Quinn Abbott" for r in quinn)
    assert "3 pairs suggested" in status and "Priya Nair" in status  # already paired: left out
    assert "no account for Quinn Abbott" in status
    assert [r["row"] for r in rows(errors)] == [9] and "neither mentor nor mentee" in str(errors)
    assert all(r["why"] for r in rows(unmatched))


def test_a_swap_shows_the_new_score_or_the_rule_it_breaks(app, lead, candidates):
    args = (handle_file(str(candidates)), program_id(app), 1)
    swapped = lead.predict(*args, "Oscar Lind", "Rosa Diaz", api_name="/score_pair")
    assert swapped.startswith("**Oscar Lind → Rosa Diaz: score 0.") and "Accept" in swapped
    broken = lead.predict(*args, "Uma Stone", "Rosa Diaz", api_name="/score_pair")
    assert "Not possible" in broken and "both work in Finance" in broken


def test_accepting_creates_the_pair_in_the_program(app, lead, candidates):
    args = (handle_file(str(candidates)), program_id(app), 1)
    before = len(app.services.pairs.list(OPERATOR))
    message = lead.predict(*args, "Nina Park", "Rosa Diaz", api_name="/accept_pair")
    assert "Paired **Nina Park** (mentor) with **Rosa Diaz** (mentee)" in message
    cards = app.services.pairs.list(OPERATOR)
    assert len(cards) == before + 1
    card = next(c for c in cards if (c.mentor, c.mentee) == ("nina.park", "rosa.diaz"))
    assert card.pair.status.value == "active" and card.pair.program_id == program_id(app)
    assert card.pair.mentor_profile.department == "Analytics"
    nina = Client(app.url, auth=("nina.park", NEWCOMER_PASSWORD), verbose=False)
    assert nina.predict(api_name="/whoami")["tabs"] == ["mentor", "reflect", "account"]
    # now paired, so left out of the next suggestions, and not accepted twice
    status, table, *_ = lead.predict(*args, api_name="/suggest_pairs")
    assert "Nina Park" in status and "Rosa Diaz" in status
    assert "Nina Park" not in str(table["data"])
    with pytest.raises(AppError, match="Nina Park is already in a pair"):
        lead.predict(*args, "Nina Park", "Rosa Diaz", api_name="/accept_pair")
    with pytest.raises(AppError, match="no account for Quinn Abbott"):
        lead.predict(*args, "Oscar Lind", "Quinn Abbott", api_name="/accept_pair")


def test_a_bad_file_is_a_clear_error(app, lead, tmp_path):
    bad = tmp_path / "people.csv"
    bad.write_text("name,side\nA,mentor\n", encoding="utf-8")
    with pytest.raises(AppError) as error:
        lead.predict(handle_file(str(bad)), program_id(app), 1, api_name="/suggest_pairs")
    message = str(error.value)
    assert "People.csv: the header (row 1) lacks role_title" in message
    assert "docs/matching.md" in message and "Traceback" not in message
    with pytest.raises(AppError, match="Upload a candidates file first"):
        lead.predict(None, program_id(app), 1, api_name="/suggest_pairs")


@pytest.mark.parametrize("name", [MENTOR, MENTEE])
def test_participants_may_not_use_the_lead_endpoints(app, candidates, name):
    client = Client(app.url, auth=(name, PASSWORD), verbose=False)
    args = (handle_file(str(candidates)), program_id(app), 1)
    before = len(app.services.pairs.list(OPERATOR))
    for endpoint, extra in (("/suggest_pairs", ()), ("/score_pair", ("Oscar Lind", "Victor Hale")),
                            ("/accept_pair", ("Oscar Lind", "Victor Hale"))):  # fmt: skip
        with pytest.raises(AppError, match="Permission denied"):
            client.predict(*args, *extra, api_name=endpoint)
    assert len(app.services.pairs.list(OPERATOR)) == before


def test_either_member_ends_a_pair_and_the_lead_rematches_both(app, lead, tmp_path):
    """Runs last: it ends the demo pair of Priya Nair and Harold Brandt."""
    harold = Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
    pair = app.services.pairs.list(app.services.users.signed_in(MENTEE))[0].pair.id
    outsider = Client(app.url, auth=(OUTSIDER, PASSWORD), verbose=False)
    for client in (outsider, lead):
        with pytest.raises(AppError, match="Permission denied"):
            client.predict(pair, "done", api_name="/end_pair")
    message, _picker = harold.predict(pair, "not_a_good_fit", api_name="/end_pair")
    assert "Ended your pair with **Priya Nair** (not a good fit)" in message
    with pytest.raises(AppError, match="has ended already"):
        Client(app.url, auth=(MENTOR, PASSWORD), verbose=False).predict(
            pair, "done", api_name="/end_pair"
        )
    health = rows(lead.predict(api_name="/pair_health"))
    [ended] = [r for r in health if r["pair"] == "Priya Nair & Harold Brandt"]
    assert ended["status"] == "not_a_good_fit"
    # re-matching: both are open again, and never offered each other
    rematch = tmp_path / "rematch.csv"
    rematch.write_text(
        "\n".join([
            "name,side,role_title,department,generation,strengths,interests,goals,reports_to",
            "Priya Nair,mentor,Data analyst,Analytics,Gen Z,dashboards; SQL,climbing,,",
            "Oscar Lind,mentor,Support Engineer,IT Service Desk,Millennial,Teams tips,chess,,",
            "Harold Brandt,mentee,VP Operations,Logistics,Baby Boomer,,sailing,read dashboards,",
            "Victor Hale,mentee,COO,Operations,Baby Boomer,,chess,run meetings in Teams,",
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    args = (handle_file(str(rematch)), program_id(app), 1)
    status, table, *_ = lead.predict(*args, api_name="/suggest_pairs")
    assert "Pairs that ended, never suggested again: Priya Nair" in status
    pairs = {(r["mentor (junior)"], r["mentee (senior)"]) for r in rows(table)}
    assert pairs == {("Priya Nair", "Victor Hale"), ("Oscar Lind", "Harold Brandt")}
    harold_row = next(r for r in rows(table) if r["mentee (senior)"] == "Harold Brandt")
    assert "closest fit, Priya Nair, is ruled out: their pair ended" in harold_row["reasons"]
    refused = lead.predict(*args, "Priya Nair", "Harold Brandt", api_name="/score_pair")
    assert "Not possible" in refused and "their pair ended" in refused
