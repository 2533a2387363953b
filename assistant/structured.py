"""Answers that are built, not generated: complete lists, metadata questions, missing numbers."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from .answer import CANNOT_ANSWER_PHRASE, MIN_WORDS, Context, abstain
from .citations import looks_like_instruction, numbers_in, split_sentences, weighted_coverage
from .intents import Intent, names_in, polarity, unmentioned
from .judge import Judge
from .types import Answer, Citation, Paper, Source

# Metadata questions choose among the papers whose best chunk is nearly as close to the topic as
# the best paper's: similarity >= LIST_RELATIVE x the top similarity.
LIST_RELATIVE = 0.88
# A list keeps a paper by its fit: the mean of its best chunk's similarity to the topic and the
# judge's relevance of its best abstract sentence (read with its title), plus LIST_TERMS_WEIGHT x
# the share of the topic's words, weighted by rarity, that its title and abstract contain.
# Papers with fit >= LIST_FIT_RELATIVE x the best paper's are listed as matches; those down to
# LIST_MAYBE_RELATIVE x as weaker matches that may also be relevant; at most LIST_MAX in all,
# best fit first, among the LIST_SCAN best ranked. Chosen on the dev set's 24 list questions with
# `python eval/list_rule.py`: recall 0.90 at precision 0.66 for the whole list, 0.81 at 0.80 for
# the sure part. On 20 unseen list questions (eval/questions/heldout-lists-b.jsonl): 0.88 at
# 0.60, sure part 0.66 at 0.83, against 0.60 at 0.80 for the one-part rule before.
LIST_FIT_RELATIVE = 0.82
LIST_MAYBE_RELATIVE = 0.70
LIST_TERMS_WEIGHT = 0.1
LIST_SCAN = 40
LIST_MAX = 8
PREMISE_ON_TOPIC = 0.3  # judge score above which an abstract sentence is about the premise (dev set: on-topic outcome sentences score 0.3-0.45)
LIST_CANDIDATES = 60  # papers scanned per list question (the whole bundled corpus is ~400)
METADATA_CANDIDATES = 8  # papers a metadata question is decided among
# A sentence that reports the paper's own outcome ("We find that ...") outranks background that
# merely shares the premise's words ("X is thought to help ...") when judging a premise.
_FINDING = re.compile(
    r"\b(?:we|our\s+(?:results|experiments|analysis|findings|evaluation))\s+(?:\w+\s+)?"
    r"(?:find|found|show|showed|shown|observe|observed|demonstrate|demonstrated|reveal|revealed)\b",
    re.I,
)


Rarity = Callable[[str], float]  # a word's weight when matching a topic's words: rarer counts more


@dataclass(frozen=True)
class Match:
    """A paper that fits a topic, with the sentence that shows it."""

    source: Source
    paper: Paper
    sentence: str
    score: float


def best_sentences(
    topic: str, papers: Iterable[Paper], judge: Judge, rarity: Rarity | None = None
) -> list[tuple[Paper, str, float]]:
    """Each paper's abstract sentence that best states the topic, read with its title."""
    pairs, owners = [], []
    for paper in papers:
        for sentence in split_sentences(paper.abstract):
            if len(sentence.split()) >= MIN_WORDS and not looks_like_instruction(sentence):
                pairs.append((topic, f"{paper.title}. {sentence}"))
                owners.append((paper, sentence))
    best: dict[str, tuple[Paper, str, float]] = {}
    for (paper, sentence), score in zip(owners, judge.relevance(pairs, rarity), strict=True):
        if paper.paper_id not in best or score > best[paper.paper_id][2]:
            best[paper.paper_id] = (paper, sentence, score)
    return list(best.values())


def matches(
    topic: str,
    sources: list[Source],
    papers: dict[str, Paper],
    judge: Judge,
    rarity: Rarity | None = None,
) -> list[Match]:
    """Each retrieved paper with its abstract sentence that best states the topic, best first."""
    by_id = {s.paper_id: s for s in sources}
    found = [
        Match(by_id[p.paper_id], p, sentence, score)
        for p, sentence, score in best_sentences(
            topic, (papers[s.paper_id] for s in sources if s.paper_id in papers), judge, rarity
        )
    ]
    return sorted(found, key=lambda m: (-m.score, m.paper.title))


def close_to_top(sources: list[Source]) -> list[Source]:
    """The sources nearly as close to the question as the closest (>= LIST_RELATIVE x its
    similarity), in rank order: the papers a metadata question is about."""
    top = max((s.similarity for s in sources), default=0.0)
    return [s for s in sources if s.similarity >= LIST_RELATIVE * top]


def fit(match: Match, topic: str, rarity: Rarity | None = None) -> float:
    """How well a paper fits a list topic: the mean of its best chunk's similarity (retrieval)
    and its best sentence's relevance (the judge), plus LIST_TERMS_WEIGHT x the rarity-weighted
    share of the topic's words in its title and abstract.

    >>> paper = Paper("p", "Pruning", "We prune channels.")
    >>> match = Match(Source("p", "Pruning", 1.0, similarity=0.6), paper, "We prune channels.", 0.4)
    >>> round(fit(match, "channel pruning"), 3)
    0.6
    """
    words = weighted_coverage(topic, f"{match.paper.title}. {match.paper.abstract}", rarity)
    return (match.source.similarity + match.score) / 2 + LIST_TERMS_WEIGHT * words


def fitting(
    topic: str,
    found: list[Match],
    rarity: Rarity | None = None,
    sure_at: float = LIST_FIT_RELATIVE,
    maybe_at: float = LIST_MAYBE_RELATIVE,
) -> tuple[list[Match], list[Match]]:
    """(matches, weaker matches): the papers whose fit is >= sure_at x the best fit, then those
    down to maybe_at x; LIST_MAX in all, best fit first.
    """
    fits = {m.paper.paper_id: fit(m, topic, rarity) for m in found}
    top = max(fits.values(), default=0.0)
    ranked = sorted(found, key=lambda m: (-fits[m.paper.paper_id], m.paper.title))
    kept = [m for m in ranked if fits[m.paper.paper_id] >= maybe_at * top][:LIST_MAX]
    sure = [m for m in kept if fits[m.paper.paper_id] >= sure_at * top]
    return sure, kept[len(sure) :]


def _cited_lines(
    items: list[tuple[Match, str]], start: int = 1, weak: bool = False
) -> tuple[str, list[Citation]]:
    citations, lines = [], []
    for key, (match, line) in enumerate(items, start=start):
        citations.append(
            Citation(
                str(key),
                match.paper.paper_id,
                match.paper.title,
                match.sentence,
                round(match.score, 3),
                weak=weak,
            )
        )
        lines.append(f"{line.rstrip('.')} [{key}].")
    return "\n".join(lines), citations


def list_answer(
    question: str,
    intent: Intent,
    sources: list[Source],
    papers: dict[str, Paper],
    judge: Judge,
    abstain_below: float = 0.45,
    rarity: Rarity | None = None,
) -> Answer:
    """Every scanned paper that fits the topic, each with its reason sentence, cited; then the
    papers that fit less well, marked as weaker matches."""
    top = max((s.similarity for s in sources), default=0.0)
    if top < abstain_below:
        return abstain(Context(question, sources, papers))
    sure, maybe = fitting(
        intent.topic, matches(intent.topic, sources[:LIST_SCAN], papers, judge, rarity), rarity
    )
    if not sure:
        return abstain(Context(question, sources, papers))
    body, citations = _cited_lines([(m, m.sentence) for m in sure])
    noun = "paper matches" if len(sure) == 1 else "papers match"
    text = f"Found {len(sure)} {noun}: {intent.topic}.\n{body}"
    if maybe:
        more, weak = _cited_lines([(m, m.sentence) for m in maybe], len(sure) + 1, weak=True)
        noun = "paper" if len(maybe) == 1 else "papers"
        text += f"\n{len(maybe)} more {noun} may also match, on weaker evidence.\n{more}"
        citations += weak
    return Answer(question, text, citations, sources, support=1.0, mode="list")


def _describe(paper: Paper, field: str) -> str:
    if field == "authors_count":
        return f"{paper.authors_count} authors"
    return f"published {paper.published}"


def metadata_answer(
    question: str,
    intent: Intent,
    sources: list[Source],
    papers: dict[str, Paper],
    judge: Judge,
    abstain_below: float = 0.45,
    rarity: Rarity | None = None,
) -> Answer:
    """Sort or filter the papers on the topic by author count or date; say what the listing lacks."""
    field = intent.field or "authors_count"
    candidates = matches(intent.topic, described(intent, sources), papers, judge, rarity)
    candidates = sorted(candidates, key=lambda m: -m.source.score)
    known = [m for m in candidates if getattr(m.paper, field) is not None]
    if intent.year is not None and field == "published":
        known = [m for m in known if _year_ok(m.paper.published, intent.year_op, intent.year)]
    missing = [m for m in candidates if getattr(m.paper, field) is None]
    what = "author count" if field == "authors_count" else "date"
    if not known:
        context = Context(question, sources, papers)
        answer = abstain(context)
        lacking = ", ".join(f'"{m.paper.title}"' for m in missing[:3])
        note = f" The listing gives no {what} for {lacking}." if lacking else ""
        return (
            Answer(
                question,
                CANNOT_ANSWER_PHRASE + note,
                [],
                sources,
                abstained=True,
                support=1.0,
                mode="abstained",
            )
            if note
            else answer
        )
    if intent.order in ("max", "min"):
        pick = max if intent.order == "max" else min
        chosen = [pick(known, key=lambda m: (getattr(m.paper, field), -m.score))]
    elif intent.order == "value":
        chosen = known[:1]
    else:
        chosen = known
    lines = [
        (m, f"{m.paper.title}: {_describe(m.paper, field)} (from the listing); {m.sentence}")
        for m in chosen
    ]
    body, citations = _cited_lines(lines)
    # The listing line, not an abstract sentence, is what supports a metadata claim.
    citations = [
        Citation(c.key, c.paper_id, c.title, f"{_describe(m.paper, field)}. {c.snippet}", c.score)
        for c, (m, _) in zip(citations, lines, strict=True)
    ]
    text = body
    if missing:
        text += (
            "\n"
            + f"The listing gives no {what} for "
            + ", ".join(f'"{m.paper.title}"' for m in missing[:5])
            + "."
        )
    return Answer(question, text, citations, sources, support=1.0, mode="metadata")


def described(intent: Intent, sources: list[Source]) -> list[Source]:
    """The retrieved papers a metadata question is about: those nearly as close to its topic as
    the closest (as for lists), no more than the question says it is choosing among.

    Sorting by date or author count over every retrieved paper would crown an unrelated one.
    """
    return close_to_top(sources)[: min(intent.count or METADATA_CANDIDATES, METADATA_CANDIDATES)]


def _year_ok(published: str | None, op: str | None, year: int) -> bool:
    """Whether an ISO date meets a year limit: before/after/in YEAR."""
    if not published:
        return False
    y = int(published[:4])
    return {"before": y < year, "after": y > year, "in": y == year}.get(op or "in", y == year)


def states_a_number(intent: Intent, context: Context, top: int = 3) -> bool:
    """Whether a top abstract could answer a "how many / what score" question at all.

    It must have a sentence stating a number and naming what is measured (its first five
    letters: "GPUs" matches "GPU"); when the question names no measure, any number will do.
    """
    stems = {m[:5] for m in intent.measures}
    for source in context.sources[:top]:
        paper = context.papers.get(source.paper_id)
        text = paper.abstract if paper else " ".join(p.text for p in source.passages)
        for sentence in split_sentences(text):
            if not numbers_in(sentence) or looks_like_instruction(sentence):
                continue
            words = {w[:5] for w in re.findall(r"[\w-]+", sentence.lower())}
            if not stems or stems & words:
                return True
    return False


def contradicted_premise(
    premise: str, context: Context, judge: Judge, top: int = 2, on_topic: float = PREMISE_ON_TOPIC
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
        paper = context.papers.get(source.paper_id)
        if paper is None:
            continue
        sentences = [s for s in split_sentences(paper.abstract) if not looks_like_instruction(s)]
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
        mode="false-premise",
    )


class Answerer(Protocol):
    """Builds the answer to a list or metadata question from the papers retrieved for it."""

    def __call__(
        self,
        question: str,
        intent: Intent,
        sources: list[Source],
        papers: dict[str, Paper],
        judge: Judge,
        abstain_below: float = ...,
        rarity: Rarity | None = ...,
    ) -> Answer: ...


STRUCTURED: dict[str, Answerer] = {"list": list_answer, "metadata": metadata_answer}
