"""Shared fixtures: offline environment, fake and real assistants over temporary stores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Tests never reach a hub or phone home.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

from assistant import Assistant, Settings, set_default_assistant  # noqa: E402
from assistant.settings import AbstentionSettings, ComposeSettings  # noqa: E402
from tests.fakes import FakeEmbedder, FakeGenerator  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "hf-daily-papers"
LIBRARY = REPO / "tests" / "data" / "library"  # a Zotero-style .bib, an RIS and a CSL-JSON export
# Bag-of-words cosines run lower than MiniLM's: the fake embedder's own abstention threshold.
FAKE_ABSTAIN = 0.3
FAKE_ABSTENTION = AbstentionSettings(min_similarity=FAKE_ABSTAIN)
# ...and the lower relevance its judge gives a sentence that answers an ask.
FAKE_COMPOSE = ComposeSettings(answer_floor=0.25, fill_floor=0.3)
FAKE = {"abstention": FAKE_ABSTENTION, "compose": FAKE_COMPOSE}
MODELS_CACHE = Path(os.environ.get("ASSISTANT_TEST_MODELS", REPO / ".cache" / "models"))


@pytest.fixture
def fake_assistant(tmp_path: Path) -> Assistant:
    """An Assistant on a real on-disk Chroma store, with fake models (fast)."""
    settings = Settings(home=tmp_path / "home", corpus=[CORPUS], **FAKE)
    return Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())


@pytest.fixture(scope="session")
def real_store_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store of the bundled corpus with the real embedding model, shared by slow tests."""
    return tmp_path_factory.mktemp("real-home")


@pytest.fixture(scope="session")
def real_assistant(real_store_home: Path) -> Assistant:
    """The real embedded models on the bundled corpus; converted weights are kept across runs."""
    settings = Settings(home=real_store_home, corpus=[CORPUS], models_dir=MODELS_CACHE)
    return Assistant(settings)


@pytest.fixture(scope="session")
def fake_indexed(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled corpus indexed once with the fake embedder (read-only use in tests)."""
    settings = Settings(home=tmp_path_factory.mktemp("fake-home"), corpus=[CORPUS], **FAKE)
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    assistant.ensure_corpus(progress=False)
    return assistant


@pytest.fixture(autouse=True)
def use_default() -> Iterator[Callable[[Assistant | None], None]]:
    """Make `ask()`, `summarize()`, the CLI and the UI command use a given Assistant; the
    process-wide default is reset after every test."""
    yield set_default_assistant
    set_default_assistant(None)
