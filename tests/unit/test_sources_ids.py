"""Paper ids, title normalization and de-duplication."""

from __future__ import annotations

import pytest

from assistant.sources import dedupe, normalize_title, paper_id_for
from assistant.sources.ids import absorb, arxiv_id_of, doi_of
from assistant.types import Paper


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Attention Is All You Need", "attention is all you need"),
        ("  Beyond   Fully-Connected\tLayers! ", "beyond fully connected layers"),
        ("Don’t Think It Twice", "don t think it twice"),
        ("Don't Think It Twice", "don t think it twice"),
        ("ＦＵＬＬ-width Ｔｉｔｌｅ", "full width title"),  # NFKC folds full-width letters
        ("Straße", "strasse"),  # casefold, not lower
        (
            "4+3 Phases of Compute-Optimal Neural Scaling Laws",
            "4+3 phases of compute optimal neural scaling laws",
        ),
        ("?!", ""),
    ],
)
def test_normalize_title(title: str, expected: str) -> None:
    assert normalize_title(title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2305.12345", "2305.12345"),
        ("2305.12345v3", "2305.12345"),
        ("0704.0001", "0704.0001"),
        ("arXiv:2305.12345v1", "2305.12345"),
        ("https://arxiv.org/abs/1706.03762v7", "1706.03762"),
        ("https://arxiv.org/pdf/1706.03762.pdf", "1706.03762"),
        ("hep-th/9901001v2", "hep-th/9901001"),
        ("math.GT/0309136", "math.GT/0309136"),
        (" 2305.12345 ", "2305.12345"),
        ("p-17", None),
        ("12345", None),
        ("", None),
        (None, None),
        (2305.12345, None),  # a JSON number is not an id: its digits may already be lost
    ],
)
def test_arxiv_id_of(value: object, expected: str | None) -> None:
    assert arxiv_id_of(value) == expected


@pytest.mark.parametrize(
    ("title", "arxiv_id", "expected"),
    [
        ("Attention Is All You Need", "1706.03762v7", "arxiv:1706.03762"),
        ("anything", "arXiv:2305.12345", "arxiv:2305.12345"),
        # sha1("attention is all you need")[:16]: fixed, so ids survive runs and machines
        ("Attention Is All You Need", None, "title:37f63852cdfb0690"),
        ("attention is all you need!!", None, "title:37f63852cdfb0690"),
        ("Attention Is All You Need", "not-an-id", "title:37f63852cdfb0690"),
    ],
)
def test_paper_id_for(title: str, arxiv_id: str | None, expected: str) -> None:
    assert paper_id_for(title, arxiv_id) == expected


def test_titles_that_normalize_to_nothing_still_get_distinct_ids() -> None:
    assert paper_id_for("?!") != paper_id_for("...")
    assert paper_id_for("?!").startswith("title:")


def paper(
    title: str,
    abstract: str = "An abstract.",
    *,
    line: int = 1,
    file: str = "a.txt",
    arxiv: str | None = None,
    **fields: object,
) -> Paper:
    """A Paper for de-duplication cases; only what a case sets differs from the defaults."""
    return Paper(
        paper_id=paper_id_for(title, arxiv),
        title=title,
        abstract=abstract,
        source_file=file,
        source_line=line,
        **fields,
    )  # type: ignore[arg-type]


def test_same_paper_on_several_pages_keeps_richest_and_fills_the_gaps() -> None:
    dense = paper("Adam: A Method", line=3)
    block = paper("Adam: a method!", file="b.txt", line=9, authors_count=2, published="2014-12-22")
    other = paper("ADAM A METHOD", file="c.txt", upvotes=7)
    (merged,) = dedupe([dense, block, other])
    assert (merged.source_file, merged.source_line) == ("b.txt", 9)  # richest copy kept
    assert (merged.authors_count, merged.published, merged.upvotes) == (2, "2014-12-22", 7)
    assert "duplicate_of" not in merged.metadata  # same abstract: no conflict to record


def test_richness_tie_keeps_first_seen() -> None:
    first = paper("T", file="a.txt", authors_count=1)
    second = paper("T", file="b.txt", authors_count=1)
    assert dedupe([first, second])[0].source_file == "a.txt"
    assert dedupe([second, first])[0].source_file == "b.txt"


def test_inferred_year_flag_travels_with_a_filled_date() -> None:
    bare = paper("T", authors_count=3, upvotes=1)
    dated = paper(
        "T", file="b.txt", published="2025-05-21", metadata={"published_year_inferred": True}
    )
    (merged,) = dedupe([bare, dated])
    assert merged.published == "2025-05-21"
    assert merged.metadata["published_year_inferred"] is True


def test_same_id_different_abstract_keeps_longest_and_records_the_others() -> None:
    short = paper("Old title", "Short.", arxiv="2305.12345", file="a.jsonl", line=4, upvotes=3)
    long_ = paper("New title", "A longer abstract.", arxiv="2305.12345v2", file="b.csv", line=2)
    for order in ([short, long_], [long_, short]):  # deterministic whatever the order
        (merged,) = dedupe(order)
        assert merged.abstract == "A longer abstract."
        assert merged.upvotes == 3
        assert merged.metadata["duplicate_of"] == ["a.jsonl:4"]


@pytest.mark.parametrize(
    ("papers", "expected_ids"),
    [
        # first-seen order survives de-duplication
        ([paper("B"), paper("A"), paper("B")], [paper_id_for("B"), paper_id_for("A")]),
        # a title-only copy joins the arXiv copy, which lends its id
        ([paper("Adam"), paper("Adam", arxiv="1412.6980")], ["arxiv:1412.6980"]),
        ([paper("Adam", arxiv="1412.6980"), paper("adam")], ["arxiv:1412.6980"]),
        # two arXiv ids are two papers, whatever their titles say
        (
            [paper("Adam", arxiv="1412.6980"), paper("Adam", arxiv="2001.00001")],
            ["arxiv:1412.6980", "arxiv:2001.00001"],
        ),
        ([], []),
    ],
)
def test_dedupe_grouping(papers: list[Paper], expected_ids: list[str]) -> None:
    assert [p.paper_id for p in dedupe(papers)] == expected_ids


# -- DOIs and library entries ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("10.18653/v1/N19-1423", "10.18653/v1/n19-1423"),
        ("https://doi.org/10.1038/nature14539", "10.1038/nature14539"),
        ("http://dx.doi.org/10.1145/3158148", "10.1145/3158148"),
        ("doi:10.1000/xyz.", "10.1000/xyz"),
        ("10.1000", None),
        ("see the paper", None),
        (None, None),
    ],
)
def test_doi_of(value: object, expected: str | None) -> None:
    assert doi_of(value) == expected


@pytest.mark.parametrize(
    ("title", "arxiv_id", "doi", "expected"),
    [
        ("BERT", None, "https://doi.org/10.18653/V1/N19-1423", "doi:10.18653/v1/n19-1423"),
        ("BERT", "1810.04805", "10.18653/v1/N19-1423", "doi:10.18653/v1/n19-1423"),  # DOI first
        ("SILO", None, "10.48550/arXiv.2308.04430", "arxiv:2308.04430"),  # arXiv's DOI: its id
        ("Attention Is All You Need", None, "not a doi", "title:37f63852cdfb0690"),
    ],
)
def test_paper_id_prefers_the_doi(
    title: str, arxiv_id: str | None, doi: str, expected: str
) -> None:
    assert paper_id_for(title, arxiv_id, doi) == expected


def library(title: str, abstract: str = "An abstract.", **fields: object) -> Paper:
    """A Paper as a .bib reader makes one: ids in their fields as well as in paper_id."""
    doi, arxiv = fields.get("doi"), fields.get("arxiv_id")
    return Paper(
        paper_id=paper_id_for(title, arxiv, doi),  # type: ignore[arg-type]
        title=title,
        abstract=abstract,
        source_file="lib.bib",
        **fields,
    )  # type: ignore[arg-type]


TITLED = {"abstract_missing": True}


@pytest.mark.parametrize(
    ("papers", "expected_ids"),
    [
        # a .bib entry with a DOI and a page copy with only the title: one paper, the DOI's id
        ([paper("BERT"), library("BERT", doi="10.1000/bert")], ["doi:10.1000/bert"]),
        # the .bib knows DOI and arXiv id, a JSONL row the arXiv id: one paper
        (
            [
                paper("BERT v1", arxiv="1810.04805"),
                library("BERT", doi="10.1000/b", arxiv_id="1810.04805"),
            ],
            ["doi:10.1000/b"],
        ),
        # two DOIs are two papers, whatever their titles say
        (
            [library("Deep learning", doi="10.1000/a"), library("Deep learning", doi="10.1000/b")],
            ["doi:10.1000/a", "doi:10.1000/b"],
        ),
        # the same DOI under two titles (a preprint renamed) is one paper
        ([library("Old", doi="10.1000/a"), library("New", doi="10.1000/A")], ["doi:10.1000/a"]),
    ],
)
def test_dedupe_with_dois(papers: list[Paper], expected_ids: list[str]) -> None:
    assert [p.paper_id for p in dedupe(papers)] == expected_ids


def test_library_copy_and_page_copy_merge_field_by_field() -> None:
    page = paper(
        "BERT",
        "The page's abstract.",
        file="p.txt",
        authors_count=4,
        published="2019-06-02",
        upvotes=9,
    )
    bib = library(
        "BERT",
        "The page's abstract.",
        authors=("Jacob Devlin", "Ming-Wei Chang", "Kenton Lee", "Kristina Toutanova"),
        authors_count=4,
        year=2019,
        venue="NAACL",
        doi="10.18653/v1/n19-1423",
        citation_key="devlin2019bert",
    )
    for order in ([page, bib], [bib, page]):
        (merged,) = dedupe(order)
        assert merged.source_file == "lib.bib"  # the richer copy
        assert (merged.published, merged.upvotes, merged.year) == ("2019-06-02", 9, 2019)
        assert (merged.venue, merged.doi, merged.citation_key) == (
            "NAACL",
            "10.18653/v1/n19-1423",
            "devlin2019bert",
        )
        assert merged.paper_id == "doi:10.18653/v1/n19-1423"
        assert "duplicate_of" not in merged.metadata


def test_an_entry_without_abstract_lends_its_metadata_and_takes_the_abstract() -> None:
    page = paper("Adam", "We introduce Adam, an algorithm for optimization.", file="p.txt")
    bib = library(
        "Adam",
        "Adam",
        metadata=TITLED,
        authors=("Diederik P. Kingma", "Jimmy Ba"),
        arxiv_id="1412.6980",
    )
    (merged,) = dedupe([bib, page])
    assert merged.abstract.startswith("We introduce Adam")
    assert not merged.metadata.get("abstract_missing")
    assert "duplicate_of" not in merged.metadata  # no abstract is no disagreement
    assert (merged.authors, merged.paper_id) == (
        ("Diederik P. Kingma", "Jimmy Ba"),
        "arxiv:1412.6980",
    )


# -- absorb: a stored copy gains what another copy knows, and keeps what it has ----------------------
STORED = Paper("title:1", "Tiny Pooling", "A pooling layer.", upvotes=3, published="2024-05-31")
TITLE_ONLY = Paper("title:1", "Tiny Pooling", "Tiny Pooling", metadata=TITLED)


@pytest.mark.parametrize(
    ("kept", "donor", "changed"),
    [
        # the donor's names, venue and key fill the gaps; the kept id, title and date stay
        (
            STORED,
            Paper("doi:10.1/x", "Tiny pooling!", "Another abstract.", venue="ICML", doi="10.1/x"),
            {"venue": "ICML", "doi": "10.1/x"},
        ),
        # nothing new: the very same object back (so nothing is re-embedded)
        (STORED, Paper("x", "Tiny Pooling", "A pooling layer.", upvotes=9), {}),
        # a title standing in for the abstract takes the donor's abstract, and loses its flag
        (
            TITLE_ONLY,
            STORED,
            {"abstract": "A pooling layer.", "upvotes": 3, "published": "2024-05-31"},
        ),
        # ...but a donor without abstract lends none
        (STORED, TITLE_ONLY, {}),
        # a year the kept copy lacks comes with the donor's date
        (Paper("t", "T", "A", venue="ICML"), Paper("t", "T", "A", year=2023), {"year": 2023}),
    ],
)
def test_absorb(kept: Paper, donor: Paper, changed: dict[str, object]) -> None:
    got = absorb(kept, donor)
    if not changed:
        assert got is kept
        return
    for name, value in changed.items():
        assert getattr(got, name) == value, name
    assert (got.paper_id, got.title) == (kept.paper_id, kept.title)
    assert "abstract_missing" not in got.metadata or got.abstract == got.title
    assert absorb(got, donor) == got  # twice is once
