"""Files -> papers -> chunks -> vectors -> store, as an idempotent upsert."""

from __future__ import annotations

import dataclasses
import math
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .chunking import Splitter, chunk_metadata, chunk_paper, content_hash, embedding_text
from .citations import split_sentences
from .embeddings import Embedder
from .errors import InputError
from .index import DenseIndex
from .sources import read_corpus
from .sources.ids import where
from .store import Store
from .types import Paper

BATCH_PAPERS = 32
DEFAULT_MAX_ABSTRACT = 10_000  # Settings.limits.abstract_chars


@dataclass
class IngestReport:
    """What an ingest did, for the CLI, the UI and the tests."""

    files: int = 0
    papers: int = 0  # distinct papers read
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0  # chunks embedded and written
    skipped: list[InputError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # what was changed on the way in, and why
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for people."""
        line = (
            f"{self.papers} papers from {self.files} files: {self.added} added, "
            f"{self.updated} updated, {self.unchanged} unchanged ({self.chunks} chunks embedded) "
            f"in {self.seconds:.1f}s"
        )
        if self.skipped:
            line += f"; {len(self.skipped)} bad items skipped"
        return "\n".join([line, *self.notices])


def cut_long(paper: Paper, limit: int) -> Paper:
    """The paper with its abstract cut to at most `limit` characters, at a sentence end where
    there is one; its original length is kept in metadata["abstract_chars"].

    A pasted full text would otherwise become hundreds of chunks and crowd every other paper
    out of the candidates a question retrieves.

    >>> cut_long(Paper("p", "T", "One two. Three four. Five six."), 20).abstract
    'One two. Three four.'
    """
    if len(paper.abstract) <= limit:
        return paper
    kept: list[str] = []
    size = -1  # the joining spaces: one fewer than the sentences
    for sentence in split_sentences(paper.abstract):
        if size + 1 + len(sentence) > limit:
            break
        kept.append(sentence)
        size += 1 + len(sentence)
    abstract = " ".join(kept) or paper.abstract[:limit]
    metadata = {**paper.metadata, "abstract_chars": len(paper.abstract)}
    return dataclasses.replace(paper, abstract=abstract, metadata=metadata)


def mean_vector(vectors: Sequence[Sequence[float]]) -> list[float]:
    """Unit-length mean of unit vectors: a paper's vector from its chunks'.

    >>> mean_vector([[1.0, 0.0], [0.0, 1.0]])
    [0.7071067811865475, 0.7071067811865475]
    """
    summed = [sum(column) for column in zip(*vectors, strict=True)]
    norm = math.sqrt(sum(x * x for x in summed)) or 1.0
    return [x / norm for x in summed]


def ingest_papers(
    papers: Sequence[Paper],
    store: Store,
    index: DenseIndex,
    embedder: Embedder,
    split: Splitter,
    recipe: str,
    report: IngestReport,
    progress: bool = True,
) -> None:
    """Embed and write the papers whose content changed; skip the rest without embedding."""
    from tqdm import tqdm

    hashes = {p.paper_id: content_hash(p, recipe) for p in papers}
    stored = store.content_hashes([p.paper_id for p in papers])
    todo = [p for p in papers if stored.get(p.paper_id) != hashes[p.paper_id]]
    report.unchanged += len(papers) - len(todo)
    bar = tqdm(total=len(todo), desc="Indexing papers", unit="paper", disable=not progress or None)
    for start in range(0, len(todo), BATCH_PAPERS):
        batch = todo[start : start + BATCH_PAPERS]
        chunks = [chunk_paper(p, split) for p in batch]
        flat = [c for paper_chunks in chunks for c in paper_chunks]
        vectors = embedder.embed([embedding_text(c) for c in flat])
        by_id = {c.chunk_id: v for c, v in zip(flat, vectors, strict=True)}
        # Old or orphaned chunks of these papers go first; the paper records go last and mark
        # each paper complete, so an interrupted run is finished by the next one.
        index.delete_papers([p.paper_id for p in batch])
        index.add(
            flat,
            vectors,
            [chunk_metadata(c, p) for p, cs in zip(batch, chunks, strict=True) for c in cs],
        )
        paper_vectors = [mean_vector([by_id[c.chunk_id] for c in cs]) for cs in chunks]
        store.put_papers(batch, paper_vectors, [hashes[p.paper_id] for p in batch])
        for paper in batch:
            report.updated += paper.paper_id in stored
            report.added += paper.paper_id not in stored
        report.chunks += len(flat)
        bar.update(len(batch))
    bar.close()


def ingest_paths(
    paths: Iterable[str | Path],
    store: Store,
    index: DenseIndex,
    embedder: Embedder,
    split: Splitter,
    recipe: str,
    skip_bad: bool = False,
    progress: bool = True,
    max_abstract_chars: int = DEFAULT_MAX_ABSTRACT,
) -> IngestReport:
    """Read files (all of them, before writing anything) and upsert their papers.

    Abstracts longer than `max_abstract_chars` are cut (`cut_long`), each with a notice.
    """
    started = time.perf_counter()
    result = read_corpus(list(paths), skip_bad=skip_bad)  # raises on bad input unless skip_bad
    report = IngestReport(
        files=result.files, papers=len(result.papers), skipped=list(result.skipped)
    )
    papers = [cut_long(p, max_abstract_chars) for p in result.papers]
    for before, after in zip(result.papers, papers, strict=True):
        if after is not before:
            report.notices.append(
                f"{where(before)}: the abstract of {before.title[:60]!r} is "
                f"{len(before.abstract):,} characters; indexed its first {len(after.abstract):,} "
                f"(the limit is {max_abstract_chars:,}: is it a full text?)"
            )
    ingest_papers(papers, store, index, embedder, split, recipe, report, progress)
    report.seconds = time.perf_counter() - started
    return report
