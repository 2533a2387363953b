"""Metadata limits on what is retrieved, validated once for the API, the CLI and the UI."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, fields
from typing import Any

from .chunking import AUTHOR_SEPARATOR, filter_fields
from .errors import AssistantError
from .types import Paper, published_ordinal

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2}))?")


def parse_date(value: str | None, *, end: bool = False, name: str = "date") -> str | None:
    """An ISO date ("YYYY-MM-DD") from a user's date, or None for an empty one.

    A year or a month stands for its first day, or with `end` its last: the limits are
    inclusive, so `--before 2023` keeps all of 2023. Anything else is an AssistantError that
    names the setting.

    >>> parse_date("2024-02-29"), parse_date("2023", end=True), parse_date("2024-02", end=True)
    ('2024-02-29', '2023-12-31', '2024-02-29')
    >>> parse_date("2024-13-45", name="--after")
    Traceback (most recent call last):
    ...
    assistant.errors.AssistantError: --after '2024-13-45' is not a date: use YYYY-MM-DD (or YYYY, YYYY-MM)
    """
    text = (value or "").strip()
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        partial = _PARTIAL.fullmatch(text)
        if partial:
            year = int(partial.group(1))
            month = int(partial.group(2) or (12 if end else 1))
            day = calendar.monthrange(year, month)[1] if end else 1
            return dt.date(year, month, day).isoformat()
    except ValueError:
        pass
    raise AssistantError(f"{name} {text!r} is not a date: use YYYY-MM-DD (or YYYY, YYYY-MM)")


def _count(value: Any, name: str) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        raise AssistantError(f"{name} {value!r} is not a whole number")
    if value < 0:
        raise AssistantError(f"{name} {value!r} cannot be negative")
    return int(value)


def _name(value: Any, name: str) -> str | None:
    """A name limit as given, trimmed; None for an empty one."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise AssistantError(f"{name} {value!r} is not text")
    return " ".join(value.split()) or None


def fold(text: str) -> str:
    """Text as names are compared: without case or accents.

    >>> fold("Gödel"), fold("KÜTTLER")
    ('godel', 'kuttler')
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _names(value: Any) -> list[str]:
    """A paper's names from its metadata: a joined string (chunks) or a list."""
    if isinstance(value, str):
        return value.split(AUTHOR_SEPARATOR)
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return []


@dataclass(frozen=True)
class Filters:
    """Optional metadata limits on what is retrieved (dates inclusive).

    Dates are checked and normalised when the Filters is made, whoever makes it:
    Filters(published_after="2023") keeps papers from 2023-01-01 on; "2024-13-45" is refused.
    `author` and `venue` keep papers with an author name or a venue containing that text,
    ignoring case and accents: Filters(author="hinton") keeps "Geoffrey E. Hinton"'s papers.
    """

    published_after: str | None = None
    published_before: str | None = None
    min_authors: int | None = None
    max_authors: int | None = None
    author: str | None = None
    venue: str | None = None

    def __post_init__(self) -> None:
        after = parse_date(self.published_after, name="published_after (--after)")
        before = parse_date(self.published_before, end=True, name="published_before (--before)")
        low = _count(self.min_authors, "min_authors (--min-authors)")
        high = _count(self.max_authors, "max_authors (--max-authors)")
        if after and before and after > before:
            raise AssistantError(f"the date range is empty: after {after} but before {before}")
        if low is not None and high is not None and low > high:
            raise AssistantError(f"min_authors {low} is more than max_authors {high}")
        for name, value in (
            ("published_after", after),
            ("published_before", before),
            ("min_authors", low),
            ("max_authors", high),
            ("author", _name(self.author, "author (--author)")),
            ("venue", _name(self.venue, "venue (--venue)")),
        ):
            object.__setattr__(self, name, value)

    def where(self) -> dict[str, tuple[str, Any]]:
        """The limits as {field: (op, value)} for the dense index.

        >>> Filters(published_after="2020-01-01", min_authors=3).where()
        {'published_ord': ('>=', 20200101), 'authors_count': ('>=', 3)}
        """
        out: dict[str, tuple[str, Any]] = {}
        after, before = (
            published_ordinal(self.published_after),
            published_ordinal(self.published_before),
        )
        if after is not None:
            out["published_ord"] = (">=", after)
        if before is not None:
            # Chroma takes one condition per key through this path; the other bound of a pair
            # is applied by `accepts` on every hit.
            out.setdefault("published_ord", ("<=", before))
        if self.min_authors is not None:
            out["authors_count"] = (">=", self.min_authors)
        elif self.max_authors is not None:
            out["authors_count"] = ("<=", self.max_authors)
        return out

    @property
    def by_name(self) -> bool:
        """Whether an author or venue limit is set: those the dense index cannot apply itself
        (Chroma matches no substrings of metadata), so retrieval narrows the papers first."""
        return self.author is not None or self.venue is not None

    def accepts(self, meta: dict[str, Any]) -> bool:
        """Whether a paper's or chunk's metadata passes every limit (a missing field fails a set
        limit). Metadata holds "published" (ISO) and/or "published_ord", "authors_count", and
        "authors" (names joined by "; ") and "venue" (see `chunking.filter_fields`).

        >>> Filters(min_authors=3).accepts({"authors_count": 5}), Filters("2024").accepts({})
        (True, False)
        >>> Filters(author="hinton").accepts({"authors": "Geoffrey E. Hinton; Yann LeCun"})
        True
        >>> Filters(venue="neurips").accepts({}), Filters(venue="ICML").accepts({"venue": "ICML"})
        (False, True)
        """
        ordinal = meta.get("published_ord")
        if ordinal is None:
            ordinal = published_ordinal(meta.get("published"))
        authors = meta.get("authors_count")
        after, before = (
            published_ordinal(self.published_after),
            published_ordinal(self.published_before),
        )
        checks = [
            after is None or (ordinal is not None and ordinal >= after),
            before is None or (ordinal is not None and ordinal <= before),
            self.min_authors is None or (authors is not None and authors >= self.min_authors),
            self.max_authors is None or (authors is not None and authors <= self.max_authors),
            self.author is None
            or any(fold(self.author) in fold(n) for n in _names(meta.get("authors"))),
            self.venue is None or fold(self.venue) in fold(str(meta.get("venue") or "")),
        ]
        return all(checks)

    def accepts_paper(self, paper: Paper) -> bool:
        """Whether a paper passes every limit, read as its chunks carry it."""
        return self.accepts(filter_fields(paper))

    def describe(self) -> str:
        """The active limits in words, "" when there are none.

        >>> Filters("2023-01-01", min_authors=3).describe()
        'since 2023-01-01, 3+ authors'
        >>> Filters(author="Hinton", venue="NeurIPS").describe()
        "by an author named 'Hinton', in a venue named 'NeurIPS'"
        """
        bits = []
        if self.published_after:
            bits.append(f"since {self.published_after}")
        if self.published_before:
            bits.append(f"until {self.published_before}")
        if self.min_authors is not None and self.max_authors is not None:
            bits.append(f"{self.min_authors}-{self.max_authors} authors")
        elif self.min_authors is not None:
            bits.append(f"{self.min_authors}+ authors")
        elif self.max_authors is not None:
            bits.append(f"at most {self.max_authors} authors")
        if self.author is not None:
            bits.append(f"by an author named {self.author!r}")
        if self.venue is not None:
            bits.append(f"in a venue named {self.venue!r}")
        return ", ".join(bits)

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) is not None for f in fields(self))


def parse_count(value: str | float | None, name: str = "count") -> int | None:
    """An author-count limit from a text box or a number: empty means none.

    >>> parse_count(" 3 "), parse_count(""), parse_count(None), parse_count(2.0)
    (3, None, None, 2)
    >>> parse_count("three", name="Min authors")
    Traceback (most recent call last):
    ...
    assistant.errors.AssistantError: Min authors 'three' is not a whole number
    """
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number: float = int(text)
        except ValueError:
            raise AssistantError(f"{name} {text!r} is not a whole number") from None
        return _count(number, name)
    return _count(value, name)


# A filter form's boxes, as the Filters fields they fill.
FORM_FIELDS = (
    "published_after",
    "published_before",
    "min_authors",
    "max_authors",
    "author",
    "venue",
)


def filters_from_form(
    values: dict[str, str | None], labels: dict[str, str] | None = None
) -> tuple[Filters, dict[str, str]]:
    """The Filters a form's boxes ask for (an empty box means any), and an error for each box
    with a bad value, named by its label. A bad box is left out of the Filters; an empty range
    is the error of its second box.

    >>> filters_from_form({"min_authors": "3", "published_after": "2023"})[0].describe()
    'since 2023-01-01, 3+ authors'
    >>> filters_from_form({"min_authors": "x", "max_authors": "2"}, {"min_authors": "Min"})[1]
    {'min_authors': "Min 'x' is not a whole number"}
    >>> filters_from_form({"min_authors": "5", "max_authors": "2"})[1]
    {'max_authors': 'min_authors 5 is more than max_authors 2'}
    """
    names = labels or {}
    good: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in FORM_FIELDS:
        value = values.get(name)
        label = names.get(name, name)
        try:
            if name in ("published_after", "published_before"):
                good[name] = parse_date(value, end=name == "published_before", name=label)
            elif name in ("min_authors", "max_authors"):
                good[name] = parse_count(value, label)
            else:
                good[name] = _name(value, label)
        except AssistantError as exc:
            errors[name] = str(exc)
    for low, high in (("published_after", "published_before"), ("min_authors", "max_authors")):
        try:
            Filters(**{low: good.get(low), high: good.get(high)})
        except AssistantError as exc:
            errors[high] = str(exc)
            good[high] = None
    return Filters(**{k: v for k, v in good.items() if k not in errors}), errors
