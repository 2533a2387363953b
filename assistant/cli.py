"""The `assistant` command: thin subcommands over the Python API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AssistantError

if TYPE_CHECKING:
    from .api import Assistant
    from .filters import Filters
    from .types import Answer

QUERY_TOP_K = 20  # papers `summarize --query` selects when no --limit is given


def _assistant() -> Assistant:
    from .api import default_assistant

    return default_assistant()


def cmd_ingest(args: argparse.Namespace) -> int:
    report = _assistant().ingest(
        args.paths, skip_bad=args.skip_bad, missing_abstract=args.missing_abstract
    )
    for problem in report.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    print(report.summary())
    return 0


def _filters(args: argparse.Namespace) -> Filters:
    """The limits a command was given; checked before any model loads, so a bad date is an
    error (exit 2), never a silent no-op."""
    from .filters import Filters

    return Filters(
        getattr(args, "after", None),
        getattr(args, "before", None),
        getattr(args, "min_authors", None),
        getattr(args, "max_authors", None),
        author=args.author,
        venue=args.venue,
    )


def _print_answer(answer: Answer, fmt: str) -> None:
    """An answer in the chosen --format, as the in-process and the server path print it."""
    if fmt == "json":
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
    elif fmt == "markdown":
        print(answer.to_markdown(), end="")
    elif fmt == "bibtex":
        print(answer.to_bibtex(), end="")
        if not answer.references:
            print("the answer cites no papers: no BibTeX entries", file=sys.stderr)
    else:
        print(str(answer))
        print(f"\n(support {answer.support:.2f}, {answer.mode})")


def _ask_server(args: argparse.Namespace, filters: Filters) -> tuple[Answer | None, str]:
    """The answer of a running `assistant serve` on this machine and its URL, or (None, why
    not) when none is usable (see assistant/local_server.py)."""
    from dataclasses import asdict

    from . import local_server

    settings = _assistant().settings
    state = local_server.running_server(settings)
    if state is None:
        return None, ""
    inputs = [args.question, asdict(filters), args.show_all, local_server.settings_id(settings)]
    try:
        reply = local_server.ask_server(state, inputs)
        return local_server.answer_from_reply(reply), state.url
    except local_server.ServerUnavailable as exc:
        return None, f"the server at {state.url} did not answer ({exc})"


def cmd_ask(args: argparse.Namespace) -> int:
    from .types import Answer

    if args.json and args.format not in (None, "json"):
        raise AssistantError(f"--json is --format json: it cannot go with --format {args.format}")
    fmt = "json" if args.json else args.format or "text"
    filters = _filters(args)
    if not args.no_server:
        answer, where = _ask_server(args, filters)
        if answer is not None:
            _print_answer(answer, fmt)
            print(f"answered by the running server at {where}", file=sys.stderr)
            return 0
        if where:
            print(f"{where}; answering in-process", file=sys.stderr)
    assistant = _assistant()
    if fmt != "text":
        _print_answer(assistant.ask(args.question, filters=filters, show_all=args.show_all), fmt)
    else:
        for item in assistant.stream(args.question, filters=filters, show_all=args.show_all):
            if isinstance(item, Answer):
                # The streamed draft is replaced by the checked answer.
                print("\r\033[K" if sys.stdout.isatty() else "", end="")
                _print_answer(item, fmt)
            elif sys.stdout.isatty():
                print(item, end="", flush=True)
    print("answered in-process", file=sys.stderr)
    return 0


def cmd_papers(args: argparse.Namespace) -> int:
    from .export import bibtex_entries, papers_csv

    filters = _filters(args)
    papers = [p for p in _assistant().papers() if filters.accepts_paper(p)]
    if args.search:
        needle = args.search.casefold()
        papers = [
            p for p in papers if needle in p.title.casefold() or needle in p.abstract.casefold()
        ]
    shown = papers[: args.limit]
    if args.format == "bibtex":
        print(bibtex_entries(shown), end="")
    elif args.format == "csv":
        print(papers_csv(shown), end="")
    else:
        for paper in shown:
            meta = ", ".join(
                str(x)
                for x in (
                    paper.published or paper.year,
                    paper.authors_count and f"{paper.authors_count} authors",
                    paper.venue,
                )
                if x
            )
            print(f"{paper.paper_id}\t{paper.title}" + (f"\t({meta})" if meta else ""))
    print(f"{len(papers)} papers", file=sys.stderr)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    """Models, device, store and counts, and a real check for network use: the store is opened,
    a question is retrieved (and with --load, answered by the model) while every connection to
    another machine is refused and recorded."""
    from .embeddings import bundled_embed_path
    from .generation import bundled_gguf_path
    from .netguard import hub_models, hub_offline, no_network

    assistant = _assistant()
    s = assistant.settings
    checks = {
        "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "unset (set to 1 to forbid hub access)"),
        "bundled embedding model": str(bundled_embed_path()),
        "bundled GGUF": str(bundled_gguf_path()),
    }
    remote = [u for u in (s.store_url, s.llm_url) if u]
    hub = hub_models(
        {"embed_model": s.embed_model, "llm_model": s.llm_model, "judge_model": s.judge_model},
        hub_offline(),
    )
    ran = "opening the store and retrieving a question"
    with no_network() as attempts:
        try:
            if not remote:
                checks.update({k: str(v) for k, v in assistant.status().items()})
                question = "which papers tune learning rates?"
                assistant.retrieve(question)
                if args.load:
                    ran = "loading every model and answering a question"
                    assistant.ask(question)
                    checks.update({k: str(v) for k, v in assistant.status().items()})
            else:
                ran = "nothing (a server is configured; its traffic is expected)"
        except AssistantError as exc:
            checks["check failed"] = str(exc)
    width = max(map(len, checks))
    for key, value in checks.items():
        print(f"{key:<{width}}  {value}")
    if remote:
        print("network: only to the configured servers: " + ", ".join(remote))
    for model in hub:
        print(
            f"network: {model} is not a local path: it would be fetched from the Hugging Face "
            "hub (set HF_HUB_OFFLINE=1 to forbid)"
        )
    if attempts:
        print(
            f"network: {len(attempts)} attempt(s) to reach other machines while {ran}: "
            + "; ".join(dict.fromkeys(attempts))
        )
        return 1
    if not remote:
        print(f"network: none used while {ran}")
    return 1 if hub and not remote else 0


def cmd_summarize(args: argparse.Namespace) -> int:
    """`assistant summarize`: select papers, summarize them resumably, report where they went."""
    from .filters import Filters
    from .summaries import jsonl_path, select_papers, summarize

    modes = [bool(args.all), args.query is not None, args.ids is not None]
    if sum(modes) > 1 or (sum(modes) == 0 and not args.since):
        raise AssistantError("choose one of --all, --query Q or --ids ID... (and/or --since DATE)")
    filters = Filters(published_after=args.since)  # checks the date before any model loads
    assistant = _assistant()
    ranked = None
    if args.query is not None:
        sources = assistant.retrieve(args.query, top_k=args.limit or QUERY_TOP_K, filters=filters)
        ranked = [s.paper_id for s in sources]
    papers = select_papers(
        assistant.papers(), ids=args.ids, ranked_ids=ranked, since=args.since, limit=args.limit
    )
    if not papers:
        print("no papers match the selection", file=sys.stderr)
        return 1
    out = Path(args.out) if args.out else assistant.settings.summaries_path()
    try:
        records = summarize(assistant, papers, out, fmt=args.format, batch_size=args.batch_size)
    except KeyboardInterrupt:
        print(
            f"stopped: finished summaries are kept in {jsonl_path(out, args.format)}; "
            "run the same command again to continue",
            file=sys.stderr,
        )
        raise
    mean = sum(r.support for r in records) / len(records)
    print(f"{len(records)} summaries in {out} (mean support {mean:.2f})")
    return 0


def cmd_digest(args: argparse.Namespace) -> int:
    """`assistant digest`: write a cited overview of a topic (or of recent papers) to a file."""
    import re

    from .digest import digest
    from .filters import parse_date
    from .summary_store import write_atomic

    since = parse_date(args.since, name="--since")  # before any model loads
    text = digest(_assistant(), args.topic, since=since)
    write_atomic(Path(args.out), text)
    cited = len(re.findall(r"^\[\d+\] ", text, flags=re.M))
    print(f"digest of {cited} papers written to {args.out}")
    return 0


def _lazy(module: str, function: str) -> Callable[[argparse.Namespace], int]:
    """A subcommand implemented in another module, imported only when used."""

    def run(args: argparse.Namespace) -> int:
        import importlib

        return int(getattr(importlib.import_module(module), function)(args) or 0)

    return run


def _name_limits(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--author", help="only papers with an author whose name contains this (any case)"
    )
    parser.add_argument("--venue", help="only papers whose venue contains this (any case)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser(
        "ingest",
        help="index abstracts from files or folders (.txt, .jsonl, .json, .csv, .bib, .ris)",
    )
    p.add_argument("paths", nargs="+")
    p.add_argument("--skip-bad", action="store_true", help="report and skip bad rows and files")
    p.add_argument(
        "--missing-abstract",
        choices=["title", "skip"],
        help="library entries without an abstract: index them by title, or skip them "
        "(default: the missing_abstract setting, 'title')",
    )
    p.set_defaults(run=cmd_ingest)

    p = sub.add_parser("ask", help="ask a question; the answer cites the abstracts")
    p.add_argument("question")
    p.add_argument(
        "--format",
        choices=["text", "json", "markdown", "bibtex"],
        help="text (default, streamed), json, markdown (with numbered references) or bibtex "
        "(the cited papers)",
    )
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.add_argument("--show-all", action="store_true", help="keep unsupported sentences, marked")
    p.add_argument(
        "--no-server",
        action="store_true",
        help="answer in this process even when `assistant serve` runs on this machine with the "
        "same settings (by default such a server answers: no models to load)",
    )
    p.add_argument("--after", help="only papers published on or after this date (YYYY-MM-DD)")
    p.add_argument("--before", help="only papers published on or before this date")
    p.add_argument("--min-authors", type=int)
    p.add_argument("--max-authors", type=int)
    _name_limits(p)
    p.set_defaults(run=cmd_ask)

    p = sub.add_parser("papers", help="list or search the indexed papers")
    p.add_argument("search", nargs="?")
    p.add_argument("--limit", type=int, default=10_000)
    p.add_argument("--format", choices=["text", "bibtex", "csv"], default="text")
    _name_limits(p)
    p.set_defaults(run=cmd_papers)

    p = sub.add_parser(
        "doctor", help="show models, device, store and counts; check that nothing uses the network"
    )
    p.add_argument(
        "--load", action="store_true", help="also load the language model and answer a question"
    )
    p.set_defaults(run=cmd_doctor)

    p = sub.add_parser("serve", help="start the web UI")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", help="user:password (required for a non-loopback host)")
    p.set_defaults(run=_lazy("assistant.ui", "serve_command"))

    p = sub.add_parser("summarize", help="summarize papers to JSONL/Markdown/CSV, resumably")
    p.add_argument("--all", action="store_true")
    p.add_argument("--query")
    p.add_argument("--ids", nargs="*")
    p.add_argument("--since", help="only papers published on or after this date")
    p.add_argument("--limit", type=int)
    p.add_argument("--format", choices=["jsonl", "md", "csv"], default="jsonl")
    p.add_argument(
        "--batch-size", type=int, help="papers per forward pass (default: 8 on CPU, 32 on GPU)"
    )
    p.add_argument(
        "--out",
        help="output file (default: the summaries file the UI shows, <home>/summaries.jsonl)",
    )
    p.set_defaults(run=cmd_summarize)

    p = sub.add_parser("digest", help="a cited overview of the papers on a topic")
    p.add_argument("topic", nargs="?")
    p.add_argument("--since")
    p.add_argument("--out", required=True)
    p.set_defaults(run=cmd_digest)

    p = sub.add_parser("eval", help="score answers on a question file")
    p.add_argument("--questions")
    p.add_argument("--out", default="eval/reports/latest")
    p.add_argument("--model", help="language model id or path (default: the bundled one)")
    p.add_argument("--limit", type=int)
    p.set_defaults(run=_lazy("assistant.evaluation.runner", "eval_command"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `assistant` console script."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
