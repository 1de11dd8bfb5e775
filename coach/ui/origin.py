"""Refuse cross-origin requests before they reach Gradio.

Gradio grants CORS, with credentials, to any origin whenever the Host header is not localhost,
which is always the case behind a reverse proxy. This ASGI middleware sits in front of it: a
request that carries an ``Origin`` other than the app's own is answered 403 and never runs.
Requests without ``Origin`` (same-origin navigation, ``gradio_client``, the CLI) pass.
Every answer also forbids framing by another site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_PORTS = {"http": 80, "https": 443}
WEB_SCHEME = {"ws": "http", "wss": "https", "http": "http", "https": "https"}


def normal_origin(url: str) -> str | None:
    """``scheme://host[:port]`` in lower case, the default port dropped; None if unusable."""
    try:
        parts = urlsplit(url.strip().lower())
        port = parts.port
    except ValueError:
        return None
    scheme = WEB_SCHEME.get(parts.scheme)
    if scheme is None or not parts.hostname:
        return None
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    suffix = "" if port in (None, DEFAULT_PORTS[scheme]) else f":{port}"
    return f"{scheme}://{host}{suffix}"


def own_origin(scope: Scope, public_url: str | None) -> str | None:
    """The app's origin: ``COACH_PUBLIC_URL`` when set, else this request's scheme and Host."""
    if public_url:
        return normal_origin(public_url)
    host = Headers(scope=scope).get("host")
    if not host:
        return None
    return normal_origin(f"{scope.get('scheme', 'http')}://{host}")


class OriginGuard:
    """ASGI middleware: 403 for any request whose ``Origin`` is not the app's own."""

    def __init__(self, app: ASGIApp, public_url: str | None = None) -> None:
        self.app = app
        self.public_url = public_url

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            origin = Headers(scope=scope).get("origin")
            own = own_origin(scope, self.public_url)
            if origin is not None and (own is None or normal_origin(origin) != own):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                response = PlainTextResponse(
                    "Cross-origin request refused: this page is not Flipside's own address.",
                    status_code=403,
                )
                await response(scope, receive, send)
                return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def framed_by_nobody(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Frame-Options"] = "DENY"  # no clickjacking from another site
                headers["Content-Security-Policy"] = "frame-ancestors 'none'"
            await send(message)

        await self.app(scope, receive, framed_by_nobody)
