"""Startup of `app.main()` in process: one read of the call list, no secrets printed, and the
speaker dropdown follows the engine's idea of who is a speaker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import gradio as gr
import pytest

import app
import chain.answer
from callqa.settings import Settings
from chain.answer import get_engine

CALL = Path(__file__).parent / "fixtures" / "acme-q1-2026.txt"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,  # a developer's .env must not change the test
        data_dir=tmp_path_factory.mktemp("app-startup") / "data",
        bundled_call=CALL,  # four short turns: quick to embed
        llm_mode="offline",
    )


def test_main_reads_the_call_list_once(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = get_engine(settings)
    engine.ensure_ready()  # indexed already: a normal (not first) start
    reads: list[int] = []
    real_calls = engine.index.calls

    def counting_calls() -> list[dict[str, Any]]:
        reads.append(1)
        return real_calls()

    monkeypatch.setattr(engine.index, "calls", counting_calls)
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: None)
    app.main(settings)

    assert len(reads) == 1
    assert "serving on" in capsys.readouterr().out


def test_chroma_url_credentials_are_not_printed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def stop(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("stop after the banner")

    monkeypatch.setattr(chain.answer, "get_engine", stop)
    remote = settings.model_copy(update={"chroma_url": "http://ana:s3cret@127.0.0.1:9/"})
    with pytest.raises(RuntimeError, match="stop after the banner"):
        app.main(remote)
    out = capsys.readouterr().out
    assert "127.0.0.1:9" in out and "s3cret" not in out


def test_speaker_choices_are_the_engines_speakers(settings: Settings) -> None:
    engine = get_engine(settings)
    engine.ensure_ready()
    choices = app.list_speakers(engine)
    assert [name for _, name in choices] == ["Jane Doe", "John Roe", "Amy Lin"]
    assert {name for _, name in choices} == set(engine.speakers())  # no operator
    assert choices[0][0] == "Jane Doe — Chief Executive Officer"
