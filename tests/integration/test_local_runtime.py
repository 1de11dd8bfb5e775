"""The embedded default: the runtime starts llama.cpp itself, answers, and stops cleanly."""

import pytest

from coach.config import Settings
from coach.llm.factory import ModelRuntime
from coach.llm.shared import pid_alive

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
    assert pid_alive(child)
    parent.send_signal(signal.SIGKILL)  # no atexit, no cleanup: the child must notice alone
    parent.wait()
    deadline = time.monotonic() + 20
    while pid_alive(child) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not pid_alive(child), "the model server outlived the process that started it"


def test_a_second_process_on_the_same_data_folder_shares_the_server(model_path, tmp_path):
    """Two servers on 2 cores slow each other many times over, so the second one borrows."""
    import json
    import subprocess
    import sys

    from coach.llm.shared import read_record, record_path
    from tests.conftest import REPO
    from tests.integration.conftest import child_env

    settings = Settings(
        _env_file=None, data_dir=tmp_path, local_model=str(model_path), llm_max_tokens=16
    )
    owner = ModelRuntime(settings)
    script = (
        "import json\n"
        "from coach.config import Settings\n"
        "from coach.llm.factory import ModelRuntime\n"
        f"r = ModelRuntime(Settings(_env_file=None, data_dir={str(tmp_path)!r}, "
        f"local_model={str(model_path)!r}, llm_max_tokens=16))\n"
        "end = r.endpoint()\n"
        "reply = r.chat_model().invoke('Say hello to a mentor in three words.').content\n"
        "print(json.dumps({'url': end.base_url, 'own': r.local is not None, "
        "'shared_pid': r.borrowed.pid if r.borrowed else None, 'reply': reply}))\n"
        "r.close()\n"
    )
    try:
        mine = owner.endpoint()
        server_pid = owner.local.process.pid
        assert read_record(record_path(tmp_path)).pid == server_pid
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=REPO, env=child_env(), capture_output=True,
            text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]
        seen = json.loads(done.stdout.strip().splitlines()[-1])
        assert seen["url"] == mine.base_url and not seen["own"]
        assert seen["shared_pid"] == server_pid and seen["reply"].strip()
        assert owner.local.process.poll() is None, "the guest's close() leaves our server running"
    finally:
        owner.close()
    assert read_record(record_path(tmp_path)) is None, "the owner clears its record when it stops"


def test_without_the_prompt_cache_a_request_gets_the_same_answer_whatever_came_before(
    model_path, tmp_path, monkeypatch
):
    # With the cache, a repeated request reuses the prompt read before it and reads only the
    # rest, which changes the sums enough to change words at temperature 0 (docs/evals.md,
    # "Repeatable runs"): the evals' runs turn it off.
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(
        _env_file=None, data_dir=tmp_path, local_model=str(model_path), llm_max_tokens=48,
        llm_cache_prompt=False,
    )  # fmt: skip
    runtime = ModelRuntime(settings)
    system = "You help a junior mentor coach a senior leader. Answer in one sentence."
    ask = [("system", system), ("human", "How do I ask my mentee to put the phone away?")]
    other = [("system", system), ("human", "What should a first session cover?")]
    try:
        model = runtime.chat_model()
        first = model.invoke(ask).content
        model.invoke(other)
        again = model.invoke(ask).content
        last = model.invoke(ask).content  # the whole prompt was the last one read
    finally:
        runtime.close()
    assert first.strip() and first == again == last
