"""Chat benchmark: time to first token and end-to-end time of the mentor chat, local model.

Run: .venv/bin/python bench/chat_bench.py [--questions N]

The baseline, measured in the same run, is the raw model: the same server is sent the same
number of prompt tokens and asked for the same number of output tokens, with no retrieval,
packing or parsing around it (coach/benchmarks/raw_model.py, shared with `coach bench`). The
ratio is the pipeline's overhead.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.benchmarks.raw_model import RawModel  # noqa: E402
from coach.config import Settings  # noqa: E402
from coach.evals.retrieval import load_questions  # noqa: E402
from coach.services.container import Services  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5)
    args = parser.parse_args()
    settings = Settings(_env_file=None, prompts_dir=REPO / "prompts")
    services = Services(settings)
    services.ensure_guides()
    endpoint = services.runtime.endpoint()
    services.chat.answerer.prime()  # as the app's start-up warm-up does (coach/ui/launch.py)
    raw_model = RawModel(endpoint.base_url, endpoint.model, endpoint.api_key)
    questions = [q.question for q in load_questions(REPO / "evals/datasets/retrieval.jsonl")]
    rows = []
    for question in questions[: args.questions]:
        began = time.perf_counter()
        done = list(services.chat.ask(question))[-1]
        total = time.perf_counter() - began
        stats = done.stats
        prompt, completion = int(stats["prompt_tokens"]), max(1, int(stats["completion_tokens"]))
        raw = raw_model(prompt, completion).seconds
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
