"""Ingest of the bundled corpus vs raw SentenceTransformer.encode of the same chunks; re-ingest."""

from __future__ import annotations

from .common import Run, Stopwatch
from .report import Figure, Goal


def run(bench: Run) -> list[Figure]:
    """Build a fresh store of the bundled corpus with the real embedder; leave it for later sections."""
    from sentence_transformers import SentenceTransformer

    from assistant import Assistant, Settings
    from assistant.chunking import chunk_paper, embedding_text
    from assistant.embeddings import SentenceTransformerEmbedder, bundled_embed_path
    from assistant.sources import read_corpus

    embedder = SentenceTransformerEmbedder()  # loading is the cold-start section's business
    home, corpus = bench.tmp / "home", bench.corpus()
    assistant = Assistant(Settings(home=home, corpus=corpus), embedder=embedder)
    model = SentenceTransformer(str(bundled_embed_path()), device="cpu")  # the baseline's tool

    with Stopwatch() as read:
        papers = read_corpus(corpus).papers
    split = assistant.splitter()
    with Stopwatch() as chunking:
        texts = [embedding_text(c) for p in papers for c in chunk_paper(p, split)]

    def encode() -> float:
        with Stopwatch() as t:
            model.encode(
                texts,
                batch_size=embedder.batch_size,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return t.seconds

    model.encode(texts[:64], batch_size=64, show_progress_bar=False)  # first-call warm-up
    encodes = [encode()]
    with Stopwatch() as ingest:
        report = assistant.ingest(corpus, progress=False)
    if not bench.quick:
        encodes.append(encode())  # before and after: less at the mercy of one noisy moment
    with Stopwatch() as again:
        second = assistant.ingest(corpus, progress=False)

    encode_s = min(encodes)
    writes_s = ingest.seconds - read.seconds - chunking.seconds - encode_s
    bench.shared.update(assistant=assistant, embedder=embedder, home=home, chunks=len(texts))
    return [
        Figure(
            f"ingest: {'part of the' if bench.quick else 'bundled'} corpus end to end ({report.papers} papers, {report.chunks} chunks)",
            ingest.seconds,
            "s",
            encode_s,
            "raw SentenceTransformer.encode of the same chunks",
            Goal("ratio", "<=", 1.2),
            note=f"read {read.seconds:.2f} s, chunk {chunking.seconds:.2f} s, "
            f"store writes and the rest ~{max(writes_s, 0):.2f} s",
            extra={"encode_runs_s": encodes, "read_s": read.seconds, "chunk_s": chunking.seconds},
        ),
        Figure(
            "ingest: embedding throughput",
            report.chunks / ingest.seconds,
            "chunks/s",
            len(texts) / encode_s,
            "raw encode",
            note=f"{report.papers / ingest.seconds:.1f} papers/s",
        ),
        Figure(
            "re-ingest: unchanged corpus",
            again.seconds,
            "s",
            read.seconds,
            "reading and parsing the files alone",
            Goal("value", "<=", 1.0),
            note=f"{second.unchanged} unchanged, {second.added + second.updated} re-written",
        ),
        Figure(
            "re-ingest: chunks embedded",
            second.chunks,
            "chunks",
            goal=Goal("value", "<=", 0),
        ),
    ]
