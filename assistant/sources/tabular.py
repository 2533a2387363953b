"""JSON lines, JSON and CSV corpora -> Papers, the arXiv metadata snapshot and CSL-JSON included.

A row needs `title` and `abstract` (any case). Recognised optional columns: id / arxiv_id,
authors (a list, or names separated by commas / "and"), authors_count, published / date /
update_date, upvotes. Every other non-empty column is kept in Paper.metadata.
A JSON object that is a CSL-JSON item (a Zotero or Mendeley export) is read by csl.py.
"""

from __future__ import annotations

import csv
import datetime
import email.utils
import io
import json
import re
from typing import Any

from assistant.errors import InputError
from assistant.sources.checks import strip_controls
from assistant.sources.csl import csl_paper, is_csl_item
from assistant.sources.daily_papers import parse_date
from assistant.sources.ids import arxiv_id_of, paper_id_for
from assistant.types import Paper

ID_KEYS = ("arxiv_id", "id")
DATE_KEYS = ("published", "date", "update_date")
# Keys only the arXiv metadata snapshot has; any one of them next to "id" identifies it.
ARXIV_SNAPSHOT_KEYS = frozenset({"categories", "update_date", "versions", "authors_parsed"})
# A JSON document may hold its rows under one of these keys: {"papers": [...]}.
WRAPPER_KEYS = ("papers", "data", "rows", "records", "items")

_AUTHOR_SEPARATOR = re.compile(r",|;|\band\b|&")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?")


def count_authors(value: Any) -> int | None:
    """How many authors a list or a name string holds, or None for nothing.

    ["A. Vaswani", "N. Shazeer"] -> 2;  "A. Smith, B. Jones and C. Li" -> 3;  "" -> None
    """
    if isinstance(value, list):
        return len(value) or None
    if not isinstance(value, str):
        return None
    names = [n for n in _AUTHOR_SEPARATOR.split(value) if n.strip()]
    return len(names) or None


def iso_date(value: Any) -> str | None:
    """An ISO "YYYY-MM-DD" from the date forms corpora use, or None when it is not one.

    "2023-05-01T12:00:00Z" -> "2023-05-01";  "Mon, 2 Apr 2007 19:18:42 GMT" -> "2007-04-02";
    "Dec 8, 2022" -> "2022-12-08";  "May 21" -> None (no year);  "soon" -> None
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        if match := _ISO_DATE.fullmatch(text):
            return datetime.date(*map(int, match.groups())).isoformat()
        if parsed := parse_date(text):
            month, day, year, _ = parsed
            return datetime.date(year, month, day).isoformat() if year else None
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def _count(row: dict[str, Any], key: str, path: str, line: int) -> int | None:
    """A non-negative whole number from an optional column, or an InputError saying why not."""
    value = row.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # JSON writers may say 3.0
    text = str(value).strip()
    # isascii: "²".isdigit() is True but int("²") fails
    if isinstance(value, bool) or not (text.isascii() and text.isdigit()):
        raise InputError(path, f"'{key}' is not a whole number: {value!r}", line)
    return int(text)


def row_to_paper(raw: dict[Any, Any], path: str, line: int) -> Paper:
    """A Paper from one JSON object or CSV row; InputError (file and line) when it lacks one."""
    row = {str(k).strip().lower(): v for k, v in raw.items() if k is not None}
    if row.get("title") is None:
        raise InputError(path, "row has no 'title'", line)
    # A title never means its line breaks; control characters mean nothing anywhere.
    title = " ".join(strip_controls(str(row["title"])).split())
    if not title:
        raise InputError(path, "row has a blank 'title' (only whitespace)", line)
    abstract = "" if row.get("abstract") is None else strip_controls(str(row["abstract"]))
    if not abstract.strip():
        raise InputError(path, "row has no 'abstract'", line)
    snapshot = "id" in row and bool(ARXIV_SNAPSHOT_KEYS & row.keys())
    # The snapshot hard-wraps abstracts at ~80 columns; elsewhere a line break may be a paragraph.
    abstract = " ".join(abstract.split()) if snapshot else abstract.strip()

    used = {"title", "abstract", "authors_count", "upvotes", "authors_parsed"}
    arxiv_id = None
    for key in ID_KEYS:
        if arxiv_id_of(row.get(key)):
            arxiv_id = row[key]
            used.add(key)
            break
    authors_count = _count(row, "authors_count", path, line)
    if authors_count is None:
        authors_count = count_authors(row.get("authors"))
        if authors_count is None and isinstance(row.get("authors_parsed"), list):
            authors_count = len(row["authors_parsed"]) or None
    published = None
    versions = row.get("versions")
    if snapshot and isinstance(versions, list) and versions and isinstance(versions[0], dict):
        published = iso_date(versions[0].get("created"))  # v1's date is when it was published
        if published:
            used.add("versions")
    for key in DATE_KEYS:
        if published is None and (published := iso_date(row.get(key))):
            used.add(key)
    metadata = {k: v for k, v in row.items() if k not in used and v not in (None, "", [], {})}
    return Paper(
        paper_id=paper_id_for(title, arxiv_id),
        title=title,
        abstract=abstract,
        authors_count=authors_count,
        published=published,
        upvotes=_count(row, "upvotes", path, line),
        source_file=path,
        source_line=line,
        metadata=metadata,
    )


def _json_error(exc: json.JSONDecodeError, path: str, line: int) -> InputError:
    """An error like "not valid JSON: Unterminated string starting at column 18"."""
    reason = exc.msg.removesuffix(" at")  # some messages end "... at", waiting for a position
    return InputError(path, f"not valid JSON: {reason} at column {exc.colno}", line)


def _row(obj: Any, path: str, line: int, json_item: bool = True) -> Paper | InputError:
    if not isinstance(obj, dict):
        return InputError(path, f"expected a JSON object, got {type(obj).__name__}", line)
    if json_item and is_csl_item(obj):  # Zotero's and Mendeley's CSL-JSON export
        return csl_paper(obj, path, line)
    try:
        return row_to_paper(obj, path, line)
    except InputError as exc:
        return exc


def read_jsonl(text: str, path: str) -> list[Paper | InputError]:
    """One paper per non-blank line of JSON; a broken line is an error, not the end of the file."""
    out: list[Paper | InputError] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(_json_error(exc, path, number))
            continue
        out.append(_row(obj, path, number))
    return out


def _read_array(text: str, start: int, path: str) -> list[Paper | InputError]:
    """The objects of the JSON list opening at text[start], each with the line it starts on."""
    decoder = json.JSONDecoder()
    out: list[Paper | InputError] = []
    i, line, counted = start + 1, 1 + text.count("\n", 0, start), start

    def skip_space(j: int) -> int:
        while j < len(text) and text[j].isspace():
            j += 1
        return j

    while True:
        i = skip_space(i)
        line, counted = line + text.count("\n", counted, i), i
        if i >= len(text) or text[i] == "]":
            break
        try:
            obj, i = decoder.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            out.append(_json_error(exc, path, exc.lineno))
            return out
        out.append(_row(obj, path, line))
        i = skip_space(i)
        if i < len(text) and text[i] == ",":
            i += 1
        elif i >= len(text) or text[i] != "]":
            where = 1 + text.count("\n", 0, i)
            message = "not valid JSON: expected ',' or ']' after a list item"
            out.append(InputError(path, message, where))
            return out
    if i >= len(text):
        out.append(InputError(path, "not valid JSON: the list is never closed with ']'", line))
    return out


def read_json(text: str, path: str) -> list[Paper | InputError]:
    """Papers from a .json file: a list of objects, {"papers": [...]}, one object, or JSON lines."""
    start = len(text) - len(text.lstrip())
    first_line = text[start:].split("\n", 1)[0].strip()
    if first_line.startswith("{") and first_line.endswith("}"):
        return read_jsonl(text, path)  # the arXiv snapshot is JSON lines named .json
    if text.startswith("[", start):
        return _read_array(text, start, path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return [_json_error(exc, path, exc.lineno)]
    if isinstance(doc, dict):
        for key in WRAPPER_KEYS:
            opening = re.search(rf'"{key}"\s*:\s*\[', text, re.IGNORECASE)
            if isinstance(doc.get(key), list) and opening:
                return _read_array(text, opening.end() - 1, path)
    return [_row(doc, path, 1 + text.count("\n", 0, start))]


def read_csv(text: str, path: str) -> list[Paper | InputError]:
    """One paper per CSV row under a header naming at least `title` and `abstract`."""
    # strict: a quote left open (a file cut short) is an error, not an abstract running to EOF.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    out: list[Paper | InputError] = []
    previous = 0  # the last line of the last row read
    try:
        header: list[str] = []
        while not any(cell.strip() for cell in header):
            header, previous = next(reader), reader.line_num
        header_line = reader.line_num
        names = [h.strip().lower() for h in header]
        missing = [f"'{c}'" for c in ("title", "abstract") if c not in names]
        if missing:
            found = ", ".join(repr(h) for h in header)
            message = f"CSV has no {' or '.join(missing)} column (header: {found})"
            return [InputError(path, message, header_line)]
        for cells in reader:
            start, previous = previous + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) > len(names):
                message = f"row has {len(cells)} fields but the header has {len(names)}"
                out.append(InputError(path, message, start))
                continue
            row = dict(zip(names, cells, strict=False))
            out.append(_row(row, path, start, json_item=False))
    except StopIteration:
        return [InputError(path, "CSV has no header row")]
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            reason = "a quoted field starting in this row is never closed (is the file cut short?)"
        # The row's first line: an open quote swallows every line after it.
        out.append(InputError(path, f"not valid CSV: {reason}", previous + 1))
    return out
