"""The artifact pipeline, as LangChain runnables.

retrieve (guides and the pair's own material) → pack to a token budget → render the prompt
(static prefix first, for the server's cache) → model with JSON output → pydantic validation
→ one repair → code-owned rules. When the model fails, a deterministic fallback built from
retrieval and rules takes over, marked as a fallback, so the user always gets something usable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage
from langchain_core.runnables import Runnable, RunnableLambda
from pydantic import BaseModel

from coach.domain.knowledge import Passage, SearchFilters
from coach.domain.provenance import CitationRef, Provenance
from coach.generation.context import pack_passages
from coach.generation.prompts import Prompt
from coach.generation.structured import (
    GenerationFailed,
    OnToken,
    StructuredCall,
    Usage,
)

A = TypeVar("A", bound=BaseModel)
R = TypeVar("R")
Search = Callable[[str, int, SearchFilters | None, str | None], list[Passage]]
Query = tuple[str, int, SearchFilters | None]


class Recipe(Protocol[R, A]):
    """What one artifact kind contributes: queries, prompt variables, rules and a fallback."""

    prompt_id: str
    draft_type: type[BaseModel]
    retry_delays: tuple[float, ...]  # waits before retrying a refused or erring model server

    def queries(self, request: R) -> list[Query]: ...

    def pair_id(self, request: R) -> str | None: ...

    def variables(self, request: R, context: str) -> dict[str, str]: ...

    def schema(self, request: R) -> dict[str, Any]:
        """The JSON schema the reply must follow (it may depend on the request)."""
        ...

    def finish(self, draft: Any, request: R, passages: list[Passage]) -> tuple[A, list[str]]: ...

    def fallback(self, request: R, passages: list[Passage]) -> tuple[A, list[str]]: ...


@dataclass(frozen=True)
class RecipeTools:
    """What a multi-step recipe builds its runner from (bound in the services layer)."""

    search: Search
    fetch: Callable[[list[str]], list[Passage]]  # guide passages by id (unknown ids skipped)
    model: Callable[[int], BaseChatModel]  # the chat model writing at most this many tokens
    prompt: Callable[[str], Prompt]  # a prompt file by id
    options: Callable[[dict[str, Any], str], dict[str, Any]]  # (schema, name) -> model options
    model_name: Callable[[], str]
    embed: Callable[[list[str]], Any]  # texts -> L2-normalised vectors (rows)
    library: Callable[[], Any]  # the coaching library (coach.domain.library.Library)
    adapt_starters: bool = False  # the model rewrites library starters (COACH_STARTER_ADAPT)
    agenda_check_in: bool = False  # the model asks the check-in (COACH_AGENDA_CHECK_IN)
    adapt_agenda: bool = False  # the model rewords library segments (COACH_AGENDA_ADAPT)
    flag_model: Callable[[], Any] = lambda: None  # the sentence flag classifier, if shipped
    goal_model: Callable[[], Any] = lambda: None  # the goal-evidence model, if shipped
    action_model: Callable[[], Any] = lambda: None  # the action model, if shipped
    sentiment_model: Callable[[], Any] = lambda: None  # the sentiment model, if shipped


def merge_results(results: list[list[Passage]], limit: int) -> list[Passage]:
    """Round-robin over several result lists, without repeats, up to ``limit`` passages."""
    merged: dict[str, Passage] = {}
    for rank in range(max((len(r) for r in results), default=0)):
        for result in results:
            if rank < len(result) and result[rank].id not in merged:
                merged[result[rank].id] = result[rank]
    return list(merged.values())[:limit]


def citation_refs(passages: list[Passage], cited: set[str]) -> list[CitationRef]:
    """The cited passages, in retrieval order, as citation records."""
    return [
        CitationRef(id=p.id, source=p.source, title=p.title, section=p.section, text=p.text)
        for p in passages
        if p.id in cited
    ]


class ArtifactPipeline(Generic[R, A]):
    """Runs one recipe end to end and returns the artifact with its provenance."""

    def __init__(
        self,
        recipe: Recipe[R, A],
        search: Search,
        model: Callable[[], BaseChatModel],
        prompt: Prompt,
        repair: Prompt,
        options: Callable[[dict[str, Any]], dict[str, Any]],
        model_name: Callable[[], str],
        budget: int = 380,
        per_passage: int = 90,
        max_passages: int = 5,
        sleep: Callable[[float], None] = time.sleep,
        cited: Callable[[Any], list[str]] = lambda artifact: [],
    ) -> None:
        self.recipe = recipe
        self.search = search
        self.model = model
        self.prompt = prompt
        self.repair = repair
        self.options = options
        self.model_name = model_name
        self.budget = budget
        self.per_passage = per_passage
        self.max_passages = max_passages
        self.sleep = sleep
        self.cited = cited  # where the artifact's citations are (its spec knows)

    # -- the steps -------------------------------------------------------------------------
    def _retrieve(self, state: dict[str, Any]) -> dict[str, Any]:
        request = state["request"]
        pair_id = self.recipe.pair_id(request)
        results = [
            self.search(query, k, filters, pair_id)
            for query, k, filters in self.recipe.queries(request)
        ]
        return {**state, "passages": merge_results(results, self.max_passages)}

    def _pack(self, state: dict[str, Any]) -> dict[str, Any]:
        context, used = pack_passages(state["passages"], self.budget, self.per_passage)
        return {**state, "context": context or "(no passages)", "passages": used}

    def _render(self, state: dict[str, Any]) -> dict[str, Any]:
        values = self.recipe.variables(state["request"], state["context"])
        system, user = self.prompt.render(**values)
        messages: list[BaseMessage] = [SystemMessage(system), HumanMessage(user)]
        return {**state, "messages": messages}

    def _generate(self, state: dict[str, Any]) -> dict[str, Any]:
        call = StructuredCall(
            self.model(), self.recipe.draft_type, self.repair,
            self.options(self.recipe.schema(state["request"])),
            retry_delays=self.recipe.retry_delays, sleep=self.sleep,
        )  # fmt: skip
        generated = call(state["messages"], state.get("on_token"))
        artifact, fixes = self.recipe.finish(generated.draft, state["request"], state["passages"])
        return {**state, "artifact": artifact, "fixes": fixes, "usage": generated.usage}

    def _fallback(self, state: dict[str, Any]) -> dict[str, Any]:
        error = state.get("error")
        reason = error.reason if isinstance(error, GenerationFailed) else str(error)
        usage = error.usage if isinstance(error, GenerationFailed) else Usage()
        artifact, fixes = self.recipe.fallback(state["request"], state["passages"])
        return {**state, "artifact": artifact, "fixes": fixes, "usage": usage, "reason": reason}

    def _stamp(self, state: dict[str, Any]) -> A:
        artifact: A = state["artifact"]
        usage: Usage = state["usage"]
        cited = set(self.cited(artifact))
        meta = Provenance(
            prompt_id=self.prompt.id,
            prompt_version=self.prompt.version,
            model=self.model_name(),
            citations=citation_refs(state["passages"], cited),
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            attempts=usage.attempts,
            seconds=round(usage.seconds, 3),
            first_token_seconds=usage.first_token_seconds,
            fallback="reason" in state,
            fallback_reason=state.get("reason", ""),
            fixes=[*usage.errors, *state["fixes"]],
        )
        return artifact.model_copy(update={"meta": meta})

    def chain(self) -> Runnable:
        """retrieve | pack | render | (generate, else fallback) | stamp."""
        generate = RunnableLambda(self._generate).with_fallbacks(
            [RunnableLambda(self._fallback)],
            exceptions_to_handle=(GenerationFailed,),
            exception_key="error",
        )
        return (
            RunnableLambda(self._retrieve)
            | RunnableLambda(self._pack)
            | RunnableLambda(self._render)
            | generate
            | RunnableLambda(self._stamp)
        )

    def run(self, request: R, on_token: OnToken | None = None) -> A:
        """The artifact for ``request``; never fails because of the model."""
        return self.chain().invoke({"request": request, "on_token": on_token})
