"""Load test: simulated users save reflections and ask for agendas through gradio_client.

Run: .venv/bin/python bench/load_test.py [--users 50] [--seconds 120] [--json]   (make load-test)

Without --url it starts the real app (`python app.py`, as `make run` does) on a free loopback
port over a fresh temporary data dir: real SQLite, a real Chroma folder, the offline embedder
and the configured model (the embedded llama.cpp one unless OPENAI_* is set). It first creates
the accounts and pairs through the services, then every user signs in with its own
gradio_client.Client in its own thread, waits for the others, and works until the deadline:
mentees save reflections; mentors save reflections or, with --agenda-share probability per
action, call prepare_session. Calls still running at the deadline may finish (up to
--call-timeout), so a run can last longer than --seconds.

Reported per endpoint: calls, ok, errors, queue rejections, timeouts, p50/p95/max latency of
the successful calls and ok/s. Then the writes check: every acknowledged save must be in the
database with identical text; saves that failed are checked too. Exit 1 when an acknowledged
write is missing or changed, 2 when the run could not happen. The client shares the machine
with the app, so on a small machine its own CPU use is part of the figures.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach import offline  # noqa: E402

EPILOG = """examples:
  make load-test                                   the full run: 50 users, 2 minutes
  .venv/bin/python bench/load_test.py --users 4 --seconds 20     a quick look
  .venv/bin/python bench/load_test.py --url http://127.0.0.1:7860 --data-dir data
      against an app you started; --data-dir (or the same COACH_* environment) must reach
      its database, where the accounts are created and the reflections read back"""


def share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"a share is between 0 and 1, not {text}")
    return value


def positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    doc = (__doc__ or "").split("\n\n", 2)
    parser = argparse.ArgumentParser(
        description=doc[0] + "\n\n" + doc[2],
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add(
        "--users",
        type=int,
        default=50,
        metavar="N",
        help="simulated users, half mentors (default 50)",
    )
    add(
        "--seconds",
        type=positive,
        default=120.0,
        metavar="S",
        help="how long they work (default 120)",
    )
    add(
        "--agenda-share",
        type=share,
        metavar="P",
        default=0.2,
        help="chance that a mentor's next action asks for an agenda (default 0.2)",
    )
    add(
        "--think",
        type=float,
        metavar="S",
        default=1.0,
        help="mean pause between a user's calls in seconds, 0 = none (default 1)",
    )
    add(
        "--long-share",
        type=share,
        metavar="P",
        default=0.1,
        help="share of reflections with one long answer, up to 9,000 characters (default 0.1)",
    )
    add(
        "--call-timeout",
        type=positive,
        metavar="S",
        default=300.0,
        help="seconds a user waits for one answer before counting a timeout (default 300)",
    )
    add(
        "--startup-timeout",
        type=positive,
        metavar="S",
        default=900.0,
        help="seconds allowed for the app to index the guides and warm the model (default 900)",
    )
    add("--url", help="test an app that is already running instead of starting one")
    add(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the data dir of the app at --url (default: COACH_DATA_DIR or ./data)",
    )
    add("--keep", action="store_true", help="keep the temporary data dir and the app log")
    add(
        "--seed",
        type=int,
        default=7,
        metavar="N",
        help="random seed for texts and actions (default 7)",
    )
    add("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    if args.users < 1:
        parser.error("--users is at least 1")
    if args.data_dir and not args.url:
        parser.error("--data-dir goes with --url; without it the test uses a fresh temp dir")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    offline.silence_telemetry()  # gradio_client phones home unless this is set

    from rich.console import Console

    from coach.benchmarks.load import render_load
    from coach.benchmarks.load_run import LoadOptions, run_load
    from coach.config import Settings

    options = LoadOptions(
        users=args.users,
        seconds=args.seconds,
        agenda_share=args.agenda_share,
        think=args.think,
        long_share=args.long_share,
        call_timeout=args.call_timeout,
        startup_timeout=args.startup_timeout,
        url=args.url,
        seed=args.seed,
    )
    settings = Settings(data_dir=args.data_dir) if args.data_dir else Settings()
    offline.prepare(settings.cache_dir.resolve() / "tiktoken")
    err = Console(stderr=True)
    began = time.monotonic()

    def step(message: str) -> None:
        err.print(f"[dim]{time.monotonic() - began:7.1f} s[/] {message}")

    try:
        report, data_dir = run_load(options, settings, step)
    except (RuntimeError, TimeoutError, OSError, ValueError) as error:
        err.print(f"[red]load test could not run:[/] {error}")
        return 2
    if data_dir is not None:
        if args.keep or not report["writes"]["ok"]:
            step(f"kept the data dir and the app log: {data_dir}")
        else:
            shutil.rmtree(data_dir.parent, ignore_errors=True)
    if args.json:
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
    else:
        out = Console()
        render_load(report, out if out.is_terminal else Console(width=120))
    return 0 if report["writes"]["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
