"""Real local servers for tests (the app, a Chroma server): a free port, a bounded wait until
the server answers, and a teardown that never leaves a process behind.

Shared by the test folders (pytest puts `tests/support` on the path, see pyproject.toml;
not `tests/`, whose folders would shadow the packages they test).
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    """A port nothing listens on right now (the OS picks it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:]


@contextmanager
def running(
    cmd: Sequence[str],
    *,
    ready_url: str,
    log: Path,
    name: str,
    timeout: float,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stop_timeout: float = 30,
) -> Iterator[subprocess.Popen[bytes]]:
    """Run `cmd` (output to `log`) until `ready_url` answers 200, yield the process, then
    terminate it (kill if it does not stop). Fails the test with the log's tail if the
    process exits or does not answer within `timeout` seconds."""
    with log.open("wb") as out:
        proc = subprocess.Popen(list(cmd), cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not _answers(ready_url):
            if proc.poll() is not None:
                pytest.fail(f"{name} exited with {proc.returncode}:\n{log.read_text()[-4000:]}")
            if time.monotonic() > deadline:
                pytest.fail(
                    f"{name} did not come up in {timeout:.0f} s:\n{log.read_text()[-4000:]}"
                )
            time.sleep(0.2)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
