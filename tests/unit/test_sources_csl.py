"""CSL-JSON (Zotero's and Mendeley's JSON export) -> Papers, beside our own JSON records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.sources import read_corpus, read_file
from assistant.sources.csl import csl_name, is_csl_item
from assistant.sources.tabular import read_json, read_jsonl
from assistant.types import Paper

LIBRARY = Path(__file__).resolve().parents[1] / "data" / "library"
ZOTERO_JSON = LIBRARY / "zotero.json"


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ({"type": "article-journal", "title": "T", "issued": {"date-parts": [[2017]]}}, True),
        ({"type": "article", "title": "T", "author": [{"family": "Li", "given": "X"}]}, True),
        ({"type": "paper-conference", "title": "T", "container-title": "NeurIPS"}, True),
        ({"type": "article", "title": "T", "DOI": "10.1/x"}, True),
        # our own records: no CSL type, or a "doi" column spelled our way
        ({"title": "T", "abstract": "A", "authors": ["X"]}, False),
        ({"title": "T", "abstract": "A", "type": "preprint", "doi": "10.1/x"}, False),
        ({"title": "T", "abstract": "A", "type": "preprint", "author": "X. Li"}, False),
    ],
)
def test_is_csl_item(obj: dict, expected: bool) -> None:
    assert is_csl_item(obj) is expected


@pytest.mark.parametrize(
    ("person", "name"),
    [
        ({"family": "Vaswani", "given": "Ashish"}, "Ashish Vaswani"),
        (
            {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"},
            "Laurens van der Maaten",
        ),
        ({"family": "King", "given": "Martin Luther", "suffix": "Jr."}, "Martin Luther King Jr."),
        ({"literal": "Gemini Team"}, "Gemini Team"),
        ({"family": "Sukhbaatar"}, "Sukhbaatar"),
        ("Plain String", "Plain String"),
    ],
)
def test_csl_name(person: object, name: str) -> None:
    assert csl_name(person) == name


def item(**fields: object) -> dict:
    """A CSL item as Zotero writes one; only what a case sets differs."""
    author = [{"family": "Li", "given": "Xin"}]
    return {"id": "key2024", "type": "article-journal", "title": "T", "author": author, **fields}


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        (
            item(
                abstract="An abstract.",
                author=[{"family": "Li", "given": "Xin"}, {"literal": "Some Lab"}],
                issued={"date-parts": [[2023, 5, 1]]},
                DOI="10.1000/XYZ",
                URL="https://example.org/p",
            ),
            {
                "authors": ("Xin Li", "Some Lab"),
                "authors_count": 2,
                "published": "2023-05-01",
                "year": 2023,
                "doi": "10.1000/xyz",
                "paper_id": "doi:10.1000/xyz",
                "url": "https://example.org/p",
                "citation_key": "key2024",
                "abstract": "An abstract.",
            },
        ),
        # Mendeley writes date parts as strings; a month without a day is no full date
        (item(issued={"date-parts": [["2008", "11"]]}), {"year": 2008, "published": None}),
        (item(issued={"raw": "2019-06-02"}), {"published": "2019-06-02"}),
        (item(issued={"literal": "Spring 2019"}), {"year": 2019, "published": None}),
        # Zotero keeps a preprint's arXiv id in "number"
        (
            item(type="article", number="arXiv:2201.02177"),
            {"arxiv_id": "2201.02177", "paper_id": "arxiv:2201.02177"},
        ),
        (
            item(**{"container-title": "Journal of Machine Learning Research", "page": "1-97"}),
            {"venue": "Journal of Machine Learning Research"},
        ),
        # Zotero item URIs and Mendeley's ITEM-n are no citation keys
        ({**item(), "id": "http://zotero.org/users/1/items/ABCD"}, {"citation_key": None}),
        ({**item(), "id": "ITEM-3"}, {"citation_key": None}),
        (
            item(),
            {"abstract": "T", "metadata": {"entry_type": "article", "abstract_missing": True}},
        ),
    ],
)
def test_items(obj: dict, expected: dict[str, object]) -> None:
    (found,) = read_json(json.dumps([obj]), "z.json")
    assert isinstance(found, Paper), found
    assert {k: getattr(found, k) for k in expected} == expected


def test_zotero_export() -> None:
    found = read_file(ZOTERO_JSON)
    assert all(isinstance(p, Paper) for p in found), found
    papers = {p.title: p for p in found}  # type: ignore[union-attr]
    assert len(papers) == 6
    grokking = papers["Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets"]
    assert (grokking.paper_id, grokking.published, grokking.source_line) == (
        "arxiv:2201.02177",
        "2022-01-06",
        2,
    )
    assert grokking.citation_key == "powerGrokkingGeneralizationOverfitting2022"
    assert papers["Visualizing Data using t-SNE"].authors == (
        "Laurens van der Maaten",
        "Geoffrey Hinton",
    )
    assert papers["Gemini: A Family of Highly Capable Multimodal Models"].authors == (
        "Gemini Team",
    )


def test_csl_items_and_our_own_records_read_side_by_side() -> None:
    text = json.dumps(
        [item(abstract="From Zotero."), {"title": "Ours", "abstract": "Our row.", "upvotes": 3}]
    )
    zotero, ours = read_json(text, "mixed.json")
    assert isinstance(zotero, Paper) and zotero.citation_key == "key2024"
    assert isinstance(ours, Paper) and (ours.title, ours.upvotes) == ("Ours", 3)
    (line,) = read_jsonl(json.dumps(item(abstract="A line.")) + "\n", "z.jsonl")
    assert isinstance(line, Paper) and line.citation_key == "key2024"


def test_an_item_without_title_is_an_error_at_its_line() -> None:
    path = LIBRARY / "bad" / "missing_title.json"
    with pytest.raises(InputError, match=r"missing_title\.json:5: item 'ITEM-2' has no 'title'"):
        read_corpus([path])
    assert [p.title for p in read_corpus([path], skip_bad=True).papers] == ["Deep learning"]


def test_the_same_paper_in_csl_bib_and_corpus_is_one_paper() -> None:
    from tests.conftest import CORPUS

    result = read_corpus([CORPUS, LIBRARY / "zotero.bib", ZOTERO_JSON])
    groks = [p for p in result.papers if p.title.lower().startswith("grokking")]
    assert len(groks) == 1
    (grok,) = groks
    assert grok.paper_id == "arxiv:2201.02177"
    assert grok.published == "2022-01-06"  # from the CSL item
    assert len(grok.authors) == 5 and not grok.metadata.get("abstract_missing")
    loras = [p for p in result.papers if p.title.startswith("LoRA: Low-Rank")]
    assert len(loras) == 1 and loras[0].arxiv_id == "2106.09685"  # the .bib's eprint
