"""Answers that are built, not generated: complete lists, metadata questions, missing numbers."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .answer import CANNOT_ANSWER_PHRASE, MIN_WORDS, Context, abstain
from .citations import lexical_coverage, looks_like_instruction, numbers_in, split_sentences
from .intents import Intent
from .judge import Judge
from .types import Answer, Citation, Paper, Source

# A paper belongs in a list when its best abstract sentence supports the topic at least this
# well (judge score of (topic, title + sentence)); calibrated on the dev set's multi questions.
LIST_THRESHOLD = 0.55
LIST_CANDIDATES = 60  # papers scanned per list question (the whole bundled corpus is ~400)
METADATA_CANDIDATES = 8  # papers a metadata question is decided among
# A number question is answerable only if some top passage states a number and shares most of
# the question's words.
QUANTITY_COVERAGE = 0.5


@dataclass(frozen=True)
class Match:
    """A paper that fits a topic, with the sentence that shows it."""

    source: Source
    paper: Paper
    sentence: str
    score: float


def best_sentences(topic: str, papers: Iterable[Paper], judge: Judge) -> list[tuple[Paper, str, float]]:
    """Each paper's abstract sentence that best supports the topic, read with its title."""
    pairs, owners = [], []
    for paper in papers:
        for sentence in split_sentences(paper.abstract):
            if len(sentence.split()) >= MIN_WORDS and not looks_like_instruction(sentence):
                pairs.append((topic, f"{paper.title}. {sentence}"))
                owners.append((paper, sentence))
    best: dict[str, tuple[Paper, str, float]] = {}
    for (paper, sentence), score in zip(owners, judge.score(pairs), strict=True):
        if paper.paper_id not in best or score > best[paper.paper_id][2]:
            best[paper.paper_id] = (paper, sentence, score)
    return list(best.values())


def matches(topic: str, sources: list[Source], papers: dict[str, Paper], judge: Judge,
            threshold: float) -> list[Match]:
    """The retrieved papers whose abstracts support the topic, best first."""
    by_id = {s.paper_id: s for s in sources}
    found = [Match(by_id[p.paper_id], p, sentence, score)
             for p, sentence, score in best_sentences(topic, (papers[s.paper_id] for s in sources
                                                              if s.paper_id in papers), judge)
             if score >= threshold]
    return sorted(found, key=lambda m: (-m.score, m.paper.title))


def _cited_lines(items: list[tuple[Match, str]]) -> tuple[str, list[Citation]]:
    citations, lines = [], []
    for key, (match, line) in enumerate(items, start=1):
        citations.append(Citation(str(key), match.paper.paper_id, match.paper.title, match.sentence,
                                  round(match.score, 3)))
        lines.append(f"{line.rstrip('.')} [{key}].")
    return "\n".join(lines), citations


def list_answer(question: str, intent: Intent, sources: list[Source], papers: dict[str, Paper],
                judge: Judge) -> Answer:
    """Every scanned paper that fits the topic, each with its reason sentence, cited."""
    found = matches(intent.topic, sources, papers, judge, LIST_THRESHOLD)
    if not found:
        return abstain(Context(question, sources, papers))
    body, citations = _cited_lines([(m, m.sentence) for m in found])
    noun = "paper matches" if len(found) == 1 else "papers match"
    text = f"Found {len(found)} {noun}: {intent.topic}.\n{body}"
    return Answer(question, text, citations, sources, support=1.0, mode="list")


def _describe(paper: Paper, field: str) -> str:
    if field == "authors_count":
        return f"{paper.authors_count} authors"
    return f"published {paper.published}"


def metadata_answer(question: str, intent: Intent, sources: list[Source],
                    papers: dict[str, Paper], judge: Judge) -> Answer:
    """Sort or filter the papers on the topic by author count or date; say what the listing lacks."""
    field = intent.field or "authors_count"
    candidates = matches(intent.topic, sources[:METADATA_CANDIDATES], papers, judge, 0.0)
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
        return Answer(question, CANNOT_ANSWER_PHRASE + note, [], sources, abstained=True,
                      support=1.0, mode="abstained") if note else answer
    if intent.order in ("max", "min"):
        pick = max if intent.order == "max" else min
        chosen = [pick(known, key=lambda m: (getattr(m.paper, field), -m.score))]
    elif intent.order == "value":
        chosen = known[:1]
    else:
        chosen = known
    lines = [(m, f"{m.paper.title}: {_describe(m.paper, field)} (from the listing); {m.sentence}")
             for m in chosen]
    body, citations = _cited_lines(lines)
    # The listing line, not an abstract sentence, is what supports a metadata claim.
    citations = [Citation(c.key, c.paper_id, c.title, f"{_describe(m.paper, field)}. {c.snippet}",
                          c.score) for c, (m, _) in zip(citations, lines, strict=True)]
    text = body
    if missing:
        text += "\n" + f"The listing gives no {what} for " + ", ".join(
            f'"{m.paper.title}"' for m in missing[:5]) + "."
    return Answer(question, text, citations, sources, support=1.0, mode="metadata")


def _year_ok(published: str | None, op: str | None, year: int) -> bool:
    """Whether an ISO date meets a year limit: before/after/in YEAR."""
    if not published:
        return False
    y = int(published[:4])
    return {"before": y < year, "after": y > year, "in": y == year}.get(op or "in", y == year)


def states_a_number(question: str, context: Context, top: int = 3) -> bool:
    """Whether a top passage could answer a "how many / what score" question at all."""
    for source in context.sources[:top]:
        paper = context.papers.get(source.paper_id)
        text = paper.abstract if paper else " ".join(p.text for p in source.passages)
        for sentence in split_sentences(text):
            if numbers_in(sentence) and lexical_coverage(question, sentence) >= QUANTITY_COVERAGE:
                return True
    return False


Answerer = Callable[[str, Intent, list[Source], dict[str, Paper], Judge], Answer]
STRUCTURED: dict[str, Answerer] = {"list": list_answer, "metadata": metadata_answer}
