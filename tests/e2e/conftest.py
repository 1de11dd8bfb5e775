"""Browser fixtures: Debian's chromium driven by Playwright against the running app.

Without chromium (or the playwright package) these tests skip locally and FAIL under CI=true,
so CI cannot pass without running them. `make browser` installs chromium.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from coach.config import env_flag
from tests.app_support import PASSWORD, RunningApp, running_app

CHROMIUM = Path(os.environ.get("COACH_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# `make screenshots` sets this to docs/screenshots; otherwise shots go to a temp folder.
SHOTS_ENV = "COACH_SCREENSHOTS"
pytestmark = pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning")


def _missing(message: str) -> None:
    if env_flag("CI"):
        pytest.fail(f"{message} (CI=true: browser tests may not skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("the playwright package is missing: run `make install`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app(tmp_path_factory) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("e2e")) as running:
        yield running


@pytest.fixture(scope="session")
def shots(tmp_path_factory) -> Path:
    folder = os.environ.get(SHOTS_ENV)
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _loopback_only(route) -> None:
    """The app works offline: any request off this machine is a bug, so block it."""
    host = urlparse(route.request.url).hostname
    if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def signed_in(browser, app) -> Iterator[Callable]:
    """Open a fresh browser context and sign in as ``username``; returns the page."""
    contexts = []

    def open_page(username: str, viewport: dict = DESKTOP, password: str = PASSWORD):
        context = browser.new_context(viewport=viewport, accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.route("**/*", _loopback_only)
        page.goto(app.url)
        page.get_by_label("username").fill(username)
        page.get_by_label("password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.locator("#whoami").get_by_text("Signed in as").wait_for()
        return page

    yield open_page
    for context in contexts:
        context.close()
