"""Loop rate, length and citations of chat runs: ``python bench/chat_stats.py RUN.jsonl ...``.

Each file is a chat run's ``answers.jsonl`` (``bench/chat_run.py``); one JSON line per file.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from coach.evals.chat_metrics import chat_figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", type=Path, nargs="+", help="answers.jsonl files")
    for path in parser.parse_args().runs:
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        figures = chat_figures(r["answer"] for r in rows)
        figures["median_seconds"] = statistics.median(r["seconds"] for r in rows) if rows else None
        print(json.dumps({"run": str(path), **figures}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
