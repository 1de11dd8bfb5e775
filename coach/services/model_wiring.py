"""The services that speak to the model, and the tools their recipes use: half of the
composition root (``coach.services.container.Services`` inherits it and holds the rest)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from langchain_core.language_models import BaseChatModel

from coach.config import Settings
from coach.domain.artifact_kind import ArtifactKind
from coach.domain.artifact_spec import ArtifactRunner, ArtifactSpec
from coach.domain.registry import SPECS
from coach.generation.chat import ChatAnswerer
from coach.generation.chat_library import LibraryChatAnswerer
from coach.generation.pipeline import RecipeTools
from coach.generation.prompts import load_prompt
from coach.generation.theme_label import ModelLabeler
from coach.generation.timeline import ParagraphWriter
from coach.knowledge.embedder import MiniLMEmbedder
from coach.knowledge.index import ChromaIndex
from coach.knowledge.retrieval import Retriever
from coach.llm.factory import ModelRuntime
from coach.llm.grammar import output_options
from coach.services.chat import ChatService
from coach.services.generation import GenerationService, runner_for
from coach.services.interactive import InteractiveGate
from coach.services.library import (
    shipped_action_model,
    shipped_flag_model,
    shipped_goal_model,
    shipped_library,
    shipped_sentiment_model,
)
from coach.services.pair_material import PairMaterialService
from coach.services.themes import ThemeService
from coach.services.timeline import TimelineService
from coach.store.sql import SqlStore

LABEL_TOKENS = 16  # a theme label is two to four words
PARAGRAPH_TOKENS = 220  # the timeline's paragraph: two to four sentences


class ModelWiring:
    """Chat, generation, themes and the timeline, built on the model runtime; the retriever,
    index, embedder, store and gate they use come from the class that inherits this."""

    settings: Settings
    runtime: ModelRuntime
    _injected: bool
    _chat_model: Callable[[], BaseChatModel]
    retriever: Retriever
    index: ChromaIndex
    embedder: MiniLMEmbedder
    pair_material: PairMaterialService
    store: SqlStore
    gate: InteractiveGate

    def _artifact_model(self) -> BaseChatModel:
        return self.runtime.chat_model()

    @property
    def model_label(self) -> str:
        """The configured model's name, without starting it."""
        if self._injected:
            return str(getattr(self._chat_model(), "model_name", "custom"))
        s = self.settings
        return s.openai_model if s.resolved_provider == "openai" else s.local_model

    @cached_property
    def _chat_answerer(self) -> ChatAnswerer:
        s = self.settings
        return ChatAnswerer(
            search=lambda query, k: self.retriever.search(query, k),
            model=self._chat_model,
            prompt=load_prompt(s.prompts_dir.resolve(), "chat_answer"),
            k=s.retrieval_k,
            budget=s.context_tokens,
            per_passage=s.chat_passage_tokens or None,
        )

    @cached_property
    def chat(self) -> ChatService:
        """The chat: the library's written answer when one fits (``chat_library``), else the
        model's answer from retrieved passages."""
        if not self.settings.chat_library:
            return self.chat_by_model
        tools = self._tools
        ours = LibraryChatAnswerer(tools.library, tools.embed, tools.fetch, self._chat_answerer)
        return ChatService(ours, self.generation, self.gate)

    @cached_property
    def chat_by_model(self) -> ChatService:
        """The chat with every question answered by the model (the bench's model figures)."""
        return ChatService(self._chat_answerer, self.generation, self.gate)

    def _pipeline(self, spec: ArtifactSpec, recipe_path: str | None = None) -> ArtifactRunner:
        s = self.settings
        return runner_for(spec, self._tools, recipe_path, max_tokens=s.artifact_max_tokens,
                          budget=s.artifact_context_tokens,
                          per_passage=s.artifact_passage_tokens)  # fmt: skip

    @cached_property
    def _tools(self) -> RecipeTools:
        s = self.settings
        return RecipeTools(
            search=lambda query, k, filters, pair_id: self.retriever.search(
                query, k, filters=filters, pair_id=pair_id
            ),
            fetch=lambda ids: list(self.index.fetch(ids).values()),
            model=self._capped_model,
            prompt=lambda prompt_id: load_prompt(s.prompts_dir.resolve(), prompt_id),
            options=lambda schema, name: output_options(schema, name, s.structured_mode),
            model_name=lambda: self.model_label,
            embed=lambda texts: self.embedder.embed(texts),
            library=lambda: shipped_library(s.library_dir),
            flag_model=lambda: shipped_flag_model(s.library_dir),
            goal_model=lambda: shipped_goal_model(s.library_dir),
            action_model=lambda: shipped_action_model(s.library_dir),
            sentiment_model=lambda: shipped_sentiment_model(s.library_dir),
            adapt_starters=s.starter_adapt,
            agenda_check_in=s.agenda_check_in,
            adapt_agenda=s.agenda_adapt,
        )

    def _capped_model(self, max_tokens: int) -> BaseChatModel:
        """The chat model writing at most ``max_tokens`` (an injected model as it is)."""
        if self._injected:
            return self._chat_model()
        return self.runtime.chat_model(max_tokens=max_tokens)

    @cached_property
    def generation(self) -> GenerationService:
        return self.generation_with({})

    def generation_with(self, recipes: dict[ArtifactKind, str]) -> GenerationService:
        """A generation service whose kinds in ``recipes`` use that recipe ("module:Class")
        instead of the registry's: the evals' and the bench's "oneshot" baseline."""
        pipelines = {spec.kind: self._pipeline(spec, recipes.get(spec.kind)) for spec in SPECS}
        return GenerationService(pipelines, self.pair_material, self.gate)

    @cached_property
    def themes(self) -> ThemeService:
        """Themes of the shared summaries, each named by the model in a few words; the embedder
        loads on the first themes asked."""
        prompt = load_prompt(self.settings.prompts_dir.resolve(), "theme_label")
        return ThemeService(
            self.store, lambda: self.embedder, min_group=self.settings.min_group,
            labeler=lambda names: ModelLabeler(
                self._capped_model(LABEL_TOKENS), prompt, names, self.gate.interactive),
        )  # fmt: skip

    @cached_property
    def timeline(self) -> TimelineService:
        """Each participant's learning timeline; the paragraph's model starts when first asked."""
        prompt = load_prompt(self.settings.prompts_dir.resolve(), "learning_timeline")
        return TimelineService(
            self.store,
            lambda: ParagraphWriter(
                lambda: self._capped_model(PARAGRAPH_TOKENS),
                prompt,
                lambda: self.model_label,
                self.gate.interactive,
            ),
        )
