"""Chat benchmark: time to first token and end-to-end time of the mentor chat, local model.

Run: .venv/bin/python bench/chat_bench.py [--questions N]

The baseline, measured in the same run, is the raw model: the same server is sent the same
number of prompt tokens and asked for the same number of output tokens, with no retrieval,
packing or parsing around it. The ratio is the pipeline's overhead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.config import Settings  # noqa: E402
from coach.evals.retrieval import load_questions  # noqa: E402
from coach.services.container import Services  # noqa: E402

FILLER = "The mentor and the mentee agree on goals, ground rules and a regular cadence. "


def raw_model(base_url: str, model: str, prompt_tokens: int, completion_tokens: int) -> float:
    """Seconds for the bare server to read ~prompt_tokens and write completion_tokens."""
    text = FILLER * max(1, prompt_tokens // 16)
    body = {
        "model": model,
        "messages": [{"role": "user", "content": f"{time.time()} {text}"}],  # defeat the cache
        "max_tokens": completion_tokens,
        "temperature": 0,
        "ignore_eos": True,
    }
    began = time.perf_counter()
    httpx.post(f"{base_url}/chat/completions", json=body, timeout=300).raise_for_status()
    return time.perf_counter() - began


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(_env_file=None, prompts_dir=REPO / "prompts")
    services = Services(settings)
    services.ensure_guides()
    endpoint = services.runtime.endpoint()
    questions = [q.question for q in load_questions(REPO / "evals/datasets/retrieval.jsonl")]
    rows = []
    for question in questions[: args.questions]:
        began = time.perf_counter()
        done = list(services.chat.ask(question))[-1]
        total = time.perf_counter() - began
        stats = done.stats
        raw = raw_model(
            endpoint.base_url, endpoint.model, int(stats["prompt_tokens"]),
            max(1, int(stats["completion_tokens"])),
        )  # fmt: skip
        rows.append((stats["first_token_seconds"], total, raw, stats["prompt_tokens"]))
        print(f"first token {stats['first_token_seconds']:5.1f} s  total {total:5.1f} s  "
              f"raw model {raw:5.1f} s  prompt {stats['prompt_tokens']} tokens  "
              f"completion {stats['completion_tokens']} tokens", file=sys.stderr)  # fmt: skip
    first, total, raw, prompt = (statistics.median(c) for c in zip(*rows, strict=True))
    print(f"median over {len(rows)} questions: first token {first:.1f} s, end to end "
          f"{total:.1f} s, raw model {raw:.1f} s, pipeline/raw {total / raw:.2f}x, "
          f"prompt {prompt:.0f} tokens")  # fmt: skip
    services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
