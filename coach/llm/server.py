"""The embedded llama.cpp server (xllamacpp): OpenAI-compatible, on loopback.

``serve`` runs it in this process (``coach llm serve``). ``LocalServer`` runs that same command
as a child process on a free port, waits for ``/health`` and stops it cleanly.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class ServerOptions:
    """What the llama.cpp server needs: model file, address, threads, context size per slot and
    the number of slots (each keeps its own prompt in its cache)."""

    model_path: Path
    alias: str
    host: str = "127.0.0.1"
    port: int = 0
    threads: int = 2
    context: int = 4096
    parallel: int = 1
    dry_multiplier: float = 0.8  # anti-repetition defaults for every request to this server
    repeat_penalty: float = 1.05
    cache_prompt: bool = True  # reuse the prompt read last time (off: repeatable at temperature 0)


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free right now on ``host``."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _watch_parent(parent: int, stop: threading.Event) -> None:
    """Set ``stop`` once the process that started us is gone (we get re-parented)."""
    while not stop.wait(1.0):
        if os.getppid() != parent:
            stop.set()


def serve(options: ServerOptions, parent_pid: int | None = None) -> None:
    """Run the server in this process until SIGINT, SIGTERM, or the parent's exit."""
    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = str(options.model_path)
    params.model_alias = {options.alias}
    params.hostnames = [options.host]
    params.port = options.port or free_port(options.host)
    params.n_ctx = options.context * options.parallel  # llama.cpp splits n_ctx across slots
    params.n_parallel = options.parallel
    params.cpuparams.n_threads = options.threads
    params.cpuparams_batch.n_threads = options.threads
    params.cache_prompt = options.cache_prompt
    params.sampling.dry_multiplier = options.dry_multiplier
    params.sampling.dry_penalty_last_n = 256
    params.sampling.penalty_repeat = options.repeat_penalty
    params.endpoint_metrics = True
    server = xllamacpp.Server(params)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    if parent_pid:
        threading.Thread(target=_watch_parent, args=(parent_pid, stop), daemon=True).start()
    print(f"llm server listening on {server.listening_address}", flush=True)
    stop.wait()
    del server


def wait_healthy(base: str, timeout: float, process: subprocess.Popen | None = None) -> None:
    """Poll ``/health`` until the server answers 200, the process dies, or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the local model server exited with code {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.25)
    raise TimeoutError(f"the local model server at {base} was not healthy after {timeout:.0f}s")


class LocalServer:
    """A child process running ``coach llm serve`` on a free loopback port."""

    def __init__(self, options: ServerOptions, log_path: Path) -> None:
        self.options = options
        self.log_path = log_path
        self.port = options.port or free_port(options.host)
        self.process: subprocess.Popen[bytes] | None = None
        self.load_seconds: float | None = None

    @property
    def base_url(self) -> str:
        return f"http://{self.options.host}:{self.port}"

    def start(self, timeout: float = 300.0) -> LocalServer:
        """Start the child and block until it is healthy."""
        if self.process and self.process.poll() is None:
            return self
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable, "-m", "coach", "llm", "serve",
            "--model", str(self.options.model_path), "--alias", self.options.alias,
            "--host", self.options.host, "--port", str(self.port),
            "--threads", str(self.options.threads), "--context", str(self.options.context),
            "--parallel", str(self.options.parallel),
            "--dry", str(self.options.dry_multiplier),
            "--repeat-penalty", str(self.options.repeat_penalty),
            "--parent-pid", str(os.getpid()),
            *([] if self.options.cache_prompt else ["--no-cache-prompt"]),
        ]  # fmt: skip
        began = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy()
            )
        atexit.register(self.stop)
        try:
            wait_healthy(self.base_url, timeout, self.process)
        except Exception:
            self.stop()
            raise RuntimeError(
                f"could not start the local model; see {self.log_path} for its log"
            ) from None
        self.load_seconds = time.monotonic() - began
        return self

    def stop(self) -> None:
        """Terminate the child, killing it if it does not exit within 10 s."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
