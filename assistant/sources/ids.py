"""Paper identity: stable ids, title normalization, and merging copies of the same paper."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata

from assistant.types import Paper

# New-style (2007+) "2305.12345" and old-style "hep-th/9901001" identifiers, optional "v2".
_ARXIV_ID = re.compile(
    r"(?:arxiv:|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)?"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)


def normalize_title(title: str) -> str:
    """The form of a title two copies of one paper share, for matching and hashing.

    Unicode NFKC, casefolded, punctuation replaced by spaces, whitespace collapsed:
    "Beyond  Fully-Connected Layers!" -> "beyond fully connected layers"
    "Don’t Think It Twice" -> "don t think it twice"   (any apostrophe, same result)
    """
    text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", title).casefold())
    # Punctuation becomes a space, not nothing, so "end.Start" does not glue into one word.
    text = "".join(" " if unicodedata.category(c).startswith("P") else c for c in text)
    return " ".join(text.split())


def arxiv_id_of(value: object) -> str | None:
    """The bare arXiv id in `value`, without version, or None when it is not one.

    "2305.12345v2" -> "2305.12345"; "arXiv:hep-th/9901001" -> "hep-th/9901001";
    "https://arxiv.org/abs/2305.12345" -> "2305.12345"; "p-17" -> None
    """
    if not isinstance(value, str):
        return None
    match = _ARXIV_ID.fullmatch(value.strip())
    return match.group("id") if match else None


def paper_id_for(title: str, arxiv_id: str | None = None) -> str:
    """The stable id of a paper: its arXiv id when known, else a hash of its normalized title.

    ("Attention Is All You Need", "1706.03762v7") -> "arxiv:1706.03762"
    ("Attention is all you need!")               -> "title:" + first 16 hex of sha1
    An `arxiv_id` that is not an arXiv identifier is ignored.
    """
    bare = arxiv_id_of(arxiv_id)
    if bare:
        return f"arxiv:{bare}"
    # A title of punctuation only normalizes to ""; hash its raw form so it stays distinct.
    key = normalize_title(title) or unicodedata.normalize("NFKC", title).strip()
    return "title:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def where(paper: Paper) -> str:
    """Where a paper's title is, as "file:line", for messages and duplicate_of lists."""
    return f"{paper.source_file}:{paper.source_line}" if paper.source_line else paper.source_file


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def merge(copies: list[Paper]) -> Paper:
    """One Paper from copies of the same paper, in first-seen order.

    Copies with the same abstract: keep the richest (Paper.richness(), first seen on a tie).
    Copies that disagree on the abstract: keep the longest abstract (then richest, then first)
    and list the others' "file:line" in metadata["duplicate_of"].
    Either way authors_count, published and upvotes missing from the kept copy are filled
    from the other copies, first seen first.
    """
    if len(copies) == 1:
        return copies[0]
    conflict = any(not _same_text(c.abstract, copies[0].abstract) for c in copies[1:])
    order = range(len(copies))
    if conflict:
        best = max(order, key=lambda i: (len(copies[i].abstract), copies[i].richness(), -i))
    else:
        best = max(order, key=lambda i: (copies[i].richness(), -i))
    kept = copies[best]
    others = [c for i, c in enumerate(copies) if i != best]
    fields: dict[str, object] = {}
    metadata = dict(kept.metadata)
    for name in ("authors_count", "published", "upvotes"):
        donor = next((c for c in others if getattr(c, name) is not None), None)
        if getattr(kept, name) is None and donor is not None:
            fields[name] = getattr(donor, name)
            if name == "published" and donor.metadata.get("published_year_inferred"):
                metadata["published_year_inferred"] = True  # the caveat travels with the date
    if not kept.paper_id.startswith("arxiv:"):
        # A copy that knows the arXiv id lends it: the stronger identity wins.
        arxiv = next((c.paper_id for c in others if c.paper_id.startswith("arxiv:")), None)
        if arxiv:
            fields["paper_id"] = arxiv
    if conflict:
        dropped = [where(c) for c in others if not _same_text(c.abstract, kept.abstract)]
        metadata["duplicate_of"] = sorted(set(metadata.get("duplicate_of", [])) | set(dropped))
    return dataclasses.replace(kept, metadata=metadata, **fields)  # type: ignore[arg-type]


def dedupe(papers: list[Paper]) -> list[Paper]:
    """Papers with each paper once, in first-seen order; copies are combined by `merge`.

    Copies share a paper_id, or a normalized title when at most one of them has an arXiv id
    (two different arXiv ids are two papers, even with the same title).
    """
    groups: list[list[Paper]] = []
    by_id: dict[str, int] = {}
    by_title: dict[str, int] = {}
    group_arxiv: list[str | None] = []
    for paper in papers:
        arxiv = paper.paper_id if paper.paper_id.startswith("arxiv:") else None
        title = normalize_title(paper.title)
        slot = by_id.get(paper.paper_id)
        if slot is None and title in by_title:
            candidate = by_title[title]
            if arxiv is None or group_arxiv[candidate] in (None, arxiv):
                slot = candidate
        if slot is None:
            slot = len(groups)
            groups.append([])
            group_arxiv.append(None)
            by_title.setdefault(title, slot)
        groups[slot].append(paper)
        by_id.setdefault(paper.paper_id, slot)
        if arxiv and group_arxiv[slot] is None:
            group_arxiv[slot] = arxiv
    return [merge(group) for group in groups]
