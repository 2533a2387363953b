"""The Chroma store on disk (or a Chroma server); the only module that imports chromadb.

Two collections per store: `<prefix>_chunks` (one record per chunk, searched densely) and
`<prefix>_papers` (one record per paper: its abstract, metadata and content hash). A paper's
record is written after its chunks, so it marks the paper as complete: a crash between the
two leaves orphan chunks that the next ingest replaces, never a half-indexed paper that counts.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .embeddings import COMPATIBLE_COSINE, LEGACY_BACKEND, backends_compatible
from .errors import StoreError
from .types import ChunkHit, Paper, published_ordinal

SCHEMA_VERSION = 1
_CHROMA_MARKER = "chroma.sqlite3"


def paper_metadata(paper: Paper, content_hash: str) -> dict[str, Any]:
    """The flat metadata Chroma keeps for a paper (Chroma rejects None values, so they are left out)."""
    meta: dict[str, Any] = {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "source_file": paper.source_file,
        "content_hash": content_hash,
        "extra": json.dumps(paper.metadata, sort_keys=True, default=str),
    }
    optional = {
        "authors_count": paper.authors_count,
        "published": paper.published,
        "published_ord": published_ordinal(paper.published),
        "upvotes": paper.upvotes,
        "source_line": paper.source_line,
        # Chroma keeps no lists: the names travel as a JSON list.
        "authors": json.dumps(list(paper.authors), ensure_ascii=False) if paper.authors else None,
        "year": paper.year,
        "venue": paper.venue,
        "doi": paper.doi,
        "arxiv_id": paper.arxiv_id,
        "url": paper.url,
        "citation_key": paper.citation_key,
    }
    meta.update({k: v for k, v in optional.items() if v is not None})
    return meta


def paper_from_record(abstract: str, meta: dict[str, Any]) -> Paper:
    """Rebuild a Paper from its stored record."""
    return Paper(
        paper_id=meta["paper_id"],
        title=meta["title"],
        abstract=abstract,
        authors_count=meta.get("authors_count"),
        published=meta.get("published"),
        upvotes=meta.get("upvotes"),
        source_file=meta.get("source_file", ""),
        source_line=meta.get("source_line"),
        metadata=json.loads(meta.get("extra") or "{}"),
        authors=tuple(json.loads(meta.get("authors") or "[]")),
        year=meta.get("year"),
        venue=meta.get("venue"),
        doi=meta.get("doi"),
        arxiv_id=meta.get("arxiv_id"),
        url=meta.get("url"),
        citation_key=meta.get("citation_key"),
    )


class Store:
    """A persistent Chroma store holding chunks and papers built by one embedding model.

    It records the model and the backend that computed its vectors (`embed_backend`; a store
    that records none was built by torch), and opens for another backend of the same model only
    when `backends_compatible` says their vectors agree.
    """

    def __init__(
        self,
        embed_model: str,
        path: Path | None = None,
        url: str | None = None,
        prefix: str = "papers",
        embed_backend: str = LEGACY_BACKEND,
    ) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
        self.embed_model, self.embed_backend = embed_model, embed_backend
        self.location = url or str(path)
        try:
            if url:
                from urllib.parse import urlparse

                parsed = urlparse(url if "://" in url else f"http://{url}")
                https = parsed.scheme == "https"
                self.client = chromadb.HttpClient(
                    host=parsed.hostname or "localhost",
                    port=parsed.port or (443 if https else 8000),
                    ssl=https,
                    settings=chroma_settings,
                )
            else:
                if path is None:
                    raise StoreError("a store needs a path or a url")
                _check_folder(path)
                path.mkdir(parents=True, exist_ok=True)
                self.client = chromadb.PersistentClient(path=str(path), settings=chroma_settings)
            meta = {
                "embed_model": embed_model,
                "embed_backend": embed_backend,
                "schema": SCHEMA_VERSION,
                "hnsw:space": "cosine",
            }
            self.chunks = self.client.get_or_create_collection(
                f"{prefix}_chunks", metadata=meta, embedding_function=None
            )
            self.papers = self.client.get_or_create_collection(
                f"{prefix}_papers", metadata=meta, embedding_function=None
            )
            # A damaged vector index opens fine and fails on first read: read now, not mid-question.
            self.count()
        except StoreError:
            raise
        except Exception as exc:  # chromadb raises sqlite, rust and value errors alike
            hint = "" if url else "; if it is damaged, move that folder aside and ingest again"
            raise StoreError(
                f"cannot open the Chroma store at {self.location}: {exc}{hint}"
            ) from exc
        for collection in (self.chunks, self.papers):
            built_by = (collection.metadata or {}).get("embed_model")
            if built_by != embed_model:
                raise StoreError(
                    f"the store at {self.location} was built with embedding model {built_by!r}, "
                    f"not {embed_model!r}; use that model, or a new store folder "
                    "(ASSISTANT_STORE_DIR), and ingest again"
                )
        self.built_backend = str((self.chunks.metadata or {}).get("embed_backend", LEGACY_BACKEND))
        if not backends_compatible(embed_model, self.built_backend, embed_backend):
            raise StoreError(
                f"the store at {self.location} holds {embed_model} vectors computed by the "
                f"{self.built_backend!r} backend, and {embed_backend!r} vectors are not measured "
                f"to agree with them (median cosine >= {COMPATIBLE_COSINE}); set "
                f"ASSISTANT_EMBED_BACKEND={self.built_backend}, or use a new store folder "
                "(ASSISTANT_STORE_DIR) and ingest again"
            )

    # -- reads ---------------------------------------------------------------------------------
    def count(self) -> tuple[int, int]:
        """(papers, chunks) stored."""
        return self.papers.count(), self.chunks.count()

    def content_hashes(self, paper_ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these papers that is completely stored."""
        found: dict[str, str] = {}
        for start in range(0, len(paper_ids), 500):
            got = self.papers.get(ids=list(paper_ids[start : start + 500]), include=["metadatas"])
            for pid, meta in zip(got["ids"], got["metadatas"] or [], strict=False):
                found[pid] = str((meta or {}).get("content_hash", ""))
        return found

    def all_papers(self) -> list[Paper]:
        """Every completely stored paper, in title order."""
        got = self.papers.get(include=["documents", "metadatas"])
        docs, metas = got["documents"] or [], got["metadatas"] or []
        papers = [paper_from_record(d, dict(m)) for d, m in zip(docs, metas, strict=True)]
        return sorted(papers, key=lambda p: p.title.casefold())

    def get_papers(self, paper_ids: Iterable[str]) -> dict[str, Paper]:
        """The stored papers with these ids."""
        ids = list(dict.fromkeys(paper_ids))
        if not ids:
            return {}
        got = self.papers.get(ids=ids, include=["documents", "metadatas"])
        docs, metas = got["documents"] or [], got["metadatas"] or []
        return {
            pid: paper_from_record(d, dict(m))
            for pid, d, m in zip(got["ids"], docs, metas, strict=True)
        }

    def all_chunks(self) -> list[ChunkHit]:
        """Every chunk of a completely stored paper, with its metadata."""
        complete = set(self.papers.get(include=[])["ids"])
        got = self.chunks.get(include=["documents", "metadatas"])
        rows = zip(got["ids"], got["documents"] or [], got["metadatas"] or [], strict=True)
        return [
            ChunkHit(cid, doc, dict(meta))
            for cid, doc, meta in rows
            if meta["paper_id"] in complete
        ]

    # -- writes --------------------------------------------------------------------------------
    def put_papers(
        self, papers: Sequence[Paper], vectors: Sequence[Sequence[float]], hashes: Sequence[str]
    ) -> None:
        """Write paper records last: each marks its paper as completely stored."""
        if papers:
            self.papers.upsert(
                ids=[p.paper_id for p in papers],
                documents=[p.abstract for p in papers],
                embeddings=[list(v) for v in vectors],  # type: ignore[arg-type]
                metadatas=[paper_metadata(p, h) for p, h in zip(papers, hashes, strict=True)],
            )


def _check_folder(path: Path) -> None:
    """Refuse a folder that holds something other than a Chroma store, rather than write into it."""
    if path.exists() and not path.is_dir():
        raise StoreError(f"the store path {path} is a file, not a folder")
    if path.is_dir() and any(path.iterdir()) and not (path / _CHROMA_MARKER).exists():
        raise StoreError(
            f"{path} is not empty and holds no Chroma store ({_CHROMA_MARKER} missing); "
            "point ASSISTANT_STORE_DIR at an empty or existing store folder"
        )
    database = path / _CHROMA_MARKER
    others = path.is_dir() and any(p.name != _CHROMA_MARKER for p in path.iterdir())
    if others and database.is_file() and database.stat().st_size == 0:
        # Chroma would take the empty file for a new store and silently forget every paper.
        raise StoreError(
            f"the store at {path} is damaged: {_CHROMA_MARKER} is empty but index files remain; "
            "move that folder aside and ingest again"
        )
