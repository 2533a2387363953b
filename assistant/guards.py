"""Premises: a question that takes for granted what its paper reports the opposite of is
declined, citing the sentence that says so (`Answer.reason` = false-premise); one that
attributes to a named paper what only another paper states is declined too (not-stated)."""

from __future__ import annotations

import re

from .answer import Context, abstain, cited_papers
from .fields import in_field, named_field
from .intents import (
    contrasts,
    mentions,
    names_in,
    negates,
    polarity,
    premise_of,
    reverses,
    sides_swapped,
    unmentioned,
)
from .judge import Judge
from .lexical import STOPWORDS
from .necessity import effect
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

# What a paper hopes for or leaves to others ("We believe this opens up an important direction
# for future research to develop schemes which mitigate forgetting") reports no outcome, so it
# contradicts no premise.
_PROSPECT = re.compile(
    r"\b(?:future\s+(?:work|research|stud(?:y|ies)|directions?)|we\s+(?:believe|hope|envision|"
    r"anticipate)|opens?\s+up|remains?\s+(?:an?\s+)?open)\b",
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
        premise,
        ordered,
        judge,
        settings.premise_papers,
        settings.premise_on_topic,
        settings.premise_reversal_on_topic,
    )
    return false_premise_answer(context, *found) if found else None


def contradicted_premise(
    premise: str,
    context: Context,
    judge: Judge,
    top: int,
    on_topic: float,
    reversal_on_topic: float | None = None,
) -> tuple[Source, str] | None:
    """The top abstract sentence that reports the opposite of a "why" question's premise.

    Among the on-topic sentences of the top abstracts that report an outcome or deny the premise
    ("does not lead to linear gains"), only those of the paper the question is about count (the
    first, or the best-ranked one naming what the question names, such as "DeiT"); its finding
    ("we find ...") closest to the premise decides, or its closest sentence if it states no
    finding. The premise is false when that sentence reports the opposite outcome ("falls behind" vs
    "outperforms"), or denies an affirmative premise without reporting the same outcome, or
    when one of the paper's sentences has a change the premise asserts going the other way
    ("lower training loss" against "raise the training loss"). Such a reversal or swapped
    comparison is specific enough to count from `reversal_on_topic` (default: `on_topic`).
    A premise that something matters or does not ("X is essential", "X has no effect on Y")
    is false when, of the paper's on-topic sentences that say whether something matters, its
    finding closest to the premise (else its closest sentence) says the other way ("do not
    contribute", "greatly affects"; `necessity.effect`). Otherwise None.
    """
    reversal_bar = on_topic if reversal_on_topic is None else reversal_on_topic
    wanted = polarity(premise)
    mattering = effect(premise)  # "X is essential", "X has no effect on Y"
    found: list[tuple[bool, float, Source, str, int, bool]] = []
    # sentences saying whether something matters, and which way
    weighed: list[tuple[bool, float, Source, str, int]] = []
    # sentences reversing a premise's change, and whether they swap its comparison's sides
    turned: list[tuple[bool, float, Source, str, bool]] = []
    for source in context.sources[:top]:
        if source.paper_id not in context.papers:
            continue
        # Each sentence, and each long clause of it on its own: "Studying models up to 10B,
        # we find X works as intended" is about X in its second clause, which a reading of
        # the whole sentence dilutes; the whole sentence is what is cited.
        units = [
            (s, part)
            for s in context.sentences(source)
            if not _PROSPECT.search(s)
            for part in clauses(s)
        ]
        for (sentence, unit), score in zip(
            # A premise is a topic, not a claim: a number in it ("20-layer nets") need not be
            # restated by the sentence that reports on it.
            units,
            judge.relevance([(premise, part) for _, part in units]),
            strict=True,
        ):
            if score < min(on_topic, reversal_bar):
                continue
            finding = bool(_FINDING.search(unit))
            if score >= reversal_bar and (reverses(unit, premise) or contrasts(unit, premise)):
                # (`contrasts` includes sides swapped, which alone outweigh a finding below)
                turned.append((finding, score, source, sentence, sides_swapped(unit, premise)))
            if score < on_topic:
                continue
            outcome, denies = polarity(unit), negates(unit, premise)
            if (outcome and wanted) or denies:
                found.append((finding, score, source, sentence, outcome, denies))
            said = effect(unit) if mattering else 0
            if said:
                weighed.append((finding, score, source, sentence, said))
    if found or turned or weighed:
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
        own_weighed = [w for w in weighed if w[2] is subject]
        # A change reported the other way declines, unless the paper's finding reports the
        # outcome the question assumes.
        # (a finding that itself reverses the premise's change confirms nothing: "the
        # degradation increases" against "why does the degradation shrink"). A comparison
        # with its sides swapped ("NoThinking outperforms Thinking" against "why does Thinking
        # beat NoThinking") declines whatever a finding's outcome: an outcome does not say
        # which side it is of.
        reversing = {t[3] for t in own_turned}
        confirmed = wanted != 0 and any(
            f[0] and f[4] == wanted and f[3] not in reversing for f in own
        )
        sides = [t for t in own_turned if t[4]]
        if sides or (own_turned and not confirmed):
            _, _, source, sentence, _ = max(sides or own_turned, key=lambda t: (t[0], t[1]))
            return source, sentence
        if own:
            _, _, source, sentence, outcome, denies = max(own, key=lambda f: (f[0], f[1]))
            if wanted and outcome == -wanted:
                return source, sentence
            if denies and (wanted == 0 or outcome != wanted):
                return source, sentence
        if own_weighed:
            # "why are projectors essential?" of a paper whose closest word on it is that they
            # do not contribute; "X has no effect" of one finding that X greatly affects it
            _, _, source, sentence, said = max(own_weighed, key=lambda w: (w[0], w[1]))
            if said == -mattering:
                return source, sentence
    return None


_CLAUSE = re.compile(r"[,;]\s+|\s*--\s*|\s+—\s+")
CLAUSE_WORDS = 6  # a clause read on its own has at least this many words


def clauses(sentence: str) -> list[str]:
    """A sentence, then its clauses of CLAUSE_WORDS words or more when it has several.

    >>> clauses("Studying models up to 10B, we find that mu-Transfer works as intended here.")
    ['Studying models up to 10B, we find that mu-Transfer works as intended here.', 'we find that mu-Transfer works as intended here.']
    >>> clauses("It works.")
    ['It works.']
    """
    split = _CLAUSE.split(sentence)
    if len(split) == 1:
        return [sentence]
    return [sentence, *(p for p in split if len(p.split()) >= CLAUSE_WORDS)]


def misattribution(context: Context, paper: Source) -> Answer | None:
    """The answer that declines a question naming one paper ("the Aioli data-mixing paper":
    a name in a retrieved paper's title) when what it asks would be answered from another paper
    that never mentions that name: the named paper does not report it. None otherwise."""
    if paper.paper_id not in context.papers:
        return None
    text = context.text(paper)
    # Names: mixed case or digits ("GPT-4o"), or a capitalized word within the question
    # ("the Aioli paper"); a paper is named by the head of its title ("Aioli: A Unified ...").
    capitalized = re.findall(r"(?<=[a-z,] )[A-Z][a-z]{2,}\b", context.question)
    for name in dict.fromkeys([*names_in(context.question), *capitalized]):
        if mentions(name, text):
            continue
        owner = next(
            (
                s
                for s in context.sources
                if s.paper_id != paper.paper_id
                and s.paper_id in context.papers
                and ":" in s.title
                and mentions(name, s.title.split(":")[0])
            ),
            None,
        )
        if owner is not None:
            why = (
                f'The question attributes this to "{owner.title}", whose abstract does not '
                f'report it; "{paper.title}" does, and never mentions {name}.'
            )
            return abstain(context, Abstention.NOT_STATED, why)
    return None


def title_words(title: str) -> list[str]:
    """A title's content words, lower-cased, hyphenated words in parts.

    >>> title_words("Merging Models with Fisher-Weighted Averaging")
    ['merging', 'models', 'fisher', 'weighted', 'averaging']
    """
    return [w for w in re.findall(r"[a-z]{3,}", title.lower()) if w not in STOPWORDS]


def _has(word: str, words: set[str]) -> bool:
    """Whether a word is among others, by its first five letters ("embedding", "embeddings")."""
    return any(w.startswith(word[:5]) for w in words)


TITLED_SHARE = 0.75  # of a title's words a question must use to name that paper by its title


def retitled(context: Context, paper: Source) -> Answer | None:
    """The answer that declines a question naming another retrieved paper by (most of) its
    title ("How did the Fisher-weighted model merging paper obtain an 11% gain ...") when what
    it asks is answered from a paper that lacks the title's words the question uses: the titled
    paper does not report it. None otherwise."""
    if paper.paper_id not in context.papers:
        return None
    asked = set(re.findall(r"[a-z]{3,}", context.question.lower()))
    own = set(re.findall(r"[a-z]{3,}", context.text(paper).lower()))
    own_title = title_words(paper.title)
    if own_title and sum(_has(w, asked) for w in own_title) >= TITLED_SHARE * len(own_title):
        return None  # the question names the paper it is answered from
    for source in context.sources:
        if source.paper_id == paper.paper_id or source.paper_id not in context.papers:
            continue
        words = title_words(source.title)
        used = [w for w in words if _has(w, asked)]
        if len(words) < 3 or len(used) < TITLED_SHARE * len(words):
            continue
        lacking = [w for w in used if not _has(w, own)]
        if lacking:
            why = (
                f'The question names "{source.title}", whose abstract does not report what it '
                f'asks; "{paper.title}" does, and never says "{lacking[0]}".'
            )
            return abstain(context, Abstention.NOT_STATED, why)
    return None


def misfiled(context: Context, paper: Source) -> Answer | None:
    """The answer that declines a question filing its paper under a research field ("Which
    computer-vision paper introduced PLANSEARCH?") when the paper that reports what it asks
    uses none of that field's words: it is another field's work. None otherwise."""
    field = named_field(context.question)
    if field is None or paper.paper_id not in context.papers:
        return None
    if in_field(field, context.text(paper)):
        return None
    why = (
        f"The question places it in {field.name}, but the paper that reports it, "
        f'"{paper.title}", is not about {field.name}.'
    )
    return abstain(context, Abstention.NOT_STATED, why)


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
