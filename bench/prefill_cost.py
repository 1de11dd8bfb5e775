"""What reading prompts in steps costs: the same unique prompts read in one go and in steps.

Usage: python bench/prefill_cost.py BASE_URL [--sizes 300 1000 2000] [--runs 3] [--seconds 1.5]

BASE_URL is a running embedded server (``coach llm serve --port 8099`` →
http://127.0.0.1:8099/v1). Each run sends a fresh prompt of each size twice, alternating which
way goes first, and times it to the end of an 8-token answer. Prints the median seconds per
size for each way and their ratio (steps / one go), in one run on one machine.
"""

from __future__ import annotations

import argparse
import statistics
import time

from langchain_core.messages import HumanMessage

from coach.benchmarks.abandon import unique_prompt
from coach.llm.local_chat import SteppedChatOpenAI
from coach.llm.prefill import SteppedPrefill


def timed(model: SteppedChatOpenAI, tokens: int) -> float:
    began = time.perf_counter()
    for _ in model.stream([HumanMessage(unique_prompt(tokens))]):
        pass
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base_url")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 2000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=1.5)
    args = parser.parse_args()
    options = {"model": "local", "base_url": args.base_url, "api_key": "local",
               "temperature": 0, "seed": 7, "max_tokens": 8, "streaming": True}  # fmt: skip
    whole = SteppedChatOpenAI(**options)
    stepped = SteppedChatOpenAI(prefill=SteppedPrefill(args.base_url, args.seconds), **options)
    timed(whole, 32)  # warm
    print("tokens  one go (s)  steps (s)  steps / one go  step tokens")
    for size in args.sizes:
        ways: dict[str, list[float]] = {"whole": [], "steps": []}
        for run in range(args.runs):
            order = [("whole", whole), ("steps", stepped)]
            for name, model in order if run % 2 == 0 else order[::-1]:
                ways[name].append(timed(model, size))
        a, b = statistics.median(ways["whole"]), statistics.median(ways["steps"])
        print(f"{size:6d}  {a:10.2f}  {b:9.2f}  {b / a:14.2f}  {stepped.prefill.step:11d}")


if __name__ == "__main__":
    main()
