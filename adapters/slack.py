"""Slack bot: answers @mentions in channels and DMs, in the question's thread, with cited replies.

Bolt does the protocol work (signature checks, auth.test, dropping the bot's own events,
Socket Mode). We add only what Slack needs from a slow answerer: ack at once and do the work
in a lazy listener (Slack wants a response within 3 s and retries otherwise), drop those
retries, read the thread as conversation history, and render the `Answer` as Block Kit
within Slack's size limits. Every answer goes through `chain.answer.answer()`, as in the
CLI and the web UI.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from logging import Logger
from socketserver import ThreadingMixIn
from typing import Any, Protocol
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltContext
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.middleware import Middleware
from slack_bolt.request import BoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from callqa.settings import Settings
from chain.render import speaker_line
from chain.types import Answer, Citation, Message

log = logging.getLogger(__name__)
# slack_sdk logs each request's headers, bot token included, at DEBUG: give our WebClient a
# logger that never emits DEBUG, whatever the root level.
_web_log = logging.getLogger(__name__ + ".web")
_web_log.setLevel(logging.INFO)

EVENTS_PATH = "/slack/events"
LOOKING_UP = "Looking it up…"
SORRY_PREFIX = "Sorry, I couldn't answer that just now"
USAGE = (
    "Ask me about the earnings call, for example: "
    "_How fast did cloud revenue grow?_ I answer in this thread, with quotes from the call."
)

# Slack Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks).
MAX_BLOCKS = 50
SECTION_TEXT_MAX = 3000
CONTEXT_ELEMENTS_MAX = 10  # each context text must stay <= 3000: ours are bounded below
# The top-level `text` is the notification / fallback; Slack truncates it at 40k and
# advises staying under 4k, so we do.
FALLBACK_TEXT_MAX = 3900
# Our own choices, well inside the limits, so a reply stays readable (a citation's context
# text is at most ATTRIBUTION_MAX + QUOTE_MAX plus a few characters).
MAX_ANSWER_SECTIONS = 20
QUOTE_MAX = 300
FIELD_MAX = 120
ATTRIBUTION_MAX = 400
NOTE_MAX = 500
HISTORY_FETCH = 200
HISTORY_KEEP = 10


class _DropSameTokenWarning(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN itself and warns "`token` will be unused" when a client is
    also given; our client carries that very token, so the warning only confuses."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


_bolt_log = logging.getLogger("slack_bolt.App")
_bolt_log.addFilter(_DropSameTokenWarning())


class AnswerFn(Protocol):
    """What the bot calls to answer; `chain.answer.answer` bound to the shared engine."""

    def __call__(self, question: str, *, history: list[Message] | None = None) -> Answer: ...


# --------------------------------------------------------------------------- text helpers


def escape(text: str) -> str:
    """Slack's mrkdwn escaping: only &, < and > are control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_within(raw: str, limit: int) -> str:
    """Escaped `raw`, cut (with an ellipsis) so the *escaped* form fits `limit`."""
    escaped = escape(raw)
    if len(escaped) <= limit:
        return escaped
    cut = limit - 1
    while True:  # escaping expands, so shrink until it fits; never cuts inside an entity
        escaped = escape(raw[:cut]).rstrip() + "…"
        if len(escaped) <= limit:
            return escaped
        cut -= len(escaped) - limit


def _to_mrkdwn(text: str) -> str:
    """Markdown bold (LLM habit) to Slack bold."""
    return re.sub(r"\*\*(.+?)\*\*", r"*\1*", text)


def _slices(raw: str, limit: int) -> list[str]:
    """Escaped slices of one over-long word, each <= limit, never splitting an entity."""
    slices: list[str] = []
    current = ""
    for char in raw:
        escaped = escape(char)
        if len(current) + len(escaped) > limit:
            slices.append(current)
            current = ""
        current += escaped
    return [*slices, current] if current else slices


def _units(raw: str, limit: int) -> list[str]:
    """Escaped pieces of `raw`, each <= limit: paragraphs, else words, else slices."""
    units: list[str] = []
    for paragraph in re.split(r"(\n\s*\n)", raw):
        escaped = escape(paragraph)
        if len(escaped) <= limit:
            units.append(escaped)
            continue
        for word in re.findall(r"\S+\s*|\s+", paragraph):
            escaped = escape(word)
            units.extend([escaped] if len(escaped) <= limit else _slices(word, limit))
    return units


def split_mrkdwn(raw: str, limit: int = SECTION_TEXT_MAX) -> list[str]:
    """Escaped chunks of `raw`, each <= limit, broken at paragraphs, then words."""
    chunks: list[str] = []
    current = ""
    for unit in _units(raw, limit):
        if current and len(current) + len(unit) > limit:
            chunks.append(current)
            current = ""
        current += unit
    chunks.append(current)
    return [chunk.strip() for chunk in chunks if chunk.strip()]


def clean_question(text: str, bot_user_id: str | None) -> str:
    """Slack message text -> plain question: bot mention removed, links and escapes undone."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    text = re.sub(r"<#[A-Z0-9]+\|([^>]*)>", r"#\1", text)  # channel references
    text = re.sub(r"<((?:https?|mailto):[^|>]+)\|([^>]+)>", r"\2", text)  # labelled links
    text = re.sub(r"<((?:https?|mailto):[^>]+)>", r"\1", text)  # bare links
    return " ".join(html.unescape(text).split())


# --------------------------------------------------------------------------- Block Kit


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def _context(*texts: str) -> dict[str, Any]:
    elements = [{"type": "mrkdwn", "text": t} for t in texts if t][:CONTEXT_ELEMENTS_MAX]
    return {"type": "context", "elements": elements}


def citation_text(citation: Citation) -> str:
    """`[n] Speaker (Title, Firm), Section` (the shared attribution) and the quote, escaped."""
    head = f"*[{citation.n}]* {_escape_within(speaker_line(citation), ATTRIBUTION_MAX)}"
    quote = " ".join(citation.quote.split())
    return f"{head}\n“{_escape_within(quote, QUOTE_MAX)}”"


def _footer_notes(answer: Answer) -> list[str]:
    """Mode, fallback and checks, as context elements."""
    mode = f"LLM · {answer.model}" if answer.mode == "llm" and answer.model else answer.mode
    notes = [f"Mode: {_escape_within(mode, FIELD_MAX)}"]
    if answer.fallback_reason:
        notes.append(f"⚠️ Fell back: {_escape_within(answer.fallback_reason, NOTE_MAX)}")
    if answer.unsupported_numbers:
        numbers = ", ".join(answer.unsupported_numbers)
        notes.append(f"⚠️ Not found in the sources: {_escape_within(numbers, NOTE_MAX)}")
    standalone = answer.standalone_question.strip()
    if standalone and standalone != answer.question.strip():
        notes.append(f"Read as: “{_escape_within(standalone, NOTE_MAX)}”")
    return notes


def answer_text(answer: Answer) -> str:
    """The answer itself (or why there is none), before escaping."""
    text = answer.answer.strip() or (answer.error or "").strip()
    return text or "I couldn't find an answer to that in the call."


def answer_blocks(answer: Answer) -> list[dict[str, Any]]:
    """Block Kit for an `Answer`, always within Slack's limits however long the answer is.

    Layout: answer sections, a divider, one context block per citation (or
    "+N more sources" when they don't fit), and a footer with the mode and checks.
    """
    sections = split_mrkdwn(_to_mrkdwn(answer_text(answer)))
    if len(sections) > MAX_ANSWER_SECTIONS:
        sections = sections[:MAX_ANSWER_SECTIONS]
        note = "… _(answer truncated)_"
        last = sections[-1]
        last = re.sub(r"&[a-z]*$", "", last[: SECTION_TEXT_MAX - len(note)])  # no half entity
        sections[-1] = last + note
    blocks = [_section(text) for text in sections]

    citations = answer.citations
    if citations:
        blocks.append({"type": "divider"})
        room = MAX_BLOCKS - len(blocks) - 1  # keep one block for the footer
        shown = citations if len(citations) <= room else citations[: room - 1]
        blocks.extend(_context(citation_text(c)) for c in shown)
        if len(shown) < len(citations):
            blocks.append(_context(f"+{len(citations) - len(shown)} more sources"))
    blocks.append(_context(*_footer_notes(answer)))
    return blocks


def fallback_text(answer: Answer) -> str:
    """Top-level `text`: notifications, screen readers and thread history read this."""
    return _escape_within(_to_mrkdwn(answer_text(answer)), FALLBACK_TEXT_MAX)


def error_text(error: BaseException) -> str:
    """A friendly reply for a failed answer: the exception class at most, never its message
    (it may hold paths or URLs); the caller logs the details."""
    name = _escape_within(type(error).__name__, 80)
    return (
        f"{SORRY_PREFIX}. Something went wrong while answering ({name}); "
        "the error was logged. Please try again."
    )


# --------------------------------------------------------------------------- conversation


def _ts(value: Any) -> Decimal:
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return Decimal(0)


def thread_history(
    client: WebClient,
    channel: str,
    thread_ts: str,
    before_ts: str,
    context: BoltContext,
) -> list[Message]:
    """Earlier messages of the thread as chat history: ours -> assistant, people -> user.

    Other bots, our placeholders and our apologies are left out: they are not part of
    the conversation the question follows up on.
    """
    response = client.conversations_replies(channel=channel, ts=thread_ts, limit=HISTORY_FETCH)
    history: list[Message] = []
    for message in response.get("messages") or []:
        if _ts(message.get("ts")) >= _ts(before_ts):
            continue
        if message.get("subtype") not in (None, "bot_message", "thread_broadcast", "file_share"):
            continue
        text = message.get("text") or ""
        ours = (context.bot_user_id and message.get("user") == context.bot_user_id) or (
            context.bot_id and message.get("bot_id") == context.bot_id
        )
        if ours:
            if text == LOOKING_UP or text.startswith(SORRY_PREFIX):
                continue
            if content := " ".join(html.unescape(text).split()):
                history.append(Message(role="assistant", content=content))
        elif message.get("bot_id") or message.get("subtype") == "bot_message":
            continue
        elif content := clean_question(text, context.bot_user_id):
            history.append(Message(role="user", content=content))
    return history[-HISTORY_KEEP:]


def _history_or_none(
    client: WebClient,
    channel: str,
    thread_ts: str,
    event: dict[str, Any],
    context: BoltContext,
    logger: Logger,
) -> list[Message]:
    """The thread's history, or none when Slack won't give it (e.g. a missing
    `channels:history` scope): the question still deserves an answer, just without context."""
    try:
        return thread_history(client, channel, thread_ts, event["ts"], context)
    except SlackApiError as error:
        logger.warning(
            "callqa: could not read the thread history, answering without it: %s",
            error.response.get("error"),
        )
        return []


def _post_placeholder(
    client: WebClient, channel: str, thread_ts: str, logger: Logger
) -> str | None:
    try:
        response = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=LOOKING_UP)
        return str(response["ts"])
    except SlackApiError as error:
        logger.warning("callqa: could not post the placeholder: %s", error.response.get("error"))
        return None


def _deliver(
    client: WebClient,
    channel: str,
    thread_ts: str,
    placeholder_ts: str | None,
    text: str,
    blocks: Sequence[dict[str, Any]] | None,
    logger: Logger,
) -> None:
    """Replace the placeholder with the reply; post anew if that fails; text-only as last try."""
    if placeholder_ts:
        try:
            client.chat_update(channel=channel, ts=placeholder_ts, text=text, blocks=blocks)
            return
        except SlackApiError as error:
            logger.warning("callqa: chat.update failed: %s", error.response.get("error"))
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text, blocks=blocks)
    except SlackApiError as error:
        logger.warning("callqa: chat.postMessage failed: %s", error.response.get("error"))
        if blocks:
            try:
                client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=text)
            except SlackApiError as last:  # nothing more to try: log, don't crash the listener
                logger.error("callqa: could not deliver the reply: %s", last.response.get("error"))


def _answer_in_thread(answer_fn: AnswerFn) -> Callable[..., None]:
    """The lazy listener: placeholder at once, then the answer (or an apology) in its place."""

    def answer_in_thread(
        event: dict[str, Any], context: BoltContext, client: WebClient, logger: Logger
    ) -> None:
        channel = event["channel"]
        thread_ts = event.get("thread_ts") or event["ts"]
        placeholder_ts = _post_placeholder(client, channel, thread_ts, logger)
        blocks: list[dict[str, Any]] | None
        try:
            question = clean_question(event.get("text") or "", context.bot_user_id)
            if not question:
                text, blocks = USAGE, None
            else:
                history: list[Message] = []
                if event.get("thread_ts"):
                    history = _history_or_none(client, channel, thread_ts, event, context, logger)
                result = answer_fn(question, history=history or None)
                text, blocks = fallback_text(result), answer_blocks(result)
        except Exception as error:  # never leave the user with silence
            logger.exception("callqa: answering a Slack question failed")
            text = error_text(error)
            blocks = [_section(text)]
        _deliver(client, channel, thread_ts, placeholder_ts, text, blocks, logger)

    return answer_in_thread


# --------------------------------------------------------------------------- Bolt app


class IgnoreSlackRetries(Middleware):
    """Answer Slack's retries with 200 and no work: the first delivery is already answering.

    Slack re-sends an event (x-slack-retry-num) when the ack was slow or failed; Bolt
    has no built-in for this outside its FaaS adapters. Runs after signature checks.
    """

    def process(
        self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        # Socket Mode sends retry_attempt 0 on first delivery, which Bolt maps to the header.
        retry = (req.headers.get("x-slack-retry-num") or ["0"])[0]
        if retry.strip() not in ("", "0"):
            return BoltResponse(status=200, body="")
        return next()


def _is_from_person(event: dict[str, Any]) -> bool:
    """Not another bot (Bolt already drops this bot's own events)."""
    return not event.get("bot_id") and event.get("subtype") not in ("bot_message",)


def _is_dm_question(event: dict[str, Any]) -> bool:
    """A person's new message in a DM with the bot (not an edit, join or bot post)."""
    return (
        event.get("channel_type") == "im"
        and event.get("subtype") in (None, "file_share", "thread_broadcast")
        and _is_from_person(event)
    )


def _ack(ack: Callable[[], Any]) -> None:
    ack()


def _default_answer_fn(settings: Settings) -> AnswerFn:
    from chain.answer import answer, get_engine

    engine = get_engine(settings)
    engine.ensure_ready()  # index the bundled call now, not during the first question

    def ask(question: str, *, history: list[Message] | None = None) -> Answer:
        return answer(question, history=history, engine=engine)

    return ask


def build_app(
    settings: Settings, answer_fn: AnswerFn | None = None, client: WebClient | None = None
) -> App:
    """The Bolt app, for HTTP or Socket Mode; `answer_fn` is injectable for tests only."""
    if client is None:
        if settings.slack_bot_token is None:
            raise ValueError("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…).")
        client_args: dict[str, Any] = {
            "token": settings.slack_bot_token.get_secret_value(),
            "logger": _web_log,
        }
        if settings.slack_api_url:
            client_args["base_url"] = settings.slack_api_url
        client = WebClient(**client_args)
    secret = settings.slack_signing_secret
    app = App(
        name="callqa",
        client=client,
        # Socket Mode needs no secret (Bolt skips verification there); in HTTP mode an
        # empty secret makes every request fail verification, and run() refuses to start.
        signing_secret=secret.get_secret_value() if secret else "",
        # Ack, then respond; the slow part runs in lazy listeners on Bolt's thread pool.
        process_before_response=True,
    )
    app.use(IgnoreSlackRetries())
    handler = _answer_in_thread(answer_fn or _default_answer_fn(settings))
    app.event("app_mention", matchers=[_is_from_person])(ack=_ack, lazy=[handler])
    app.event("message", matchers=[_is_dm_question])(ack=_ack, lazy=[handler])
    # Every other message event (edits, our own posts, channel chatter): ack, so Slack
    # neither retries nor counts failures against the app.
    app.event("message")(_ack)
    return app


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        log.debug("http: " + format, *args)


def make_http_server(
    app: App, host: str = "0.0.0.0", port: int = 3000, path: str = EVENTS_PATH
) -> WSGIServer:
    """A threaded HTTP server for the app at `path` (port 0 picks a free port).

    Bolt's `app.start()` is single-threaded and takes no host; this is the same
    `http.server` base with Bolt's own WSGI adapter, threaded so one slow client
    cannot hold up Slack's next delivery.
    """
    return make_server(
        host,
        port,
        SlackRequestHandler(app, path=path),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )


def run(settings: Settings) -> None:
    """Run the bot: Socket Mode when an app token is set, else HTTP at /slack/events."""
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    # slack_sdk logs request headers (the bot token) at DEBUG: keep it above that.
    logging.getLogger("slack_sdk").setLevel(logging.INFO)
    if settings.slack_bot_token is None:
        raise SystemExit("SLACK_BOT_TOKEN is not set (the bot token, xoxb-…). See README.")
    if settings.slack_app_token is None and settings.slack_signing_secret is None:
        raise SystemExit(
            "Set SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)."
        )
    app = build_app(settings)
    if settings.slack_app_token is not None:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("callqa Slack bot: Socket Mode")
        SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
        return
    server = make_http_server(app, port=settings.slack_port)
    log.info("callqa Slack bot: HTTP on port %d, path %s", settings.slack_port, EVENTS_PATH)
    try:
        server.serve_forever()
    finally:
        server.server_close()
