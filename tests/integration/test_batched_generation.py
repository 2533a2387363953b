"""The embedded model generates several summaries in one pass exactly as it does one at a time."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS


@pytest.mark.slow
def test_batched_greedy_replies_match_one_at_a_time(real_assistant):
    from assistant.prompts import summary_messages
    from assistant.sources import read_corpus

    generator = real_assistant.generator
    # Abstracts of different lengths, so the shorter prompts are padded.
    papers = sorted(read_corpus([CORPUS]).papers[:12], key=lambda p: len(p.abstract))[::5]
    batch = [summary_messages(p, real_assistant.settings.prompts_dir) for p in papers]
    assert len({len(p.abstract) for p in papers}) == len(papers) == 3
    alone = [generator.generate(messages, 40) for messages in batch]
    together = generator.generate_batch(batch, 40)
    assert together == alone
    assert all(text.strip() for text in together)
