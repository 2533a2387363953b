"""llama-index glue: the sentence splitter and the dense index over the Chroma chunk collection.

The only module that imports llama_index, and only to split abstracts and write chunks: a
question reads the collection directly. We hand llama-index vectors we computed ourselves, so
none of its defaults (OpenAI models, downloaded tokenizers) is ever reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .chunking import Splitter
from .types import Chunk, ChunkHit


def make_splitter(
    chunk_tokens: int, overlap: int, tokenize: Callable[[str], list[str]]
) -> Splitter:
    """A sentence-aware splitter measuring chunks in the embedding model's own tokens."""
    from llama_index.core.node_parser import SentenceSplitter

    splitter = SentenceSplitter(
        chunk_size=chunk_tokens,
        chunk_overlap=min(overlap, chunk_tokens // 2),
        tokenizer=tokenize,
        # Abstracts are single paragraphs: split on sentences, never mid-sentence when avoidable.
        paragraph_separator="\n\n",
    )
    return splitter.split_text


# Chroma's spelling of the comparisons a `where` uses (what llama-index's ChromaVectorStore
# translates its MetadataFilters into).
_CHROMA_OPS = {">=": "$gte", "<=": "$lte", "==": "$eq", "in": "$in"}
# Keys llama-index adds to each chunk's stored metadata for its own bookkeeping.
_NODE_KEYS = ("_node_content", "_node_type", "document_id", "doc_id", "ref_doc_id")


def chroma_where(where: dict[str, tuple[str, Any]] | None) -> dict[str, Any] | None:
    """Our limits as a Chroma `where` clause, one condition bare, several under $and.

    >>> chroma_where({"published_ord": (">=", 20200101)})
    {'published_ord': {'$gte': 20200101}}
    >>> chroma_where({"a": ("==", 1), "b": ("in", ["x"])})
    {'$and': [{'a': {'$eq': 1}}, {'b': {'$in': ['x']}}]}
    """
    if not where:
        return None
    clauses = [{key: {_CHROMA_OPS[op]: value}} for key, (op, value) in where.items()]
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def chunk_metadata(stored: dict[str, Any]) -> dict[str, Any]:
    """A chunk's metadata as it was written, without llama-index's bookkeeping keys.

    >>> chunk_metadata({"paper_id": "p", "_node_type": "TextNode", "doc_id": "p"})
    {'paper_id': 'p'}
    """
    return {k: v for k, v in stored.items() if k not in _NODE_KEYS}


# Up to this many chunks a question is scored against every stored vector (exact search); above
# it, Chroma's HNSW index answers. The bundled corpus has about 1,300 chunks; 100,000 MiniLM
# vectors take 150 MB. Exact search gives the same chunks for the same question in every
# process: the HNSW index did not (fresh-11 w71 and premises p30 got a different first chunk
# under two hash seeds), and ranked ties follow the chunk id.
EXACT_LIMIT = 100_000


class DenseIndex:
    """Chunks in a Chroma collection: written through llama-index's ChromaVectorStore, searched
    exactly over the stored vectors while the collection is small (`EXACT_LIMIT`) and with
    Chroma's own HNSW query above that (neither imports llama-index, about a second of every
    cold question on the 2-core CPU)."""

    def __init__(self, collection: Any, exact_limit: int = EXACT_LIMIT) -> None:
        self.collection = collection
        self.exact_limit = exact_limit
        self._vector_store: Any = None
        # (count, ids, unit vectors, each id's place in id order) read at the first exact
        # search after a change.
        self._vectors: tuple[int, Any, Any, Any] | None = None

    @property
    def vector_store(self) -> Any:
        """llama-index's ChromaVectorStore over the collection, made on first write."""
        if self._vector_store is None:
            from llama_index.vector_stores.chroma import ChromaVectorStore

            self._vector_store = ChromaVectorStore(chroma_collection=self.collection)
        return self._vector_store

    def add(
        self,
        chunks: Sequence[Chunk],
        vectors: Sequence[Sequence[float]],
        metas: Sequence[dict[str, Any]],
    ) -> None:
        """Store chunks with their vectors; a chunk's source document is its paper."""
        from llama_index.core.schema import BaseNode, NodeRelationship, RelatedNodeInfo, TextNode

        nodes: list[BaseNode] = [
            TextNode(
                id_=chunk.chunk_id,
                text=chunk.text,
                embedding=list(vector),
                metadata=dict(meta),
                relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=chunk.paper_id)},
            )
            for chunk, vector, meta in zip(chunks, vectors, metas, strict=True)
        ]
        if nodes:
            self._vectors = None
            self.vector_store.add(nodes)

    def delete_papers(self, paper_ids: Sequence[str]) -> None:
        """Remove every chunk of these papers."""
        self._vectors = None
        for paper_id in paper_ids:
            self.vector_store.delete(ref_doc_id=paper_id)

    def query(
        self, vector: Sequence[float], n: int, where: dict[str, tuple[str, Any]] | None = None
    ) -> list[ChunkHit]:
        """Nearest chunks with their cosine similarity to the vector, best first."""
        count = self.collection.count()
        if count == 0:
            return []
        if count <= self.exact_limit:
            return self._exact(vector, n, where, count)
        options: dict[str, Any] = {"where": chroma_where(where)} if where else {}
        result = self.collection.query(
            query_embeddings=[list(vector)],
            n_results=n,
            include=["documents", "metadatas", "distances"],
            **options,
        )
        rows = zip(
            result["ids"][0],
            (result["documents"] or [[]])[0],
            (result["metadatas"] or [[]])[0],
            (result["distances"] or [[]])[0],
            strict=True,
        )
        # A cosine collection's distance is 1 - cosine.
        return [
            ChunkHit(cid, doc or "", chunk_metadata(dict(meta or {})), 1.0 - float(distance))
            for cid, doc, meta, distance in rows
        ]

    def _exact(
        self,
        vector: Sequence[float],
        n: int,
        where: dict[str, tuple[str, Any]] | None,
        count: int,
    ) -> list[ChunkHit]:
        """The n chunks of highest cosine, scored against every stored vector; ties by id."""
        if self._vectors is None or self._vectors[0] != count:
            got = self.collection.get(include=["embeddings"])
            stored = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
            norms = np.linalg.norm(stored, axis=1, keepdims=True)
            keys = np.asarray(got["ids"], dtype=str)
            places = np.argsort(np.argsort(keys, kind="stable"), kind="stable")
            self._vectors = (count, keys, stored / np.maximum(norms, 1e-12), places)
        _, keys, matrix, places = self._vectors
        query = np.asarray(vector, dtype=np.float32)
        scores = (matrix @ query) / (float(np.linalg.norm(query)) or 1.0)
        rows = np.arange(len(keys))
        if where:
            allowed = self.collection.get(where=chroma_where(where), include=[])["ids"]
            rows = rows[np.isin(keys, np.asarray(allowed, dtype=str))]
        # Highest score first, then the smaller id: the same order in every process.
        order = [int(i) for i in rows[np.lexsort((places[rows], -scores[rows]))][:n]]
        top = [str(keys[i]) for i in order]
        if not top:
            return []
        # Text and metadata are read fresh: another process may have rewritten a chunk.
        got_rows = self.collection.get(ids=top, include=["documents", "metadatas"])
        fresh = {
            cid: (doc or "", dict(meta or {}))
            for cid, doc, meta in zip(
                got_rows["ids"],
                got_rows["documents"] or [],
                got_rows["metadatas"] or [],
                strict=True,
            )
        }
        if len(fresh) < len(top):
            self._vectors = None  # a chunk went away since the vectors were read
        return [
            ChunkHit(cid, fresh[cid][0], chunk_metadata(fresh[cid][1]), float(scores[i]))
            for cid, i in zip(top, order, strict=True)
            if cid in fresh
        ]
