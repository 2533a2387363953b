"""Fixtures for unit tests."""

import pytest

from assistant import Assistant


@pytest.fixture
def indexed(fake_indexed: Assistant) -> Assistant:
    """The shared fake-model store of the bundled corpus, with the scripted generator reset."""
    fake_indexed.generator.replies.clear()  # type: ignore[attr-defined]
    fake_indexed.generator.prompts.clear()  # type: ignore[attr-defined]
    return fake_indexed
