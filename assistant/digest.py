"""Topic digests: a cited overview of every paper on a topic (or added since a date), by theme."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .citations import lexical_coverage, support_score
from .errors import AssistantError
from .lexical import tokenize
from .retrieval import Filters
from .summaries import abstract_sentences, central_order, select_papers
from .summary_store import write_atomic
from .types import Paper

if TYPE_CHECKING:
    from .api import Assistant

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


# -- command ---
def digest_command(args: Any) -> int:
    """`assistant digest`: write a cited overview of a topic (or of recent papers) to a file."""
    from .api import default_assistant

    text = digest(default_assistant(), args.topic, since=args.since)
    write_atomic(Path(args.out), text)
    cited = len(re.findall(r"^\[\d+\] ", text, flags=re.M))
    print(f"digest of {cited} papers written to {args.out}")
    return 0
