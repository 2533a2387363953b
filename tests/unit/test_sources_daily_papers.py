"""Hugging Face Daily Papers page dumps: both layouts, chrome, dates, upvotes."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.sources.daily_papers import parse_date, read_daily_papers, strip_glued_chrome
from assistant.types import Paper

CHROME = [
    "new",
    "Get trending papers in your email inbox!",
    "Subscribe",
    "Daily Papers",
    "byAK and the research community",
    "Dec 11",
]
ABSTRACT = "We study a thing and find that it works well on several benchmarks."


def page(*lines: str, blank: bool = True) -> str:
    """Page text from its lines, blank-line separated like the block layout when `blank`."""
    return ("\n\n" if blank else "\n").join(lines)


def papers(text: str) -> list[Paper]:
    found = read_daily_papers(text, "page.txt")
    assert all(isinstance(p, Paper) for p in found), found
    return found  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            page(*CHROME, "Title A", ABSTRACT, "  • 4 authors\n·\nMar 2, 2023"),
            {
                "title": "Title A",
                "authors_count": 4,
                "published": "2023-03-02",
                "upvotes": None,
                "source_line": 13,
                "metadata": {},
            },
        ),
        # upvotes after the date on the same line, or on a line of their own
        (
            page("Title A", ABSTRACT, "  • 12 authors\n·\nJul 8, 2024 3"),
            {"authors_count": 12, "published": "2024-07-08", "upvotes": 3},
        ),
        (
            page("Title A", ABSTRACT, "  • 1 authors\n·\nJul 8, 2024", "41"),
            {"authors_count": 1, "upvotes": 41},
        ),
        # an organization stands where the author count would be
        (
            page("Title A", ABSTRACT, "deepmind Deepmind\n·\nNov 4, 2024 2"),
            {
                "authors_count": None,
                "upvotes": 2,
                "metadata": {"organization": "deepmind Deepmind"},
            },
        ),
        # any metadata line may be missing
        (
            page("Title A", ABSTRACT, "·\nMar 2, 2023"),
            {"authors_count": None, "published": "2023-03-02"},
        ),
        (page("Title A", ABSTRACT, "  • 4 authors"), {"authors_count": 4, "published": None}),
        (page("Title A", ABSTRACT), {"title": "Title A", "abstract": ABSTRACT, "published": None}),
        # whitespace inside a line is collapsed; the line number is the title's, blank lines counted
        ("\n\n  Title   A \n" + ABSTRACT, {"title": "Title A", "source_line": 3}),
    ],
)
def test_block_layout(text: str, expected: dict[str, object]) -> None:
    (found,) = papers(text)
    assert {k: getattr(found, k) for k in expected} == expected
    assert found.source_file == "page.txt"


def test_papers_without_metadata_between_papers_with_it() -> None:
    text = page(
        "A",
        ABSTRACT,
        "B",
        ABSTRACT + " B.",
        "C",
        ABSTRACT + " C.",
        "  • 3 authors\n·\nAug 20, 2024 1",
        "D",
        ABSTRACT + " D.",
        "  • 2 authors\n·\nMay 3, 2023",
    )
    found = papers(text)
    assert [(p.title, p.authors_count, p.published) for p in found] == [
        ("A", None, None),
        ("B", None, None),
        ("C", 3, "2024-08-20"),
        ("D", 2, "2023-05-03"),
    ]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        # no year shown = the page's year = one after the latest year the page shows
        (["Mar 2, 2023", "May 21"], [("2023-03-02", False), ("2024-05-21", True)]),
        (
            ["May 21 2", "Dec 17, 2024", "Jan 23"],
            [("2025-05-21", True), ("2024-12-17", False), ("2025-01-23", True)],
        ),
        (
            ["Feb 29", "Jan 1, 2023"],
            [("2024-02-29", True), ("2023-01-01", False)],
        ),  # 2024 is a leap year
        # no year anywhere on the page: nothing to infer from, so the page's words are kept
        (["May 21"], [(None, "May 21")]),
        (
            ["Feb 29", "Jan 1, 2022"],
            [(None, "Feb 29"), ("2022-01-01", False)],
        ),  # 2023 has no Feb 29
    ],
)
def test_year_inference(dates: list[str], expected: list[tuple[str | None, object]]) -> None:
    text = page(*(f"Title {i}\n{ABSTRACT}\n  • 2 authors\n·\n{d}" for i, d in enumerate(dates)))
    got = []
    for p in papers(text):
        flag = p.metadata.get("published_year_inferred", False)
        got.append((p.published, p.metadata["date_text"] if p.published is None else flag))
    assert got == expected


def test_dense_layout_with_title_glued_to_chrome() -> None:
    text = page(
        "Get trending papers in your email inbox once a day!",
        "Get trending papers in your email inbox!",
        "SubscribeBeyond Fully-Connected Layers with Quaternions",
        "Recent works have demonstrated reasonable success of hypercomplex layers.",
        "CAT-SAM: Conditional Tuning",
        "The recent Segment Anything Model has demonstrated zero-shot capability.",
        blank=False,
    )
    found = papers(text)
    assert [(p.title, p.source_line) for p in found] == [
        ("Beyond Fully-Connected Layers with Quaternions", 3),
        ("CAT-SAM: Conditional Tuning", 5),
    ]
    assert found[1].abstract.startswith("The recent Segment Anything")
    assert all(p.authors_count is None and p.published is None and p.upvotes is None for p in found)


@pytest.mark.parametrize(
    "chrome",
    [
        *CHROME,
        "Get trending papers in your email inbox once a day!",
        "DAILY  PAPERS",
        "SubscribeNew",
    ],
)
def test_chrome_is_never_a_paper(chrome: str) -> None:
    for blank in (True, False):
        found = papers(page(chrome, "Title A", ABSTRACT, chrome, "Title B", ABSTRACT, blank=blank))
        assert [p.title for p in found] == ["Title A", "Title B"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("SubscribeBeyond Fully-Connected Layers", "Beyond Fully-Connected Layers"),
        ("Daily PapersSubscribeTitle", "Title"),
        ("SubscribeDaily Papers", "Daily Papers"),  # then dropped as chrome by the reader
        ("Get trending papers in your email inbox!Title", "Title"),
        ("Subscribe to Me: A Study", "Subscribe to Me: A Study"),  # a space: part of the title
        ("Subscribe", "Subscribe"),
        ("A Title", "A Title"),
    ],
)
def test_strip_glued_chrome(line: str, expected: str) -> None:
    assert strip_glued_chrome(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dec 8, 2022", (12, 8, 2022, None)),
        ("May 21", (5, 21, None, None)),
        ("May 21 2", (5, 21, None, 2)),
        ("Aug 23, 2024 14", (8, 23, 2024, 14)),
        ("Sept 3", (9, 3, None, None)),
        ("September 3, 2021", (9, 3, 2021, None)),
        ("Mayday 3", None),
        ("Dec 32", None),
        ("A Title", None),
    ],
)
def test_parse_date(text: str, expected: tuple[int, int, int | None, int | None] | None) -> None:
    assert parse_date(text) == expected


def test_title_without_abstract_is_an_error_naming_its_line() -> None:
    found = read_daily_papers(
        page("Good", ABSTRACT, "Lonely title\n  • 2 authors\n·\nMar 2, 2023"), "p.txt"
    )
    assert isinstance(found[0], Paper)
    assert isinstance(found[1], InputError)
    assert str(found[1]).startswith("p.txt:5: ")
    assert "no abstract" in str(found[1])


def test_page_with_only_chrome_is_an_error() -> None:
    (found,) = read_daily_papers(page(*CHROME), "p.txt")
    assert isinstance(found, InputError)
    assert "no papers found" in str(found)
