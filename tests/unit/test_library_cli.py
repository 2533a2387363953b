"""The library in use, through `assistant.cli.main` and the API: ingest flags, author and venue
limits, answers as JSON, Markdown and BibTeX, papers as BibTeX and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

import bibtexparser
import pytest

from assistant import Assistant
from assistant.cli import main
from assistant.errors import AssistantError
from assistant.filters import Filters
from assistant.sources.bibtex import read_bibtex
from assistant.types import Answer, Paper
from tests.conftest import LIBRARY

QUESTION = "What does retrieval-augmented generation combine?"
RAG_KEY = "lewisRetrievalAugmentedGenerationKnowledgeIntensive2020"
NEURIPS = "Advances in Neural Information Processing Systems"
UseDefault = Callable[[Assistant | None], None]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(args)
    out = capsys.readouterr()
    return status, out.out, out.err


# -- ingest -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("flag", "added", "note"),
    [
        ([], 32, "17 entries have no abstract: indexed by title only"),
        (["--missing-abstract", "title"], 32, "17 entries have no abstract: indexed by title only"),
        (["--missing-abstract", "skip"], 15, "17 entries have no abstract: skipped"),
    ],
)
def test_ingest_missing_abstract_flag(
    fake_assistant: Assistant, use_default: UseDefault, capsys, flag, added, note
) -> None:
    use_default(fake_assistant)
    status, out, _ = run(["ingest", str(LIBRARY / "zotero.bib"), *flag], capsys)
    assert status == 0 and f"{added} added" in out and note in out.splitlines()
    assert fake_assistant.store.count()[0] == added


def test_ingest_refuses_an_unknown_missing_abstract_policy(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["ingest", str(LIBRARY / "zotero.bib"), "--missing-abstract", "drop"])
    assert "invalid choice: 'drop'" in capsys.readouterr().err


def test_three_library_files_ingest_once_and_again_change_nothing(
    fake_assistant: Assistant, use_default: UseDefault, capsys
) -> None:
    use_default(fake_assistant)
    for name in ["zotero.bib", "export.ris", "zotero.json"]:
        status, out, _ = run(["ingest", str(LIBRARY / name)], capsys)
        assert status == 0 and " 0 added" not in out, out
    stored = {p.paper_id: p for p in fake_assistant.store.all_papers()}
    for name in ["zotero.bib", "export.ris", "zotero.json"]:
        status, out, _ = run(["ingest", str(LIBRARY / name)], capsys)
        assert status == 0 and "0 added, 0 updated" in out and "(0 chunks embedded)" in out, out
    assert {p.paper_id: p for p in fake_assistant.store.all_papers()} == stored


# -- ask --format ---------------------------------------------------------------------------------
def rag_cited(answer: Answer) -> None:
    assert [p.citation_key for p in answer.references] == [RAG_KEY]


def test_ask_as_json_carries_the_references(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    for args in (["--json"], ["--format", "json"]):  # --json is --format json
        status, out, _ = run(["ask", QUESTION, *args], capsys)
        shown = json.loads(out)
        (ref,) = shown["references"]
        assert status == 0 and ref["citation_key"] == RAG_KEY
        assert ref["authors"][0] == "Patrick Lewis" and ref["venue"] == NEURIPS
        assert [c["paper_id"] for c in shown["citations"]] == [ref["paper_id"]]


def test_ask_as_markdown_is_the_apis(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, out, _ = run(["ask", QUESTION, "--format", "markdown"], capsys)
    answer = library.ask(QUESTION)
    rag_cited(answer)
    assert status == 0 and out == answer.to_markdown()
    text, references = out.split("\n\n**References**\n\n")
    assert text == answer.text
    assert references.startswith(
        r"\[1\] Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks. Patrick Lewis, "
        f"Ethan Perez, Aleksandra Piktus, et al. *{NEURIPS}*, 2020. "
        "[arXiv:2005.11401](https://arxiv.org/abs/2005.11401)"
    )


def test_ask_as_bibtex_round_trips(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, out, _ = run(["ask", QUESTION, "--format", "bibtex"], capsys)
    answer = library.ask(QUESTION)
    assert status == 0 and out == answer.to_bibtex()
    assert [e.key for e in bibtexparser.parse_string(out).entries] == [RAG_KEY]
    (back,) = read_bibtex(out, "answer.bib")
    assert isinstance(back, Paper)
    (cited,) = answer.references
    for name in ("title", "abstract", "authors", "published", "venue", "arxiv_id", "url"):
        assert getattr(back, name) == getattr(cited, name), name


def test_ask_as_text_lists_the_references(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, out, _ = run(["ask", QUESTION, "--format", "text"], capsys)
    assert status == 0 and "References:\n[1] Retrieval-Augmented Generation" in out


def test_an_answer_that_cites_nothing_exports_no_entries(
    library: Assistant, use_default, capsys
) -> None:
    use_default(library)
    question = "How do penguins navigate at sea?"
    status, out, err = run(["ask", question, "--format", "bibtex"], capsys)
    assert status == 0 and out == "" and "cites no papers" in err
    assert library.ask(question).to_markdown().count("References") == 0


def test_json_and_another_format_are_refused(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, _, err = run(["ask", QUESTION, "--json", "--format", "bibtex"], capsys)
    assert status == 2 and "--json is --format json" in err


# -- --author / --venue ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("limit", "value"),
    [("--author", "küttler"), ("--author", "KUTTLER"), ("--venue", "neural information")],
)
def test_ask_by_author_or_venue_cites_only_those_papers(
    library: Assistant, use_default, capsys, limit: str, value: str
) -> None:
    use_default(library)
    question = "Which papers use retrieval-augmented generation?"
    status, out, _ = run(["ask", question, limit, value, "--format", "json"], capsys)
    shown = json.loads(out)
    assert status == 0 and shown["references"]
    for ref in shown["references"]:
        if limit == "--author":
            assert any("ttler" in name for name in ref["authors"])
        else:
            assert ref["venue"] == NEURIPS


def test_no_paper_by_that_author_abstains(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, out, _ = run(["ask", QUESTION, "--author", "Nobody Atall", "--json"], capsys)
    shown = json.loads(out)
    assert status == 0 and shown["abstained"] and shown["sources"] == []


def test_retrieval_keeps_only_the_papers_that_pass(library: Assistant) -> None:
    sources = library.retrieve("language models", top_k=50, filters=Filters(venue="NeurIPS"))
    papers = library.get_papers(s.paper_id for s in sources)
    assert not sources or all("neurips" in (p.venue or "").casefold() for p in papers.values())
    sources = library.retrieve("language models", top_k=50, filters=Filters(venue="neural inf"))
    assert sources and all(library.paper(s.paper_id).venue == NEURIPS for s in sources)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--author", "hinton"], {
            "Deep learning", "Dropout: A Simple Way to Prevent Neural Networks from Overfitting"}),
        (["--author", "Łukasz"], {"Attention is All you Need"}),
        (["retrieval", "--venue", "neural information"], {
            "Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks"}),
    ],
)  # fmt: skip
def test_papers_by_author_or_venue(library: Assistant, use_default, capsys, args, expected) -> None:
    use_default(library)
    status, out, err = run(["papers", *args], capsys)
    titles = {line.split("\t")[1] for line in out.splitlines()}
    assert status == 0 and titles == expected and err == f"{len(expected)} papers\n"


def test_papers_as_bibtex_and_csv(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    status, out, err = run(
        ["papers", "--venue", "neural information", "--format", "bibtex"], capsys
    )
    entries = bibtexparser.parse_string(out).entries
    assert status == 0 and err == f"{len(entries)} papers\n" and len(entries) >= 3
    assert RAG_KEY in {e.key for e in entries}
    assert all(isinstance(p, Paper) and p.venue == NEURIPS for p in read_bibtex(out, "x.bib"))
    status, out, _ = run(["papers", "--author", "Lewis", "--format", "csv"], capsys)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and rows and all("Lewis" in row["authors"] for row in rows)


# -- Filters ----------------------------------------------------------------------------------------
def test_name_limits_are_checked_and_described() -> None:
    assert Filters(author="  ", venue="") == Filters() and not Filters(author=" ")
    assert Filters(author="  Geoffrey  Hinton ").author == "Geoffrey Hinton"
    with pytest.raises(AssistantError, match="author"):
        Filters(author=3)  # type: ignore[arg-type]
    assert Filters("2020", author="Hinton").describe() == (
        "since 2020-01-01, by an author named 'Hinton'"
    )


# -- every kind of answer carries its cited papers --------------------------------------------------
@pytest.mark.parametrize(
    ("question", "mode"),
    [
        (QUESTION, "composed"),
        ("Which papers study mixture of experts?", "list"),
        ("Which of the papers on pooling in vision transformers has the most authors?", "metadata"),
        ("Summarize the paper on retrieval-augmented generation for knowledge-intensive NLP.",
         "summary"),
        ("Why was the fine-tuned LLaMA arithmetic model Goat unable to learn large-number "
         "addition and subtraction?", "false-premise"),
    ],
)  # fmt: skip
def test_every_answer_carries_the_records_of_what_it_cites(
    library: Assistant, question: str, mode: str
) -> None:
    answer = library.ask(question)
    assert answer.mode == mode and answer.citations
    cited = list(dict.fromkeys(c.paper_id for c in answer.citations))  # keys run 1, 2, ...
    assert [p.paper_id for p in answer.references] == cited
    assert answer.references == tuple(library.get_papers(cited)[pid] for pid in cited)
    shown = json.loads(json.dumps(answer.to_dict()))  # JSON-safe
    assert [r["paper_id"] for r in shown["references"]] == cited
    assert answer.to_markdown().count("\n\\[") == len(cited)
    assert len(bibtexparser.parse_string(answer.to_bibtex()).entries) == len(cited)
