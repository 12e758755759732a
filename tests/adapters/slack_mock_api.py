"""A local Slack: a real HTTP server for the Web API methods the bot calls, and signed events.

The server keeps channels' messages, so `conversations.replies` returns what was really
posted (by the test's "users" and by the bot), and it rejects what Slack would reject:
a wrong token (`invalid_auth`), a missing message (`message_not_found`) and blocks beyond
Block Kit's limits (`invalid_blocks`). Every call is recorded for assertions.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from slack_bolt import App

from adapters.slack import make_http_server

BOT_TOKEN = "xoxb-callqa-test-0000-secret"
APP_TOKEN = "xapp-1-callqa-test-0000-secret"
SIGNING_SECRET = "callqa-test-signing-secret"
TEAM_ID = "T0CALLQA"
BOT_USER_ID = "U0CALLQABOT"
BOT_ID = "B0CALLQA"
APP_ID = "A0CALLQA"
USER_ID = "U0ALICE"

# Block Kit limits Slack enforces (https://docs.slack.dev/reference/block-kit/blocks).
MAX_BLOCKS = 50
SECTION_TEXT_MAX = 3000
CONTEXT_ELEMENTS_MAX = 10
CONTEXT_TEXT_MAX = 3000
TEXT_MAX = 40000


def block_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """What Slack would reject in `blocks` (empty list: valid)."""
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks > {MAX_BLOCKS}")
    for i, block in enumerate(blocks):
        kind = block.get("type")
        if kind == "section":
            text = block.get("text") or {}
            if text.get("type") not in ("mrkdwn", "plain_text"):
                problems.append(f"block {i}: bad text type")
            if not 1 <= len(text.get("text", "")) <= SECTION_TEXT_MAX:
                problems.append(f"block {i}: section text length {len(text.get('text', ''))}")
        elif kind == "context":
            elements = block.get("elements") or []
            if not 1 <= len(elements) <= CONTEXT_ELEMENTS_MAX:
                problems.append(f"block {i}: {len(elements)} context elements")
            for element in elements:
                if not 1 <= len(element.get("text", "")) <= CONTEXT_TEXT_MAX:
                    problems.append(
                        f"block {i}: context text length {len(element.get('text', ''))}"
                    )
        elif kind != "divider":
            problems.append(f"block {i}: unexpected type {kind!r}")
    return problems


def all_text(blocks: list[dict[str, Any]]) -> str:
    """Every text in `blocks`, joined, for content assertions."""
    parts = []
    for block in blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        parts.extend(element["text"] for element in block.get("elements", []))
    return "\n".join(parts)


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    authorization: str
    response: dict[str, Any] = field(default_factory=dict)


class MockSlack:
    """The Web API half of Slack, on 127.0.0.1 at a free port; `base_url` goes to WebClient."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.socket_url: str | None = None  # what apps.connections.open hands out
        self.calls: list[Call] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}  # channel -> messages
        # (method, channel) -> the error Slack answers with, e.g. a missing OAuth scope
        self.errors: dict[tuple[str, str], str] = {}
        self._clock = itertools.count(1)
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/api/"

    def start(self) -> MockSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # ------------------------------------------------------------------ test side

    def next_ts(self) -> str:
        return f"{1715000000 + next(self._clock)}.000100"

    def user_says(self, channel: str, text: str, thread_ts: str | None = None) -> dict[str, Any]:
        """A person's message, stored like Slack stores it; returns the message."""
        message = {"type": "message", "user": USER_ID, "text": text, "ts": self.next_ts()}
        if thread_ts:
            message["thread_ts"] = thread_ts
        with self._changed:
            self.messages.setdefault(channel, []).append(message)
        return message

    def calls_to(
        self, method: str, where: Callable[[Call], bool] | None = None, **match: Any
    ) -> list[Call]:
        """Recorded `method` calls whose params include `match` (and pass `where`)."""
        with self._changed:
            return [
                c
                for c in self.calls
                if c.method == method
                and all(c.params.get(k) == v for k, v in match.items())
                and (where is None or where(c))
            ]

    def wait_for(
        self,
        method: str,
        where: Callable[[Call], bool] | None = None,
        timeout: float = 120.0,
        **match: Any,
    ) -> Call:
        """The first matching call, waiting for it (a bounded wait, not a timing assertion)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = self.calls_to(method, where, **match)
                if found:
                    return found[0]
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(c.method, c.params.get("channel")) for c in self.calls]
                    raise AssertionError(f"no {method} {match} within {timeout}s; calls: {seen}")
                self._changed.wait(left)

    # ------------------------------------------------------------------ Web API

    def _api(self, method: str, params: dict[str, Any], authorization: str) -> dict[str, Any]:
        if method == "apps.connections.open":  # the one method that takes the app token
            if authorization != f"Bearer {APP_TOKEN}":
                return {"ok": False, "error": "invalid_auth"}
            if not self.socket_url:
                return {"ok": False, "error": "socket_mode_not_enabled"}
            return {"ok": True, "url": self.socket_url}
        if authorization != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth" if authorization else "not_authed"}
        if error := self.errors.get((method, str(params.get("channel") or ""))):
            return {"ok": False, "error": error}
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        result: dict[str, Any] = handler(params)
        return result

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": "https://callqa-test.slack.com/",
            "team": "callqa test",
            "user": "callqa",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _check_message(self, params: dict[str, Any]) -> str | None:
        blocks = params.get("blocks")
        if not params.get("text") and not blocks:
            return "no_text"
        if len(params.get("text") or "") > TEXT_MAX:
            return "msg_too_long"
        if blocks is not None and block_problems(blocks):
            return "invalid_blocks"
        return None

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if error := self._check_message(params):
            return {"ok": False, "error": error}
        message = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "text": params.get("text") or "",
            "ts": self.next_ts(),
        }
        if params.get("blocks"):
            message["blocks"] = params["blocks"]
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        self.messages.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _chat_update(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = params.get("channel")
        found = [m for m in self.messages.get(channel or "", []) if m["ts"] == params.get("ts")]
        if not found:
            return {"ok": False, "error": "message_not_found"}
        if error := self._check_message(params):
            return {"ok": False, "error": error}
        message = found[0]
        message["text"] = params.get("text") or ""
        if params.get("blocks") is not None:
            message["blocks"] = params["blocks"]
        message["edited"] = {"user": BOT_USER_ID, "ts": self.next_ts()}
        return {
            "ok": True,
            "channel": channel,
            "ts": message["ts"],
            "text": message["text"],
            "message": message,
        }

    def _conversations_replies(self, params: dict[str, Any]) -> dict[str, Any]:
        channel, root = params.get("channel") or "", params.get("ts")
        thread = [
            m
            for m in self.messages.get(channel, [])
            if m["ts"] == root or m.get("thread_ts") == root
        ]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        thread.sort(key=lambda m: float(m["ts"]))
        limit = int(params.get("limit") or 1000)
        return {
            "ok": True,
            "messages": [dict(m) for m in thread[:limit]],
            "has_more": len(thread) > limit,
            "response_metadata": {"next_cursor": ""},
        }

    def _reactions_add(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True}

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                self._serve(dict(parse_qsl(urlsplit(self.path).query)))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                params: dict[str, Any] = dict(parse_qsl(urlsplit(self.path).query))
                if "json" in (self.headers.get("Content-Type") or ""):
                    params.update(json.loads(raw or "{}"))
                else:
                    params.update(parse_qsl(raw))
                if isinstance(params.get("blocks"), str):  # form-encoded blocks are JSON text
                    params["blocks"] = json.loads(params["blocks"])
                self._serve(params)

            def _serve(self, params: dict[str, Any]) -> None:
                path = urlsplit(self.path).path
                method = path.removeprefix("/api/")
                authorization = self.headers.get("Authorization") or ""
                with mock._changed:
                    if path.startswith("/api/"):
                        response = mock._api(method, params, authorization)
                    else:
                        response = {"ok": False, "error": "not_found"}
                    mock.calls.append(Call(method, params, authorization, response))
                    mock._changed.notify_all()
                body = json.dumps(response).encode("utf-8")
                self.send_response(200 if path.startswith("/api/") else 404)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


# ---------------------------------------------------------------------- events side


def sign(secret: str, timestamp: str, body: str) -> str:
    """Slack's request signature: v0=HMAC-SHA256(secret, 'v0:{timestamp}:{body}')."""
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:{body}".encode(), hashlib.sha256)
    return "v0=" + digest.hexdigest()


_event_ids = itertools.count(1)


def event_envelope(event: dict[str, Any]) -> dict[str, Any]:
    """The Events API wrapper Slack sends around an event."""
    return {
        "token": "legacy-verification-token",
        "team_id": TEAM_ID,
        "api_app_id": APP_ID,
        "event": {"event_ts": event.get("ts"), **event},
        "type": "event_callback",
        "event_id": f"Ev{next(_event_ids):08d}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": TEAM_ID,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }


def post_signed(
    url: str,
    secret: str,
    payload: dict[str, Any],
    *,
    headers: dict[str, str] | None = None,
    tamper: Callable[[str], str] | None = None,
) -> tuple[int, str]:
    """POST `payload` as Slack does (signed JSON); returns (status, body).

    `tamper` changes the body after signing, as a forger would.
    """
    body = json.dumps(payload)
    timestamp = str(int(time.time()))
    all_headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign(secret, timestamp, body),
        "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        **(headers or {}),
    }
    if tamper:
        body = tamper(body)
    request = urllib.request.Request(url, data=body.encode(), headers=all_headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@contextmanager
def serve(app: App) -> Iterator[str]:
    """The app behind the same threaded HTTP server `run()` uses, on a free port."""
    server = make_http_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/slack/events"
    finally:
        server.shutdown()
        server.server_close()


class SocketModeServer:
    """Slack's Socket Mode end: a real WebSocket server that says hello, pushes envelopes
    and collects the app's acks (`{"envelope_id": ...}`)."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.acks: list[dict[str, Any]] = []
        self._connection: Any = None
        self._changed = threading.Condition()
        self._server = serve(self._handle, "127.0.0.1", 0, compression=None)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}/link/?ticket=test"

    def start(self) -> SocketModeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()

    def _handle(self, connection: Any) -> None:
        hello = {
            "type": "hello",
            "num_connections": 1,
            "debug_info": {"host": "callqa-test", "approximate_connection_time": 18060},
            "connection_info": {"app_id": APP_ID},
        }
        connection.send(json.dumps(hello))
        with self._changed:
            self._connection = connection
            self._changed.notify_all()
        for raw in connection:
            with self._changed:
                self.acks.append(json.loads(raw))
                self._changed.notify_all()

    def push(self, payload: dict[str, Any], retry_attempt: int = 0, timeout: float = 120) -> str:
        """Deliver an Events API payload once the app is connected; returns the envelope id."""
        envelope_id = f"env-{next(_event_ids):08d}"
        envelope = {
            "envelope_id": envelope_id,
            "type": "events_api",
            "accepts_response_payload": False,
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
            "payload": payload,
        }
        with self._changed:
            if not self._changed.wait_for(lambda: self._connection is not None, timeout):
                raise AssertionError(f"the app did not connect within {timeout}s")
            connection = self._connection
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 60) -> dict[str, Any]:
        """The app's ack for `envelope_id` (a bounded wait, not a timing assertion)."""

        def acked() -> list[dict[str, Any]]:
            return [a for a in self.acks if a.get("envelope_id") == envelope_id]

        with self._changed:
            if not self._changed.wait_for(acked, timeout):
                raise AssertionError(f"no ack for {envelope_id} within {timeout}s: {self.acks}")
            return acked()[0]
