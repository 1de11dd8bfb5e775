"""How often the chat's written answer is the one a reader chose for the question:
``python bench/chat_match_score.py RUN/answers.jsonl [--gold evals/datasets/chat_gold.jsonl]``.

The gold was written by a helper who read only the 64 development questions and the library's
answers (who each is for, its ways of asking, what it says), never the matcher: for each
question the answer for the asker's role that addresses their situation, others that would also
do, or ``none``. A run's answer counts as right when it is the gold or one of the others; a
question answered by the model (no library answer) is right only when the gold is ``none``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

GOLD = Path("evals/datasets/chat_gold.jsonl")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("answers", type=Path, help="answers.jsonl of bench/chat_run.py")
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    gold = {g["id"]: g for g in map(json.loads, args.gold.read_text().splitlines())}
    right, asked = 0, 0
    for row in map(json.loads, args.answers.read_text().splitlines()):
        if row["id"] not in gold:
            continue
        expected = gold[row["id"]]
        got = row["stats"].get("answer_id") or "none"
        asked += 1
        if got in {expected["answer"], *expected["also"]}:
            right += 1
        else:
            print(f"{row['id']}: got {got}, a reader chose {expected['answer']}: {row['question']}")
    print(json.dumps({"right": right, "questions": asked, "share": round(right / asked, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
