"""The machine a benchmark ran on, and peak memory of this process and the model server."""

from __future__ import annotations

import os
import platform
import resource
from pathlib import Path
from typing import Any


def _first(path: Path, prefix: str) -> str:
    """The value of the first ``prefix: value`` line of a /proc file, or ''."""
    try:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine_info() -> dict[str, Any]:
    """CPU model, cores, memory, Python version and the load when the run started."""
    memory_kb = _first(Path("/proc/meminfo"), "MemTotal").split(" ")[0]
    try:
        load: float | None = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    return {
        "cpu": _first(Path("/proc/cpuinfo"), "model name") or platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "memory_gb": round(int(memory_kb) / 1024 / 1024, 1) if memory_kb.isdigit() else None,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_1m": load,
    }


def peak_rss_mb(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of process ``pid`` in MB, or None when unreadable."""
    value = _first(Path(f"/proc/{pid}/status"), "VmHWM").split(" ")[0]
    return round(int(value) / 1024, 1) if value.isdigit() else None


def own_peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (``ru_maxrss`` is in KB on Linux)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
