"""Closing a reply's stream stops the embedded model at once instead of after its token budget."""

from __future__ import annotations

import pytest


@pytest.mark.slow
def test_closing_the_stream_stops_generating(real_assistant):
    generator = real_assistant.generator
    messages = [{"role": "user", "content": "Write a very long story about a cat and a boat."}]
    passes = []
    hook = generator.model.register_forward_hook(lambda *args: passes.append(1))
    try:
        stream = generator.stream(messages, 300)
        pieces = [next(stream) for _ in range(3)]
        stream.close()
        forward_passes = len(passes)
    finally:
        hook.remove()
    assert all(isinstance(p, str) for p in pieces)
    # One forward pass per token: a few for the pieces read (a piece can hold several tokens,
    # and one more runs while the stop is seen), nowhere near the 300 of the budget.
    assert forward_passes < 20
    assert not generator._lock.locked()
    assert generator.generate(messages, 8).strip()  # the model serves the next request
