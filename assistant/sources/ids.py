"""Paper identity: stable ids, title normalization, and merging copies of the same paper."""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from typing import Any

from assistant.types import Paper

# New-style (2007+) "2305.12345" and old-style "hep-th/9901001" identifiers, optional "v2".
_ARXIV_ID = re.compile(
    r"(?:arxiv:|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)?"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[a-z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?",
    re.IGNORECASE,
)
# "10.1000/xyz", "doi:10.1000/xyz", "https://doi.org/10.1000/xyz", "https://dx.doi.org/..."
_DOI = re.compile(
    r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)?(?P<doi>10\.\d{4,9}/\S+)", re.IGNORECASE
)
# arXiv's own DOIs name the preprint: 10.48550/arXiv.2401.01234
_ARXIV_DOI = re.compile(r"10\.48550/arxiv\.(?P<id>.+)", re.IGNORECASE)


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


def doi_of(value: object) -> str | None:
    """The bare DOI in `value`, lowercase (DOIs ignore case), or None when it is not one.

    "https://doi.org/10.18653/V1/N19-1423" -> "10.18653/v1/n19-1423";
    "doi:10.1000/xyz." -> "10.1000/xyz";  "10.1000" -> None;  "see the paper" -> None
    """
    if not isinstance(value, str):
        return None
    match = _DOI.fullmatch(value.strip())
    return match.group("doi").rstrip(".,;").lower() if match else None


def arxiv_id_of_doi(doi: str | None) -> str | None:
    """The arXiv id an arXiv DOI names: "10.48550/arxiv.1706.03762" -> "1706.03762"; else None."""
    match = _ARXIV_DOI.fullmatch(doi or "")
    return arxiv_id_of(match.group("id")) if match else None


def paper_id_for(title: str, arxiv_id: str | None = None, doi: str | None = None) -> str:
    """The stable id of a paper: its DOI, else its arXiv id, else a hash of its normalized title.

    ("Attention Is All You Need", "1706.03762v7") -> "arxiv:1706.03762"
    ("BERT", None, "https://doi.org/10.18653/V1/N19-1423") -> "doi:10.18653/v1/n19-1423"
    ("T", None, "10.48550/arXiv.1706.03762") -> "arxiv:1706.03762"   (arXiv's DOI: the arXiv id)
    ("Attention is all you need!")               -> "title:" + first 16 hex of sha1
    An `arxiv_id` or `doi` that is not one is ignored.
    """
    bare_doi = doi_of(doi)
    bare = arxiv_id_of(arxiv_id) or arxiv_id_of_doi(bare_doi)
    if bare_doi and not arxiv_id_of_doi(bare_doi):
        return f"doi:{bare_doi}"
    if bare:
        return f"arxiv:{bare}"
    # A title of punctuation only normalizes to ""; hash its raw form so it stays distinct.
    key = normalize_title(title) or unicodedata.normalize("NFKC", title).strip()
    return "title:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def strong_ids(paper: Paper) -> tuple[str | None, str | None]:
    """(DOI, arXiv id) a paper is known by, from its fields or its paper_id; None when unknown.

    Paper("arxiv:2305.12345", ...) -> (None, "2305.12345")
    Paper("doi:10.1/x", ..., arxiv_id="2305.12345") -> ("10.1/x", "2305.12345")
    """
    doi = doi_of(paper.doi) or doi_of(paper.paper_id.removeprefix("doi:"))
    arxiv = arxiv_id_of(paper.arxiv_id) or arxiv_id_of(paper.paper_id) or arxiv_id_of_doi(doi)
    if doi and arxiv_id_of_doi(doi):
        doi = None  # arXiv's DOI is the arXiv id under another name
    return doi, arxiv


def where(paper: Paper) -> str:
    """Where a paper's title is, as "file:line", for messages and duplicate_of lists."""
    return f"{paper.source_file}:{paper.source_line}" if paper.source_line else paper.source_file


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


# Fields a kept copy takes from the other copies when it lacks them, first seen first.
_FILLED = (
    "authors_count",
    "upvotes",
    "authors",
    "venue",
    "doi",
    "arxiv_id",
    "url",
    "citation_key",
)


def _titled_only(paper: Paper) -> bool:
    """Whether a paper came without an abstract and stands in with its title."""
    return bool(paper.metadata.get("abstract_missing"))


def _fill_date(
    kept: Paper, others: list[Paper], fields: dict[str, Any], metadata: dict[str, Any]
) -> None:
    """Give a kept copy without a full date the first one of the others that agrees with its
    year, else the first year known.

    A date of another year is not taken (two sources disagree): it is kept in
    metadata["other_published"], so it is not lost.
    """
    if kept.published:
        return
    for donor in others:
        if donor.published and kept.year in (None, donor.year):
            fields["published"], fields["year"] = donor.published, donor.year
            if donor.metadata.get("published_year_inferred"):
                metadata["published_year_inferred"] = True  # the caveat travels with the date
            return
        if donor.published:
            metadata.setdefault("other_published", donor.published)
    if kept.year is None:
        fields["year"] = next((c.year for c in others if c.year), None)


def merge(copies: list[Paper]) -> Paper:
    """One Paper from copies of the same paper, in first-seen order.

    Copies with the same abstract: keep the richest (Paper.richness(), first seen on a tie).
    Copies that disagree on the abstract: keep the longest abstract (then richest, then first)
    and list the others' "file:line" in metadata["duplicate_of"]. A copy without an abstract
    (its title standing in) is kept only when no copy has one, and is no disagreement.
    Either way the kept copy's missing fields are filled from the other copies, first seen
    first: authors_count, date, upvotes, and the bibliographic ones (authors, venue, DOI,
    arXiv id, URL, citation key). The id becomes the strongest one known: DOI, then arXiv id.
    """
    if len(copies) == 1:
        return copies[0]
    order = [i for i, c in enumerate(copies) if not _titled_only(c)] or list(range(len(copies)))
    first = copies[order[0]]
    conflict = any(not _same_text(copies[i].abstract, first.abstract) for i in order[1:])
    if conflict:
        best = max(order, key=lambda i: (len(copies[i].abstract), copies[i].richness(), -i))
    else:
        best = max(order, key=lambda i: (copies[i].richness(), -i))
    kept = copies[best]
    others = [c for i, c in enumerate(copies) if i != best]
    fields: dict[str, object] = {}
    metadata = dict(kept.metadata)
    for name in _FILLED:
        donor = next((c for c in others if getattr(c, name)), None)
        if not getattr(kept, name) and donor is not None:
            fields[name] = getattr(donor, name)
    _fill_date(kept, others, fields, metadata)
    dois, arxivs = zip(*(strong_ids(c) for c in [kept, *others]), strict=True)
    doi = next((d for d in dois if d), None)
    arxiv = next((a for a in arxivs if a), None)
    # The stronger identity wins: a copy that knows the DOI or arXiv id lends it.
    strongest = f"doi:{doi}" if doi else f"arxiv:{arxiv}" if arxiv else kept.paper_id
    if strongest != kept.paper_id:
        fields["paper_id"] = strongest
    if doi and arxiv and not (fields.get("arxiv_id") or kept.arxiv_id):
        fields["arxiv_id"] = arxiv  # the DOI names it now: keep the arXiv id in sight
    if conflict:
        dropped = [
            where(c)
            for c in others
            if not _titled_only(c) and not _same_text(c.abstract, kept.abstract)
        ]
        metadata["duplicate_of"] = sorted(set(metadata.get("duplicate_of", [])) | set(dropped))
    return dataclasses.replace(kept, metadata=metadata, **fields)  # type: ignore[arg-type]


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two optional ids may name the same paper: equal, or at most one known."""
    return a is None or b is None or a == b


def absorb(kept: Paper, donor: Paper) -> Paper:
    """`kept` with the fields it lacks taken from `donor`, another copy of the same paper.

    Unlike `merge`, nothing of `kept` is replaced: its id, title, abstract, metadata and every
    field it has stay; it only gains authors, venue, DOI, arXiv id, URL, citation key, counts
    and date (as `merge` fills them), and the donor's abstract when its own is only its title.
    So absorbing the same donor twice changes nothing (re-ingesting stays idempotent).

    >>> kept = Paper("title:1", "T", "T", venue="ICML", metadata={"abstract_missing": True})
    >>> both = absorb(kept, Paper("arxiv:1", "T", "What it does.", upvotes=3))
    >>> (both.paper_id, both.abstract, both.venue, both.upvotes, both.metadata)
    ('title:1', 'What it does.', 'ICML', 3, {})
    """
    fields: dict[str, Any] = {}
    metadata = dict(kept.metadata)
    if _titled_only(kept) and not _titled_only(donor):
        fields["abstract"] = donor.abstract
        metadata.pop("abstract_missing", None)
    for name in _FILLED:
        if not getattr(kept, name) and getattr(donor, name):
            fields[name] = getattr(donor, name)
    _fill_date(kept, [donor], fields, metadata)
    fields = {k: v for k, v in fields.items() if v is not None}
    if not fields and metadata == kept.metadata:
        return kept
    return dataclasses.replace(kept, metadata=metadata, **fields)


def dedupe(papers: list[Paper]) -> list[Paper]:
    """Papers with each paper once, in first-seen order; copies are combined by `merge`.

    Copies share a DOI, an arXiv id or a paper_id, or a normalized title when their DOIs
    and arXiv ids do not disagree: two different arXiv ids (or DOIs) are two papers, even
    with the same title. The same paper from a .bib (with its DOI) and from a Daily Papers
    page (title only) is one paper.
    """
    groups: list[list[Paper]] = []
    by_key: dict[str, int] = {}  # "doi:...", "arxiv:...", paper_id -> group
    by_title: dict[str, int] = {}
    group_ids: list[tuple[str | None, str | None]] = []  # the first DOI and arXiv id seen
    for paper in papers:
        doi, arxiv = strong_ids(paper)
        keys = [k for k in (doi and f"doi:{doi}", arxiv and f"arxiv:{arxiv}") if k]
        title = normalize_title(paper.title)
        slot = next((by_key[k] for k in [*keys, paper.paper_id] if k in by_key), None)
        if slot is None and title in by_title:
            candidate = by_title[title]
            known_doi, known_arxiv = group_ids[candidate]
            if compatible(doi, known_doi) and compatible(arxiv, known_arxiv):
                slot = candidate
        if slot is None:
            slot = len(groups)
            groups.append([])
            group_ids.append((None, None))
            by_title.setdefault(title, slot)
        groups[slot].append(paper)
        for key in [*keys, paper.paper_id]:
            by_key.setdefault(key, slot)
        known_doi, known_arxiv = group_ids[slot]
        group_ids[slot] = (known_doi or doi, known_arxiv or arxiv)
    return [merge(group) for group in groups]
