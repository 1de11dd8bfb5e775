"""The real app for the load test: ``python app.py`` in a subprocess over a fresh data dir."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from coach.config import Settings

REPO = Path(__file__).resolve().parents[2]
Step = Callable[[str], None]


class AppProcess:
    """``python app.py`` on a free loopback port with its own data dir, like ``make run``."""

    def __init__(self, data_dir: Path, port: int) -> None:
        self.data_dir = data_dir
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.log_path = data_dir / "logs" / "app.log"
        self.process: subprocess.Popen[bytes] | None = None

    def environment(self) -> dict[str, str]:
        """The caller's environment (model settings included) with this run's own state."""
        env = dict(os.environ)
        env.update({
            "COACH_DATA_DIR": str(self.data_dir), "COACH_HOST": "127.0.0.1",
            "COACH_PORT": str(self.port), "COACH_DATABASE_URL": "", "COACH_CHROMA_HOST": "",
            "COACH_CHROMA_PATH": str(self.data_dir / "chroma"), "PYTHONUNBUFFERED": "1",
        })  # fmt: skip
        return env

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(REPO / "app.py")], cwd=REPO, env=self.environment(),
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip

    def wait_ready(self, timeout: float, step: Step) -> None:
        """Until the page answers and the model has warmed up (or said it could not)."""
        deadline = time.monotonic() + timeout
        step(f"waiting for the app on {self.url} (indexes the guides, then warms the model)")
        while not self._answers():
            self._alive_until(deadline)
        step("app is up; waiting for the model warm-up")
        while not any(word in self.log() for word in ("model ready", "model warm-up failed")):
            self._alive_until(deadline)
        if "model warm-up failed" in self.log():
            step("the model warm-up failed: agendas will be built by rules (see the app log)")

    def _answers(self) -> bool:
        try:
            return httpx.get(self.url, timeout=2).status_code < 500
        except httpx.HTTPError:
            return False

    def _alive_until(self, deadline: float) -> None:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError(f"the app exited during startup:\n{self.tail()}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"the app was not ready in time:\n{self.tail()}")
        time.sleep(1.0)

    def log(self) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        return ""

    def tail(self, lines: int = 30) -> str:
        return "\n".join(self.log().splitlines()[-lines:])

    def stop(self, timeout: float = 60.0) -> None:
        """SIGTERM (the app closes its model server), then SIGKILL if it hangs."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(10)


def fresh_settings(settings: Settings, data_dir: Path) -> Settings:
    """``settings`` (model and all) over an empty data dir: SQLite and a Chroma folder in it.

    The joined model file is linked from the configured cache rather than joined again.
    """
    work = settings.model_copy(
        update={"data_dir": data_dir, "database_url": None, "chroma_host": None,
                "chroma_path": None}
    )  # fmt: skip
    configured = settings.cache_dir.resolve() / "models"
    models = configured if configured.is_dir() else REPO / "data" / "cache" / "models"
    if models.is_dir():
        work.cache_dir.mkdir(parents=True, exist_ok=True)
        (work.cache_dir / "models").symlink_to(models, target_is_directory=True)
    return work


def log_notes(log: str) -> list[str]:
    """What the app's own log says went wrong during the run."""
    failed = log.count(" failed") - log.count("model warm-up failed")
    locked = log.lower().count("database is locked")
    return [
        f"app log: {log.count('Traceback')} tracebacks, {failed} lines saying 'failed', "
        f"{locked} saying 'database is locked'"
    ]
