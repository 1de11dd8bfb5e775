"""scripts/build-native-llama.sh in the background: `make run` does not wait for the compile,
a second start does not compile twice, and the start after it installs the finished wheel.

The compiler, pip and `coach` are stand-ins on PATH and in a throwaway venv (the real compile
takes minutes); the script itself is the one `make` runs, copied beside them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]
BUILD_SECONDS = 3

PIP = f"""#!/usr/bin/env bash
echo "pip $*" >> "$CALLS"
if [ "$1" = wheel ]; then
  sleep {BUILD_SECONDS}
  for a in "$@"; do w="$a"; done  # the last argument: the wheel folder
  touch "$w/xllamacpp-1.0-cp311-abi3-linux_x86_64.whl"
fi
"""
PYTHON = "#!/usr/bin/env bash\necho 1.0\n"
COACH = '#!/usr/bin/env bash\necho "coach $*" >> "$CALLS"\n'


def stub(path: Path, text: str) -> None:
    path.write_text(text)
    path.chmod(0o755)


@pytest.fixture
def checkout(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "build-native-llama.sh", root / "scripts")
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    stub(venv_bin / "pip", PIP)
    stub(venv_bin / "python", PYTHON)
    stub(venv_bin / "coach", COACH)
    tools = tmp_path / "tools"
    tools.mkdir()
    for tool in ("cmake", "g++", "make"):
        stub(tools / tool, "#!/bin/sh\nexit 0\n")
    env = {
        **os.environ,
        "PATH": f"{tools}:{os.environ['PATH']}",
        "COACH_WHEEL_CACHE": str(tmp_path / "wheels"),
        "CALLS": str(tmp_path / "calls.log"),
        "COACH_NATIVE_LLAMA": "1",
    }
    return root, env


def start(root: Path, env: dict[str, str]) -> tuple[float, str]:
    began = time.monotonic()
    done = subprocess.run(
        ["scripts/build-native-llama.sh", "--background", ".venv"], cwd=root, env=env,
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    return time.monotonic() - began, done.stderr


def calls(env: dict[str, str]) -> str:
    path = Path(env["CALLS"])
    return path.read_text() if path.exists() else ""


def test_the_first_start_does_not_wait_and_the_next_installs_the_build(checkout):
    root, env = checkout
    seconds, said = start(root, env)
    assert seconds < BUILD_SECONDS, "the start waited for the compile"
    assert "in the background" in said
    _, again = start(root, env)  # a second start while it compiles
    assert "still running" in again
    deadline = time.monotonic() + 30
    while "wheel" not in calls(env) or not list(Path(env["COACH_WHEEL_CACHE"]).rglob("*.whl")):
        assert time.monotonic() < deadline, "the background compile never finished"
        time.sleep(0.2)
    assert calls(env).count("pip wheel") == 1  # compiled once
    assert "pip install" not in calls(env)  # nothing swapped under a running app
    _, said = start(root, env)  # the next `make run`
    assert "pip install --quiet --no-deps --force-reinstall" in calls(env)
    assert "coach llm check" in calls(env)
    assert (root / ".venv" / ".xllamacpp-native").read_text().startswith("1.0-")
    start(root, env)  # and after that, nothing to do
    assert calls(env).count("pip install") == 1
