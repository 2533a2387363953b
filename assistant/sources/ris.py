"""RIS (.ris) exports, from publishers, search engines, EndNote, Mendeley and Zotero -> Papers.

    TY  - JOUR
    TI  - Attention Is All You Need
    AU  - Vaswani, Ashish
    AU  - Shazeer, Noam
    PY  - 2017/06/12/
    T2  - Advances in Neural Information Processing Systems
    DO  - 10.48550/arXiv.1706.03762
    UR  - https://arxiv.org/abs/1706.03762
    AB  - The dominant sequence transduction models are based on ...
    ER  -

This module finds the records (TY ... ER) and their lines itself, so that a record cut short
is an error at its line rather than silently dropped; rispy reads each record's tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from assistant.errors import InputError
from assistant.sources.library import Record, first_last, record_paper
from assistant.types import Paper

# "TY  - JOUR" is the standard; one space either side of the dash occurs in the wild.
_TAG = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: (.*))?")
# RIS reference types as BibTeX entry types, for export.
ENTRY_TYPES = {
    "JOUR": "article",
    "EJOUR": "article",
    "MGZN": "article",
    "JFULL": "article",
    "CONF": "inproceedings",
    "CPAPER": "inproceedings",
    "BOOK": "book",
    "EBOOK": "book",
    "EDBOOK": "book",
    "CHAP": "incollection",
    "ECHAP": "incollection",
    "RPRT": "techreport",
    "THES": "phdthesis",
}
# Where the venue is, in order: full journal name, journal, secondary title, abbreviations.
VENUE_KEYS = (
    "alternate_title3",
    "journal_name",
    "secondary_title",
    "alternate_title1",
    "alternate_title2",
)
# A record ID that can serve as a citation key: "vaswani2017attention", not "12345".
_KEY_LIKE = re.compile(r"[A-Za-z][\w:.\-+/]*")


def split_records(text: str, path: str) -> Iterator[tuple[int, list[str]] | InputError]:
    """(line of TY, the record's lines in rispy's form) per record, or an InputError.

    Text outside records (a publisher's "Provider: ..." header) is ignored; a record that
    never reaches its "ER  -" line is an error at its "TY" line.
    """
    start: int | None = None
    lines: list[str] = []
    for number, raw in enumerate(text.split("\n"), 1):
        match = _TAG.fullmatch(raw.rstrip())
        tag, content = (match.group(1), (match.group(2) or "").strip()) if match else (None, "")
        if tag == "TY":
            if start is not None:
                message = f"record has no 'ER  -' line before the next 'TY  -' at line {number}"
                yield InputError(path, message, start)
            start, lines = number, [f"TY  - {content}"]
        elif start is None:
            if tag is not None and tag != "ER":
                yield InputError(
                    path, f"'{tag}' line outside a record (no 'TY  -' before it)", number
                )
        elif tag == "ER":
            yield start, [*lines, "ER  - "]
            start = None
        else:
            lines.append(f"{tag}  - {content}" if tag else raw.strip())
    if start is not None:
        message = "record is cut short: no 'ER  -' line ends it (is the file truncated?)"
        yield InputError(path, message, start)


def _text(value: Any) -> str | None:
    """A tag's value as one string: lists (repeated tags) joined."""
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value if str(v).strip())
    return str(value) if value not in (None, "") else None


def ris_record(fields: dict[str, Any], line: int) -> Record:
    """A Record from the tags rispy read for one RIS record."""
    unknown = fields.get("unknown_tag") or {}
    key = _text(fields.get("id"))
    record = Record(what=f"record {key!r}" if key else "record", line=line)
    titles = [
        fields.get("title"),
        fields.get("primary_title"),
        *unknown.get("CT", []),
        *unknown.get("BT", []),
    ]
    record.title = next((t for t in titles if t is not None), None)
    record.abstract = _text(fields.get("abstract")) or _text(fields.get("notes_abstract"))
    names = [*fields.get("authors", []), *fields.get("first_authors", [])]
    record.authors = [first_last(n) for n in dict.fromkeys(names)]
    record.year = fields.get("year") or fields.get("publication_year")
    record.date = fields.get("date")
    record.venue = next((_text(fields[k]) for k in VENUE_KEYS if _text(fields.get(k))), None)
    record.doi = _text(fields.get("doi"))
    urls = [u for u in fields.get("urls", []) if u]
    record.url = urls[0] if urls else None
    notes = [*fields.get("notes", []), _text(fields.get("note")) or ""]
    record.arxiv_hints = [*urls, *notes, record.venue or "", record.doi or ""]
    record.citation_key = key if key and _KEY_LIKE.fullmatch(key) and not key.isdigit() else None
    kind = str(fields.get("type_of_reference", "")).upper()
    pages = "--".join(
        p for p in (_text(fields.get("start_page")), _text(fields.get("end_page"))) if p
    )
    record.metadata = {
        "entry_type": ENTRY_TYPES.get(kind, "misc"),
        "volume": _text(fields.get("volume")),
        "number": _text(fields.get("number")),
        "pages": pages,
        "publisher": _text(fields.get("publisher")),
        "issn": _text(fields.get("issn")),
        "keywords": ", ".join(fields.get("keywords", [])),
    }
    return record


def read_ris(text: str, path: str) -> list[Paper | InputError]:
    """The records of one .ris file, in file order, with an InputError for each bad one."""
    try:
        from rispy import RisParser
    except ImportError:  # pragma: no cover - a dependency; said plainly if it is missing
        return [InputError(path, "reading .ris files needs rispy: pip install rispy")]

    parser = RisParser()
    out: list[Paper | InputError] = []
    for found in split_records(text, path):
        if isinstance(found, InputError):
            out.append(found)
            continue
        line, lines = found
        try:
            (fields,) = parser.parse_lines(iter(lines))
        except (KeyError, ValueError, TypeError, AttributeError) as exc:  # rispy on odd tags
            out.append(InputError(path, f"record cannot be read: {exc!r}", line))
            continue
        out.append(record_paper(ris_record(fields, line), path))
    if not out:
        return [InputError(path, "no RIS records found; expected records starting 'TY  - '")]
    return out
