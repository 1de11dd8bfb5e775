"""Every named endpoint of the web app, called with gradio_client as a signed-in user.

The app runs on a free loopback port with the demo program, the real SQLite store, the real
sign-in and a fake chat model. Forbidden calls (another pair, another user's reflection, a
role's endpoint used by another role) must raise a readable error and return no data.
"""

from __future__ import annotations

import csv
from pathlib import Path

import httpx
import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError, AuthenticationError

from coach.domain.agenda import Agenda
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.summaries import ConsentState
from coach.ui.render import md
from tests.app_support import (
    ADMIN,
    ANSWER,
    LEAD,
    MENTEE,
    MENTOR,
    OUTSIDER,
    PASSWORD,
    RunningApp,
    running_app,
)

pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


@pytest.fixture(scope="module")
def app(tmp_path_factory) -> RunningApp:
    with running_app(tmp_path_factory.mktemp("ui-api")) as running:
        yield running


@pytest.fixture(scope="module")
def clients(app) -> dict[str, Client]:
    names = {"mentor": MENTOR, "mentee": MENTEE, "lead": LEAD, "admin": ADMIN, "outsider": OUTSIDER}
    return {
        role: Client(app.url, auth=(name, PASSWORD), verbose=False) for role, name in names.items()
    }


def user(app: RunningApp, name: str):
    return app.services.users.signed_in(name)


def pair_of(app: RunningApp, name: str) -> str:
    return app.services.pairs.list(user(app, name))[0].pair.id


def denied(client: Client, *args, api_name: str, match: str = "Permission denied") -> str:
    """Call an endpoint that must refuse; return the message for further checks."""
    with pytest.raises(AppError) as error:
        client.predict(*args, api_name=api_name)
    message = str(error.value)
    assert match in message, message
    assert "Traceback" not in message and 'File "' not in message
    return message


def rows(table: dict) -> list[dict]:
    return [dict(zip(table["headers"], row, strict=True)) for row in table["data"]]


# Sign-in and tabs by role ------------------------------------------------------------------


def test_a_wrong_password_or_no_sign_in_gets_nothing(app):
    with pytest.raises(AuthenticationError, match="Invalid credentials"):  # we answer 401
        Client(app.url, auth=(MENTEE, "not the password"), verbose=False)
    with pytest.raises(AuthenticationError, match="credentials were not provided"):
        Client(app.url, verbose=False)
    call = httpx.post(f"{app.url}/gradio_api/call/whoami", json={"data": []}, timeout=10)
    assert call.status_code == 401


@pytest.mark.parametrize(
    ("role", "tabs"),
    [("mentor", ["mentor", "reflect", "account"]), ("mentee", ["reflect", "account"]),
     ("lead", ["lead", "account"]), ("admin", ["admin", "account"])],
)  # fmt: skip
def test_tabs_follow_the_role(clients, role, tabs):
    assert clients[role].predict(api_name="/whoami")["tabs"] == tabs


# Mentor ------------------------------------------------------------------------------------


def test_the_mentor_sees_their_pair_and_not_another(app, clients):
    text = clients["mentor"].predict(pair_of(app, MENTOR), api_name="/pair_overview")
    assert "Priya Nair" in text and "Goals" in text and "sessions held" in text
    denied(clients["mentor"], pair_of(app, OUTSIDER), api_name="/pair_overview")
    denied(clients["lead"], pair_of(app, MENTOR), api_name="/pair_overview")
    denied(clients["mentor"], "pair_does_not_exist", api_name="/pair_overview", match="No pair")


def test_the_chat_answers_from_the_fake_model_with_sources(clients):
    answer = clients["mentor"].predict("How do I open our first session?", api_name="/ask")
    assert ANSWER.split("[")[0].strip() in answer and "first-session.md" in answer


def test_prepare_session_makes_a_valid_agenda_and_starters_for_members_only(app, clients):
    pair = pair_of(app, MENTOR)
    out = clients["mentor"].predict(pair, 30, "", api_name="/prepare_session")
    shown, table, starters, starter_table, files, _sources, status = out  # States: server-side
    assert "30 minutes" in shown and "Power dynamics" in starters
    assert sum(row[0] for row in table["data"]) == 30 and starter_table["data"]
    # the blocks are our patterns' text; only the check-in asks the fake model, which never
    # writes JSON, so our own question stands and the agenda is no rule-built fallback
    assert "built by rules" not in status
    assert sorted(Path(f).suffix for f in files) == [".ics", ".md"]
    text = Path(next(f for f in files if f.endswith(".md"))).read_text(encoding="utf-8")
    assert text.startswith("# ") and "| Min | Item |" in text and "# Conversation starters" in text
    assert "BEGIN:VEVENT" in Path(next(f for f in files if f.endswith(".ics"))).read_text()
    mine = user(app, MENTOR)
    agenda = app.services.artifacts.list(mine, pair, ArtifactKind.AGENDA)[-1]
    kept = app.services.artifacts.list(mine, pair, ArtifactKind.STARTERS)[-1]
    assert agenda.prompt_id == "agenda_item" and agenda.edited is None, "kept at once, as written"
    assert sum(i.minutes for i in Agenda.model_validate(agenda.current).items) == 30
    assert kept.prompt_id == "library" and kept.edited is None  # templates filled in code
    calls = len(app.model.calls)
    denied(clients["mentor"], pair_of(app, OUTSIDER), 45, "", api_name="/prepare_session")
    denied(clients["lead"], pair, 45, "", api_name="/prepare_session")
    assert len(app.model.calls) == calls, "a refused call never reaches the model"
    saved = clients["mentor"].predict(pair, table, api_name="/save_agenda")
    assert "Saved (30 minutes" in saved[-1]
    denied(
        clients["outsider"], pair, table, api_name="/save_agenda", match="Prepare an agenda first"
    )
    denied(clients["outsider"], pair, api_name="/revert_agenda", match="Prepare an agenda first")
    denied(clients["outsider"], pair, starter_table, api_name="/save_starters",
           match="Prepare the starters first")  # fmt: skip
    denied(clients["outsider"], pair, api_name="/session_length")
    assert app.services.artifacts.get(mine, agenda.id).edited is None


def test_a_summary_is_drafted_only_from_your_own_reflection(app, clients):
    pair = pair_of(app, MENTEE)
    clients["mentee"].predict(
        pair, None, "He talked over me twice", "", "Ask two drivers", "Tense",
        api_name="/save_reflection",
    )  # fmt: skip
    status, coaching, evidence = clients["mentee"].predict(pair, api_name="/draft_summary")
    assert "Drafted from your reflection" in status
    assert "Private coaching signals" in coaching and "power imbalance" in coaching
    # The reflection, with each point's supporting span marked and named.
    pieces = evidence["value"] if isinstance(evidence, dict) else evidence
    texts = [p["token"] if isinstance(p, dict) else p[0] for p in pieces]
    labels = [p["class_or_confidence"] if isinstance(p, dict) else p[1] for p in pieces]
    assert "He talked over me twice" in "".join(texts) and "Ask two drivers" in "".join(texts)
    assert any(label and label.startswith(("takeaway", "action")) for label in labels), pieces
    drafts = [v for v in app.services.summaries.for_pair(user(app, MENTEE), pair)
              if v.summary.state.value == "draft"]  # fmt: skip
    assert drafts and all("talked over" not in v.text.split("Key takeaways")[0] for v in drafts)
    denied(clients["outsider"], pair, api_name="/draft_summary")


def test_either_side_drafts_and_keeps_a_followup_note_for_their_own_pair(app, clients):
    pair = pair_of(app, MENTEE)
    shown, status = clients["mentee"].predict(pair, api_name="/draft_followup")
    assert shown.startswith("## Follow-up note") and "Who does what by when:" in shown
    assert "built by rules" in status  # the fake model never writes JSON
    mine = app.services.plans.carry_over(user(app, MENTEE), pair)
    assert all(md(a.text) in shown for a in mine)
    before = len(app.services.artifacts.list(user(app, MENTEE), pair, ArtifactKind.FOLLOWUP))
    assert "Kept with the pair" in clients["mentee"].predict(pair, api_name="/keep_followup")
    kept = app.services.artifacts.list(user(app, MENTEE), pair, ArtifactKind.FOLLOWUP)
    assert len(kept) == before + 1 and kept[-1].content["author"] == "mentee"
    denied(clients["outsider"], pair, api_name="/draft_followup")
    denied(clients["mentee"], pair_of(app, OUTSIDER), api_name="/keep_followup",
           match="drafted for another pair")  # fmt: skip


# Reflections -------------------------------------------------------------------------------


def test_a_reflection_is_saved_at_once_and_listed(app, clients):
    pair = pair_of(app, MENTEE)
    status, table, *cleared = clients["mentee"].predict(
        pair, None, "Dashboards beat printouts", "", "Ask two drivers", "Relaxed",
        api_name="/save_reflection",
    )  # fmt: skip
    assert "Saved" in status and cleared == ["", "", "", ""]
    stored = app.services.reflections.mine(user(app, MENTEE), pair)[-1]
    assert "What I learned: Dashboards beat printouts" in stored.text
    assert "What surprised me" not in stored.text  # the empty answer is left out
    assert table["headers"] == ["written", "session", "reflection"]  # no raw ids on screen
    assert "Dashboards beat printouts" in rows(table)[0]["reflection"]  # newest first
    listed = clients["mentee"].predict(pair, api_name="/my_reflections")
    assert rows(listed)[0] == rows(table)[0] and "ref_" not in str(listed)
    assert clients["mentee"].predict(stored.id, api_name="/read_reflection") == stored.text


def test_an_empty_reflection_is_refused(app, clients):
    denied(clients["mentee"], pair_of(app, MENTEE), None, "", " ", "", "",
           api_name="/save_reflection", match="at least one")  # fmt: skip


def test_no_reflection_on_or_listing_of_another_pair(app, clients):
    other = pair_of(app, OUTSIDER)
    before = len(app.services.reflections.mine(user(app, MENTEE)))
    denied(clients["mentee"], other, None, "Sneaky", "", "", "", api_name="/save_reflection")
    assert len(app.services.reflections.mine(user(app, MENTEE))) == before
    denied(clients["mentee"], other, api_name="/my_reflections")


def test_another_users_reflection_stays_private(app, clients):
    secret = app.services.reflections.mine(user(app, MENTOR))[0]
    for role in ("mentee", "lead", "admin", "outsider"):  # even the partner and the admin
        message = denied(clients[role], secret.id, api_name="/read_reflection")
        assert secret.text[:30] not in message


# The learning timeline ---------------------------------------------------------------------


def test_the_timeline_endpoints_give_only_the_callers_own_timeline(app, clients):
    pair = pair_of(app, MENTEE)
    entries, paragraph = clients["mentee"].predict(pair, api_name="/my_timeline")
    assert 'id="timeline-s1"' in entries and "agreed ground rules" in entries
    assert paragraph == ""
    partners, _ = clients["mentor"].predict(pair, api_name="/my_timeline")  # her own, not his
    assert "agreed ground rules" not in partners and "Learning by doing" in partners
    before = len(app.model.replies)
    _, written = clients["mentee"].predict(pair, api_name="/timeline_paragraph")
    app.model.replies.extend([ANSWER] * (before - len(app.model.replies)))  # give them back
    # The app's fake model answers without session tags: code writes one line per session.
    assert 'href="#timeline-s1"' in written and "Written by rules" in written
    for role in ("lead", "admin", "outsider"):
        denied(clients[role], pair, api_name="/my_timeline")
        denied(clients[role], pair, api_name="/timeline_paragraph")


# Summaries ---------------------------------------------------------------------------------


def test_a_summary_goes_from_draft_to_the_program_and_the_lead_acknowledges(app, clients):
    pair, mentee = pair_of(app, MENTEE), clients["mentee"]
    text = "We agreed a dashboard walkthrough for Monday; I will not ask for printouts."
    assert "new draft" in mentee.predict(pair, text, api_name="/new_summary")
    view = next(v for v in app.services.summaries.for_pair(user(app, MENTEE), pair)
                if v.text == text)  # fmt: skip
    sid = view.summary.id
    assert text not in [  # the table shows no ids: the text tells the rows apart
        r["summary"] for r in rows(clients["mentor"].predict(pair, api_name="/my_summaries"))
    ]
    denied(clients["mentor"], sid, api_name="/read_summary", match="not shared with you")
    denied(mentee, sid, api_name="/share_summary_with_program", match="only to the next state")
    mentee.predict(sid, api_name="/approve_summary")
    mentee.predict(sid, api_name="/share_summary_with_partner")
    partner_view = rows(clients["mentor"].predict(pair, api_name="/my_summaries"))
    assert next(r for r in partner_view if r["summary"] == text)["author"] == "partner"
    assert "sum_" not in str(partner_view)  # no raw ids on screen
    denied(clients["mentor"], sid, "Rewritten by the partner", api_name="/revise_summary",
           match="only the author")  # fmt: skip
    denied(
        clients["lead"], sid, api_name="/acknowledge_summary", match="not shared with the program"
    )
    mentee.predict(sid, api_name="/share_summary_with_program")
    shared = rows(clients["lead"].predict(api_name="/shared_summaries"))
    assert [r["acknowledged"] for r in shared if r["id"] == sid] == ["no"]
    assert clients["lead"].predict(sid, api_name="/read_shared_summary") == text
    assert "Acknowledged" in clients["lead"].predict(sid, api_name="/acknowledge_summary")
    shared = rows(clients["lead"].predict(api_name="/shared_summaries"))
    assert [r["acknowledged"] for r in shared if r["id"] == sid] != ["no"]


def test_a_correction_returns_the_summary_to_draft(app, clients):
    pair = pair_of(app, MENTEE)
    mine = [v for v in app.services.summaries.for_pair(user(app, MENTEE), pair)
            if v.summary.author_id == user(app, MENTEE).id]  # fmt: skip
    sid = mine[0].summary.id
    clients["mentee"].predict(sid, "A corrected text for the record.", api_name="/revise_summary")
    text, state = clients["mentee"].predict(sid, api_name="/read_summary")
    assert text == "A corrected text for the record." and "draft" in state
    assert app.services.summaries.read(user(app, MENTEE), sid).summary.state is ConsentState.DRAFT


def test_summaries_of_another_pair_are_refused(app, clients):
    other = pair_of(app, OUTSIDER)
    denied(clients["mentee"], other, api_name="/my_summaries")
    denied(clients["mentee"], other, "Not mine", api_name="/new_summary")
    theirs = app.services.summaries.for_pair(user(app, OUTSIDER), other)[0].summary.id
    for endpoint in ("/read_summary", "/approve_summary", "/withdraw_summary"):
        denied(clients["mentee"], theirs, api_name=endpoint)


# Plan --------------------------------------------------------------------------------------


def test_plan_shows_goals_and_actions_and_marks_one_done(app, clients):
    pair = pair_of(app, MENTEE)
    goals, actions = clients["mentee"].predict(pair, api_name="/plan")
    assert any("dashboard" in g["goal"] for g in rows(goals))
    open_item = next(a for a in rows(actions) if a["status"] == "open")
    assert "Marked done" in clients["mentee"].predict(open_item["id"], api_name="/complete_action")
    other_item = app.services.plans.actions(user(app, OUTSIDER), pair_of(app, OUTSIDER))[0]
    denied(clients["mentee"], other_item.id, api_name="/complete_action")
    denied(clients["mentee"], pair_of(app, OUTSIDER), api_name="/plan")


# Lead --------------------------------------------------------------------------------------


def test_the_lead_sees_every_pair_and_exports_csv(app, clients):
    table = rows(clients["lead"].predict(api_name="/pair_health"))
    assert len(table) == 6 and {"stalled", "held / planned", "goal progress %"} <= set(table[0])
    assert any(r["stalled"] == "yes" for r in table)
    path = Path(clients["lead"].predict(api_name="/export_health_csv"))
    exported = list(csv.DictReader(path.open(encoding="utf-8")))
    pairs = {f"{r['mentor']} & {r['mentee']}" for r in exported}
    assert len(exported) == 6 and pairs == {r["pair"] for r in table}
    secret = app.services.reflections.mine(user(app, MENTOR))[0].text
    assert secret[:30] not in path.read_text(encoding="utf-8")
    snapshot = clients["lead"].predict(api_name="/program_snapshot")
    assert "of 6 pairs are meeting" in snapshot and "Themes" in snapshot


@pytest.mark.parametrize("role", ["mentor", "mentee", "admin"])
def test_lead_endpoints_refuse_other_roles(clients, role):
    for endpoint in (
        "/pair_health",
        "/export_health_csv",
        "/program_snapshot",
        "/shared_summaries",
    ):
        denied(clients[role], api_name=endpoint)


# Admin -------------------------------------------------------------------------------------


def test_the_admin_adds_a_user_who_can_then_sign_in(app, clients):
    status, *cleared = clients["admin"].predict(
        "new.mentor", "New Mentor", "participant", "", api_name="/add_user"
    )
    password = status.split("`")[1]
    assert "Added" in status and cleared == ["", "", "", ""]  # the email field too
    newbie = Client(app.url, auth=("new.mentor", password), verbose=False)
    assert newbie.predict(api_name="/whoami")["tabs"] == ["reflect", "account"]
    denied(clients["admin"], "new.mentor", "", "participant", "long enough pw",
           api_name="/add_user", match="taken")  # fmt: skip
    assert "new.mentor" in [
        r["username"] for r in rows(clients["admin"].predict(api_name="/users"))
    ]
    paired = clients["admin"].predict("new.mentor", "colleen.obrien", None, api_name="/add_pair")
    assert "Paired" in paired and "colleen" in paired
    assert len(rows(clients["admin"].predict(api_name="/pairs"))) == 7


def test_the_admin_uploads_guides_with_per_file_results(app, clients, tmp_path):
    guide, broken = tmp_path / "our-handbook.md", tmp_path / "scanned.pdf"
    guide.write_text("# Our handbook\n\n## Meetings\n\nMeet every two weeks for 45 minutes.\n")
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    before = app.services.index.count()
    admin = clients["admin"]
    table = admin.predict([handle_file(guide), handle_file(broken)], api_name="/upload_guides")
    results = {r["file"]: r for r in rows(table)}
    assert results["our-handbook.md"]["status"] == "added"
    assert results["our-handbook.md"]["chunks"] >= 1
    assert results["scanned.pdf"]["status"] == "failed" and results["scanned.pdf"]["error"]
    assert app.services.index.count() > before
    assert "our-handbook.md" in [r["file"] for r in rows(admin.predict(api_name="/guides"))]
    again = rows(admin.predict(api_name="/reindex"))
    assert {r["status"] for r in again} == {"unchanged"} and len(again) == 3  # 2 guides + upload


def test_an_unsupported_file_type_is_refused_readably(clients, tmp_path):
    junk = tmp_path / "virus.exe"
    junk.write_bytes(b"MZ")
    denied(clients["admin"], [handle_file(junk)], api_name="/upload_guides", match="file type")


def test_stack_status_without_starting_the_model(app, clients):
    table = rows(clients["admin"].predict(False, api_name="/stack_status"))
    by_component = {r["component"]: r for r in table}
    assert by_component["database"]["ok"] is True and by_component["chroma"]["ok"] is True
    assert "not started" in by_component["llm (local)"]["measured"]
    assert app.services.runtime.local is None


@pytest.mark.parametrize("role", ["mentor", "lead"])
def test_admin_endpoints_refuse_other_roles(clients, role, tmp_path):
    guide = tmp_path / "x.md"
    guide.write_text("# X\n\nText.")
    denied(clients[role], api_name="/users")
    denied(clients[role], "sneaky.user", "", "admin", "long enough pw", api_name="/add_user")
    denied(clients[role], [handle_file(guide)], api_name="/upload_guides")
    denied(clients[role], api_name="/reindex")
    denied(clients[role], False, api_name="/stack_status")


# Account -----------------------------------------------------------------------------------


def test_changing_a_password_needs_the_current_one(clients):
    denied(clients["outsider"], "wrong current", "a brand new pw", "a brand new pw",
           api_name="/change_password", match="current password is not right")  # fmt: skip
    denied(clients["outsider"], PASSWORD, "a brand new pw", "another pw!!",
           api_name="/change_password", match="differ")  # fmt: skip


def test_a_deactivated_account_is_refused_in_an_open_session(app):
    from coach.services.access import OPERATOR

    app.services.users.add(OPERATOR, "leaving.soon", "participant", PASSWORD, "Leaving Soon")
    client = Client(app.url, auth=("leaving.soon", PASSWORD), verbose=False)
    assert client.predict(api_name="/whoami")["role"] == "participant"
    app.services.users.set_active(OPERATOR, "leaving.soon", False)
    for args, name in (((), "/whoami"), ((None,), "/my_reflections")):
        with pytest.raises(httpx.HTTPStatusError, match="401"):  # refused before it runs
            client.predict(*args, api_name=name)
