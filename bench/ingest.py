"""Ingest of the bundled corpus with the default embedder vs raw SentenceTransformer.encode of
the same chunks; re-ingest."""

from __future__ import annotations

from .common import Run, Stopwatch, models_dir
from .report import Figure, Goal

BASELINE_BATCH = 64  # SentenceTransformerEmbedder's batch size: the torch path ingest used to take


def run(bench: Run) -> list[Figure]:
    """Build a fresh store of the bundled corpus with the default embedding backend (what a user
    gets); leave it for later sections."""
    from sentence_transformers import SentenceTransformer

    from assistant import Assistant, Settings
    from assistant.chunking import chunk_paper, embedding_text
    from assistant.embeddings import bundled_embed_path
    from assistant.sources import read_corpus

    home, corpus = bench.tmp / "home", bench.corpus()
    settings = Settings(home=home, corpus=corpus, models_dir=models_dir())
    assistant = Assistant(settings)
    embedder = assistant.embedder  # loading is the cold-start section's business
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
                batch_size=BASELINE_BATCH,
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
    with Stopwatch() as embedding:  # the embedder's own share of the ingest, for the note
        embedder.embed(texts)

    encode_s = min(encodes)
    writes_s = ingest.seconds - read.seconds - chunking.seconds - embedding.seconds
    bench.shared.update(assistant=assistant, home=home, chunks=len(texts))
    return [
        Figure(
            f"ingest: {'part of the' if bench.quick else 'bundled'} corpus end to end ({report.papers} papers, {report.chunks} chunks)",
            ingest.seconds,
            "s",
            encode_s,
            "raw SentenceTransformer.encode of the same chunks",
            Goal("ratio", "<=", 1.2),
            note=f"read {read.seconds:.2f} s, chunk {chunking.seconds:.2f} s, embed "
            f"({embedder.backend}) ~{embedding.seconds:.2f} s, store writes and the rest "
            f"~{max(writes_s, 0):.2f} s",
            extra={
                "encode_runs_s": encodes,
                "read_s": read.seconds,
                "chunk_s": chunking.seconds,
                "embed_s": embedding.seconds,
            },
        ),
        Figure(
            f"ingest throughput, end to end ({embedder.backend} embedder)",
            report.chunks / ingest.seconds,
            "chunks/s",
            len(texts) / encode_s,
            "raw SentenceTransformer.encode of the same chunks",
            Goal("ratio", ">=", 2.5),
            note=f"{report.papers / ingest.seconds:.1f} papers/s; reading, chunking and store "
            "writes count against it (the embedder alone: see embedding throughput below)",
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
