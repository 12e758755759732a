"""A real local HTTP server speaking the OpenAI chat-completions protocol, for chain tests.

Replies are scripted per test: each request pops the next `Reply` from `script` (or uses
`default`), which may be a fixed text, an HTTP error, a delay, a malformed body, or a callable
that builds the text from the request (so a test can cite whichever source holds a figure).
Streaming requests get Server-Sent Events (`data: {...}` chunks, then `data: [DONE]`).
Every request body is recorded for assertions.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], str]


@dataclass
class Reply:
    """One scripted response."""

    text: str | Responder = ""
    status: int = 200
    delay_s: float = 0.0
    raw_body: str | None = None  # sent verbatim as the JSON body (malformed-reply tests)
    break_stream_after: int | None = None  # streaming: N good chunks, then a malformed event


@dataclass
class FakeOpenAI:
    """State shared between the test and the server thread."""

    port: int = 0
    script: list[Reply] = field(default_factory=list)
    default: Reply = field(default_factory=lambda: Reply("The transcript does not say."))
    requests: list[dict[str, Any]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def reset(self, *replies: Reply, default: Reply | None = None) -> None:
        with self.lock:
            self.script = list(replies)
            self.requests = []
            self.default = default or Reply("The transcript does not say.")

    def next_reply(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(body)
            return self.script.pop(0) if self.script else self.default


def _completion(text: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": text},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
    }


def _chunk(delta: dict[str, Any], model: str, finish: str | None = None) -> str:
    payload = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(payload)}\n\n"


def make_handler(state: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet tests
            return

        def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server naming
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if not self.path.endswith("/chat/completions"):
                self._send(404, json.dumps({"error": {"message": "not found"}}))
                return
            reply = state.next_reply(body)
            if reply.delay_s:
                time.sleep(reply.delay_s)
            if reply.status != 200:
                error = {"error": {"message": f"scripted {reply.status}", "type": "test"}}
                self._send(reply.status, json.dumps(error))
                return
            if reply.raw_body is not None:
                self._send(200, reply.raw_body)
                return
            text = reply.text(body) if callable(reply.text) else reply.text
            model = str(body.get("model", "test-model"))
            if body.get("stream"):
                self._stream(text, model, reply.break_stream_after)
            else:
                self._send(200, json.dumps(_completion(text, model)))

        def _stream(self, text: str, model: str, break_after: int | None) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("Connection", "close")
            self.end_headers()
            events = [_chunk({"role": "assistant", "content": ""}, model)]
            events += [
                _chunk({"content": text[i : i + 12]}, model) for i in range(0, len(text), 12)
            ]
            events += [_chunk({}, model, finish="stop"), "data: [DONE]\n\n"]
            if break_after is not None:
                events = events[: break_after + 1] + ['data: {"choices": [{"delta": {"content"\n\n']
            for event in events:
                self.wfile.write(event.encode("utf-8"))
                self.wfile.flush()
            self.close_connection = True

    return Handler


def start(state: FakeOpenAI) -> ThreadingHTTPServer:
    """Serve on a free port in a daemon thread; returns the server (call .shutdown())."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(state))
    server.daemon_threads = True
    state.port = int(server.server_address[1])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def user_prompt(body: dict[str, Any]) -> str:
    """The last user message of a recorded request."""
    users = [m for m in body.get("messages", []) if m.get("role") == "user"]
    content = users[-1]["content"] if users else ""
    return content if isinstance(content, str) else json.dumps(content)


def sources(body: dict[str, Any]) -> dict[int, str]:
    """Source number -> source text, parsed from the answer prompt of a recorded request."""
    blocks = re.findall(r"^\[(\d+)\] [^\n]*\n<<<\n(.*?)\n>>>", user_prompt(body), re.S | re.M)
    return {int(n): text for n, text in blocks}


def source_with(body: dict[str, Any], needle: str) -> int:
    """The number of the first source whose text contains `needle` (0 if none)."""
    return next((n for n, text in sources(body).items() if needle in text), 0)
