"""The origin guard and origin normalisation, through Starlette's test client."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from coach.ui.origin import OriginGuard, normal_origin

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Coach.Example.org", "https://coach.example.org"),
        ("https://coach.example.org:443/path", "https://coach.example.org"),
        ("http://coach.example.org:80", "http://coach.example.org"),
        ("http://127.0.0.1:7860", "http://127.0.0.1:7860"),
        ("wss://coach.example.org", "https://coach.example.org"),
        ("http://[::1]:7860", "http://[::1]:7860"),
        ("null", None),
        ("file:///etc/passwd", None),
        ("https://host:notaport", None),
    ],
)
def test_origins_are_compared_in_one_normal_form(url, expected):
    assert normal_origin(url) == expected


def client(public_url: str | None) -> TestClient:
    inner = Starlette(routes=[Route("/x", lambda _r: PlainTextResponse("ran"), methods=["POST"])])
    return TestClient(OriginGuard(inner, public_url=public_url), base_url="http://testserver")


def test_without_a_public_url_the_requests_own_host_is_the_origin():
    web = client(None)
    assert web.post("/x").text == "ran"  # no Origin: same-origin navigation, API clients
    assert web.post("/x", headers={"origin": "http://testserver"}).text == "ran"
    assert web.post("/x", headers={"host": "coach.example.org",
                                   "origin": "http://coach.example.org"}).text == "ran"  # fmt: skip
    refused = web.post(
        "/x", headers={"host": "coach.example.org", "origin": "https://evil.example"}
    )
    assert refused.status_code == 403 and "ran" not in refused.text
    assert web.post("/x", headers={"origin": "null"}).status_code == 403


def test_behind_tls_only_the_public_url_counts():
    web = client("https://coach.example.org")
    headers = {"host": "coach.example.org"}
    assert web.post("/x", headers={**headers, "origin": "https://coach.example.org"}).text == "ran"
    # The app sees plain http from the proxy; the browser's origin is https.
    plain = web.post("/x", headers={**headers, "origin": "http://coach.example.org"})
    assert plain.status_code == 403
    assert web.post("/x", headers={**headers, "origin": "https://evil.example"}).status_code == 403


def test_a_cross_origin_websocket_is_closed():
    from starlette.routing import WebSocketRoute
    from starlette.websockets import WebSocketDisconnect

    async def echo(socket):
        await socket.accept()
        await socket.send_text("open")
        await socket.close()

    inner = Starlette(routes=[WebSocketRoute("/ws", echo)])
    web = TestClient(OriginGuard(inner))
    with web.websocket_connect("/ws", headers={"origin": "http://testserver"}) as socket:
        assert socket.receive_text() == "open"
    with (
        pytest.raises(WebSocketDisconnect),
        web.websocket_connect("/ws", headers={"origin": "https://evil.example"}) as socket,
    ):
        socket.receive_text()
