"""Guards of the compose stage: questions a plain answer must not attempt.

Each guard reads the question's intent and the retrieved context and, when the abstracts
cannot answer, returns the abstention that says why (`Answer.reason`); otherwise None.
"""

from __future__ import annotations

import re

from .answer import Context, abstain
from .citations import numbers_in
from .intents import Intent, names_in, polarity, premise_of, unmentioned
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


def guard(
    intent: Intent, context: Context, judge: Judge, settings: AbstentionSettings
) -> Answer | None:
    """The abstention a plain question calls for, or None when it may be answered.

    In order: a number no top abstract states; a name no close abstract mentions; a premise the
    top paper contradicts; nothing retrieved close enough to the question.
    """
    if not context.sources:
        return abstain(context, Abstention.OFF_TOPIC)
    if intent.quantity and not states_a_number(intent, context, settings.number_papers):
        return abstain(context, Abstention.NUMBER_NOT_GIVEN)
    missing = unmentioned(
        names_in(context.question), [p.title + " " + p.abstract for p in context.papers.values()]
    )
    if missing:
        # "What did AlexNet reach?" over abstracts that never name AlexNet: any answer would
        # be about some other model.
        why = f"None of the closest abstracts mentions {', '.join(missing)}."
        return abstain(context, Abstention.UNKNOWN_NAME, why)
    premise = premise_of(context.question)
    if premise:
        contradiction = contradicted_premise(
            premise, context, judge, settings.premise_papers, settings.premise_on_topic
        )
        if contradiction:
            return false_premise_answer(context, *contradiction)
    top = max(s.similarity for s in context.sources)
    if top < settings.min_similarity:
        return abstain(context, Abstention.OFF_TOPIC)
    return None


def states_a_number(intent: Intent, context: Context, top: int) -> bool:
    """Whether a top abstract could answer a "how many / what score" question at all.

    It must have a sentence stating a number and naming what is measured (its first five
    letters: "GPUs" matches "GPU"); when the question names no measure, any number will do.
    """
    stems = {m[:5] for m in intent.measures}
    for source in context.sources[:top]:
        for sentence in context.sentences(source):
            if not numbers_in(sentence):
                continue
            words = {w[:5] for w in re.findall(r"[\w-]+", sentence.lower())}
            if not stems or stems & words:
                return True
    return False


def contradicted_premise(
    premise: str, context: Context, judge: Judge, top: int, on_topic: float
) -> tuple[Source, str] | None:
    """The top abstract sentence that reports the opposite of a "why" question's premise.

    Among the on-topic sentences of the top abstracts that report an outcome at all, those of the
    paper the question is about count (the best-ranked one naming what the question names, such
    as "DeiT"); its finding ("we find ...") closest to the premise decides, or its closest
    sentence if it states no finding:
    if that reports the opposite outcome ("falls behind" vs "outperforms"), the premise is false.
    Otherwise None.
    """
    wanted = polarity(premise)
    if wanted == 0:
        return None
    found: list[tuple[bool, float, Source, str, int]] = []
    for source in context.sources[:top]:
        if source.paper_id not in context.papers:
            continue
        sentences = context.sentences(source)
        for sentence, score in zip(
            sentences, judge.score([(premise, s) for s in sentences]), strict=True
        ):
            outcome = polarity(sentence)
            if score >= on_topic and outcome:
                found.append((bool(_FINDING.search(sentence)), score, source, sentence, outcome))
    if found:
        # The premise is about the best-ranked paper that names what the question names.
        names = names_in(context.question)
        papers = [src for src in context.sources[:top] if any(f[2] is src for f in found)]
        named = [
            src
            for src in papers
            if not unmentioned(names, [src.title + " " + context.papers[src.paper_id].abstract])
        ]
        subject = (named or papers)[0]
        own = [f for f in found if f[2] is subject]
        _, _, source, sentence, outcome = max(own, key=lambda f: (f[0], f[1]))
        if outcome == -wanted:
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
    )
