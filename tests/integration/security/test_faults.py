"""Faults: the model server down, slow, stalled, failing or garbled; Chroma unreachable; the
database locked; the disk full.

Agendas, starters and summaries fall back to the rule-built artifact, marked as such with a
reason a person can read. The chat and storage raise a ``UserError`` saying what went wrong.
A reflection is committed or refused whole, and its text never shows up in a message or a log.

Retries, as they exist today: the ``openai`` client retries once (``max_retries=1`` in
``ModelRuntime``, with its own short exponential backoff) on connection errors, timeouts and
HTTP 408/409/429/5xx; a reply that is not a valid draft gets one repair call; then the rules.
"""

from __future__ import annotations

import errno
import logging
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from coach.config import Settings
from coach.domain import agenda as agenda_rules
from coach.domain import starters as starter_rules
from coach.domain.markdown import agenda_markdown
from coach.domain.reflections import Reflection
from coach.domain.summaries import ConsentState
from coach.domain.summary_draft import violations as summary_violations
from coach.llm.server import free_port
from coach.services.container import Services
from coach.services.demo import DemoLoader
from coach.services.errors import UserError
from coach.services.pair_files import read_pair_file
from coach.services.passwords import Passwords
from coach.services.reflections import ReflectionService
from coach.store import engine as store_engine
from coach.store.database import open_database
from coach.store.sql import SqlStore, SqlTx
from tests.app_support import ADMIN, MENTEE, PASSWORD
from tests.conftest import REPO

from .conftest import assert_readable
from .llm_stub import StubLLM

PAIR = read_pair_file(REPO / "evals" / "datasets" / "pairs" / "pair-education-01.json")
# A middle session with a focus: its agenda asks the model (a first session's is its script).
AGENDA_PAIR = read_pair_file(REPO / "evals" / "datasets" / "pairs" / "pair-tech-01.json")
REFLECTION = (
    "We set ground rules and Anthony asked how students use AI tools. "
    "I will send him two examples by Friday."
)
PRIVATE = "private-canary-5521: I felt talked over again"
TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch) -> None:
    """Loopback requests must not be routed through a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("faults")
    (root / "knowledge").mkdir()
    shutil.copy(REPO / "knowledge" / "first-session.md", root / "knowledge")
    return root


def services_for(base: Path, base_url: str, **extra) -> Services:
    """Services whose model is the OpenAI-compatible endpoint at ``base_url``."""
    settings = Settings(
        _env_file=None, data_dir=base / "data", prompts_dir=REPO / "prompts",
        knowledge_dir=base / "knowledge", llm_provider="openai", openai_base_url=base_url,
        openai_api_key="test-key", openai_model="stub", llm_timeout=TIMEOUT, **extra,
    )  # fmt: skip
    services = Services(settings)
    services.ensure_guides()
    return services


@pytest.fixture
def endpoint(request, base) -> Iterator[tuple[Services, StubLLM | None]]:
    """Services talking to a stub in the mode named by the test's parameter. The model words
    the agenda's blocks too (``COACH_AGENDA_ADAPT=true``), so that each block's own fallback
    is tested; by default only the check-in question asks the model."""
    mode = request.param
    stub = None if mode == "down" else StubLLM(mode, delay=3 * TIMEOUT)
    url = f"http://127.0.0.1:{free_port()}/v1" if stub is None else stub.base_url
    services = services_for(base, url, agenda_adapt=True)
    try:
        yield services, stub
    finally:
        services.close()
        if stub is not None:
            stub.close()


def assert_fallback(artifact, reason: str) -> None:
    meta = artifact.meta
    assert meta.fallback, "the rules stepped in"
    assert reason in meta.fallback_reason
    assert len(meta.fallback_reason) < 300 and "Traceback" not in meta.fallback_reason


FALLBACKS = [
    ("down", "not reachable"),
    ("sleep", "timed out"),
    ("stall", "timed out"),
    ("http500", "HTTP 500"),
    ("garbled_content", "not a valid draft after one repair"),
]


@pytest.mark.parametrize(("endpoint", "reason"), FALLBACKS, indirect=["endpoint"],
                         ids=[m for m, _ in FALLBACKS])  # fmt: skip
def test_artifacts_fall_back_to_the_rules_when_the_model_fails(endpoint, reason):
    services, _stub = endpoint
    agenda = services.generation.agenda(AGENDA_PAIR)
    # Bad JSON is refused item by item (each tried twice); the agenda says none passed.
    garbled = reason.startswith("not a valid draft")
    assert_fallback(agenda, "no item's wording passed the checks" if garbled else reason)
    allowed = [c.id for c in agenda.meta.citations]
    assert agenda_rules.violations(agenda, AGENDA_PAIR, allowed) == []
    assert "the model was unavailable" in agenda_markdown(agenda)
    starters = services.generation.starters(PAIR)  # library templates: no model asked
    assert not starters.meta.fallback and starters.meta.model == "none (library templates)"
    assert (
        starter_rules.violations(starters.starters, [c.id for c in starters.meta.citations]) == []
    )
    summary = services.generation.summarize(PAIR, REFLECTION, "mentor")
    # Bad JSON is refused step by step too; the summary says no takeaway passed.
    assert_fallback(summary, "no takeaway the model wrote passed the checks" if garbled else reason)
    assert summary_violations(summary, REFLECTION, PAIR.goal_ids) == []
    assert summary.key_takeaways, "the rules still summarise"


@pytest.mark.parametrize("endpoint", ["garbled_sse", "error_event"], indirect=True)
def test_a_garbled_or_failing_stream_falls_back_too(endpoint):
    services, _stub = endpoint
    agenda = services.generation.agenda(AGENDA_PAIR)
    assert agenda.meta.fallback and agenda.meta.fallback_reason


CHAT = [
    ("down", "not reachable"),
    ("sleep", "took too long"),
    ("stall", "took too long"),
    ("http500", "HTTP 500"),
    ("garbled_sse", "could not be read"),
    ("error_event", "could not be read"),
]


@pytest.mark.parametrize(("endpoint", "message"), CHAT, indirect=["endpoint"],
                         ids=[m for m, _ in CHAT])  # fmt: skip
def test_the_chat_says_what_went_wrong(endpoint, message):
    services, _stub = endpoint
    with pytest.raises(UserError) as error:
        list(services.chat_by_model.ask("How do I open the first session?"))
    assert message in assert_readable(error.value)


@pytest.mark.parametrize(("endpoint", "requests"),
                         [("http500", 2), ("sleep", 2), ("garbled_content", 2)],
                         indirect=["endpoint"], ids=["http500", "timeout", "bad-json"])  # fmt: skip
def test_one_retry_or_one_repair_then_the_rules(endpoint, requests):
    """What exists: the client's single retry (HTTP 5xx, timeouts) or one repair (bad JSON)."""
    services, stub = endpoint
    began = time.monotonic()
    agenda = services.generation.agenda(AGENDA_PAIR)
    assert agenda.meta.fallback
    items = sum(bool(i.pattern) for i in agenda.items)
    # A failing server ends the model's part at its first call (the check-in question); a bad
    # reply is repaired once, the check-in is asked once (a reply that is no JSON is not told
    # the last session's words), and each item is tried twice before it keeps the library's
    # wording.
    garbled = requests * 2 * items + requests
    assert stub.requests == (garbled if stub.mode == "garbled_content" else requests)
    assert time.monotonic() - began < 15


# Summaries drafted from stored reflections, with the model down ------------------------------


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Services]:
    """The demo program on SQLite, its model on a closed port."""
    root = tmp_path_factory.mktemp("stack")
    (root / "knowledge").mkdir()
    shutil.copy(REPO / "knowledge" / "first-session.md", root / "knowledge")
    services = services_for(root, f"http://127.0.0.1:{free_port()}/v1")
    DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
    try:
        yield services
    finally:
        services.close()


def mentee_and_pair(stack: Services):
    mentee = stack.users.signed_in(MENTEE)
    return mentee, stack.pairs.list(mentee)[0].pair.id


def reflection_count(store) -> int:
    with store.transaction(write=False) as tx:
        return tx.count(Reflection)


def test_with_the_model_down_a_reflection_is_kept_and_summarised_by_the_rules(stack):
    mentee, pair_id = mentee_and_pair(stack)
    saved = stack.reflections.write(mentee, pair_id, REFLECTION)
    summary, summary_id, _when, _reflection = stack.preparation.draft_latest(mentee, pair_id)
    assert_fallback(summary, "not reachable")
    assert stack.summaries.read(mentee, summary_id).summary.state is ConsentState.DRAFT
    assert stack.reflections.get(mentee, saved.reflection.id).text == REFLECTION


# Chroma unavailable --------------------------------------------------------------------------


def test_an_unreachable_chroma_server_is_one_clear_error(tmp_path):
    port = free_port()
    settings = Settings(
        _env_file=None, data_dir=tmp_path / "data", prompts_dir=REPO / "prompts",
        chroma_host="127.0.0.1", chroma_port=port,
    )  # fmt: skip
    services = Services(settings)
    for call in (lambda: services.index, services.ensure_guides,
                 lambda: list(services.chat.ask("How do I open the first session?"))):  # fmt: skip
        with pytest.raises(UserError) as error:
            call()
        message = assert_readable(error.value)
        assert f"127.0.0.1:{port}" in message and "COACH_CHROMA_HOST" in message
    services.close()


# The database locked -------------------------------------------------------------------------


def hold_lock(path: Path, seconds: float) -> threading.Thread:
    """Another connection takes SQLite's exclusive lock and keeps it for ``seconds``."""
    locker = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    locker.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        time.sleep(seconds)
        locker.execute("COMMIT")
        locker.close()

    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    return thread


def test_a_write_waits_for_a_lock_held_briefly_and_succeeds(stack):
    assert store_engine.BUSY_TIMEOUT_MS >= 5000, "writers queue on a generous busy timeout"
    mentee, pair_id = mentee_and_pair(stack)
    before = reflection_count(stack.store)
    thread = hold_lock(stack.store.database.sqlite_path, 1.5)
    began = time.monotonic()
    saved = stack.reflections.write(mentee, pair_id, "Written while another process wrote.")
    assert time.monotonic() - began >= 1.0, "it waited for the lock"
    thread.join()
    assert reflection_count(stack.store) == before + 1
    assert stack.reflections.get(mentee, saved.reflection.id).text.startswith("Written while")


def test_a_write_that_cannot_get_the_lock_says_so_and_loses_nothing(stack, monkeypatch, caplog):
    mentee, pair_id = mentee_and_pair(stack)
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 300)
    impatient = SqlStore(open_database(stack.settings.db_url))  # opened before the lock
    service = ReflectionService(impatient)
    earlier = stack.reflections.mine(mentee, pair_id)
    before = reflection_count(stack.store)
    thread = hold_lock(stack.store.database.sqlite_path, 2.5)
    with caplog.at_level(logging.DEBUG), pytest.raises(UserError) as error:
        service.write(mentee, pair_id, PRIVATE)
    message = assert_readable(error.value, secret=PRIVATE)
    assert "database is busy" in message and "try again" in message
    assert PRIVATE not in caplog.text
    thread.join()
    assert reflection_count(stack.store) == before
    assert stack.reflections.mine(mentee, pair_id) == earlier
    retried = service.write(mentee, pair_id, PRIVATE)  # once the lock is gone, it saves
    assert stack.reflections.get(mentee, retried.reflection.id).text == PRIVATE
    impatient.close()


# The disk full -------------------------------------------------------------------------------


def disk_full_from_sqlite(self, record) -> None:
    """What SQLAlchemy raises when SQLite cannot grow the file; its message quotes the row."""
    raise OperationalError(
        "INSERT INTO reflections VALUES (?, ?)", (record.id, record.text),
        sqlite3.OperationalError("database or disk is full"),
    )  # fmt: skip


def disk_full_from_os(self, record) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("failure", [disk_full_from_sqlite, disk_full_from_os],
                         ids=["sqlite-full", "enospc"])  # fmt: skip
def test_a_full_disk_refuses_the_reflection_clearly_and_quotes_nothing(
    stack, monkeypatch, caplog, failure
):
    mentee, pair_id = mentee_and_pair(stack)
    earlier = stack.reflections.mine(mentee, pair_id)
    with monkeypatch.context() as patch:
        patch.setattr(SqlTx, "insert", failure)
        with caplog.at_level(logging.DEBUG), pytest.raises(UserError) as error:
            stack.reflections.write(mentee, pair_id, PRIVATE)
    message = assert_readable(error.value, secret=PRIVATE)
    assert "disk is full" in message
    assert PRIVATE not in caplog.text
    assert stack.reflections.mine(mentee, pair_id) == earlier
    assert stack.reflections.write(mentee, pair_id, "After the disk was freed.").reflection


def test_a_full_disk_fails_an_upload_alone_and_keeps_the_earlier_copy(stack, monkeypatch):
    admin = stack.users.signed_in(ADMIN)
    source = stack.settings.data_dir.parent / "handbook.md"
    source.write_text("---\ntitle: Handbook\n---\n## Trust\nFirst version of the handbook.\n")
    assert [r.status for r in stack.operations.upload(admin, [source]).results] == ["added"]
    kept = stack.operations.uploads_dir / "handbook.md"
    source.write_text("---\ntitle: Handbook\n---\n## Trust\nSecond version, never stored.\n")
    chunks = stack.index.count()

    def full(src, dst, *args, **kwargs):
        Path(dst).write_bytes(b"---\ntitle: Hand")  # a partial copy, then the disk fills
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", full)
    report = stack.operations.upload(admin, [source])
    assert [(r.status, r.error) for r in report.results] == [
        ("failed", "not kept: No space left on device")
    ]
    assert "First version" in kept.read_text(), "the earlier upload is intact"
    assert not list(stack.operations.uploads_dir.glob("*.part")), "no partial file is left"
    assert stack.index.count() == chunks
