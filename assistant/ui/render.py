"""Pure HTML views of answers, sources, papers and status for the web UI (no gradio here).

Every string that comes from an abstract, an upload, a model or a user goes through `esc`,
which leaves it inert as HTML, as a JS template and as markdown:
    esc('<img src=x onerror="x()"> **b** ${x}') ->
    '&#60;img src=x onerror=&#34;x()&#34;&#62; &#42;&#42;b&#42;&#42; &#36;&#123;x&#125;'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.citations import MARKER
from assistant.digest import unescape_markdown
from assistant.filters import Filters
from assistant.types import Answer, Mode, Paper, Summary

# Beyond html.escape: template ($ { } `) and markdown (* _ ~ [ ] # |) characters, so the
# same HTML is inert in gr.HTML's template literal and in any markdown renderer.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`${}*_~[]#|\\"})
LOW_SUPPORT = 0.67  # below this share of supported sentences an answer is flagged


def esc(text: object) -> str:
    """Text as inert HTML (see the module docstring)."""
    return ("" if text is None else str(text)).translate(_INERT)


@dataclass
class Turn:
    """One exchange in the chat: what was typed, what was searched, the draft and the answer."""

    question: str
    asked: str  # the standalone question sent to the assistant (after follow-up rewriting)
    draft: str = ""
    answer: Answer | None = None
    papers: dict[str, Paper] = field(default_factory=dict)  # abstracts for the sources panel
    error: str | None = None


def _mark_spans(text: str, sentences: Iterable[str]) -> list[tuple[int, int]]:
    """Where each sentence occurs in text, tolerant of whitespace and case, merged and sorted."""
    spans = []
    for sentence in sentences:
        words = sentence.split()
        if not words:
            continue
        pattern = r"\s+".join(re.escape(w) for w in words)
        match = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
        if match:
            spans.append((match.start(), match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, sentences: Iterable[str]) -> str:
    """Escaped text with each supporting sentence wrapped in <mark>.

    >>> highlight("A <b>. Key claim here.", ["Key claim here."])
    'A &#60;b&#62;. <mark>Key claim here.</mark>'
    """
    out, at = [], 0
    for start, end in _mark_spans(text, sentences):
        out += [esc(text[at:start]), "<mark>", esc(text[start:end]), "</mark>"]
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def source_id(turn: int, key: str) -> str:
    """The element id of a citation's card in the sources panel."""
    return f"pa-src-{turn}-{esc(key)}"


def cite_link(turn: int, key: str) -> str:
    """A clickable [n] that opens its card in the sources panel."""
    return (
        f'<a class="pa-cite" href="#{source_id(turn, key)}" data-turn="{turn}" '
        f'data-key="{esc(key)}">[{esc(key)}]</a>'
    )


def cited_text(text: str, turn: int, keys: Iterable[str]) -> str:
    """Escaped answer text whose [n] markers for known keys become citation links."""
    known, out, at = set(keys), [], 0
    for match in MARKER.finditer(text):
        parts = [p.strip() for p in match.group(1).split(",")]
        if not all(p in known for p in parts):
            continue
        out += [esc(text[at : match.start()]), "".join(cite_link(turn, p) for p in parts)]
        at = match.end()
    out.append(esc(text[at:]))
    return "".join(out)


def _support_badge(answer: Answer) -> str:
    if answer.abstained:
        return '<span class="pa-badge pa-badge-abstained">no answer in the abstracts</span>'
    level = "ok" if answer.support >= LOW_SUPPORT else "low"
    label = "support" if level == "ok" else "low support"
    badge = f'<span class="pa-badge pa-badge-{level}">{label} {answer.support:.0%}</span>'
    if answer.mode != Mode.GENERATED:
        badge += f' <span class="pa-badge pa-badge-mode">{esc(answer.mode)}</span>'
    return badge


def answer_class(answer: Answer) -> str:
    """The CSS class that styles an answer by how far it can be trusted."""
    if answer.abstained:
        return "pa-abstained"
    return "pa-low" if answer.support < LOW_SUPPORT else f"pa-{esc(answer.mode)}"


def turn_html(turn: Turn, index: int) -> str:
    """One question and its answer (or its draft while generating, or its error)."""
    asked = (
        f'<div class="pa-asked">searched as: {esc(turn.asked)}</div>'
        if turn.asked != turn.question
        else ""
    )
    head = f'<div class="pa-q"><b>You:</b> {esc(turn.question)}{asked}</div>'
    if turn.error:
        body = f'<div class="pa-a pa-error"><b>Error:</b> {esc(turn.error)}</div>'
    elif turn.answer is None:
        body = (
            '<div class="pa-a pa-draft"><span class="pa-badge pa-badge-mode">drafting, '
            f'not yet checked</span><div class="pa-text">{esc(turn.draft)}</div></div>'
        )
    else:
        a = turn.answer
        keys = [c.key for c in a.citations]
        refs = "".join(f"<li>{cite_link(index, c.key)} {esc(c.title)}</li>" for c in a.citations)
        body = (
            f'<div class="pa-a {answer_class(a)}" data-support="{a.support:.3f}">'
            f'<div class="pa-badges">{_support_badge(a)}</div>'
            f'<div class="pa-text">{cited_text(a.text, index, keys)}</div>'
            + (f'<ol class="pa-refs">{refs}</ol>' if refs else "")
            + "</div>"
        )
    return f'<div class="pa-turn" data-turn="{index}">{head}{body}</div>'


def transcript_html(turns: Sequence[Turn]) -> str:
    """The whole conversation, oldest first."""
    if not turns:
        return (
            '<div class="pa-transcript pa-empty">Ask a question about the indexed papers; '
            "answers cite the abstracts they come from.</div>"
        )
    return (
        '<div class="pa-transcript">'
        + "".join(turn_html(t, i) for i, t in enumerate(turns))
        + "</div>"
    )


def meta_line(published: str | None, authors: int | None, extra: str = "") -> str:
    """ "2023-12-11 · 5 authors" with unknowns left out."""
    bits = [esc(published) if published else "date unknown"]
    if authors is not None:
        bits.append(f"{authors} author{'s' if authors != 1 else ''}")
    if extra:
        bits.append(extra)
    return '<span class="pa-meta">' + " · ".join(bits) + "</span>"


def _turn_sources(turn: Turn, index: int, shown: bool) -> str:
    answer = turn.answer
    if answer is None:
        return ""
    cards = []
    for n, c in enumerate(answer.citations):
        paper = turn.papers.get(c.paper_id)
        abstract = (
            highlight(paper.abstract, [c.snippet]) if paper else f"<mark>{esc(c.snippet)}</mark>"
        )
        meta = meta_line(
            paper.published if paper else None,
            paper.authors_count if paper else None,
            f"evidence score {c.score:.2f}" + (" · weaker match" if c.weak else ""),
        )
        cards.append(
            f'<details class="pa-src" id="{source_id(index, c.key)}"{" open" if n == 0 else ""}>'
            f"<summary><b>[{esc(c.key)}]</b> {esc(c.title)}<br>{meta}</summary>"
            f'<div class="pa-abstract">{abstract}</div></details>'
        )
    cited = {c.paper_id for c in answer.citations}
    others = [s for s in answer.sources if s.paper_id not in cited]
    if others:
        label = "Closest papers" if answer.abstained else "Also retrieved (not cited)"
        items = "".join(
            f"<li>{esc(s.title)} {meta_line(s.published, s.authors_count)}</li>" for s in others
        )
        cards.append(f'<div class="pa-others"><b>{label}</b><ul>{items}</ul></div>')
    return (
        f'<div class="pa-turn-sources{" pa-shown" if shown else ""}" data-turn="{index}">'
        f'<div class="pa-for">Sources for: {esc(turn.asked)}</div>{"".join(cards)}</div>'
    )


def sources_html(turns: Sequence[Turn]) -> str:
    """The sources panel: each answer's cited papers, the latest answer's shown."""
    answered = [i for i, t in enumerate(turns) if t.answer is not None]
    if not answered:
        return '<div class="pa-sources pa-empty">Sources of the answer appear here.</div>'
    return (
        '<div class="pa-sources">'
        + "".join(_turn_sources(turns[i], i, i == answered[-1]) for i in answered)
        + "</div>"
    )


def status_html(status: dict[str, object]) -> str:
    """The status line: model, device, embedding model, how much is indexed."""
    device = str(status.get("device", "?"))
    kind = "GPU" if device.startswith("cuda") else "CPU" if device == "cpu" else device
    return (
        f'<div class="pa-status">LLM: <b>{esc(status.get("llm_model"))}</b> · device: '
        f"<b>{esc(kind)}</b> ({esc(device)}) · embeddings: <b>{esc(status.get('embed_model'))}"
        f"</b> · <b>{_number(status.get('papers')):,}</b> papers · "
        f"<b>{_number(status.get('chunks')):,}</b> chunks</div>"
    )


def _number(value: object) -> int:
    return value if isinstance(value, int) else 0


PAPER_HEADERS = ["Title", "Date", "Authors", "Source", "ID"]


def paper_rows(
    papers: Iterable[Paper], query: str = "", filters: Filters | None = None
) -> list[list[object]]:
    """Table rows (PAPER_HEADERS) of the papers matching every word of query and the limits.

    Values are plain text; the table component shows them as text. The limits are the ones
    questions use (`Filters.accepts`): a paper with an unknown date or author count fails any
    limit on it.
    """
    words = query.casefold().split()
    limits = filters or Filters()
    rows: list[list[object]] = []
    for p in papers:
        haystack = f"{p.title} {p.abstract} {p.paper_id}".casefold()
        if any(w not in haystack for w in words):
            continue
        if not limits.accepts({"published": p.published, "authors_count": p.authors_count}):
            continue
        rows.append(
            [
                p.title,
                p.published or "",
                p.authors_count,
                Path(p.source_file).name if p.source_file else "",
                p.paper_id,
            ]
        )
    return rows


def paper_html(paper: Paper | None) -> str:
    """A paper's title, listing details and abstract, for the Papers tab."""
    if paper is None:
        return (
            '<div class="pa-paper pa-empty">Select a paper in the table to read its abstract.</div>'
        )
    source = Path(paper.source_file).name if paper.source_file else "unknown source"
    return (
        f'<div class="pa-paper"><h3>{esc(paper.title)}</h3>'
        f"{meta_line(paper.published, paper.authors_count, esc(source))}"
        f'<div class="pa-abstract">{esc(paper.abstract)}</div></div>'
    )


def summary_html(summary: Summary) -> str:
    """A one-paper summary: TL;DR, bullets, how well it is supported, by which model."""
    items = "".join(f"<li>{esc(b)}</li>" for b in summary.bullets)
    model = f" · {esc(summary.model)}" if summary.model else ""
    return (
        f'<div class="pa-summary"><h4>{esc(summary.title)}</h4>'
        f"<p><b>TL;DR:</b> {esc(summary.tldr)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + f'<div class="pa-meta">support {summary.support:.0%}{model}</div></div>'
    )


def digest_html(markdown: str) -> str:
    """A digest's markdown shown safely: headings, bullets, paragraphs and [n] markers only."""
    out: list[str] = []
    bullets: list[str] = []

    def flush() -> None:
        if bullets:
            out.append("<ul>" + "".join(bullets) + "</ul>")
            bullets.clear()

    for line in markdown.splitlines():
        text = line.strip()
        heading = re.match(r"^(#{1,4})\s+(.*)", text)
        item = re.match(r"^(?:[-*]|\d+\.)\s+(.*)", text)
        if item:
            label = re.match(r"^\*\*(.+?)\*\*:\s*(.*)", item.group(1))  # "- **Title**: claim [1]"
            body = (
                f"<b>{esc(unescape_markdown(label.group(1)))}</b>: "
                f"{_refs(unescape_markdown(label.group(2)))}"
                if label
                else _refs(unescape_markdown(item.group(1)))
            )
            bullets.append(f"<li>{body}</li>")
            continue
        flush()
        if heading:
            level = min(len(heading.group(1)) + 2, 6)
            out.append(f"<h{level}>{_refs(unescape_markdown(heading.group(2)))}</h{level}>")
        elif text:
            out.append(f"<p>{_refs(unescape_markdown(text))}</p>")
    flush()
    return '<div class="pa-digest">' + "".join(out) + "</div>"


def _refs(text: str) -> str:
    """Escaped text with [n] markers styled as citations (not links: a digest has no panel)."""
    out, at = [], 0
    for match in MARKER.finditer(text):
        out += [esc(text[at : match.start()]), f'<sup class="pa-ref">[{esc(match.group(1))}]</sup>']
        at = match.end()
    out.append(esc(text[at:]))
    return "".join(out)


def message_html(text: str, kind: str = "info") -> str:
    """A one-line notice (info, ok, error) for uploads and summaries."""
    return f'<div class="pa-msg pa-msg-{esc(kind)}">{esc(text)}</div>'
