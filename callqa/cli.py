"""The one `callqa` command: ingest, ask, calls, serve, slack, eval.

The CLI only parses flags into `Settings` and renders results; retrieval, prompting and
citation all happen in `chain.answer.answer()`, shared with every other front end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from callqa.settings import Settings, get_settings


def _settings_from(args: argparse.Namespace) -> Settings:
    """Environment/.env settings with the global CLI flags applied on top."""
    return get_settings().with_overrides(
        data_dir=args.data_dir,
        chroma_url=args.chroma_url,
        embed_model=args.embed_model,
        llm_mode="offline" if getattr(args, "offline", False) else None,
    )


def _filters(args: argparse.Namespace) -> Any:
    from index.retrieve import Filters

    if not any((args.call, args.speaker, args.section, args.role)):
        return None
    return Filters(call_id=args.call, speaker=args.speaker, role=args.role, section=args.section)


def cmd_ingest(args: argparse.Namespace) -> int:
    from index.service import open_index
    from index.store import EmbeddingMismatchError
    from ingest import ingest_file
    from ingest.errors import TranscriptError

    settings = _settings_from(args)
    files = [Path(f) for f in args.files]
    overrides = {
        "company": args.company,
        "title": args.title,
        "date": args.date,
        "period": args.period,
    }
    try:
        try:
            index = open_index(settings)
            reset = args.reindex
        except EmbeddingMismatchError:
            if not args.reindex:
                raise
            # The stored vectors come from another model, so the index cannot even be opened
            # as it is: check every file parses before dropping it.
            for path in files:
                ingest_file(path, max_bytes=int(settings.max_file_mb * 1024 * 1024))
            index, reset = open_index(settings, reset=True), False
        # One call for all files: all of them parse, or nothing is written.
        for ingested in index.ingest(files, reset=reset, **overrides):
            print(
                f"ingested {ingested.call.call_id}: {len(ingested.chunks)} chunks "
                f"from {len(ingested.turns)} turns ({ingested.call.source})"
            )
    except (TranscriptError, EmbeddingMismatchError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from chain.answer import answer, get_engine
    from chain.render import render_text

    engine = get_engine(_settings_from(args))
    result = answer(args.question, filters=_filters(args), engine=engine)
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(render_text(result))
    return 2 if result.error else 0


def cmd_calls(args: argparse.Namespace) -> int:
    from index.service import open_index

    calls = open_index(_settings_from(args)).calls()
    if args.json:
        print(json.dumps(calls, indent=2, ensure_ascii=False))
        return 0
    if not calls:
        print("No calls indexed yet. Run: callqa ingest FILE")
        return 0
    for call in calls:
        print(
            f"{call['call_id']}\t{call.get('company', '')}\t{call.get('date', '')}\t"
            f"{call.get('period', '')}\t{call.get('chunks', '')} chunks\t{call.get('title', '')}"
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import app

    app.main(_settings_from(args).with_overrides(host=args.host, port=args.port))
    return 0


def cmd_slack(args: argparse.Namespace) -> int:
    from adapters.slack import run

    run(_settings_from(args))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from eval.run import print_summary, run_eval

    try:
        report = run_eval(
            Path(args.gold),
            Path(args.out),
            mode=args.mode,
            baselines=args.baselines,
            limit=args.limit,
            settings=_settings_from(args),
            transcript=args.transcript,
        )
    except ValueError as exc:  # bad mode / gold file: one clear line, no traceback
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print_summary(report)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="callqa", description="Ask an earnings call a question; get a cited answer."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", type=Path, help="persistent Chroma directory")
    common.add_argument("--chroma-url", help="Chroma server URL, e.g. http://localhost:8000")
    common.add_argument("--embed-model", choices=["minilm-int8", "e5-small-q4"])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="index transcript files")
    p.add_argument("files", nargs="+")
    p.add_argument(
        "--reindex",
        action="store_true",
        help="drop the whole index first (e.g. after changing --embed-model), then ingest FILES",
    )
    for flag in ("company", "title", "date", "period"):
        p.add_argument(f"--{flag}", help=f"call {flag} (overrides the transcript header)")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("ask", parents=[common], help="ask a question")
    p.add_argument("question")
    p.add_argument("--call", help="restrict to one call_id (see `callqa calls`)")
    p.add_argument("--speaker", help="restrict to one speaker")
    p.add_argument("--role", choices=["executive", "analyst", "operator", "ir"])
    p.add_argument("--section", choices=["prepared", "qa"])
    p.add_argument("--json", action="store_true", help="print the full Answer JSON")
    p.add_argument("--offline", action="store_true", help="never call an LLM")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("calls", parents=[common], help="list indexed calls")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_calls)

    p = sub.add_parser("serve", parents=[common], help="start the web UI")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--offline", action="store_true", help="never call an LLM")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("slack", parents=[common], help="run the Slack bot")
    p.set_defaults(func=cmd_slack)

    p = sub.add_parser("eval", parents=[common], help="score answers against a gold set")
    p.add_argument("--gold", required=True)
    p.add_argument("--out", default="eval/out")
    p.add_argument("--mode", choices=["offline", "llm"], default="offline")
    p.add_argument("--baselines", action="store_true", help="also run the baseline setups")
    p.add_argument("--limit", type=int, help="only the first N questions")
    p.add_argument(
        "--transcript",
        help="the call the gold set is about (indexed if missing; "
        "answers restricted to it). Default: the bundled call",
    )
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `callqa ask ... | head`: the reader left, nothing to report
        sys.stderr.close()
        return 0
    except Exception as exc:
        from index.store import EmbeddingMismatchError  # imported late: chromadb is slow

        if isinstance(exc, EmbeddingMismatchError):  # says how to re-index; no traceback
            print(f"error: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
