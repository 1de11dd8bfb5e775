"""LLM re-ranking experiment (issue 3): can the local model re-order hybrid's candidates?

Run: .venv/bin/python bench/llm_rerank_experiment.py [--every 5] [--depth 20]

1. Index the guides and the seed articles into a throwaway store, as `make eval`.
2. For every Nth question of evals/datasets/retrieval.jsonl, take hybrid's top sections
   (de-duplicated to source and section, ``--depth`` of them) and show the configured model each
   one as a numbered line: its title, its section and the opening words of its text.
3. The model answers with the numbers of the five most useful sections, best first. Its picks
   go first, then the rest in hybrid order; both orderings are scored on the same questions.

Nothing here changes the product. It prints recall@5, hit@5 and nDCG@10 for both orderings, the
ceiling (recall at ``--depth``) and the model's seconds per question.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from langchain_core.messages import HumanMessage, SystemMessage  # noqa: E402

from coach.config import Settings  # noqa: E402
from coach.evals import metrics  # noqa: E402
from coach.evals.retrieval import load_questions, score_ranking  # noqa: E402
from coach.services.container import Services  # noqa: E402

SYSTEMS = {
    "five": (
        "You pick which guide sections answer a user's question about a reverse mentoring "
        "program. Reply with the numbers of the five most useful sections, most useful first, "
        "separated by commas, and nothing else."
    ),
    "one": (
        "You pick the guide section that best answers a user's question about a reverse "
        "mentoring program. Read every section, then reply with the number of the single best "
        "one and nothing else."
    ),
}
OPENING_WORDS = 25


def candidate_lines(passages) -> tuple[list[tuple[str, str]], str]:
    """The de-duplicated (source, section) keys and the numbered list the model reads."""
    keys: list[tuple[str, str]] = []
    lines: list[str] = []
    for p in passages:
        key = (p.source, p.section)
        if key in keys:
            continue
        keys.append(key)
        words = " ".join(p.text.split()[:OPENING_WORDS])
        heading = f"{p.title} > {p.section}" if p.section else p.title
        lines.append(f"{len(keys)}. {heading}: {words}")
    return keys, "\n".join(lines)


def picks(reply: str, count: int) -> list[int]:
    """The model's numbers, in order, without repeats or numbers out of range."""
    out: list[int] = []
    for token in re.findall(r"\d+", reply):
        n = int(token) - 1
        if 0 <= n < count and n not in out:
            out.append(n)
    return out[:5]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=5, help="score every Nth question")
    parser.add_argument("--depth", type=int, default=20, help="candidates shown to the model")
    parser.add_argument("--ask", choices=sorted(SYSTEMS), default="five", help="which prompt")
    parser.add_argument(
        "--shuffle", action="store_true", help="show the candidates in a fixed random order"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = Services(Settings(_env_file=None, data_dir=Path(tmp)))
        docs = [REPO / "knowledge"] + [p for p in [REPO.parent / "shared/seeds"] if p.exists()]
        services.ingest.ingest(docs)
        questions = load_questions(REPO / "evals/datasets/retrieval.jsonl")[:: args.every]
        model = services.runtime.chat_model(max_tokens=24, streaming=False, temperature=0.0)
        hybrid: dict[str, list[tuple[str, str]]] = {}
        reranked: dict[str, list[tuple[str, str]]] = {}
        seconds: list[float] = []
        for n, q in enumerate(questions, start=1):
            passages = services.retriever.search(q.question, 3 * args.depth, mode="hybrid")
            keys, listing = candidate_lines(passages)
            keys = keys[: args.depth]
            lines = listing.splitlines()[: args.depth]
            shown = list(range(len(keys)))
            if args.shuffle:
                random.Random(q.id).shuffle(shown)
            listing = "\n".join(
                f"{pos}. {lines[i].split('. ', 1)[1]}" for pos, i in enumerate(shown, start=1)
            )
            began = time.perf_counter()
            asked = HumanMessage(f"Question: {q.question}\n\n{listing}")
            reply = model.invoke([SystemMessage(SYSTEMS[args.ask]), asked]).content
            seconds.append(time.perf_counter() - began)
            chosen = [shown[i] for i in picks(str(reply), len(keys))]
            hybrid[q.question] = keys
            reranked[q.question] = [keys[i] for i in chosen] + [
                k for i, k in enumerate(keys) if i not in chosen
            ]
            print(f"{n}/{len(questions)} {seconds[-1]:.1f}s {reply!r}", flush=True)
        services.close()
    for name, table in (("hybrid", hybrid), ("hybrid + LLM re-rank", reranked)):
        m = score_ranking(lambda text, t=table: t[text], questions)
        print(f"{name:22s} recall@5 {m['recall@5']:.3f} hit@5 {m['hit@5']:.3f} "
              f"nDCG@10 {m['ndcg@10']:.3f}")  # fmt: skip
    ceiling = statistics.fmean(
        metrics.recall_at(hybrid[q.question], q.wanted, args.depth) for q in questions
    )
    print(f"questions {len(questions)}, ceiling recall@{args.depth} {ceiling:.3f}, "
          f"model {statistics.median(seconds):.1f} s median per question")  # fmt: skip


if __name__ == "__main__":
    main()
