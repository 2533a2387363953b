"""Chroma at 10k / 100k (/ 1M) chunks: ingest rate and query p50/p95, vs exact numpy search.

The vectors are the bundled corpus's real chunk vectors, repeated and perturbed with Gaussian
noise (then re-normalised) to reach each size; queries are other perturbations of them.
"""

from __future__ import annotations

import time

from .common import Run, Stopwatch
from .report import Figure, percentile

NOISE = 0.025  # per-dimension sigma: a copy keeps a cosine of about 0.9 with its original
TOP_N = 40  # the dense candidates one question asks for (Settings.candidates)


def perturbed(base, n: int, rng):
    """n unit vectors: base rows repeated in order, each with fresh noise."""
    import numpy as np

    # float32 throughout: at 1M x 384 a float64 temporary alone would take 3 GB.
    rows = rng.standard_normal((n, base.shape[1]), dtype=np.float32)
    rows *= NOISE
    rows += base[np.arange(n) % len(base)]
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def fill(collection, vectors, docs, batch: int) -> None:
    """Add the vectors (with their source chunk's text and a small metadata record) in batches."""
    for start in range(0, len(vectors), batch):
        stop = min(start + batch, len(vectors))
        collection.add(
            ids=[f"c{i}" for i in range(start, stop)],
            embeddings=vectors[start:stop],
            documents=[docs[i % len(docs)] for i in range(start, stop)],
            metadatas=[
                {"paper_id": f"p{i // 4}", "chunk_index": i % 4} for i in range(start, stop)
            ],
        )


def run(bench: Run) -> list[Figure]:
    import numpy as np

    from assistant.store import Store

    got = bench.shared["assistant"].store.chunks.get(include=["embeddings", "documents"])
    base, docs = np.asarray(got["embeddings"], dtype=np.float32), list(got["documents"])
    rng = np.random.default_rng(7)
    sizes = bench.pick([2_000, 10_000], [10_000, 100_000], [10_000, 100_000, 1_000_000])
    queries = perturbed(base, bench.pick(20, 100), rng)
    queries = queries[rng.permutation(len(queries))]

    figures, first_rate = [], None
    for size in sizes:
        vectors = perturbed(base, size, rng)
        store = Store("bench-random-384", path=bench.tmp / f"scale-{size}", prefix="scale")
        batch = min(5000, store.client.get_max_batch_size())
        with Stopwatch() as t:
            fill(store.chunks, vectors, docs, batch)
        rate = size / t.seconds
        first_rate = first_rate or rate

        chroma, exact, recall = [], [], []
        for q in queries:
            t0 = time.perf_counter()
            hit = store.chunks.query(query_embeddings=[q], n_results=TOP_N, include=["distances"])
            t1 = time.perf_counter()
            scores = vectors @ q
            best = np.argpartition(-scores, TOP_N)[:TOP_N]
            best = best[np.argsort(-scores[best])]
            t2 = time.perf_counter()
            chroma.append(t1 - t0)
            exact.append(t2 - t1)
            truth = {f"c{i}" for i in best[:10]}
            recall.append(len(truth & set(hit["ids"][0][:10])) / 10)

        label = f"{size:,}".replace(",", " ")
        figures += [
            Figure(
                f"scale {label}: ingest rate",
                rate,
                "chunks/s",
                first_rate,
                f"rate at {sizes[0]:,}",
                note=f"{t.seconds:.1f} s in batches of {batch}",
            ),
            Figure(
                f"scale {label}: query p50 (top {TOP_N})",
                percentile(chroma, 50) * 1000,
                "ms",
                percentile(exact, 50) * 1000,
                "exact numpy search, same vectors",
                note=f"recall@10 vs exact {sum(recall) / len(recall):.2f}",
            ),
            Figure(
                f"scale {label}: query p95",
                percentile(chroma, 95) * 1000,
                "ms",
                percentile(exact, 95) * 1000,
                "exact numpy search p95",
            ),
        ]
        del store, vectors
    return figures
