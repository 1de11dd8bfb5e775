"""Ask the chat every question of a chat dataset and keep the answers: a run to read and review.

    python bench/chat_run.py evals/datasets/chat.jsonl --out evals/runs/before-chat

Writes ``answers.jsonl`` (question, answer, cited sources, seconds, tokens) into ``--out``. It
uses only ``Services.chat.ask`` and ``ensure_guides``, so it also runs against an older
checkout (``PYTHONPATH=<checkout>``): that is how the "before" run of issue 16 was recorded.
"""

from __future__ import annotations

import argparse
import inspect
import json
import time
from pathlib import Path

from coach.config import get_settings
from coach.services.container import Services


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dataset", type=Path, help="a chat.jsonl file")
    parser.add_argument("--out", type=Path, required=True, help="folder for answers.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="only the first N questions")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.dataset.read_text().splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    args.out.mkdir(parents=True, exist_ok=True)
    services = Services(get_settings())
    ask = services.chat.ask
    # Who asks, where the chat takes it (older checkouts, for a "before" run, do not).
    takes = "audience" in inspect.signature(ask).parameters

    def by_audience(row: dict) -> dict:
        return {"audience": row.get("audience", "mentor")} if takes else {}

    try:
        services.ensure_guides()
        with (args.out / "answers.jsonl").open("w", encoding="utf-8") as out:
            for number, row in enumerate(rows, 1):
                began, answer, final, error = time.perf_counter(), "", None, ""
                try:
                    for event in ask(row["question"], **by_audience(row)):
                        if event.kind == "delta":
                            answer += event.text
                        else:
                            final = event
                except Exception as failure:  # a failed answer is a result too
                    error = f"{type(failure).__name__}: {failure}"
                record = {
                    **row,
                    "answer": final.text if final is not None and final.text else answer,
                    "sources": [
                        {"n": n, "source": p.source, "section": p.section}
                        for n, p in enumerate(final.sources if final else [], 1)
                    ],
                    "cited": list(final.cited) if final else [],
                    "stats": dict(final.stats) if final else {},
                    "seconds": round(time.perf_counter() - began, 2),
                    "error": error,
                }
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                out.flush()
                print(f"{number}/{len(rows)} {row['id']}: {record['seconds']} s", flush=True)
    finally:
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
