"""One embedded model server per data folder: a second Flipside process reuses the first's.

Two llama.cpp servers with 2 threads each on 2 cores busy-wait against each other and both slow
down many times over (an eval beside another eval timed out after 10 minutes). So the runtime
that starts the server records it in ``<data_dir>/run/llm-server.json``. Another runtime on the
same data folder and model finds the record, checks that the server answers, and sends its
requests there. The owner removes the record when it stops the server. A record left by a
killed process names a dead server and is replaced.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from coach.llm.server import ServerOptions


@dataclass(frozen=True)
class ServerRecord:
    """A running embedded server, as its owner wrote it down."""

    pid: int
    host: str
    port: int
    alias: str
    model_path: str
    context: int
    parallel: int = 1  # records written before slots were a setting
    cache_prompt: bool = True  # records written before it was a setting

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def serves(self, options: ServerOptions) -> bool:
        """Whether this server runs the model ``options`` asks for, with at least its context
        per slot and as many slots, and reuses cached prompts only if ``options`` wants it."""
        return (
            self.model_path == str(options.model_path)
            and self.alias == options.alias
            and self.context >= options.context
            and self.parallel >= options.parallel
            and self.cache_prompt == options.cache_prompt
        )


def record_path(data_dir: Path) -> Path:
    """Where the server record of a data folder lives."""
    return data_dir / "run" / "llm-server.json"


def read_record(path: Path) -> ServerRecord | None:
    """The record at ``path``, or None when it is missing or unreadable."""
    try:
        return ServerRecord(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def write_record(path: Path, record: ServerRecord) -> None:
    """Write the record atomically, so a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(asdict(record)), encoding="utf-8")
    partial.replace(path)


def clear_record(path: Path, pid: int) -> None:
    """Remove the record if it still names the server ``pid`` (a newer owner keeps theirs)."""
    record = read_record(path)
    if record is not None and record.pid == pid:
        path.unlink(missing_ok=True)


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists (a zombie counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    with contextlib.suppress(OSError, IndexError):
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    return True


def answers(record: ServerRecord, timeout: float = 2.0) -> bool:
    """Whether the recorded server is alive and its ``/health`` says it is ready."""
    if not pid_alive(record.pid):
        return False
    try:
        return httpx.get(f"{record.base_url}/health", timeout=timeout).status_code == 200
    except httpx.HTTPError:
        return False


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """Hold a lock beside ``path``, so two starting processes do not both start a server."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(f"{path.name}.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
