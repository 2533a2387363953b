"""Library files (.bib, .ris, CSL-JSON) ingested after the corpus: one paper each, re-ingest
embeds nothing, entries without abstract counted; on a real on-disk store, fake embedder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.ingest import IngestReport, merge_with_stored
from assistant.sources import normalize_title
from assistant.types import Paper
from tests.conftest import CORPUS, FAKE
from tests.fakes import FakeEmbedder, FakeGenerator

LIBRARY = Path(__file__).resolve().parents[1] / "data" / "library"
FILES = ["zotero.bib", "export.ris", "zotero.json"]
RAG = "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks"


@dataclass
class Ingested:
    assistant: Assistant
    first: dict[str, IngestReport]  # the corpus, then each library file once
    again: dict[str, IngestReport]  # each library file and the corpus a second time


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> Ingested:
    settings = Settings(home=tmp_path_factory.mktemp("library-home"), corpus=[CORPUS], **FAKE)
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    first = {"corpus": assistant.ensure_corpus(progress=False)}
    for name in FILES:
        first[name] = assistant.ingest([LIBRARY / name], progress=False)
    again = {name: assistant.ingest([LIBRARY / name], progress=False) for name in FILES}
    again["corpus"] = assistant.ingest([CORPUS], progress=False)
    return Ingested(assistant, first, again)  # type: ignore[arg-type]


def by_title(assistant: Assistant, title: str) -> list[Paper]:
    return [
        p
        for p in assistant.store.all_papers()
        if normalize_title(p.title) == normalize_title(title)
    ]


def test_each_file_ingests_once_and_again_embeds_nothing(ingested: Ingested) -> None:
    bib = ingested.first["zotero.bib"]
    # 17 of its 32 entries are corpus papers: merged into them (14 under another id, 3 under
    # the same title hash), the other 15 added
    assert (bib.papers, bib.added, bib.updated, bib.merged) == (32, 15, 17, 14)
    for name, report in ingested.again.items():
        assert (report.added, report.updated, report.chunks) == (0, 0, 0), name
        assert report.unchanged == report.papers, name
    papers = ingested.assistant.store.all_papers()
    titles = [normalize_title(p.title) for p in papers]
    assert len(titles) == len(set(titles))  # no paper twice
    dois = [p.doi for p in papers if p.doi]
    assert len(dois) == len(set(dois))
    assert (
        len(papers)
        == 414 + 15 + ingested.first["export.ris"].added + ingested.first["zotero.json"].added
    )


def test_a_corpus_paper_in_the_library_keeps_its_id_and_gains_the_metadata(
    ingested: Ingested,
) -> None:
    (rag,) = by_title(ingested.assistant, RAG)
    assert rag.paper_id.startswith("title:")  # the corpus id stays: summaries and labels hold
    assert rag.citation_key == "lewisRetrievalAugmentedGenerationKnowledgeIntensive2020"
    assert rag.authors[:2] == ("Patrick Lewis", "Ethan Perez") and rag.arxiv_id == "2005.11401"
    assert rag.venue == "Advances in Neural Information Processing Systems"
    assert (rag.published, rag.upvotes) == ("2020-05-22", 4)  # the page's date and upvotes
    chunks = [c for c in ingested.assistant.store.all_chunks() if c.paper_id == rag.paper_id]
    assert chunks and all("Heinrich Küttler" in c.metadata["authors"] for c in chunks)
    assert {c.metadata["venue"] for c in chunks} == {rag.venue}  # filters need no lookup


def test_a_title_only_entry_takes_the_stored_abstract(ingested: Ingested) -> None:
    (adam,) = by_title(ingested.assistant, "Adam: A Method for Stochastic Optimization")
    assert adam.citation_key == "kingma2014adam" and len(adam.abstract) > 200
    assert not adam.metadata.get("abstract_missing")
    # 17 entries have no abstract; two of them now have the corpus's
    assert ingested.first["zotero.bib"].no_abstract == 15
    assert "15 entries have no abstract: indexed by title only" in (
        ingested.first["zotero.bib"].summary()
    )


def test_where_the_abstracts_differ_the_stored_one_stays(ingested: Ingested) -> None:
    (provable,) = by_title(
        ingested.assistant,
        "On the Provable Advantage of Unsupervised Pretraining",
    )
    assert provable.paper_id.startswith("title:") and provable.citation_key == "ge2023provable"
    assert str(CORPUS) in provable.source_file


# -- merge_with_stored, case by case ------------------------------------------------------------------
OLD = Paper("title:aa", "Sparse Llamas", "We prune llamas.", upvotes=5, source_file="page.txt")
BIB = dict(source_file="lib.bib", authors=("Ada Lovelace",), venue="ICML")


@pytest.mark.parametrize(
    ("new", "stored_id", "abstract", "upvotes", "venue", "merged"),
    [
        # another file, same title: the stored id and abstract, the .bib's names and venue
        (
            Paper("doi:10.1/x", "Sparse llamas!", "Pruned.", doi="10.1/x", **BIB),
            "title:aa",
            "We prune llamas.",
            5,
            "ICML",
            1,
        ),  # fmt: skip
        # the same file read again with its own id: its values win, the stored ones fill in
        (
            Paper("title:aa", "Sparse Llamas", "We prune llamas 2x.", source_file="page.txt"),
            "title:aa",
            "We prune llamas 2x.",
            5,
            None,
            0,
        ),  # fmt: skip
        # another file under the same id (a title hash): the stored values win
        (
            Paper("title:aa", "Sparse Llamas", "Pruned.", **BIB),
            "title:aa",
            "We prune llamas.",
            5,
            "ICML",
            0,
        ),  # fmt: skip
        # the same file, now with a DOI: the stored id, the file's new values
        (
            Paper("doi:10.1/x", "Sparse Llamas", "Pruned.", doi="10.1/x", source_file="page.txt"),
            "title:aa",
            "Pruned.",
            5,
            None,
            1,
        ),  # fmt: skip
    ],
)
def test_merge_with_stored(
    new: Paper, stored_id: str, abstract: str, upvotes: int, venue: str | None, merged: int
) -> None:
    (got,), count = merge_with_stored([new], [OLD])
    assert (got.paper_id, got.abstract, got.upvotes, got.venue, count) == (
        stored_id,
        abstract,
        upvotes,
        venue,
        merged,
    )
    assert merge_with_stored([got], [got])[0] == [got]  # stored as is: nothing to change


def test_two_arxiv_ids_are_two_papers_even_with_one_title() -> None:
    stored = Paper("arxiv:2401.00001", "Sparse Llamas", "v1 of it.", arxiv_id="2401.00001")
    new = Paper("arxiv:2402.00002", "Sparse Llamas", "Another.", arxiv_id="2402.00002")
    assert merge_with_stored([new], [stored]) == ([new], 0)


# -- entries without an abstract: the setting, the argument, the report --------------------------------
@pytest.mark.parametrize(
    ("setting", "given", "added", "note"),
    [
        ("title", None, 32, "17 entries have no abstract: indexed by title only"),
        ("skip", None, 15, "17 entries have no abstract: skipped"),
        ("skip", "title", 32, "17 entries have no abstract: indexed by title only"),
    ],
)
def test_entries_without_abstract_follow_the_setting_or_the_argument(
    tmp_path: Path, setting: str, given: str | None, added: int, note: str
) -> None:
    settings = Settings(home=tmp_path, missing_abstract=setting, **FAKE)  # type: ignore[arg-type]
    assistant = Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())
    report = assistant.ingest(
        [LIBRARY / "zotero.bib"],
        progress=False,
        missing_abstract=given,  # type: ignore[arg-type]
    )
    assert (report.added, report.no_abstract) == (added, 17)
    assert note in report.summary().splitlines()
