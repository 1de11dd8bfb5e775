"""The gate's address rules: which peers are trusted proxies, and clear errors for bad CIDRs."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.ui.signin import Gate, parse_networks

pytestmark = pytest.mark.unit


def gate(proxies: str) -> Gate:
    settings = Settings(_env_file=None, trusted_header="X-Forwarded-User", trusted_proxies=proxies,
                        public_url="https://coach.example.org")  # fmt: skip
    return Gate(settings, users=None, logins=None)  # type: ignore[arg-type]


def test_only_peers_inside_the_trusted_networks_count():
    trusted = gate("127.0.0.1/32, 10.0.0.0/8, ::1")
    assert trusted.from_trusted_proxy({"client": ("127.0.0.1", 5000)})
    assert trusted.from_trusted_proxy({"client": ("10.2.3.4", 5000)})
    assert trusted.from_trusted_proxy({"client": ("::1", 5000)})
    assert not trusted.from_trusted_proxy({"client": ("127.0.0.2", 5000)})
    assert not trusted.from_trusted_proxy({"client": ("not-an-ip", 5000)})
    assert not trusted.from_trusted_proxy({})
    assert not gate("").from_trusted_proxy({"client": ("127.0.0.1", 5000)}), "none by default"


def test_a_bad_cidr_is_named_in_the_error():
    with pytest.raises(ValueError, match="'10.0.0.300/8' is not an address or CIDR"):
        parse_networks("127.0.0.1/32,10.0.0.300/8")


def test_the_trusted_header_needs_a_public_url_and_the_url_is_an_origin():
    with pytest.raises(ValueError, match="COACH_TRUSTED_HEADER needs COACH_PUBLIC_URL"):
        Settings(_env_file=None, trusted_header="X-Forwarded-User")
    for bad in ("coach.example.org", "https://coach.example.org/app", "ftp://coach.example.org"):
        with pytest.raises(ValueError, match="must be scheme and host"):
            Settings(_env_file=None, public_url=bad)
    assert Settings(_env_file=None, public_url="http://127.0.0.1:7860").public_url
