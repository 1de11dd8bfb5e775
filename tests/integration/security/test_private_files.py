"""Files Flipside writes carry no group or other permission bits, even in a data dir that was
created 0755 beforehand under the common 022 umask: the database, Chroma, backups, exports,
and the web server's download cache (which must still serve the download)."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest
from gradio_client import Client

from coach.llm.server import free_port
from coach.services.access import OPERATOR
from coach.ui.launch import launch_app
from tests.app_support import LEAD, PASSWORD, demo_services

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]


def loose(root: Path) -> list[str]:
    """Paths under ``root`` (itself included) that group or others may use."""
    paths = [root, *root.rglob("*")] if root.is_dir() else [root]
    return [f"{p} {stat.filemode(p.lstat().st_mode)}" for p in paths
            if not p.is_symlink() and p.lstat().st_mode & 0o077]  # fmt: skip


def test_everything_written_is_private_even_in_a_loose_data_dir(tmp_path, caplog):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    os.chmod(data, 0o755)
    (data / "left-over.txt").write_text("from an older install")
    os.chmod(data / "left-over.txt", 0o644)
    backup, export = tmp_path / "backup", tmp_path / "all.json"
    backup.mkdir()
    os.chmod(backup, 0o755)
    export.write_text("{}")
    os.chmod(export, 0o644)
    previous = os.umask(0o022)  # what a fresh shell usually has
    caplog.set_level(logging.WARNING)
    try:
        assert loose(data), "the setup really is loose"
        services, _model, _demo = demo_services(tmp_path)
        assert "readable by other accounts" in caplog.text
        services.backups.backup(OPERATOR, backup)
        services.snapshots.export_file(OPERATOR, export)
        port = free_port()
        server = launch_app(services, "127.0.0.1", port, block=False)
        try:
            lead = Client(f"http://127.0.0.1:{port}", auth=(LEAD, PASSWORD), verbose=False)
            downloaded = Path(lead.predict(api_name="/export_health_csv"))
            assert "mentor" in downloaded.read_text(encoding="utf-8"), "the download works"
            cache = services.settings.web_temp_dir
            assert list(cache.rglob("*.csv")), "the CSV went through the private cache"
            assert loose(cache) == [], cache
        finally:
            server.close()
            services.close()
        assert not list(cache.rglob("*.csv")), "Gradio empties its cache when the app stops"
        assert (data / "flipside.db").exists() and list((data / "chroma").rglob("*"))
        assert (backup / "flipside.db").exists() and list((backup / "chroma").rglob("*"))
        for root in (data, backup, export, cache):
            assert loose(root) == [], root
        assert not cache.is_relative_to(data), "a blocked data dir would 403 the downloads"
    finally:
        os.umask(previous)
