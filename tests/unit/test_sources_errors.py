"""Bad corpus input: every problem is an InputError naming the file and, when known, the line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.sources import read_corpus

PAGE = "Title A\nWe study a thing and find that it works.\n\nTitle B\nAnother abstract here.\n"
GOOD = '{"title": "Good", "abstract": "A fine abstract."}\n'

BAD_INPUTS = [
    # (file name, bytes, expected line, words the message must contain)
    ("empty.txt", b"", None, "empty file"),
    ("blank.jsonl", b"  \n\n\t\n", None, "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file, not text"),
    ("controls.csv", bytes(range(1, 32)) * 20, None, "binary file, not text"),
    ("utf16-no-bom.txt", PAGE.encode("utf-16-le"), None, "binary file, not text"),
    ("latin1.txt", "Title A\nAbstract with café.\n".encode("latin-1"), 2, "not UTF-8 (latin-1?)"),
    (
        "latin1.csv",
        "title,abstract\nA,ok\nB,na\xefve\n".encode("latin-1"),
        3,
        "not UTF-8 (latin-1?)",
    ),
    ("truncated.jsonl", (GOOD + '{"title": "Cut", "abstr').encode(), 2, "not valid JSON"),
    (
        "array.json",
        b'[\n{"title": "A", "abstract": "x"},\n{"title": "B", "abs\n',
        3,
        "not valid JSON",
    ),
    (
        "no-abstract.jsonl",
        (GOOD * 2 + '{"title": "No abstract"}\n').encode(),
        3,
        "row has no 'abstract'",
    ),
    ("blank-abstract.csv", b"title,abstract\nA,ok\nB,  \n", 3, "row has no 'abstract'"),
    ("space-title.csv", b"title,abstract\nA,ok\n   ,orphan abstract\n", 3, "blank 'title'"),
    ("space-title.jsonl", b'{"title": " \\n ", "abstract": "x"}\n', 1, "blank 'title'"),
    ("no-title.jsonl", b'{"abstract": "x"}\n', 1, "row has no 'title'"),
    ("columns.csv", b"name,summary\nA,x\n", 1, "no 'title' or 'abstract' column"),
    ("wide.csv", b"title,abstract\nA,x,extra\n", 2, "row has 3 fields but the header has 2"),
    (
        "upvotes.jsonl",
        b'{"title": "A", "abstract": "x", "upvotes": "many"}\n',
        1,
        "'upvotes' is not a whole number",
    ),
    ("list.jsonl", b'["title", "abstract"]\n', 1, "expected a JSON object"),
    ("orphan.txt", b"Title without abstract\n", 1, "has no abstract"),
    ("paper.pdf", b"%PDF-1.4", None, "unsupported file type .pdf"),
]


@pytest.mark.parametrize(
    ("name", "data", "line", "words"), BAD_INPUTS, ids=[c[0] for c in BAD_INPUTS]
)
def test_bad_input_names_file_and_line(
    tmp_path: Path, name: str, data: bytes, line: int | None, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_corpus([path])
    where = f"{path}:{line}: " if line is not None else f"{path}: "
    assert str(caught.value).startswith(where), str(caught.value)
    assert words in caught.value.reason
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_text_with_a_byte_order_mark_is_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(bom + PAGE.replace("\n", "\r\n").encode(encoding))
    table = tmp_path / "rows.csv"
    table.write_bytes(bom + "title,abstract\r\nCafé,Naïve abstract.\r\n".encode(encoding))
    result = read_corpus([page, table])
    assert [(p.title, p.source_line) for p in result.papers] == [
        ("Title A", 1),
        ("Title B", 4),
        ("Café", 2),
    ]
    assert result.papers[0].abstract == "We study a thing and find that it works."


def make_folder(root: Path) -> Path:
    """A folder of good rows, bad rows and bad files, read in sorted path order."""
    (root / "a.jsonl").write_text(
        GOOD + '{"title": "Cut", "abstr\n' + '{"title": "Also good", "abstract": "Yes."}\n'
    )
    (root / "b.txt").write_bytes(b"\x00\x01binary")
    (root / "c.csv").write_text("title,abstract\n   ,x\nKept,Fine.\n")
    (root / "d.csv").write_text("")
    return root


def test_skip_bad_collects_every_problem_and_keeps_the_good_rows(tmp_path: Path) -> None:
    root = make_folder(tmp_path)
    result = read_corpus([root], skip_bad=True)
    assert [p.title for p in result.papers] == ["Good", "Also good", "Kept"]
    assert [str(e) for e in result.skipped] == [
        f"{root}/a.jsonl:2: not valid JSON: Unterminated string starting at column 18",
        f"{root}/b.txt: binary file, not text",
        f"{root}/c.csv:2: row has a blank 'title' (only whitespace)",
        f"{root}/d.csv: empty file",
    ]
    assert result.files == 4


def test_without_skip_bad_the_first_problem_raises(tmp_path: Path) -> None:
    root = make_folder(tmp_path)
    with pytest.raises(InputError, match=r"a\.jsonl:2: not valid JSON"):
        read_corpus([root])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda root: root / "missing.jsonl", "no such file or folder"),
        (lambda root: root, "folder has no .txt, .jsonl, .json, .csv, .bib, .ris files"),
    ],
)
def test_paths_that_hold_no_corpus(tmp_path: Path, make, words: str) -> None:
    path = make(tmp_path)
    with pytest.raises(InputError, match=words):
        read_corpus([path])
    assert [e.path for e in read_corpus([path], skip_bad=True).skipped] == [str(path)]


def test_a_single_path_is_not_split_into_characters(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text(GOOD)
    assert [p.title for p in read_corpus(str(tmp_path / "c.jsonl")).papers] == ["Good"]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("page.txt", "Title A\nIt makes inference 50\\% faster for R\\&D \\#1 at $O(n)$ cost.\n"),
        (
            "rows.csv",
            'title,abstract\nTitle A,"It makes inference 50\\% faster for R\\&D \\#1 at $O(n)$ cost."\n',
        ),
    ],
)
def test_tex_escapes_copied_from_arxiv_read_as_characters(
    tmp_path: Path, name: str, text: str
) -> None:
    # The answer quotes the abstract: "50%" is what a reader expects (and searches for).
    (tmp_path / name).write_text(text, encoding="utf-8")
    (paper,) = read_corpus(tmp_path / name).papers
    assert paper.abstract == "It makes inference 50% faster for R&D #1 at $O(n)$ cost."


def test_tex_escapes_in_a_title_read_as_characters(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_text("Q\\&A at 90\\% Recall\nAn abstract.\n", encoding="utf-8")
    (paper,) = read_corpus(tmp_path / "page.txt").papers
    assert paper.title == "Q&A at 90% Recall"
