"""CSL-JSON items, as Zotero and Mendeley export them (a .json array) -> Papers.

    [{"id": "vaswani2017attention", "type": "paper-conference",
      "title": "Attention Is All You Need", "abstract": "The dominant ...",
      "author": [{"family": "Vaswani", "given": "Ashish"}, {"literal": "Google Brain"}],
      "issued": {"date-parts": [[2017, 12, 4]]}, "container-title": "NeurIPS",
      "DOI": "10.48550/arXiv.1706.03762", "URL": "https://arxiv.org/abs/1706.03762"}]

The .json reader (tabular.read_json) hands each item that `is_csl_item` to `csl_paper`, so
a file's lines are counted in one place and our own JSON records keep working beside them.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.errors import InputError
from assistant.sources.library import Record, record_paper
from assistant.types import Paper

# Keys only CSL items have; with a string "type" they mark an item.
CSL_KEYS = frozenset({"container-title", "DOI", "URL", "citation-key", "event-title"})
# CSL item types as BibTeX entry types, for export.
ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "paper-conference": "inproceedings",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "thesis": "phdthesis",
}
# An id that can serve as a citation key (Better BibTeX's), not a Zotero URI, a number, or
# Mendeley's "ITEM-1".
_KEY_LIKE = re.compile(r"[A-Za-z][\w:.\-+]*")
_NOT_KEYS = re.compile(r"\d+|ITEM-\d+", re.IGNORECASE)
# CSL variables kept in Paper.metadata, under the BibTeX name they are exported with.
EXTRA = {
    "page": "pages",
    "volume": "volume",
    "issue": "number",
    "publisher": "publisher",
    "ISSN": "issn",
    "ISBN": "isbn",
    "note": "note",
    "keyword": "keywords",
}


def is_csl_item(obj: dict[Any, Any]) -> bool:
    """Whether a JSON object is a CSL-JSON item rather than one of our own records: a string
    "type" and a key spelled the CSL way (case matters: our records say "doi", CSL "DOI").

    {"type": "article-journal", "title": "T", "issued": {"date-parts": [[2017]]}} -> True
    {"type": "article", "title": "T", "author": [{"family": "Li"}]} -> True
    {"title": "T", "abstract": "A", "type": "preprint", "doi": "10.1/x"} -> False
    """
    if not isinstance(obj.get("type"), str):
        return False
    if isinstance(obj.get("issued"), dict) or CSL_KEYS & obj.keys():
        return True
    author = obj.get("author")
    return isinstance(author, list) and any(isinstance(a, dict) for a in author)


def csl_name(person: Any) -> str:
    """One CSL name as "First Last".

    {"family": "Vaswani", "given": "Ashish"} -> "Ashish Vaswani";  {"literal": "Google Brain"}
    -> "Google Brain";  {"family": "Cruz", "given": "Juan", "non-dropping-particle": "de la"}
    -> "Juan de la Cruz"
    """
    if not isinstance(person, dict):
        return str(person or "")
    if person.get("literal"):
        return str(person["literal"])
    parts = ("given", "dropping-particle", "non-dropping-particle", "family", "suffix")
    return " ".join(str(person[p]) for p in parts if person.get(p))


def _date(value: Any) -> Any:
    """A CSL date as "YYYY-MM-DD", "YYYY-MM" or "YYYY" text (or its raw / literal form)."""
    if not isinstance(value, dict):
        return value
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        numbers = [str(p).strip() for p in parts[0][:3]]
        if all(n.isdigit() for n in numbers):
            return "-".join(n.zfill(2) for n in numbers)
    return value.get("raw") or value.get("literal")


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return None if value in (None, "") else str(value)


def csl_paper(obj: dict[Any, Any], path: str, line: int) -> Paper | InputError:
    """The Paper of one CSL-JSON item, or an InputError naming its file and line."""
    item = {str(k).lower(): v for k, v in obj.items()}
    key = _text(item.get("citation-key") or item.get("id"))
    usable = key if key and _KEY_LIKE.fullmatch(key) and not _NOT_KEYS.fullmatch(key) else None
    record = Record(what=f"item {key!r}" if key else "item", line=line)
    if item.get("title") is not None:
        record.title = _text(item["title"]) or ""
    record.abstract = _text(item.get("abstract"))
    authors = item.get("author")
    record.authors = [csl_name(p) for p in authors] if isinstance(authors, list) else []
    record.date = _date(item.get("issued"))
    venues = (item.get("container-title"), item.get("event-title"), item.get("event"))
    record.venue = next((_text(v) for v in venues if _text(v)), None)
    record.doi = _text(item.get("doi"))
    record.url = _text(item.get("url"))
    record.arxiv_hints = [
        _text(item.get(k)) or ""
        for k in ("number", "url", "container-title", "note", "archive_location")
    ]
    record.citation_key = usable
    record.metadata = {"entry_type": ENTRY_TYPES.get(str(item.get("type")), "misc")}
    record.metadata.update({name: _text(item.get(k.lower())) for k, name in EXTRA.items()})
    return record_paper(record, path)
