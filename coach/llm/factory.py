"""The one chat-model factory: every provider goes through ``ChatOpenAI`` with a ``base_url``."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from langchain_core.language_models import BaseChatModel
from langchain_openai import ChatOpenAI

from coach.config import Settings
from coach.llm.local_chat import SteppedChatOpenAI
from coach.llm.local_model import SHIPPED, resolve_model
from coach.llm.prefill import SteppedPrefill
from coach.llm.server import LocalServer, ServerOptions
from coach.llm.shared import (
    ServerRecord,
    answers,
    clear_record,
    exclusive,
    read_record,
    record_path,
    write_record,
)


@dataclass(frozen=True)
class Endpoint:
    """Where chat requests go, and under which model name."""

    base_url: str
    api_key: str
    model: str
    provider: str


class ModelRuntime:
    """Owns the model endpoint: a configured OpenAI-compatible server or the embedded one.

    The embedded server is shared per data folder (``coach.llm.shared``): ``local`` is the
    server this runtime started, ``borrowed`` the one another process started and it reuses.
    """

    def __init__(self, settings: Settings, progress=None) -> None:
        self.settings = settings
        self.progress = progress
        self.local: LocalServer | None = None
        self.borrowed: ServerRecord | None = None
        self._options: ServerOptions | None = None
        self._lock = threading.Lock()
        self._prefill: SteppedPrefill | None = None

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
            base_url, alias = self._local_server()
        return Endpoint(base_url=f"{base_url}/v1", api_key="local", model=alias, provider="local")

    def _server_options(self) -> ServerOptions:
        if self._options is None:
            s = self.settings
            path = resolve_model(s.local_model, s.cache_dir, self.progress)
            self._options = ServerOptions(
                model_path=path,
                alias=s.local_model if s.local_model in SHIPPED else path.stem,
                port=s.llm_port,
                threads=s.llm_threads,
                context=s.llm_context,
                parallel=s.llm_parallel,
                dry_multiplier=s.llm_dry_multiplier,
                repeat_penalty=s.llm_repeat_penalty,
                cache_prompt=s.llm_cache_prompt,
            )
        return self._options

    def _local_server(self) -> tuple[str, str]:
        """(base URL, model alias) of our own server or a shared one, starting ours if needed."""
        share, path = self.settings.llm_share, record_path(self.settings.data_dir)
        if self.local is not None:
            process = self.local.process
            if process is None or process.poll() is not None:  # ours died: restart, re-record
                self.local.start()
                if share:
                    with exclusive(path):
                        write_record(path, self._record())
            return self.local.base_url, self.local.options.alias
        options = self._server_options()
        if not share:
            return self._start(options)
        with exclusive(path):
            record = read_record(path)
            if record is not None and record.serves(options) and answers(record):
                self.borrowed = record
                return record.base_url, record.alias
            self.borrowed = None
            base_url, alias = self._start(options)
            write_record(path, self._record())
        return base_url, alias

    def _start(self, options: ServerOptions) -> tuple[str, str]:
        log = self.settings.data_dir / "logs" / "llm-server.log"
        self.local = LocalServer(options, log).start()
        return self.local.base_url, options.alias

    def _record(self) -> ServerRecord:
        assert self.local is not None and self.local.process is not None
        o = self.local.options
        return ServerRecord(
            pid=self.local.process.pid,
            host=o.host,
            port=self.local.port,
            alias=o.alias,
            model_path=str(o.model_path),
            context=o.context,
            parallel=o.parallel,
            cache_prompt=o.cache_prompt,
        )

    def chat_model(self, **overrides) -> BaseChatModel:
        """A LangChain chat model for the current endpoint."""
        end = self.endpoint()
        options = {
            "model": end.model,
            "base_url": end.base_url,
            "api_key": end.api_key,
            "timeout": self.settings.llm_timeout,
            # The embedded server has few slots: a retry would queue behind, or compete with,
            # the request it replaces, doubling the wait before the rule-built fallback.
            "max_retries": 0 if end.provider == "local" else 1,
            "temperature": self.settings.llm_temperature,
            "seed": self.settings.llm_seed,
            "max_tokens": self.settings.llm_max_tokens,
            "streaming": True,
            "stream_usage": True,
        }
        options.update(overrides)
        # reading in steps reuses the cache by design: without it, each step would read it all
        stepped = self.settings.llm_prefill_seconds > 0 and self.settings.llm_cache_prompt
        if end.provider == "local" and stepped:
            return SteppedChatOpenAI(prefill=self._stepper(end), **options)
        return ChatOpenAI(**options)

    def _stepper(self, end: Endpoint) -> SteppedPrefill:
        """One prefill per server, so it remembers what the server last read."""
        if self._prefill is None or self._prefill.root != end.base_url.removesuffix("/v1"):
            self._prefill = SteppedPrefill(
                end.base_url,
                self.settings.llm_prefill_seconds,
                self.settings.llm_timeout,
                slots=self.settings.llm_parallel,
            )
        return self._prefill

    def close(self) -> None:
        """Stop the embedded server if this runtime started it (a borrowed one is left alone)."""
        self.borrowed = None
        if self.local is not None:
            if self.local.process is not None and self.settings.llm_share:
                clear_record(record_path(self.settings.data_dir), self.local.process.pid)
            self.local.stop()
