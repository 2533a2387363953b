"""Pure views of the paper library for the web UI: the Papers table, a paper's page, and the
summaries library with its batch-run progress (no gradio here; text goes through `esc`).

    source_label("data/hf-daily-papers/002_6fc8af7aca7f8f46.txt") -> "Daily Papers, page 3"
    source_label("/home/ann/refs/library.bib") -> "library.bib"
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from pathlib import Path

from assistant.export import author_line
from assistant.filters import Filters
from assistant.summary_run import RunProgress, RunStatus
from assistant.types import Paper, Summary
from assistant.ui.render import (
    LOW_SUPPORT,
    esc,
    meta_line,
    reference_link,
    summary_html,
    support_badge,
)

# The bundled Daily Papers pages: "000_<hash>.txt" is the first page, in the order fetched.
_DAILY_PAGE = re.compile(r"(\d{3})_[0-9a-f]{8,}\.txt")
PAPER_HEADERS = ["Title", "Date", "Authors", "Venue", "Source"]


def source_label(source_file: str) -> str:
    """Where a paper came from, in words: a Daily Papers page by its number, else the file's
    name (see the module docstring); "" when unknown."""
    if not source_file:
        return ""
    name = Path(source_file).name
    page = _DAILY_PAGE.fullmatch(name)
    return f"Daily Papers, page {int(page.group(1)) + 1}" if page else name


def date_cell(paper: Paper) -> str:
    """The paper's date, else its year, else ""."""
    return paper.published or (str(paper.year) if paper.year else "")


def authors_cell(paper: Paper) -> str:
    """How many authors and, when known, who: "3: Ann Lee, Bo Chen and Cy Dee", "4", ""."""
    count = paper.authors_count or (len(paper.authors) or None)
    if paper.authors:
        return f"{count}: {author_line(paper)}"
    return str(count) if count is not None else ""


def paper_rows(
    papers: Iterable[Paper], query: str = "", filters: Filters | None = None
) -> tuple[list[list[str]], list[str]]:
    """The Papers table's rows (PAPER_HEADERS, plain text) for the papers matching every word of
    query and the limits, and each row's paper id (the table shows no ids).

    Words are looked for in the title, abstract, authors, venue and id. The limits are the ones
    questions use (`Filters.accepts_paper`): a paper with an unknown date or author count fails
    any limit on it.
    """
    words = query.casefold().split()
    limits = filters or Filters()
    rows: list[list[str]] = []
    ids: list[str] = []
    for p in papers:
        haystack = " ".join([p.title, p.abstract, p.paper_id, *p.authors, p.venue or ""])
        folded = haystack.casefold()
        if any(w not in folded for w in words) or not limits.accepts_paper(p):
            continue
        rows.append(
            [p.title, date_cell(p), authors_cell(p), p.venue or "", source_label(p.source_file)]
        )
        ids.append(p.paper_id)
    return rows, ids


def paper_html(paper: Paper | None) -> str:
    """A paper's page: title, listing details, authors, venue, links, abstract and ids."""
    if paper is None:
        return (
            '<div class="pa-paper pa-empty">Select a paper in the table to read its abstract.</div>'
        )
    source = source_label(paper.source_file) or "unknown source"
    details = []
    if paper.authors:
        details.append(f"<b>Authors:</b> {esc(', '.join(paper.authors))}")
    if paper.venue:
        details.append(f"<b>Venue:</b> {esc(paper.venue)}")
    links = reference_link(paper, paper.paper_id)
    if 'class="pa-link"' in links:
        details.append(f"<b>Links:</b> {links}")
    ids = [f"id {esc(paper.paper_id)}"]
    if paper.arxiv_id:
        ids.append(f"arXiv {esc(paper.arxiv_id)}")
    if paper.doi:
        ids.append(f"DOI {esc(paper.doi)}")
    if paper.citation_key:
        ids.append(f"key {esc(paper.citation_key)}")
    where = Path(paper.source_file).name + (
        f":{paper.source_line}" if paper.source_line is not None else ""
    )
    ids.append(f"from {esc(where)}")
    return (
        f'<div class="pa-paper" data-paper="{esc(paper.paper_id)}"><h3>{esc(paper.title)}</h3>'
        f"{meta_line(paper.published or date_cell(paper), paper.authors_count, esc(source))}"
        + "".join(f'<div class="pa-detail">{d}</div>' for d in details)
        + f'<div class="pa-abstract">{esc(paper.abstract)}</div>'
        f'<div class="pa-ids pa-meta">{" · ".join(ids)}</div></div>'
    )


def stored_summary_html(summary: Summary | None) -> str:
    """A paper's stored summary with its support, or a note that it has none yet."""
    if summary is None:
        return (
            '<div class="pa-summary pa-empty">Not summarized yet: "Summarize this paper" '
            "writes one, or run the whole library from the Summaries tab.</div>"
        )
    return summary_html(summary)


# -- the summaries library ----------------------------------------------------------------------
class LibraryView(StrEnum):
    """Which papers the summaries library lists."""

    SUMMARIZED = "Summarized"
    LOW = "Low support"
    MISSING = "Not yet summarized"


def library_entries(
    papers: Iterable[Paper],
    summaries: Mapping[str, Summary],
    query: str = "",
    view: LibraryView | str = LibraryView.SUMMARIZED,
) -> list[tuple[Paper, Summary | None]]:
    """The papers the library lists, each with its stored summary (None when it has none).

    Summarized and low-support views search the title, TL;DR and bullets; the not-yet view
    searches titles and abstracts.
    """
    words = query.casefold().split()
    out: list[tuple[Paper, Summary | None]] = []
    for paper in papers:
        summary = summaries.get(paper.paper_id)
        if view == LibraryView.MISSING:
            if summary is not None:
                continue
            text = f"{paper.title} {paper.abstract}"
        else:
            if summary is None or (view == LibraryView.LOW and summary.support >= LOW_SUPPORT):
                continue
            text = " ".join([paper.title, summary.tldr, *summary.bullets])
        folded = text.casefold()
        if all(w in folded for w in words):
            out.append((paper, summary))
    return out


def library_html(entries: list[tuple[Paper, Summary | None]]) -> str:
    """The summaries library as a table: title, TL;DR, support, date."""
    if not entries:
        return '<div class="pa-library pa-empty">No summaries match.</div>'
    rows = []
    for paper, summary in entries:
        tldr = esc(summary.tldr) if summary else '<span class="pa-meta">not yet summarized</span>'
        badge = support_badge(summary.support) if summary else ""
        rows.append(
            f'<tr data-paper="{esc(paper.paper_id)}"><td class="pa-lib-title">{esc(paper.title)}'
            f"</td><td>{tldr}</td><td>{badge}</td><td>{esc(date_cell(paper))}</td></tr>"
        )
    return (
        '<table class="pa-library"><thead><tr><th>Title</th><th>TL;DR</th><th>Support</th>'
        f"<th>Date</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def library_count(papers: Iterable[Paper], summaries: Mapping[str, Summary], shown: int) -> str:
    """ "12 shown · 40 of 414 papers summarized · 3 with low support"."""
    ids = [p.paper_id for p in papers]
    stored = [summaries[i] for i in ids if i in summaries]
    low = sum(s.support < LOW_SUPPORT for s in stored)
    return (
        f'<div class="pa-lib-count">{shown} shown · {len(stored)} of {len(ids)} papers '
        f"summarized · {low} with low support (under {LOW_SUPPORT:.0%})</div>"
    )


_RUN_WORDS = {
    RunStatus.IDLE: "not started",
    RunStatus.RUNNING: "running",
    RunStatus.STOPPING: "stopping after this batch",
    RunStatus.STOPPED: "stopped; start again to resume",
    RunStatus.FINISHED: "finished",
    RunStatus.FAILED: "failed",
}


def progress_html(progress: RunProgress) -> str:
    """The batch run's progress bar and where it stands."""
    if progress.status == RunStatus.IDLE:
        return (
            '<div class="pa-progress" data-status="idle"><div class="pa-progress-label">'
            '"Summarize all" starts a batch run, or resumes one: papers already in the '
            "summaries file are skipped.</div></div>"
        )
    words = _RUN_WORDS[progress.status]
    if progress.error:
        words += f": {esc(progress.error)}"
    label = (
        f"{progress.done} of {progress.total} papers summarized"
        if progress.total
        else "reading the summaries file"
    )
    label += f" ({progress.written} this run) · {words}"
    return (
        f'<div class="pa-progress" data-status="{esc(progress.status)}" '
        f'data-done="{progress.done}" data-total="{progress.total}">'
        f'<div class="pa-bar" role="progressbar" aria-valuemin="0" '
        f'aria-valuemax="{progress.total}" aria-valuenow="{progress.done}">'
        f'<div class="pa-fill" style="width: {progress.fraction:.1%}"></div></div>'
        f'<div class="pa-progress-label">{label}</div></div>'
    )
