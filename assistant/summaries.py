"""Per-paper summaries checked against their abstracts, resumable batch runs, and topic digests.

A summary is a TL;DR (1-2 sentences) and up to 3 key-contribution bullets. Every generated
sentence is scored against the abstract's sentences by the support judge; an unsupported one is
replaced by the abstract sentence closest to it, or removed when that sentence is already used.
`support` is the share of the model's sentences that were supported before that repair.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer import MIN_WORDS
from .citations import lexical_coverage, parse_markers, split_sentences, support_score
from .errors import AssistantError
from .lexical import tokenize
from .prompts import render
from .retrieval import Filters
from .summary_store import (
    Record,
    SummaryFile,
    content_hash,
    record_key,
    render_csv,
    render_markdown,
    write_atomic,
)
from .types import Paper, published_ordinal

if TYPE_CHECKING:
    from .api import Assistant
    from .generation import Generator

SUMMARY_VERSION = "1"  # bump when parsing or repair changes what a record holds
MAX_NEW_TOKENS = 96  # three short sentences; the tiny model rambles past that
MAX_TLDR, MAX_BULLETS = 2, 3
GPU_BATCH = 8  # papers per forward pass when the generator can batch
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


def _generate(generator: Generator, batch: list[list[dict[str, str]]]) -> list[str]:
    # Generator has no batch method yet; one that grows `generate_batch` is used as is.
    many = getattr(generator, "generate_batch", None)
    if callable(many) and len(batch) > 1:
        return list(many(batch, MAX_NEW_TOKENS))
    return [generator.generate(messages, MAX_NEW_TOKENS) for messages in batch]


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
    texts = _generate(assistant.generator, [_messages(assistant, p) for p in papers])
    return [check_summary(assistant, p, t, version) for p, t in zip(papers, texts, strict=True)]


def summarize_paper(assistant: Assistant, paper: Paper) -> Record:
    """One paper's checked summary: TL;DR, bullets, support score, model and prompt version."""
    return summarize_batch(assistant, [paper])[0]


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
    wanted = {
        p.paper_id: (p.paper_id, content_hash(p.title, p.abstract), generator.name, version)
        for p in chosen
    }
    if batch_size is None:
        can_batch = callable(getattr(generator, "generate_batch", None))
        batch_size = GPU_BATCH if can_batch and generator.device.startswith("cuda") else 1
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


# -- digests -------------------------------------------------------------------------------------
DIGEST_CANDIDATES = 60  # papers retrieved for a topic before the relevance check
# On the judge's 0..1 scale; set by reading the candidates of three topics on the bundled corpus
# ("learning-rate tuning", "pooling for vision transformers", "neural architecture search").
RELEVANCE = 0.60
MAX_THEMES, KEY_TERMS = 6, 8


def _stem(token: str) -> str:
    plural = len(token) > 4 and token.endswith("s") and not token.endswith("ss")
    return token[:-1] if plural else token


def terms(text: str) -> list[str]:
    """Content words (plurals folded) and adjacent-word pairs, the vocabulary of themes.

    >>> terms("Pooling for Vision Transformers")
    ['pooling', 'vision', 'transformer', 'pooling vision', 'vision transformer']
    """
    words = [_stem(t) for t in tokenize(text.replace("-", " ")) if len(t) > 2 and t[0].isalpha()]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def key_terms(
    docs: dict[str, list[str]], df: Counter, n_docs: int, top: int = KEY_TERMS
) -> dict[str, set[str]]:
    """Each document's `top` terms by tf-idf against a corpus of `n_docs` with frequencies `df`."""
    out = {}
    for doc_id, words in docs.items():
        tf = Counter(words)
        weight = {t: c * math.log((1 + n_docs) / (1 + df.get(t, 0))) for t, c in tf.items()}
        out[doc_id] = set(sorted(weight, key=lambda t: (-weight[t], t))[:top])
    return out


Theme = tuple[str | None, list[str]]  # (shared term or None for the rest, document ids)


def group_by_terms(
    keys: dict[str, set[str]],
    exclude: Iterable[str] = (),
    max_themes: int = MAX_THEMES,
    min_size: int = 2,
) -> list[Theme]:
    """Greedy themes: the term shared by most ungrouped documents, repeatedly; the rest last.

    Terms made only of excluded words (the topic's own) are shared by all, so never a theme.

    >>> group_by_terms({"a": {"pooling", "vit"}, "b": {"pooling"}, "c": {"lr"}})
    [('pooling', ['a', 'b']), (None, ['c'])]
    """
    banned = {w for t in exclude for w in t.split()}
    left: list[str] = list(keys)
    groups: list[Theme] = []
    while left and len(groups) < max_themes:
        counts = Counter(t for d in left for t in keys[d] if not set(t.split()) <= banned)
        if not counts:
            break
        best = min(counts, key=lambda t: (-counts[t], " " not in t, t))  # pairs read better
        if counts[best] < min_size:
            break
        groups.append((best, [d for d in left if best in keys[d]]))
        left = [d for d in left if best not in keys[d]]
    return groups + ([(None, left)] if left else [])


def _cited(sentence: str, key: int) -> str:
    body = sentence.rstrip()
    end = body[-1] if body[-1:] in ".!?" else "."
    return f"{body.rstrip('.!?')} [{key}]{end}"


def theme_label(term: str | None, texts: Iterable[str]) -> str | None:
    """A theme's term as the papers write it (case and hyphens), first letter capitalised.

    >>> theme_label("vit backbone", ["Our ViT backbone", "ViT-Backbone"])
    'ViT backbone'
    """
    if term is None:
        return None
    pattern = re.compile(r"\b" + r"[\s-]+".join(map(re.escape, term.split())), re.I)
    forms = Counter(m.group(0) for text in texts for m in pattern.finditer(text))
    found = min(forms, key=lambda f: (-forms[f], f)) if forms else term
    return found[0].upper() + found[1:]


def render_digest(
    heading: str,
    intro: str,
    groups: Sequence[tuple[str | None, list[str]]],
    claims: dict[str, str],
    papers: dict[str, Paper],
) -> str:
    """Markdown: one section per theme, one cited claim per paper, references numbered in order."""
    numbers: dict[str, int] = {}
    lines = [f"# {heading}", "", intro, ""]
    for label, members in groups:
        texts = [f"{papers[pid].title}. {papers[pid].abstract}" for pid in members]
        title = theme_label(label, texts) or ("Other papers" if len(groups) > 1 else "Papers")
        lines += [f"## {title} ({len(members)} paper{'s' if len(members) > 1 else ''})", ""]
        for pid in members:
            numbers.setdefault(pid, len(numbers) + 1)
            lines.append(f"- **{papers[pid].title}**: {_cited(claims[pid], numbers[pid])}")
        lines.append("")
    if numbers:
        lines += ["## References", ""]
        lines += [
            f"[{n}] {papers[pid].title} ({pid}"
            + (f", {papers[pid].published}" if papers[pid].published else "")
            + ")"
            for pid, n in numbers.items()
        ]
    return "\n".join(lines).rstrip() + "\n"


def _on_topic(assistant: Assistant, topic: str, papers: Sequence[Paper]) -> dict[str, str]:
    """The papers about a topic, each with its abstract sentence closest to the topic.

    Relevance is the support judge's blend: the best cosine between the topic and the title or
    an abstract sentence, and the share of the topic's words the title and abstract contain.
    """
    query = " ".join(topic.replace("-", " ").split())  # "learning-rate" is written both ways
    texts = {p.paper_id: [p.title, *abstract_sentences(p)] for p in papers}
    vectors = iter(assistant.embedder.embed([query, *(t for ts in texts.values() for t in ts)]))
    target = next(vectors)
    claims = {}
    for paper in papers:
        cosine = [
            sum(a * b for a, b in zip(target, next(vectors), strict=True))
            for _ in texts[paper.paper_id]
        ]
        coverage = lexical_coverage(query, f"{paper.title}. {paper.abstract}")
        if support_score(max(cosine), coverage, True) >= RELEVANCE:
            best = max(range(1, len(cosine)), key=lambda i: (cosine[i], -i))
            claims[paper.paper_id] = texts[paper.paper_id][best]
    return claims


def _central_claims(assistant: Assistant, papers: Sequence[Paper]) -> dict[str, str]:
    """Each paper's most central abstract sentence, for digests without a topic."""
    claims = {}
    for paper in papers:
        sentences = abstract_sentences(paper)
        n = len(sentences)
        flat = assistant.judge.score([(a, b) for a in sentences for b in sentences])
        order = central_order([flat[i * n : (i + 1) * n] for i in range(n)])
        claims[paper.paper_id] = sentences[order[0]]
    return claims


def digest(assistant: Assistant, topic: str | None = None, since: str | None = None) -> str:
    """A cited Markdown overview of the papers on a topic, or of those published since a date.

    Each paper contributes one verbatim abstract sentence (the one closest to the topic, or its
    most central one), so every claim is supported by the paper it cites; papers are grouped
    by the key terms they share.
    """
    topic = " ".join((topic or "").split()) or None
    if topic is None and since is None:
        raise AssistantError("a digest needs a topic, --since DATE, or both")
    corpus = assistant.papers()
    chosen = select_papers(corpus, since=since)  # checks the date
    if topic is not None:
        filters = Filters(published_after=since) if since else None
        by_id = {p.paper_id: p for p in chosen}
        found: dict[str, Paper] = {}
        for query in dict.fromkeys([topic, topic.replace("-", " ")]):
            for source in assistant.retrieve(query, top_k=DIGEST_CANDIDATES, filters=filters):
                if source.paper_id in by_id:
                    found.setdefault(source.paper_id, by_id[source.paper_id])
        chosen = list(found.values())
    claims = (
        _central_claims(assistant, chosen) if topic is None else _on_topic(assistant, topic, chosen)
    )
    kept = {p.paper_id: p for p in chosen if p.paper_id in claims}
    df: Counter = Counter()
    for paper in corpus:
        df.update(set(terms(f"{paper.title}. {paper.abstract}")))
    docs = {pid: terms(f"{p.title}. {p.abstract}") for pid, p in kept.items()}
    groups = group_by_terms(key_terms(docs, df, len(corpus)), exclude=terms(topic or ""))
    when = f" published on or after {since}" if since else ""
    if topic is None:
        heading, intro = f"Papers added since {since}", f"{len(kept)} papers{when}."
    else:
        heading = f"Digest: {topic}"
        intro = (
            f"{len(kept)} of {len(chosen)} retrieved papers{when} are on this topic; each is "
            "represented by a verbatim sentence of its abstract, cited."
        )
    if not kept:
        intro = f"No indexed abstract{when} supports this topic."
    return render_digest(heading, intro, groups, claims, kept)


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
    out = Path(args.out)
    try:
        records = summarize(assistant, papers, out, fmt=args.format)
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


def digest_command(args: Any) -> int:
    """`assistant digest`: write a cited overview of a topic (or of recent papers) to a file."""
    from .api import default_assistant

    text = digest(default_assistant(), args.topic, since=args.since)
    write_atomic(Path(args.out), text)
    cited = len(re.findall(r"^\[\d+\] ", text, flags=re.M))
    print(f"digest of {cited} papers written to {args.out}")
    return 0
