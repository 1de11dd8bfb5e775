"""Service methods the web app needs: sign-in lookup, first admin, acknowledgements, the lead's
pairs table and CSV, the program snapshot, and the admin's guide uploads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from coach.domain.audit import AuditAction, AuditEntry
from coach.domain.summaries import ConsentState
from coach.services.errors import PermissionDenied
from coach.services.ingest import FileResult, IngestReport
from coach.services.insights import InsightService
from coach.services.operations import OperationsService
from coach.services.passwords import Passwords
from coach.services.users import UserService
from coach.store.memory import MemoryStore
from tests.unit.services.conftest import SECRETS, World

pytestmark = pytest.mark.unit


def test_signed_in_finds_active_accounts_only(world: World):
    assert world.s.users.signed_in(" Mentor ").id == world.people["mentor"].id
    for name in ("former", "ghost", "", None):
        with pytest.raises(PermissionDenied, match="sign in again"):
            world.s.users.signed_in(name)


def test_the_first_admin_is_created_once_with_a_random_password():
    users = UserService(MemoryStore(), Passwords.fast())
    created = users.ensure_first_admin()
    assert created is not None
    admin, password = created
    assert admin.username == "admin" and admin.role.value == "admin" and len(password) >= 16
    assert users.authenticate("admin", password).id == admin.id
    assert users.ensure_first_admin() is None


def test_no_first_admin_when_accounts_exist(world: World):
    assert world.s.users.ensure_first_admin() is None


def test_a_lead_acknowledges_only_what_was_shared_with_the_program(world: World):
    lead = world.people["lead"]
    shared = world.summaries[ConsentState.SHARED_PROGRAM]
    world.tick()
    world.s.summaries.acknowledge(lead, shared.id)
    assert set(world.s.summaries.acknowledged(lead)) == {shared.id}
    with world.store.transaction(write=False) as tx:
        entries = tx.find(AuditEntry, action=AuditAction.ACKNOWLEDGE)
    assert [(e.actor_id, e.resource_id) for e in entries] == [(lead.id, shared.id)]
    with pytest.raises(PermissionDenied, match="not shared with the program"):
        world.s.summaries.acknowledge(lead, world.summaries[ConsentState.SHARED_PARTNER].id)


def test_an_acknowledgement_lapses_when_the_text_changes(world: World):
    lead, mentee = world.people["lead"], world.people["mentee"]
    shared = world.summaries[ConsentState.SHARED_PROGRAM]
    world.s.summaries.acknowledge(lead, shared.id)
    world.tick()
    world.s.summaries.revise(mentee, shared.id, "A corrected text")
    for step in ("approved", "shared_partner", "shared_program"):
        world.tick()
        world.s.summaries.move(mentee, shared.id, step)
    assert world.s.summaries.acknowledged(lead) == {}


def test_the_pairs_table_names_people_and_carries_no_content(world: World):
    lead = world.people["lead"]
    rows = {row.health.pair_id: row for row in world.s.health.table(lead)}
    row = rows[world.pair.id]
    assert (row.mentor, row.mentee, row.program) == ("mentor", "mentee", "Pilot")
    assert row.health.sessions_held == 1 and row.last_session is not None
    text = world.s.health.csv(lead)
    parsed = list(csv.DictReader(io.StringIO(text)))
    assert {r["pair_id"] for r in parsed} == {world.pair.id, world.other_pair.id}
    mine = next(r for r in parsed if r["pair_id"] == world.pair.id)
    assert mine["sessions_held"] == "1" and mine["fit_mentee"] == "not_a_good_fit"
    assert not [secret for secret in SECRETS.values() if secret in text]


def test_the_csv_defuses_spreadsheet_formulas(world: World):
    from coach.services.access import OPERATOR

    world.s.users.add(OPERATOR, "formula", "participant", "p" * 12, "=HYPERLINK(1)")
    world.s.pairs.add(OPERATOR, "formula", "spare1")
    text = world.s.health.csv(world.people["lead"])
    assert "'=HYPERLINK(1)" in text and ",=HYPERLINK" not in text


def test_the_program_snapshot_counts_and_themes(world: World):
    insight = InsightService(world.s.health, world.s.summaries)
    snap = insight.snapshot(world.people["lead"])
    assert (snap.pairs, snap.sessions_held, snap.shared_summaries) == (2, 1, 1)
    with pytest.raises(PermissionDenied):
        insight.snapshot(world.people["mentee"])


class FakeIngest:
    """Stands in for the index: records what it was asked to ingest."""

    def __init__(self) -> None:
        self.seen: list[list[Path]] = []
        self.index = type("Index", (), {"count": staticmethod(lambda: 7)})()

    def ingest(self, paths, prune=False, progress=None) -> IngestReport:
        paths = list(paths)
        self.seen.append(paths)
        results = []
        for number, path in enumerate(paths, start=1):
            if progress:
                progress(number, len(paths), path.name)
            bad = path.is_file() and b"broken" in path.read_bytes()
            results.append(FileResult(path.name, "failed" if bad else "added", 0 if bad else 3))
        return IngestReport(results)


@pytest.fixture
def ops(world: World, settings) -> OperationsService:
    return OperationsService(settings, world.store, FakeIngest(), world.s.catalogue, None)


def test_uploads_are_kept_indexed_and_catalogued(world: World, ops, tmp_path):
    good, bad, odd = tmp_path / "guide.md", tmp_path / "broken.md", tmp_path / "image.png"
    good.write_text("# Guide\n\nText.")
    bad.write_text("broken")
    odd.write_bytes(b"\x89PNG")
    report = ops.upload(world.people["admin"], [good, bad, odd])
    assert {r.source: r.status for r in report.results} == {
        "guide.md": "added", "broken.md": "failed", "image.png": "failed",
    }  # fmt: skip
    assert sorted(p.name for p in ops.uploads_dir.iterdir()) == ["guide.md"]
    sources = [e.source for e in ops.documents(world.people["admin"])]
    assert "guide.md" in sources and "broken.md" not in sources


@pytest.mark.parametrize("role", ["lead", "mentor", "former"])
def test_only_an_admin_uploads_reindexes_or_checks(world: World, ops, role, tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide")
    actor = world.people[role]
    for call in (
        lambda: ops.upload(actor, [guide]),
        lambda: ops.reindex(actor),
        lambda: ops.status(actor),
        lambda: ops.documents(actor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert not ops.uploads_dir.exists() and ops.ingest.seen == []


def test_reindex_covers_the_guides_and_the_uploads(world: World, ops, tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("# Guide")
    ops.upload(world.people["admin"], [guide])
    ops.reindex(world.people["admin"])
    assert ops.ingest.seen[-1] == [ops.settings.knowledge_dir, ops.uploads_dir]


def test_status_leaves_the_model_alone_unless_asked(world: World, settings):
    calls = []

    def checks(_settings, _runtime, with_model: bool):
        calls.append(with_model)
        return []

    runtime = type("Runtime", (), {"local": None, "borrowed": None})()
    ops = OperationsService(settings, world.store, FakeIngest(), world.s.catalogue, runtime, checks)
    rows = ops.status(world.people["admin"])
    assert calls == [False]
    assert [(r.component, r.figure) for r in rows] == [
        ("llm (local)", "not started yet (starts on first use)")
    ]
    runtime.borrowed = type("Record", (), {"pid": 4242})()  # another process's server
    rows = ops.status(world.people["admin"])
    assert rows[-1].figure == "shared with another Flipside process (server pid 4242)"
