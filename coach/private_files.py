"""Files only their owner can read: the umask, the data dir, and the web server's temp folder.

Reflections, summaries, backups and exports are private text. Everything Flipside writes is
created under a 077 umask (no group or other bits), a data dir that was created looser is
tightened at start, and Gradio's upload and download cache lives in a 0700 folder of its own.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_UMASK = 0o077
LOOSE = stat.S_IRWXG | stat.S_IRWXO
log = logging.getLogger(__name__)


def private_umask() -> None:
    """Every file and folder this process creates from now on is private to its owner."""
    os.umask(PRIVATE_UMASK)


def strip_loose_bits(root: Path) -> int:
    """Remove group and other permission bits from ``root`` and everything under it.

    Symlinks are left alone (chmod would follow them). Returns how many paths changed.
    """
    changed = 0
    paths = [root, *root.rglob("*")] if root.is_dir() else [root]
    for path in paths:
        try:
            info = path.lstat()
        except FileNotFoundError:  # removed while we walked (SQLite's -journal files)
            continue
        if stat.S_ISLNK(info.st_mode) or not info.st_mode & LOOSE:
            continue
        path.chmod(stat.S_IMODE(info.st_mode) & ~LOOSE)
        changed += 1
    return changed


def secure_folder(folder: Path, what: str) -> None:
    """Create ``folder`` 0700, or tighten it and its contents if they are looser, saying so."""
    private_umask()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    changed = strip_loose_bits(folder)
    if changed:
        log.warning(
            "%s (%s) was readable by other accounts: removed group/other permissions from "
            "%d path(s)", what, folder, changed,
        )  # fmt: skip


def default_temp_dir(data_dir: Path) -> Path:
    """A per-user, per-data-dir folder in the system temp dir (stable across restarts)."""
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:10]
    return Path(tempfile.gettempdir()) / f"flipside-{getpass.getuser()}-{tag}"


def private_temp_dir(folder: Path, data_dir: Path) -> Path:
    """Make ``folder`` a private 0700 folder we own and point Gradio's cache at it.

    It must sit outside the data dir: the data dir is a blocked path for the web server, and
    a blocked path wins over every allowed one, so downloads from inside it would get 403.
    """
    folder = folder.absolute().parent.resolve() / folder.name  # a symlinked folder stays visible
    if folder.is_relative_to(data_dir.resolve()):
        raise ValueError(
            f"COACH_TEMP_DIR {folder} is inside the data dir {data_dir}; choose a folder "
            "outside it, or leave it unset"
        )
    private_umask()
    if not folder.exists() and not folder.is_symlink():
        folder.mkdir(mode=0o700)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{folder} is not a plain folder; remove it or set COACH_TEMP_DIR")
    if info.st_uid != os.getuid():
        raise ValueError(f"{folder} belongs to another account; set COACH_TEMP_DIR")
    folder.chmod(0o700)
    os.environ["GRADIO_TEMP_DIR"] = str(folder)
    return folder
