"""Export: an answer as Markdown with references, papers as BibTeX and CSV; BibTeX round-trips."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import bibtexparser
import pytest

from assistant.export import (
    answer_markdown,
    bibtex_entries,
    citation_keys,
    key_for,
    papers_csv,
    reference,
)
from assistant.sources import read_corpus
from assistant.sources.bibtex import read_bibtex
from assistant.sources.tabular import read_csv
from assistant.types import Answer, Citation, Paper
from tests.conftest import CORPUS

LIBRARY = Path(__file__).resolve().parents[1] / "data" / "library"


def paper(title: str = "Attention Is All You Need", **fields: object) -> Paper:
    return Paper(
        paper_id=fields.pop("paper_id", "p1"), title=title, abstract="An abstract.", **fields
    )  # type: ignore[arg-type]


VASWANI = paper(
    authors=("Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit"),
    year=2017,
    venue="Advances in Neural Information Processing Systems",
    arxiv_id="1706.03762",
)


# -- Markdown ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "shown"),
    [
        (
            VASWANI,
            "Attention Is All You Need. Ashish Vaswani, Noam Shazeer, Niki Parmar, et al. "
            "*Advances in Neural Information Processing Systems*, 2017. "
            "[arXiv:1706.03762](https://arxiv.org/abs/1706.03762)",
        ),
        (
            paper(
                "BERT",
                authors=("Jacob Devlin", "Ming-Wei Chang"),
                year=2019,
                doi="10.18653/v1/n19-1423",
            ),
            "BERT. Jacob Devlin and Ming-Wei Chang. 2019. "
            "[doi:10.18653/v1/n19-1423](https://doi.org/10.18653/v1/n19-1423)",
        ),
        (  # arXiv's own DOI: the arXiv link alone
            paper(
                "SILO",
                doi="10.48550/arxiv.2308.04430",
                arxiv_id="2308.04430",
                published="2023-08-08",
            ),
            "SILO. 2023. [arXiv:2308.04430](https://arxiv.org/abs/2308.04430)",
        ),
        (  # a Daily Papers paper: a count of authors, no link
            paper("On *Provable* [Advantage]", authors_count=4),
            r"On \*Provable\* \[Advantage\]. 4 authors.",
        ),
        (
            paper(
                "T", authors=("Tom Brown",), metadata={"more_authors": True}, url="https://x.org/p"
            ),
            "T. Tom Brown, et al. [https://x.org/p](https://x.org/p)",
        ),
    ],
)
def test_reference(given: Paper, shown: str) -> None:
    assert reference(given) == shown


def test_answer_markdown_numbers_its_references_as_the_text_does() -> None:
    bert = paper("BERT", paper_id="p2", authors=("Jacob Devlin",), year=2019)
    answer = Answer(
        question="q",
        text="Transformers use attention [1]. BERT pre-trains them [2]; so do others [10].",
        citations=[
            Citation("10", "gone", "A Paper Not In The Store", "s"),
            Citation("1", "p1", VASWANI.title, "s"),
            Citation("2", "p2", "BERT", "s"),
            Citation("1", "p1", VASWANI.title, "another sentence"),
        ],
        sources=[],
    )
    shown = answer_markdown(answer, {"p1": VASWANI, "p2": bert})
    # in key order (10 after 2), each key once, a paper missing from the store by its title
    assert shown == (
        f"{answer.text}\n\n**References**\n\n"
        f"\\[1\\] {reference(VASWANI)}\n\n"
        "\\[2\\] BERT. Jacob Devlin. 2019.\n\n"
        "\\[10\\] A Paper Not In The Store. (gone)\n"
    )


def test_an_abstention_has_no_references() -> None:
    answer = Answer("q", "I cannot answer this from the papers.", [], [], abstained=True)
    assert answer_markdown(answer, {}) == "I cannot answer this from the papers.\n"


# -- keys -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("given", "key"),
    [
        (VASWANI, "vaswani2017attention"),
        (paper("On the Provable Advantage", published="2023-03-02"), "provable2023"),
        (
            paper("Über formal unentscheidbare Sätze", authors=("Kurt Gödel",), year=1931),
            "godel1931uber",
        ),
        (paper("GPT-4 Technical Report", authors=("OpenAI",), year=2023), "openai2023gpt"),
        (paper("Gemini: A Family", authors=("Gemini Team",), year=2023), "gemini2023gemini"),
        (paper("Why We Dream", authors=("Martin L. King Jr.",)), "kingdream"),  # no year
        (paper("$\\beta$-VAE: Learning", authors=("Irina Higgins",), year=2017), "higgins2017beta"),
    ],
)
def test_key_for(given: Paper, key: str) -> None:
    assert key_for(given) == key


def test_citation_keys_are_distinct_and_keep_the_libraries_own() -> None:
    papers = [
        VASWANI,
        VASWANI,
        paper("Attention Is All You Need, Again", citation_key="vaswani2017attentiona"),
        paper("Bib", citation_key="Smith2020"),
        paper("Bib copy", citation_key="smith2020"),  # BibTeX keys ignore case
        VASWANI,
    ]
    assert citation_keys(papers) == [
        "vaswani2017attention",
        "vaswani2017attentionb",  # "a" is a library's own key
        "vaswani2017attentiona",
        "Smith2020",
        "smith2020a",
        "vaswani2017attentionc",
    ]
    assert citation_keys(papers) == citation_keys(papers)  # the same every run


def test_bibtex_entry_fields() -> None:
    given = paper(
        "BERT: 50% of R&D in $O(n^2)$",
        authors=("Jacob Devlin", "Google Brain Team"),
        published="2019-06-02",
        venue="Proceedings of NAACL",
        doi="10.18653/v1/n19-1423",
        arxiv_id="1810.04805",
        url="https://aclanthology.org/N19-1423",
        metadata={"entry_type": "inproceedings", "pages": "4171--4186", "primaryclass": "cs.CL"},
    )
    assert bibtex_entries([given]) == (
        "@inproceedings{devlin2019bert,\n"
        "  title = {{BERT}: 50\\% of R\\&D in $O(n^2)$},\n"
        "  author = {Jacob Devlin and {Google Brain Team}},\n"
        "  booktitle = {Proceedings of NAACL},\n"
        "  year = {2019},\n"
        "  month = jun,\n"
        "  date = {2019-06-02},\n"
        "  pages = {4171--4186},\n"
        "  doi = {10.18653/v1/n19-1423},\n"
        "  eprint = {1810.04805},\n"
        "  archiveprefix = {arXiv},\n"
        "  primaryclass = {cs.CL},\n"
        "  url = {https://aclanthology.org/N19-1423},\n"
        "  abstract = {An abstract.}\n"
        "}\n"
    )


@pytest.mark.parametrize(
    ("given", "first_line", "venue_field"),
    [
        (paper(venue="Nature"), "@article{", "journal"),
        (paper(venue="Proceedings of ICML"), "@inproceedings{", "booktitle"),
        (paper(venue="arXiv preprint arXiv:1706.03762"), "@misc{", "howpublished"),
        (paper(), "@misc{", None),
    ],
)
def test_entry_type_from_the_venue(given: Paper, first_line: str, venue_field: str | None) -> None:
    text = bibtex_entries([given])
    assert text.startswith(first_line)
    assert (f"  {venue_field} = " in text) if venue_field else ("journal" not in text)


# -- round trip: what is exported reads back as the same papers ------------------------------------
ROUND_TRIP = ("paper_id", "title", "abstract", "authors", "authors_count", "published", "year")
ROUND_TRIP += ("venue", "doi", "arxiv_id", "url")


@pytest.mark.parametrize(
    "source",
    [LIBRARY / "zotero.bib", LIBRARY / "export.ris", LIBRARY / "zotero.json", CORPUS],
    ids=["bibtex", "ris", "csl", "daily-papers"],
)
def test_exported_bibtex_reads_back_as_the_same_papers(source: Path) -> None:
    papers = read_corpus([source]).papers
    text = bibtex_entries(papers)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert [e.key for e in library.entries] == citation_keys(papers)
    back = read_bibtex(text, "exported.bib")
    assert all(isinstance(p, Paper) for p in back)
    for before, after in zip(papers, back, strict=True):
        # BibTeX has no field for a number of authors without their names (Daily Papers pages)
        fields = ROUND_TRIP if before.authors else set(ROUND_TRIP) - {"authors_count"}
        assert {f: getattr(after, f) for f in fields} == {f: getattr(before, f) for f in fields}
        if source.suffix == ".bib":  # its own keys, its own fields
            assert after.citation_key == before.citation_key
            assert after.metadata == before.metadata


def test_exported_bibtex_round_trips_twice_to_the_same_text() -> None:
    papers = read_corpus([LIBRARY / "zotero.bib"]).papers
    once = bibtex_entries(papers)
    again = bibtex_entries([p for p in read_bibtex(once, "x.bib") if isinstance(p, Paper)])
    assert again == once


# -- CSV --------------------------------------------------------------------------------------------
def test_papers_csv() -> None:
    papers = read_corpus([LIBRARY / "zotero.bib"]).papers
    text = papers_csv(papers)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(papers)
    rag = next(r for r in rows if r["citation_key"].startswith("lewis"))
    assert rag["authors"].startswith("Patrick Lewis; Ethan Perez; ")
    assert (rag["year"], rag["arxiv_id"], rag["doi"]) == ("2020", "2005.11401", "")
    # and our own CSV reader takes it back ("and others": it counts the names it sees)
    back = [p for p in read_csv(text, "papers.csv") if isinstance(p, Paper)]
    assert [(p.title, p.abstract, p.authors_count or len(p.authors)) for p in papers] == [
        (p.title, p.abstract, p.authors_count) for p in back
    ]
