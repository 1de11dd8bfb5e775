import hashlib
import sys

import pytest

from coach.llm import local_model
from coach.llm.local_model import ModelSpec, ModelUnavailable, resolve_model


@pytest.fixture
def chunk_packages(tmp_path, monkeypatch):
    """Two tiny installed 'packages' holding byte chunks, like the model packages."""
    site = tmp_path / "site"
    payload = [b"GGUF" + bytes(range(256)) * 100, b"tail-bytes" * 50]
    for number, data in enumerate(payload, start=1):
        pkg = site / f"fake_model_part{number}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("")
        (pkg / "data" / f"part{number:02d}.bin").write_bytes(data)
    monkeypatch.syspath_prepend(str(site))
    joined = b"".join(payload)
    spec = ModelSpec(
        name="fake",
        file_name="fake.gguf",
        packages=("fake_model_part1", "fake_model_part2"),
        sha256=hashlib.sha256(joined).hexdigest(),
    )
    monkeypatch.setitem(local_model.SHIPPED, "fake", spec)
    return spec, joined


def test_chunks_are_located_without_importing(chunk_packages):
    spec, _ = chunk_packages
    files = local_model.chunk_files(spec)
    assert [f.name for f in files] == ["part01.bin", "part02.bin"]
    assert "fake_model_part1" not in sys.modules


def test_join_verifies_hash_reports_progress_and_is_reused(chunk_packages, tmp_path):
    spec, joined = chunk_packages
    seen = []
    path = resolve_model("fake", tmp_path / "cache", lambda done, total: seen.append(done))
    assert path.read_bytes() == joined
    assert seen[-1] == len(joined)
    stamp = path.stat().st_mtime_ns
    again = resolve_model("fake", tmp_path / "cache", lambda *_: seen.append(-1))
    assert again == path and path.stat().st_mtime_ns == stamp and -1 not in seen


def test_wrong_hash_is_refused_and_leaves_no_file(chunk_packages, tmp_path, monkeypatch):
    spec, _ = chunk_packages
    bad = ModelSpec(name="bad", file_name="bad.gguf", packages=spec.packages, sha256="0" * 64)
    monkeypatch.setitem(local_model.SHIPPED, "bad", bad)
    with pytest.raises(ModelUnavailable, match="expected"):
        resolve_model("bad", tmp_path)
    assert not list((tmp_path / "models").glob("bad*"))


def test_missing_package_says_how_to_fix(tmp_path, monkeypatch):
    spec = ModelSpec(name="gone", file_name="g.gguf", packages=("no_such_pkg_x",), sha256="0")
    monkeypatch.setitem(local_model.SHIPPED, "gone", spec)
    with pytest.raises(ModelUnavailable, match="make install"):
        resolve_model("gone", tmp_path)


def test_a_gguf_path_is_used_as_is(tmp_path):
    model = tmp_path / "any.gguf"
    model.write_bytes(b"GGUF")
    assert resolve_model(str(model), tmp_path) == model


def test_unknown_choice_is_a_clear_error(tmp_path):
    with pytest.raises(ModelUnavailable, match="qwen2.5-coder-1.5b"):
        resolve_model("llama-70b", tmp_path)


def test_shipped_models_pin_the_design_hashes():
    assert local_model.SHIPPED["qwen2.5-coder-1.5b"].sha256.startswith("cc324af0")
    assert len(local_model.SHIPPED["qwen2.5-coder-1.5b"].packages) == 22
    assert local_model.SHIPPED["qwen2.5-coder-0.5b"].sha256.startswith("1d961463")
