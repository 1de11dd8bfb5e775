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
    """Start (or connect to) the model in the background so the first answer is quicker."""

    def run() -> None:
        try:
            services.runtime.endpoint()
            log.info("model ready")
        except Exception as error:  # reported to the user on their first question
            log.warning("model warm-up failed: %s", error)

    thread = threading.Thread(target=run, name="model-warmup", daemon=True)
    thread.start()
    return thread


def serve(host: str | None = None, port: int | None = None) -> None:
    """Run the app until interrupted."""
    offline.prepare()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    from coach.ui.app import build_app

    settings = get_settings()
    services = Services(settings)
    report = services.ensure_guides()
    log.info("guides: %s, %d chunks in the index", report.counts(), services.index.count())
    warm_model(services)
    app = build_app(services)
    # SIGTERM (from `kill`, systemd, a test) must run the cleanup below, like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        app.queue(default_concurrency_limit=4).launch(
            server_name=host or settings.host,
            server_port=port or settings.port,
            show_error=False,
            footer_links=["api"],
        )
    finally:
        services.close()
