"""Topic digests: a cited overview of every paper on a topic (or added since a date), by theme."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from .citations import with_marker
from .errors import AssistantError
from .evidence import plain_title
from .filters import Filters
from .lexical import tokenize
from .services import Services
from .settings import DigestSettings
from .summaries import abstract_sentences, central_order, select_papers
from .types import Paper


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
    docs: dict[str, list[str]], df: Counter[str], n_docs: int, top: int
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
    max_themes: int = 6,
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
        counts: Counter[str] = Counter(
            t for d in left for t in keys[d] if not set(t.split()) <= banned
        )
        if not counts:
            break
        best = min(counts, key=lambda t: (-counts[t], " " not in t, t))  # pairs read better
        if counts[best] < min_size:
            break
        groups.append((best, [d for d in left if best in keys[d]]))
        left = [d for d in left if best not in keys[d]]
    return groups + ([(None, left)] if left else [])


# Links, code, autolinks and HTML start with these; a backslash is escaped only before one of
# them (where it could undo an escape), so "H\\"older" stays as the abstract wrote it.
_MARKDOWN = re.compile(r"\\(?=[\\`\[\]<>])|[`\[\]<>]")


def markdown_text(text: str) -> str:
    """Text that Markdown shows as written: links, code, autolinks and HTML made inert.

    >>> markdown_text("[click](javascript:x) <b>")
    '\\\\[click\\\\](javascript:x) \\\\<b\\\\>'
    """
    return _MARKDOWN.sub(lambda m: "\\" + m.group(0), text)


def unescape_markdown(text: str) -> str:
    """The text `markdown_text` escaped, as written (for showing a digest outside Markdown).

    >>> unescape_markdown(markdown_text("[click](x) <b> *a*")) == "[click](x) <b> *a*"
    True
    """
    return re.sub(r"\\([\\`\[\]<>])", r"\1", text)


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
    lines = [f"# {markdown_text(heading)}", "", intro, ""]

    def title(pid: str) -> str:
        return markdown_text(plain_title(papers[pid].title))

    for label, members in groups:
        texts = [f"{papers[pid].title}. {papers[pid].abstract}" for pid in members]
        theme = theme_label(label, texts) or ("Other papers" if len(groups) > 1 else "Papers")
        size = f"{len(members)} paper{'s' if len(members) > 1 else ''}"
        lines += [f"## {markdown_text(theme)} ({size})", ""]
        for pid in members:
            numbers.setdefault(pid, len(numbers) + 1)
            claim = with_marker(markdown_text(claims[pid]), numbers[pid])
            lines.append(f"- **{title(pid)}**: {claim}")
        lines.append("")
    if numbers:
        lines += ["## References", ""]
        lines += [
            f"[{n}] {title(pid)} ({markdown_text(pid)}"
            + (f", {papers[pid].published}" if papers[pid].published else "")
            + ")"
            for pid, n in numbers.items()
        ]
    return "\n".join(lines).rstrip() + "\n"


def on_topic(
    services: Services, topic: str, papers: Sequence[Paper], settings: DigestSettings
) -> dict[str, str]:
    """The papers about a topic, each with its abstract sentence that best states it.

    Relevance is the judge's (`Judge.relevance`, with the corpus's word rarity), of the topic
    against the title and against each usable abstract sentence read with its title; a paper
    is kept when its best reaches settings.relevance.
    """
    query = " ".join(topic.replace("-", " ").split())  # "learning-rate" is written both ways
    texts = {p.paper_id: [p.title, *abstract_sentences(p)] for p in papers}
    pairs = [
        (query, text if i == 0 else f"{paper.title}. {text}")
        for paper in papers
        for i, text in enumerate(texts[paper.paper_id])
    ]
    scores = iter(services.judge.relevance(pairs, services.rarity))
    claims = {}
    for paper in papers:
        own = [next(scores) for _ in texts[paper.paper_id]]
        if max(own) >= settings.relevance and len(own) > 1:
            best = max(range(1, len(own)), key=lambda i: (own[i], -i))
            claims[paper.paper_id] = texts[paper.paper_id][best]
    return claims


def central_claims(services: Services, papers: Sequence[Paper]) -> dict[str, str]:
    """Each paper's most central usable abstract sentence, for digests without a topic."""
    claims = {}
    for paper in papers:
        sentences = abstract_sentences(paper)
        n = len(sentences)
        flat = services.judge.score([(a, b) for a in sentences for b in sentences])
        order = central_order([flat[i * n : (i + 1) * n] for i in range(n)])
        claims[paper.paper_id] = sentences[order[0]]
    return claims


def digest(services: Services, topic: str | None = None, since: str | None = None) -> str:
    """A cited Markdown overview of the papers on a topic, or of those published since a date.

    Each paper contributes one verbatim abstract sentence that the sentence policy allows (the
    one that best states the topic, or its most central one), so every claim is supported by
    the paper it cites; papers are grouped by the key terms they share. Titles and sentences
    are written as inert Markdown.
    """
    settings = services.settings.digest
    topic = " ".join((topic or "").split()) or None
    if topic is None and since is None:
        raise AssistantError("a digest needs a topic, --since DATE, or both")
    corpus = services.papers()
    chosen = select_papers(corpus, since=since)  # checks the date
    if topic is not None:
        filters = Filters(published_after=since) if since else None
        by_id = {p.paper_id: p for p in chosen}
        found: dict[str, Paper] = {}
        for query in dict.fromkeys([topic, topic.replace("-", " ")]):
            for source in services.retrieve(query, top_k=settings.candidates, filters=filters):
                if source.paper_id in by_id:
                    found.setdefault(source.paper_id, by_id[source.paper_id])
        chosen = list(found.values())
    claims = (
        central_claims(services, chosen)
        if topic is None
        else on_topic(services, topic, chosen, settings)
    )
    kept = {p.paper_id: p for p in chosen if p.paper_id in claims}
    df: Counter[str] = Counter()
    for paper in corpus:
        df.update(set(terms(f"{paper.title}. {paper.abstract}")))
    docs = {pid: terms(f"{p.title}. {p.abstract}") for pid, p in kept.items()}
    groups = group_by_terms(
        key_terms(docs, df, len(corpus), settings.key_terms),
        exclude=terms(topic or ""),
        max_themes=settings.themes,
    )
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
