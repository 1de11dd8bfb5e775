"""Shared fixtures: the network guard, the fake model, and isolated settings."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from coach import offline

REPO = Path(__file__).resolve().parents[1]
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


class NetworkBlocked(RuntimeError):
    """A test tried to reach a host that is not loopback."""


def _is_loopback(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _guarded(real):
    def connect(self, address, *args, **kwargs):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise NetworkBlocked(f"tests may not connect to {address!r}: only loopback is allowed")
        return real(self, address, *args, **kwargs)

    return connect


def install_network_guard() -> None:
    """Fail every connection that does not go to loopback."""
    socket.socket.connect = _guarded(_real_connect)  # type: ignore[method-assign]
    socket.socket.connect_ex = _guarded(_real_connect_ex)  # type: ignore[method-assign]


install_network_guard()
offline.prepare(REPO / "data" / "cache" / "tiktoken")


def pytest_collection_modifyitems(config, items) -> None:
    """Mark tests by folder so `-m unit` / `-m integration` select them."""
    root = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(root).parts
        folder = parts[0] if len(parts) > 1 else ""
        if folder in {"unit", "integration", "e2e"}:
            item.add_marker(getattr(pytest.mark, folder))


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings pointing at a fresh data dir, the repo's prompts and guides, no API key."""
    from coach.config import Settings

    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"):
        monkeypatch.delenv(name, raising=False)
    return Settings(
        _env_file=None,
        data_dir=tmp_path / "data",
        prompts_dir=REPO / "prompts",
        knowledge_dir=REPO / "knowledge",
    )


@pytest.fixture
def fake_model():
    """A factory for the queue-fed fake chat model."""
    from coach.llm.fake import FakeChatModel

    return FakeChatModel.of
