"""The optional LLM: llama-index's OpenAI / OpenAILike chat models, plus error descriptions.

Every failure (connection, timeout, auth, rate limit, server error, malformed or empty reply)
surfaces as one `LLMError` with a one-line reason, so `answer()` can fall back to the offline
answer instead of raising.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.llms import LLM

from callqa.settings import Settings

PROMPTS = Path(__file__).resolve().parent.parent / "prompts"


class LLMError(RuntimeError):
    """The LLM could not produce a usable reply; `reason` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def load_prompt(name: str) -> str:
    """A prompt template from prompts/ (read each time: cheap, and edits apply live)."""
    return (PROMPTS / f"{name}.txt").read_text(encoding="utf-8")


def fill(template: str, **values: str) -> str:
    """Substitute {name} placeholders in one pass.

    Not str.format: transcript text contains braces, and a value must never be re-scanned
    for placeholders (a transcript saying "{question}" stays literal).
    """
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def build_llm(settings: Settings) -> LLM | None:
    """The chat model for these settings, or None when LLM mode is off.

    OpenAILike whenever a base URL is set (any OpenAI-compatible server, any model name);
    plain OpenAI otherwise. Retries and timeout come from settings (llama-index passes them
    to the openai client).
    """
    if not settings.llm_enabled:
        return None
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "none"
    common = dict(
        model=settings.llm_model,
        temperature=settings.llm_temperature,
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        api_key=key,
    )
    if settings.openai_base_url:
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(
            api_base=settings.openai_base_url,
            is_chat_model=True,
            context_window=32768,
            **common,  # type: ignore[arg-type]
        )
    from llama_index.llms.openai import OpenAI

    return OpenAI(**common)  # type: ignore[arg-type]


def messages(system: str, user: str) -> list[ChatMessage]:
    return [
        ChatMessage(role=MessageRole.SYSTEM, content=system),
        ChatMessage(role=MessageRole.USER, content=user),
    ]


def chat(llm: LLM, msgs: Sequence[ChatMessage], settings: Settings) -> str:
    """One non-streaming completion; raises LLMError on any failure or an empty reply."""
    try:
        reply = llm.chat(list(msgs))
        text = reply.message.content
    except Exception as exc:  # noqa: BLE001 - every provider failure becomes a fallback reason
        raise LLMError(describe_error(exc, settings)) from exc
    if not isinstance(text, str) or not text.strip():
        raise LLMError("LLM unavailable (empty reply)")
    return text


def stream_chat(llm: LLM, msgs: Sequence[ChatMessage], settings: Settings) -> Iterator[str]:
    """Text deltas as they arrive; raises LLMError (possibly after some deltas) on failure."""
    got_any = False
    try:
        for chunk in llm.stream_chat(list(msgs)):
            delta = chunk.delta or ""
            if delta:
                got_any = True
                yield delta
    except Exception as exc:  # noqa: BLE001
        raise LLMError(describe_error(exc, settings)) from exc
    if not got_any:  # a stream with no content events: empty, or not an SSE stream at all
        raise LLMError("LLM unavailable (empty or malformed reply)")


def describe_error(exc: BaseException, settings: Settings) -> str:
    """One line saying why the LLM failed, without secrets or stack traces."""
    import openai

    if isinstance(exc, LLMError):
        return exc.reason
    if isinstance(exc, openai.APITimeoutError):
        return f"LLM unavailable (timeout after {settings.llm_timeout_s:g}s)"
    if isinstance(exc, openai.APIConnectionError):
        target = settings.openai_base_url or "api.openai.com"
        return f"LLM unavailable (cannot connect to {target})"
    if isinstance(exc, openai.AuthenticationError):
        return "LLM unavailable (authentication failed: HTTP 401; check OPENAI_API_KEY)"
    if isinstance(exc, openai.PermissionDeniedError):
        return "LLM unavailable (permission denied: HTTP 403)"
    if isinstance(exc, openai.RateLimitError):
        return "LLM unavailable (rate limited: HTTP 429)"
    if isinstance(exc, openai.NotFoundError):
        return f"LLM unavailable (HTTP 404; is the model name {settings.llm_model!r} right?)"
    if isinstance(exc, openai.APIStatusError):
        return f"LLM unavailable (server error: HTTP {exc.status_code})"
    if isinstance(exc, openai.APIResponseValidationError | json.JSONDecodeError | ValueError):
        return "LLM unavailable (malformed reply)"
    if isinstance(exc, AttributeError | KeyError | IndexError | TypeError):
        return "LLM unavailable (malformed reply)"
    return f"LLM unavailable ({type(exc).__name__})"
