"""One embedded server per data folder: the record, the health check, and the runtime's choice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from dataclasses import asdict, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from coach.config import Settings
from coach.llm import factory
from coach.llm.server import ServerOptions
from coach.llm.shared import (
    ServerRecord,
    answers,
    clear_record,
    exclusive,
    pid_alive,
    read_record,
    record_path,
    write_record,
)


class _Health(BaseHTTPRequestHandler):
    status = 200

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        self.send_response(self.status if self.path == "/health" else 404)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def health_server():
    """A loopback HTTP server answering /health, standing in for llama.cpp's."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _record(
    port: int, model: Path, pid: int | None = None, context: int = 4096, parallel: int = 4
) -> ServerRecord:
    return ServerRecord(
        pid=pid or os.getpid(),
        host="127.0.0.1",
        port=port,
        alias=model.stem,
        model_path=str(model),
        context=context,
        parallel=parallel,
    )


def test_record_round_trips_and_a_corrupt_or_missing_one_reads_as_none(tmp_path):
    path = record_path(tmp_path)
    assert read_record(path) is None
    record = _record(1234, tmp_path / "m.gguf")
    write_record(path, record)
    assert read_record(path) == record
    assert not list(path.parent.glob(".*")), "the partial file is renamed into place"
    path.write_text('{"pid": 1, "host"')
    assert read_record(path) is None
    path.write_text('{"pid": 1}')
    assert read_record(path) is None


def test_clear_removes_only_the_record_of_that_server(tmp_path):
    path = record_path(tmp_path)
    write_record(path, _record(1, tmp_path / "m.gguf", pid=111))
    clear_record(path, 222)
    assert read_record(path) is not None, "a newer owner's record stays"
    clear_record(path, 111)
    assert not path.exists()
    clear_record(path, 111)  # already gone: no error


def test_a_server_serves_only_its_model_with_at_least_the_context_asked(tmp_path):
    model = tmp_path / "m.gguf"
    record = _record(1, model, context=4096)
    assert record.serves(ServerOptions(model_path=model, alias="m", context=4096))
    assert record.serves(ServerOptions(model_path=model, alias="m", context=2048))
    assert not record.serves(ServerOptions(model_path=model, alias="m", context=8192))
    assert not record.serves(ServerOptions(model_path=model, alias="m", parallel=8))
    assert not _record(1, model, parallel=1).serves(ServerOptions(model_path=model, alias="m",
                                                                  parallel=2))  # fmt: skip
    assert not record.serves(ServerOptions(model_path=tmp_path / "x.gguf", alias="m"))
    assert not record.serves(ServerOptions(model_path=model, alias="other"))


def test_a_server_that_reuses_cached_prompts_does_not_serve_a_repeatable_run(tmp_path):
    model = tmp_path / "m.gguf"
    caching = _record(1, model)
    repeatable = ServerOptions(model_path=model, alias="m", cache_prompt=False)
    assert caching.serves(ServerOptions(model_path=model, alias="m"))
    assert not caching.serves(repeatable), "its answers would depend on the request before"
    assert replace(caching, cache_prompt=False).serves(repeatable)
    old = json.loads(json.dumps(asdict(caching)))
    del old["cache_prompt"]  # a record written before it was a setting: that server caches
    path = record_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(old))
    assert read_record(path) == caching


def test_answers_needs_a_live_process_and_a_healthy_server(health_server, tmp_path):
    port = health_server.server_address[1]
    model = tmp_path / "m.gguf"
    assert pid_alive(os.getpid())
    assert answers(_record(port, model))
    assert not answers(_record(port, model, pid=_dead_pid())), "a dead owner's record is stale"
    _Health.status = 503  # still loading the model
    try:
        assert not answers(_record(port, model))
    finally:
        _Health.status = 200
    health_server.shutdown()
    health_server.server_close()
    assert not answers(_record(port, model), timeout=0.5)


def test_the_lock_lets_one_holder_in_at_a_time(tmp_path):
    path = record_path(tmp_path)
    order: list[str] = []
    inside = threading.Event()

    def second() -> None:
        inside.wait()
        with exclusive(path):
            order.append("second")

    thread = threading.Thread(target=second)
    thread.start()
    with exclusive(path):
        inside.set()
        thread.join(timeout=0.5)
        assert thread.is_alive(), "the second holder must wait for the first"
        order.append("first")
    thread.join(timeout=5)
    assert order == ["first", "second"]


class _FakeLocalServer:
    """Records starts instead of launching llama.cpp."""

    started: list[_FakeLocalServer] = []

    def __init__(self, options: ServerOptions, log_path: Path) -> None:
        self.options = options
        self.port = 4321
        self.process = None
        self.stopped = False

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> _FakeLocalServer:
        self.process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        _FakeLocalServer.started.append(self)
        return self

    def stop(self) -> None:
        self.stopped = True
        if self.process is not None:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def local_settings(tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    model = tmp_path / "tiny.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setattr(factory, "LocalServer", _FakeLocalServer)
    _FakeLocalServer.started = []
    return Settings(_env_file=None, data_dir=tmp_path / "data", local_model=str(model))


def test_a_runtime_reuses_the_server_recorded_for_its_data_folder(local_settings, health_server):
    port = health_server.server_address[1]
    model = Path(local_settings.local_model)
    write_record(record_path(local_settings.data_dir), _record(port, model))
    runtime = factory.ModelRuntime(local_settings)
    end = runtime.endpoint()
    assert end.base_url == f"http://127.0.0.1:{port}/v1"
    assert end.model == "tiny"
    assert runtime.local is None and runtime.borrowed is not None
    assert _FakeLocalServer.started == [], "no second server when one answers"
    runtime.close()
    assert read_record(record_path(local_settings.data_dir)) is not None, "not ours to clear"


def test_a_stale_record_is_replaced_by_the_server_this_runtime_starts(local_settings):
    path = record_path(local_settings.data_dir)
    write_record(path, _record(9, Path(local_settings.local_model), pid=_dead_pid()))
    runtime = factory.ModelRuntime(local_settings)
    end = runtime.endpoint()
    assert len(_FakeLocalServer.started) == 1 and runtime.borrowed is None
    assert end.base_url == "http://127.0.0.1:4321/v1"
    record = read_record(path)
    assert record is not None and record.pid == runtime.local.process.pid and record.port == 4321
    runtime.endpoint()
    assert len(_FakeLocalServer.started) == 1, "our own running server is reused, not restarted"
    runtime.close()
    assert runtime.local.stopped and not path.exists(), "the owner clears its record on close"


def test_a_different_model_or_sharing_turned_off_starts_its_own(local_settings, health_server):
    port = health_server.server_address[1]
    path = record_path(local_settings.data_dir)
    write_record(path, _record(port, Path(local_settings.local_model).with_name("other.gguf")))
    runtime = factory.ModelRuntime(local_settings)
    runtime.endpoint()
    assert len(_FakeLocalServer.started) == 1, "another model's server is not borrowed"
    runtime.close()

    write_record(path, _record(port, Path(local_settings.local_model)))
    solo = factory.ModelRuntime(local_settings.model_copy(update={"llm_share": False}))
    solo.endpoint()
    assert len(_FakeLocalServer.started) == 2 and solo.borrowed is None
    solo.close()
    assert read_record(path) is not None, "a runtime that does not share leaves the record alone"


def test_a_repeatable_run_starts_its_own_server_without_the_cache_and_reads_prompts_whole(
    local_settings, health_server
):
    port = health_server.server_address[1]
    model = Path(local_settings.local_model)
    write_record(record_path(local_settings.data_dir), _record(port, model))
    settings = local_settings.model_copy(update={"llm_cache_prompt": False})
    runtime = factory.ModelRuntime(settings)
    runtime.endpoint()
    assert len(_FakeLocalServer.started) == 1 and runtime.borrowed is None
    assert _FakeLocalServer.started[0].options.cache_prompt is False
    chat = runtime.chat_model()
    assert type(chat).__name__ == "ChatOpenAI", "no stepped reading: each step would read it all"
    runtime.close()
    stepped = factory.ModelRuntime(local_settings.model_copy(update={"llm_share": False}))
    assert type(stepped.chat_model()).__name__ == "SteppedChatOpenAI"
    stepped.close()
