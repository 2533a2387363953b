"""Hugging Face "Daily Papers" pages saved as text -> Papers.

Two layouts occur. Blocks separated by blank lines, one paper being:

    On the Provable Advantage of Unsupervised Pretraining      <- title
    Unsupervised pretraining, which learns ...                 <- abstract
      • 4 authors                                              <- or an organization line
    ·
    Mar 2, 2023 3                                              <- date, then upvotes when any

and a dense one with no metadata: title line, abstract line, title line, ... where the
first title is glued to the page chrome ("SubscribeBeyond Fully-Connected Layers ...").
Any of the metadata lines may be missing. Blank lines carry no meaning in either layout.
"""

from __future__ import annotations

import contextlib
import datetime
import re
from dataclasses import dataclass

from assistant.errors import InputError
from assistant.sources.checks import strip_controls
from assistant.sources.ids import paper_id_for
from assistant.types import Paper

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# Page furniture, compared casefolded and with whitespace collapsed: never a paper.
CHROME_LINES = frozenset(
    {
        "new",
        "subscribe",
        "daily papers",
        "byak and the research community",
        "get trending papers in your email inbox!",
        "get trending papers in your email inbox once a day!",
        "get trending papers in your email inbox",
        "get trending papers in your email inbox once a day",
        "submit",
        "submit paper",
        "submit a paper",
        "search",
        "previous",
        "next",
        "load more",
        "show more",
        "view all",
        "trending",
        "papers",
    }
)
# Chrome that a text dump glues to the first title with no space: "SubscribeBeyond ...".
GLUED_CHROME = (
    "Get trending papers in your email inbox once a day!",
    "Get trending papers in your email inbox!",
    "byAK and the research community",
    "Daily Papers",
    "Subscribe",
)

# "Dec 8, 2022", "May 21", "Sept 3, 2021 12": month, day, optional year, optional upvotes.
_DATE = re.compile(
    r"(?P<month>[A-Za-z]{3,9})\.? (?P<day>\d{1,2})(?:, ?(?P<year>\d{4}))?(?: (?P<upvotes>\d+))?"
)
_AUTHORS = re.compile(r"[•*-]? ?(?P<n>\d+) authors?", re.IGNORECASE)
_SEPARATOR = "·"


def parse_date(text: str) -> tuple[int, int, int | None, int | None] | None:
    """(month, day, year or None, upvotes or None) from a listing's date line, or None.

    "Dec 8, 2022" -> (12, 8, 2022, None);  "May 21 2" -> (5, 21, None, 2);
    "Sept 3" -> (9, 3, None, None);  "Mayday 3" -> None
    """
    match = _DATE.fullmatch(" ".join(text.split()))
    if not match:
        return None
    name = match["month"].lower()
    month = next((i for i, full in enumerate(MONTHS, 1) if full.startswith(name)), None)
    day = int(match["day"])
    if month is None or not 1 <= day <= 31:
        return None
    year = int(match["year"]) if match["year"] else None
    upvotes = int(match["upvotes"]) if match["upvotes"] else None
    return month, day, year, upvotes


def strip_glued_chrome(line: str) -> str:
    """A title line without page chrome stuck to its front.

    "SubscribeBeyond Fully-Connected Layers" -> "Beyond Fully-Connected Layers"
    "Subscribe to Me: A Study" -> unchanged (a space after "Subscribe": a real word of the title)
    """
    stripped = True
    while stripped:
        stripped = False
        for phrase in GLUED_CHROME:
            rest = line[len(phrase) :]
            if line.startswith(phrase) and rest and not rest[0].isspace():
                line, stripped = rest, True
    return line


def is_chrome(line: str) -> bool:
    """Whether a line is page furniture rather than part of a paper."""
    return " ".join(line.split()).casefold() in CHROME_LINES


@dataclass
class _Entry:
    """A paper while its lines are being collected."""

    title: str
    line: int
    abstract: str | None = None
    authors: int | None = None
    organization: str | None = None
    date: tuple[int, int, int | None] | None = None
    date_text: str | None = None
    upvotes: int | None = None


def _collect(text: str) -> list[_Entry]:
    """The entries of one page, in order, with the page chrome dropped."""
    numbered = [(i, line) for i, line in enumerate(text.split("\n"), 1) if line.strip()]
    entries: list[_Entry] = []
    current: _Entry | None = None
    for k, (number, raw) in enumerate(numbered):
        line = " ".join(raw.split())
        if line.startswith(_SEPARATOR):  # "·" alone, or "· Mar 2, 2023" on one line
            line = line[len(_SEPARATOR) :].strip()
        if not line or is_chrome(line):
            continue
        if match := _AUTHORS.fullmatch(line):
            if current is not None:
                current.authors = int(match["n"])
            continue
        if date := parse_date(line):
            # Before the first paper a date is the page's own ("Dec 11"); a second one is noise.
            if current is not None and current.date is None:
                month, day, year, upvotes = date
                current.date, current.date_text = (month, day, year), line
                current.upvotes = upvotes if upvotes is not None else current.upvotes
            continue
        if line.isdigit():  # an upvote count on its own line
            if current is not None and current.upvotes is None:
                current.upvotes = int(line)
            continue
        if current is not None and current.abstract is None:
            current.abstract = line
            continue
        following = " ".join(numbered[k + 1][1].split()) if k + 1 < len(numbered) else ""
        if (
            current is not None
            and following.startswith(_SEPARATOR)
            and current.authors is None
            and current.organization is None
            and current.date is None
        ):
            current.organization = line  # "deepmind Deepmind" stands where "• N authors" would
            continue
        title = strip_glued_chrome(line)
        if is_chrome(title):  # chrome glued to chrome: "SubscribeDaily Papers"
            continue
        current = _Entry(title=title, line=number)
        entries.append(current)
    return entries


def page_year(entries: list[_Entry]) -> int | None:
    """The year the page was saved in, or None when the page gives no clue.

    Hugging Face prints a year only for dates before the current year, so the page's year is
    one after the latest year it prints: dates ["Mar 2, 2023", "Jul 8, 2024", "May 21"] -> 2025.
    """
    years = [e.date[2] for e in entries if e.date and e.date[2] is not None]
    return max(years) + 1 if years else None


def _paper(entry: _Entry, path: str, year: int | None) -> Paper | InputError:
    if not entry.abstract:
        return InputError(path, f"title {entry.title!r} has no abstract after it", entry.line)
    metadata: dict[str, object] = {}
    published = None
    if entry.date:
        month, day, explicit = entry.date
        resolved = explicit or year
        if resolved is not None:
            # "Feb 30", or "Feb 29" in an inferred non-leap year, stays unresolved.
            with contextlib.suppress(ValueError):
                published = datetime.date(resolved, month, day).isoformat()
        if published is None:
            metadata["date_text"] = entry.date_text  # keep what the page said
        elif explicit is None:
            metadata["published_year_inferred"] = True
    if entry.organization:
        metadata["organization"] = entry.organization
    return Paper(
        paper_id=paper_id_for(entry.title),
        title=entry.title,
        abstract=entry.abstract,
        authors_count=entry.authors,
        published=published,
        upvotes=entry.upvotes,
        source_file=path,
        source_line=entry.line,
        metadata=metadata,
    )


def read_daily_papers(text: str, path: str) -> list[Paper | InputError]:
    """The papers of one saved page, in page order, with an InputError for each broken one."""
    entries = _collect(strip_controls(text))  # newlines are kept: line numbers still match
    if not entries:
        return [InputError(path, "no papers found; expected a Hugging Face Daily Papers page")]
    year = page_year(entries)
    return [_paper(entry, path, year) for entry in entries]
