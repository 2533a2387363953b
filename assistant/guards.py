"""Premises: a question that takes for granted what its paper reports the opposite of is
declined, citing the sentence that says so (`Answer.reason` = false-premise)."""

from __future__ import annotations

import re

from .answer import Context, cited_papers
from .intents import names_in, negates, polarity, premise_of, reverses, unmentioned
from .judge import Judge
from .prompts import CANNOT_ANSWER_PHRASE
from .settings import AbstentionSettings
from .types import Abstention, Answer, Citation, Mode, Source

# A sentence that reports the paper's own outcome ("We find that ...") outranks background that
# merely shares the premise's words ("X is thought to help ...") when judging a premise.
_FINDING = re.compile(
    r"\b(?:we|our\s+(?:results|experiments|analysis|findings|evaluation))\s+(?:\w+\s+)?"
    r"(?:find|found|show|showed|shown|observe|observed|demonstrate|demonstrated|reveal|revealed)\b",
    re.I,
)


def premise_refusal(
    context: Context, paper: Source, judge: Judge, settings: AbstentionSettings
) -> Answer | None:
    """The answer that declines a question whose premise ("Why does X fail ...?") the paper it
    is about reports the opposite of, citing the sentence that does; None otherwise."""
    premise = premise_of(context.question)
    if not premise:
        return None
    first = [paper, *(s for s in context.sources if s.paper_id != paper.paper_id)]
    ordered = Context(context.question, first, context.papers)
    found = contradicted_premise(
        premise, ordered, judge, settings.premise_papers, settings.premise_on_topic
    )
    return false_premise_answer(context, *found) if found else None


def contradicted_premise(
    premise: str, context: Context, judge: Judge, top: int, on_topic: float
) -> tuple[Source, str] | None:
    """The top abstract sentence that reports the opposite of a "why" question's premise.

    Among the on-topic sentences of the top abstracts that report an outcome or deny the premise
    ("does not lead to linear gains"), only those of the paper the question is about count (the
    first, or the best-ranked one naming what the question names, such as "DeiT"); its finding
    ("we find ...") closest to the premise decides, or its closest sentence if it states no
    finding. The premise is false when that sentence reports the opposite outcome ("falls behind" vs
    "outperforms"), or denies an affirmative premise without reporting the same outcome, or
    when one of the paper's sentences has a change the premise asserts going the other way
    ("lower training loss" against "raise the training loss"). Otherwise None.
    """
    wanted = polarity(premise)
    found: list[tuple[bool, float, Source, str, int, bool]] = []
    turned: list[tuple[bool, float, Source, str]] = []  # sentences reversing a premise's change
    for source in context.sources[:top]:
        if source.paper_id not in context.papers:
            continue
        sentences = context.sentences(source)
        for sentence, score in zip(
            # A premise is a topic, not a claim: a number in it ("20-layer nets") need not be
            # restated by the sentence that reports on it.
            sentences,
            judge.relevance([(premise, s) for s in sentences]),
            strict=True,
        ):
            if score < on_topic:
                continue
            outcome, denies = polarity(sentence), negates(sentence, premise)
            finding = bool(_FINDING.search(sentence))
            if reverses(sentence, premise):
                turned.append((finding, score, source, sentence))
            if (outcome and wanted) or denies:
                found.append((finding, score, source, sentence, outcome, denies))
    if found or turned:
        # The premise is about the paper the question is about (first in the context), or the
        # best-ranked one naming what the question names when that one does not; a premise is
        # never judged on another paper's sentences.
        names = names_in(context.question)
        papers = [src for src in context.sources[:top] if src.paper_id in context.papers]
        named = [
            src
            for src in papers
            if not unmentioned(names, [src.title + " " + context.papers[src.paper_id].abstract])
        ]
        subject = (named or papers)[0]
        own = [f for f in found if f[2] is subject]
        own_turned = [t for t in turned if t[2] is subject]
        # A change reported the other way declines, unless the paper's finding reports the
        # outcome the question assumes.
        confirmed = wanted != 0 and any(f[0] and f[4] == wanted for f in own)
        if own_turned and not confirmed:
            _, _, source, sentence = max(own_turned, key=lambda t: (t[0], t[1]))
            return source, sentence
        if not own:
            return None
        _, _, source, sentence, outcome, denies = max(own, key=lambda f: (f[0], f[1]))
        if wanted and outcome == -wanted:
            return source, sentence
        if denies and (wanted == 0 or outcome != wanted):
            return source, sentence
    return None


def false_premise_answer(context: Context, source: Source, sentence: str) -> Answer:
    """Decline a question whose premise the cited abstract contradicts, and show what it says."""
    text = (
        f"{CANNOT_ANSWER_PHRASE} The question assumes something the abstract of "
        f'"{source.title}" does not report. It says: {sentence.rstrip(".")} [1].'
    )
    citation = Citation("1", source.paper_id, source.title, sentence, 1.0)
    return Answer(
        context.question,
        text,
        [citation],
        context.sources,
        abstained=True,
        support=1.0,
        mode=Mode.FALSE_PREMISE,
        reason=Abstention.FALSE_PREMISE,
        references=cited_papers([citation], context.papers),
    )
