"""The cite stage for a composed answer: the chosen sentences with their markers, what the
abstracts do not give said plainly, and (optionally) a model-written lead that passed the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from .answer import cited_papers
from .asks import Ask, AskKind, Asks
from .citations import near_duplicate, parse_markers, split_sentences, with_marker
from .compose import Composition, Pick
from .evidence import looks_like_instruction
from .generation import Generator
from .intents import premise_of
from .judge import Judge
from .lexical import word_stems
from .prompts import Messages
from .roles import (
    SUMMARY_WORTH,
    Role,
    added_share,
    informative,
    role,
    says_method,
    specificity,
)
from .types import Abstention, Answer, Citation, Mode, Paper, Source, Summary


def describe_missing(ask: Ask) -> str:
    """How an answer names an ask the abstract leaves open.

    >>> describe_missing(Ask("how many GPUs", AskKind.QUANTITY, label="number of GPUs"))
    'The abstract does not give the number of GPUs.'
    >>> describe_missing(Ask("on which datasets", AskKind.DATASETS))
    'The abstract does not name the datasets.'
    """
    if ask.kind == AskKind.QUANTITY:
        return f"The abstract does not give the {ask.label or 'number asked for'}."
    if ask.kind == AskKind.DATASETS:
        return "The abstract does not name the datasets."
    if ask.kind == AskKind.NAME:
        return "The abstract does not give the name asked for."
    if ask.kind == AskKind.COMPARISON:
        target = f" with {ask.target}" if ask.target else ""
        return f"The abstract does not report a comparison{target}."
    if ask.kind == AskKind.REASON:
        return "The abstract does not give the reason."
    if ask.kind == AskKind.CONFIRM:
        return f"The abstract does not say whether {_statement(ask.text)}."
    return f"The abstract does not say: {ask.text.rstrip('?')}?"


def why_not(composition: Composition) -> str:
    """What an abstention says about the paper the question seems to be about."""
    paper = composition.paper
    if paper is None:
        return ""
    title = f'"{paper.title}"'
    if composition.reason == Abstention.UNKNOWN_NAME and composition.unknown:
        return f"The closest abstract, {title}, never mentions {', '.join(composition.unknown)}."
    if composition.reason == Abstention.NO_MATCH:
        lacking = ", ".join(f'"{w}"' for w in composition.unknown)
        return (
            "No indexed abstract is about what the question describes; the closest, "
            f"{title}, never mentions {lacking}."
            if lacking
            else f"No indexed abstract is about what the question describes; the closest is {title}."
        )
    if composition.reason == Abstention.NUMBER_NOT_GIVEN:
        asked = [a for a in composition.missing if a.kind == AskKind.QUANTITY]
        what = asked[0].label if asked and asked[0].label else "number asked for"
        return f"The closest abstract, {title}, does not give the {what}."
    return f"The closest abstract, {title}, does not say."


def _statement(question: str) -> str:
    """ "do they keep their accuracy" -> "they keep their accuracy" (for "does not say whether")."""
    return re.sub(r"^\s*(?:do|does|did)\s+", "", question.rstrip("?"), flags=re.I)


def cite_picks(picks: Sequence[Pick]) -> tuple[list[str], list[Citation]]:
    """Each picked sentence with its marker, and one citation per paper in order of first use
    carrying every sentence cited from it."""
    keys: dict[str, int] = {}
    sentences: dict[str, list[str]] = {}
    titles: dict[str, tuple[str, float]] = {}
    lines = []
    for pick in picks:
        source = pick.candidate.source
        key = keys.setdefault(source.paper_id, len(keys) + 1)
        sentences.setdefault(source.paper_id, []).append(pick.candidate.sentence)
        best = titles.get(source.paper_id, (source.title, 0.0))[1]
        titles[source.paper_id] = (source.title, max(best, min(1.0, pick.score)))
        lines.append(with_marker(pick.candidate.sentence, key))
    citations = [
        Citation(
            str(key),
            pid,
            titles[pid][0],
            sentences[pid][0],
            round(titles[pid][1], 3),
            snippets=tuple(sentences[pid]),
        )
        for pid, key in keys.items()
    ]
    return lines, citations


def composed_answer(
    question: str,
    composition: Composition,
    sources: list[Source],
    lead: str | None = None,
    limit: int | None = None,
    papers: Mapping[str, Paper] | None = None,
    asks: Sequence[Ask] = (),
    word_budget: int | None = None,
) -> Answer:
    """The answer: an optional checked lead, then the chosen sentences (at most `limit`, see
    `within`, and as many whole ones as keep to `word_budget`, at least one), cited, then a
    sentence for each ask the abstracts do not answer. The cited papers' records (from
    `papers`) become its references."""
    picks = list(composition.picks)
    if limit is not None:
        picks = within(picks, max(0, limit - (lead is not None)), asks)
    if word_budget is not None:  # the fewest picks' worth of words, at least one pick
        room = word_budget - (word_count([lead]) if lead is not None else 0)
        keep = len(picks)
        while (
            keep > 1
            and word_count([p.candidate.sentence for p in within(picks, keep, asks)]) > room
        ):
            keep -= 1
        picks = within(picks, keep, asks)
    lines, citations = cite_picks(picks)
    if lead is not None:
        lines.insert(0, lead)
    notes = [describe_missing(ask) for ask in composition.missing]
    missing = tuple(ask.text for ask in composition.missing)
    return Answer(
        question,
        " ".join(lines + notes),
        citations,
        sources,
        support=1.0,
        mode=Mode.COMPOSED,
        missing=missing,
        references=cited_papers(citations, papers or {}),
    )


def within(picks: Sequence[Pick], limit: int, asks: Sequence[Ask] = ()) -> list[Pick]:
    """At most `limit` of the chosen sentences, in their order: those that answer the most asks
    first, then those that answer a specific ask (a number, a name, datasets) over a general
    one ("what does it do"), then the best scored. "In one sentence, what does X do, and how
    much does it improve over Y?" keeps the sentence with the improvement.
    """
    if len(picks) <= limit:
        return list(picks)

    def specific(pick: Pick) -> int:
        kinds = [asks[a].kind for a in pick.asks if a < len(asks)]
        return sum(k not in (AskKind.FINDING, AskKind.CONFIRM) for k in kinds)

    order = sorted(
        range(len(picks)),
        key=lambda k: (-len(picks[k].asks), -specific(picks[k]), -picks[k].score, k),
    )
    return [picks[k] for k in sorted(order[:limit])]


def check_lead(
    text: str, asks: Asks, picks: Sequence[Pick], judge: Judge, complete: bool
) -> str | None:
    """The model's first sentence, cited to the paper whose chosen sentence supports it, when
    it is supported, adds something to the question and does not repeat a chosen sentence;
    else None."""
    sentences = split_sentences(text)
    if not sentences or not picks:
        return None
    first, _ = parse_markers(sentences[0])
    if not complete and len(sentences) == 1 and not text.rstrip().endswith((".", "!", "?", "]")):
        return None  # cut off by the token budget
    if len(first.split()) < 4 or looks_like_instruction(first):
        return None
    if not informative(first, asks.question):
        return None
    if asserts_premise(first, asks.question):
        return None  # the model repeats what the question takes for granted, as a finding
    if any(near_duplicate(first, p.candidate.sentence, 0.8) for p in picks):
        return None  # it only repeats a sentence the answer states anyway
    papers: list[str] = []
    for pick in picks:
        if pick.candidate.source.paper_id not in papers:
            papers.append(pick.candidate.source.paper_id)
    # Evidence: each chosen sentence, and each paper's chosen sentences together (a lead may
    # join two of them into one answer).
    evidence = [(p.candidate.source.paper_id, p.candidate.sentence) for p in picks] + [
        (pid, " ".join(p.candidate.sentence for p in picks if p.candidate.source.paper_id == pid))
        for pid in papers
    ]
    scores = judge.score([(first, text) for _, text in evidence])
    best = max(range(len(evidence)), key=lambda i: scores[i])
    if scores[best] < judge.threshold:
        return None
    return with_marker(first, papers.index(evidence[best][0]) + 1)


def asserts_premise(sentence: str, question: str) -> bool:
    """Whether a sentence states what a question takes for granted ("Why does X hurt Y?"):
    it holds nearly all the premise's words (stems). A small model asked "why" tends to repeat
    the premise as a finding, and the support check, which reads words, passes it even when the
    paper reports the opposite; the chosen sentences say what the paper does report.

    >>> asserts_premise("Larger vocabularies make models memorize less, as shown.",
    ...                 "Why do larger vocabularies make models memorize less?")
    True
    >>> asserts_premise("Shorter sequences cause it.", "Why do larger vocabularies help?")
    False
    """
    premise = premise_of(question)
    if not premise:
        return False
    wanted = set(word_stems(premise))
    return bool(wanted) and len(wanted & set(word_stems(sentence))) >= 0.8 * len(wanted)


def stream_lead(generator: Generator, messages: Messages, max_new_tokens: int) -> Iterator[str]:
    """The model's lead, piece by piece; stops at the end of its first sentence."""
    text = ""
    stream = generator.stream(messages, max_new_tokens)
    try:
        for piece in stream:
            text += piece
            yield piece
            if len(split_sentences(text)) > 1:
                break  # one sentence is all a lead may be
    finally:
        close = getattr(stream, "close", None)
        if close is not None:
            close()


SUMMARY_SENTENCES = 4  # a summary answer's length when the question names none


def worth(line: str, abstract: Sequence[str]) -> float:
    """What a summary line gives a reader who has room for few: the checkable detail it carries
    (numbers, names), more for a finding than for a method, nothing extra for set-up, and more
    for the paper's own take-away ("We conclude that ...", "Our work shows ...").

    >>> abstract = ["We test X on 3 tasks.", "We conclude that X generalizes well."]
    >>> worth(abstract[1], abstract) > worth(abstract[0], abstract)
    True
    """
    where = list(abstract).index(line) if line in abstract else -1
    kind = role(line, where, len(abstract)) if where >= 0 else Role.OTHER
    takeaway = TAKEAWAY_WORTH if _TAKEAWAY.search(line) and kind != Role.BACKGROUND else 0.0
    return specificity(line) + SUMMARY_WORTH.get(kind, 0.0) + takeaway


# A paper's own conclusion is its gist: worth about as much as a number.
TAKEAWAY_WORTH = 0.25
_TAKEAWAY = re.compile(
    r"\b(?:we|our\s+(?:work|results|findings|analysis|study|experiments))\s+(?:\w+\s+)?"
    r"(?:conclude|concludes|suggest|suggests|highlight|highlights)\b"
    r"|\bour\s+(?:work|results|findings|study)\s+(?:\w+\s+)?(?:show|shows|demonstrate|demonstrates)\b"
    r"|^\s*(?:overall|in\s+summary|in\s+conclusion|taken\s+together|together,)",
    re.I,
)


# What the paper itself does, where no line proposes or introduces it: "To address this, we
# conduct a study of ...", "In this work, we demonstrate ...".
_OWN_WORK = re.compile(
    r"\bin\s+this\s+(?:paper|work|study)\b|\bthis\s+(?:paper|work|study)\s+\w+", re.I
)
_LINK = re.compile(r"https?://|\bgithub\.com\b", re.I)
_CONTRIBUTION = re.compile(
    r"\b(?:we|this\s+(?:paper|work|study))\s+(?:\w+\s+)?(?:propose|introduce|present)\w*\b", re.I
)


def summary_pool(said: Sequence[str], abstract: Sequence[str]) -> list[str]:
    """The lines a summary answer may state: the abstract's sentences that say what the paper
    does or found (not its background, not links), in their order, then the summary's own lines
    that are not among them.

    >>> summary_pool(["Y beats Z."], ["X remains unclear.", "We propose Y.", "Y beats Z.",
    ...     "Code: https://github.com/y/y."])
    ['We propose Y.', 'Y beats Z.']
    """
    n = len(abstract)
    pool: list[str] = []
    for i, line in enumerate(abstract):
        if role(line, i, n) != Role.BACKGROUND and not _LINK.search(line):
            pool.append(line)
    for line in said:
        if line not in abstract and not any(near_duplicate(line, x, 0.8) for x in pool):
            pool.append(line)
    return [line for line in pool if not _LINK.search(line)]


def shortened(
    lines: Sequence[str], room: int, abstract: Sequence[str], question: str = ""
) -> list[str]:
    """A summary cut to `room` sentences: what the paper does (the line that proposes or
    introduces it, else the one saying what the paper does that adds most to the question) and
    the lines worth most (findings with numbers and names), in abstract order; a one-sentence
    summary is the one line worth most.

    >>> abstract = ["X is hard.", "We propose Y.", "Y runs fast.", "Y beats Z by 12% on ImageNet."]
    >>> shortened(abstract[1:], 2, abstract)
    ['We propose Y.', 'Y beats Z by 12% on ImageNet.']
    >>> abstract = ["X is used.", "To fix this, we study Y.", "Y beats Z by 12% on ImageNet."]
    >>> shortened(abstract, 2, abstract)
    ['To fix this, we study Y.', 'Y beats Z by 12% on ImageNet.']

    A line that only restates what the question says of the paper is no head when another one
    saying what the paper does adds more:

    >>> abstract = ["In this work, we show Y has limits on simple queries.",
    ...     "We derive that the limit is set by the dimension of the embedding.", "Y scores 12% on LIMIT."]
    >>> shortened(abstract, 2, abstract, "Summarize the paper showing Y has limits on simple queries")
    ['We derive that the limit is set by the dimension of the embedding.', 'Y scores 12% on LIMIT.']
    """
    if not lines:
        return []
    if room <= 1:
        return [max(lines, key=lambda line: (worth(line, abstract), -lines.index(line)))]
    return in_abstract_order(ranked(lines, abstract, question)[:room], abstract)


def ranked(lines: Sequence[str], abstract: Sequence[str], question: str = "") -> list[str]:
    """A summary's lines, most wanted first: what the paper does (see `shortened`), then the
    lines worth most.

    >>> ranked(["X is hard.", "Y beats Z by 12%.", "We propose Y."], ["X is hard."])
    ['We propose Y.', 'Y beats Z by 12%.', 'X is hard.']
    """
    heads = [line for line in lines if _CONTRIBUTION.search(line)] or [
        line for line in lines if _OWN_WORK.search(line) or says_method(line)
    ]
    head = (
        max(heads, key=lambda line: (added_share(line, question), -lines.index(line)))
        if heads
        else lines[0]
    )
    rest = sorted((line for line in lines if line != head), key=lambda line: -worth(line, abstract))
    return [head, *rest]


def budgeted(
    pool: Sequence[str],
    extra_lines: Sequence[str],
    limit: int,
    budget: int,
    abstract: Sequence[str],
    question: str,
) -> list[str]:
    """A summary held to a word budget: of the `limit` lines a summary would state (what the
    paper does, the further asks' lines, then the lines worth most), and then of the other
    lines that carry a finding or a detail (`worth` above 0), each taken, most wanted first,
    while the answer keeps to the budget and to `limit` lines (a line too long for what is left
    gives its first clause when that fits); in abstract order. When none fits, the most wanted
    line.

    >>> abstract = ["X is hard and has long been studied by many.", "We propose Y.", "Y is 2x faster."]
    >>> budgeted(abstract, [], 4, 6, abstract, "")
    ['We propose Y.']

    Lines a summary would not state do not fill the room:

    >>> budgeted(["We propose Y.", "Y beats Z by 3 points on MMLU.", "Code is online."], [], 1, 9,
    ...          ["We propose Y.", "Y beats Z by 3 points on MMLU.", "Code is online."], "")
    ['We propose Y.']
    """
    wanted = ranked(pool, abstract, question)
    order = list(dict.fromkeys([wanted[0], *extra_lines, *wanted[1:]]))
    # beyond the lines it would state, only lines that carry a finding or a detail fill room
    order = order[: max(1, limit)] + [x for x in order[max(1, limit) :] if worth(x, abstract) > 0]
    lines: list[str] = []
    for whole in order:
        line = whole if word_count([*lines, whole]) <= budget else first_clause(whole)
        fits = word_count([*lines, line]) <= budget
        if fits and len(lines) < limit and not any(near_duplicate(line, x, 0.8) for x in lines):
            lines.append(line)
    if not lines:
        lines = [order[0]]
    # in abstract order, a first clause where its sentence stands
    where = {first_clause(sentence): i for i, sentence in enumerate(abstract)}
    where.update({sentence: i for i, sentence in enumerate(abstract)})
    return sorted(lines, key=lambda line: where.get(line, len(abstract)))


# Where a sentence's first clause may end: a semicolon or a dash (not a colon, which often leads
# into what the clause is about: "BoM has a key advantage: ...").
_CLAUSE_END = re.compile(r"\s*(?:;|\s--\s?|--|\s[—–]\s)")
# What goes on after a dash-set aside when the words before it are a whole clause ("X is a
# testing problem--in which ...--and we test it"): a coordinating word.
_GOES_ON = re.compile(r"^\s*(?:and|but|so|while|yet|which|thus|hence)\b", re.I)
_OWN_VOICE = re.compile(r"\b(?:we|our|this\s+(?:paper|work|study))\b", re.I)


def first_clause(sentence: str, shortest: int = 6) -> str:
    """A long sentence cut to its first clause, where a semicolon or a dash ends it; the
    sentence as it is when it has none, when its first clause is shorter than `shortest` words,
    when the paper's own part comes after it ("Prior methods retrain; we instead prune ..."), or
    when a pair of dashes sets off an aside the sentence goes on after without a coordinating
    word (cutting there would leave half a clause).

    >>> first_clause("We frame it as a testing problem--in which the null is X--and test it.")
    'We frame it as a testing problem.'
    >>> first_clause("X works; it is fast.")
    'X works; it is fast.'
    >>> first_clause("Our model, unlike prior methods that need many steps -- which is slow -- needs 4.")
    'Our model, unlike prior methods that need many steps -- which is slow -- needs 4.'
    >>> first_clause("Existing methods for pruning all require retraining; we instead prune once.")
    'Existing methods for pruning all require retraining; we instead prune once.'
    """
    found = _CLAUSE_END.search(sentence)
    if found is None or len(sentence[: found.start()].split()) < shortest:
        return sentence
    head, rest = sentence[: found.start()], sentence[found.end() :]
    if _OWN_VOICE.search(rest) and not _OWN_VOICE.search(head):
        return sentence
    closing = _CLAUSE_END.search(rest) if ";" not in found.group(0) else None
    paired = closing is not None and ";" not in closing.group(0)
    if paired and closing is not None and not _GOES_ON.match(rest[closing.end() :]):
        return sentence  # a pair of dashes around an aside the sentence goes on after
    return head.rstrip(" ,") + "."


def in_abstract_order(lines: Sequence[str], abstract: Sequence[str]) -> list[str]:
    """Lines in the order their sentences stand in the abstract (others last, as given)."""
    where = {line: i for i, line in enumerate(abstract)}
    return sorted(lines, key=lambda line: where.get(line, len(abstract)))


def word_count(lines: Sequence[str]) -> int:
    """Words in lines, as a reader counts them.

    >>> word_count(["We propose Y.", "Y beats Z by 12%."])
    8
    """
    return sum(len(line.split()) for line in lines)


def summary_lines(
    pool: Sequence[str],
    extra_lines: Sequence[str],
    limit: int,
    abstract: Sequence[str],
    question: str,
) -> list[str]:
    """At most `limit` lines in abstract order: the summary cut to the room the further asks'
    lines leave, then those lines (unless they repeat one)."""
    lines = shortened(pool, max(1, limit - len(extra_lines)), abstract, question)
    for line in extra_lines:
        if len(lines) < limit and not any(near_duplicate(line, x, 0.8) for x in lines):
            lines.append(line)
    return in_abstract_order(lines, abstract)


def summary_answer(
    question: str,
    source: Source,
    summary: Summary,
    abstract: Sequence[str],
    judge: Judge,
    sources: list[Source],
    limit: int | None,
    extra: Sequence[Pick] = (),
    papers: Mapping[str, Paper] | None = None,
    word_budget: int | None = None,
) -> Answer:
    """A summary question's answer, at most `limit` sentences in abstract order: what the paper
    does and the lines worth most, from its checked summary and its abstract's own statements of
    method and finding, then sentences answering any further asks; all cited to the paper, each
    with the abstract sentence that supports it. With a `word_budget`, as many of those
    lines as keep to it (see `budgeted`)."""
    said = split_sentences(summary.tldr) + list(summary.bullets)
    pool = summary_pool(said, abstract) or said
    extra_lines = [p.candidate.sentence for p in extra]
    limit = limit if limit is not None else SUMMARY_SENTENCES + len(extra_lines)
    if word_budget is None:
        lines = summary_lines(pool, extra_lines, limit, abstract, question)
    else:
        lines = budgeted(pool, extra_lines, limit, word_budget, abstract, question)
    evidence = list(abstract) or lines
    snippets = []
    for line in lines:
        scores = judge.score([(line, e) for e in evidence])
        snippets.append(evidence[max(range(len(evidence)), key=lambda i: scores[i])])
    citation = Citation(
        "1",
        source.paper_id,
        source.title,
        snippets[0],
        round(summary.support, 3),
        snippets=tuple(dict.fromkeys(snippets)),
    )
    text = " ".join(with_marker(line, 1) for line in lines)
    references = cited_papers([citation], papers or {})
    return Answer(
        question, text, [citation], sources, support=1.0, mode=Mode.SUMMARY, references=references
    )
