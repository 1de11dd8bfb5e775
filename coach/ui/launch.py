"""Start the app: build services, index the guides, warm the model, launch Gradio."""

from __future__ import annotations

import logging
import signal
import sys
import threading

from coach import offline
from coach.config import get_settings
from coach.services.container import Services

log = logging.getLogger("coach")


def warm_model(services: Services) -> threading.Thread:
    """Start (or connect to) the model in the background and have it read the chat's fixed
    system prompt, so the first answer waits for neither."""

    def run() -> None:
        try:
            services.runtime.endpoint()
            services.chat.answerer.prime()
            log.info("model ready")
        except Exception as error:  # reported to the user on their first question
            log.warning("model warm-up failed: %s", error)

    thread = threading.Thread(target=run, name="model-warmup", daemon=True)
    thread.start()
    return thread


def first_admin(services: Services) -> str | None:
    """On a fresh install, create the first admin and return the one-time notice to print."""
    created = services.users.ensure_first_admin()
    if created is None:
        return None
    user, password = created
    return (
        f"No accounts yet: created the admin account {user.username!r} with the password "
        f"{password}\nIt is shown only this once. Sign in and change it under 'My account'."
    )


def launch_app(services: Services, host: str, port: int, block: bool = True):
    """Build the UI and serve it with sign-in against the users table.

    With ``block=False`` the server runs in a thread and the app is returned (for tests).
    """
    from coach.ui.app import CSS, build_app
    from coach.ui.auth import threaded_authenticator

    app = build_app(services)
    app.queue(default_concurrency_limit=4, max_size=services.settings.ui_queue_size).launch(
        server_name=host,
        server_port=port,
        auth=threaded_authenticator(services),
        auth_message="Sign in with the account your program admin gave you.",
        show_error=False,
        footer_links=["api"],
        css=CSS,
        max_file_size="20mb",
        blocked_paths=[str(services.settings.data_dir.resolve())],
        prevent_thread_lock=not block,
        quiet=not block,
    )
    return app


def serve(host: str | None = None, port: int | None = None) -> None:
    """Run the app until interrupted."""
    offline.prepare()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = get_settings()
    services = Services(settings)
    notice = first_admin(services)
    if notice:
        print(notice, flush=True)
    report = services.ensure_guides()
    log.info("guides: %s, %d chunks in the index", report.counts(), services.index.count())
    warm_model(services)
    # SIGTERM (from `kill`, systemd, a test) must run the cleanup below, like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        launch_app(services, host or settings.host, port or settings.port)
    finally:
        services.close()
