import hashlib
import os

from coach import offline


def test_seed_writes_files_named_by_url_sha1(tmp_path):
    offline.seed_tiktoken(tmp_path)
    for url in offline.TIKTOKEN_URLS.values():
        assert (tmp_path / hashlib.sha1(url.encode()).hexdigest()).stat().st_size > 1_000_000


def test_tiktoken_loads_from_seeded_cache_with_network_blocked(tmp_path, monkeypatch):
    import tiktoken
    import tiktoken.registry

    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    offline.seed_tiktoken(tmp_path)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    enc = tiktoken.get_encoding("cl100k_base")
    assert enc.decode(enc.encode("reverse mentoring")) == "reverse mentoring"


def test_telemetry_is_silenced():
    offline.silence_telemetry()
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["ANONYMIZED_TELEMETRY"] == "False"
