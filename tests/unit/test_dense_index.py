"""The dense index over a real on-disk Chroma collection: exact search, filters, ties, changes."""

import math

import chromadb
import pytest
from chromadb.config import Settings as ChromaSettings

from assistant.index import DenseIndex
from assistant.types import Chunk


def _collection(path):
    client = chromadb.PersistentClient(
        path=str(path), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return client.get_or_create_collection(
        "t_chunks", metadata={"hnsw:space": "cosine"}, embedding_function=None
    )


# Eight chunks of four papers on a circle: chunk k sits at angle 10 * k degrees.
def _vector(degrees):
    return [math.cos(math.radians(degrees)), math.sin(math.radians(degrees)), 0.0]


@pytest.fixture
def index(tmp_path):
    index = DenseIndex(_collection(tmp_path / "store"))
    chunks = [Chunk(f"p{k // 2}:{k % 2}", f"p{k // 2}", k % 2, f"text {k}", "T") for k in range(8)]
    metas = [
        {"paper_id": c.paper_id, "title": c.title, "year": 2000 + k} for k, c in enumerate(chunks)
    ]
    index.add(chunks, [_vector(10 * k) for k in range(8)], metas)
    return index


def test_exact_search_ranks_every_chunk_by_cosine(index):
    hits = index.query(_vector(32), 4)
    assert [h.chunk_id for h in hits] == ["p1:1", "p2:0", "p1:0", "p2:1"]
    assert hits[0].similarity == pytest.approx(math.cos(math.radians(2)), abs=1e-6)
    assert hits[0].text == "text 3" and hits[0].metadata["paper_id"] == "p1"


def test_a_filter_limits_the_exact_search(index):
    hits = index.query(_vector(32), 3, {"year": (">=", 2005)})
    assert [h.chunk_id for h in hits] == ["p2:1", "p3:0", "p3:1"]
    assert index.query(_vector(32), 3, {"paper_id": ("in", ["p0"])})[0].chunk_id == "p0:1"


def test_equal_scores_rank_by_chunk_id_in_every_search(index):
    # 15 degrees is as near chunk 1 (10) as chunk 2 (20): the smaller id ranks first each time.
    for _ in range(3):
        assert [h.chunk_id for h in index.query(_vector(15), 2)] == ["p0:1", "p1:0"]


def test_exact_and_hnsw_agree_on_a_small_collection(index):
    exact = [h.chunk_id for h in index.query(_vector(52), 3)]
    index.exact_limit = 0
    assert [h.chunk_id for h in index.query(_vector(52), 3)] == exact


def test_deleted_and_rewritten_chunks_are_seen_at_once(index, tmp_path):
    index.query(_vector(0), 1)  # reads the vectors
    index.delete_papers(["p0"])
    assert [h.paper_id for h in index.query(_vector(0), 1)] == ["p1"]
    # Another handle on the same folder rewrites a chunk's text (the count stays the same).
    other = _collection(tmp_path / "store")
    other.update(ids=["p1:0"], documents=["rewritten"], embeddings=[_vector(20)])
    assert index.query(_vector(20), 1)[0].text == "rewritten"
