"""Frozen value types shared by every layer: papers, chunks, passages, citations, answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


def published_ordinal(published: str | None) -> int | None:
    """An ISO date as a sortable integer, for range filters: "2024-05-31" -> 20240531."""
    if not published:
        return None
    digits = published.replace("-", "")
    return int(digits) if digits.isdigit() and len(digits) == 8 else None


# Paper's bibliographic fields: what a reference manager knows beyond the listing's.
BIBLIOGRAPHIC_FIELDS = ("authors", "year", "venue", "doi", "arxiv_id", "url", "citation_key")


@dataclass(frozen=True)
class Paper:
    """One paper's abstract and what the listing (or the reference manager) said about it."""

    paper_id: str
    title: str
    abstract: str
    authors_count: int | None = None  # len(authors) when the names are all known
    published: str | None = None  # ISO date, "YYYY-MM-DD", when the full date is known
    upvotes: int | None = None
    source_file: str = ""
    source_line: int | None = None  # 1-based line of the title (or the entry) in source_file
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    authors: tuple[str, ...] = ()  # names as "First Last", in order
    year: int | None = None  # set from `published` when that is known
    venue: str | None = None  # journal, proceedings or other container
    doi: str | None = None  # bare and lowercase: "10.1000/xyz"
    arxiv_id: str | None = None  # without version: "2401.01234"
    url: str | None = None
    citation_key: str | None = None  # the key of the .bib entry it came from

    def __post_init__(self) -> None:
        # One source of truth for the year: a full date says it.
        if self.year is None and published_ordinal(self.published) is not None:
            object.__setattr__(self, "year", int(self.published[:4]))  # type: ignore[index]

    def bibliographic(self) -> dict[str, Any]:
        """The bibliographic fields that are set, the year only when `published` does not say it.

        Paper("t", "T", "A", published="2024-05-31", venue="ICML").bibliographic()
        -> {"venue": "ICML"};  a Paper from a Daily Papers page -> {}
        """
        known = {name: getattr(self, name) for name in BIBLIOGRAPHIC_FIELDS}
        if self.published:
            known.pop("year")
        return {k: (list(v) if k == "authors" else v) for k, v in known.items() if v}

    def richness(self) -> int:
        """How many optional fields are known; de-duplication keeps the richest copy."""
        known = (self.authors_count, self.published, self.upvotes)
        return sum(v is not None for v in known) + len(self.bibliographic()) + len(self.metadata)

    def to_record(self) -> dict[str, Any]:
        """Every field as JSON-ready values (authors as a list); `from_record` reads it back."""
        record = asdict(self)
        record["authors"] = list(self.authors)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Paper:
        """A paper from `to_record`'s dict; fields it lacks take their defaults.

        >>> p = Paper("p1", "T", "A.", authors=("Ada Lovelace",), venue="ICML")
        >>> Paper.from_record(p.to_record()) == p, Paper.from_record({"paper_id": "p1"}).title
        (True, '')
        """
        known = {f: record[f] for f in cls.__dataclass_fields__ if f in record}
        known["authors"] = tuple(known.get("authors") or ())
        known["metadata"] = dict(known.get("metadata") or {})
        known.setdefault("title", "")
        known.setdefault("abstract", "")
        return cls(**known)


@dataclass(frozen=True)
class Chunk:
    """A piece of one abstract, small enough to cite precisely."""

    chunk_id: str  # "<paper_id>:<index>"
    paper_id: str
    index: int
    text: str
    title: str


@dataclass(frozen=True)
class ChunkHit:
    """A stored chunk as the index returns it: its text, its flat metadata, and (for a search
    hit) its cosine similarity to the query."""

    chunk_id: str
    text: str
    metadata: dict[str, Any]
    similarity: float = 0.0

    @property
    def paper_id(self) -> str:
        return str(self.metadata["paper_id"])


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its fused relevance score."""

    chunk_id: str
    paper_id: str
    title: str
    text: str
    score: float  # fused rank score (higher is better)
    similarity: float = 0.0  # cosine similarity to the question, when the dense search saw it
    published: str | None = None
    authors_count: int | None = None


@dataclass(frozen=True)
class Source:
    """A retrieved paper, in rank order, with the passages that brought it up."""

    paper_id: str
    title: str
    score: float  # fused rank score (higher is better)
    similarity: float = 0.0  # best cosine similarity of its passages to the question
    published: str | None = None
    authors_count: int | None = None
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class Citation:
    """A numbered reference in an answer, tied to the exact supporting sentence."""

    key: str  # the marker's number, "1" for [1]
    paper_id: str
    title: str
    snippet: str  # the supporting sentence, verbatim from the abstract
    score: float = 0.0  # how strongly the snippet supports the cited sentences (0..1)
    weak: bool = False  # a list entry that may match, on weaker evidence than the others
    snippets: tuple[str, ...] = ()  # every sentence cited from this paper, snippet first

    @property
    def sentences(self) -> tuple[str, ...]:
        """Every abstract sentence this citation stands for (at least the snippet)."""
        return self.snippets or (self.snippet,)


class Mode(StrEnum):
    """How an answer was made."""

    GENERATED = "generated"  # the model's sentences, each checked against what it cites
    COMPOSED = "composed"  # the abstract sentences that answer each ask, maybe with a model lead
    EXTRACTIVE = "extractive"  # abstract sentences themselves, cited
    SUMMARY = "summary"  # a paper's checked summary
    LIST = "list"  # every paper that fits a topic, each with its reason sentence
    METADATA = "metadata"  # from the listing's author counts and dates
    ABSTAINED = "abstained"  # the abstracts do not answer it
    FALSE_PREMISE = "false-premise"  # declined: the cited abstract reports the opposite


class Abstention(StrEnum):
    """Why an answer abstains (`Answer.reason`)."""

    OFF_TOPIC = "off-topic"  # nothing retrieved is close enough to the question
    NO_EVIDENCE = "no-evidence"  # no usable abstract sentence
    NUMBER_NOT_GIVEN = "number-not-given"  # it asks for a number no close abstract states
    UNKNOWN_NAME = "unknown-name"  # it names a model or dataset no close abstract mentions
    FALSE_PREMISE = "false-premise"  # the paper reports the opposite of what it assumes
    METADATA_MISSING = "metadata-missing"  # the listing lacks the field it asks about
    NO_MATCH = "no-match"  # a list or metadata question that no paper fits
    NOT_STATED = "not-stated"  # the closest paper states none of what is asked


@dataclass(frozen=True)
class Answer:
    """What `ask()` returns: cited text, the sources consulted, and how well it is supported."""

    question: str
    text: str
    citations: list[Citation]
    sources: list[Source]
    abstained: bool = False
    support: float = 1.0  # fraction of answer sentences supported by what they cite
    mode: Mode = Mode.GENERATED
    reason: Abstention | None = None  # why it abstained (None when it answers)
    missing: tuple[str, ...] = ()  # what was asked that the abstracts do not give
    references: tuple[Paper, ...] = ()  # the cited papers' records, in citation order

    def __str__(self) -> str:
        if not self.citations:
            return self.text
        refs = "\n".join(f"[{c.key}] {c.title} ({c.paper_id})" for c in self.citations)
        return f"{self.text}\n\nReferences:\n{refs}"

    def to_markdown(self) -> str:
        """The answer as Markdown, then its numbered references (title, authors, venue, year,
        DOI or arXiv link): ready to paste into notes."""
        from .export import answer_markdown  # export sits above types: imported when used

        return answer_markdown(self, {p.paper_id: p for p in self.references})

    def to_bibtex(self) -> str:
        """A .bib entry for each cited paper, in citation order ("" when nothing is cited); a
        paper from a .bib keeps its citation key."""
        from .export import bibtex_entries

        return bibtex_entries(self.references)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view, for `assistant ask --json`, the eval and the UI."""
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "support": self.support,
            "mode": str(self.mode),
            "reason": None if self.reason is None else str(self.reason),
            "missing": list(self.missing),
            "citations": [asdict(c) for c in self.citations],
            "sources": [
                {
                    "paper_id": s.paper_id,
                    "title": s.title,
                    "score": s.score,
                    "published": s.published,
                    "authors_count": s.authors_count,
                }
                for s in self.sources
            ],
            "references": [
                {
                    "paper_id": p.paper_id,
                    "title": p.title,
                    "published": p.published,
                    **{name: getattr(p, name) for name in BIBLIOGRAPHIC_FIELDS},
                    "authors": list(p.authors),
                }
                for p in self.references
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], papers: Mapping[str, Paper] | None = None) -> Answer:
        """The Answer that `to_dict` gave `data`: `Answer.from_dict(a.to_dict()).to_dict() ==
        a.to_dict()`, and it prints the same text.

        A source keeps what the dict has (no passages, no similarity). A reference is the full
        record in `papers` when given (abstract and metadata included, as BibTeX and Markdown
        need), else the dict's reference fields.
        """
        papers = papers or {}
        sources = [
            Source(
                paper_id=s["paper_id"],
                title=s["title"],
                score=s["score"],
                published=s.get("published"),
                authors_count=s.get("authors_count"),
            )
            for s in data.get("sources", [])
        ]
        citations = [
            Citation(**{**c, "snippets": tuple(c.get("snippets") or ())})
            for c in data.get("citations", [])
        ]
        reason = data.get("reason")
        return cls(
            question=data["question"],
            text=data["text"],
            citations=citations,
            sources=sources,
            abstained=data.get("abstained", False),
            support=data.get("support", 1.0),
            mode=Mode(data.get("mode", Mode.GENERATED)),
            reason=None if reason is None else Abstention(reason),
            missing=tuple(data.get("missing") or ()),
            references=tuple(
                papers.get(r["paper_id"]) or Paper.from_record(r)
                for r in data.get("references", [])
            ),
        )


@dataclass(frozen=True)
class Summary:
    """One paper's checked summary, as the summaries file stores it (one JSON line)."""

    paper_id: str
    title: str
    tldr: str
    bullets: tuple[str, ...]
    support: float  # share of the model's sentences the judge found in the abstract
    checked: int
    repaired: int
    removed: int
    model: str
    prompt_version: str
    abstract_hash: str
    published: str | None = None
    generated: str = ""  # the model's raw text: a changed check needs no new generation

    def key(self) -> tuple[str, str, str, str]:
        """What decides whether this summary is still current: paper, abstract, model, prompt."""
        return (self.paper_id, self.abstract_hash, self.model, self.prompt_version)

    def to_record(self) -> dict[str, Any]:
        """The JSON object written to the summaries file."""
        record = asdict(self)
        record["bullets"] = list(self.bullets)
        return record

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Summary:
        """A summary from a stored JSON object; missing counts read as 0, unknown keys are ignored.

        >>> Summary.from_record({"paper_id": "p", "title": "T", "tldr": "It works.",
        ...     "bullets": ["A."], "support": 1}).bullets
        ('A.',)
        """
        return cls(
            paper_id=str(record["paper_id"]),
            title=str(record.get("title", "")),
            tldr=str(record.get("tldr", "")),
            bullets=tuple(str(b) for b in record.get("bullets") or ()),
            support=float(record.get("support") or 0.0),
            checked=int(record.get("checked") or 0),
            repaired=int(record.get("repaired") or 0),
            removed=int(record.get("removed") or 0),
            model=str(record.get("model", "")),
            prompt_version=str(record.get("prompt_version", "")),
            abstract_hash=str(record.get("abstract_hash", "")),
            published=record.get("published"),
            generated=str(record.get("generated", "")),
        )
