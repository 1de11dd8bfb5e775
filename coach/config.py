"""Settings: the one object that owns every configurable fact.

Values come from the environment (prefix ``COACH_``), from a ``.env`` file, or from the
conventional ``OPENAI_API_KEY`` / ``OPENAI_BASE_URL`` / ``OPENAI_MODEL`` names.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from coach.domain.knowledge import CHUNK_TOKENS
from coach.private_files import default_temp_dir, secure_folder

Provider = Literal["auto", "local", "openai"]
Structured = Literal["auto", "grammar", "json_schema", "json_object", "none"]


class Settings(BaseSettings):
    """Every knob of Flipside, with embedded offline defaults."""

    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default=Path("./data"), description="Where all state lives.")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default is SQLite in the data dir."
    )
    chroma_path: Path | None = Field(
        default=None, description="Persistent Chroma folder; default <data_dir>/chroma."
    )
    chroma_host: str | None = Field(default=None, description="Chroma server host (server mode).")
    chroma_port: int = Field(default=8000, description="Chroma server port.")
    knowledge_dir: Path = Field(default=Path("./knowledge"), description="Guides shipped with us.")
    prompts_dir: Path = Field(default=Path("./prompts"), description="Prompt files.")
    library_dir: Path = Field(default=Path("./library"), description="The coaching library.")

    llm_provider: Provider = Field(
        default="auto",
        description="auto = OpenAI-compatible endpoint if a base URL or key is set, else local.",
    )
    local_model: str = Field(
        default="qwen2.5-coder-1.5b",
        description="qwen2.5-coder-1.5b, qwen2.5-coder-0.5b, or a path to any GGUF file.",
    )
    llm_threads: int = Field(default=2, ge=1, description="CPU threads for the local model.")
    llm_context: int = Field(default=4096, ge=512, description="Context size of the local model.")
    llm_parallel: int = Field(
        default=4, ge=1, le=8,
        description="Slots of the local model server, each keeping its own prompt cached; the "
        "context size is per slot.",
    )  # fmt: skip
    llm_port: int = Field(default=0, ge=0, description="Port of the local model server; 0 = free.")
    llm_share: bool = Field(
        default=True,
        description="Reuse the local model server that another Flipside process started on the "
        "same data folder, instead of starting a second one that competes for the CPU.",
    )
    llm_timeout: float = Field(default=180.0, gt=0, description="Seconds per model request.")
    llm_temperature: float = Field(
        default=0.2, ge=0, le=2, description="Sampling temperature of the chat model."
    )
    llm_seed: int | None = Field(
        default=None,
        description="Sampling seed sent with every request (with temperature 0 the tests use "
        "it for repeatable output); unset, the server picks.",
    )
    llm_max_tokens: int = Field(default=400, ge=16, description="Max tokens per chat answer.")
    min_group: int = Field(
        default=3, ge=2, le=50,
        description="The fewest pairs (and, for themes, shared summaries) any figure the lead "
        "or the program report shows may rest on; smaller groups are pooled or left out.",
    )  # fmt: skip
    llm_dry_multiplier: float = Field(
        default=0.8, ge=0, le=5,
        description="The embedded server's DRY anti-repetition strength (0 turns it off). Set on "
        "the server, never per request: hosted APIs reject unknown sampling fields.",
    )  # fmt: skip
    llm_prefill_seconds: float = Field(
        default=1.5, ge=0, le=30,
        description="The embedded server reads a long prompt in steps of about this many "
        "seconds, so a request that is stopped or abandoned frees the model within one step "
        "(0 = in one go, which reads about 5-15% faster).",
    )  # fmt: skip
    llm_cache_prompt: bool = Field(
        default=True,
        description="The embedded server reuses the part of a prompt it read last time (much "
        "faster). Off, it reads every prompt whole, and the same request gets the same answer at "
        "temperature 0 whatever came before it: reusing changes the sums enough to change a word "
        "(the evals' repeatable runs; docs/evals.md).",
    )  # fmt: skip
    llm_repeat_penalty: float = Field(
        default=1.05, ge=1, le=2,
        description="The embedded server's repeat penalty over the last 64 tokens (1 = off).",
    )  # fmt: skip
    llm_structured: Structured = Field(
        default="auto",
        description="How JSON output is constrained: auto = compact grammar for the local "
        "model, JSON schema for hosted ones.",
    )
    artifact_max_tokens: int = Field(
        default=700, ge=64, description="Max tokens per generated agenda, starter set or summary."
    )
    chat_library: bool = Field(
        default=True,
        description="Answer a chat question from the library's written answers when one fits "
        "it (by meaning); off: every question is answered by the model from retrieved passages.",
    )
    agenda_check_in: bool = Field(
        default=True,
        description="Let the model ask a middle session's check-in question about the last "
        "session, told the summary's words once when it misses them; ours stays when it fails "
        "its checks. Off: always our own question (one short model call fewer).",
    )
    agenda_adapt: bool = Field(
        default=False,
        description="Let the model reword each agenda block (title and activity) for the pair. "
        "Off: each block is our segment pattern in the pair's own words for who it serves, which "
        "blind reviewers preferred over the embedded 1.5B model's rewordings (docs/evals.md); "
        "the check-in question stays the model's (COACH_AGENDA_CHECK_IN).",
    )
    starter_adapt: bool = Field(
        default=False,
        description="Let the model rewrite each library starter for the pair. Off: the starters "
        "are our templates filled from the pair file, which blind reviewers preferred over the "
        "embedded 1.5B model's rewrites (docs/evals.md); worth trying with a larger model.",
    )
    artifact_context_tokens: int = Field(
        default=380, ge=50, description="Token budget for guide passages in artifact prompts."
    )
    artifact_passage_tokens: int = Field(
        default=90, ge=20, description="Each passage is cut to this many tokens in artifacts."
    )

    openai_api_key: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_API_KEY", "COACH_OPENAI_API_KEY"),
        description="Key of a hosted OpenAI-compatible model; set, the hosted model is used.",
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("OPENAI_BASE_URL", "COACH_OPENAI_BASE_URL"),
        description="Any OpenAI-compatible endpoint (vLLM, Ollama, llama.cpp, coach llm serve).",
    )
    openai_model: str = Field(
        default="gpt-4o-mini",
        validation_alias=AliasChoices("OPENAI_MODEL", "COACH_OPENAI_MODEL"),
        description="Model name at that endpoint.",
    )

    retrieval_k: int = Field(default=4, ge=1, le=20, description="Passages given to the model.")
    context_tokens: int = Field(
        default=260, ge=100, description="Token budget for passages in chat answers."
    )
    chat_passage_tokens: int = Field(
        default=55, ge=0,
        description="Cut each chat passage to its sentences closest to the question, within "
        "this many tokens (0 = whole passages). Fewer prompt tokens, faster first word.",
    )  # fmt: skip
    chunk_tokens: int = Field(default=CHUNK_TOKENS, ge=50, description="Max tokens per chunk.")

    host: str = Field(default="127.0.0.1", description="Address the web app binds.")
    port: int = Field(default=7860, description="Port the web app binds.")
    ui_queue_size: int = Field(
        default=100,
        ge=1,
        description="Requests that may wait in the web app's queue; more are refused.",
    )

    public_url: str | None = Field(
        default=None,
        description="The address people open, scheme included (https://coach.example.org). "
        "Requests from any other Origin are refused. Without it, the request's own host and "
        "scheme are the app's origin: set it behind a TLS proxy.",
    )
    session_hours: int = Field(
        default=24, ge=1, description="Hours a sign-in lasts before the user signs in again."
    )
    trusted_header: str | None = Field(
        default=None,
        description="Header an auth proxy sets to the signed-in username (e.g. "
        "X-Forwarded-User). Honoured only from COACH_TRUSTED_PROXIES.",
    )
    trusted_proxies: str = Field(
        default="",
        description="Comma-separated CIDRs of the auth proxies whose trusted header is "
        "believed (e.g. 127.0.0.1/32), judged by the TCP peer address.",
    )
    trusted_autocreate: bool = Field(
        default=False,
        description="Create an unknown user named by the trusted header as a participant.",
    )
    smtp_url: str | None = Field(
        default=None,
        description="Where mail goes: smtp://user:password@host:587 (STARTTLS when the server "
        "offers it) or smtps://user:password@host:465. Unset: no mail is sent.",
    )
    mail_from: str = Field(
        default="Flipside <flipside@localhost>", description="The From of every mail."
    )
    temp_dir: Path | None = Field(
        default=None,
        description="Private (0700) folder for the web server's uploads and downloads; "
        "default a per-user folder in the system temp dir. Must not be inside the data dir.",
    )

    @field_validator(
        "openai_api_key", "openai_base_url", "chroma_host", "database_url", "public_url",
        "trusted_header", "smtp_url",
    )  # fmt: skip
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        return value or None

    @field_validator("public_url")
    @classmethod
    def _public_url_is_an_origin(cls, value: str | None) -> str | None:
        if value and not re.match(r"^https?://[^/\s:]+(:\d+)?/?$", value.strip(), re.I):
            raise ValueError(
                f"COACH_PUBLIC_URL {value!r} must be scheme and host, e.g. "
                "https://coach.example.org (no path)"
            )
        return value

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url_has_a_scheme(cls, value: str | None) -> str | None:
        if value and not re.match(r"^smtps?://[^/\s]+$", value.strip(), re.I):
            raise ValueError(
                f"COACH_SMTP_URL must look like smtp://user:password@host:587 or "
                f"smtps://host:465 (got a value starting {value[:8]!r})"
            )
        return value

    @model_validator(mode="after")
    def _trusted_header_needs_public_url(self) -> Settings:
        if self.trusted_header and not self.public_url:
            raise ValueError(
                "COACH_TRUSTED_HEADER needs COACH_PUBLIC_URL: without it the app would take "
                "its own address from the Host header, which a browser can be tricked into "
                "sending (DNS rebinding)"
            )
        return self

    @property
    def structured_mode(self) -> Literal["grammar", "json_schema", "json_object", "none"]:
        """The JSON constraint in use: ``auto`` = grammar when local, JSON schema otherwise."""
        if self.llm_structured != "auto":
            return self.llm_structured
        return "grammar" if self.resolved_provider == "local" else "json_schema"

    @property
    def resolved_provider(self) -> Literal["local", "openai"]:
        """The provider actually used: ``auto`` picks a configured endpoint, else local."""
        if self.llm_provider != "auto":
            return self.llm_provider
        return "openai" if (self.openai_base_url or self.openai_api_key) else "local"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def chroma_dir(self) -> Path:
        return self.chroma_path or self.data_dir / "chroma"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'flipside.db').resolve()}"

    def ensure_dirs(self) -> None:
        """Create the data and cache folders, private to this account (umask 077, 0700).

        A data dir or Chroma folder that was created looser is tightened, with a log line."""
        secure_folder(self.data_dir, "the data dir")
        if self.chroma_path is not None and not self.chroma_host:
            secure_folder(self.chroma_path, "the Chroma folder")
        self.cache_dir.mkdir(parents=True, exist_ok=True)

    @property
    def web_temp_dir(self) -> Path:
        """The web server's private upload and download folder."""
        return self.temp_dir or default_temp_dir(self.data_dir)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()


def describe() -> list[tuple[str, str, str]]:
    """(env name, default, description) for every setting: used by the README and --help."""
    rows = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        env = alias.choices[0] if isinstance(alias, AliasChoices) else f"COACH_{name.upper()}"
        rows.append((str(env), str(field.default), field.description or ""))
    return rows


def env_flag(name: str) -> bool:
    """True when an environment variable is set to a truthy value."""
    return os.environ.get(name, "").lower() in {"1", "true", "yes", "on"}
