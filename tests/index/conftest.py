"""Shared, expensive fixtures for the index tests: one real on-disk index per session.

The session index holds the bundled Alibaba call plus a small second call (from the ingest
fixtures), ingested once with the real MiniLM model into a temporary Chroma directory.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from servers import free_port, running

from callqa.settings import BUNDLED_CALL, Settings
from index.service import Index, open_index
from ingest.models import IngestedCall

FIXTURES = Path(__file__).resolve().parents[1] / "ingest" / "fixtures"
SECOND_CALL = FIXTURES / "contoso-q3-fy2024-colon.txt"


def index_settings(data_dir: Path, **update: object) -> Settings:
    """Settings isolated from the developer's environment and .env (fixed defaults)."""
    base = Settings(_env_file=None, data_dir=data_dir)  # type: ignore[call-arg]
    return base.model_copy(update=update) if update else base


@pytest.fixture(scope="session")
def make_settings() -> Callable[..., Settings]:
    """`make_settings(data_dir, **update)`: isolated Settings for a test's own index."""
    return index_settings


@pytest.fixture(scope="session")
def second_call() -> Path:
    return SECOND_CALL


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("callqa-index")


@pytest.fixture(scope="session")
def bundled_index(index_dir: Path) -> Iterator[Index]:
    index = open_index(index_settings(index_dir))
    index.ingest([BUNDLED_CALL, SECOND_CALL])
    yield index
    index.close()


@pytest.fixture(scope="session")
def ingested(bundled_index: Index) -> dict[str, IngestedCall]:
    """The parsed calls as ingest produced them (for comparing with what Chroma returns)."""
    from ingest import ingest_file

    calls = [ingest_file(BUNDLED_CALL), ingest_file(SECOND_CALL)]
    return {"bundled": calls[0], "second": calls[1]}


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on a free local port; yields its URL."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed next to this Python")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    url = f"http://127.0.0.1:{port}"
    cmd = [
        str(chroma),
        "run",
        "--path",
        str(path / "db"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with running(
        cmd,
        ready_url=f"{url}/api/v2/heartbeat",
        log=path / "server.log",
        name="chroma server",
        timeout=60,
        stop_timeout=10,
    ):
        yield url
