"""A participant's own data: the download holds everything about them and nobody else's private
text; a confirmed deletion removes their private text from the database and the index; a
program's retention period purges private text and names the backups that still hold it."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from gradio_client import Client

from coach.cli_common import cli_services
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.outcomes import SelfAssessment
from coach.domain.summaries import ConsentState
from coach.domain.users import FORMER_PARTICIPANT, Role, User
from coach.services.access import OPERATOR
from coach.services.errors import PermissionDenied, UserError
from coach.services.outcomes import OutcomeService
from coach.services.retention import RetentionService
from coach.services.snapshots import collect, dumps
from tests.app_support import ADMIN, MENTEE, MENTOR, OUTSIDER, PASSWORD, demo_services, running_app
from tests.artifact_samples import AGENDA, STARTERS, shortened

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


def canary(tag: str) -> str:
    return f"canary-{tag}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def world(tmp_path):
    """The demo program with planted private text by the mentee, her mentor and an outsider."""
    services, _model, _demo = demo_services(tmp_path)
    users = {name: services.users.signed_in(name) for name in (MENTEE, MENTOR, OUTSIDER)}
    pair = services.pairs.list(users[MENTEE])[0].pair.id
    other_pair = services.pairs.list(users[OUTSIDER])[0].pair.id
    texts = {key: canary(key) for key in (
        "mine", "my-draft", "my-early", "my-shared", "partner", "partner-draft", "outsider",
    )}  # fmt: skip
    services.reflections.write(users[MENTEE], pair, f"I learned {texts['mine']} today.")
    services.summaries.draft(users[MENTEE], pair, f"Draft: {texts['my-draft']}.")
    shared = services.summaries.draft(users[MENTEE], pair, f"Early: {texts['my-early']}.")
    services.summaries.revise(users[MENTEE], shared.id, f"Shared: {texts['my-shared']}.")
    services.summaries.move(users[MENTEE], shared.id, ConsentState.APPROVED)
    services.summaries.move(users[MENTEE], shared.id, ConsentState.SHARED_PARTNER)
    services.reflections.write(users[MENTOR], pair, f"Private: {texts['partner']}.")
    services.summaries.draft(users[MENTOR], pair, f"Mentor draft {texts['partner-draft']}.")
    services.reflections.write(users[OUTSIDER], other_pair, f"Other pair {texts['outsider']}.")
    yield services, users, pair, texts
    services.close()


def test_the_download_holds_everything_about_them_and_no_one_elses_private_text(world):
    services, users, pair, texts = world
    document = services.own_data.export(users[MENTEE])
    dumped = json.dumps(document)
    for key in ("mine", "my-draft", "my-early", "my-shared"):
        assert texts[key] in dumped, key
    for key in ("partner", "partner-draft", "outsider"):
        assert texts[key] not in dumped, key
    me = users[MENTEE]
    assert document["account"]["username"] == MENTEE
    assert len(document["reflections"]) == len(services.reflections.mine(me))
    assert {p["id"] for p in document["pairs"]} == {c.pair.id for c in services.pairs.list(me)}
    assert document["pairs"][0]["my_side"] == "mentee" and document["summaries"][0]["versions"]
    assert all(r["author_id"] == me.id for r in document["reflections"])
    assert "password_hash" not in dumped and "sign_ins" in document
    assert document["activity"], "what they did is part of their data"


def test_the_download_holds_the_artifacts_they_made_or_edited(world):
    services, users, pair, _texts = world
    artifacts = services.artifacts
    agenda = artifacts.save(users[MENTEE], pair, ArtifactKind.AGENDA, AGENDA)
    starters = artifacts.save(users[MENTOR], pair, ArtifactKind.STARTERS, STARTERS)
    artifacts.edit(users[MENTOR], agenda.id, shortened(AGENDA))
    mine = services.own_data.export(users[MENTEE])["artifacts"]
    assert [(a["id"], a["edited"]["title"]) for a in mine] == [(agenda.id, "Session 2 (short)")]
    theirs = services.own_data.export(users[MENTOR])["artifacts"]
    assert {a["id"] for a in theirs} == {agenda.id, starters.id}
    assert services.own_data.export(users[OUTSIDER])["artifacts"] == []


def test_their_self_assessments_are_in_the_download_and_go_with_the_account(world):
    services, users, pair, _texts = world
    program = services.programs.list(OPERATOR)[0]
    at = datetime.combine(program.start_date, time(12), UTC)
    outcomes = OutcomeService(services.store, lambda: at)
    mine = outcomes.answer(users[MENTEE], pair, (2, 3, 4, 2, 3, 4, 2))
    theirs = outcomes.answer(users[MENTOR], pair, (5, 4, 5, 4, 5, 4, 5))
    document = services.own_data.export(users[MENTEE])
    downloaded = {a["id"]: a for a in document["self_assessments"]}
    assert downloaded[mine.id]["scores"] == [2, 3, 4, 2, 3, 4, 2]
    assert {a["user_id"] for a in downloaded.values()} == {users[MENTEE].id}
    assert theirs.id not in json.dumps(document), "the partner's answers are not hers"
    services.own_data.request_deletion(users[MENTEE])
    report = services.own_data.confirm_deletion(OPERATOR, MENTEE)
    assert report.removed["self-assessments"] == len(downloaded)
    with services.store.transaction(write=False) as tx:
        assert tx.find(SelfAssessment, user_id=users[MENTEE].id) == []
        assert tx.get(SelfAssessment, theirs.id) == theirs, "the partner's answers stay"


def test_pulse_notes_and_checkins_are_theirs_to_download_and_go_with_the_account(world):
    services, users, pair, _texts = world
    mentee, mentor = users[MENTEE], users[MENTOR]
    mine, partners = canary("pulse-note"), canary("partner-pulse-note")
    session = services.sessions.schedule(mentee, pair, datetime.now(UTC) - timedelta(hours=2))
    services.sessions.mark(mentee, session.id, "held")
    services.pulse.answer(mentee, session.id, (4, 2, 5), f"Note: {mine}.")
    services.pulse.answer(mentor, session.id, (1, 1, 1), f"Note: {partners}.")
    services.pulse.request_checkin(mentee, pair)
    document = services.own_data.export(mentee)
    dumped = json.dumps(document)
    assert mine in dumped and partners not in dumped
    assert [4, 2, 5] in [a["scores"] for a in document["pulse_answers"]]
    assert {a["author_id"] for a in document["pulse_answers"]} == {mentee.id}
    assert pair in [r["pair_id"] for r in document["checkin_requests"]]
    assert {r["author_id"] for r in document["checkin_requests"]} == {mentee.id}
    theirs = json.dumps(services.own_data.export(mentor))
    assert partners in theirs and mine not in theirs
    services.own_data.request_deletion(mentee)
    report = services.own_data.confirm_deletion(OPERATOR, MENTEE)
    assert report.removed["pulse answers"] == len(document["pulse_answers"])
    assert report.removed["check-in requests"] == len(document["checkin_requests"])
    stored = dumps(collect(services.store))
    assert mine not in stored and partners in stored, "the partner's answer stays theirs"


def test_a_confirmed_deletion_removes_their_private_text_from_the_database_and_index(world):
    services, users, pair, texts = world
    services.pair_material.index_pair({
        "id": pair, "goals": [{"id": "g1", "text": "Dashboards"}],
        "history": [{"number": 1, "summary": f"Shared: {texts['my-shared']}."}],
    })  # fmt: skip
    assert services.pair_index.count() > 0
    with pytest.raises(UserError, match="has not asked"):
        services.own_data.confirm_deletion(OPERATOR, MENTEE)
    with pytest.raises(PermissionDenied):
        services.own_data.confirm_deletion(users[MENTOR], MENTEE)
    services.own_data.request_deletion(users[MENTEE])
    assert [u.username for u, _ in services.own_data.pending(OPERATOR)] == [MENTEE]
    report = services.own_data.confirm_deletion(OPERATOR, MENTEE)
    assert report.removed["reflections"] >= 1 and report.removed["private summaries"] >= 1
    assert report.kept_shared_summaries >= 1
    stored = dumps(collect(services.store))
    for key in ("mine", "my-draft", "my-early"):
        assert texts[key] not in stored, key
    assert texts["my-shared"] in stored and texts["partner"] in stored, "others' text stays"
    assert MENTEE not in stored, "the username is gone everywhere"
    assert services.pair_index.count() == 0, "the pair's derived index slice is dropped"
    mentor_view = services.summaries.for_pair(users[MENTOR], pair)
    shared = next(v for v in mentor_view if texts["my-shared"] in v.text)
    assert services.users.list(OPERATOR)  # the account row stays for the shared summary
    author = next(u for u in services.users.list(OPERATOR) if u.id == shared.summary.author_id)
    assert author.display_name == FORMER_PARTICIPANT and not author.active
    with pytest.raises(UserError):
        services.users.authenticate(author.username, PASSWORD)


def test_only_participants_ask_to_be_deleted_and_are_deleted(world):
    services, users, *_ = world
    with pytest.raises(PermissionDenied):
        services.own_data.request_deletion(services.users.signed_in(ADMIN))
    services.own_data.request_deletion(users[MENTOR])
    with services.store.transaction() as tx:  # promoted to admin after asking
        tx.update(replace(tx.get(User, users[MENTOR].id), role=Role.ADMIN))
    with pytest.raises(UserError, match="has the role admin now"):
        services.own_data.confirm_deletion(OPERATOR, MENTOR)


def test_a_purge_past_retention_removes_private_text_and_only_then(world):
    services, users, pair, texts = world
    program = services.programs.list(OPERATOR)[0]
    services.retention.set_retention(OPERATOR, program.name, 30)
    assert services.retention.purge(OPERATOR) == [], "the demo program has not ended"
    at = datetime.combine(program.end_date + timedelta(days=31), time(12), UTC)
    later = RetentionService(services.store, services.pair_material.forget_pair, lambda: at)
    dry = later.purge(OPERATOR, dry_run=True)
    assert dry[0].removed["reflections"] >= 3 and dry[0].removed["private summaries"] >= 2
    assert texts["mine"] in dumps(collect(services.store)), "a dry run removes nothing"
    done = later.purge(OPERATOR)
    assert done[0].removed == dry[0].removed and done[0].retention_days == 30
    stored = dumps(collect(services.store))
    for key in ("mine", "my-draft", "my-early", "partner", "partner-draft"):
        assert texts[key] not in stored, key
    assert texts["my-shared"] in stored, "shared summaries are the program's record"
    assert texts["outsider"] not in stored, "the outsider's pair is in the same program"
    assert later.purge(OPERATOR)[0].removed == dict.fromkeys(dry[0].removed, 0)


def test_the_cli_purge_says_what_it_removed_and_names_older_backups(tmp_path, monkeypatch, capsys):
    from coach import cli
    from coach.config import get_settings

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(tmp_path / "none"))
    get_settings.cache_clear()
    run = cli.main
    try:
        for name in ("old.mentor", "old.mentee"):
            assert run(["users", "add", name, "--role", "participant", "--password", PASSWORD]) == 0
        assert run(["programs", "add", "Pilot 2024", "--start", "2024-01-08",
                    "--end", "2024-06-28"]) == 0  # fmt: skip
        assert run(["pairs", "add", "--mentor", "old.mentor", "--mentee", "old.mentee"]) == 0
        services = cli_services()
        mentee = services.users.signed_in("old.mentee")
        pair = services.pairs.list(mentee)[0].pair.id
        services.reflections.write(mentee, pair, "canary-cli-reflection")
        services.close()
        backup = tmp_path / "before-purge"
        assert run(["backup", "--out", str(backup)]) == 0
        export = tmp_path / "all.json"
        assert run(["export", "--out", str(export)]) == 0
        assert run(["retention", "Pilot 2024", "90"]) == 0
        capsys.readouterr()
        assert run(["purge"]) == 0
        out = capsys.readouterr().out
        assert "Pilot 2024 (ended 2024-06-28, kept 90 days): removed 1 reflections" in out
        assert f"still holds the purged data: backup {backup.resolve()}" in out
        assert f"still holds the purged data: export {export.resolve()}" in out
        assert run(["purge"]) == 0 and "removed 0 reflections" in capsys.readouterr().out
    finally:
        get_settings.cache_clear()


def test_through_the_app_a_participant_downloads_their_data_and_asks_for_deletion(tmp_path):
    with running_app(tmp_path) as app:
        mentee = Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
        document = json.loads(Path(mentee.predict(api_name="/my_data")).read_text("utf-8"))
        assert document["account"]["username"] == MENTEE
        assert "An admin will confirm" in mentee.predict(api_name="/request_deletion")
        admin = Client(app.url, auth=(ADMIN, PASSWORD), verbose=False)
        pending = admin.predict(api_name="/deletion_requests")
        assert [row[0] for row in pending["data"]] == [MENTEE]
        outcome, *_ = admin.predict(MENTEE, api_name="/confirm_deletion")
        assert f"Deleted **{MENTEE}**" in outcome
        with pytest.raises(Exception, match="Invalid credentials"):
            Client(app.url, auth=(MENTEE, PASSWORD), verbose=False)
