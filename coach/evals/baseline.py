"""The naive baseline the evals compare Flipside with: a textbook LangChain RAG.

Default recursive character splitter, dense-only retrieval from an in-memory Chroma
collection (our MiniLM embedding function), one prompt per artifact asking for JSON, lenient
parsing, and nothing else: no validation, no repair, no invariants enforced by code.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from coach.domain.agenda import Agenda
from coach.domain.pair_profile import PairProfile
from coach.domain.provenance import CitationRef, Provenance
from coach.domain.starters import StarterSet
from coach.domain.summary_draft import ReflectionSummary
from coach.evals.baseline_parse import agenda_from, first_object, starters_from, summary_from
from coach.generation.prompts import load_prompt

CHUNK_SIZE = 1000  # the LangChain RAG tutorial's settings; the splitter's own default is 4000
CHUNK_OVERLAP = 200
K = 4


def _client() -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    # The same settings as coach.knowledge.index: Chroma rejects two settings per process.
    return chromadb.EphemeralClient(
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    )


class NaiveRag:
    """Agendas, starters and summaries the naive way; same interface as the generation service."""

    name = "baseline"

    def __init__(
        self,
        chat_model: BaseChatModel | Callable[[], BaseChatModel],
        documents: Sequence[Path],
        prompts_dir: Path,
        embedding_function: Any | None = None,
        k: int = K,
    ) -> None:
        self._model = chat_model
        self.documents = list(documents)
        self.prompts_dir = prompts_dir
        self.embedding_function = embedding_function
        self.k = k
        self._collection: Any | None = None

    # -- index ---------------------------------------------------------------------------
    def _index(self) -> Any:
        if self._collection is not None:
            return self._collection
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from coach.knowledge.loaders import load_file
        from coach.services.ingest import expand

        if self.embedding_function is None:
            from coach.knowledge.embedder import FlipsideEmbeddingFunction

            self.embedding_function = FlipsideEmbeddingFunction()
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP
        )
        collection = _client().create_collection(
            f"baseline-{uuid.uuid4().hex[:12]}", embedding_function=self.embedding_function
        )
        for path in expand(self.documents):
            doc = load_file(path)
            pieces = splitter.split_text(doc.text)
            if pieces:
                collection.add(
                    ids=[f"{doc.source}#{n}" for n in range(len(pieces))],
                    documents=pieces,
                    metadatas=[{"source": doc.source, "title": doc.title} for _ in pieces],
                )
        self._collection = collection
        return collection

    def retrieve(self, query: str) -> list[CitationRef]:
        """The top ``k`` chunks by dense similarity alone."""
        collection = self._index()
        if not collection.count():
            return []
        found = collection.query(query_texts=[query], n_results=min(self.k, collection.count()))
        return [
            CitationRef(id=i, source=m["source"], title=m["title"], text=d)
            for i, d, m in zip(
                found["ids"][0], found["documents"][0], found["metadatas"][0], strict=True
            )
        ]

    def close(self) -> None:
        """Drop the in-memory collection."""
        if self._collection is not None:
            _client().delete_collection(self._collection.name)
            self._collection = None

    # -- one prompt per artifact ---------------------------------------------------------
    def _model_instance(self) -> BaseChatModel:
        model = self._model
        return model if isinstance(model, BaseChatModel) else model()

    def _ask(self, prompt_id: str, query: str, **values: str) -> tuple[str, Provenance]:
        passages = self.retrieve(query)
        prompt = load_prompt(self.prompts_dir, prompt_id)
        context = "\n\n".join(f"[{p.id}] {p.text}" for p in passages) or "(none)"
        system, user = prompt.render(passages=context, **values)
        model = self._model_instance()
        began = time.monotonic()
        text, first, prompt_tokens, completion_tokens = "", None, 0, 0
        for chunk in model.stream([SystemMessage(system), HumanMessage(user)]):
            if isinstance(chunk.content, str) and chunk.content:
                first = first if first is not None else round(time.monotonic() - began, 3)
                text += chunk.content
            usage = getattr(chunk, "usage_metadata", None) or {}
            prompt_tokens += int(usage.get("input_tokens", 0))
            completion_tokens += int(usage.get("output_tokens", 0))
        meta = Provenance(
            prompt_id=prompt.id,
            prompt_version=prompt.version,
            model=str(getattr(model, "model_name", type(model).__name__)),
            citations=passages,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            attempts=1,
            seconds=round(time.monotonic() - began, 3),
            first_token_seconds=first,
        )
        return text, meta

    @staticmethod
    def _pair(profile: PairProfile) -> str:
        return profile.model_dump_json(exclude_none=True)

    def agenda(self, profile: PairProfile) -> Agenda:
        goals = "; ".join(g.text for g in profile.goals)
        query = f"{profile.phase} session agenda. Goals: {goals}"
        text, meta = self._ask("baseline_agenda", query, pair=self._pair(profile))
        return agenda_from(first_object(text), profile).model_copy(update={"meta": meta})

    def starters(self, profile: PairProfile) -> StarterSet:
        goals = "; ".join(g.text for g in profile.goals)
        query = f"conversation starters on power dynamics and generational differences. {goals}"
        text, meta = self._ask("baseline_starters", query, pair=self._pair(profile))
        return starters_from(first_object(text)).model_copy(update={"meta": meta})

    def summarize(
        self, profile: PairProfile, reflection: str, author: str = "mentor"
    ) -> ReflectionSummary:
        text, meta = self._ask(
            "baseline_summary", reflection, pair=self._pair(profile), reflection=reflection
        )
        return summary_from(first_object(text)).model_copy(update={"meta": meta})
