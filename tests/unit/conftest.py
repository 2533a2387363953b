"""Fixtures for unit tests."""

import pytest

from assistant import Assistant, Settings
from tests.conftest import CORPUS, FAKE, LIBRARY
from tests.fakes import FakeEmbedder, FakeGenerator


@pytest.fixture
def indexed(fake_indexed: Assistant) -> Assistant:
    """The shared fake-model store of the bundled corpus, with the scripted generator reset."""
    fake_indexed.generator.replies.clear()  # type: ignore[attr-defined]
    fake_indexed.generator.prompts.clear()  # type: ignore[attr-defined]
    return fake_indexed


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The bundled corpus, then the Zotero .bib (references with authors, venues, keys), with
    fake models; one per test module, for read-only use."""
    settings = Settings(home=tmp_path_factory.mktemp("library-home"), corpus=[CORPUS], **FAKE)
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    assistant.ensure_corpus(progress=False)
    assistant.ingest([LIBRARY / "zotero.bib"], progress=False)
    return assistant
