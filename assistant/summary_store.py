"""The summaries file: append-only JSONL, one complete line per paper, safe to kill and resume.

A record is appended as one `os.write` of a whole line followed by `fsync`, so a killed run
leaves at most one partial line at the end; opening the file again truncates it away. Markdown
and CSV views are rendered from the records and replaced atomically (temp file + `os.replace`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import os
import secrets
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import AssistantError
from .types import Summary

try:  # advisory lock against two runs appending to one file; POSIX only
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

CSV_FIELDS = (
    "paper_id",
    "title",
    "published",
    "tldr",
    "bullets",
    "support",
    "checked",
    "repaired",
    "removed",
    "model",
    "prompt_version",
    "abstract_hash",
)


def abstract_hash(title: str, abstract: str) -> str:
    """A short hash of what a summary is made from; whitespace differences do not count.

    >>> abstract_hash("T", "An  abstract.") == abstract_hash("T", "An abstract.\\n")
    True
    """
    text = " ".join(title.split()) + "\n" + " ".join(abstract.split())
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def latest_by_paper(summaries: Iterable[Summary]) -> dict[str, Summary]:
    """The last summary of each paper, in order of first appearance."""
    out: dict[str, Summary] = {}
    for summary in summaries:
        out[summary.paper_id] = summary
    return out


def repair_tail(path: Path) -> int:
    """Truncate a trailing partial line (left by a killed writer); returns the bytes removed."""
    if not path.exists():
        return 0
    with path.open("rb+") as handle:
        data = handle.read()
        keep = data.rfind(b"\n") + 1  # 0 when there is no complete line at all
        if keep == len(data):
            return 0
        handle.truncate(keep)
        handle.flush()
        os.fsync(handle.fileno())
    log.warning(
        "%s: removed a partial last line (%d bytes) left by an interrupted run",
        path,
        len(data) - keep,
    )
    return len(data) - keep


def read_summaries(path: Path) -> list[Summary]:
    """Every complete, readable summary in a summaries file (a partial last line is ignored)."""
    if not path.exists():
        return []
    records: list[Summary] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.endswith(b"\n") or not line.strip():
                continue
            try:
                record = json.loads(line)
                if isinstance(record, dict) and "paper_id" in record:
                    records.append(Summary.from_record(record))
            except (ValueError, TypeError):
                log.warning("%s:%d: skipped an unreadable line", path, number)
    return records


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - platforms without directory handles
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, text: str) -> None:
    """Replace a file's content all at once: readers see the old file or the new, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as usual
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            if path.exists():
                os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))  # a replaced file keeps its mode
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _line(summary: Summary) -> str:
    return json.dumps(summary.to_record(), ensure_ascii=False) + "\n"


class SummaryFile:
    """An open summaries file: locked, tail repaired, appended one fsynced line at a time.

    >>> with SummaryFile(path) as store:  # doctest: +SKIP
    ...     store.append(summary)
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None
        self._lock_fd: int | None = None
        self.records: dict[str, Summary] = {}

    def __enter__(self) -> SummaryFile:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock()
        try:
            repair_tail(self.path)
            self.records = latest_by_paper(read_summaries(self.path))
            lines = self.path.read_bytes().count(b"\n") if self.path.exists() else 0
            if lines != len(self.records):  # repeats, blank or unreadable lines: keep one each
                self.rewrite(self.records.values())
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in (self._fd, self._lock_fd):
            if fd is not None:
                os.close(fd)  # closing releases the lock
        self._fd = self._lock_fd = None

    def _lock(self) -> None:
        if fcntl is None:  # pragma: no cover
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        self._lock_fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._lock_fd)
            self._lock_fd = None
            raise AssistantError(
                f"another run is writing {self.path}; wait for it to finish"
            ) from None

    def rewrite(self, records: Iterable[Summary]) -> None:
        """Replace the whole file with these records, atomically (used to drop stale records)."""
        records = list(records)
        write_atomic(self.path, "".join(_line(r) for r in records))
        self.records = latest_by_paper(records)
        if self._fd is not None:  # the old descriptor points at the replaced file
            os.close(self._fd)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def drop(self, paper_ids: Iterable[str]) -> None:
        """Remove the records of these papers (before they are summarized again)."""
        gone = set(paper_ids) & self.records.keys()
        if gone:
            self.rewrite(r for pid, r in self.records.items() if pid not in gone)

    def append(self, record: Summary) -> None:
        """Add one summary as one complete, durable line."""
        if self._fd is None:
            raise RuntimeError("SummaryFile.append outside its `with` block")
        if record.paper_id in self.records:
            raise ValueError(f"{record.paper_id} already has a record; drop it first")
        data = memoryview(_line(record).encode("utf-8"))
        while data:  # a regular file takes it in one write; loop in case it does not
            written = os.write(self._fd, data)
            data = data[written:]
        os.fsync(self._fd)
        self.records[record.paper_id] = record


# -- views ---------------------------------------------------------------------------------------
def render_markdown(records: Sequence[Summary]) -> str:
    """Summaries as a Markdown document, one section per paper."""
    supports = [r.support for r in records]
    models = sorted({r.model for r in records})
    mean = sum(supports) / len(supports) if supports else 0.0
    lines = [
        "# Paper summaries",
        "",
        f"{len(records)} papers · model {', '.join(models) or '-'} · mean support {mean:.2f}",
        "",
        "Every sentence below is supported by the paper's abstract; *support* is the "
        "share of the model's own sentences that were, before unsupported ones were "
        "replaced by an abstract sentence or removed.",
        "",
    ]
    for record in records:
        meta = " · ".join(
            x
            for x in (
                f"`{record.paper_id}`",
                record.published or "",
                f"support {record.support:.2f}",
            )
            if x
        )
        lines += [f"## {record.title}", "", meta, "", f"**TL;DR** {record.tldr}", ""]
        lines += [f"- {bullet}" for bullet in record.bullets]
        if record.bullets:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def render_csv(records: Sequence[Summary]) -> str:
    """Summaries as CSV, one row per paper; bullets are joined by newlines inside their cell."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for record in records:
        writer.writerow({**record.to_record(), "bullets": "\n".join(record.bullets)})
    return buffer.getvalue()
