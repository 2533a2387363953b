"""The compose and cite stages for a plain question: generate, check every sentence against the
abstracts, repair or fall back to abstract sentences, and number the citations."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .citations import (
    Evidence,
    Verdict,
    choose_evidence,
    cited_sentences,
    foreign_names,
    near_duplicate,
    with_marker,
)
from .evidence import MIN_WORDS, looks_like_instruction, usable_sentences
from .generation import Generator
from .judge import Judge
from .prompts import CANNOT_ANSWER_PHRASE, Messages
from .settings import ExtractiveSettings
from .types import Abstention, Answer, Citation, Mode, Paper, Source

DEFAULT_EXTRACTIVE = ExtractiveSettings()

# Sentences an answer uses to frame its claims (list headers, what the listing lacks): they
# state no finding of a paper, so they are neither checked nor counted as unsupported.
_FRAMING = re.compile(
    r"^(?:Found \d+ papers? match(?:es)?:|\d+ more papers? may also match|The listing gives no )"
)


def is_claim(sentence: str) -> bool:
    """Whether an answer sentence states something a source must support.

    >>> is_claim("Found 3 papers match: pooling."), is_claim("GeM pooling helps ViT [1].")
    (False, True)
    >>> is_claim("2 more papers may also match, on weaker evidence.")
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

    def paper_text(self, paper_id: str) -> str:
        """Title and abstract of a source paper (its passages when the abstract is unknown)."""
        paper = self.papers.get(paper_id)
        if paper:
            return f"{paper.title} {paper.abstract}"
        return " ".join(
            f"{s.title} " + " ".join(p.text for p in s.passages)
            for s in self.sources
            if s.paper_id == paper_id
        )

    def misattributed(self, claim: str, paper_id: str) -> bool:
        """Whether the claim names another retrieved paper that this paper never mentions."""
        others = [s.title for s in self.sources if s.paper_id != paper_id]
        return bool(foreign_names(claim, self.paper_text(paper_id), others))


def claims_of(text: str, complete: bool = True) -> list[tuple[str, list[int]]]:
    """The checkable sentences of generated text: no fragments, repeats, refusals, links or
    instructions, or a cut-off end.

    `complete` is False when generation stopped at its token budget: the last sentence is then
    unfinished unless it ends with punctuation or a marker.
    """
    sentences = cited_sentences(text)
    if not complete and sentences and not text.rstrip().endswith((".", "!", "?", "]")):
        sentences = sentences[:-1]
    return checkable(sentences)


def checkable(sentences: Sequence[tuple[str, list[int]]]) -> list[tuple[str, list[int]]]:
    """The sentences that make a claim, each once."""
    out: list[tuple[str, list[int]]] = []
    for sentence, cited in sentences:
        if (
            len(sentence.split()) < MIN_WORDS
            or CANNOT_ANSWER_PHRASE.casefold() in sentence.casefold()
            # A link or an instruction in the model's own text came from somewhere untrusted.
            or looks_like_instruction(sentence)
        ):
            continue
        if any(near_duplicate(sentence, kept) for kept, _ in out):
            continue
        out.append((sentence, cited))
    return out


def judge_sentences(
    text: str, context: Context, judge: Judge, complete: bool = True
) -> list[Verdict]:
    """A verdict for each sentence of generated text against the context's evidence."""
    return judge_claims(claims_of(text, complete), context, judge)


def judge_claims(
    claims: Sequence[tuple[str, list[int]]], context: Context, judge: Judge
) -> list[Verdict]:
    """A verdict for each claim: its best evidence among the sources, and whether it holds."""
    evidence = context.evidence()
    verdicts: list[Verdict] = []
    for sentence, cited in claims:
        scores = judge.score([(sentence, e.sentence) for e in evidence]) if evidence else []
        # A claim that names another retrieved paper is not supported by this one's sentences.
        foreign = {e.paper_id for e in evidence if context.misattributed(sentence, e.paper_id)}
        scores = [
            0.0 if e.paper_id in foreign else s for s, e in zip(scores, evidence, strict=True)
        ]
        chosen, score = choose_evidence(cited, scores, evidence, judge.threshold)
        verdicts.append(
            Verdict(
                sentence,
                tuple(cited),
                chosen,
                score,
                chosen is not None and score >= judge.threshold,
            )
        )
    return verdicts


class EarlyStop:
    """Watches a reply as it streams and says when generating more of it is wasted work.

    Only finished sentences count (the last one may still grow). A reply is *repeating* when a
    sentence says again what an earlier one said: greedy decoding has entered a loop, and repeats
    are dropped from the answer anyway. It is *unsupported* when its first `after_unsupported`
    claims all fail the check: the answer will almost surely be extractive
    (`python eval/stop_rule.py replay` measures how often stopping changes an answer). With
    `keep_unsupported` (the "show all" mode, where unsupported sentences are shown) only a
    repeating reply is stopped.
    """

    def __init__(
        self,
        context: Context,
        judge: Judge,
        keep_unsupported: bool = False,
        after_unsupported: int = 2,
    ) -> None:
        self.context, self.judge, self.keep_unsupported = context, judge, keep_unsupported
        self.after_unsupported = after_unsupported
        self._finished = 0

    def __call__(self, text: str) -> str | None:
        """Why to stop ("repeating" or "unsupported"), or None to go on."""
        finished = cited_sentences(text)[:-1]
        if len(finished) == self._finished:
            return None
        self._finished = len(finished)
        said = [s for s, _ in finished if len(s.split()) >= MIN_WORDS]
        if any(near_duplicate(said[j], said[i]) for j in range(len(said)) for i in range(j)):
            return "repeating"
        if self.keep_unsupported:
            return None
        verdicts = judge_claims(checkable(finished), self.context, self.judge)
        if len(verdicts) >= self.after_unsupported and not any(v.supported for v in verdicts):
            return "unsupported"
        return None


def cite(claims: Sequence[tuple[str, Evidence, float]]) -> tuple[str, list[Citation]]:
    """The cite stage: number the papers in order of first use and write each claim with its
    marker. (sentence, evidence, score) triples -> (text, citations)."""
    keys: dict[str, Citation] = {}
    parts = []
    for sentence, evidence, score in claims:
        citation = keys.get(evidence.paper_id)
        if citation is None:
            citation = Citation(
                str(len(keys) + 1),
                evidence.paper_id,
                evidence.title,
                evidence.sentence,
                round(score, 3),
            )
            keys[evidence.paper_id] = citation
        parts.append(with_marker(sentence, citation.key))
    return " ".join(parts), list(keys.values())


def extractive(
    context: Context, judge: Judge, settings: ExtractiveSettings = DEFAULT_EXTRACTIVE
) -> list[tuple[str, Evidence, float]]:
    """From the best-ranked papers, each one's sentence that best matches the question.

    Papers are taken in retrieval order (the fused ranking is the better judge of which paper
    is relevant); the judge, reading each sentence with its paper's title, picks the sentence
    within each. A later paper whose best sentence matches much worse than the first paper's
    is left out: citing it would add a source that does not answer the question.
    """
    evidence = context.evidence()
    if not evidence:
        return []
    # Within a paper the sentence alone decides; across papers, the sentence read with its title.
    scores = judge.score([(context.question, e.sentence) for e in evidence])
    best: dict[str, tuple[float, Evidence]] = {}
    for score, item in zip(scores, evidence, strict=True):
        if item.paper_id not in best or score > best[item.paper_id][0]:
            best[item.paper_id] = (score, item)
    titled = dict(
        zip(
            best,
            judge.score([(context.question, f"{e.title}. {e.sentence}") for _, e in best.values()]),
            strict=True,
        )
    )
    picked: list[tuple[str, Evidence, float]] = []
    first = None
    for source in context.sources:
        if source.paper_id not in best:
            continue
        item, score = best[source.paper_id][1], titled[source.paper_id]
        if first is None:
            first = score
        elif score < settings.relative_floor * first:
            continue
        picked.append((item.sentence, item, 1.0))  # a verbatim sentence supports itself fully
        if len(picked) == settings.sentences:
            break
    return picked


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


def compose(
    context: Context,
    generated: str,
    judge: Judge,
    settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
    *,
    show_all: bool = False,
    complete: bool = True,
) -> Answer:
    """Check the generated text sentence by sentence; repair citations, drop what is unsupported.

    When too little holds up, the answer is made of abstract sentences instead (`extractive`).
    """
    verdicts = judge_sentences(generated, context, judge, complete)
    kept = [(v.sentence, v.evidence, v.score) for v in verdicts if v.supported and v.evidence]
    if not kept or len(kept) * 3 < len(verdicts):
        claims = extractive(context, judge, settings)
        if not claims:
            return abstain(context, Abstention.NO_EVIDENCE)
        text, citations = cite(claims)
        return Answer(
            context.question, text, citations, context.sources, support=1.0, mode=Mode.EXTRACTIVE
        )
    text, citations = cite(kept)
    support = len(kept) / len(verdicts)
    if show_all:
        dropped = [v.sentence for v in verdicts if not v.supported]
        text += "".join(f" [unsupported: {s}]" for s in dropped)
    else:
        support = 1.0  # every sentence left in the text is supported by its citation
    return Answer(
        context.question,
        text,
        citations,
        context.sources,
        support=round(support, 3),
        mode=Mode.GENERATED,
    )


def stream_answer(
    context: Context,
    messages: Messages,
    generator: Generator,
    judge: Judge,
    *,
    max_new_tokens: int,
    settings: ExtractiveSettings = DEFAULT_EXTRACTIVE,
    show_all: bool = False,
    stop_early: bool = True,
) -> Iterator[str | Answer]:
    """Yield the model's text as it is generated, then the checked Answer.

    With `stop_early`, generation stops once the reply is repeating itself or its first claims
    are unsupported (see EarlyStop).
    """
    pieces: list[str] = []
    watch = EarlyStop(context, judge, show_all, settings.stop_after_unsupported)
    stream = generator.stream(messages, max_new_tokens)
    try:
        for piece in stream:
            pieces.append(piece)
            yield piece
            if stop_early and watch("".join(pieces)):
                break  # the rest would be dropped by the check: stop paying for it
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()  # frees the model now, not after the whole token budget
    # Token counts are not visible here; a reply ending mid-sentence was cut by the budget.
    yield compose(context, "".join(pieces), judge, settings, show_all=show_all, complete=False)
