import socket

import pytest

from tests.conftest import NetworkBlocked


def test_guard_blocks_a_non_loopback_connection():
    with socket.socket() as sock, pytest.raises(NetworkBlocked):
        sock.connect(("93.184.216.34", 80))


def test_guard_blocks_connect_ex_too():
    with socket.socket() as sock, pytest.raises(NetworkBlocked):
        sock.connect_ex(("10.1.2.3", 443))


def test_guard_lets_loopback_through():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
