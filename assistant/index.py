"""llama-index glue: the sentence splitter and the dense index over the Chroma chunk collection.

The only module that imports llama_index. We hand it vectors we computed ourselves, so none of
its defaults (OpenAI models, downloaded tokenizers) is ever reached.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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


def _filters(where: dict[str, tuple[str, Any]] | None) -> Any:
    """{"published_ord": (">=", 20200101)} -> llama-index MetadataFilters."""
    if not where:
        return None
    from llama_index.core.vector_stores.types import (
        FilterCondition,
        FilterOperator,
        MetadataFilter,
        MetadataFilters,
    )

    ops = {
        ">=": FilterOperator.GTE,
        "<=": FilterOperator.LTE,
        "==": FilterOperator.EQ,
        "in": FilterOperator.IN,
    }
    return MetadataFilters(
        filters=[MetadataFilter(key=k, value=v, operator=ops[op]) for k, (op, v) in where.items()],
        condition=FilterCondition.AND,
    )


class DenseIndex:
    """Chunks in a Chroma collection, written and searched through llama-index's ChromaVectorStore."""

    def __init__(self, collection: Any) -> None:
        from llama_index.vector_stores.chroma import ChromaVectorStore

        self.vector_store = ChromaVectorStore(chroma_collection=collection)

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
            self.vector_store.add(nodes)

    def delete_papers(self, paper_ids: Sequence[str]) -> None:
        """Remove every chunk of these papers."""
        for paper_id in paper_ids:
            self.vector_store.delete(ref_doc_id=paper_id)

    def query(
        self, vector: Sequence[float], n: int, where: dict[str, tuple[str, Any]] | None = None
    ) -> list[ChunkHit]:
        """Nearest chunks with their cosine similarity to the vector, best first."""
        import math

        from llama_index.core.vector_stores.types import VectorStoreQuery

        if self.vector_store.client.count() == 0:
            return []
        result = self.vector_store.query(
            VectorStoreQuery(
                query_embedding=list(vector), similarity_top_k=n, filters=_filters(where)
            )
        )
        rows = []
        for node, sim in zip(result.nodes or [], result.similarities or [], strict=True):
            # ChromaVectorStore reports exp(-cosine distance); turn it back into a cosine.
            cosine = 1.0 + math.log(sim) if sim > 0 else -1.0
            rows.append(ChunkHit(node.node_id, node.get_content(), dict(node.metadata), cosine))
        return rows
