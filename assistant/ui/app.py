"""The Gradio Blocks app: layout and callbacks over an Assistant it is given (display code only).

This is the only module that imports gradio. Everything shown is built by `render` and
`library`, which escape what comes from abstracts, uploads and models.
"""

from __future__ import annotations

import os

os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"  # before gradio is imported: no phoning home

import dataclasses  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Iterator, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import gradio as gr  # noqa: E402
import pandas as pd  # noqa: E402 - gradio's own dependency; keeps headers on an empty table

from assistant.answer import cited_papers  # noqa: E402
from assistant.api import Assistant  # noqa: E402
from assistant.digest import digest  # noqa: E402
from assistant.errors import AssistantError, InputError  # noqa: E402
from assistant.filters import FORM_FIELDS, Filters, filters_from_form, parse_date  # noqa: E402
from assistant.followup import rewrite  # noqa: E402
from assistant.local_server import ENDPOINT, server_reply  # noqa: E402
from assistant.summaries import summary_for  # noqa: E402
from assistant.summary_run import SummaryRun  # noqa: E402
from assistant.summary_store import (  # noqa: E402
    latest_by_paper,
    read_summaries,
    render_csv,
    render_markdown,
)
from assistant.types import Answer, Summary  # noqa: E402
from assistant.ui import library, render  # noqa: E402
from assistant.ui.assets import CSS, TRANSCRIPT_JS  # noqa: E402

UPLOAD_TYPES = (".txt", ".jsonl", ".csv")
MAX_UPLOAD_MB = 20
# Requests beyond these wait in the queue (with their position shown) rather than fail.
DEFAULT_CONCURRENCY = 4  # cheap events: tables, status, paper views
MODEL_CONCURRENCY = 1  # the model generates one answer at a time
QUEUE_SIZE = 64
POLL_SECONDS = 1.0  # how often an open page refreshes a running batch's progress

# A filter form's boxes, in FORM_FIELDS order: (label, element id suffix, name in errors).
FILTER_BOXES = (
    ("From (YYYY-MM-DD)", "from", "From"),
    ("To (YYYY-MM-DD)", "to", "To"),
    ("Min authors", "min-authors", "Min authors"),
    ("Max authors", "max-authors", "Max authors"),
    ("Author name", "author", "Author"),
    ("Venue", "venue", "Venue"),
)
DATE_BOXES = 2  # the first two: checked once a date is complete, not per keystroke


def _date(text: str | None) -> str | None:
    """A date box's value, checked as the CLI and the API check dates."""
    try:
        return parse_date(text)
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def _count(value: float | None) -> int | None:
    """An author-count limit from the API; 0 means none (as gr.Number sends an empty box)."""
    return int(value) if value else None


def _filters(
    after: str, before: str, min_authors: float | None, max_authors: float | None
) -> Filters:
    try:
        return Filters(after, before, _count(min_authors), _count(max_authors))
    except AssistantError as exc:
        raise gr.Error(str(exc)) from None


def _read_form(values: Sequence[str | None]) -> tuple[Filters, list[str]]:
    """The filters a form asks for (bad boxes left out) and each box's error ("" when fine)."""
    labels = {field: box[2] for field, box in zip(FORM_FIELDS, FILTER_BOXES, strict=True)}
    filters, errors = filters_from_form(dict(zip(FORM_FIELDS, values, strict=True)), labels)
    return filters, [errors.get(field, "") for field in FORM_FIELDS]


def _form_outputs(filters: Filters, errors: list[str]) -> list[Any]:
    """A form's active-filter line, its clear button and its error lines, in that order."""
    bad = sum(bool(e) for e in errors)
    return [
        render.filters_line(filters, bad),
        gr.Button(visible=bool(filters) or bad > 0),
        *(render.field_error(e) for e in errors),
    ]


@dataclasses.dataclass
class FilterForm:
    """The widgets of one filter form: six boxes, an error line under each, the active-filter
    line and its clear button."""

    boxes: list[Any]
    errors: list[Any]
    line: Any
    clear: Any

    @property
    def state(self) -> list[Any]:
        """What a check of the form updates: the line, the clear button, the errors."""
        return [self.line, self.clear, *self.errors]


def filter_boxes(prefix: str) -> tuple[list[Any], list[Any]]:
    """Six filter boxes in a row, an error line under each (inside the caller's layout).

    Counts are text boxes: gr.Number shows an empty value as 0, which reads as "no authors".
    """
    boxes: list[Any] = []
    errors: list[Any] = []
    with gr.Row():
        for label, suffix, _ in FILTER_BOXES:
            with gr.Column(min_width=150, elem_classes="pa-filter-col"):
                boxes.append(
                    gr.Textbox(
                        label=label, placeholder="any", elem_id=f"pa-{prefix}{suffix}", max_lines=1
                    )
                )
                errors.append(gr.HTML("", elem_id=f"pa-{prefix}{suffix}-error"))
    return boxes, errors


def filter_line(prefix: str) -> tuple[Any, Any]:
    """The active-filter line and its clear button, above the results."""
    with gr.Row(elem_classes="pa-filter-bar"):
        line = gr.HTML(render.filters_line(Filters()), elem_id=f"pa-{prefix}filters")
        clear = gr.Button(
            "clear", size="sm", visible=False, elem_id=f"pa-{prefix}clear", scale=0, min_width=70
        )
    return line, clear


def _input_error(exc: InputError) -> str:
    """The problem, naming the uploaded file as the user named it (not the temp path)."""
    where = Path(exc.path).name + (f":{exc.line}" if exc.line is not None else "")
    return f"{where}: {exc.reason}"


def build_app(assistant: Assistant) -> gr.Blocks:
    """The web UI over one Assistant: chat, papers, summaries, uploads and a status line."""
    run = SummaryRun(assistant)
    exports = Path(tempfile.mkdtemp(prefix="pa-export-"))

    def status() -> str:
        return render.status_html(assistant.status())

    def stored() -> dict[str, Summary]:
        return latest_by_paper(read_summaries(assistant.settings.summaries_path()))

    def check_form(*values: str) -> list[Any]:
        return _form_outputs(*_read_form(values))

    def form_filters(values: Sequence[str]) -> Filters:
        """The filters an API call asks for, or a gr.Error naming each bad value."""
        filters, errors = _read_form(values)
        if any(errors):
            raise gr.Error("; ".join(e for e in errors if e), print_exception=False)
        return filters

    # -- chat ----------------------------------------------------------------------------------
    def chat(question: str, turns: list[render.Turn], *values: str) -> Iterator[tuple[Any, ...]]:
        question = " ".join((question or "").split())
        if not question:
            raise gr.Error("Type a question about the papers first.")
        filters, errors = _read_form(values)
        if any(errors):  # the form's check shows each under its box
            gr.Warning("A filter has a bad value (shown under its box); nothing was asked.")
            yield gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
            return
        asked = rewrite(question, [t.asked for t in turns if t.answer is not None])
        turn = render.Turn(question, asked)
        turns = [*turns, turn]
        sources = render.sources_html(turns)
        yield "", turns, render.transcript_html(turns), sources, gr.skip()
        try:
            for item in assistant.stream(asked, filters=filters):
                if isinstance(item, Answer):
                    turn.papers = assistant.get_papers(c.paper_id for c in item.citations)
                    if not item.references:
                        item = dataclasses.replace(
                            item, references=cited_papers(item.citations, turn.papers)
                        )
                    turn.answer = item
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
    def list_papers(query: str, *values: str) -> tuple[Any, ...]:
        filters, errors = _read_form(values)
        if any(errors):  # shown under the boxes by the form's check; the table stays
            return gr.skip(), gr.skip(), gr.skip()
        rows, ids = library.paper_rows(assistant.papers(), query or "", filters)
        n = len(rows)
        note = render.message_html(f"{n} {'paper matches' if n == 1 else 'papers match'}", "info")
        listing = [[*row, pid] for row, pid in zip(rows, ids, strict=True)]
        return pd.DataFrame(rows, columns=library.PAPER_HEADERS), listing, note

    def papers_json(
        query: str = "",
        published_after: str = "",
        published_before: str = "",
        min_authors: str = "",
        max_authors: str = "",
        author: str = "",
        venue: str = "",
    ) -> list[dict[str, str]]:
        """Headless API: the papers the Papers tab would list, each with its id."""
        values = (published_after, published_before, min_authors, max_authors, author, venue)
        filters = form_filters(values)
        rows, ids = library.paper_rows(assistant.papers(), query or "", filters)
        keys = ("title", "date", "authors", "venue", "source")
        return [
            {"paper_id": pid, **dict(zip(keys, row, strict=True))}
            for row, pid in zip(rows, ids, strict=True)
        ]

    def show_paper(paper_id: str | None) -> tuple[Any, ...]:
        paper = assistant.paper(paper_id) if paper_id else None
        summary = stored().get(paper.paper_id) if paper else None
        view = library.stored_summary_html(summary) if paper else ""
        return library.paper_html(paper), (paper.paper_id if paper else None), view

    def pick_paper(listing: list[list[str]], event: gr.SelectData) -> tuple[Any, ...]:
        # The table may be sorted in the browser: find the row by its values, its index first.
        row = ["" if v is None else str(v) for v in (event.row_value or [])]
        index = event.index[0] if isinstance(event.index, (list, tuple)) else event.index
        rows = listing or []
        if isinstance(index, int) and 0 <= index < len(rows) and rows[index][:-1] == row:
            return show_paper(rows[index][-1])
        return show_paper(next((r[-1] for r in rows if r[:-1] == row), None))

    def open_paper(event: gr.EventData) -> tuple[Any, ...]:
        paper_id = event._data.get("paper_id") if isinstance(event._data, dict) else None
        if not paper_id:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return (*show_paper(str(paper_id)), gr.Tabs(selected="papers"))

    def ask_about(paper_id: str | None) -> tuple[Any, ...]:
        paper = assistant.paper(paper_id) if paper_id else None
        if paper is None:
            gr.Warning("Choose a paper in the table first.")
            return gr.skip(), gr.skip()
        return f'What does the paper "{paper.title}" find?', gr.Tabs(selected="chat")

    def summarize_one(paper_id: str) -> str:
        """One paper's checked summary (from the summaries file when current) as HTML."""
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

    # -- summaries library ---------------------------------------------------------------------
    def show_library(query: str, view: str) -> tuple[str, str]:
        papers, summaries = assistant.papers(), stored()
        entries = library.library_entries(papers, summaries, query or "", view)
        return library.library_html(entries), library.library_count(papers, summaries, len(entries))

    def poll(query: str, view: str) -> tuple[Any, ...]:
        progress = run.progress()
        return (
            library.progress_html(progress),
            *show_library(query, view),
            gr.Timer(active=progress.active),
        )

    def start_run(query: str, view: str) -> tuple[Any, ...]:
        if not run.start():
            gr.Info("A batch run is already going.")
        return poll(query, view)

    def stop_run() -> str:
        run.stop()
        return library.progress_html(run.progress())

    def export(kind: str) -> Any:
        papers = {p.paper_id for p in assistant.papers()}
        records = [s for s in stored().values() if s.paper_id in papers]
        if not records:
            raise gr.Error("No summaries yet: summarize some papers first.")
        text = render_markdown(records) if kind == "md" else render_csv(records)
        path = exports / f"paper-summaries.{kind}"
        path.write_text(text, encoding="utf-8")
        return gr.File(str(path), visible=True)

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
    quiet: dict[str, Any] = {"api_visibility": "private", "show_progress": "hidden"}
    demo: gr.Blocks
    with gr.Blocks(title="Paper assistant", analytics_enabled=False) as demo:
        status_line = gr.HTML(render.status_html({}), elem_id="pa-status")
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"):
                turns = gr.State([])
                with gr.Row():
                    with gr.Column(scale=3):
                        chat_line, chat_clear = filter_line("chat-")
                        transcript = gr.HTML(
                            render.transcript_html([]),
                            elem_id="pa-transcript",
                            js_on_load=TRANSCRIPT_JS,
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
                        with gr.Accordion(
                            "Limit the papers searched", open=False, elem_id="pa-chat-limits"
                        ):
                            chat_boxes, chat_errors = filter_boxes("chat-")
                    with gr.Column(scale=2):
                        sources = gr.HTML(
                            render.sources_html([]), elem_id="pa-sources", max_height=760
                        )
            with gr.Tab("Papers", id="papers"):
                search = gr.Textbox(
                    label="Search titles, abstracts and authors", elem_id="pa-search"
                )
                paper_boxes, paper_errors = filter_boxes("")
                paper_line, paper_clear = filter_line("")
                match_count = gr.HTML(elem_id="pa-count")
                table = gr.Dataframe(
                    headers=library.PAPER_HEADERS,
                    interactive=False,
                    datatype=["str"] * len(library.PAPER_HEADERS),
                    elem_id="pa-papers",
                    max_height=420,
                    wrap=True,
                    column_widths=["40%", "10%", "22%", "12%", "16%"],
                )
                listing = gr.State([])  # each shown row's values and its paper id, last
                selected = gr.State(None)
                with gr.Row():
                    paper_view = gr.HTML(library.paper_html(None), elem_id="pa-paper")
                    with gr.Column():
                        with gr.Row():
                            ask_paper = gr.Button("Ask about this paper", elem_id="pa-ask-paper")
                            summarize_button = gr.Button(
                                "Summarize this paper", elem_id="pa-summarize"
                            )
                        paper_summary = gr.HTML(elem_id="pa-paper-summary")
            with gr.Tab("Summaries", id="summaries"):
                with gr.Row():
                    lib_search = gr.Textbox(
                        label="Search summaries", elem_id="pa-lib-search", scale=3
                    )
                    lib_view = gr.Radio(
                        [v.value for v in library.LibraryView],
                        value=library.LibraryView.SUMMARIZED.value,
                        label="Show",
                        elem_id="pa-lib-view",
                        scale=2,
                    )
                with gr.Row():
                    run_button = gr.Button(
                        "Summarize all (start or resume)", variant="primary", elem_id="pa-run"
                    )
                    stop_button = gr.Button("Stop", variant="stop", elem_id="pa-stop")
                    export_md = gr.Button("Export Markdown", elem_id="pa-export-md")
                    export_csv = gr.Button("Export CSV", elem_id="pa-export-csv")
                progress_view = gr.HTML(
                    library.progress_html(run.progress()), elem_id="pa-progress"
                )
                export_file = gr.File(
                    label="Export", elem_id="pa-export", interactive=False, visible=False
                )
                lib_count = gr.HTML(elem_id="pa-lib-count")
                library_view = gr.HTML(elem_id="pa-library", max_height=640)
                timer = gr.Timer(POLL_SECONDS, active=False)
                with gr.Accordion("Write a cited digest", open=False):
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
        chat_form = FilterForm(chat_boxes, chat_errors, chat_line, chat_clear)
        paper_form = FilterForm(paper_boxes, paper_errors, paper_line, paper_clear)

        chat_in = [question, turns, *chat_form.boxes]
        chat_out = [question, turns, transcript, sources, status_line]
        ask_button.click(chat, chat_in, chat_out, api_name="chat", **model)
        question.submit(chat, chat_in, chat_out, api_visibility="private", **model)
        for trigger in (ask_button.click, question.submit):  # bad values shown under their boxes
            trigger(check_form, chat_form.boxes, chat_form.state, **quiet)
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
        gr.api(summarize_one, api_name="summarize", **model)  # type: ignore[attr-defined]

        papers_in = [search, *paper_form.boxes]
        papers_out = [table, listing, match_count]
        gr.api(papers_json, api_name="papers")  # type: ignore[attr-defined]
        # One listener per form for all its boxes, each run with the values at its time and
        # the next one only after it (always_last): leaving a date box (blur) and typing in the
        # next box (change) fire together, and a check with the older values must not land
        # last and wipe the newer one's error (it did, on a busy machine).
        in_turn = {**quiet, "trigger_mode": "always_last"}
        for form in (chat_form, paper_form):
            lists = form is paper_form
            triggers = [
                # A date is checked once complete (Enter or leaving the box), not per keystroke.
                event
                for n, box in enumerate(form.boxes)
                for event in ((box.submit, box.blur) if n < DATE_BOXES else (box.change,))
            ]
            gr.on(triggers, check_form, form.boxes, form.state, **in_turn)
            if lists:
                gr.on([search.change, *triggers], list_papers, papers_in, papers_out, **in_turn)
            cleared = form.clear.click(
                lambda: [""] * (2 * len(FORM_FIELDS)),
                None,
                [*form.boxes, *form.errors],
                api_visibility="private",
            ).then(check_form, form.boxes, form.state, **quiet)
            if lists:
                cleared.then(list_papers, papers_in, papers_out, **quiet)

        table.select(pick_paper, listing, [paper_view, selected, paper_summary], **quiet)
        transcript.click(open_paper, None, [paper_view, selected, paper_summary, tabs], **quiet)
        ask_paper.click(ask_about, selected, [question, tabs], api_visibility="private")
        summarize_button.click(
            summarize_one, selected, paper_summary, api_visibility="private", **model
        )
        digest_button.click(write_digest, [topic, since], digest_view, api_name="digest", **model)

        library_in = [lib_search, lib_view]
        library_out = [library_view, lib_count]
        polled = [progress_view, *library_out, timer]
        # The library's table is drawn by one event at a time, in the order they came: a poll
        # begun before "Low support" was picked must not finish after it and draw the old view.
        drawn = {**quiet, "concurrency_id": "library", "concurrency_limit": 1}
        lib_search.change(show_library, library_in, library_out, **drawn)
        lib_view.change(show_library, library_in, library_out, **drawn)
        run_button.click(start_run, library_in, polled, **drawn)
        stop_button.click(stop_run, None, progress_view, **quiet)
        timer.tick(poll, library_in, polled, **drawn)
        export_md.click(lambda: export("md"), None, export_file, api_visibility="private")
        export_csv.click(lambda: export("csv"), None, export_file, api_visibility="private")

        add_button.click(
            add_files,
            [files, skip_bad],
            [add_result, status_line],
            api_name="add",
            concurrency_limit=1,
            concurrency_id="ingest",
        ).then(list_papers, papers_in, papers_out, **quiet)

        demo.load(status, None, status_line, api_name="status")
        demo.load(list_papers, papers_in, papers_out, **quiet)
        demo.load(poll, library_in, polled, **quiet)
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
