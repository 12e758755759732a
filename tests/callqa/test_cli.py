"""The `callqa` command as a user runs it: a real process, a real on-disk index."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from callqa.settings import BUNDLED_CALL

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO / "eval" / "gold" / "alibaba-fy2025-q4.jsonl"
FIXTURES = REPO / "tests" / "ingest" / "fixtures"
ANSWER_KEYS = {
    "id", "question", "standalone_question", "answer", "refused", "mode", "model",
    "fallback_reason", "citations", "unsupported_numbers", "retrieved", "latency_ms",
}  # fmt: skip
CITATION_KEYS = {
    "n", "chunk_id", "call_id", "speaker", "title", "role", "affiliation", "section",
    "quote", "start", "end", "text",
}  # fmt: skip


def callqa(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI from an empty working directory next to `data_dir`, so a developer's
    `.env` (read from the cwd) and stray `OPENAI_*`/`CALLQA_*` variables cannot leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CALLQA_"))}
    env["CALLQA_DATA_DIR"] = str(data_dir)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    cwd = data_dir.parent / "cwd"
    cwd.mkdir(exist_ok=True)
    return subprocess.run(
        [sys.executable, "-m", "callqa.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=600,
        check=False,
    )


def call_ids(data_dir: Path) -> list[str]:
    listed = callqa(data_dir, "calls", "--json")
    assert listed.returncode == 0, listed.stderr
    return sorted(c["call_id"] for c in json.loads(listed.stdout))


def fixture_call_id(path: Path) -> str:
    from ingest import ingest_file

    return ingest_file(path).call.call_id


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli") / "index"


def test_ask_json_is_the_documented_answer(data_dir: Path) -> None:
    """First use indexes the bundled call; --json prints the stable Answer JSON."""
    run = callqa(data_dir, "ask", "How fast did cloud revenue grow?", "--json")
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result.keys() >= ANSWER_KEYS
    assert result["mode"] == "offline" and not result["refused"]
    assert "18%" in result["answer"]
    cite = result["citations"][0]
    assert cite.keys() >= CITATION_KEYS
    assert cite["quote"] in cite["text"]
    source = BUNDLED_CALL.read_text(encoding="utf-8")
    assert source[cite["start"] : cite["end"]] == cite["quote"]


def test_ask_text_names_speaker_and_section(data_dir: Path) -> None:
    run = callqa(data_dir, "ask", "How many 88VIP members are there?", "--section", "prepared")
    assert run.returncode == 0, run.stderr
    assert "50 million" in run.stdout
    assert "Prepared remarks" in run.stdout


def test_ingest_second_call_and_list_calls(data_dir: Path) -> None:
    """Counted before and after, so it holds whichever tests ran first."""
    fixture = FIXTURES / "contoso-q3-fy2024-colon.txt"
    new_id = fixture_call_id(fixture)
    before = call_ids(data_dir)
    assert new_id not in before
    first = callqa(data_dir, "ingest", str(fixture))
    assert first.returncode == 0, first.stderr
    again = callqa(data_dir, "ingest", str(fixture))  # idempotent: same chunk count
    assert again.stdout == first.stdout
    assert call_ids(data_dir) == sorted([*before, new_id])


def test_ingest_bad_file_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    before = callqa(data_dir, "calls", "--json").stdout
    run = callqa(data_dir, "ingest", str(empty))
    assert run.returncode == 1
    assert "empty.txt" in run.stderr and "Traceback" not in run.stderr
    assert callqa(data_dir, "calls", "--json").stdout == before  # nothing written


def test_ingest_good_and_bad_file_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    good = FIXTURES / "northwind-q2-2024-dash.txt"
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    before = callqa(data_dir, "calls", "--json").stdout
    assert fixture_call_id(good) not in before  # else "nothing written" would prove nothing
    run = callqa(data_dir, "ingest", str(good), str(bad))
    assert run.returncode == 1
    assert "bad.txt" in run.stderr and "Traceback" not in run.stderr
    assert callqa(data_dir, "calls", "--json").stdout == before


def test_reindex_with_a_bad_file_keeps_the_index(data_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("")
    before = callqa(data_dir, "calls", "--json").stdout
    assert json.loads(before)  # something to lose
    run = callqa(data_dir, "ingest", "--reindex", str(bad))
    assert run.returncode == 1
    assert "bad.txt" in run.stderr and "Traceback" not in run.stderr
    assert callqa(data_dir, "calls", "--json").stdout == before


def test_empty_question_exits_nonzero_with_message(data_dir: Path) -> None:
    run = callqa(data_dir, "ask", "   ")
    assert run.returncode == 2
    assert "Please type a question" in run.stdout


def test_eval_llm_mode_without_llm_is_a_clear_error(data_dir: Path, tmp_path: Path) -> None:
    run = callqa(data_dir, "eval", "--gold", str(GOLD), "--mode", "llm", "--out", str(tmp_path))
    assert run.returncode == 2
    assert "OPENAI_API_KEY" in run.stderr and "Traceback" not in run.stderr
