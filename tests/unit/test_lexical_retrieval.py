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


def _chunks(spec: dict[str, int]) -> dict[str, ChunkHit]:
    """{"a": 2} -> chunks a:0 and a:1 of paper a."""
    return {
        f"{pid}:{i}": ChunkHit(f"{pid}:{i}", f"{pid} text {i}", {"paper_id": pid, "title": pid})
        for pid, n in spec.items()
        for i in range(n)
    }


def test_group_by_paper_folds_chunks_and_keeps_each_papers_best_passages():
    chunks = _chunks({"a": 3, "b": 1})
    dense, lexical = ["a:1", "b:0", "a:0", "a:2"], ["a:0", "a:1", "b:0"]
    sources = group_by_paper([dense, lexical], chunks, {"a:1": 0.7, "a:0": 0.4})
    assert [s.paper_id for s in sources] == ["a", "b"]  # first in both rankings
    assert [p.chunk_id for p in sources[0].passages] == ["a:1", "a:0"]  # best two, fused
    assert sources[0].similarity == 0.7 and sources[1].similarity == 0.0


def test_a_short_abstract_first_in_both_rankings_outranks_a_long_one_found_in_parts():
    # A one-chunk paper (a short abstract, a title-only library entry) that both retrievers put
    # first is the best paper, however many chunks of a longer abstract follow it.
    chunks = _chunks({"short": 1, "long": 4})
    ranking = ["short:0", "long:0", "long:1", "long:2", "long:3"]
    sources = group_by_paper([ranking, ranking], chunks, {})
    assert [s.paper_id for s in sources] == ["short", "long"]


def test_papers_tied_on_rank_are_ordered_by_their_best_chunk_then_id():
    chunks = _chunks({"a": 1, "b": 1, "c": 1})
    # a and b are first in one ranking each and second in the other: the same fused rank.
    for order in (["a:0", "b:0"], ["b:0", "a:0"]):
        sources = group_by_paper([order, order[::-1] + ["c:0"]], chunks, {})
        assert [s.paper_id for s in sources] == ["a", "b", "c"]  # reproducible, whatever order
        assert sources[0].score == sources[1].score > sources[2].score
