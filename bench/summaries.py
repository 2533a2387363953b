"""Summary throughput: papers per minute generated in batches vs one at a time, same weights."""

from __future__ import annotations

import time

from .common import Run
from .report import Figure


def run(bench: Run) -> list[Figure]:
    from assistant.generation import TransformersGenerator
    from assistant.prompts import summary_messages
    from assistant.settings import DEFAULT_MODEL
    from assistant.summaries import MAX_NEW_TOKENS

    from .common import models_dir

    assistant = bench.shared["assistant"]
    gen = TransformersGenerator(DEFAULT_MODEL, device="cpu", cache_dir=models_dir())
    size = gen.batch_size
    papers = assistant.papers()[: bench.pick(size, 2 * size)]
    batch = [summary_messages(p, assistant.settings.prompts_dir) for p in papers]
    gen.generate(batch[0], 4)  # warm-up

    t0 = time.perf_counter()
    alone = [gen.generate(messages, MAX_NEW_TOKENS) for messages in batch]
    one_at_a_time = time.perf_counter() - t0
    t0 = time.perf_counter()
    together: list[str] = []
    for start in range(0, len(batch), size):
        together += gen.generate_batch(batch[start : start + size], MAX_NEW_TOKENS)
    batched = time.perf_counter() - t0
    same = sum(a == b for a, b in zip(alone, together, strict=True))
    per_minute = 60 * len(papers) / batched
    return [
        Figure(
            f"summaries: generation, {size} papers per forward pass",
            per_minute,
            "papers/min",
            60 * len(papers) / one_at_a_time,
            "one paper at a time",
            note=f"{len(papers)} papers, up to {MAX_NEW_TOKENS} new tokens each; "
            f"{same} of {len(papers)} greedy outputs identical to one-at-a-time",
        )
    ]
