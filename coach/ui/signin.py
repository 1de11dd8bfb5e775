"""Our own sign-in: the login page, sessions in the database, sign-out, and trusted-header SSO.

Gradio's built-in ``auth`` keeps tokens in each process, so a password change could not end a
session held by another instance. Instead Gradio gets an ``auth_dependency`` that resolves
every request to a username through :class:`Gate`: first an auth proxy's trusted header (only
from a trusted proxy, judged by the raw TCP peer), then our session cookie. ``POST /login``
stays compatible with ``gradio_client.Client(url, auth=(user, password))``.
"""

from __future__ import annotations

import html
import ipaddress
import logging
from datetime import timedelta

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from coach.config import Settings
from coach.domain.users import User
from coach.services.errors import UserError
from coach.services.logins import LoginService
from coach.services.users import UserService

COOKIE = "flipside_session"
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'
log = logging.getLogger(__name__)

STYLE = """
body { font-family: system-ui, sans-serif; background: #f6f7f9; margin: 0; }
main { max-width: 22rem; margin: 12vh auto; background: #fff; padding: 2rem;
       border-radius: 12px; box-shadow: 0 1px 4px #0002; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; box-sizing: border-box; padding: .6rem; margin-top: .3rem;
        font-size: 1rem; border: 1px solid #bbb; border-radius: 6px; }
button { margin-top: 1.4rem; width: 100%; padding: .7rem; font-size: 1rem; border: 0;
         border-radius: 6px; background: #2f5bd3; color: #fff; cursor: pointer; }
.error { color: #a40000; margin-top: 1rem; }
.notice { color: #185c1e; margin-top: 1rem; }
.aside { margin-top: 1.2rem; font-size: .95rem; }
"""

SIGN_IN_FORM = """<p>Sign in with the account your program admin gave you.</p>
<form method="post" action="login">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit" id="sign-in">Sign in</button>
</form>
<p class="aside"><a href="forgot" id="forgot">Forgot your password?</a></p>"""


def page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    """One of our own small pages (sign-in, password reset): never cached, and no referrer
    (a reset link's token) goes to another site. Not ``no-referrer``: with it a browser sends
    ``Origin: null`` on the form posts, which the origin guard rightly refuses."""
    text = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(title)} · Flipside</title>\n<style>{STYLE}</style></head>\n"
        f"<body><main>\n<h1>Flipside</h1>\n{body}\n</main></body></html>\n"
    )
    headers = {"Cache-Control": "no-store", "Referrer-Policy": "same-origin"}
    return HTMLResponse(text, status_code, headers=headers)


def message(text: str, kind: str = "error") -> str:
    """A sentence from a service, escaped and capitalised, as an error or a notice."""
    if not text:
        return ""
    role = "alert" if kind == "error" else "status"
    shown = html.escape(text[:1].upper() + text[1:])
    return f'<p class="{kind}" role="{role}">{shown}</p>'


def login_page(error: str = "", status_code: int = 200, notice: str = "") -> HTMLResponse:
    body = SIGN_IN_FORM + message(error) + message(notice, "notice")
    return page("Sign in", body, status_code)


def parse_networks(text: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """``COACH_TRUSTED_PROXIES``: comma-separated CIDRs; a clear error names a bad one."""
    networks = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(
                f"COACH_TRUSTED_PROXIES: {part!r} is not an address or CIDR (e.g. 127.0.0.1/32)"
            ) from None
    return tuple(networks)


class Gate:
    """Who a request comes from: the trusted header from a trusted proxy, else our cookie."""

    def __init__(self, settings: Settings, users: UserService, logins: LoginService) -> None:
        self.users = users
        self.logins = logins
        self.header = (settings.trusted_header or "").lower() or None
        self.proxies = parse_networks(settings.trusted_proxies)
        self.autocreate = settings.trusted_autocreate
        self.secure = (settings.public_url or "").lower().startswith("https://")
        self.lifetime = timedelta(hours=settings.session_hours)

    def from_trusted_proxy(self, scope: Scope) -> bool:
        """Is the raw TCP peer a trusted proxy? (Uvicorn runs with ``proxy_headers`` off, so
        ``X-Forwarded-For`` cannot rewrite this address.)"""
        client = scope.get("client")
        if not client or not self.proxies:
            return False
        try:
            peer = ipaddress.ip_address(client[0])
        except ValueError:
            return False
        return any(peer in network for network in self.proxies)

    def user_of(self, request: Request) -> User | None:
        """The signed-in, active user behind this request, or None."""
        if self.header and self.from_trusted_proxy(request.scope):
            names = request.headers.getlist(self.header)
            if len(names) > 1:  # a proxy that appends would let the browser's copy win
                log.warning("refused: %d %s headers in one request", len(names), self.header)
                return None
            if names and names[0]:
                return self.users.from_trusted_header(names[0], self.autocreate)
        return self.logins.user_for(request.cookies.get(COOKIE))

    async def username(self, request: Request) -> str | None:
        """Gradio's ``auth_dependency``: the username, or None (Gradio answers 401)."""
        user = await anyio.to_thread.run_sync(self.user_of, request)
        return user.username if user else None

    def set_cookie(self, response: Response, token: str) -> None:
        response.set_cookie(
            COOKIE, token, max_age=int(self.lifetime.total_seconds()), path="/",
            httponly=True, samesite="lax", secure=self.secure,
        )  # fmt: skip


def wants_html(request: Request) -> bool:
    """A browser's form post (redirect it) rather than an API client (answer JSON)."""
    return "text/html" in request.headers.get("accept", "")


def add_sign_in_routes(app: FastAPI, gate: Gate) -> None:
    """``/login`` (page and form post) and ``/logout`` on the parent app, before Gradio."""

    @app.get("/login")
    async def show_login(request: Request) -> Response:
        if await gate.username(request):
            return RedirectResponse("./", status_code=303)
        return login_page()

    @app.post("/login")
    async def sign_in(request: Request) -> Response:
        form = await request.form()
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        try:
            user, token = await anyio.to_thread.run_sync(gate.logins.sign_in, username, password)
        except UserError as error:
            text = str(error)
            if wants_html(request):
                return login_page(text + ".", 401)
            return JSONResponse({"detail": text}, status_code=401)
        log.info("signed in: %s", user.username)
        response: Response = (
            RedirectResponse("./", status_code=303)
            if wants_html(request)
            else JSONResponse({"success": True})
        )
        gate.set_cookie(response, token)
        return response

    @app.get("/logout")
    @app.post("/logout")
    async def sign_out(request: Request) -> Response:
        await anyio.to_thread.run_sync(gate.logins.end, request.cookies.get(COOKIE))
        response = RedirectResponse("login", status_code=303)
        response.delete_cookie(COOKIE, path="/")
        # The browser drops this origin's localStorage, sessionStorage, cache and cookies.
        response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response


class SignInRedirect:
    """ASGI middleware: a browser opening the app's page unsigned goes to the login page
    (Gradio would answer 401 JSON)."""

    def __init__(self, app: ASGIApp, gate: Gate) -> None:
        self.app = app
        self.gate = gate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        page = scope["type"] == "http" and scope["method"] == "GET" and scope["path"] in ("/", "")
        if page and await self.gate.username(Request(scope)) is None:
            await RedirectResponse("login", status_code=303)(scope, receive, send)
            return
        await self.app(scope, receive, send)
