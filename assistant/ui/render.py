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
from urllib.parse import quote, urlsplit

from assistant.asks import parse_asks
from assistant.citations import MARKER
from assistant.digest import unescape_markdown
from assistant.export import links
from assistant.filters import Filters
from assistant.types import Abstention, Answer, Citation, Mode, Paper, Summary

# Beyond html.escape: template ($ { } `) and markdown (* _ ~ [ ] # |) characters, so the
# same HTML is inert in gr.HTML's template literal and in any markdown renderer.
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "&<>\"'`${}*_~[]#|\\"})
LOW_SUPPORT = 0.67  # below this share of supported sentences an answer (or summary) is flagged
_WEB = ("http", "https")  # the only link schemes shown


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


# Why an answer abstained, in the words the transcript shows.
REASONS = {
    Abstention.OFF_TOPIC: "nothing indexed is close to the question",
    Abstention.NO_EVIDENCE: "no abstract sentence answers it",
    Abstention.NUMBER_NOT_GIVEN: "no close abstract gives the number asked for",
    Abstention.UNKNOWN_NAME: "no close abstract mentions a name the question uses",
    Abstention.FALSE_PREMISE: "the paper reports the opposite of what the question assumes",
    Abstention.METADATA_MISSING: "the listing lacks the detail asked about",
    Abstention.NO_MATCH: "no paper fits",
    Abstention.NOT_STATED: "the closest paper states none of what is asked",
}


def reason_text(answer: Answer) -> str:
    """Why an answer gives no answer, in words ("" when it answers).

    An answer declined for its premise says so even when it carries no reason.
    """
    if answer.reason is not None:
        return REASONS.get(answer.reason, str(answer.reason))
    if answer.mode == Mode.FALSE_PREMISE:
        return REASONS[Abstention.FALSE_PREMISE]
    return "the indexed abstracts do not answer it" if answer.abstained else ""


def answered_asks(answer: Answer) -> list[str]:
    """The asks of a partial answer's question that it does answer (those not `missing`).

    Answer("Which space is a grammar, and how many GPUs did it use?", ...,
    missing=("how many GPUs did it use",)) -> ["Which space is a grammar"]
    """
    missing = {m.casefold() for m in answer.missing}
    return [a.text for a in parse_asks(answer.question).asks if a.text.casefold() not in missing]


def _support_badge(answer: Answer) -> str:
    if answer.mode == Mode.FALSE_PREMISE:
        return '<span class="pa-badge pa-badge-abstained">false premise</span>'
    if answer.abstained:
        return '<span class="pa-badge pa-badge-abstained">no answer in the abstracts</span>'
    level = "ok" if answer.support >= LOW_SUPPORT else "low"
    label = "support" if level == "ok" else "low support"
    badge = f'<span class="pa-badge pa-badge-{level}">{label} {answer.support:.0%}</span>'
    if answer.mode != Mode.GENERATED:
        badge += f' <span class="pa-badge pa-badge-mode">{esc(answer.mode)}</span>'
    if answer.missing:
        badge += ' <span class="pa-badge pa-badge-partial">partial answer</span>'
    return badge


def answer_class(answer: Answer) -> str:
    """The CSS class that styles an answer by how far it can be trusted."""
    if answer.abstained:
        return "pa-abstained"
    if answer.support < LOW_SUPPORT:
        return "pa-low"
    return f"pa-{esc(answer.mode)}" + (" pa-partial" if answer.missing else "")


def _state_html(answer: Answer) -> str:
    """What kind of answer this is, beyond its text: why it abstained, which asks it answers
    and which it cannot, how many list entries are sure."""
    if answer.abstained or answer.mode == Mode.FALSE_PREMISE:
        reason = esc(answer.reason or answer.mode)
        return (
            f'<div class="pa-reason" data-reason="{reason}"><b>Why no answer:</b> '
            f"{esc(reason_text(answer))}</div>"
        )
    if answer.missing:
        answered = "".join(f"<li>{esc(a)}</li>" for a in answered_asks(answer))
        missing = "".join(f"<li>{esc(m)}</li>" for m in answer.missing)
        return (
            '<div class="pa-asks">'
            + (
                f'<div class="pa-answered"><b>Answered</b><ul>{answered}</ul></div>'
                if answered
                else ""
            )
            + f'<div class="pa-missing"><b>Not in the abstracts</b><ul>{missing}</ul></div></div>'
        )
    if answer.mode == Mode.LIST:
        weak = sum(c.weak for c in answer.citations)
        sure = len(answer.citations) - weak
        text = f"{sure} sure match{'es' if sure != 1 else ''}"
        if weak:
            text += f" · {weak} weaker match{'es' if weak != 1 else ''} (may also fit)"
        return f'<div class="pa-tiers">{text}</div>'
    return ""


def safe_links(paper: Paper | None) -> list[tuple[str, str]]:
    """A paper's (label, URL) links that are web pages: its DOI, its arXiv page, else its URL."""
    if paper is None:
        return []
    return [(label, url) for label, url in links(paper) if urlsplit(url).scheme in _WEB]


def reference_link(paper: Paper | None, paper_id: str) -> str:
    """Where a reference leads: its arXiv or DOI page when known, else its paper view."""
    found = safe_links(paper)
    if found:
        return " · ".join(
            f'<a class="pa-link" href="{esc(url)}" target="_blank" rel="noopener noreferrer">'
            f"{esc(label)}</a>"
            for label, url in found
        )
    return f'<a class="pa-open" href="#" data-paper="{esc(paper_id)}">paper view</a>'


def _references(answer: Answer, index: int, papers: dict[str, Paper]) -> str:
    def item(c: Citation) -> str:
        paper = papers.get(c.paper_id)
        weak = ' class="pa-weak"' if c.weak else ""
        return (
            f"<li{weak}>{cite_link(index, c.key)} {esc(c.title)} "
            f'<span class="pa-ref-links">{reference_link(paper, c.paper_id)}</span></li>'
        )

    sure = "".join(item(c) for c in answer.citations if not c.weak)
    weak = "".join(item(c) for c in answer.citations if c.weak)
    out = f'<ol class="pa-refs">{sure}</ol>' if sure else ""
    if weak:
        out += (
            '<div class="pa-weak-head">May also match, on weaker evidence</div>'
            f'<ol class="pa-refs pa-refs-weak">{weak}</ol>'
        )
    return out


def data_url(text: str, mime: str) -> str:
    """Text as a data: URL that a download link can offer: data_url("a b", "text/plain") ->
    'data:text/plain;charset=utf-8,a%20b'."""
    return f"data:{mime};charset=utf-8,{quote(text, safe='')}"


def takeaway_html(answer: Answer, index: int) -> str:
    """An answer to take away: copy it as Markdown with its numbered references, download that
    Markdown, or download the cited papers as BibTeX; the Markdown is shown too."""
    markdown = answer.to_markdown()
    bibtex = answer.to_bibtex()
    name = f"answer-{index + 1}"
    bib = (
        f'<a class="pa-download pa-bib" download="{name}.bib" '
        f'href="{esc(data_url(bibtex, "application/x-bibtex"))}">Download .bib</a>'
        if bibtex
        else ""
    )
    return (
        '<div class="pa-takeaway">'
        '<button type="button" class="pa-copy">Copy as Markdown</button> '
        f'<a class="pa-download pa-md-file" download="{name}.md" '
        f'href="{esc(data_url(markdown, "text/markdown"))}">Download .md</a> {bib}'
        '<details class="pa-md-view"><summary>Markdown</summary>'
        f'<pre class="pa-md">{esc(markdown)}</pre></details></div>'
    )


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
        papers = {**turn.papers, **{p.paper_id: p for p in a.references}}
        body = (
            f'<div class="pa-a {answer_class(a)}" data-support="{a.support:.3f}" '
            f'data-mode="{esc(a.mode)}">'
            f'<div class="pa-badges">{_support_badge(a)}</div>'
            f"{_state_html(a)}"
            f'<div class="pa-text">{cited_text(a.text, index, keys)}</div>'
            f"{_references(a, index, papers)}{takeaway_html(a, index)}</div>"
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
            highlight(paper.abstract, c.sentences)
            if paper
            else " ".join(f"<mark>{esc(x)}</mark>" for x in c.sentences)
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


def support_badge(support: float) -> str:
    """A summary's support as a badge, amber under LOW_SUPPORT."""
    level = "ok" if support >= LOW_SUPPORT else "low"
    label = "support" if level == "ok" else "low support"
    return f'<span class="pa-badge pa-badge-{level}">{label} {support:.0%}</span>'


def summary_html(summary: Summary) -> str:
    """A one-paper summary: TL;DR, bullets, how well it is supported, by which model."""
    items = "".join(f"<li>{esc(b)}</li>" for b in summary.bullets)
    model = f" · {esc(summary.model)}" if summary.model else ""
    return (
        f'<div class="pa-summary"><h4>{esc(summary.title)}</h4>'
        f"<p><b>TL;DR:</b> {esc(summary.tldr)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
        + f'<div class="pa-meta">{support_badge(summary.support)}{model}</div></div>'
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


def filters_line(filters: Filters, bad: int = 0) -> str:
    """The limits in force, shown above the results (the clear button sits beside it).

    filters_line(Filters("2023-01-01", min_authors=3))
    -> '<div class="pa-active-filters pa-on">Filters: <b>since 2023-01-01, 3+ authors</b></div>'
    filters_line(Filters()) -> '... All papers (no filters) ...'
    """
    if filters:
        text = f"Filters: <b>{esc(filters.describe())}</b>"
        kind = "pa-on"
    else:
        text, kind = "All papers (no filters)", "pa-off"
    if bad:
        text += f" · {bad} filter{'s' if bad != 1 else ''} with a bad value not applied"
    return f'<div class="pa-active-filters {kind}">{text}</div>'


def field_error(text: str) -> str:
    """A bad value's error, shown under its box ("" when the value is fine)."""
    return f'<div class="pa-field-error" role="alert">{esc(text)}</div>' if text else ""


def message_html(text: str, kind: str = "info") -> str:
    """A one-line notice (info, ok, error) for uploads and summaries."""
    return f'<div class="pa-msg pa-msg-{esc(kind)}">{esc(text)}</div>'
