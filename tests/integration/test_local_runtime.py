"""The embedded default: the runtime starts llama.cpp itself, answers, and stops cleanly."""

import pytest

from coach.config import Settings
from coach.llm.factory import ModelRuntime

pytestmark = pytest.mark.slow


def test_runtime_starts_answers_and_stops(model_path, tmp_path, monkeypatch):
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(
        _env_file=None, data_dir=tmp_path, local_model=str(model_path), llm_max_tokens=24
    )
    runtime = ModelRuntime(settings)
    try:
        reply = runtime.chat_model().invoke("Say hello to a new mentor in five words.")
        assert isinstance(reply.content, str) and reply.content.strip()
        process = runtime.local.process
        assert process is not None and process.poll() is None
        assert runtime.local.load_seconds and runtime.local.load_seconds > 0
    finally:
        runtime.close()
    assert process.poll() is not None, "the server process must be gone after close()"


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    from pathlib import Path

    state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    return state != "Z"


def test_server_exits_when_its_parent_is_killed(model_path, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from tests.conftest import REPO
    from tests.integration.conftest import child_env

    script = (
        "from coach.config import Settings\n"
        "from coach.llm.factory import ModelRuntime\n"
        f"r = ModelRuntime(Settings(_env_file=None, data_dir={str(tmp_path)!r}, "
        f"local_model={str(model_path)!r}))\n"
        "r.endpoint()\n"
        "print(r.local.process.pid, flush=True)\n"
        "import time; time.sleep(600)\n"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c", script], cwd=REPO, env=child_env(), stdout=subprocess.PIPE, text=True
    )
    child = int(parent.stdout.readline())
    assert _alive(child)
    parent.send_signal(signal.SIGKILL)  # no atexit, no cleanup: the child must notice alone
    parent.wait()
    deadline = time.monotonic() + 20
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _alive(child), "the model server outlived the process that started it"
