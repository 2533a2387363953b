"""The store against a real local Chroma server (`chroma run`), through ASSISTANT_STORE_URL."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from tests.fakes import FakeEmbedder, FakeGenerator

START_TIMEOUT_S = 30.0
ROWS = [
    {"title": "Sparse Llamas", "abstract": "We prune llamas to half their weights with no loss."},
    {"title": "Tiny Pooling", "abstract": "A pooling layer for tiny transformers beats average."},
    {"title": "Frozen Kites", "abstract": "Kites trained on frozen lakes fly in strong winds."},
]


def chroma_binary() -> str | None:
    """The `chroma` command beside this interpreter (the venv's), else the one on PATH."""
    beside = Path(sys.executable).parent / "chroma"
    return str(beside) if beside.exists() else shutil.which("chroma")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_heartbeat(url: str, server: subprocess.Popen, log: Path) -> None:
    """Poll the server's heartbeat until it answers; fail with its log if it dies or stalls."""
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"chroma run exited with {server.returncode}:\n{log.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    pytest.fail(
        f"chroma run did not answer within {START_TIMEOUT_S:.0f}s:\n{log.read_text()[-2000:]}"
    )


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Chroma server on a free port, stopped at the end of the module."""
    binary = chroma_binary()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("the chroma command is missing in CI (it comes with the chromadb package)")
        pytest.skip("the chroma command is not installed")
    folder = tmp_path_factory.mktemp("chroma-server")
    port = free_port()
    log = folder / "server.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                binary,
                "run",
                "--path",
                str(folder / "data"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ANONYMIZED_TELEMETRY": "False"},
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_heartbeat(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _assistant(home: Path, url: str, replies: list[str] | None = None) -> Assistant:
    settings = Settings(home=home, store_url=url)
    return Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator(replies))


def test_ingest_retrieve_and_persist_through_a_chroma_server(chroma_url, tmp_path):
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    first = _assistant(tmp_path / "a", chroma_url)
    assert first.status()["store"] == chroma_url

    report = first.ingest([corpus], progress=False)
    assert (report.added, report.unchanged) == (3, 0) and report.chunks >= 3
    counts = first.store.count()
    assert counts[0] == 3

    again = first.ingest([corpus], progress=False)
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 3, 0)
    assert first.store.count() == counts

    question = "How do the authors prune llamas?"
    assert first.retrieve(question)[0].title == "Sparse Llamas"

    # Nothing was written locally: a new Assistant with another home sees the server's data.
    assert not (tmp_path / "a" / "store").exists()
    reply = "We prune llamas to half their weights with no loss [1]."
    second = _assistant(tmp_path / "b", chroma_url, [reply])
    assert second.store.count() == counts
    assert (
        second.ensure_corpus(progress=False) is None
    )  # not empty: the bundled corpus is not added
    assert [p.title for p in second.papers()] == ["Frozen Kites", "Sparse Llamas", "Tiny Pooling"]
    answer = second.ask(question)
    assert [c.title for c in answer.citations] == ["Sparse Llamas"]
