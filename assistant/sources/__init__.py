"""Corpus readers: files and folders of paper listings -> one de-duplicated list of Papers.

read_corpus(["data/hf-daily-papers", "extra.jsonl"], skip_bad=True) -> ReadResult with
`papers` (distinct, first-seen order), `skipped` (an InputError "file:line: why" for each
row or file left out) and `files` (how many files were opened).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError
from assistant.evidence import plain_title
from assistant.sources.checks import read_text
from assistant.sources.daily_papers import read_daily_papers
from assistant.sources.ids import dedupe, normalize_title, paper_id_for
from assistant.sources.tabular import read_csv, read_json, read_jsonl
from assistant.types import Paper

__all__ = ["ReadResult", "dedupe", "normalize_title", "paper_id_for", "read_corpus", "read_file"]

Reader = Callable[[str, str], list["Paper | InputError"]]
READERS: dict[str, Reader] = {
    ".txt": read_daily_papers,  # a Daily Papers page saved as text
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
}
# What a folder is searched for; .ndjson only when named, so this stays the documented list.
FOLDER_SUFFIXES = (".txt", ".jsonl", ".json", ".csv")


@dataclass
class ReadResult:
    """What read_corpus found: the distinct papers, the problems skipped, the files read."""

    papers: list[Paper] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    files: int = 0  # corpus files opened, bad ones included


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


def _plain_title(item: Paper | InputError) -> Paper | InputError:
    """A paper whose title holds no links or markup (they reach prompts, references and
    digests); an InputError when nothing else is left of it."""
    if not isinstance(item, Paper):
        return item
    title = plain_title(item.title)
    if title == item.title:
        return item
    if not title:
        reason = "the title is only links or markup, with no text"
        return InputError(item.source_file, reason, item.source_line)
    return dataclasses.replace(item, title=title)


def read_corpus(paths: Iterable[str | Path] | str | Path, skip_bad: bool = False) -> ReadResult:
    """Papers from files and folders (.txt Daily Papers pages, .jsonl, .json, .csv), de-duplicated.

    With skip_bad False the first problem raises its InputError and nothing is returned;
    with skip_bad True each problem is collected in `skipped` and the good papers are kept.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]  # one path, not an iterable of its characters
    result = ReadResult()
    papers: list[Paper] = []
    for name in corpus_files(paths):
        if isinstance(name, InputError):
            found: list[Paper | InputError] = [name]
        else:
            result.files += 1
            found = read_file(name)
        for item in map(_plain_title, found):
            if isinstance(item, Paper):
                papers.append(item)
            elif skip_bad:
                result.skipped.append(item)
            else:
                raise item
    result.papers = dedupe(papers)
    return result
