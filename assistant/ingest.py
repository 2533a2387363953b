"""Files -> papers -> chunks -> vectors -> store, as an idempotent upsert."""

from __future__ import annotations

import dataclasses
import math
import os
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
from .sources.ids import absorb, compatible, normalize_title, strong_ids, where
from .sources.library import MissingAbstract, no_abstract_note
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
    merged: int = 0  # papers already stored under another id (same DOI, arXiv id or title)
    no_abstract: int = 0  # library entries without an abstract (see missing_abstract)
    missing_abstract: MissingAbstract = "title"  # what was done with them
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
        lines = [line]
        if self.merged:
            lines.append(
                f"{self.merged} of them are stored under another id (same DOI, arXiv id or "
                "title): merged into those papers, which keep their ids"
            )
        if note := no_abstract_note(self.no_abstract, self.missing_abstract):
            lines.append(note)
        return "\n".join([*lines, *self.notices])


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


def same_file(a: str, b: str) -> bool:
    """Whether two source_file names are one file (as typed, or once resolved)."""
    return a == b or (bool(a) and bool(b) and os.path.realpath(a) == os.path.realpath(b))


def merge_with_stored(papers: Sequence[Paper], stored: Sequence[Paper]) -> tuple[list[Paper], int]:
    """The papers to write, each combined with its stored copy, and how many were stored under
    another id.

    A paper's stored copy has its id, or the same DOI or arXiv id, or the same normalized
    title while no DOI or arXiv id disagrees. The result keeps the stored id, so summaries,
    saved ids and eval labels stay valid and nothing is deleted (reading both files in one
    ingest instead gives the strongest id, DOI then arXiv id, as `dedupe` does). Its fields:
    - a copy read again from the file the stored paper came from: the copy's values win and
      the stored record fills what it lacks (what another file lent, such as a .bib's
      authors, stays);
    - a copy from another file: the stored values win and the copy fills what they lack
      (`absorb`). So re-reading any file changes nothing, in any order.
    """
    by_id = {p.paper_id: p for p in stored}
    by_key: dict[str, Paper] = {}
    by_title: dict[str, Paper] = {}
    for old in stored:
        doi, arxiv = strong_ids(old)
        for key in (doi and f"doi:{doi}", arxiv and f"arxiv:{arxiv}"):
            if key:
                by_key.setdefault(key, old)
        by_title.setdefault(normalize_title(old.title), old)
    # A stored paper rewritten by its own copy is not also the match of another one.
    taken = {p.paper_id for p in papers if p.paper_id in by_id}
    out: list[Paper] = []
    merged = 0
    for paper in papers:
        match = by_id.get(paper.paper_id)
        if match is None:
            doi, arxiv = strong_ids(paper)
            keys = [k for k in (doi and f"doi:{doi}", arxiv and f"arxiv:{arxiv}") if k]
            match = next((by_key[k] for k in keys if k in by_key), None)
            same_title = by_title.get(normalize_title(paper.title))
            if match is None and same_title is not None:
                their_doi, their_arxiv = strong_ids(same_title)
                if compatible(doi, their_doi) and compatible(arxiv, their_arxiv):
                    match = same_title
            if match is None or match.paper_id in taken:
                out.append(paper)
                continue
            taken.add(match.paper_id)
            merged += 1
        if same_file(paper.source_file, match.source_file):
            out.append(dataclasses.replace(absorb(paper, match), paper_id=match.paper_id))
        else:
            out.append(absorb(match, paper))
    return out, merged


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
    missing_abstract: MissingAbstract = "title",
) -> IngestReport:
    """Read files (all of them, before writing anything) and upsert their papers.

    Abstracts longer than `max_abstract_chars` are cut (`cut_long`), each with a notice.
    Library entries without an abstract are indexed by their title or skipped
    (`missing_abstract`), and counted. A paper already stored under another id is merged into
    it (`merge_with_stored`), so a library overlapping the corpus adds no second copy.
    """
    started = time.perf_counter()
    # Raises on bad input unless skip_bad.
    result = read_corpus(list(paths), skip_bad=skip_bad, missing_abstract=missing_abstract)
    report = IngestReport(
        files=result.files,
        papers=len(result.papers),
        skipped=list(result.skipped),
        no_abstract=result.no_abstract,
        missing_abstract=missing_abstract,
    )
    papers = [cut_long(p, max_abstract_chars) for p in result.papers]
    for before, after in zip(result.papers, papers, strict=True):
        if after is not before:
            report.notices.append(
                f"{where(before)}: the abstract of {before.title[:60]!r} is "
                f"{len(before.abstract):,} characters; indexed its first {len(after.abstract):,} "
                f"(the limit is {max_abstract_chars:,}: is it a full text?)"
            )
    if store.count()[0]:
        papers, report.merged = merge_with_stored(papers, store.all_papers())
        if missing_abstract == "title":  # a stored copy may have lent its abstract
            report.no_abstract = sum(bool(p.metadata.get("abstract_missing")) for p in papers)
    ingest_papers(papers, store, index, embedder, split, recipe, report, progress)
    report.seconds = time.perf_counter() - started
    return report
