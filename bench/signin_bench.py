"""Sign-in cost per request: our database-held sessions against the same app's unauthenticated
route, in one run, through the real web server on loopback.

Run: .venv/bin/python bench/signin_bench.py [--requests N]

Every request that reaches Gradio's checked routes is resolved to an active user by one
indexed read of `login_sessions` (plus its user and credential) on SQLite. The baseline is
`/gradio_api/app_id`, which Gradio serves without a user check, on the same server in the same
run: the ratio is what the check adds to a request. It also times one password sign-in (argon2).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.llm.server import free_port  # noqa: E402
from coach.services.access import OPERATOR  # noqa: E402
from coach.ui.launch import launch_app  # noqa: E402
from tests.app_support import fake_services  # noqa: E402

PASSWORD = "a benchmark password"


def timed(client: httpx.Client, url: str, n: int, **kwargs) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        response = client.get(url, **kwargs)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="signin-bench-"))
    services, _model = fake_services(root)
    services.users.add(OPERATOR, "bench.user", "participant", PASSWORD, "Bench User")
    port = free_port()
    server = launch_app(services, "127.0.0.1", port, block=False)
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(timeout=10) as client:
            start = time.perf_counter()
            signed = client.post(f"{url}/login", data={"username": "bench.user",
                                                        "password": PASSWORD})  # fmt: skip
            sign_in = time.perf_counter() - start
            cookies = dict(signed.cookies)
            timed(client, f"{url}/gradio_api/app_id", 20)  # warm up
            base = timed(client, f"{url}/gradio_api/app_id", args.requests)
            checked = timed(client, f"{url}/gradio_api/user", args.requests, cookies=cookies)
    finally:
        server.close()
        services.close()
    b, c = statistics.median(base) * 1000, statistics.median(checked) * 1000
    print(f"requests each: {args.requests}")
    print(f"unchecked route /gradio_api/app_id: median {b:.2f} ms")
    print(f"checked route /gradio_api/user (session lookup): median {c:.2f} ms")
    print(f"ratio checked/unchecked: {c / b:.2f}x; added per request: {c - b:.2f} ms")
    print(f"one password sign-in (argon2 + session row): {sign_in * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
