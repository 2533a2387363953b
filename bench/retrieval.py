"""Assistant.retrieve (embed + dense + BM25 + fusion) vs a raw Chroma query of the same vector."""

from __future__ import annotations

import time

from .common import Run, Stopwatch, questions
from .report import Figure, Goal, percentile


def _ms(samples: list[float]) -> tuple[float, float]:
    return percentile(samples, 50) * 1000, percentile(samples, 95) * 1000


def run(bench: Run) -> list[Figure]:
    """Time each question through every layer, interleaved so background load hits all alike."""
    assistant = bench.shared["assistant"]
    embedder = assistant.embedder
    n = assistant.settings.candidates
    asked = questions(bench.pick(20, 100))

    with Stopwatch() as build:
        assistant.retrieve(asked[0])  # the first question builds BM25 over every stored chunk
    for q in asked[:3]:
        assistant.retrieve(q)  # warm-up

    whole: list[float] = []
    embed: list[float] = []
    raw: list[float] = []
    wrapped: list[float] = []
    for q in asked:
        t0 = time.perf_counter()
        vector = embedder.embed_query(q)
        t1 = time.perf_counter()
        assistant.store.chunks.query(
            query_embeddings=[vector], n_results=n, include=["documents", "metadatas", "distances"]
        )
        t2 = time.perf_counter()
        assistant.index.query(vector, n)  # the same query through llama-index's ChromaVectorStore
        t3 = time.perf_counter()
        assistant.retrieve(q)
        t4 = time.perf_counter()
        embed.append(t1 - t0)
        raw.append(t2 - t1)
        wrapped.append(t3 - t2)
        whole.append(t4 - t3)

    (p50, p95), (raw50, raw95) = _ms(whole), _ms(raw)
    (emb50, _), (wrap50, _) = _ms(embed), _ms(wrapped)
    chunks = assistant.store.count()[1]
    return [
        Figure(
            f"retrieval p50: Assistant.retrieve ({chunks} chunks, {len(asked)} questions)",
            p50,
            "ms",
            raw50,
            f"raw Chroma query, top {n}",
            Goal("value", "<=", 50),
            extra={"samples_s": whole, "raw_samples_s": raw},
        ),
        Figure("retrieval p95: Assistant.retrieve", p95, "ms", raw95, "raw Chroma query p95"),
        Figure(
            "retrieval parts p50: embedding the question",
            emb50,
            "ms",
            raw50,
            "raw Chroma query",
            note=f"llama-index dense query p50 {wrap50:.1f} ms",
        ),
        Figure(
            "retrieval: first question (builds BM25 over all chunks)",
            build.seconds * 1000,
            "ms",
            p50,
            "a warm question p50",
        ),
    ]
