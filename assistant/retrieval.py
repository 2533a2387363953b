"""Question -> ranked papers: dense + BM25 over chunks, fused by reciprocal rank, grouped by paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .filters import Filters
from .lexical import BM25, rrf
from .types import ChunkHit, Passage, Source

DenseSearch = Callable[[Sequence[float], int, "dict[str, tuple[str, Any]] | None"], list[ChunkHit]]

__all__ = ["DenseSearch", "Filters", "Retriever", "group_by_paper"]


def paper_order(chunk_ids: Sequence[str], chunks: dict[str, ChunkHit]) -> list[str]:
    """The papers of a chunk ranking, each at the rank of its best chunk.

    >>> hit = lambda pid: ChunkHit(pid + ":0", "", {"paper_id": pid})
    >>> paper_order(["a:0", "b:0", "a:1"], {"a:0": hit("a"), "b:0": hit("b"), "a:1": hit("a")})
    ['a', 'b']
    """
    return list(dict.fromkeys(chunks[c].metadata["paper_id"] for c in chunk_ids))


def group_by_paper(
    rankings: Sequence[Sequence[str]],
    chunks: dict[str, ChunkHit],
    similarity: dict[str, float],
    k: int = 60,
    per_paper: int = 2,
) -> list[Source]:
    """Papers ranked by reciprocal-rank fusion of where each retriever puts their best chunk,
    each with its best passages (by the chunks' own fused scores).

    `rankings` are chunk ids best first, one list per retriever. A paper is as good as its best
    chunk: one split into more chunks gains no rank from them, so a short abstract that both
    retrievers put first stays first.
    """
    chunk_score = rrf(rankings, k)
    paper_score = rrf([paper_order(r, chunks) for r in rankings], k)
    by_paper: dict[str, list[Passage]] = {}
    for chunk_id, score in chunk_score.items():
        text, meta = chunks[chunk_id].text, chunks[chunk_id].metadata
        passage = Passage(
            chunk_id=chunk_id,
            paper_id=meta["paper_id"],
            title=meta["title"],
            text=text,
            score=score,
            similarity=similarity.get(chunk_id, 0.0),
            published=meta.get("published"),
            authors_count=meta.get("authors_count"),
        )
        by_paper.setdefault(passage.paper_id, []).append(passage)
    sources = []
    for paper_id, passages in by_paper.items():
        passages.sort(key=lambda p: (-p.score, p.chunk_id))
        best = passages[0]
        sources.append(
            Source(
                paper_id=paper_id,
                title=best.title,
                score=paper_score[paper_id],
                similarity=max(p.similarity for p in passages),
                published=best.published,
                authors_count=best.authors_count,
                passages=tuple(passages[:per_paper]),
            )
        )
    # Equal fused ranks: the paper whose best chunk scored higher, then by id (reproducible).
    sources.sort(key=lambda s: (-s.score, -s.passages[0].score, s.paper_id))
    return sources


class Retriever:
    """Hybrid search over the chunks of one store."""

    def __init__(
        self,
        dense: DenseSearch,
        embed_query: Callable[[str], list[float]],
        chunks: Sequence[ChunkHit],
        candidates: int = 40,
        rrf_k: int = 60,
    ):
        self.dense, self.embed_query = dense, embed_query
        self.candidates, self.rrf_k = candidates, rrf_k
        self.ids = [c.chunk_id for c in chunks]
        self.chunks = {c.chunk_id: c for c in chunks}
        self.bm25 = BM25([f"{c.metadata['title']}. {c.text}" for c in chunks])

    def retrieve(
        self,
        question: str,
        top_k: int = 6,
        filters: Filters | None = None,
        candidates: int | None = None,
    ) -> list[Source]:
        """The top_k papers for a question, each with its best passages.

        `candidates` chunks come from each retriever before fusion (default: the setting).
        """
        filters = filters or Filters()
        n = candidates or self.candidates
        where = filters.where()
        if filters.by_name:
            # Chroma cannot match part of a name: search only the papers whose chunks pass.
            allowed = {c.paper_id for c in self.chunks.values() if filters.accepts(c.metadata)}
            if not allowed:
                return []
            where["paper_id"] = ("in", sorted(allowed))
        vector = self.embed_query(question)
        hits = self.dense(vector, n, where or None)
        hits = [h for h in hits if h.chunk_id in self.chunks and filters.accepts(h.metadata)]
        similarity = {h.chunk_id: h.similarity for h in hits}
        # Every chunk is scored anyway; a narrow filter looks past the first n * 3.
        deep = len(self.ids) if filters.by_name else n * 3
        lexical = [
            self.ids[i]
            for i, _ in self.bm25.top(question, deep)
            if filters.accepts(self.chunks[self.ids[i]].metadata)
        ][:n]
        rankings = [[h.chunk_id for h in hits], lexical]
        return group_by_paper(rankings, self.chunks, similarity, self.rrf_k)[:top_k]
