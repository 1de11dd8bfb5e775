"""doc2query experiment (issue 3): do model-written questions per chunk lift retrieval recall?

Run: .venv/bin/python bench/doc2query_experiment.py [--docs DIR ...] [--no-generate]

1. Index the guides (and the seed articles when present) into a throwaway store, as `make eval`.
2. For every chunk, have the configured model write 4 questions the chunk answers, in a user's
   words (prompts/chunk_questions.md). Questions are cached in evals/doc2query/questions.jsonl,
   keyed by a hash of the prompt version and the chunk text, so a rerun only asks for new chunks.
   The model never sees the eval questions.
3. Score, on evals/datasets/retrieval.jsonl, the shipped hybrid beside three variants in one run:
   the questions added to each chunk's BM25 text, the questions embedded as extra vectors (a
   third RRF ranking, each chunk scored by its closest question), and both.

Nothing here changes the product: it measures whether the expansion is worth building into
`coach ingest`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from langchain_core.messages import HumanMessage, SystemMessage  # noqa: E402

from coach.config import Settings  # noqa: E402
from coach.evals.retrieval import load_questions, score_ranking  # noqa: E402
from coach.generation.prompts import load_prompt  # noqa: E402
from coach.knowledge.keyword import KeywordIndex  # noqa: E402
from coach.knowledge.retrieval import keyword_text, rrf  # noqa: E402
from coach.services.container import Services  # noqa: E402

CACHE = REPO / "evals/doc2query/questions.jsonl"
DEPTH = 20


def chunk_key(version: str, text: str) -> str:
    return hashlib.sha256(f"{version}\n{text}".encode()).hexdigest()[:16]


def parse_questions(reply: str) -> list[str]:
    """One question per line; numbering, bullets and quotes stripped; blanks dropped."""
    out = []
    for line in reply.splitlines():
        line = line.strip().lstrip("-*0123456789.) ").strip().strip('"').strip()
        if len(line) > 8:
            out.append(line)
    return out[:6]


def load_cache(path: Path) -> dict[str, list[str]]:
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return {row["key"]: row["questions"] for row in rows}


def generate(services: Services, ids, texts, metas, cache: dict[str, list[str]]) -> None:
    prompt = load_prompt(REPO / "prompts", "chunk_questions")
    model = services.runtime.chat_model(max_tokens=160, streaming=False)
    todo = [i for i, t in enumerate(texts) if chunk_key(prompt.version, t) not in cache]
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    with CACHE.open("a", encoding="utf-8") as out:
        for done, i in enumerate(todo, start=1):
            system, user = prompt.render(
                title=metas[i].get("title", ""), section=metas[i].get("section", ""),
                passage=texts[i],
            )  # fmt: skip
            reply = model.invoke([SystemMessage(system), HumanMessage(user)]).content
            questions = parse_questions(str(reply))
            key = chunk_key(prompt.version, texts[i])
            cache[key] = questions
            row = {"key": key, "id": ids[i], "prompt_version": prompt.version,
                   "model": services.runtime.endpoint().model, "questions": questions}  # fmt: skip
            out.write(json.dumps(row) + "\n")
            out.flush()
            rate = done / (time.perf_counter() - began)
            print(f"  {done}/{len(todo)} chunks, {rate * 60:.1f}/min: {ids[i]}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seeds = REPO.parent / "shared/seeds"
    default_docs = [REPO / "knowledge"] + ([seeds] if seeds.is_dir() else [])
    parser.add_argument("--docs", type=Path, action="append", default=None)
    parser.add_argument("--dataset", type=Path, default=REPO / "evals/datasets/retrieval.jsonl")
    parser.add_argument("--no-generate", action="store_true", help="score cached questions only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = Services(Settings(_env_file=None, data_dir=Path(tmp)))
        services.ingest.ingest(args.docs or default_docs)
        ids, texts, metas = services.index.contents()
        cache = load_cache(CACHE)
        if not args.no_generate:
            generate(services, ids, texts, metas, cache)
        version = load_prompt(REPO / "prompts", "chunk_questions").version
        expansions = [cache.get(chunk_key(version, t), []) for t in texts]
        covered = sum(1 for e in expansions if e)
        keys = {
            cid: (m.get("source", ""), m.get("section", ""))
            for cid, m in zip(ids, metas, strict=True)
        }

        base_text = [keyword_text(t, m) for t, m in zip(texts, metas, strict=True)]
        keyword = KeywordIndex(ids, base_text, metas)
        with_questions = [b + " " + " ".join(e) for b, e in zip(base_text, expansions, strict=True)]
        expanded = KeywordIndex(ids, with_questions, metas)
        owners = [cid for cid, e in zip(ids, expansions, strict=True) for _ in e]
        embedder = services.index.embedder
        qvectors = embedder.embed([q for e in expansions for q in e]) if owners else None

        def dense(query: str) -> list[str]:
            return [p.id for p in services.index.search(query, DEPTH)]

        def question_dense(query: str) -> list[str]:
            if qvectors is None:
                return []
            sims = qvectors @ embedder.embed([query])[0]
            best: dict[str, float] = {}
            for owner, sim in zip(owners, sims, strict=True):
                best[owner] = max(best.get(owner, -1.0), float(sim))
            return sorted(best, key=lambda c: -best[c])[:DEPTH]

        def kw(index: KeywordIndex):
            return lambda query: [c for c, _ in index.search(query, DEPTH)]

        def fused(*rankers):
            def rank(query: str) -> list[tuple[str, str]]:
                ranked = rrf([r(query) for r in rankers])
                return [keys[c] for c, _ in ranked[:DEPTH]]

            return rank

        def single(ranker):
            return lambda query: [keys[c] for c in ranker(query)]

        variants = {
            "dense (shipped)": single(dense),
            "keyword (shipped)": single(kw(keyword)),
            "hybrid (shipped)": fused(dense, kw(keyword)),
            "keyword + questions": single(kw(expanded)),
            "question vectors alone": single(question_dense),
            "hybrid, questions in BM25": fused(dense, kw(expanded)),
            "hybrid + question vectors": fused(dense, kw(keyword), question_dense),
            "hybrid, both": fused(dense, kw(expanded), question_dense),
        }
        questions = load_questions(args.dataset)
        indexed = {m.get("source") for m in metas}
        usable = [q for q in questions if all(src in indexed for src, _ in q.wanted)]
        print(f"{len(usable)} questions, {len(ids)} chunks, {covered} with model-written questions")
        print(f"{'variant':28} recall@5  hit@5    MRR  nDCG@10")
        for name, rank in variants.items():
            m = score_ranking(rank, usable)
            print(f"{name:28} {m['recall@5']:8.3f} {m['hit@5']:6.3f} {m['mrr']:6.3f} "
                  f"{m['ndcg@10']:8.3f}")  # fmt: skip
        services.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
