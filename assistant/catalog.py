"""The catalog: a SQLite table of the stored papers' listing details (author counts, dates), for
questions about the listing; the only module that imports sqlite3.

It lives beside the Chroma store, is written by the same ingest, and is rebuilt from the store
whenever the two disagree on how many papers there are (a crash between them, an older store).
A date counts only when the listing printed its year; an inferred year is "no date".
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .metaquery import MetaQuery
from .types import Paper

_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (
    paper_id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    authors INTEGER,
    published TEXT,
    year INTEGER
)
"""


@dataclass(frozen=True)
class Row:
    """One paper's listing details."""

    paper_id: str
    title: str
    authors: int | None
    published: str | None
    year: int | None


def row_of(paper: Paper) -> Row:
    """A paper's listing details; a year the listing did not print is unknown.

    >>> row_of(Paper("p", "T", "A.", authors_count=3, published="2023-05-01")).year
    2023
    >>> row_of(Paper("p", "T", "A.", published="2024-12-11",
    ...            metadata={"published_year_inferred": True})).published is None
    True
    """
    inferred = bool(paper.metadata.get("published_year_inferred"))
    published = None if inferred else paper.published
    year = int(published[:4]) if published and published[:4].isdigit() else None
    return Row(paper.paper_id, paper.title, paper.authors_count, published, year)


_COLUMN = {"authors": "authors", "published": "published", "year": "year"}
_COMPARE = {"==": "=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}


def where_clause(query: MetaQuery) -> tuple[str, list[object]]:
    """The SQL condition a query's rule puts on the papers that have its field.

    >>> where_clause(MetaQuery("year", "between", (2014, 2017)))
    ('year IS NOT NULL AND year BETWEEN ? AND ?', [2014, 2017])
    >>> where_clause(MetaQuery("published", "month", (2023, 2)))
    ('published IS NOT NULL AND published LIKE ?', ['2023-02-%'])
    >>> where_clause(MetaQuery("authors", "max"))
    ('authors IS NOT NULL AND authors = (SELECT MAX(authors) FROM papers WHERE authors IS NOT NULL AND {ids})', [])
    """
    column = _COLUMN[query.field]
    known = f"{column} IS NOT NULL"
    if query.op in _COMPARE:
        return f"{known} AND {column} {_COMPARE[query.op]} ?", [query.values[0]]
    if query.op == "between":
        low, high = sorted(query.values[:2])
        return f"{known} AND {column} BETWEEN ? AND ?", [low, high]
    if query.op == "month":  # a full date in that month of that year
        year, month = query.values[:2]
        return f"{known} AND {column} LIKE ?", [f"{year:04d}-{month:02d}-%"]
    if query.op in ("max", "min"):
        best = f"(SELECT {query.op.upper()}({column}) FROM papers WHERE {known} AND {{ids}})"
        return f"{known} AND {column} = {best}", []
    return known, []


class Catalog:
    """The papers table in one SQLite file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._db:
            self._db.execute(_SCHEMA)

    def count(self) -> int:
        """How many papers the catalog holds."""
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM papers").fetchone()[0])

    def put(self, papers: Iterable[Paper]) -> None:
        """Add or update papers (one transaction)."""
        rows = [row_of(p) for p in papers]
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?, ?)",
                [(r.paper_id, r.title, r.authors, r.published, r.year) for r in rows],
            )

    def rebuild(self, papers: Sequence[Paper]) -> None:
        """Make the catalog hold exactly these papers."""
        with self._lock, self._db:
            self._db.execute("DELETE FROM papers")
        self.put(papers)

    def query(self, query: MetaQuery, ids: Sequence[str] | None = None) -> tuple[list[Row], int]:
        """(the papers that satisfy the query's rule, how many in scope lack its field), over
        the whole listing or the papers with these ids; earliest/most authors first."""
        scope, params = "1", []
        if ids is not None:
            scope = f"paper_id IN ({','.join('?' * len(ids))})" if ids else "0"
            params = list(ids)
        condition, values = where_clause(query)
        column = _COLUMN[query.field]
        sub = condition.count("{ids}")
        condition = condition.replace("{ids}", scope)
        order = f"{column} DESC" if query.op in ("max", ">", ">=") else f"{column} ASC"
        sql = f"SELECT * FROM papers WHERE {scope} AND {condition} ORDER BY {order}, title"
        with self._lock:
            found = self._db.execute(sql, params + params * sub + values).fetchall()
            lacking = self._db.execute(
                f"SELECT COUNT(*) FROM papers WHERE {scope} AND {column} IS NULL", params
            ).fetchone()[0]
        return [Row(*row) for row in found], int(lacking)

    def rows(self, ids: Sequence[str]) -> dict[str, Row]:
        """The listing details of these papers."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self._lock:
            found = self._db.execute(f"SELECT * FROM papers WHERE paper_id IN ({marks})", list(ids))
            return {row[0]: Row(*row) for row in found.fetchall()}

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._db.close()
