"""Two Flipside processes at once: one shared model server against one server each.

Run: .venv/bin/python bench/shared_server_bench.py [--processes 2] [--tokens 64]

Each round starts ``--processes`` child processes on one throwaway data folder, with
``COACH_LLM_SHARE`` on, then off. Every child gets its model endpoint (sharing: the first
starts the server and the others borrow it; not sharing: each starts its own), waits until all
are ready, and then they all send the same request together: a guide excerpt of about 400
tokens and up to ``--tokens`` tokens back. The figure is the time from the common start to the
last answer, with model loading left out. The ratio is measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
from pathlib import Path
from coach.config import Settings
from coach.llm.factory import ModelRuntime
data, share, tokens = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
go, end = Path(data) / "go", Path(data) / "end"
runtime = ModelRuntime(Settings(_env_file=None, data_dir=Path(data), llm_share=share))
runtime.endpoint()
print("ready", flush=True)
while not go.exists():
    time.sleep(0.01)
text = sorted(Path("knowledge").glob("*.md"))[1].read_text()[:1800]
model = runtime.chat_model(max_tokens=tokens, temperature=0, streaming=False)
model.invoke(f"{text}\\n\\nIn two sentences, what should a junior mentor take from this?")
print(json.dumps({"done": time.time(), "own": runtime.local is not None}), flush=True)
while not end.exists():  # the owner keeps the shared server up until everyone has answered
    time.sleep(0.05)
runtime.close()
"""


def run_round(processes: int, share: bool, tokens: int) -> dict:
    """Start the children, wait until all are ready, release them together, time the last."""
    with tempfile.TemporaryDirectory(prefix="coach-share-") as tmp:
        go, end = Path(tmp) / "go", Path(tmp) / "end"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "COACH_"))}
        children = []
        for _ in range(processes):
            command = [sys.executable, "-c", CHILD, tmp, "1" if share else "0", str(tokens)]
            children.append(
                subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
            )
            # Let the first child record its server before the next looks for one.
            assert children[-1].stdout is not None
            if children[-1].stdout.readline().strip() != "ready":
                raise RuntimeError("a child failed to get its model endpoint")
        began = time.time()
        go.touch()
        finished = []
        for child in children:
            assert child.stdout is not None
            finished.append(json.loads(child.stdout.readline()))
        end.touch()
        for child in children:
            child.communicate(timeout=120)
        return {
            "share": share,
            "servers": sum(f["own"] for f in finished),
            "seconds": max(f["done"] for f in finished) - began,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="Flipside processes at once")
    parser.add_argument("--tokens", type=int, default=64, help="tokens each request may write")
    args = parser.parse_args()
    rounds = [run_round(args.processes, share, args.tokens) for share in (True, False)]
    for r in rounds:
        label = "one shared server" if r["share"] else "one server each"
        print(f"{label:18s} servers started {r['servers']}, all {args.processes} answers in "
              f"{r['seconds']:.1f} s")  # fmt: skip
    shared, separate = rounds[0]["seconds"], rounds[1]["seconds"]
    print(f"one server each takes {separate / shared:.2f}x as long as one shared server")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
