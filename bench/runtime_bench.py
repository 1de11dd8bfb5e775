"""Runtime benchmark: how fast the installed llama.cpp build reads a prompt and writes tokens.

Run: .venv/bin/python bench/runtime_bench.py [--runs N] [--prompt-chars N]

It starts the embedded model, sends the same ~560-token prompt N times with the server's prompt
cache off, and prints the server's own prompt-reading and writing rates. To compare the prebuilt
wheel with the build for this CPU, run it once with each installed (docs/benchmarks.md):

    .venv/bin/pip install --no-deps --force-reinstall --only-binary :all: xllamacpp==VERSION
    .venv/bin/python bench/runtime_bench.py
    rm .venv/.xllamacpp-native && scripts/build-native-llama.sh
    .venv/bin/python bench/runtime_bench.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.config import Settings  # noqa: E402
from coach.llm.factory import ModelRuntime  # noqa: E402
from coach.llm.runtime_build import local_build  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prompt-chars", type=int, default=2600)
    args = parser.parse_args()
    guide = sorted((REPO / "knowledge").glob("*.md"))[0].read_text()[: args.prompt_chars]
    runtime = ModelRuntime(Settings(_env_file=None))
    base = runtime.endpoint().base_url.removesuffix("/v1")
    reads, writes, walls = [], [], []
    try:
        for run in range(args.runs):
            body = {
                "prompt": f"[{run}] Summarise this guide.\n{guide}",
                "n_predict": 80,
                "cache_prompt": False,
                "temperature": 0,
            }
            reply = httpx.post(f"{base}/completion", json=body, timeout=600).json()
            t = reply["timings"]
            reads.append(t["prompt_per_second"])
            writes.append(t["predicted_per_second"])
            walls.append((t["prompt_ms"] + t["predicted_ms"]) / 1000)
            print(f"read {t['prompt_n']} tokens at {t['prompt_per_second']:.1f}/s, "
                  f"wrote {t['predicted_n']} at {t['predicted_per_second']:.1f}/s",
                  file=sys.stderr)  # fmt: skip
    finally:
        runtime.close()
    build, _ = local_build()
    print(f"llama.cpp build {build}")
    print(f"median over {args.runs} runs: reads {statistics.median(reads):.1f} tokens/s, "
          f"writes {statistics.median(writes):.1f} tokens/s, "
          f"{statistics.median(walls):.1f} s per request")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
