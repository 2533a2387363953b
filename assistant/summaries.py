"""Per-paper summaries checked against their abstracts, and resumable batch runs of them.

A summary is a TL;DR (1-2 sentences) and up to 3 key-contribution bullets. Every generated
sentence is scored against the abstract's sentences by the support judge; an unsupported one is
replaced by the abstract sentence closest to it, or removed when that sentence is already used.
`support` is the share of the model's sentences that were supported before that repair.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer import MIN_WORDS
from .citations import parse_markers, split_sentences
from .errors import AssistantError
from .lexical import tokenize
from .prompts import render
from .retrieval import Filters
from .summary_store import (
    Record,
    SummaryFile,
    content_hash,
    latest_by_paper,
    read_records,
    record_key,
    render_csv,
    render_markdown,
    write_atomic,
)
from .types import Paper, published_ordinal

if TYPE_CHECKING:
    from .api import Assistant
    from .generation import Generator

SUMMARY_VERSION = "2"  # bump when parsing or repair changes what a record holds
MAX_NEW_TOKENS = 96  # three short sentences; the tiny model rambles past that
MAX_TLDR, MAX_BULLETS = 2, 3
QUERY_TOP_K = 20  # papers `--query` selects when no --limit is given
TEMPLATES = ("summary_system", "summary_user")

_BULLET = re.compile(r"^(?:[-*•+]|\d+[.)])\s+")
_LABEL = re.compile(r"^(?:tl;?\s?dr|summary|in summary|overview)\s*:\s*", re.I)
_SKIP = re.compile(
    r"^(?:keywords?|references?|links?|tags?|notes?)\b|^(?:key\s+)?contributions?\s*:?$", re.I
)
_JUNK = re.compile(r"https?://|\]\(|<[^>]{1,30}>")  # links and copied template slots
_ENDS = (".", "!", "?", '"', "'", ")")


# -- pure steps ----------------------------------------------------------------------------------
def _similar(a: str, b: str, cutoff: float = 0.7) -> bool:
    """Near-duplicate sentences (word-set overlap), the tiny model's favourite habit."""
    x, y = set(tokenize(a)), set(tokenize(b))
    return bool(x and y) and len(x & y) / len(x | y) >= cutoff


def parse_summary(text: str) -> tuple[list[str], list[str]]:
    """Generated text -> (TL;DR sentences, bullet sentences), without fragments, repeats or links.

    >>> parse_summary("TL;DR: It pools image tokens.\\n- Pooling beats CLS tokens.\\nKeywords: ViT")
    (['It pools image tokens.'], ['Pooling beats CLS tokens.'])
    >>> parse_summary("We study pooling in ViTs. It wins on ImageNet. It is also cheap to")
    (['We study pooling in ViTs.'], ['It wins on ImageNet.'])
    """
    labelled: list[str] = []
    plain: list[str] = []
    tail: tuple[str, list[str]] | None = None  # the last sentence kept, and its list
    for raw in text.splitlines():
        line = raw.replace("**", "").strip().lstrip("#").strip()
        if not line or _SKIP.match(line):
            continue
        target = plain
        if match := _LABEL.match(line):
            line, target = line[match.end() :], labelled
        for sentence in split_sentences(_BULLET.sub("", line)):
            clean, tail = parse_markers(sentence)[0], None
            if clean and not _JUNK.search(clean):
                target.append(clean)
                tail = (clean, target)
    if tail is not None and not tail[0].endswith(_ENDS):
        tail[1].pop()  # the token budget ran out mid-sentence
    kept: list[str] = []
    for sentence in labelled + plain:
        if len(sentence.split()) >= MIN_WORDS and not any(_similar(sentence, k) for k in kept):
            kept.append(sentence)
    tldr_pool = [s for s in labelled if s in kept] or kept[:1]
    return tldr_pool[:MAX_TLDR], [s for s in kept if s not in tldr_pool][:MAX_BULLETS]


def central_order(matrix: Sequence[Sequence[float]]) -> list[int]:
    """Sentence indexes, most central first: highest mean support to and from the others.

    >>> central_order([[1, .2, .9], [.1, 1, .3], [.8, .4, 1]])
    [2, 0, 1]
    """
    n = len(matrix)
    if n < 2:
        return list(range(n))
    mean = [
        sum(matrix[i][j] + matrix[j][i] for j in range(n) if j != i) / (2 * (n - 1))
        for i in range(n)
    ]
    return sorted(range(n), key=lambda i: (-mean[i], i))


@dataclass(frozen=True)
class Claim:
    """A generated sentence and its best support among the abstract's sentences."""

    text: str
    score: float
    best: int  # index of the abstract sentence that supports it best


def assemble(
    tldr: Sequence[Claim],
    bullets: Sequence[Claim],
    abstract: Sequence[str],
    threshold: float,
    central: Sequence[int],
) -> tuple[list[str], list[str], dict]:
    """Keep supported claims; replace the others by their best abstract sentence once, else drop.

    An empty TL;DR is filled with the most central abstract sentence not used yet.

    >>> claims = [Claim("y", .1, 0), Claim("z", .2, 1)]
    >>> assemble([Claim("x", .9, 0)], claims, ["A.", "B."], threshold=.6, central=[1, 0])
    (['x'], ['B.'], {'checked': 3, 'supported': 1, 'repaired': 1, 'removed': 1})
    """
    used: set[int] = set()
    counts = {"checked": len(tldr) + len(bullets), "supported": 0, "repaired": 0, "removed": 0}

    def fix(claims: Sequence[Claim]) -> list[str]:
        out = []
        for claim in claims:
            if claim.score >= threshold:
                counts["supported"] += 1
                out.append(claim.text)
            elif claim.best in used:
                counts["removed"] += 1
                continue
            else:
                counts["repaired"] += 1
                out.append(abstract[claim.best])
            used.add(claim.best)
        return out

    short, points = fix(tldr), fix(bullets)
    if not short:
        spare = [i for i in central if i not in used]
        short = [abstract[spare[0]]] if spare else points[:1]
        points = points[1:] if not spare else points
    return short, points, counts


def prompt_version(prompts_dir: Path) -> str:
    """A hash of the summary templates and recipe: a change re-summarizes every paper."""
    digest = hashlib.sha256(f"{SUMMARY_VERSION}|{MAX_NEW_TOKENS}".encode())
    for name in TEMPLATES:
        digest.update((Path(prompts_dir) / f"{name}.j2").read_bytes())
    return digest.hexdigest()[:12]


def select_papers(
    papers: Iterable[Paper],
    *,
    ids: Sequence[str] | None = None,
    ranked_ids: Sequence[str] | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[Paper]:
    """The papers a run covers: listed ids (in order), or retrieved ids (by rank), or all; then
    those published on or after `since`; then the first `limit`."""
    by_id = {p.paper_id: p for p in papers}
    if ids is not None:
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise AssistantError(
                f"unknown paper ids: {', '.join(missing)} (`assistant papers` lists them)"
            )
        chosen = [by_id[i] for i in dict.fromkeys(ids)]
    elif ranked_ids is not None:
        chosen = [by_id[i] for i in dict.fromkeys(ranked_ids) if i in by_id]
    else:
        chosen = list(by_id.values())
    if since is not None:
        floor = published_ordinal(since)
        if floor is None:
            raise AssistantError(f"--since {since!r} is not a date like 2024-05-31")
        chosen = [p for p in chosen if (published_ordinal(p.published) or 0) >= floor]
    return chosen[:limit] if limit is not None else chosen


# -- one paper -----------------------------------------------------------------------------------
def abstract_sentences(paper: Paper) -> list[str]:
    """The abstract's sentences that can carry a claim (the whole abstract if none can)."""
    sentences = [s for s in split_sentences(paper.abstract) if len(s.split()) >= MIN_WORDS]
    return sentences or [" ".join(paper.abstract.split())]


def _messages(assistant: Assistant, paper: Paper) -> list[dict[str, str]]:
    folder = assistant.settings.prompts_dir
    return [
        {"role": "system", "content": render(folder, "summary_system")},
        {
            "role": "user",
            "content": render(
                folder, "summary_user", title=paper.title, abstract=" ".join(paper.abstract.split())
            ),
        },
    ]


def check_summary(assistant: Assistant, paper: Paper, generated: str, version: str) -> Record:
    """Turn one generated summary into a checked record."""
    judge = assistant.judge
    sentences = abstract_sentences(paper)
    tldr, bullets = parse_summary(generated)
    claims = tldr + bullets
    pairs = [(c, s) for c in claims for s in sentences]
    pairs += [(a, b) for a in sentences for b in sentences]
    scores = judge.score(pairs) if pairs else []
    n = len(sentences)
    scored = []
    for k, claim in enumerate(claims):
        row = scores[k * n : (k + 1) * n]
        best = max(range(n), key=lambda i: (row[i], -i))
        scored.append(Claim(claim, row[best], best))
    flat = scores[len(claims) * n :]
    central = central_order([flat[i * n : (i + 1) * n] for i in range(n)])
    short, points, counts = assemble(
        scored[: len(tldr)], scored[len(tldr) :], sentences, judge.threshold, central
    )
    support = counts["supported"] / counts["checked"] if counts["checked"] else 0.0
    return {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "published": paper.published,
        "tldr": " ".join(short),
        "bullets": points,
        "support": round(support, 3),
        "checked": counts["checked"],
        "repaired": counts["repaired"],
        "removed": counts["removed"],
        "model": assistant.generator.name,
        "prompt_version": version,
        "abstract_hash": content_hash(paper.title, paper.abstract),
        "generated": generated,  # the raw text: a changed check needs no new generation
    }


def summarize_batch(assistant: Assistant, papers: Sequence[Paper]) -> list[Record]:
    """Checked summaries of these papers, generated together where the generator can batch."""
    version = prompt_version(assistant.settings.prompts_dir)
    batch = [_messages(assistant, p) for p in papers]
    texts = assistant.generator.generate_batch(batch, MAX_NEW_TOKENS)
    return [check_summary(assistant, p, t, version) for p, t in zip(papers, texts, strict=True)]


def summarize_paper(assistant: Assistant, paper: Paper) -> Record:
    """One paper's checked summary: TL;DR, bullets, support score, model and prompt version."""
    return summarize_batch(assistant, [paper])[0]


def current_key(paper: Paper, generator: Generator, version: str) -> tuple[str, ...]:
    """What `record_key` of an up-to-date record of this paper must be."""
    return (paper.paper_id, content_hash(paper.title, paper.abstract), generator.name, version)


def summary_for(assistant: Assistant, paper: Paper) -> Record:
    """This paper's summary from the summaries file when it is current, else a new one, which is
    kept there unless a batch run holds the file."""
    path = assistant.settings.summaries_path()
    version = prompt_version(assistant.settings.prompts_dir)
    stored = latest_by_paper(read_records(path)).get(paper.paper_id)
    if stored is not None and record_key(stored) == current_key(
        paper, assistant.generator, version
    ):
        return stored
    try:
        return summarize(assistant, [paper], path, progress=False)[0]
    except AssistantError:  # another run is writing the file: answer without keeping it
        return summarize_paper(assistant, paper)


# -- batch runs ----------------------------------------------------------------------------------
def jsonl_path(out: Path, fmt: str) -> Path:
    """Where the records live: `out` itself for JSONL, else beside it (x.md -> x.jsonl)."""
    if fmt == "jsonl":
        return out
    records = out.with_suffix(".jsonl")
    if records == out:
        raise AssistantError(f"--format {fmt} cannot write to a .jsonl file: {out}")
    return records


def summarize(
    assistant: Assistant,
    papers: Iterable[Paper],
    out: str | Path,
    fmt: str = "jsonl",
    limit: int | None = None,
    progress: bool = True,
    batch_size: int | None = None,
) -> list[Record]:
    """Summarize papers into `out`, resuming a previous run; returns one record per paper.

    Papers whose (paper_id, abstract_hash, model, prompt_version) already has a record are
    skipped; a record made from an older abstract, model or prompt is replaced.
    """
    from tqdm.auto import tqdm

    if fmt not in ("jsonl", "md", "csv"):
        raise AssistantError(f"unknown format {fmt!r}: use jsonl, md or csv")
    out = Path(out)
    chosen = list({p.paper_id: p for p in papers}.values())[:limit]
    generator = assistant.generator
    version = prompt_version(assistant.settings.prompts_dir)
    wanted = {p.paper_id: current_key(p, generator, version) for p in chosen}
    batch_size = max(1, batch_size or generator.batch_size)
    with SummaryFile(jsonl_path(out, fmt)) as store:
        stale = [
            pid
            for pid, key in wanted.items()
            if pid in store.records and record_key(store.records[pid]) != key
        ]
        store.drop(stale)
        todo = [p for p in chosen if p.paper_id not in store.records]
        bar = tqdm(
            total=len(todo),
            unit="paper",
            desc="summarizing",
            disable=not progress or not todo,
            file=sys.stderr,
            dynamic_ncols=True,
        )
        if progress and len(todo) < len(chosen):
            done = len(chosen) - len(todo)
            print(f"{done} of {len(chosen)} already summarized in {store.path}", file=sys.stderr)
        try:
            for start in range(0, len(todo), batch_size):
                for record in summarize_batch(assistant, todo[start : start + batch_size]):
                    store.append(record)
                    bar.update(1)
                    bar.set_postfix(support=f"{record['support']:.2f}", refresh=False)
        finally:
            bar.close()
        records = [store.records[p.paper_id] for p in chosen]
    if fmt != "jsonl":
        write_atomic(out, render_markdown(records) if fmt == "md" else render_csv(records))
    return records


# -- commands ------------------------------------------------------------------------------------
def summarize_command(args: Any) -> int:
    """`assistant summarize`: select papers, summarize them resumably, report where they went."""
    from .api import default_assistant

    modes = [bool(args.all), args.query is not None, args.ids is not None]
    if sum(modes) > 1 or (sum(modes) == 0 and not args.since):
        raise AssistantError("choose one of --all, --query Q or --ids ID... (and/or --since DATE)")
    assistant = default_assistant()
    ranked = None
    if args.query is not None:
        filters = Filters(published_after=args.since) if args.since else None
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
    mean = sum(r["support"] for r in records) / len(records)
    print(f"{len(records)} summaries in {out} (mean support {mean:.2f})")
    return 0
