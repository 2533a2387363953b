"""UI fixtures: one indexed fake assistant and one running app per session (fast, offline)."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant import Assistant, Paper, Settings
from assistant.citations import split_sentences
from tests.conftest import FAKE
from tests.fakes import FakeEmbedder, FakeGenerator

CORPUS = Path(__file__).resolve().parents[2] / "data" / "hf-daily-papers"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


class PacedGenerator(FakeGenerator):
    """A FakeGenerator that waits between words, so a browser can see the answer stream in."""

    def __init__(self, delay: float = 0.0) -> None:
        super().__init__()
        self.delay = delay

    def stream(self, messages, max_new_tokens):
        for piece in super().stream(messages, max_new_tokens):
            time.sleep(self.delay)
            yield piece


def free_port() -> int:
    """A localhost port nobody is listening on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def ui_assistant(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled corpus indexed with fake models, shared by the UI tests (which only add)."""
    settings = Settings(home=tmp_path_factory.mktemp("ui-home"), corpus=[CORPUS], **FAKE)
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=PacedGenerator())
    assistant.ensure_corpus(progress=False)
    return assistant


def start(assistant: Assistant) -> tuple[object, str]:
    """Serve an app over `assistant` on a free localhost port; returns (app, url)."""
    from assistant.ui import serve

    port = free_port()
    demo = serve(assistant, "127.0.0.1", port, block=False)
    return demo, f"http://127.0.0.1:{port}/"


@pytest.fixture(scope="session")
def ui_url(ui_assistant: Assistant) -> Iterator[str]:
    """The URL of a running app over the shared fake assistant."""
    demo, url = start(ui_assistant)
    yield url
    demo.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where browser tests leave their screenshots (a CI artifact)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


Grounded = Callable[[str], tuple[str, str, Paper]]


@pytest.fixture
def grounded(ui_assistant: Assistant) -> Grounded:
    """grounded(title words) -> (question, supporting sentence, paper), with the fake model
    scripted to answer by quoting that sentence, so the checked answer cites the paper."""

    def script(title_words: str) -> tuple[str, str, Paper]:
        paper = next(p for p in ui_assistant.papers() if title_words.lower() in p.title.lower())
        sentence = next(s for s in split_sentences(paper.abstract) if len(s.split()) >= 8)
        generator = ui_assistant.generator
        assert isinstance(generator, FakeGenerator)
        generator.replies.clear()  # an abstained question leaves its reply unused
        generator.enqueue([sentence.rstrip(".") + " [1]."])
        return f"What does the paper on {paper.title} show?", sentence, paper

    return script
