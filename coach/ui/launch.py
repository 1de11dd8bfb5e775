"""Start the app: build services, index the guides, warm the model, launch Gradio."""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading

from coach import offline
from coach.config import get_settings
from coach.private_files import private_temp_dir, private_umask
from coach.services.container import Services
from coach.services.doors import OperatorDoor

log = logging.getLogger("coach")


def warm_model(services: OperatorDoor) -> threading.Thread:
    """Start (or connect to) the model in the background and have it read the chat's fixed
    system prompt, so the first answer waits for neither."""

    def run() -> None:
        try:
            services.warm_up()
            log.info("model ready")
        except Exception as error:  # reported to the user on their first question
            log.warning("model warm-up failed: %s", error)

    thread = threading.Thread(target=run, name="model-warmup", daemon=True)
    thread.start()
    return thread


FIRST_ADMIN_FILE = "first-admin-password.txt"


def first_admin(services: OperatorDoor) -> str | None:
    """On a fresh install, create the first admin and return the one-time notice to print.

    The password goes to a 0600 file in the data dir, never to stdout (container logs keep
    stdout); the notice names the file.
    """
    created = services.users.ensure_first_admin()
    if created is None:
        return None
    user, password = created
    path = services.settings.data_dir / FIRST_ADMIN_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(password + "\n")
    os.chmod(path, 0o600)
    return (
        f"No accounts yet: created the admin account {user.username!r}. Its password is in "
        f"{path.resolve()} (readable by this account only).\nSign in, change it under "
        "'My account', then delete that file."
    )


def launch_app(services: Services, host: str, port: int, block: bool = True):
    """Build the UI and serve it with our own sign-in (sessions in the database).

    With ``block=False`` the server runs in a thread and its handle is returned (for tests);
    ``close()`` stops it.
    """
    settings = services.settings
    private_temp_dir(settings.web_temp_dir, settings.data_dir)  # before Gradio names its cache
    from coach.ui.app import CSS, build_app
    from coach.ui.server import WebServer, web_app
    from coach.ui.signin import Gate

    blocks = build_app(services)
    blocks.queue(default_concurrency_limit=4, max_size=settings.ui_queue_size)
    operator = OperatorDoor(services)
    gate = Gate(settings, operator.users, operator.logins)
    app = web_app(blocks, settings, gate, CSS, operator.password_resets)
    server = WebServer(app, host, port, quiet=not block)
    if block:
        log.info("serving on http://%s:%d", host, port)
        server.run()
        return server
    return server.start()


def serve(host: str | None = None, port: int | None = None) -> None:
    """Run the app until interrupted."""
    private_umask()  # before anything writes into the data dir (the tokenizer cache, first)
    offline.prepare()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    # one line per HTTP request to the model server (health polls, prompt steps) drowns the log
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings = get_settings()
    container = Services(settings)
    operator = OperatorDoor(container)
    notice = first_admin(operator)
    if notice:
        print(notice, flush=True)
    report = operator.ensure_guides()
    log.info("guides: %s, %d chunks in the index", report.counts(), operator.indexed_chunks())
    warm_model(operator)
    container.start_background()  # prepare next sessions; close() stops it
    # SIGTERM (from `kill`, systemd, a test) must run the cleanup below, like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        launch_app(container, host or settings.host, port or settings.port)
    finally:
        operator.close()
