"""Errors raised for transcripts that cannot be ingested."""

from __future__ import annotations

from pathlib import Path


class TranscriptError(ValueError):
    """A transcript file that cannot be ingested; the message names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{path}: {problem}")
