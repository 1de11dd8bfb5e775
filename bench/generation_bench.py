"""Artifact benchmark: agenda, starters and summary latency, first token and tokens, local model.

Run: .venv/bin/python bench/generation_bench.py [--pairs N] [--modes grammar,json_schema]
                                                [--base-url URL --model NAME] [--json]

Each artifact is generated for the first N eval pair files (summaries for the first N
reflections) and the medians are printed. The baseline, measured in the same run on the same
server, is llama.cpp's own ``response_format`` JSON-schema constraint, which lets the model
indent its JSON; our default sends a compact grammar instead. The ratio is default / baseline.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from coach.config import Settings  # noqa: E402
from coach.llm.factory import ModelRuntime  # noqa: E402
from coach.services.container import Services  # noqa: E402
from coach.services.pair_files import read_pair_file  # noqa: E402

KINDS = ("agenda", "starters", "summary")


def run_mode(services: Services, pairs: list, cases: list) -> dict[str, list[dict]]:
    """Per artifact kind, one row of figures per generated artifact."""
    rows: dict[str, list[dict]] = {k: [] for k in KINDS}
    gen = services.generation
    for profile in pairs:
        rows["agenda"].append(gen.agenda(profile).meta.model_dump())
        rows["starters"].append(gen.starters(profile).meta.model_dump())
    for case in cases:
        profile = read_pair_file(REPO / "evals/datasets/pairs" / f"{case['pair_id']}.json")
        meta = gen.summarize(profile, case["reflection"], case["author"]).meta
        rows["summary"].append(meta.model_dump())
    return rows


def medians(rows: list[dict]) -> dict[str, float]:
    def med(key: str) -> float:
        values = [r[key] for r in rows if r.get(key) is not None]
        return round(statistics.median(values), 2) if values else float("nan")

    return {
        "seconds": med("seconds"),
        "first_token_seconds": med("first_token_seconds"),
        "prompt_tokens": med("prompt_tokens"),
        "completion_tokens": med("completion_tokens"),
        "fallbacks": sum(bool(r["fallback"]) for r in rows),
        "n": len(rows),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3, help="pair files (and reflections) to use")
    parser.add_argument("--modes", default="grammar,json_schema", help="constraints to compare")
    parser.add_argument("--base-url", default=None, help="use this OpenAI-compatible server")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b", help="model name at --base-url")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    extra = (
        {"llm_provider": "openai", "openai_base_url": args.base_url, "openai_model": args.model}
        if args.base_url
        else {}
    )
    base = Settings(_env_file=None, prompts_dir=REPO / "prompts", **extra)
    runtime = ModelRuntime(base)
    files = sorted((REPO / "evals/datasets/pairs").glob("*.json"))[: args.pairs]
    pairs = [read_pair_file(f) for f in files]
    lines = (REPO / "evals/datasets/reflections.jsonl").read_text().splitlines()
    cases = [json.loads(line) for line in lines[: args.pairs]]
    results: dict[str, dict] = {}
    try:
        for mode in args.modes.split(","):
            settings = base.model_copy(update={"llm_structured": mode})
            services = Services(settings, runtime=runtime)
            services.ensure_guides()
            rows = run_mode(services, pairs, cases)
            results[mode] = {kind: medians(rows[kind]) for kind in KINDS}
    finally:
        runtime.close()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    modes = list(results)
    print(f"{'artifact':<10}{'mode':<13}{'median s':>9}{'1st token':>10}{'prompt':>8}"
          f"{'output':>8}{'fallbacks':>10}")  # fmt: skip
    for kind in KINDS:
        for mode in modes:
            r = results[mode][kind]
            print(f"{kind:<10}{mode:<13}{r['seconds']:>9}{r['first_token_seconds']:>10}"
                  f"{r['prompt_tokens']:>8}{r['completion_tokens']:>8}"
                  f"{r['fallbacks']:>6}/{r['n']}")  # fmt: skip
        if len(modes) == 2:
            a, b = (results[m][kind] for m in modes)
            time_ratio = a["seconds"] / b["seconds"]
            token_ratio = a["completion_tokens"] / b["completion_tokens"]
            print(f"{'':<10}ratio {modes[0]}/{modes[1]}: {time_ratio:.2f}x time, "
                  f"{token_ratio:.2f}x output tokens")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
