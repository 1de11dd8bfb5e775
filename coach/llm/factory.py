"""The one chat-model factory: every provider goes through ``ChatOpenAI`` with a ``base_url``."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI

from coach.config import Settings
from coach.llm.local_model import SHIPPED, resolve_model
from coach.llm.server import LocalServer, ServerOptions


@dataclass(frozen=True)
class Endpoint:
    """Where chat requests go, and under which model name."""

    base_url: str
    api_key: str
    model: str
    provider: str


class ModelRuntime:
    """Owns the model endpoint: a configured OpenAI-compatible server or the embedded one."""

    def __init__(self, settings: Settings, progress=None) -> None:
        self.settings = settings
        self.progress = progress
        self.local: LocalServer | None = None
        self._lock = threading.Lock()

    def endpoint(self) -> Endpoint:
        """The endpoint to use, starting the embedded server on first need."""
        s = self.settings
        if s.resolved_provider == "openai":
            return Endpoint(
                base_url=s.openai_base_url or "https://api.openai.com/v1",
                api_key=s.openai_api_key or "not-needed",
                model=s.openai_model,
                provider="openai-compatible",
            )
        with self._lock:
            if self.local is None:
                path = resolve_model(s.local_model, s.cache_dir, self.progress)
                alias = s.local_model if s.local_model in SHIPPED else path.stem
                options = ServerOptions(
                    model_path=path,
                    alias=alias,
                    port=s.llm_port,
                    threads=s.llm_threads,
                    context=s.llm_context,
                )
                self.local = LocalServer(options, s.data_dir / "logs" / "llm-server.log")
            self.local.start()
        return Endpoint(
            base_url=f"{self.local.base_url}/v1",
            api_key="local",
            model=self.local.options.alias,
            provider="local",
        )

    def chat_model(self, **overrides) -> BaseChatModel:
        """A LangChain chat model for the current endpoint."""
        end = self.endpoint()
        options = {
            "model": end.model,
            "base_url": end.base_url,
            "api_key": end.api_key,
            "timeout": self.settings.llm_timeout,
            # The embedded server has one slot: a retry would queue behind the request it
            # replaces, doubling the wait before the rule-built fallback.
            "max_retries": 0 if end.provider == "local" else 1,
            "temperature": self.settings.llm_temperature,
            "max_tokens": self.settings.llm_max_tokens,
            "streaming": True,
            "stream_usage": True,
        }
        options.update(overrides)
        return ChatOpenAI(**options)

    def close(self) -> None:
        """Stop the embedded server if this runtime started it."""
        if self.local is not None:
            self.local.stop()
