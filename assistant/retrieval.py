"""Question -> ranked papers: dense + BM25 over chunks, fused by reciprocal rank, grouped by paper."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .lexical import BM25, rrf
from .types import Passage, Source, published_ordinal

DenseSearch = Callable[[Sequence[float], int, dict | None], list[tuple[str, str, dict, float]]]


@dataclass(frozen=True)
class Filters:
    """Optional metadata limits on what is retrieved (dates inclusive, ISO "YYYY-MM-DD")."""

    published_after: str | None = None
    published_before: str | None = None
    min_authors: int | None = None
    max_authors: int | None = None

    def where(self) -> dict[str, tuple[str, Any]]:
        """The limits as {field: (op, value)} for the dense index.

        >>> Filters(published_after="2020-01-01", min_authors=3).where()
        {'published_ord': ('>=', 20200101), 'authors_count': ('>=', 3)}
        """
        out: dict[str, tuple[str, Any]] = {}
        after, before = (
            published_ordinal(self.published_after),
            published_ordinal(self.published_before),
        )
        if after is not None:
            out["published_ord"] = (">=", after)
        if before is not None:
            # Chroma takes one condition per key through this path; keep the stricter bound pair
            # by filtering "before" on the lexical side and here when "after" is absent.
            out.setdefault("published_ord", ("<=", before))
        if self.min_authors is not None:
            out["authors_count"] = (">=", self.min_authors)
        elif self.max_authors is not None:
            out["authors_count"] = ("<=", self.max_authors)
        return out

    def accepts(self, meta: dict[str, Any]) -> bool:
        """Whether a chunk's metadata passes every limit (a missing field fails a set limit)."""
        ordinal, authors = meta.get("published_ord"), meta.get("authors_count")
        after, before = (
            published_ordinal(self.published_after),
            published_ordinal(self.published_before),
        )
        checks = [
            after is None or (ordinal is not None and ordinal >= after),
            before is None or (ordinal is not None and ordinal <= before),
            self.min_authors is None or (authors is not None and authors >= self.min_authors),
            self.max_authors is None or (authors is not None and authors <= self.max_authors),
        ]
        return all(checks)

    def __bool__(self) -> bool:
        return any(v is not None for v in self.__dict__.values())


def group_by_paper(
    ranked: Sequence[tuple[str, float]],
    chunks: dict[str, tuple[str, dict]],
    similarity: dict[str, float],
    per_paper: int = 2,
) -> list[Source]:
    """Fold fused chunk scores into papers: a paper scores its best chunk plus half its second.

    `ranked` is (chunk_id, fused score) best first; `chunks` maps chunk_id -> (text, metadata).
    """
    by_paper: dict[str, list[Passage]] = {}
    for chunk_id, score in ranked:
        text, meta = chunks[chunk_id]
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
        score = passages[0].score + (0.5 * passages[1].score if len(passages) > 1 else 0.0)
        best = passages[0]
        sources.append(
            Source(
                paper_id=paper_id,
                title=best.title,
                score=score,
                similarity=max(p.similarity for p in passages),
                published=best.published,
                authors_count=best.authors_count,
                passages=tuple(passages[:per_paper]),
            )
        )
    sources.sort(key=lambda s: (-s.score, s.paper_id))
    return sources


class Retriever:
    """Hybrid search over the chunks of one store."""

    def __init__(
        self,
        dense: DenseSearch,
        embed_query: Callable[[str], list[float]],
        chunks: Sequence[tuple[str, str, dict]],
        candidates: int = 40,
        rrf_k: int = 60,
    ):
        self.dense, self.embed_query = dense, embed_query
        self.candidates, self.rrf_k = candidates, rrf_k
        self.ids = [cid for cid, _, _ in chunks]
        self.chunks = {cid: (text, meta) for cid, text, meta in chunks}
        self.bm25 = BM25([f"{meta['title']}. {text}" for _, text, meta in chunks])

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
        vector = self.embed_query(question)
        dense_rows = self.dense(vector, n, filters.where() or None)
        dense_rows = [r for r in dense_rows if r[0] in self.chunks and filters.accepts(r[2])]
        similarity = {cid: sim for cid, _, _, sim in dense_rows}
        lexical = [
            self.ids[i]
            for i, _ in self.bm25.top(question, n * 3)
            if filters.accepts(self.chunks[self.ids[i]][1])
        ][:n]
        fused = rrf([[r[0] for r in dense_rows], lexical], k=self.rrf_k)
        ranked = sorted(fused.items(), key=lambda kv: (-kv[1], kv[0]))
        return group_by_paper(ranked, self.chunks, similarity)[:top_k]
