"""Private files: loose bits are stripped, and the web temp folder is refused where unsafe."""

from __future__ import annotations

import os

import pytest

from coach.private_files import private_temp_dir, strip_loose_bits

pytestmark = pytest.mark.unit


def test_loose_bits_are_stripped_and_counted(tmp_path):
    (tmp_path / "a").mkdir(mode=0o755)
    (tmp_path / "a" / "f").write_text("x")
    os.chmod(tmp_path / "a", 0o755)
    os.chmod(tmp_path / "a" / "f", 0o664)
    (tmp_path / "private").write_text("y")
    os.chmod(tmp_path / "private", 0o600)
    os.chmod(tmp_path, 0o700)
    assert strip_loose_bits(tmp_path) == 2
    assert (tmp_path / "a").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "a" / "f").stat().st_mode & 0o777 == 0o600
    assert strip_loose_bits(tmp_path) == 0


def test_the_temp_folder_is_private_and_never_inside_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("GRADIO_TEMP_DIR", raising=False)
    data = tmp_path / "data"
    with pytest.raises(ValueError, match="inside the data dir"):
        private_temp_dir(data / "tmp", data)
    made = private_temp_dir(tmp_path / "web", data)
    assert made.stat().st_mode & 0o777 == 0o700 and os.environ["GRADIO_TEMP_DIR"] == str(made)
    os.chmod(made, 0o755)
    assert private_temp_dir(made, data).stat().st_mode & 0o777 == 0o700, "tightened again"


def test_a_symlinked_temp_folder_is_refused(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(ValueError, match="not a plain folder"):
        private_temp_dir(tmp_path / "link", tmp_path / "data")
