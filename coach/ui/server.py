"""The web server: our FastAPI app with Gradio mounted in it, served by uvicorn.

We run uvicorn ourselves (not ``Blocks.launch``) for two reasons: Gradio's ``auth`` cannot be
combined with ``auth_dependency``, and uvicorn must run with ``proxy_headers`` off, so that the
raw TCP peer, not a forged ``X-Forwarded-For``, decides whether a trusted header is believed.
"""

from __future__ import annotations

import threading
import time

import gradio as gr
import uvicorn
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from coach.config import Settings
from coach.services.password_reset import PasswordResetService
from coach.ui.origin import OriginGuard, normal_origin
from coach.ui.reset_pages import add_reset_routes
from coach.ui.signin import Gate, SignInRedirect, add_sign_in_routes


def web_app(
    blocks: gr.Blocks,
    settings: Settings,
    gate: Gate,
    css: str,
    resets: PasswordResetService | None = None,
) -> FastAPI:
    """Sign-in (and password-reset) routes first, then Gradio at ``/``, behind the origin
    guard."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    # A CORS middleware of our own makes Gradio drop its permissive one; it grants nothing to
    # another origin (only COACH_PUBLIC_URL's, which is our own anyway).
    public = normal_origin(settings.public_url) if settings.public_url else None
    app.add_middleware(
        CORSMiddleware, allow_origins=[public] if public else [], allow_credentials=True
    )
    add_sign_in_routes(app, gate)
    if resets is not None:
        add_reset_routes(app, resets)
    gr.mount_gradio_app(
        app, blocks, path="/", auth_dependency=gate.username,
        show_error=False, footer_links=["api"], css=css, max_file_size="20mb",
        blocked_paths=[str(settings.data_dir.resolve())], run_history=False,
    )  # fmt: skip
    app.add_middleware(SignInRedirect, gate=gate)
    app.add_middleware(OriginGuard, public_url=settings.public_url)
    return app


class WebServer:
    """Uvicorn serving one app, in the foreground or in a thread (for tests)."""

    def __init__(self, app: FastAPI, host: str, port: int, quiet: bool = False) -> None:
        config = uvicorn.Config(
            app, host=host, port=port, proxy_headers=False, lifespan="on",
            log_level="warning" if quiet else "info", timeout_graceful_shutdown=2,
        )  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread: threading.Thread | None = None

    def run(self) -> None:
        self.server.run()

    def start(self, timeout: float = 60.0) -> WebServer:
        """Serve from a thread; returns once the server accepts connections."""
        self.thread = threading.Thread(target=self.server.run, name="web", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start (is the port taken?)")
            time.sleep(0.05)
        return self

    def close(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)
