"""Running the load test: accounts and pairs, the real app in a subprocess, simulated users.

Each simulated user signs in with its own ``gradio_client.Client`` in its own thread, waits
until every user is signed in, then saves reflections and (mentors) asks for agendas until
the deadline. The app is the real one, started the way ``make run`` starts it.
"""

from __future__ import annotations

import contextlib
import json
import random
import secrets
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.benchmarks.load import AGENDA, LOGIN, SAVE, Call, Outcome, SaveAttempt, Stored, classify
from coach.benchmarks.load import reflection_answers as answers_for
from coach.config import Settings
from coach.services.access import OPERATOR
from coach.services.container import Services
from coach.services.passwords import random_password

REPO = Path(__file__).resolve().parents[2]
REFLECTIONS = REPO / "evals" / "datasets" / "reflections.jsonl"
FALLBACK_TEXT = (
    "We agreed to meet every two weeks and keep what we say between us.",
    "She showed me how her team uses shared channels instead of long email threads.",
    "I talked too much again; next time I will ask one question and wait.",
)
GOALS = ("Understand how new starters use our internal tools",
         "Run one meeting the way the mentor's team runs stand-ups",
         "Agree a plain-language version of the quarterly update")  # fmt: skip
FOCUS = ("", "", "more on power dynamics", "generational differences", "a tense last session")
Step = Callable[[str], None]


@dataclass(frozen=True)
class LoadOptions:
    """What one load run does (the script's options)."""

    users: int = 50
    seconds: float = 120.0
    agenda_share: float = 0.2
    think: float = 1.0
    long_share: float = 0.1
    call_timeout: float = 300.0
    startup_timeout: float = 900.0
    url: str | None = None
    seed: int = 7


@dataclass(frozen=True)
class SimUser:
    """One simulated account: its sign-in, its side of the pair, the pair it works in."""

    username: str
    password: str
    side: str  # "mentor" or "mentee"
    pair_id: str


def paragraphs(path: Path = REFLECTIONS) -> list[str]:
    """Realistic reflection paragraphs from the eval dataset (a few built-in ones without it)."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("reflection", "") if line.strip() else ""
            found += [p.strip() for p in text.split("\n\n") if len(p.strip()) >= 40]
    return found or list(FALLBACK_TEXT)


def provision(services: Services, users: int, step: Step) -> list[SimUser]:
    """A program of its own and ceil(users / 2) pairs with one goal each, via the services.

    Usernames carry a random tag, so a second run against the same database never collides.
    Passwords are hashed with the app's own parameters, so signing in costs what it costs.
    """
    tag, password = secrets.token_hex(2), random_password()
    pairs = -(-users // 2)
    width = max(2, len(str(pairs)))
    today = datetime.now(UTC).date()
    program = services.programs.add(OPERATOR, f"Load test {tag}", today, today + timedelta(90))
    step(f"creating {pairs * 2} accounts in {pairs} pairs (program 'Load test {tag}')")
    sims: list[SimUser] = []
    for number in range(1, pairs + 1):
        names = {side: f"load{tag}.{side}{number:0{width}d}" for side in ("mentor", "mentee")}
        people = {
            side: services.users.add(OPERATOR, name, "participant", password, name.title())
            for side, name in names.items()
        }
        pair = services.pairs.add(OPERATOR, names["mentor"], names["mentee"], program.id).pair
        goal = GOALS[number % len(GOALS)]
        services.plans.add_goal(people["mentee"], pair.id, goal, "Tried once before the review")
        sims += [SimUser(names[side], password, side, pair.id) for side in ("mentor", "mentee")]
    return sims[:users]


def read_back(services: Services, sims: Sequence[SimUser]) -> list[Stored]:
    """Every reflection the simulated users own, read through the services as their author."""
    rows: list[Stored] = []
    for sim in sims:
        user = services.users.signed_in(sim.username)
        rows += [
            Stored(r.id, sim.username, r.pair_id, r.text) for r in services.reflections.mine(user)
        ]
    return rows


class Recorder:
    """Calls and save attempts from every thread."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.saves: list[SaveAttempt] = []
        self.lock = threading.Lock()

    def call(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def save(self, attempt: SaveAttempt) -> None:
        with self.lock:
            self.saves.append(attempt)


@dataclass
class Clock:
    """The run's time origin, and the window every user waits for before it starts."""

    origin: float
    go: threading.Event
    deadline: float = 0.0

    def now(self) -> float:
        return time.perf_counter() - self.origin


def timed(client: Any, endpoint: str, args: Sequence[Any], timeout: float):
    """One call through the queue: (outcome, message, result, seconds)."""
    began, job = time.perf_counter(), None
    try:
        job = client.submit(*args, api_name=f"/{endpoint}")
        result = job.result(timeout=timeout)
        return "ok", "", result, time.perf_counter() - began
    except Exception as error:
        outcome, message = classify(error)
        if outcome == "timeout" and job is not None:
            job.cancel()  # leaves the queue if it had not started
            message = f"no answer within {timeout:.0f} s"
        return outcome, message, None, time.perf_counter() - began


def newest_id(table: Any) -> str | None:
    """The first row's id in the reflections table a save answers with (newest first)."""
    try:
        return str(table["data"][0][table["headers"].index("id")])
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def simulate(sim: SimUser, url: str, options: LoadOptions, clock: Clock, ready: threading.Event,
             recorder: Recorder, texts: Sequence[str]) -> None:  # fmt: skip
    """Sign in, wait for the start, then save reflections and ask for agendas until the end."""
    from gradio_client import Client

    from coach.ui.mentee import compose

    rng = random.Random(f"{options.seed}-{sim.username}")
    began = clock.now()
    try:
        client = Client(url, auth=(sim.username, sim.password), verbose=False,
                        download_files=False, analytics_enabled=False,
                        httpx_kwargs={"timeout": options.call_timeout})  # fmt: skip
    except Exception as error:
        recorder.call(Call(sim.username, LOGIN, began, clock.now() - began, *classify(error)))
        ready.set()
        return
    recorder.call(Call(sim.username, LOGIN, began, clock.now() - began, "ok"))
    ready.set()
    clock.go.wait()
    number = 0
    try:
        while time.perf_counter() < clock.deadline:
            started = clock.now()
            if sim.side == "mentor" and rng.random() < options.agenda_share:
                args = (sim.pair_id, rng.choice((30, 45, 60)), rng.choice(FOCUS))
                outcome, message, result, seconds = timed(
                    client, AGENDA, args, options.call_timeout
                )
                if outcome == "ok":
                    outcome, message = agenda_verdict(result)
                recorder.call(Call(sim.username, AGENDA, started, seconds, outcome, message))
            else:
                number += 1
                answers = answers_for(rng, texts, f"{sim.username} #{number}", options.long_share)
                args = (sim.pair_id, None, *answers.values())
                outcome, message, result, seconds = timed(client, SAVE, args, options.call_timeout)
                if outcome == "ok" and not str(result[0]).startswith("Saved"):
                    outcome, message = "error", f"unexpected answer: {str(result[0])[:80]}"
                rid = newest_id(result[1]) if outcome == "ok" else None
                recorder.call(Call(sim.username, SAVE, started, seconds, outcome, message))
                recorder.save(
                    SaveAttempt(sim.username, sim.pair_id, compose(answers), outcome, rid)
                )
            pause = rng.uniform(0, 2 * options.think)
            time.sleep(max(0.0, min(pause, clock.deadline - time.perf_counter())))
    finally:
        client.close()


def agenda_verdict(result: Any) -> tuple[Outcome, str]:
    """An agenda answer is ok when it holds a Markdown agenda; note when rules built it."""
    try:  # gradio_client leaves out the gr.State output: seven values, the agenda second
        text, status = str(result[1]), str(result[6])
    except (IndexError, TypeError):
        return "error", f"unexpected answer: {str(result)[:80]}"
    if not text.startswith("# "):
        return "error", f"no agenda in the answer: {status[:80]}"
    return "ok", status if "built by rules" in status else ""


def drive(
    sims: Sequence[SimUser], url: str, options: LoadOptions, step: Step
) -> tuple[Recorder, float]:
    """Run every simulated user; return the records and the drain (deadline to last answer)."""
    recorder, texts = Recorder(), paragraphs()
    clock = Clock(time.perf_counter(), threading.Event())
    ready = [threading.Event() for _ in sims]
    threads = [
        threading.Thread(target=simulate, name=f"user-{i}", daemon=True,
                         args=(sim, url, options, clock, ready[i], recorder, texts))
        for i, sim in enumerate(sims)
    ]  # fmt: skip
    step(f"signing in {len(sims)} users at once")
    for thread in threads:
        thread.start()
    sign_in_deadline = time.monotonic() + options.call_timeout + 30
    for event in ready:
        event.wait(max(0.0, sign_in_deadline - time.monotonic()))
    signed = sum(c.outcome == "ok" for c in recorder.calls if c.endpoint == LOGIN)
    step(f"{signed} of {len(sims)} signed in; running for {options.seconds:.0f} s")
    opened = time.perf_counter()
    clock.deadline = opened + options.seconds
    clock.go.set()
    last = clock.deadline + options.call_timeout + 30
    for thread in threads:
        thread.join(max(0.0, last - time.perf_counter()))
    drain = max(0.0, time.perf_counter() - clock.deadline)
    if any(thread.is_alive() for thread in threads):
        step("some users were still waiting for an answer; their calls are not counted")
    shift = opened - clock.origin  # count from the opening of the window
    with recorder.lock:
        recorder.calls = [replace(c, started=c.started - shift) for c in recorder.calls]
    return recorder, drain


def run_load(options: LoadOptions, settings: Settings, step: Step) -> tuple[dict, Path | None]:
    """Provision, run, read back and report; the data dir when it was kept (or None)."""
    from coach.benchmarks.load import build_load_report, check_writes
    from coach.benchmarks.load_app import AppProcess, fresh_settings, log_notes
    from coach.benchmarks.machine import machine_info
    from coach.llm.server import free_port

    machine, notes = machine_info(), []
    app = None
    if options.url:
        work, url = settings, options.url
    else:
        work = fresh_settings(settings, Path(tempfile.mkdtemp(prefix="flipside-load-")) / "data")
        app = AppProcess(work.data_dir, free_port())
        url = app.url
    services = Services(work)
    try:
        sims = provision(services, options.users, step)
    finally:
        services.close()
    try:
        if app is not None:
            step(f"starting the app (data in {work.data_dir})")
            app.start()
            app.wait_ready(options.startup_timeout, step)
        recorder, drain = drive(sims, url, options, step)
    finally:
        if app is not None:
            step("stopping the app")
            app.stop()
    services = Services(work)
    try:
        step("reading every reflection back from the database")
        writes = check_writes(recorder.saves, read_back(services, sims))
    finally:
        services.close()
    if app is not None:
        notes += log_notes(app.log())
    config = {
        "users": options.users, "seconds": options.seconds, "agenda_share": options.agenda_share,
        "think_s": options.think, "long_share": options.long_share,
        "call_timeout_s": options.call_timeout, "url": url, "started_app": app is not None,
        "model": services.model_label, "llm_threads": work.llm_threads, "seed": options.seed,
        "mentors": sum(s.side == "mentor" for s in sims),
    }  # fmt: skip
    report = build_load_report(config=config, machine=machine, calls=recorder.calls,
                               window=options.seconds, drain=drain, writes=writes,
                               notes=notes)  # fmt: skip
    return report, (work.data_dir if app is not None else None)
