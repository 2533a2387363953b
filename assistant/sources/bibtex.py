"""BibTeX (.bib) files, as Zotero, Better BibTeX, Google Scholar and arXiv export them -> Papers.

    @string{neurips = "Advances in Neural Information Processing Systems"}
    @inproceedings{vaswani2017attention,
      title = {Attention Is {All} You Need},
      author = {Vaswani, Ashish and Shazeer, Noam and {Google Brain}},
      booktitle = neurips, year = 2017, month = dec,
      eprint = {1706.03762}, archivePrefix = {arXiv},
      abstract = {The dominant sequence transduction models ... $O(n^2)$ ...},
    }

bibtexparser (v2) splits the file into entries; this module resolves @string macros and "#"
concatenation (bib_value), turns each entry's LaTeX into text (latex.py) and its fields into
a Paper (library.py). An entry
that cannot be read (cut short, braces that never close, a key used twice) is an InputError
at the entry's line; the other entries are still read.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

from assistant.errors import InputError
from assistant.sources.latex import latex_to_text, latex_verbatim
from assistant.sources.library import EXTRA_FIELDS, Record, first_last, record_paper
from assistant.types import Paper

# Where the venue is, in order: journal articles, biblatex, proceedings, anything else.
VENUE_FIELDS = ("journal", "journaltitle", "booktitle", "howpublished")
_KEY = re.compile(r"@\s*\w+\s*[{(]\s*([^,\s=]+)\s*,")
# Text left between entries that is really the rest of one: ", year = 2020}" after a stray "}".
_LEFTOVER = re.compile(r"\s*(?:[,}]|[A-Za-z][\w-]*\s*=\s*[{\"\d])")


@contextlib.contextmanager
def _quiet_parser() -> Iterator[None]:
    """bibtexparser logs each bad block; we report them as InputErrors instead."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def bib_names(value: str) -> tuple[list[str], bool]:
    """(names as "First Last", whether the list ends in "and others") from an author field.

    'Vaswani, Ashish and Noam Shazeer and {Google Brain Team} and others'
    -> (["Ashish Vaswani", "Noam Shazeer", "Google Brain Team"], True)
    'M{\\"u}ller, J{\\"o}rg and de la Cruz, Juan' -> (["Jörg Müller", "Juan de la Cruz"], False)
    """
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names, more = [], False
    for raw in split_multiple_persons_names(value):
        if raw.strip().lower() == "others":
            more = True
            continue
        try:
            name = parse_single_name_into_parts(raw, strict=False).merge_first_name_first
        except InvalidNameError:
            name = first_last(raw)
        names.append(latex_to_text(name))
    return names, more


def _parts(raw: str) -> list[str]:
    """A value's parts, split at each "#" outside braces and quotes."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, char in enumerate(raw):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == '"' and depth == 0:
            quoted = not quoted
        elif char == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    return parts


def bib_value(raw: str, macros: dict[str, str]) -> str:
    """A field's value as written in the file -> its text: quotes or braces around it removed,
    @string macros substituted (case-insensitively), "#" parts joined.

    '"Proceedings of the " # acl' (acl = "ACL") -> "Proceedings of the ACL";
    "{Attention Is {All}}" -> "Attention Is {All}";  "2019" -> "2019";  "jan" -> "jan"
    """
    out = []
    for part in _parts(raw) if "#" in raw else [raw]:
        text = part.strip()
        if len(text) >= 2 and (text[0], text[-1]) in (("{", "}"), ('"', '"')):
            out.append(text[1:-1])
        else:
            out.append(macros.get(text.lower(), text))  # a number, a macro, or a month name
    return "".join(out)


def _entry_record(entry: Any, macros: dict[str, str]) -> Record:
    """A Record from one parsed bibtexparser Entry, its values as written in the file."""
    fields = {f.key.lower(): bib_value(str(f.value), macros) for f in entry.fields}

    def text(name: str) -> str | None:
        return latex_to_text(fields[name]) if fields.get(name, "").strip() else None

    record = Record(what=f"entry {entry.key!r}", line=entry.start_line + 1)
    record.title = fields.get("title") and latex_to_text(fields["title"])
    if "title" in fields and not record.title:
        record.title = " "  # present but blank: said so, not "no 'title'"
    record.abstract = text("abstract")
    if fields.get("author", "").strip():
        record.authors, record.more_authors = bib_names(fields["author"])
    record.year, record.month, record.day = (
        fields.get("year"),
        fields.get("month"),
        fields.get("day"),
    )
    record.date = fields.get("date")
    record.venue = next(
        (v for v in (text(n) for n in VENUE_FIELDS) if v and not v.startswith("http")), None
    )
    record.doi = latex_verbatim(fields["doi"]) if fields.get("doi") else None
    record.url = latex_verbatim(fields["url"]) if fields.get("url") else None
    prefix = (fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").strip("{} ")
    if fields.get("eprint") and prefix.lower() == "arxiv":
        record.arxiv_id = latex_verbatim(fields["eprint"])
    record.arxiv_hints = [fields.get(n, "") for n in ("journal", "note", "howpublished", "eprint")]
    record.citation_key = entry.key
    record.metadata = {"entry_type": entry.entry_type.lower()}
    record.metadata.update({n: text(n) for n in EXTRA_FIELDS if text(n)})
    return record


def _failed(block: Any, text: str, path: str) -> InputError:
    """Why a block could not be read, at its entry's line, in words a user can act on."""
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    line = (block.start_line or 0) + 1
    if isinstance(block, DuplicateBlockKeyBlock):
        first = (block.previous_block.start_line or 0) + 1
        return InputError(
            path, f"duplicate citation key {block.key!r} (first used at line {first})", line
        )
    key_match = _KEY.match(block.raw or "")
    entry = f"entry {key_match.group(1)!r}" if key_match else "entry"
    if isinstance(block, DuplicateFieldKeyBlock):
        twice = ", ".join(sorted(block.duplicate_keys))
        return InputError(path, f"{entry} has the field {twice!r} twice", line)
    reason = getattr(block.error, "abort_reason", "") or str(block.error)
    if "end of file" in reason:
        return InputError(
            path,
            f"{entry} is cut short: the file ends before its closing brace "
            "(a truncated file, or a '{' that is never closed)",
            line,
        )
    if "Unexpected block start" in reason:
        end = getattr(block.error, "end_index", None)
        at = f" before line {text.count(chr(10), 0, end) + 1}" if end else ""
        return InputError(path, f"{entry} has unbalanced braces: a '{{' is never closed{at}", line)
    return InputError(path, f"{entry} is not valid BibTeX: {reason.rstrip('.')}", line)


def name_entry(error: InputError, text: str) -> InputError:
    """An error at a line of a .bib file (a byte that is not UTF-8), saying whose entry it is in.

    "x.bib:11: not UTF-8 ..." -> "x.bib:11: not UTF-8 ... (in entry 'scholkopf2002', line 8)"
    """
    if error.line is None:
        return error
    end = -1
    for _ in range(error.line):  # the end of the error's line
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    last = None
    for last in _KEY.finditer(text, 0, end):  # noqa: B007 - the last entry opened before it
        pass
    if last is None:
        return error
    where = f"in entry {last.group(1)!r}, line {text.count(chr(10), 0, last.start()) + 1}"
    return InputError(error.path, f"{error.reason} ({where})", error.line)


def read_bibtex(text: str, path: str) -> list[Paper | InputError]:
    """The entries of one .bib file, in file order, with an InputError for each bad one."""
    try:
        from bibtexparser.entrypoint import parse_string
        from bibtexparser.model import Entry, ImplicitComment, ParsingFailedBlock
    except ImportError:  # pragma: no cover - a dependency; said plainly if it is missing
        return [
            InputError(path, "reading .bib files needs bibtexparser: pip install 'bibtexparser>=2'")
        ]

    with _quiet_parser():
        library = parse_string(text, parse_stack=[])  # values as written
    macros: dict[str, str] = {}
    for string in library.strings:  # in file order: a macro may use the ones before it
        macros[string.key.lower()] = bib_value(str(string.value), macros)
    out: list[Paper | InputError] = []
    previous: Any = None
    for block in library.blocks:
        if isinstance(block, ParsingFailedBlock):
            out.append(_failed(block, text, path))
        elif isinstance(block, Entry):
            out.append(record_paper(_entry_record(block, macros), path))
            previous = block
            continue
        elif (
            isinstance(block, ImplicitComment)
            and previous is not None
            and _LEFTOVER.match(block.comment)
        ):
            # A "}" too many closed the entry early: the fields after it would be lost.
            message = f"entry {previous.key!r} has unbalanced braces: a '}}' closes it early"
            out[-1] = InputError(path, message, previous.start_line + 1)
        previous = None
    if not out:
        return [
            InputError(path, "no BibTeX entries found; expected entries like @article{key, ...}")
        ]
    return out
