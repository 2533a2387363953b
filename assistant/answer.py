"""What every answer is built in: the retrieved context a question is answered from, the
abstention that says the abstracts do not answer, and which answer sentences are claims."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .citations import Evidence
from .evidence import usable_sentences
from .prompts import CANNOT_ANSWER_PHRASE
from .types import Abstention, Answer, Citation, Mode, Paper, Source

# Sentences an answer uses to frame its claims (list headers, what the listing lacks): they
# state no finding of a paper, so they are neither checked nor counted as unsupported.
_FRAMING = re.compile(
    r"^(?:Found \d+ papers? match(?:es)?:|\d+ more papers? may also match|The listing gives no "
    r"|The abstracts? (?:does|do) not (?:give|name|report|say)"
    r"|\d+ papers? (?:in the listing|on the topic) |The papers? (?:in the listing|on the topic) "
    r"|And \d+ more\.)"
)


def is_claim(sentence: str) -> bool:
    """Whether an answer sentence states something a source must support.

    >>> is_claim("Found 3 papers match: pooling."), is_claim("GeM pooling helps ViT [1].")
    (False, True)
    >>> is_claim("2 more papers may also match, on weaker evidence.")
    False
    >>> is_claim("The abstract does not give the GPU hours.")
    False
    """
    return not (
        _FRAMING.match(sentence.strip()) or CANNOT_ANSWER_PHRASE.casefold() in sentence.casefold()
    )


@dataclass(frozen=True)
class Context:
    """What one question is answered from: the retrieved sources and their full abstracts."""

    question: str
    sources: list[Source]
    papers: dict[str, Paper]

    def abstract(self, source: Source) -> str:
        """A source's abstract (its retrieved passages when the abstract is unknown)."""
        paper = self.papers.get(source.paper_id)
        return paper.abstract if paper else " ".join(p.text for p in source.passages)

    def text(self, source: Source) -> str:
        """A source's title and abstract, the words a paper is known by."""
        return f"{source.title} {self.abstract(source)}"

    def sentences(self, source: Source) -> list[str]:
        """The sentences of a source's abstract that the sentence policy lets an answer use."""
        return usable_sentences(self.abstract(source))

    def evidence(self) -> list[Evidence]:
        """Every usable sentence of every source, numbered by the source's prompt position."""
        return [
            Evidence(number, source.paper_id, source.title, sentence)
            for number, source in enumerate(self.sources, start=1)
            for sentence in self.sentences(source)
        ]


def cited_papers(citations: Sequence[Citation], papers: Mapping[str, Paper]) -> tuple[Paper, ...]:
    """The records of the cited papers, once each, in citation order ([1] first), for
    `Answer.references`; a paper missing from `papers` is left out.

    >>> papers = {"a": Paper("a", "A", "x"), "b": Paper("b", "B", "y")}
    >>> cited = [Citation("2", "a", "A", "x"), Citation("1", "b", "B", "y")]
    >>> [p.paper_id for p in cited_papers(cited, papers)]
    ['b', 'a']
    """
    ordered = sorted(citations, key=lambda c: int(c.key) if c.key.isdigit() else 1 << 30)
    ids = dict.fromkeys(c.paper_id for c in ordered)
    return tuple(papers[pid] for pid in ids if pid in papers)


def abstain(context: Context, reason: Abstention, why: str = "") -> Answer:
    """The honest answer when the abstracts do not cover the question: say so, show the closest."""
    closest = ", ".join(f'"{s.title}"' for s in context.sources[:3])
    text = CANNOT_ANSWER_PHRASE + (f" {why}" if why else "")
    text += f" The closest papers are {closest}." if closest else ""
    return Answer(
        context.question,
        text,
        [],
        context.sources,
        abstained=True,
        support=1.0,
        mode=Mode.ABSTAINED,
        reason=reason,
    )
