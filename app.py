"""callqa web UI: chat with an earnings call, every claim linked to a highlighted source card.

Everything the page shows comes from the shared `chain.answer.answer()`; this module only
turns an `Answer` into chat bubbles and source cards. State is per browser session (`gr.State`),
so concurrent users never see each other's conversation.

Run with `callqa serve` or `python app.py`.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import gradio as gr

from callqa.settings import Settings, get_settings
from chain.types import Answer, Citation, Message
from ingest.models import SECTION_LABELS

if TYPE_CHECKING:
    from chain.answer import Engine

log = logging.getLogger("callqa.app")

EXAMPLES = [
    "How fast did cloud revenue grow?",
    "Who asked about monetization on Taobao?",
    "哪位高管谈到了云业务的增长?",
    "How many 88VIP members are there?",
    "What did they say about buybacks?",
]
ALL = ""  # dropdown value meaning "no filter"
SECTIONS = [("All sections", ALL), ("Prepared remarks", "prepared"), ("Q&A", "qa")]
MAX_SHOWN_QUESTION = 300  # an over-long question is echoed truncated, the error explains why

# `[1]`, `[2, 3]` or `[2][3]` in answer text; each number becomes a link to its source card.
CITE_RE = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
CITE_LINK_RE = re.compile(r'<a class="cq-cite" href="#cite-\d+">(\[\d+\])</a>')

# Clicking `[n]` scrolls the sources panel (and the page) to card n and flashes it. Done in JS
# rather than relying on the `#cite-n` anchor, so Gradio's routing and link handling never see it.
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest('a[href^="#cite-"]');
  if (!link) return;
  var target = document.getElementById(link.getAttribute("href").slice(1));
  var card = target && (target.closest(".cq-card") || target);
  if (!card) return;
  event.preventDefault();
  event.stopPropagation();
  card.scrollIntoView({behavior: "smooth", block: "nearest"});
  card.classList.remove("cq-flash");
  void card.offsetWidth;
  card.classList.add("cq-flash");
}, true);
</script>
"""

# (`!important` on the sources panel's overflow: Gradio sets an inline `overflow: visible`
# on the element, which would clip a tall list of cards instead of scrolling it.)
CSS = """
.gradio-container {max-width: 1320px !important; margin: 0 auto !important;}
.cq-header {display: flex; align-items: center; justify-content: space-between;
  gap: 16px; flex-wrap: wrap; padding: 4px 2px 0;}
.cq-title {font-size: 1.45rem; font-weight: 700; letter-spacing: -0.01em;}
.cq-sub {color: var(--body-text-color-subdued); font-size: 0.92rem; margin-top: 2px;}
.cq-badge {display: inline-block; padding: 3px 12px; border-radius: 999px; font-size: 0.8rem;
  font-weight: 600; white-space: nowrap; background: #eef2ff; color: #3730a3;
  border: 1px solid #c7d2fe;}
.cq-badge.cq-llm {background: #ecfdf5; color: #065f46; border-color: #a7f3d0;}
.cq-notice {margin-top: 6px; padding: 6px 10px; border-radius: 8px; font-size: 0.85rem;
  background: #fffbeb; color: #92400e; border: 1px solid #fde68a;}
.cq-status {color: var(--body-text-color-subdued); font-size: 0.85rem;}
#cq-sources {max-height: 720px; overflow-y: auto !important; padding-right: 4px;}
.cq-sources-title {font-weight: 650; font-size: 0.95rem; margin: 2px 0 8px;}
.cq-empty {color: var(--body-text-color-subdued); font-size: 0.9rem; padding: 12px 2px;}
.cq-card {border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: 10px 12px; margin-bottom: 10px; background: var(--background-fill-primary);
  scroll-margin: 12px;}
.cq-card-head {display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap;}
.cq-n {background: var(--color-accent); color: #fff; border-radius: 6px; padding: 0 7px;
  font-weight: 700; font-size: 0.8rem;}
.cq-speaker {font-weight: 650;}
.cq-role {color: var(--body-text-color-subdued); font-size: 0.85rem;}
.cq-meta {color: var(--body-text-color-subdued); font-size: 0.78rem; margin: 3px 0 6px;}
.cq-meta span {white-space: nowrap; color: inherit;}
.cq-text {font-size: 0.88rem; line-height: 1.55; margin: 0; white-space: pre-wrap;}
.cq-text mark {background: #fde68a; color: #1f2937; padding: 1px 2px; border-radius: 3px;}
.cq-mn {font-size: 0.75em; font-weight: 600; color: #92400e; margin-right: 1px;}
.cq-flash {animation: cq-flash 1.6s ease-out;}
@keyframes cq-flash {0% {box-shadow: 0 0 0 3px var(--color-accent);}
  100% {box-shadow: 0 0 0 0 transparent;}}
/* The chat's own trash icon duplicates the Clear button and, once the chat scrolls, covers
   the top message's copy icon. */
#cq-chat button[aria-label="Clear"] {display: none;}
a.cq-cite {text-decoration: none; font-weight: 600; font-size: 0.85em;}
a.cq-cite:hover {text-decoration: underline;}
"""

# Passed to `launch()` (Gradio 6 takes theme/css/head there, not in `gr.Blocks`).
STYLE: dict[str, Any] = {
    # System fonts: the page loads nothing from outside the server.
    "theme": gr.themes.Soft(
        primary_hue="indigo",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"],
    ),
    "css": CSS,
    "head": HEAD,
}


# --- rendering ---------------------------------------------------------------


def link_citations(text: str, known: set[int] | None = None) -> str:
    """Turn `[n]` markers into links to the `cite-n` cards (text must already be escaped).

    `known` limits links to citations that exist (final answer); while streaming any number links.
    """

    def repl(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        if known is not None and not all(n in known for n in numbers):
            return match.group(0)
        return "".join(f'<a class="cq-cite" href="#cite-{n}">[{n}]</a>' for n in numbers)

    return CITE_RE.sub(repl, text)


def unlink_citations(html_text: str) -> str:
    """Back to plain `[n]`: older answers' numbers would point at the latest answer's cards."""
    return CITE_LINK_RE.sub(r"\1", html_text)


def linkify_citations(text: str, known: set[int] | None = None) -> str:
    """HTML-escape raw answer text (a streamed partial), then link its `[n]` markers."""
    return link_citations(html.escape(text, quote=False), known)


def who(citation: Citation) -> str:
    """'CFO' or 'Analyst, Morgan Stanley': the title and firm, else the coarse role."""
    parts = [p for p in (citation.title, citation.affiliation) if p]
    return ", ".join(parts) if parts else citation.role


def quote_span(citation: Citation) -> tuple[int, int] | None:
    """Where the quote sits in its chunk's text: the offsets, else a search for the quote."""
    text = citation.text
    start, end = citation.start - citation.chunk_start, citation.end - citation.chunk_start
    if 0 <= start < end <= len(text) and text[start:end] == citation.quote:
        return start, end
    # Offsets should always match; if they do not, fall back to finding the quote.
    found = text.find(citation.quote) if citation.quote else -1
    return (found, found + len(citation.quote)) if found >= 0 else None


def highlighted_text(citations: Sequence[Citation]) -> str:
    """The chunk text, escaped, with every cited quote in it wrapped in `<mark>` (quotes that
    touch or overlap are marked as one). On a card holding several quotes, each mark is
    labelled with its citation number(s), so "[2]" in the answer points at one highlight."""
    text = citations[0].text
    spans: list[tuple[int, int, list[int]]] = []
    found = sorted((span, c.n) for c in citations if (span := quote_span(c)))
    for (start, end), n in found:
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end), [*spans[-1][2], n])
        else:
            spans.append((start, end, [n]))
    out, at = [], 0
    for start, end, numbers in spans:
        label = (
            f'<sup class="cq-mn">{"".join(f"[{n}]" for n in sorted(numbers))}</sup>'
            if len(citations) > 1
            else ""
        )
        out += [
            html.escape(text[at:start]),
            label,
            "<mark>",
            html.escape(text[start:end]),
            "</mark>",
        ]
        at = end
    return "".join(out) + html.escape(text[at:])


def passage_groups(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Citations grouped by the passage they quote, in order of first citation.

    The Answer keeps one citation per quote (its JSON is stable); several quotes from one
    paragraph are shown as one card with each quote marked, not as copies of the paragraph.
    """
    groups: dict[tuple[str, str], list[Citation]] = {}
    for c in citations:
        groups.setdefault((c.call_id, c.chunk_id), []).append(c)
    return list(groups.values())


def render_card(citations: Sequence[Citation], call_names: dict[str, str]) -> str:
    """One source card for one passage: its citation numbers, speaker, title/firm, section,
    call, and the passage with the cited quotes highlighted. The card's id is its first
    number's anchor; the others are empty anchors inside it, so every `[n]` link finds it."""
    first = citations[0]
    section = SECTION_LABELS.get(first.section, first.section)
    call = call_names.get(first.call_id, first.call_id)
    # Each part stays on one line, so a wrap never splits "Q&A" or a date.
    meta = " · ".join(f"<span>{html.escape(p)}</span>" for p in (section, call) if p)
    role = who(first)
    numbers = "".join(f'<span class="cq-n">{c.n}</span>' for c in citations)
    anchors = "".join(f'<span class="cq-anchor" id="cite-{c.n}"></span>' for c in citations[1:])
    data_n = " ".join(str(c.n) for c in citations)
    return (
        f'<div class="cq-card" id="cite-{first.n}" data-n="{data_n}">'
        f'{anchors}<div class="cq-card-head">{numbers}'
        f'<span class="cq-speaker">{html.escape(first.speaker)}</span>'
        + (f'<span class="cq-role">{html.escape(role)}</span>' if role else "")
        + f'</div><div class="cq-meta">{meta}</div>'
        f'<p class="cq-text">{highlighted_text(citations)}</p></div>'
    )


def render_sources(answer: Answer | None, call_names: dict[str, str], state: str = "") -> str:
    """The sources panel for the latest answer, or a hint while there is none.

    `data-state` (empty / pending / answered / failed) tells scripts and the browser tests
    when an answer has finished.
    """
    title = '<div class="cq-sources-title">Sources</div>'
    if answer is not None:
        state = "answered"
        if answer.error:  # the question was rejected: nothing to show yet
            body = '<div class="cq-empty">Sources for the latest answer appear here.</div>'
        elif answer.citations:
            body = "".join(render_card(g, call_names) for g in passage_groups(answer.citations))
        else:
            body = '<div class="cq-empty">No sources for this answer.</div>'
    elif state == "pending":
        body = '<div class="cq-empty">Searching the transcript…</div>'
    elif state == "failed":
        body = '<div class="cq-empty">No sources: the answer failed.</div>'
    else:
        state = "empty"
        body = '<div class="cq-empty">Sources for the latest answer appear here.</div>'
    return f'<div class="cq-sources" data-state="{state}">{title}{body}</div>'


def render_header(settings: Settings, answer: Answer | None = None) -> str:
    """Title, the mode badge, and a one-line notice when the LLM fell back to offline."""
    if answer is not None:
        llm, model = answer.mode == "llm", answer.model or settings.llm_model
    else:
        llm, model = settings.llm_enabled, settings.llm_model
    badge = (
        f'<span class="cq-badge cq-llm" id="cq-mode">LLM · {html.escape(model)}</span>'
        if llm
        else '<span class="cq-badge" id="cq-mode">Offline extractive</span>'
    )
    notice = ""
    if answer is not None and answer.fallback_reason:
        notice = (
            f'<div class="cq-notice" id="cq-fallback">⚠️ {html.escape(answer.fallback_reason)}</div>'
        )
    return (
        '<div class="cq-header"><div><div class="cq-title">callqa</div>'
        '<div class="cq-sub">Ask the earnings call in English or 中文 — every answer cites '
        "the speaker and the exact quote.</div></div>"
        f"{badge}</div>{notice}"
    )


def render_answer(answer: Answer) -> str:
    """The chat bubble for a final answer: the error, or the shared Markdown rendering of the
    answer and its notes, with `[n]` linked to the source cards (shown beside the chat)."""
    from chain.render import render_markdown

    if answer.error:
        return f"⚠️ {html.escape(answer.error, quote=False)}"
    # The sources are the cards in the panel, so the bubble carries text and notes only.
    markdown = render_markdown(answer.model_copy(update={"citations": []}))
    return link_citations(markdown, {c.n for c in answer.citations})


# --- filters -----------------------------------------------------------------


def parse_auth(spec: str | None) -> list[tuple[str, str]] | None:
    """'user:pass,user2:pass2' -> [('user', 'pass'), ('user2', 'pass2')]; None when unset."""
    if not spec or not spec.strip():
        return None
    users = []
    for entry in spec.split(","):
        user, sep, password = entry.strip().partition(":")
        if not sep or not user or not password:
            raise ValueError("CALLQA_AUTH must look like 'user:pass,user2:pass2'")
        users.append((user, password))
    return users


def make_filters(call_id: str | None, speaker: str | None, section: str | None) -> Any:
    """Dropdown values -> `index.retrieve.Filters`, or None when nothing is selected."""
    from index.retrieve import Filters

    if not (call_id or speaker or section):
        return None
    return Filters(call_id=call_id or None, speaker=speaker or None, section=section or None)


def call_name(call: dict[str, Any]) -> str:
    """A call's display name from an `Index.calls()` row: its title, else company, else id."""
    return str(call.get("title") or call.get("company") or call["call_id"])


def call_label(call: dict[str, Any]) -> str:
    """The call filter's label: name plus date, e.g. '... Q4 2025 (2025-05-15)'."""
    return f"{call_name(call)} ({call['date']})" if call.get("date") else call_name(call)


def list_speakers(engine: Engine, call_id: str | None = None) -> list[tuple[str, str]]:
    """(label, name) for the engine's speakers (`Engine.speakers()`: who counts as a speaker is
    the engine's rule, e.g. no operator), optionally only those of one call, in order of first
    appearance and labelled with their title (which `speakers()` does not give)."""
    from index.filters import speaker_key

    known = {speaker_key(name) for name in engine.speakers()}
    seen: dict[str, tuple[str, str]] = {}
    for chunk in sorted(engine.chunks(call_id), key=lambda c: (c.call_id, c.start)):
        key = speaker_key(chunk.speaker)
        if key in known and key not in seen:
            label = f"{chunk.speaker} — {chunk.title}" if chunk.title else chunk.speaker
            seen[key] = (label, chunk.speaker)
    return list(seen.values())


# --- the chat handler --------------------------------------------------------


def _history(turns: Sequence[dict[str, str]]) -> list[Message]:
    return [Message(role=t["role"], content=t["content"]) for t in turns]  # type: ignore[arg-type]


def _shown_question(question: str) -> str:
    text = question.strip()
    if not text:
        return "<em>(empty question)</em>"
    if len(text) > MAX_SHOWN_QUESTION:
        text = text[:MAX_SHOWN_QUESTION] + "…"
    return html.escape(text, quote=False)


def build_app(
    settings: Settings, engine: Engine | None = None, calls: list[dict[str, Any]] | None = None
) -> gr.Blocks:
    """The whole page. `engine` defaults to `get_engine(settings)`; an empty index gets the
    bundled call ingested before the page is built. `calls`: `engine.index.calls()` when the
    caller has just read it (saves a scan of the store at startup)."""
    from chain.answer import answer as ask
    from chain.answer import get_engine, is_blank

    if engine is None:
        engine = get_engine(settings)
    if not calls:
        engine.ensure_ready()  # may ingest the bundled call, so the list is read after it
        calls = None
    # Display names of the indexed calls, re-read once per page load (calls may be ingested
    # while the app runs); replaced as a whole, so concurrent readers see one or the other.
    catalog: dict[str, Any] = {}

    def load_catalog(known: list[dict[str, Any]] | None = None) -> tuple[Any, ...]:
        calls = engine.index.calls() if known is None else known
        catalog["names"] = {c["call_id"]: call_name(c) for c in calls}
        passages = sum(int(c.get("chunks") or 0) for c in calls)
        plural = "s" if len(calls) != 1 else ""
        status = (
            f"Indexed: {len(calls)} call{plural} · {passages} passages"
            if calls
            else "No calls indexed yet: run `callqa ingest FILE`."
        )
        call_choices = [
            ("All calls", ALL),
            *[(call_label(c), c["call_id"]) for c in calls],
        ]
        return (
            gr.update(choices=call_choices),
            f'<div class="cq-status" id="cq-status">{html.escape(status)}</div>',
        )

    call_update, status_html = load_catalog(calls)

    def call_names() -> dict[str, str]:
        names: dict[str, str] = catalog["names"]
        return names

    def respond(
        question: str,
        session: dict[str, list[dict[str, str]]],
        call_id: str | None,
        speaker: str | None,
        section: str | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream one answer into this session's chat; update sources and badge at the end.

        `session` holds this browser session's chat (as shown) and history (plain text, for
        follow-ups); outputs: question box, chatbot, session, sources, header.
        """
        question = question or ""
        turns = [*session.get("turns", [])]
        # An empty question is answered with a note and leaves the last answer as it was: its
        # [n] links and its sources stay. (It is shown as a turn of its own: a note right after
        # the last answer would be drawn inside that answer's bubble.)
        empty = is_blank(question)
        chat = [
            m if empty else {**m, "content": unlink_citations(m["content"])}
            for m in session.get("chat", [])
        ]
        chat.append({"role": "user", "content": _shown_question(question)})
        chat.append({"role": "assistant", "content": "…"})
        pending = gr.skip() if empty else render_sources(None, call_names(), "pending")
        yield "", chat, gr.skip(), pending, gr.skip()
        final: Answer | None = None
        partial = ""
        try:
            stream = ask(
                question,
                history=_history(turns),
                filters=make_filters(call_id, speaker, section),
                stream=True,
                engine=engine,
            )
            for item in [stream] if isinstance(stream, Answer) else stream:
                if isinstance(item, Answer):
                    final = item
                    break
                partial += item
                chat[-1] = {"role": "assistant", "content": linkify_citations(partial)}
                yield "", chat, gr.skip(), gr.skip(), gr.skip()
            if final is None:
                raise RuntimeError("the answer stream ended without a final answer")
        except Exception as exc:  # the chain must never take the app down
            log.exception("answer failed for %r", question[:200])
            chat[-1] = {
                "role": "assistant",
                # Only the class name: the message may hold paths or URLs (it is logged above).
                "content": "⚠️ Something went wrong while answering; the error was logged ("
                + html.escape(type(exc).__name__, quote=False)
                + ").",
            }
            failed = render_sources(None, call_names(), "failed")
            yield "", chat, {"chat": chat, "turns": turns}, failed, gr.skip()
            return
        chat[-1] = {"role": "assistant", "content": render_answer(final)}
        if not final.error:
            turns += [
                {"role": "user", "content": question},
                {"role": "assistant", "content": final.answer},
            ]
        yield (
            "",
            chat,
            {"chat": chat, "turns": turns},
            gr.skip() if empty else render_sources(final, call_names()),
            render_header(settings, final),
        )

    def on_call_change(call_id: str | None) -> Any:
        return gr.update(
            choices=[("All speakers", ALL), *list_speakers(engine, call_id or None)], value=ALL
        )

    def clear() -> tuple[Any, ...]:
        return (
            [],
            {"chat": [], "turns": []},
            render_sources(None, call_names()),
            render_header(settings),
        )

    with gr.Blocks(title="callqa — ask the earnings call", analytics_enabled=False) as demo:
        session = gr.State({"chat": [], "turns": []})  # per browser session, never shared
        header = gr.HTML(render_header(settings), elem_id="cq-header")
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=420):
                with gr.Row():
                    call_dd = gr.Dropdown(
                        call_update["choices"],
                        value=ALL,
                        label="Call",
                        elem_id="cq-call",
                        scale=2,
                    )
                    speaker_dd = gr.Dropdown(
                        [("All speakers", ALL), *list_speakers(engine)],
                        value=ALL,
                        label="Speaker",
                        elem_id="cq-speaker",
                    )
                    section_dd = gr.Dropdown(
                        SECTIONS,
                        value=ALL,
                        label="Section",
                        elem_id="cq-section",
                    )
                chatbot = gr.Chatbot(
                    label="Conversation",
                    show_label=False,
                    elem_id="cq-chat",
                    height=560,
                    buttons=["copy"],
                    feedback_options=None,
                    placeholder="Ask about revenue, margins, guidance, buybacks, who said what…",
                )
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask a question in English or 中文 and press Enter",
                        show_label=False,
                        elem_id="cq-question",
                        scale=5,
                        autofocus=True,
                        max_lines=4,
                    )
                    send = gr.Button(
                        "Ask", variant="primary", elem_id="cq-ask", scale=1, min_width=80
                    )
                    reset = gr.Button("Clear", elem_id="cq-clear", scale=0, min_width=80)
                examples = gr.Examples(
                    EXAMPLES, inputs=[box], label="Try one", elem_id="cq-examples"
                )
                status = gr.HTML(status_html)
            with gr.Column(scale=2, min_width=320):
                sources = gr.HTML(render_sources(None, call_names()), elem_id="cq-sources")

        inputs = [box, session, call_dd, speaker_dd, section_dd]
        outputs = [box, chatbot, session, sources, header]
        box.submit(respond, inputs, outputs, api_name="ask")
        send.click(respond, inputs, outputs, api_visibility="private")
        cleared = [chatbot, session, sources, header]
        reset.click(clear, None, cleared, api_visibility="private")
        chatbot.clear(clear, None, cleared, api_visibility="private")
        # Clicking an example fills the box and asks it straight away.
        examples.load_input_event.then(respond, inputs, outputs, api_visibility="private")
        demo.load(
            lambda: load_catalog(),
            None,
            [call_dd, status],
            api_visibility="private",
            show_progress="hidden",
        )
        call_dd.change(on_call_change, [call_dd], [speaker_dd], api_visibility="private")
    return demo


def launch_options(settings: Settings) -> dict[str, Any]:
    """What `main()` passes to `launch()`: address, basic auth, look; no share link, no SSR,
    no MCP server. Raises ValueError for a malformed `auth`."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": parse_auth(settings.auth),
        "share": False,
        "ssr_mode": False,
        "mcp_server": False,
        "pwa": False,
        "footer_links": ["api"],
        **STYLE,
    }


def main(settings: Settings | None = None) -> None:
    """Open the index (on first start, ingest the bundled call), then serve until interrupted."""
    from chain.answer import get_engine

    settings = settings or get_settings()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)  # Gradio's own startup probes
    options = launch_options(settings)  # a malformed auth fails before the slow part
    from index.store import redact_url

    where = redact_url(settings.chroma_url) if settings.chroma_url else settings.data_dir
    print(f"callqa: opening the index at {where}", flush=True)
    engine = get_engine(settings)
    calls = engine.index.calls()  # read once here; build_app reuses it for the first page
    if not calls:
        print(f"callqa: indexing the bundled call {settings.bundled_call.name}…", flush=True)
    demo = build_app(settings, engine, calls)
    demo.queue(default_concurrency_limit=settings.concurrency)
    print(f"callqa: serving on http://{settings.host}:{settings.port}", flush=True)
    demo.launch(**options)


if __name__ == "__main__":
    main(get_settings())
