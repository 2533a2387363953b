"""The Gradio Blocks app: layout and callbacks over an Assistant it is given (display code only).

This is the only module that imports gradio. Everything shown is built by `render`, which
escapes what comes from abstracts, uploads and models.
"""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no phoning home

from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402 - gradio's own dependency; keeps headers on an empty table

from assistant.api import Assistant  # noqa: E402
from assistant.digest import digest  # noqa: E402
from assistant.errors import AssistantError, InputError  # noqa: E402
from assistant.filters import Filters, parse_date  # noqa: E402
from assistant.followup import rewrite  # noqa: E402
from assistant.local_server import ENDPOINT, server_reply  # noqa: E402
from assistant.summaries import summary_for  # noqa: E402
from assistant.types import Answer  # noqa: E402
from assistant.ui import render  # noqa: E402

UPLOAD_TYPES = (".txt", ".jsonl", ".csv")
MAX_UPLOAD_MB = 20
# Requests beyond these wait in the queue (with their position shown) rather than fail.
DEFAULT_CONCURRENCY = 4  # cheap events: tables, status, paper views
MODEL_CONCURRENCY = 1  # the model generates one answer at a time
QUEUE_SIZE = 64

CSS = """
.pa-status { font-size: .9em; color: var(--body-text-color-subdued); }
.pa-transcript { display: flex; flex-direction: column; gap: 14px; padding: 4px; }
.pa-asked { font-size: .85em; color: var(--body-text-color-subdued); font-style: italic; }
.pa-a { border-left: 4px solid #16a34a; padding: 8px 12px; border-radius: 6px; margin-top: 6px;
        background: var(--background-fill-secondary); }
.pa-a.pa-extractive { border-left-color: #2563eb; }
.pa-a.pa-low { border-left-color: #d97706; background: rgba(217, 119, 6, .10); }
.pa-a.pa-abstained { border-left: 4px dashed #6b7280; font-style: italic;
                     color: var(--body-text-color-subdued); }
.pa-a.pa-draft { border-left-color: #9ca3af; color: var(--body-text-color-subdued); }
.pa-a.pa-error { border-left-color: #dc2626; }
.pa-badge { font-size: .75em; padding: 1px 8px; border-radius: 999px; font-weight: 600;
            font-style: normal; }
.pa-badge-ok { background: #dcfce7; color: #166534; }
.pa-badge-low { background: #fef3c7; color: #92400e; }
.pa-badge-abstained { background: #e5e7eb; color: #374151; }
.pa-badge-mode { background: #dbeafe; color: #1e40af; }
a.pa-cite { color: #2563eb; font-weight: 600; text-decoration: none; cursor: pointer;
            padding: 0; margin: 0 0 0 2px; }
#pa-papers td, #pa-papers th, #pa-papers span { font-family: var(--font); }
a.pa-cite:hover { text-decoration: underline; }
.pa-refs { font-size: .85em; margin: 6px 0 0; padding-left: 0; list-style: none; }
.pa-turn-sources { display: none; }
.pa-turn-sources.pa-shown { display: block; }
.pa-for { font-weight: 600; margin-bottom: 6px; }
.pa-src { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 6px 10px;
          margin-bottom: 8px; }
.pa-src.pa-active { border-color: #2563eb; box-shadow: 0 0 0 2px rgba(37, 99, 235, .25); }
.pa-src summary { cursor: pointer; }
.pa-meta { font-size: .8em; color: var(--body-text-color-subdued); }
.pa-abstract { font-size: .9em; line-height: 1.5; margin-top: 6px; }
.pa-abstract mark, .pa-sources mark { background: #fde68a; color: #111; padding: 0 2px; }
.pa-others { font-size: .85em; }
.pa-msg-error { color: #b91c1c; font-weight: 600; }
.pa-msg-ok { color: #166534; font-weight: 600; }
.pa-empty { color: var(--body-text-color-subdued); font-style: italic; padding: 12px; }
"""

# Clicking [n] in an answer shows that answer's sources, opens the cited paper's card and
# scrolls it into view. Event delegation on the transcript survives re-renders.
CITE_JS = """
element.addEventListener('click', (event) => {
  const link = event.target.closest('a.pa-cite');
  if (!link) return;
  event.preventDefault();
  const card = document.getElementById(link.getAttribute('href').slice(1));
  if (!card) return;
  const group = card.closest('.pa-turn-sources');
  document.querySelectorAll('.pa-turn-sources').forEach(
    (g) => g.classList.toggle('pa-shown', g === group));
  document.querySelectorAll('.pa-src.pa-active').forEach((c) => c.classList.remove('pa-active'));
  card.open = true;
  card.classList.add('pa-active');
  card.scrollIntoView({block: 'nearest', behavior: 'smooth'});
});
"""


def _date(text: str | None) -> str | None:
    """A date box's value, checked as the CLI and the API check dates."""
    try:
        return parse_date(text)
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def _count(value: float | None) -> int | None:
    """An author-count limit; 0 means none (gr.Number shows and may send 0 for an empty box)."""
    return int(value) if value else None


def _filters(
    after: str, before: str, min_authors: float | None, max_authors: float | None
) -> Filters:
    try:
        return Filters(after, before, _count(min_authors), _count(max_authors))
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def _input_error(exc: InputError) -> str:
    """The problem, naming the uploaded file as the user named it (not the temp path)."""
    where = Path(exc.path).name + (f":{exc.line}" if exc.line is not None else "")
    return f"{where}: {exc.reason}"


def build_app(assistant: Assistant) -> gr.Blocks:
    """The web UI over one Assistant: chat, papers, summaries, uploads and a status line."""

    def status() -> str:
        return render.status_html(assistant.status())

    # -- chat ----------------------------------------------------------------------------------
    def chat(
        question: str,
        turns: list[render.Turn],
        after: str,
        before: str,
        min_authors: float | None,
        max_authors: float | None,
    ) -> Iterator[tuple[Any, ...]]:
        question = " ".join((question or "").split())
        if not question:
            raise gr.Error("Type a question about the papers first.")
        filters = _filters(after, before, min_authors, max_authors)
        asked = rewrite(question, [t.asked for t in turns if t.answer is not None])
        turn = render.Turn(question, asked)
        turns = [*turns, turn]
        sources = render.sources_html(turns)
        yield "", turns, render.transcript_html(turns), sources, gr.skip()
        try:
            for item in assistant.stream(asked, filters=filters):
                if isinstance(item, Answer):
                    turn.answer = item
                    ids = [c.paper_id for c in item.citations]
                    turn.papers = {i: p for i in ids if (p := assistant.paper(i)) is not None}
                    sources = render.sources_html(turns)
                else:
                    turn.draft += item
                yield gr.skip(), turns, render.transcript_html(turns), sources, gr.skip()
        except AssistantError as exc:
            turn.error = str(exc)
        yield gr.skip(), turns, render.transcript_html(turns), sources, status()

    def ask_json(
        question: str,
        published_after: str = "",
        published_before: str = "",
        min_authors: float | None = None,
        max_authors: float | None = None,
    ) -> dict[str, Any]:
        """Headless API: one question -> the checked Answer as JSON (no chat history)."""
        filters = _filters(published_after, published_before, min_authors, max_authors)
        try:
            return assistant.ask(question, filters=filters).to_dict()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from exc

    def answer_record(
        question: str, filters: dict[str, Any], show_all: bool, settings_id: str
    ) -> dict[str, Any]:
        """For `assistant ask` on this machine (assistant/local_server.py): the Answer with the
        cited papers' records, or the error, as the CLI prints them."""
        try:
            limits = Filters(**filters)
        except (AssistantError, TypeError) as exc:
            return {"error": str(exc)}
        return server_reply(assistant, question, limits, show_all, settings_id)

    # -- papers --------------------------------------------------------------------------------
    def list_papers(
        query: str, after: str, before: str, min_authors: float | None, max_authors: float | None
    ) -> tuple[Any, ...]:
        filters = _filters(after, before, min_authors, max_authors)
        rows = render.paper_rows(assistant.papers(), query or "", filters)
        n = len(rows)
        note = render.message_html(f"{n} {'paper matches' if n == 1 else 'papers match'}", "info")
        return pd.DataFrame(rows, columns=render.PAPER_HEADERS), note

    def pick_paper(event: gr.SelectData) -> tuple[Any, ...]:
        row = event.row_value or []
        paper = assistant.paper(str(row[-1])) if row and row[-1] else None
        return render.paper_html(paper), (paper.paper_id if paper else None), ""

    def summarize(paper_id: str | None) -> str:
        if not paper_id:
            return render.message_html("Choose a paper first.", "error")
        paper = assistant.paper(paper_id)
        if paper is None:
            return render.message_html(f"No paper with id {paper_id}.", "error")
        try:
            return render.summary_html(summary_for(assistant, paper))
        except AssistantError as exc:
            return render.message_html(str(exc), "error")

    def write_digest(topic: str, since: str) -> str:
        if not (topic or "").strip() and not (since or "").strip():
            return render.message_html("Type a topic, a start date, or both.", "error")
        try:
            return render.digest_html(digest(assistant, topic, since=_date(since)))
        except AssistantError as exc:
            return render.message_html(str(exc), "error")

    def paper_choices() -> gr.Dropdown:
        return gr.Dropdown(choices=[(p.title, p.paper_id) for p in assistant.papers()])

    # -- uploads -------------------------------------------------------------------------------
    def add_files(
        files: list[str] | None,
        skip_bad: bool,
        progress: gr.Progress = gr.Progress(track_tqdm=True),  # noqa: B008 - gradio injects it
    ) -> tuple[Any, ...]:
        paths = [str(f) for f in files or []]
        if not paths:
            return render.message_html("Choose one or more files to add.", "error"), status()
        for path in paths:
            name, size = Path(path).name, os.path.getsize(path)
            if Path(path).suffix.lower() not in UPLOAD_TYPES:
                problem = f"{name}: unsupported file type; use {', '.join(UPLOAD_TYPES)}"
            elif size > MAX_UPLOAD_MB * 1024 * 1024:
                problem = f"{name}: {size / 2**20:.1f} MB is over the {MAX_UPLOAD_MB} MB limit"
            else:
                continue
            return render.message_html(f"Nothing was added. {problem}", "error"), status()
        progress(0, desc="Reading files")
        try:
            report = assistant.ingest(paths, skip_bad=skip_bad, progress=True)
        except InputError as exc:
            text = f"Nothing was added; the index is unchanged. {_input_error(exc)}"
            return render.message_html(text, "error"), status()
        except AssistantError as exc:
            return render.message_html(f"Nothing was added. {exc}", "error"), status()
        text = report.summary() + "".join(f"; skipped {_input_error(e)}" for e in report.skipped)
        return render.message_html(text, "ok" if not report.skipped else "info"), status()

    # -- layout --------------------------------------------------------------------------------
    model: dict[str, Any] = {"concurrency_limit": MODEL_CONCURRENCY, "concurrency_id": "model"}
    number_box: dict[str, Any] = {"value": None, "precision": 0, "minimum": 0, "placeholder": "any"}
    demo: gr.Blocks
    with gr.Blocks(title="Paper assistant", analytics_enabled=False) as demo:
        status_line = gr.HTML(render.status_html({}), elem_id="pa-status")
        with gr.Tabs():
            with gr.Tab("Chat", id="chat"):
                turns = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        transcript = gr.HTML(
                            render.transcript_html([]),
                            elem_id="pa-transcript",
                            js_on_load=CITE_JS,
                            autoscroll=True,
                            max_height=640,
                            min_height=300,
                        )
                        question = gr.Textbox(
                            label="Question",
                            elem_id="pa-question",
                            placeholder="e.g. Which papers improve long-context "
                            "attention? Follow-ups like 'and which of those "
                            "use MoE?' work too.",
                        )
                        with gr.Row():
                            ask_button = gr.Button("Ask", variant="primary", elem_id="pa-ask")
                            clear_button = gr.Button("New conversation")
                        with gr.Accordion("Limit the papers searched", open=False), gr.Row():
                            after = gr.Textbox(label="Published on or after (YYYY-MM-DD)")
                            before = gr.Textbox(label="Published on or before (YYYY-MM-DD)")
                            min_authors = gr.Number(label="At least N authors", **number_box)
                            max_authors = gr.Number(label="At most N authors", **number_box)
                    with gr.Column(scale=2):
                        sources = gr.HTML(
                            render.sources_html([]), elem_id="pa-sources", max_height=760
                        )
            with gr.Tab("Papers", id="papers"):
                with gr.Row():
                    search = gr.Textbox(
                        label="Search titles and abstracts", elem_id="pa-search", scale=3
                    )
                    p_after = gr.Textbox(label="From (YYYY-MM-DD)", elem_id="pa-from")
                    p_before = gr.Textbox(label="To (YYYY-MM-DD)", elem_id="pa-to")
                    p_min = gr.Number(label="Min authors", elem_id="pa-min-authors", **number_box)
                    p_max = gr.Number(label="Max authors", elem_id="pa-max-authors", **number_box)
                match_count = gr.HTML(elem_id="pa-count")
                table = gr.Dataframe(
                    headers=render.PAPER_HEADERS,
                    interactive=False,
                    datatype=["str", "str", "number", "str", "str"],
                    elem_id="pa-papers",
                    max_height=420,
                    wrap=True,
                    column_widths=["52%", "11%", "8%", "19%", "10%"],
                )
                selected = gr.State(None)
                with gr.Row():
                    paper_view = gr.HTML(render.paper_html(None), elem_id="pa-paper")
                    with gr.Column():
                        summarize_button = gr.Button("Summarize this paper", elem_id="pa-summarize")
                        paper_summary = gr.HTML(elem_id="pa-paper-summary")
            with gr.Tab("Summaries", id="summaries"), gr.Row():
                with gr.Column():
                    pick = gr.Dropdown(
                        label="Paper",
                        choices=[],
                        filterable=True,
                        allow_custom_value=True,
                        elem_id="pa-pick",
                    )
                    one_button = gr.Button("Summarize paper", variant="primary")
                    one_summary = gr.HTML(elem_id="pa-summary")
                with gr.Column():
                    topic = gr.Textbox(label="Topic", placeholder="e.g. mixture of experts")
                    since = gr.Textbox(label="Published on or after (YYYY-MM-DD, optional)")
                    digest_button = gr.Button("Write a cited digest", variant="primary")
                    digest_view = gr.HTML(elem_id="pa-digest")
            with gr.Tab("Add abstracts", id="add"):
                gr.Markdown(
                    f"Upload `.txt` (a Daily Papers page saved as text), `.jsonl` or "
                    f"`.csv` (columns `title`, `abstract`; optional `authors`, "
                    f"`published`), up to {MAX_UPLOAD_MB} MB each. A file with a bad row "
                    f"is rejected whole unless you choose to skip bad rows; papers "
                    f"already indexed are never removed."
                )
                files = gr.File(
                    label="Files",
                    file_count="multiple",
                    type="filepath",
                    file_types=list(UPLOAD_TYPES),
                    elem_id="pa-files",
                )
                skip_bad = gr.Checkbox(label="Skip bad rows and add the rest", value=False)
                add_button = gr.Button("Add to the index", variant="primary", elem_id="pa-add")
                add_result = gr.HTML(elem_id="pa-add-result")

        # -- events ----------------------------------------------------------------------------
        chat_in = [question, turns, after, before, min_authors, max_authors]
        chat_out = [question, turns, transcript, sources, status_line]
        ask_button.click(chat, chat_in, chat_out, api_name="chat", **model)
        question.submit(chat, chat_in, chat_out, api_visibility="private", **model)
        clear_button.click(
            lambda: ([], render.transcript_html([]), render.sources_html([])),
            None,
            [turns, transcript, sources],
            api_visibility="private",
        )
        gr.api(ask_json, api_name="ask", **model)  # type: ignore[attr-defined]
        gr.api(  # type: ignore[attr-defined]
            answer_record, api_name=ENDPOINT, api_visibility="undocumented", **model
        )

        filters = [search, p_after, p_before, p_min, p_max]
        listed = [table, match_count]
        search.change(list_papers, filters, listed, api_name="papers")
        for date_box in (p_after, p_before):  # filter once a date is complete, not per keystroke
            date_box.submit(list_papers, filters, listed, api_visibility="private")
            date_box.blur(list_papers, filters, listed, api_visibility="private")
        for number in (p_min, p_max):
            number.change(list_papers, filters, listed, api_visibility="private")
        table.select(
            pick_paper, None, [paper_view, selected, paper_summary], api_visibility="private"
        )
        summarize_button.click(
            summarize,
            selected,
            paper_summary,
            api_name="summarize_selected",
            api_visibility="private",
            **model,
        )
        one_button.click(summarize, pick, one_summary, api_name="summarize", **model)
        digest_button.click(write_digest, [topic, since], digest_view, api_name="digest", **model)
        add_button.click(
            add_files,
            [files, skip_bad],
            [add_result, status_line],
            api_name="add",
            concurrency_limit=1,
            concurrency_id="ingest",
        ).then(list_papers, filters, listed, api_visibility="private").then(
            paper_choices, None, pick, api_visibility="private"
        )

        demo.load(status, None, status_line, api_name="status")
        demo.load(list_papers, filters, listed, api_visibility="private")
        demo.load(paper_choices, None, pick, api_visibility="private")
    demo.queue(default_concurrency_limit=DEFAULT_CONCURRENCY, max_size=QUEUE_SIZE)
    return demo


def launch(
    demo: gr.Blocks, host: str, port: int, credentials: tuple[str, str] | None, block: bool = True
) -> None:
    """Start the server: local by default, never a public share link, no SSR node server."""
    demo.launch(
        server_name=host,
        server_port=port,
        auth=credentials,
        share=False,
        max_file_size=f"{MAX_UPLOAD_MB}mb",
        prevent_thread_lock=not block,
        ssr_mode=False,
        mcp_server=False,
        show_error=True,
        quiet=True,
        css=CSS,
        footer_links=["api", "settings"],
    )
