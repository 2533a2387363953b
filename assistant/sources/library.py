"""What the reference-manager readers (BibTeX, RIS, CSL-JSON) share: one Record -> one Paper.

Each reader fills a Record from its own format; `record_paper` checks it and makes the Paper
(or the InputError) the same way for all three: names as "First Last", a full ISO date or
a year, a bare DOI and arXiv id, and an entry without an abstract standing in with its title,
marked metadata["abstract_missing"] (read_corpus counts them, and keeps or skips them).
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.errors import InputError
from assistant.sources.checks import strip_controls
from assistant.sources.daily_papers import MONTHS
from assistant.sources.ids import arxiv_id_of, arxiv_id_of_doi, doi_of, paper_id_for
from assistant.types import Paper

# What to do with a library entry that has no abstract: index it by its title, or leave it out.
MissingAbstract = Literal["title", "skip"]
MISSING_ABSTRACT_CHOICES: tuple[MissingAbstract, ...] = ("title", "skip")


def no_abstract_note(count: int, policy: MissingAbstract) -> str | None:
    """One line for people about the entries without an abstract, or None when there are none.

    (37, "title") -> "37 entries have no abstract: indexed by title only";
    (1, "skip") -> "1 entry has no abstract: skipped";  (0, "title") -> None
    """
    if not count:
        return None
    entries = "1 entry has" if count == 1 else f"{count} entries have"
    done = "indexed by title only" if policy == "title" else "skipped"
    return f"{entries} no abstract: {done}"


# An arXiv id mentioned in free text: "arXiv preprint arXiv:1706.03762", "arxiv.org/abs/...".
_ARXIV_MENTION = re.compile(
    r"(?:arxiv(?:\.org/(?:abs|pdf))?[:/\s.]*|arxiv\.)"
    r"(\d{4}\.\d{4,5}(?:v\d+)?|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b([12]\d{3})\b")
_ISO = re.compile(r"\s*(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")
# Bibliography fields kept in Paper.metadata under these names, whatever the format calls them.
EXTRA_FIELDS = (
    "pages",
    "volume",
    "number",
    "publisher",
    "series",
    "edition",
    "editor",
    "address",
    "organization",
    "school",
    "institution",
    "note",
    "keywords",
    "isbn",
    "issn",
    "primaryclass",
)


@dataclass
class Record:
    """One library entry as its reader found it, before it becomes a Paper."""

    what: str  # how messages name it: "entry 'vaswani2017'", "record", "item 'ITEM-1'"
    line: int
    title: str | None = None
    abstract: str | None = None
    authors: list[str] = field(default_factory=list)
    more_authors: bool = False  # the list ends in "and others" / "et al."
    year: Any = None  # 2017, "2017", "2017/06/12/" ...
    month: Any = None  # 6, "jun", "June" ...
    day: Any = None
    date: Any = None  # "2017-06-12", "2017-06", "2017"
    venue: str | None = None
    doi: str | None = None
    arxiv_id: str | None = None
    arxiv_hints: list[str] = field(default_factory=list)  # free text that may name the id
    url: str | None = None
    citation_key: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


def one_line(text: str | None) -> str:
    """Text on one line with single spaces, control characters gone: " A\\n  B\\x07" -> "A B"."""
    return " ".join(strip_controls(text or "").split())


def paragraphs(text: str | None) -> str:
    """Text with its lines joined and its paragraphs (blank lines) kept: "a\\nb\\n\\nc" -> "a b\\n\\nc"."""
    parts = re.split(r"\n\s*\n", strip_controls(text or ""))
    return "\n\n".join(p for p in (" ".join(part.split()) for part in parts) if p)


def first_last(name: str) -> str:
    """A name written "Last, First" (or "Last, Jr, First") as "First Last"; others unchanged.

    "Vaswani, Ashish" -> "Ashish Vaswani";  "King, Jr., Martin L." -> "Martin L. King Jr.";
    "Google Brain Team" -> "Google Brain Team";  "Hinton, G. E." -> "G. E. Hinton"
    """
    parts = [one_line(p) for p in name.split(",")]
    parts = [p for p in parts if p]
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}"
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]} {parts[1]}"
    return one_line(name)


def month_number(value: object) -> int | None:
    """A month from what bibliographies write: "jan", "January", "1", 6, "Sept." -> its number.

    "jun" -> 6;  "06" -> 6;  "Sept." -> 9;  "13" -> None;  "spring" -> None
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 1 <= value <= 12 else None
    text = str(value or "").strip().strip("{}").strip().lower()
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    word = re.match(r"[a-z]{3,}", text)
    if not word:
        return None
    return next((i for i, full in enumerate(MONTHS, 1) if full.startswith(word.group())), None)


def date_of(record: Record) -> tuple[str | None, int | None, int | None]:
    """(ISO date when the full date is known, year, month) from a record's date fields.

    date "2017-06-12" -> ("2017-06-12", 2017, 6);  year "2017", month "jun" -> (None, 2017, 6);
    year "2017/06/12/" (RIS) -> ("2017-06-12", 2017, 6);  year "in press" -> (None, None, None)
    """
    year = month = day = None
    for value in (record.date, record.year):
        if value is None or year is not None:
            continue
        if match := _ISO.match(str(value)):
            year = int(match[1])
            month = int(match[2]) if match[2] else None
            day = int(match[3]) if match[3] else None
        elif match := _YEAR.search(str(value)):
            year = int(match[1])
    if year is None or not 1000 <= year <= 2999:
        return None, None, None
    month = month or month_number(record.month)
    if month is not None and not 1 <= month <= 12:
        month = day = None
    if day is None and record.day is not None and str(record.day).strip().isdigit():
        day = int(str(record.day).strip())
    published = None
    if month and day:
        with contextlib.suppress(ValueError):
            published = datetime.date(year, month, day).isoformat()
    return published, year, month


def arxiv_mentioned(texts: list[str]) -> str | None:
    """The first arXiv id named in free text, without its version.

    ["arXiv preprint arXiv:1706.03762"] -> "1706.03762";  ["https://arxiv.org/abs/2401.01234v2"]
    -> "2401.01234";  ["Proc. ICML 2017"] -> None
    """
    for text in texts:
        if match := _ARXIV_MENTION.search(text or ""):
            return arxiv_id_of(match.group(1))
    return None


def record_paper(record: Record, path: str) -> Paper | InputError:
    """The Paper of one library entry, or an InputError naming its file and line."""
    if record.title is None:
        return InputError(path, f"{record.what} has no 'title'", record.line)
    title = one_line(record.title)
    if not title:
        return InputError(path, f"{record.what} has a blank 'title' (only whitespace)", record.line)
    metadata = {k: v for k, v in record.metadata.items() if v not in (None, "", [], {})}
    abstract = paragraphs(record.abstract)
    if not abstract:
        abstract = title  # indexed by its title; read_corpus counts it, and may skip it
        metadata["abstract_missing"] = True
    doi = doi_of(record.doi)
    if record.doi and not doi:
        metadata["doi_text"] = record.doi  # not a DOI; kept as written
    arxiv = (
        arxiv_id_of(record.arxiv_id)
        or arxiv_id_of_doi(doi)
        or arxiv_mentioned([record.url or "", *record.arxiv_hints])
    )
    published, year, month = date_of(record)
    if month and not published:
        metadata["month"] = month
    if year is None and (record.year or record.date):
        metadata["date_text"] = str(record.date or record.year)
    authors = tuple(name for name in (one_line(a) for a in record.authors) if name)
    if record.more_authors:
        metadata["more_authors"] = True  # "and others": the count is unknown
    return Paper(
        paper_id=paper_id_for(title, arxiv, doi),
        title=title,
        abstract=abstract,
        authors_count=len(authors) if authors and not record.more_authors else None,
        published=published,
        source_file=path,
        source_line=record.line,
        metadata=metadata,
        authors=authors,
        year=year,
        venue=one_line(record.venue) or None,
        doi=doi,
        arxiv_id=arxiv,
        url=one_line(record.url) or None,
        citation_key=record.citation_key or None,
    )
