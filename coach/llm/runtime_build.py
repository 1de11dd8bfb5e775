"""Which CPU features the embedded llama.cpp build uses, against what this CPU offers."""

from __future__ import annotations

import re
from pathlib import Path

# llama.cpp feature name -> the /proc/cpuinfo flag that offers it, fastest first.
WIDE_FEATURES = {
    "AVX512_BF16": "avx512_bf16",
    "AVX512_VNNI": "avx512_vnni",
    "AVX512": "avx512f",
    "AVX_VNNI": "avx_vnni",
    "AVX2": "avx2",
}
BUILD_HINT = "run scripts/build-native-llama.sh (about 1.5x faster prompt reading)"


def build_features(system_info: str) -> set[str]:
    """The features llama.cpp reports as compiled in, e.g. ``{"AVX2", "FMA"}``."""
    return {name for name, on in re.findall(r"([A-Z0-9_]+) = (\d)", system_info) if on == "1"}


def cpu_flags(cpuinfo: str) -> set[str]:
    """The flags of the first processor in a ``/proc/cpuinfo`` text."""
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return set(line.partition(":")[2].split())
    return set()


def describe(system_info: str, flags: set[str]) -> tuple[str, str]:
    """A one-line description of the build, and a hint when the CPU offers wider instructions."""
    built = build_features(system_info)
    used = [name for name in WIDE_FEATURES if name in built]
    unused = [name for name, flag in WIDE_FEATURES.items() if flag in flags and name not in built]
    text = "uses " + (", ".join(used) if used else "no AVX2 or wider")
    if unused:
        return f"{text}; this CPU also has {', '.join(unused)}", BUILD_HINT
    return text, ""


def local_build() -> tuple[str, str]:
    """:func:`describe` for the installed xllamacpp on this machine."""
    import xllamacpp

    path = Path("/proc/cpuinfo")
    flags = cpu_flags(path.read_text()) if path.exists() else set()
    return describe(xllamacpp.get_system_info(), flags)
