"""The one typed settings object, read from environment, `.env` and CLI flags.

Every other module receives a `Settings` instance; nothing else reads `os.environ`.
Project variables use the `CALLQA_` prefix; the standard `OPENAI_*` and `SLACK_*`
variables are read under their usual names so existing shells and `.env` files work.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CALL = REPO_ROOT / "data" / "calls" / "alibaba-fy2025-q4-earnings-call.txt"

EmbedModelName = Literal["minilm-int8", "e5-small-q4"]


class Settings(BaseSettings):
    """All knobs in one frozen object; build variants with `settings.model_copy(update=...)`."""

    model_config = SettingsConfigDict(
        env_prefix="CALLQA_",
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    # --- storage -----------------------------------------------------------
    data_dir: Path = Field(default=Path(".callqa"), description="Persistent Chroma lives here.")
    chroma_url: str | None = Field(
        default=None, description="Chroma server URL (http://host:8000); overrides data_dir."
    )
    chroma_token: SecretStr | None = Field(default=None, description="Chroma server auth token.")
    collection: str = "callqa_chunks"
    bundled_call: Path = BUNDLED_CALL

    # --- ingest ------------------------------------------------------------
    max_file_mb: float = 20.0
    chunk_words: int = 130

    # --- retrieval ---------------------------------------------------------
    embed_model: EmbedModelName = "minilm-int8"
    top_k: int = 5
    candidate_k: int = 30
    # "relative": min-max-normalised scores, weighted and summed; "rrf": reciprocal ranks.
    fusion: Literal["relative", "rrf"] = "relative"
    rrf_k: int = 60
    bm25_weight: float = 1.0
    dense_weight: float = 1.0
    # Score a chunk's dense match by its best sentence too (max of chunk and sentence cosine).
    best_sentence: bool = True

    # --- answering ---------------------------------------------------------
    max_question_chars: int = 2000
    refusal_threshold: float = 0.30

    # --- LLM (OpenAI or any OpenAI-compatible server) ----------------------
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_API_KEY", "CALLQA_OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("OPENAI_BASE_URL", "CALLQA_OPENAI_BASE_URL")
    )
    llm_model: str = Field(
        default="gpt-4o-mini", validation_alias=AliasChoices("CALLQA_LLM_MODEL", "OPENAI_MODEL")
    )
    llm_temperature: float = 0.0
    llm_timeout_s: float = 30.0
    llm_max_retries: int = 0
    llm_mode: Literal["auto", "offline", "llm"] = "auto"

    # --- web UI ------------------------------------------------------------
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str | None = Field(
        default=None, description="Basic-auth users as 'user:pass,user2:pass2'."
    )
    concurrency: int = 4

    # --- Slack -------------------------------------------------------------
    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "CALLQA_SLACK_BOT_TOKEN")
    )
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "CALLQA_SLACK_APP_TOKEN")
    )
    slack_signing_secret: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "CALLQA_SLACK_SIGNING_SECRET"),
    )
    slack_api_url: str | None = Field(
        default=None, description="Slack Web API base URL (tests point it at a local server)."
    )
    slack_port: int = 3000

    @property
    def llm_enabled(self) -> bool:
        """LLM mode is used when a key or a base URL is set, unless forced offline."""
        if self.llm_mode == "offline":
            return False
        if self.llm_mode == "llm":
            return True
        return self.openai_api_key is not None or self.openai_base_url is not None

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with CLI flags applied; `None` means 'flag not given'."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        return self.model_copy(update=clean) if clean else self


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings from environment and `.env`."""
    return Settings()
