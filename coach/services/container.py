"""Build every service from one settings object: the composition root."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from langchain_core.language_models import BaseChatModel

from coach.config import Settings
from coach.generation.chat import ChatAnswerer
from coach.generation.prompts import load_prompt
from coach.knowledge.index import PAIRS, ChromaIndex
from coach.knowledge.retrieval import Retriever
from coach.llm.factory import ModelRuntime
from coach.services.chat import ChatService
from coach.services.ingest import IngestReport, IngestService
from coach.services.pair_material import PairMaterialService


class Services:
    """Lazily built services sharing one runtime, index and settings."""

    def __init__(
        self,
        settings: Settings,
        chat_model: Callable[[], BaseChatModel] | None = None,
        runtime: ModelRuntime | None = None,
    ) -> None:
        settings.ensure_dirs()
        self.settings = settings
        self.runtime = runtime or ModelRuntime(settings)
        self._chat_model = chat_model or self.runtime.chat_model

    @cached_property
    def index(self) -> ChromaIndex:
        return ChromaIndex(self.settings)

    @cached_property
    def pair_index(self) -> ChromaIndex:
        return ChromaIndex(self.settings, name=PAIRS)

    @cached_property
    def retriever(self) -> Retriever:
        return Retriever(self.index, self.pair_index)

    @cached_property
    def pair_material(self) -> PairMaterialService:
        return PairMaterialService(self.pair_index, self.settings.chunk_tokens)

    @cached_property
    def ingest(self) -> IngestService:
        return IngestService(self.index, self.settings.chunk_tokens)

    @cached_property
    def chat(self) -> ChatService:
        answerer = ChatAnswerer(
            search=lambda query, k: self.retriever.search(query, k),
            model=self._chat_model,
            prompt=load_prompt(self.settings.prompts_dir.resolve(), "chat_answer"),
            k=self.settings.retrieval_k,
            budget=self.settings.context_tokens,
        )
        return ChatService(answerer)

    def ensure_guides(self) -> IngestReport:
        """Index the shipped guides; unchanged files are skipped, so this is cheap to repeat."""
        return self.ingest.ingest([self.settings.knowledge_dir])

    def close(self) -> None:
        self.runtime.close()
