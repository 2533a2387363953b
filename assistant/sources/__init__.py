"""Corpus readers: files and folders of paper listings -> one de-duplicated list of Papers.

read_corpus(["data/hf-daily-papers", "library.bib"], skip_bad=True) -> ReadResult with
`papers` (distinct, first-seen order), `skipped` (an InputError "file:line: why" for each
row or file left out), `files` (how many files were opened) and `no_abstract` (how many
library entries came without an abstract: indexed by their title, or skipped).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from assistant.evidence import plain_title
from assistant.sources.bibtex import name_entry, read_bibtex
from assistant.sources.checks import read_text
from assistant.sources.daily_papers import read_daily_papers
from assistant.sources.ids import dedupe, normalize_title, paper_id_for
from assistant.sources.latex import unescape_plain
from assistant.sources.library import MISSING_ABSTRACT_CHOICES, MissingAbstract, no_abstract_note
from assistant.sources.ris import read_ris
from assistant.sources.tabular import read_csv, read_json, read_jsonl
from assistant.types import Paper

__all__ = [
    "MissingAbstract",
    "ReadResult",
    "dedupe",
    "normalize_title",
    "paper_id_for",
    "read_corpus",
    "read_file",
]

Reader = Callable[[str, str], list["Paper | InputError"]]
READERS: dict[str, Reader] = {
    ".txt": read_daily_papers,  # a Daily Papers page saved as text
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,  # our own records, the arXiv snapshot, or CSL-JSON (Zotero, Mendeley)
    ".csv": read_csv,
    ".bib": read_bibtex,
    ".ris": read_ris,
}
# What a folder is searched for; .ndjson only when named, so this stays the documented list.
FOLDER_SUFFIXES = (".txt", ".jsonl", ".json", ".csv", ".bib", ".ris")


@dataclass
class ReadResult:
    """What read_corpus found: the distinct papers, the problems skipped, the files read."""

    papers: list[Paper] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    files: int = 0  # corpus files opened, bad ones included
    # Library entries (.bib, .ris, CSL-JSON) without an abstract, after de-duplication, and
    # what was done with them: indexed by title ("title") or left out ("skip").
    no_abstract: int = 0
    no_abstract_entries: list[InputError] = field(default_factory=list)  # "file:line: title"
    missing_abstract: MissingAbstract = "title"

    def no_abstract_note(self) -> str | None:
        """One line for people, or None when every paper has an abstract.

        no_abstract 37, missing_abstract "title" -> "37 entries have no abstract: indexed by title only"
        """
        return no_abstract_note(self.no_abstract, self.missing_abstract)


def read_file(path: str | Path) -> list[Paper | InputError]:
    """Every paper in one file, in file order, with an InputError in place of each bad one."""
    shown = str(path)
    reader = READERS.get(Path(shown).suffix.lower())
    if reader is None:
        suffix = Path(shown).suffix or "(none)"
        return [InputError(shown, f"unsupported file type {suffix}; expected {', '.join(READERS)}")]
    try:
        text = read_text(shown)
    except InputError as exc:
        if reader is read_bibtex and exc.line is not None:  # name the entry the bad byte is in
            raw = Path(shown).read_bytes().decode("utf-8", errors="replace")
            return [name_entry(exc, raw)]
        return [exc]
    return reader(text, shown)


def corpus_files(paths: Iterable[str | Path]) -> Iterator[str | InputError]:
    """The files to read, each named from the path given; folders searched recursively, sorted."""
    seen: set[Path] = set()
    for given in paths:
        shown, path = str(given), Path(given)
        if path.is_dir():
            found = sorted(
                f.relative_to(path).as_posix()
                for f in path.rglob("*")
                if f.is_file()
                and f.suffix.lower() in FOLDER_SUFFIXES
                # Hidden files and folders (.git, .ipynb_checkpoints) are never corpus.
                and not any(part.startswith(".") for part in f.relative_to(path).parts)
            )
            if not found:
                yield InputError(shown, f"folder has no {', '.join(FOLDER_SUFFIXES)} files")
            names = [os.path.join(shown, rel) for rel in found]
        elif path.exists():
            names = [shown]
        else:
            yield InputError(shown, "no such file or folder")
            continue
        for name in names:
            key = Path(name).resolve()
            if key not in seen:  # a file named directly and inside a named folder is read once
                seen.add(key)
                yield name


def _plain_text(item: Paper | InputError) -> Paper | InputError:
    """A paper whose title holds no links or markup (they reach prompts, references and
    digests) and whose title and abstract say "50%" where arXiv's TeX wrote "50\\%"; an
    InputError when nothing else is left of the title."""
    if not isinstance(item, Paper):
        return item
    title = plain_title(unescape_plain(item.title))
    abstract = unescape_plain(item.abstract)
    if title == item.title and abstract == item.abstract:
        return item
    if not title:
        reason = "the title is only links or markup, with no text"
        return InputError(item.source_file, reason, item.source_line)
    return dataclasses.replace(item, title=title, abstract=abstract)


def read_corpus(
    paths: Iterable[str | Path] | str | Path,
    skip_bad: bool = False,
    missing_abstract: MissingAbstract = "title",
) -> ReadResult:
    """Papers from files and folders (.txt Daily Papers pages, .jsonl, .json, .csv, .bib, .ris),
    de-duplicated.

    With skip_bad False the first problem raises its InputError and nothing is returned;
    with skip_bad True each problem is collected in `skipped` and the good papers are kept.
    A library entry without an abstract is never an error: with missing_abstract "title" it
    is indexed by its title (metadata["abstract_missing"]), with "skip" it is left out; either
    way it is counted in `no_abstract` and listed in `no_abstract_entries`.
    """
    if missing_abstract not in MISSING_ABSTRACT_CHOICES:
        choices = " or ".join(repr(c) for c in MISSING_ABSTRACT_CHOICES)
        raise ValueError(f"missing_abstract must be {choices}, not {missing_abstract!r}")
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not an iterable of its characters
    result = ReadResult(missing_abstract=missing_abstract)
    papers: list[Paper] = []
    for name in corpus_files(paths):
        if isinstance(name, InputError):
            found: list[Paper | InputError] = [name]
        else:
            result.files += 1
            found = read_file(name)
        for item in map(_plain_text, found):
            if isinstance(item, Paper):
                papers.append(item)
            elif skip_bad:
                result.skipped.append(item)
            else:
                raise item
    # After de-duplication: a copy with an abstract (a Daily Papers page) lends it to its .bib copy.
    papers = dedupe(papers)
    titled = [p for p in papers if p.metadata.get("abstract_missing")]
    result.no_abstract = len(titled)
    result.no_abstract_entries = [
        InputError(p.source_file, f"no abstract: {p.title}", p.source_line) for p in titled
    ]
    if missing_abstract == "skip":
        papers = [p for p in papers if not p.metadata.get("abstract_missing")]
    result.papers = papers
    return result
