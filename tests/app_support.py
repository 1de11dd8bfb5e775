"""A running Flipside app for the UI tests: the demo program, a fake model (or the embedded
one), a temp data dir.

The app runs in this process (Gradio serves from a thread) on a free loopback port, with the
real sign-in, the real SQLite store and the real embedder over two of our guides.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.config import Settings
from coach.llm.fake import FakeChatModel
from coach.llm.server import free_port
from coach.private_files import private_umask
from coach.services.container import Services
from coach.services.demo import DemoLoader, DemoReport
from coach.services.passwords import Passwords
from tests.conftest import REPO

PASSWORD = "demo password for tests"
GUIDES = ("first-session.md", "power-dynamics.md")
ANSWER = "Agree ground rules first and let your mentee name one hope for the pairing [1]."
# Demo accounts by what they do: a mentor in a healthy pair, its mentee, the lead, the admin.
MENTOR, MENTEE, LEAD, ADMIN = "priya.nair", "harold.brandt", "morgan.ellis", "sam.okafor"
OUTSIDER = "tomas.reyes"  # a participant in another pair


@dataclass
class RunningApp:
    url: str
    services: Services
    model: FakeChatModel
    demo: DemoReport


def fake_services(
    root: Path, replies: int = 50, model: FakeChatModel | None = None, **settings: Any
) -> tuple[Services, FakeChatModel]:
    """Services over a fresh data dir with two guides, answered by the fake model (``model``,
    or one holding ``replies`` copies of ``ANSWER``).

    ``settings`` override the defaults (e.g. a shared ``database_url`` or Chroma server).
    """
    model = model or FakeChatModel.of([ANSWER] * replies)
    return Services(app_settings(root, **settings), chat_model=lambda: model), model


def app_settings(root: Path, **settings: Any) -> Settings:
    """Settings over a fresh data dir under ``root`` with two of our guides to index;
    ``settings`` override the defaults. The chat's written answers are off unless asked for
    (``chat_library=True``): most tests here check what the chat does with the model's answer,
    and a plain question such as "How do I open our first session?" has a written one."""
    settings.setdefault("chat_library", False)
    knowledge = root / "knowledge"
    knowledge.mkdir(parents=True)
    for name in GUIDES:
        shutil.copy(REPO / "knowledge" / name, knowledge / name)
    return Settings(
        _env_file=None, data_dir=root / "data", prompts_dir=REPO / "prompts",
        knowledge_dir=knowledge, llm_provider="local", **settings,
    )  # fmt: skip


def load_demo(services: Services) -> DemoReport:
    """The demo program in ``services``' store (every account's password ``PASSWORD``), and
    the guides indexed."""
    report = DemoLoader(services.store, Passwords.fast()).load(PASSWORD)
    services.ensure_guides()
    return report


def demo_services(
    root: Path, replies: int = 50, model: FakeChatModel | None = None, **settings: Any
) -> tuple[Services, FakeChatModel, DemoReport]:
    """Services over a fresh data dir holding the demo program, answered by the fake model;
    ``settings`` override the defaults."""
    services, model = fake_services(root, replies, model, **settings)
    return services, model, load_demo(services)


@contextmanager
def running_app(
    root: Path, model: FakeChatModel | None = None, **settings: Any
) -> Iterator[RunningApp]:
    """Launch the app the way `coach serve` does, and stop it afterwards; ``settings``
    override the defaults (``chat_library=True``: the chat as shipped)."""
    services, model, report = demo_services(root, model=model, **settings)
    with _served(services, model, report) as running:
        yield running


@contextmanager
def real_running_app(root: Path, **settings: Any) -> Iterator[RunningApp]:
    """The demo program served with the embedded model, no fake anywhere (``model`` is None),
    and the chat as shipped (the coaching library's answers first); repeatable: temperature 0,
    seed 7; ``settings`` change the rest.

    The repo's downloaded model is linked into the temp data dir's cache, so the app runs it
    by its shipped name, as an install does (and labels what it made with that name)."""
    from coach.llm.local_model import resolve_model

    name = "qwen2.5-coder-1.5b"
    gguf = resolve_model(name, REPO / "data" / "cache")
    models = root / "data" / "cache" / "models"
    private_umask()  # as the app's own folders are made: 0700
    models.mkdir(parents=True)
    for path in (gguf, gguf.with_suffix(".sha256")):
        (models / path.name).symlink_to(path)
    services = Services(app_settings(
        root, local_model=name, llm_temperature=0, llm_seed=7, llm_share=False,
        chat_library=True,  # as shipped: a question we have an answer for is answered from it
        **settings,
    ))  # fmt: skip
    with _served(services, None, load_demo(services)) as running:
        yield running


@contextmanager
def _served(
    services: Services, model: FakeChatModel | None, report: DemoReport
) -> Iterator[RunningApp]:
    """Serve ``services`` on a free loopback port; close both afterwards."""
    from coach.ui.launch import launch_app

    port = free_port()
    app = launch_app(services, "127.0.0.1", port, block=False)
    try:
        yield RunningApp(f"http://127.0.0.1:{port}", services, model, report)  # type: ignore[arg-type]
    finally:
        app.close()
        services.close()
