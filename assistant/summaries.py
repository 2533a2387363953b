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
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .citations import near_duplicate, parse_markers, split_sentences
from .errors import AssistantError
from .evidence import MIN_WORDS, looks_like_instruction, plain_title, usable_sentences
from .filters import parse_date
from .prompts import summary_messages
from .roles import SUMMARY_WORTH, Role, informative, role, specificity
from .services import Services
from .summary_store import (
    SummaryFile,
    abstract_hash,
    latest_by_paper,
    read_summaries,
    render_csv,
    render_markdown,
    write_atomic,
)
from .types import Paper, Summary, published_ordinal

if TYPE_CHECKING:
    from .generation import Generator

SUMMARY_VERSION = "3"  # bump when parsing or repair changes what a record holds
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
def parse_summary(text: str) -> tuple[list[str], list[str]]:
    """Generated text -> (TL;DR sentences, bullet sentences), without fragments, repeats, links
    or sentences that read as instructions.

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
            if clean and not _JUNK.search(clean) and not looks_like_instruction(clean):
                target.append(clean)
                tail = (clean, target)
    if tail is not None and not tail[0].endswith(_ENDS):
        tail[1].pop()  # the token budget ran out mid-sentence
    kept: list[str] = []
    for sentence in labelled + plain:
        if len(sentence.split()) >= MIN_WORDS and not any(
            near_duplicate(sentence, k) for k in kept
        ):
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
    roles: Sequence[Role] | None = None,
) -> tuple[list[str], list[str], dict[str, int]]:
    """A summary that says what a paper does, how, and what it found, from the model's claims
    and the abstract's sentences.

    A supported claim is kept, unless the sentence supporting it is background (a summary is
    not the abstract's set-up). An unsupported claim is replaced by the abstract sentence
    closest to it, once, when that sentence is not background; else it is removed. An empty
    TL;DR gets the most central sentence that says what the paper does (a method sentence, else
    any that is not background); the bullets are then filled, up to MAX_BULLETS, with the
    abstract's findings and method details, preferring central sentences with numbers and names.

    >>> claims = [Claim("y", .1, 0), Claim("z", .2, 1)]
    >>> assemble([Claim("x", .9, 0)], claims, ["A.", "B."], threshold=.6, central=[1, 0])
    (['x'], ['B.'], {'checked': 3, 'supported': 1, 'repaired': 1, 'removed': 1})
    >>> roles = [Role.BACKGROUND, Role.METHOD, Role.RESULT]
    >>> assemble([], [], ["X is hard.", "We do Y.", "Y wins."], .6, [0, 1, 2], roles)[:2]
    (['We do Y.'], ['Y wins.'])
    """
    kinds = list(roles) if roles is not None else [Role.OTHER] * len(abstract)
    used: set[int] = set()
    counts = {"checked": len(tldr) + len(bullets), "supported": 0, "repaired": 0, "removed": 0}

    def fix(claims: Sequence[Claim]) -> list[str]:
        out = []
        for claim in claims:
            background = kinds[claim.best] == Role.BACKGROUND
            if claim.score >= threshold and not background:
                counts["supported"] += 1
                out.append(claim.text)
            elif claim.best in used or background:
                counts["supported" if claim.score >= threshold else "removed"] += 1
                continue
            else:
                counts["repaired"] += 1
                out.append(abstract[claim.best])
            used.add(claim.best)
        return out

    short, points = fix(tldr), fix(bullets)
    if not short:
        spare = [i for i in central if i not in used and kinds[i] != Role.BACKGROUND]
        method = [i for i in spare if kinds[i] == Role.METHOD]
        pick = (method or spare or [i for i in central if i not in used])[:1]
        if pick:
            short = [abstract[pick[0]]]
            used.add(pick[0])
        else:
            short, points = points[:1], points[1:]
    # Fill with the sentences a reader takes most from: findings and method details that are
    # central to the abstract and carry numbers and names.
    rank = {i: r for r, i in enumerate(central)}
    bonus = SUMMARY_WORTH
    fill = sorted(
        (i for i in range(len(abstract)) if i not in used and kinds[i] in bonus),
        key=lambda i: (
            -(
                0.5 * (1 - rank.get(i, 0) / max(1, len(abstract)))
                + 0.4 * specificity(abstract[i])
                + bonus[kinds[i]]
            )
        ),
    )
    for i in fill[: max(0, MAX_BULLETS - len(points))]:
        points.append(abstract[i])
        used.add(i)
    order = {sentence: i for i, sentence in enumerate(abstract)}
    points.sort(key=lambda p: order.get(p, -1))  # the model's own first, then abstract order
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
        floor = published_ordinal(parse_date(since, name="--since"))
        chosen = [p for p in chosen if (published_ordinal(p.published) or 0) >= (floor or 0)]
    return chosen[:limit] if limit is not None else chosen


# -- one paper -----------------------------------------------------------------------------------
def abstract_sentences(paper: Paper) -> list[str]:
    """The abstract's sentences a summary may rest on (the sentence policy's); the title when
    no sentence passes, so a summary always has something true to fall back on."""
    return usable_sentences(paper.abstract) or [plain_title(paper.title)]


def check_summary(services: Services, paper: Paper, generated: str, version: str) -> Summary:
    """Turn one generated summary into a checked one."""
    judge = services.judge
    sentences = abstract_sentences(paper)
    tldr, bullets = parse_summary(generated)
    # A sentence that only restates the title says nothing a reader does not already see.
    said = [c for c in tldr + bullets if informative(c, paper.title)]
    tldr, bullets = [c for c in tldr if c in said], [c for c in bullets if c in said]
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
    roles = [role(sentence, i, n) for i, sentence in enumerate(sentences)]
    short, points, counts = assemble(
        scored[: len(tldr)], scored[len(tldr) :], sentences, judge.threshold, central, roles
    )
    support = counts["supported"] / counts["checked"] if counts["checked"] else 0.0
    return Summary(
        paper_id=paper.paper_id,
        title=plain_title(paper.title),
        published=paper.published,
        tldr=" ".join(short),
        bullets=tuple(points),
        support=round(support, 3),
        checked=counts["checked"],
        repaired=counts["repaired"],
        removed=counts["removed"],
        model=services.generator.name,
        prompt_version=version,
        abstract_hash=abstract_hash(paper.title, paper.abstract),
        generated=generated,  # the raw text: a changed check needs no new generation
    )


def summarize_batch(services: Services, papers: Sequence[Paper]) -> list[Summary]:
    """Checked summaries of these papers, generated together as the generator batches."""
    prompts = services.settings.prompts_dir
    version = prompt_version(prompts)
    generator = services.generator
    out: list[Summary] = []
    size = max(1, generator.batch_size)
    for start in range(0, len(papers), size):
        chunk = papers[start : start + size]
        texts = generator.generate_batch(
            [summary_messages(p, prompts) for p in chunk], MAX_NEW_TOKENS
        )
        out += [check_summary(services, p, t, version) for p, t in zip(chunk, texts, strict=True)]
    return out


def summarize_paper(services: Services, paper: Paper) -> Summary:
    """One paper's checked summary: TL;DR, bullets, support score, model and prompt version."""
    return summarize_batch(services, [paper])[0]


def current_key(paper: Paper, generator: Generator, version: str) -> tuple[str, ...]:
    """What `Summary.key()` of an up-to-date summary of this paper must be."""
    return (paper.paper_id, abstract_hash(paper.title, paper.abstract), generator.name, version)


def summary_for(services: Services, paper: Paper) -> Summary:
    """This paper's summary from the summaries file when it is current, else a new one, which is
    kept there unless a batch run holds the file."""
    path = services.settings.summaries_path()
    version = prompt_version(services.settings.prompts_dir)
    stored = latest_by_paper(read_summaries(path)).get(paper.paper_id)
    if stored is not None and stored.key() == current_key(paper, services.generator, version):
        return stored
    try:
        return summarize(services, [paper], path, progress=False)[0]
    except AssistantError:  # another run is writing the file: answer without keeping it
        return summarize_batch(services, [paper])[0]


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
    services: Services,
    papers: Iterable[Paper],
    out: str | Path,
    fmt: str = "jsonl",
    limit: int | None = None,
    progress: bool = True,
    batch_size: int | None = None,
    stop: threading.Event | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Summary]:
    """Summarize papers into `out`, resuming a previous run; returns one record per paper.

    Papers whose (paper_id, abstract_hash, model, prompt_version) already has a record are
    skipped; a record made from an older abstract, model or prompt is replaced.
    `on_progress(done, total)` hears how many of the papers have a current record: once the
    file is read, then after each record written. Setting `stop` ends the run before its next
    batch; what was written stays, and only the papers summarized so far are returned.
    """
    from tqdm.auto import tqdm

    if fmt not in ("jsonl", "md", "csv"):
        raise AssistantError(f"unknown format {fmt!r}: use jsonl, md or csv")
    out = Path(out)
    chosen = list({p.paper_id: p for p in papers}.values())[:limit]
    generator = services.generator
    version = prompt_version(services.settings.prompts_dir)
    wanted = {p.paper_id: current_key(p, generator, version) for p in chosen}
    batch_size = max(1, batch_size or generator.batch_size)
    with SummaryFile(jsonl_path(out, fmt)) as store:
        stale = [
            pid
            for pid, key in wanted.items()
            if pid in store.records and store.records[pid].key() != key
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
        done = len(chosen) - len(todo)
        if progress and done:
            print(f"{done} of {len(chosen)} already summarized in {store.path}", file=sys.stderr)
        if on_progress is not None:
            on_progress(done, len(chosen))
        try:
            for start in range(0, len(todo), batch_size):
                if stop is not None and stop.is_set():
                    break
                for summary in summarize_batch(services, todo[start : start + batch_size]):
                    store.append(summary)
                    done += 1
                    bar.update(1)
                    bar.set_postfix(support=f"{summary.support:.2f}", refresh=False)
                    if on_progress is not None:
                        on_progress(done, len(chosen))
        finally:
            bar.close()
        records = [store.records[p.paper_id] for p in chosen if p.paper_id in store.records]
    if fmt != "jsonl":
        write_atomic(out, render_markdown(records) if fmt == "md" else render_csv(records))
    return records
