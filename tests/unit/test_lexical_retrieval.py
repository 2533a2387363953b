"""BM25, rank fusion, filters and grouping by paper."""

import pytest

from assistant.lexical import BM25, rrf, tokenize
from assistant.retrieval import Filters, group_by_paper
from assistant.types import ChunkHit


def test_tokenize_keeps_versions_and_drops_stopwords():
    assert tokenize("The GPT-4 model of 2024 uses v1.5") == ["gpt-4", "model", "2024", "v1.5"]


def test_bm25_ranks_the_document_with_rare_terms_first():
    docs = ["pooling for vision transformers", "learning rate schedules", "pooling pooling images"]
    bm25 = BM25(docs)
    assert bm25.top("learning rate", 3)[0][0] == 1
    assert bm25.top("vision pooling", 1)[0][0] == 0
    assert bm25.top("nothing matches", 3) == []


def test_rrf_rewards_agreement():
    fused = rrf([["a", "b", "c"], ["b", "a", "d"]], k=60)
    assert max(fused, key=fused.get) in {"a", "b"}
    assert fused["d"] < fused["a"]


@pytest.mark.parametrize(
    ("filters", "meta", "ok"),
    [
        (Filters(), {}, True),
        (Filters(published_after="2020-01-01"), {"published_ord": 20240531}, True),
        (Filters(published_after="2020-01-01"), {"published_ord": 20180101}, False),
        (Filters(published_after="2020-01-01"), {}, False),  # unknown date fails a date limit
        (Filters(published_before="2019-12-31"), {"published_ord": 20180101}, True),
        (Filters(min_authors=5), {"authors_count": 8}, True),
        (Filters(min_authors=5, max_authors=6), {"authors_count": 8}, False),
        # names: part of one name, any case or accent; chunks carry them joined by "; "
        (Filters(author="hinton"), {"authors": "Yann LeCun; Geoffrey Hinton"}, True),
        (Filters(author="Kuttler"), {"authors": "Heinrich Küttler"}, True),
        (Filters(author="LeCun; Geoffrey"), {"authors": "Yann LeCun; Geoffrey Hinton"}, False),
        (Filters(author="hinton"), {"authors": ["Geoffrey Hinton"]}, True),
        (Filters(author="hinton"), {"authors_count": 3}, False),  # no names fails a name limit
        (Filters(venue="neurips"), {"venue": "NeurIPS 2023"}, True),
        (Filters(venue="neurips"), {"venue": "ICML"}, False),
        (Filters(venue="neurips"), {}, False),
    ],
)
def test_filters_accept(filters, meta, ok):
    assert filters.accepts(meta) is ok


def test_filters_where_for_the_dense_index():
    assert Filters().where() == {}
    assert Filters(author="Hinton", venue="ICML").where() == {}  # applied by `accepts`
    assert Filters(published_after="2020-01-01", min_authors=3).where() == {
        "published_ord": (">=", 20200101),
        "authors_count": (">=", 3),
    }


def test_group_by_paper_folds_chunks_and_orders_by_score():
    chunks = {
        "a:0": ChunkHit("a:0", "alpha one", {"paper_id": "a", "title": "A"}),
        "a:1": ChunkHit("a:1", "alpha two", {"paper_id": "a", "title": "A"}),
        "b:0": ChunkHit("b:0", "beta", {"paper_id": "b", "title": "B"}),
    }
    sources = group_by_paper([("b:0", 0.30), ("a:0", 0.25), ("a:1", 0.2)], chunks, {"a:0": 0.7})
    assert [s.paper_id for s in sources] == ["a", "b"]  # 0.25 + 0.5*0.2 > 0.30
    assert [p.chunk_id for p in sources[0].passages] == ["a:0", "a:1"]
    assert sources[0].similarity == 0.7
