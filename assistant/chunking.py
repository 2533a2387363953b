"""Paper -> Chunks: pure functions around a sentence splitter."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any

from .types import Chunk, Paper, published_ordinal

Splitter = Callable[[str], list[str]]


def chunk_paper(paper: Paper, split: Splitter) -> list[Chunk]:
    """Cut one abstract into chunks with stable ids.

    >>> p = Paper("title:ab12", "T", "One. Two.")
    >>> [c.chunk_id for c in chunk_paper(p, lambda s: s.split(" "))]
    ['title:ab12:0', 'title:ab12:1']
    """
    pieces = [piece.strip() for piece in split(paper.abstract) if piece.strip()]
    return [
        Chunk(
            chunk_id=f"{paper.paper_id}:{i}",
            paper_id=paper.paper_id,
            index=i,
            text=piece,
            title=paper.title,
        )
        for i, piece in enumerate(pieces or [paper.abstract])
    ]


def embedding_text(chunk: Chunk) -> str:
    """What the embedder sees: the title gives every chunk its paper's context."""
    return f"{chunk.title}. {chunk.text}"


AUTHOR_SEPARATOR = "; "  # joins a paper's names in flat metadata (Chroma keeps no lists)


def filter_fields(paper: Paper) -> dict[str, Any]:
    """What `Filters.accepts` reads of a paper, flat and without None (as Chroma stores it).

    >>> filter_fields(Paper("p", "T", "A", authors=("Ada Lovelace", "Alan Turing"), venue="ICML"))
    {'authors': 'Ada Lovelace; Alan Turing', 'venue': 'ICML'}
    """
    fields: dict[str, Any] = {
        "authors_count": paper.authors_count,
        "published": paper.published or None,
        "published_ord": published_ordinal(paper.published),
        "authors": AUTHOR_SEPARATOR.join(paper.authors) or None,
        "venue": paper.venue or None,
    }
    return {k: v for k, v in fields.items() if v is not None}


def chunk_metadata(chunk: Chunk, paper: Paper) -> dict[str, Any]:
    """Flat metadata stored with a chunk, so a hit can be cited and filtered without a lookup."""
    meta: dict[str, Any] = {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "chunk_index": chunk.index,
    }
    meta.update(filter_fields(paper))
    return meta


def content_hash(paper: Paper, recipe: str) -> str:
    """Fingerprint of everything that decides a paper's stored records.

    `recipe` names the embedding model and chunk sizes, so changing either re-embeds.
    """
    fields = [
        recipe,
        paper.title,
        paper.abstract,
        paper.authors_count,
        paper.published,
        paper.upvotes,
        paper.source_file,
        paper.metadata,
    ]
    # Authors, venue, DOI... when known, so a corrected library entry is stored again; absent
    # (a Daily Papers page), the hash is what it always was and nothing is re-embedded.
    if bibliographic := paper.bibliographic():
        fields.append(bibliographic)
    payload = json.dumps(fields, sort_keys=True, default=str)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()
