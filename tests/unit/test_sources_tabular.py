"""JSON lines, JSON and CSV corpora, and the arXiv metadata snapshot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.sources import read_corpus
from assistant.sources.tabular import count_authors, iso_date, read_csv, read_json, read_jsonl
from assistant.types import Paper

ABSTRACT = "We study a thing and find that it works well on several benchmarks."


def only_papers(found: list) -> list[Paper]:
    assert all(isinstance(p, Paper) for p in found), found
    return found


def jsonl(*rows: dict) -> str:
    return "\n".join(json.dumps(r) for r in rows) + "\n"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"title": "T", "abstract": ABSTRACT},
            {
                "paper_id": "title:8efd86fb78a56a51",
                "authors_count": None,
                "published": None,
                "metadata": {},
            },
        ),
        (
            {"Title": "T", "ABSTRACT": ABSTRACT, "id": "2305.12345v2"},
            {"paper_id": "arxiv:2305.12345"},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "arxiv_id": "2305.12345", "id": "row-7"},
            {"paper_id": "arxiv:2305.12345", "metadata": {"id": "row-7"}},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "authors": ["A. One", "B. Two"]},
            {"authors_count": 2, "metadata": {"authors": ["A. One", "B. Two"]}},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "authors": "A. One, B. Two and C. Three"},
            {"authors_count": 3},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "authors_count": 5, "authors": "A. One"},
            {"authors_count": 5},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "published": "2023-05-01", "upvotes": 12},
            {"published": "2023-05-01", "upvotes": 12, "metadata": {}},
        ),
        ({"title": "T", "abstract": ABSTRACT, "date": "Dec 8, 2022"}, {"published": "2022-12-08"}),
        (
            {"title": "T", "abstract": ABSTRACT, "upvotes": 3.0, "authors_count": "2"},
            {"upvotes": 3, "authors_count": 2},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "date": "someday"},
            {"published": None, "metadata": {"date": "someday"}},
        ),
        (
            {"title": "T", "abstract": ABSTRACT, "venue": "NeurIPS", "note": "", "tags": []},
            {"metadata": {"venue": "NeurIPS"}},
        ),
        # a title's inner line breaks are collapsed; an abstract's paragraphs survive
        (
            {"title": "  Two\n  lines ", "abstract": " Para one.\n\nPara two. "},
            {"title": "Two lines", "abstract": "Para one.\n\nPara two."},
        ),
    ],
)
def test_jsonl_rows(row: dict, expected: dict[str, object]) -> None:
    (found,) = only_papers(read_jsonl(jsonl(row), "c.jsonl"))
    assert {k: getattr(found, k) for k in expected} == expected
    assert (found.source_file, found.source_line) == ("c.jsonl", 1)


ARXIV_ROW = {
    "id": "0704.0001",
    "submitter": "Pavel Nadolsky",
    "authors": "C. Bal\\'azs, E. L. Berger, P. M. Nadolsky, C.-P. Yuan",
    "title": "Calculation of prompt diphoton production cross sections at Tevatron and\n"
    "  LHC energies",
    "comments": "37 pages, 15 figures",
    "journal-ref": "Phys.Rev.D76:013009,2007",
    "doi": "10.1103/PhysRevD.76.013009",
    "report-no": None,
    "categories": "hep-ph",
    "license": None,
    "abstract": "  A fully differential calculation in perturbative quantum chromodynamics is\n"
    "presented for the production of massive photon pairs.\n",
    "versions": [
        {"version": "v1", "created": "Mon, 2 Apr 2007 19:18:42 GMT"},
        {"version": "v2", "created": "Tue, 24 Jul 2007 20:10:27 GMT"},
    ],
    "update_date": "2008-11-13",
    "authors_parsed": [
        ["Balázs", "C.", ""],
        ["Berger", "E. L.", ""],
        ["Nadolsky", "P. M.", ""],
        ["Yuan", "C. -P.", ""],
    ],
}


@pytest.mark.parametrize("reader", [read_jsonl, read_json])  # the snapshot ships as .json
def test_arxiv_snapshot(reader) -> None:
    (found,) = only_papers(reader(jsonl(ARXIV_ROW), "s.json"))
    assert found.paper_id == "arxiv:0704.0001"
    assert (
        found.title
        == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    )
    assert found.abstract.startswith(
        "A fully differential calculation in perturbative quantum chromodynamics is presented"
    )
    assert "\n" not in found.abstract
    assert (found.authors_count, found.published) == (4, "2007-04-02")  # v1's date, not update_date
    assert found.metadata["categories"] == "hep-ph"
    assert found.metadata["update_date"] == "2008-11-13"
    assert not {"authors_parsed", "versions", "report-no", "id"} & found.metadata.keys()


def test_csv_with_quoted_multiline_field_reports_row_start_lines() -> None:
    text = (
        "id,Title,abstract,authors,upvotes\n"
        '2305.12345,A,"First line\nsecond line","X, Y",3\n'
        "\n"
        ",B,Plain.,,\n"
    )
    found = only_papers(read_csv(text, "c.csv"))
    assert [(p.title, p.source_line, p.authors_count, p.upvotes) for p in found] == [
        ("A", 2, 2, 3),
        ("B", 5, None, None),
    ]
    assert found[0].paper_id == "arxiv:2305.12345"
    assert found[0].abstract == "First line\nsecond line"


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (
            '[\n  {"title": "A", "abstract": "x"},\n  {"title": "B",\n   "abstract": "y"}\n]\n',
            [2, 3],
        ),
        (
            '{"papers": [\n{"title": "A", "abstract": "x"},\n\n{"title": "B", "abstract": "y"}]}',
            [2, 4],
        ),
        ('{\n  "title": "A",\n  "abstract": "x"\n}\n', [1]),
        ('{"title": "A", "abstract": "x"}\n{"title": "B", "abstract": "y"}\n', [1, 2]),
        ("[]", []),
    ],
)
def test_json_shapes(text: str, lines: list[int]) -> None:
    found = only_papers(read_json(text, "c.json"))
    assert [p.source_line for p in found] == lines


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["A", "B", "C"], 3),
        ("A. Smith, B. Jones and C. Li", 3),
        ("A. Smith, B. Jones, and C. Li", 3),
        ("A. Smith; B. Jones", 2),
        ("Alexandra Anderson", 1),
        ("", None),
        ([], None),
        (None, None),
    ],
)
def test_count_authors(value: object, expected: int | None) -> None:
    assert count_authors(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-05-01", "2023-05-01"),
        ("2023-05-01T12:00:00Z", "2023-05-01"),
        ("Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02"),
        ("Dec 8, 2022", "2022-12-08"),
        ("May 21", None),
        ("2023-02-30", None),
        ("soon", None),
        (20230501, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_folder_of_mixed_formats_with_a_conflicting_duplicate(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.jsonl").write_text(
        jsonl({"id": "2305.12345", "title": "Old", "abstract": "Short.", "upvotes": 4})
    )
    (tmp_path / "sub" / "b.csv").write_text(
        f"arxiv_id,title,abstract\n2305.12345v2,New,{ABSTRACT}\n"
    )
    (tmp_path / "c.txt").write_text(f"Page Paper\n{ABSTRACT}\n")
    (tmp_path / ".hidden.jsonl").write_text("not json\n")  # hidden files are never read
    (tmp_path / "notes.md").write_text("# not a corpus\n")
    result = read_corpus([tmp_path])
    assert result.files == 3
    assert [p.title for p in result.papers] == ["New", "Page Paper"]
    kept = result.papers[0]
    assert (kept.paper_id, kept.abstract, kept.upvotes) == ("arxiv:2305.12345", ABSTRACT, 4)
    assert kept.metadata["duplicate_of"] == [f"{tmp_path}/a.jsonl:1"]
    assert kept.source_file == f"{tmp_path}/sub/b.csv"  # named from the folder as given
