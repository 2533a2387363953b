"""RIS exports (publishers, EndNote, Mendeley, Zotero) -> Papers."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.sources import read_corpus, read_file
from assistant.sources.ris import read_ris
from assistant.types import Paper
from tests.conftest import LIBRARY

EXPORT = LIBRARY / "export.ris"


def ris(*lines: str) -> str:
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the common tags
            ris(
                "TY  - JOUR",
                "TI  - Deep learning",
                "AU  - LeCun, Yann",
                "AU  - Bengio, Yoshua",
                "PY  - 2015",
                "DA  - 2015/05/28/",
                "JO  - Nature",
                "DO  - https://doi.org/10.1038/nature14539",
                "UR  - https://www.nature.com/articles/nature14539",
                "AB  - Deep learning allows computational models to learn.",
                "ER  - ",
            ),
            {
                "title": "Deep learning",
                "authors": ("Yann LeCun", "Yoshua Bengio"),
                "authors_count": 2,
                "published": "2015-05-28",
                "venue": "Nature",
                "doi": "10.1038/nature14539",
                "paper_id": "doi:10.1038/nature14539",
                "url": "https://www.nature.com/articles/nature14539",
                "abstract": "Deep learning allows computational models to learn.",
            },
        ),
        (  # the older tags: T1, A1, Y1, N2, JF; an ID that is a citation key
            ris(
                "TY  - CONF",
                "ID  - rumelhart1986",
                "T1  - Learning representations",
                "A1  - Rumelhart, David E.",
                "Y1  - 1986///",
                "JF  - Nature",
                "N2  - We describe a new learning procedure.",
                "ER  -",
            ),
            {
                "title": "Learning representations",
                "authors": ("David E. Rumelhart",),
                "year": 1986,
                "published": None,
                "venue": "Nature",
                "citation_key": "rumelhart1986",
                "abstract": "We describe a new learning procedure.",
                "metadata": {"entry_type": "inproceedings"},
            },
        ),
        (  # an arXiv preprint: the id from its URL; a wrapped abstract; one space around "-"
            ris(
                "TY - GEN",
                "TI - Graph Metanetworks",
                "UR - http://arxiv.org/abs/2312.04501v2",
                "AB - First line of the abstract",
                "  and its continuation.",
                "ER -",
            ),
            {
                "paper_id": "arxiv:2312.04501",
                "arxiv_id": "2312.04501",
                "abstract": "First line of the abstract and its continuation.",
            },
        ),
        (  # no abstract: the title stands in, marked
            ris("TY  - BOOK", "TI  - Learning with Kernels", "ID  - 12345", "ER  - "),
            {
                "abstract": "Learning with Kernels",
                "citation_key": None,  # a number is no citation key
                "metadata": {"entry_type": "book", "abstract_missing": True},
            },
        ),
    ],
)
def test_records(text: str, expected: dict[str, object]) -> None:
    (found,) = read_ris(text, "x.ris")
    assert isinstance(found, Paper), found
    assert {k: getattr(found, k) for k in expected} == expected
    assert found.source_line == 1


GOOD = ris("TY  - JOUR", "TI  - Good", "AB  - Fine.", "ER  - ")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD + ris("TY  - JOUR", "TI  - Cut", "AB  - short"), 5, "record is cut short"),
        (
            GOOD + ris("TY  - JOUR", "TI  - Open") + GOOD,
            5,
            "no 'ER  -' line before the next 'TY  -' at line 7",
        ),
        (GOOD + ris("TI  - Stray"), 5, "'TI' line outside a record"),
        (GOOD + ris("TY  - JOUR", "AU  - Li, X.", "ER  - "), 5, "record has no 'title'"),
        (GOOD + ris("TY  - JOUR", "TI  -   ", "ER  - "), 5, "blank 'title'"),
    ],
)
def test_bad_records_are_errors_at_their_line(text: str, line: int, words: str) -> None:
    found = read_ris(text, "x.ris")
    errors = [f for f in found if isinstance(f, InputError)]
    assert len(errors) == 1, found
    assert str(errors[0]).startswith(f"x.ris:{line}: ") and words in str(errors[0])
    assert isinstance(found[0], Paper) and found[0].title == "Good"


def test_a_file_without_records_is_refused() -> None:
    (error,) = read_ris("Provider: Nobody\n\n", "x.ris")
    assert isinstance(error, InputError) and "no RIS records found" in str(error)


def test_truncated_export_file() -> None:
    path = LIBRARY / "bad" / "truncated.ris"
    with pytest.raises(InputError, match=r"truncated\.ris:10: record is cut short"):
        read_corpus([path])
    assert [p.title for p in read_corpus([path], skip_bad=True).papers] == ["Deep learning"]


def test_export_file() -> None:
    found = read_file(EXPORT)
    assert all(isinstance(p, Paper) for p in found), found
    papers = {p.title: p for p in found}  # type: ignore[union-attr]
    assert len(papers) == 6
    popl = papers["Denotational validation of higher-order Bayesian inference"]
    assert popl.authors[0] == "Adam Ścibior" and popl.authors_count == 10
    assert (popl.doi, popl.published, popl.venue) == (
        "10.1145/3158148",
        "2017-12-27",
        "Proceedings of the ACM on Programming Languages",
    )
    assert (
        popl.abstract.startswith("We present a modular semantic account")
        and "\n" not in popl.abstract
    )
    assert popl.metadata["pages"] == "60:1--60:29"
    assert papers["Deep learning"].citation_key == "lecun2015deep"
    assert (
        papers["Graph Metanetworks for Processing Diverse Neural Architectures"].arxiv_id
        == "2312.04501"
    )
    assert sum(bool(p.metadata.get("abstract_missing")) for p in papers.values()) == 3


def test_the_same_paper_in_ris_and_bib_is_one_paper() -> None:
    result = read_corpus([LIBRARY / "zotero.bib", EXPORT])
    berts = [p for p in result.papers if p.title.startswith("BERT")]
    assert len(berts) == 1  # the same DOI
    assert berts[0].citation_key == "devlinBERTPretrainingDeep2019"
    lecun = [p for p in result.papers if p.title == "Deep learning"]
    assert len(lecun) == 1 and lecun[0].published == "2015-05-28"  # the .ris date fills the .bib's
