"""Addresses, the mail opt-out and the people import through the web app's named endpoints
(gradio_client, signed in as each role): the admin's screen and everyone's own account."""

from __future__ import annotations

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError

from coach.ui.render import md
from tests.app_support import ADMIN, LEAD, MENTEE, MENTOR, PASSWORD, RunningApp, running_app

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> RunningApp:
    with running_app(tmp_path_factory.mktemp("ui-people")) as running:
        yield running


@pytest.fixture(scope="module")
def clients(app) -> dict[str, Client]:
    names = {"admin": ADMIN, "lead": LEAD, "mentor": MENTOR, "mentee": MENTEE}
    return {role: Client(app.url, auth=(n, PASSWORD), verbose=False) for role, n in names.items()}


def refused(client: Client, *args, api_name: str, match: str) -> None:
    with pytest.raises(AppError) as error:
        client.predict(*args, api_name=api_name)
    assert match in str(error.value) and "Traceback" not in str(error.value)


def accounts(client: Client) -> dict[str, dict]:
    table = client.predict(api_name="/users")
    listed = [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]
    return {r["username"]: r for r in listed}


def test_the_admin_adds_a_user_with_an_address_and_sees_it_listed(app, clients):
    admin = clients["admin"]
    status, *cleared = admin.predict("with.mail", "With Mail", "participant", "",
                                     "With.Mail@Example.org", api_name="/add_user")  # fmt: skip
    assert "Added" in status and cleared == ["", "", "", ""]
    assert accounts(admin)["with.mail"]["email"] == "with.mail@example.org"
    refused(admin, "bad.mail", "", "participant", "", "x@", api_name="/add_user",
            match="'x@' is not an email address like name@example.org")  # fmt: skip
    assert "bad.mail" not in accounts(admin)


def test_the_admin_sets_and_removes_an_address(app, clients):
    admin = clients["admin"]
    shown = admin.predict(LEAD, "lead@example.org", api_name="/set_email")
    assert shown == f"**{md(LEAD)}**: {md('lead@example.org')}."
    assert accounts(admin)[LEAD]["email"] == "lead@example.org"
    assert "no address" in admin.predict(LEAD, "", api_name="/set_email")
    assert accounts(admin)[LEAD]["email"] == ""
    for role in ("lead", "mentor"):
        refused(clients[role], MENTEE, "x@example.org", api_name="/set_email",
                match="Permission denied")  # fmt: skip


def test_the_admin_imports_a_people_file_all_or_nothing(app, clients, tmp_path):
    admin = clients["admin"]
    bad = tmp_path / "people.csv"
    bad.write_text("username,email,role\nok.person,ok@example.org,\nbroken,x@,boss\n", "utf-8")
    report = admin.predict(handle_file(str(bad)), api_name="/import_users")
    assert "row 3:" in report and "is not an email address" in report
    assert "unknown role" in report and "nothing imported" in report
    assert "ok.person" not in accounts(admin)
    good = tmp_path / "good.csv"
    good.write_text("username,email,display_name\nok.person,ok@example.org,Ok Person\n", "utf-8")
    report = admin.predict(handle_file(str(good)), api_name="/import_users")
    assert report.startswith(f"- {md('imported 1 account (1 participant); no passwords yet')}")
    assert md("mail is not set up (COACH_SMTP_URL)") in report, "this app has no mail server"
    assert accounts(admin)["ok.person"]["email"] == "ok@example.org"
    refused(clients["lead"], handle_file(str(good)), api_name="/import_users",
            match="Permission denied")  # fmt: skip


def test_everyone_sets_their_own_address_and_reminder_choice(app, clients):
    mentee = clients["mentee"]
    partner = app.services.users.signed_in(MENTOR)
    saved, shown = mentee.predict(" Harold@Example.org ", True, api_name="/save_mail")
    assert saved == f"Saved. Mails go to {md('harold@example.org')}. No reminder mails."
    assert shown == "harold@example.org"
    stored = app.services.users.signed_in(MENTEE)
    assert stored.email == "harold@example.org" and stored.mail_opt_out is True
    saved, shown = mentee.predict("", False, api_name="/save_mail")
    assert "No address" in saved and shown == ""
    stored = app.services.users.signed_in(MENTEE)
    assert stored.email is None and stored.mail_opt_out is False
    refused(mentee, "x@", False, api_name="/save_mail", match="is not an email address")
    assert app.services.users.signed_in(MENTOR) == partner, "only one's own account changes"
