"""Files offered for download: one folder per process, emptied of old files as it goes."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import time
from pathlib import Path

# Gradio copies a returned file into its own cache at once, so ours can go soon after.
KEEP_SECONDS = 600
_root: Path | None = None


def download_folder(prefix: str) -> Path:
    """A fresh folder for one download; folders older than ``KEEP_SECONDS`` are removed."""
    global _root
    if _root is None or not _root.exists():
        _root = Path(tempfile.mkdtemp(prefix="flipside-downloads-"))
        atexit.register(shutil.rmtree, _root, True)
    cutoff = time.time() - KEEP_SECONDS
    for old in _root.iterdir():
        if old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=prefix, dir=_root))
