"""Pure scoring functions for the evaluation: no model calls, no I/O.

The model-calling steps (retrieve, answer, judge each sentence) live in the runner; what they
produce is scored here. A metric that is undefined for a row (no gold papers, nothing cited,
no sentences) returns None, and `aggregate` leaves None out of the averages.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from assistant.sources.latex import unescape_plain

T = TypeVar("T", bound=Hashable)

# A fact that is a number ("12", "10,000", "2.36%", "-3.5") must match a whole number token.
_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")


def _unique(items: Iterable[T]) -> list[T]:
    """Drop repeats, keeping first occurrences: [b, a, b, c] -> [b, a, c]."""
    return list(dict.fromkeys(items))


def recall_at_k(ranked: Sequence[Hashable], gold: Iterable[Hashable], k: int) -> float | None:
    """Share of the gold papers found in the first k distinct entries of a ranking.

    Repeats in the ranking are dropped first (several chunks of one paper are one paper):
    ranked [A, A, B, C], gold {B, D}, k=2 -> top-2 distinct is [A, B] -> 1/2 = 0.5.
    k larger than the ranking just uses all of it. None when gold is empty.
    """
    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    wanted = set(gold)
    if not wanted:
        return None
    top = set(_unique(ranked)[:k])
    return len(top & wanted) / len(wanted)


def mrr(ranked: Sequence[Hashable], gold: Iterable[Hashable]) -> float | None:
    """Reciprocal rank of the first gold paper among the distinct entries of a ranking.

    ranked [A, A, B], gold {B} -> distinct [A, B], B is 2nd -> 1/2 = 0.5.
    0.0 when no gold paper is ranked; None when gold is empty.
    """
    wanted = set(gold)
    if not wanted:
        return None
    for rank, item in enumerate(_unique(ranked), start=1):
        if item in wanted:
            return 1.0 / rank
    return 0.0


def citation_precision(
    cited: Iterable[Hashable], gold: Iterable[Hashable], borderline: Iterable[Hashable] = ()
) -> float | None:
    """Share of distinct cited papers that are gold or borderline (acceptable to cite).

    cited [A, B, C, A], gold {A}, borderline {B} -> {A, B} of {A, B, C} -> 2/3.
    None when nothing is cited.
    """
    papers = set(cited)
    if not papers:
        return None
    return len(papers & (set(gold) | set(borderline))) / len(papers)


def cited_recall(cited: Iterable[Hashable], gold: Iterable[Hashable]) -> float | None:
    """Share of gold papers the answer cites: cited [A, C], gold {A, B} -> 1/2. None for no gold."""
    wanted = set(gold)
    if not wanted:
        return None
    return len(set(cited) & wanted) / len(wanted)


def faithfulness(verdicts: Sequence[bool]) -> float | None:
    """Share of answer sentences the judge found supported: [True, False, True, True] -> 0.75.

    None when the answer had no sentences to judge (e.g. it abstained).
    """
    if not verdicts:
        return None
    return sum(bool(v) for v in verdicts) / len(verdicts)


def _abstention_rate(rows: Iterable[Mapping[str, Any]], unanswerable: bool) -> float | None:
    picked = [bool(r["abstained"]) for r in rows if (r["type"] == "unanswerable") == unanswerable]
    return sum(picked) / len(picked) if picked else None


def abstention_accuracy(rows: Iterable[Mapping[str, Any]]) -> float | None:
    """Share of unanswerable questions on which the assistant abstained.

    Each row needs "type" and "abstained". Rows
    [{type: unanswerable, abstained: True}, {type: unanswerable, abstained: False},
     {type: factoid, abstained: True}] -> 1/2 = 0.5 (the factoid row is not counted).
    None when there is no unanswerable row.
    """
    return _abstention_rate(rows, unanswerable=True)


def false_abstention_rate(rows: Iterable[Mapping[str, Any]]) -> float | None:
    """Share of answerable questions on which the assistant wrongly abstained.

    Rows [{type: factoid, abstained: True}, {type: multi, abstained: False},
     {type: unanswerable, abstained: True}] -> 1/2 = 0.5. None when no row is answerable.
    """
    return _abstention_rate(rows, unanswerable=False)


def fact_in_text(fact: str, text: str) -> bool:
    """Whether one fact appears in text: numbers as whole tokens, words case-insensitively.

    "12" in "rose to 12 points" -> True; "12" in "120 runs" / "1.2x" / "12.5" -> False;
    "imagenet" in "on ImageNet-1k" -> True; "BERT" in "RoBERTa" -> False (word boundaries).
    TeX's escapes are the characters on either side: "50\\%" in "50% faster" -> True.
    """
    fact = " ".join(unescape_plain(fact).split())
    text = " ".join(unescape_plain(text).split())
    if not fact:
        return False
    if _NUMBER.fullmatch(fact):
        pattern = rf"(?<!\d)(?<!\d[.,]){re.escape(fact)}(?![.,]?\d)"
        return re.search(pattern, text) is not None
    left = r"(?<!\w)" if fact[0].isalnum() else ""
    right = r"(?!\w)" if fact[-1].isalnum() else ""
    return re.search(left + re.escape(fact) + right, text, flags=re.IGNORECASE) is not None


def fact_coverage(answer_text: str, facts: Sequence[str]) -> float | None:
    """Share of expected facts stated in the answer (see `fact_in_text` for matching).

    answer "ViT-B reaches 84.5% on ImageNet", facts ["84.5%", "ImageNet", "12"] -> 2/3.
    None when there are no facts to check.
    """
    if not facts:
        return None
    return sum(fact_in_text(f, answer_text) for f in facts) / len(facts)


def percentile(values: Iterable[float], p: float) -> float | None:
    """The p-th percentile (0..100) with linear interpolation between closest ranks.

    [1, 2, 3, 4] at p=50 -> 2.5; at p=95 -> 3.85; [7] at any p -> 7. None for no values.
    """
    if not 0 <= p <= 100:
        raise ValueError(f"p must be within 0..100, got {p}")
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * p / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _check_pairs(a: Sequence[Any], b: Sequence[Any]) -> None:
    if len(a) != len(b):
        raise ValueError(f"label lists differ in length: {len(a)} != {len(b)}")


def accuracy(predicted: Sequence[Any], expected: Sequence[Any]) -> float | None:
    """Share of positions where two label lists agree: [T, F, T] vs [T, T, T] -> 2/3.

    None when the lists are empty.
    """
    _check_pairs(predicted, expected)
    if not predicted:
        return None
    return sum(bool(p == e) for p, e in zip(predicted, expected, strict=True)) / len(predicted)


def cohen_kappa(labels_a: Sequence[Hashable], labels_b: Sequence[Hashable]) -> float | None:
    """Agreement between two raters corrected for chance: (p_o - p_e) / (1 - p_e).

    a [T, T, F, F], b [T, F, F, F]: p_o = 3/4; p_e = (2/4)(1/4) + (2/4)(3/4) = 1/2
    -> (0.75 - 0.5) / 0.5 = 0.5. None when empty, or when both raters use one same label
    throughout (p_e = 1: kappa is undefined).
    """
    _check_pairs(labels_a, labels_b)
    n = len(labels_a)
    if n == 0:
        return None
    observed = sum(x == y for x, y in zip(labels_a, labels_b, strict=True)) / n
    count_a, count_b = Counter(labels_a), Counter(labels_b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1:
        return None
    return (observed - expected) / (1 - expected)


def _mean(values: Iterable[Any]) -> float | None:
    known = [float(v) for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _is_score(value: Any) -> bool:
    return value is None or (isinstance(value, (int, float)) and not isinstance(value, bool))


def aggregate(
    rows: Sequence[Mapping[str, Any]],
    by: Sequence[str] = ("type", "difficulty"),
    metrics: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Average each metric over rows, ignoring None: overall and per value of each `by` key.

    metrics defaults to every key (other than the `by` keys) whose values are all numbers or
    None. Rows [{type: factoid, mrr: 1.0}, {type: factoid, mrr: None}, {type: multi, mrr: 0.5}]
    -> {"overall": {"n": 3, "mrr": 0.75},
        "type": {"factoid": {"n": 2, "mrr": 1.0}, "multi": {"n": 1, "mrr": 0.5}}}
    A metric that is None in every row of a group averages to None.
    """
    if metrics is None:
        keys = _unique(k for row in rows for k in row if k not in by)
        metrics = [k for k in keys if all(_is_score(row.get(k)) for row in rows)]

    def summarise(group: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        summary: dict[str, Any] = {"n": len(group)}
        for metric in metrics:
            summary[metric] = _mean(row.get(metric) for row in group)
        return summary

    result: dict[str, Any] = {"overall": summarise(rows)}
    for key in by:
        groups: dict[Any, list[Mapping[str, Any]]] = {}
        for row in rows:
            groups.setdefault(row.get(key), []).append(row)
        result[key] = {
            value: summarise(group)
            for value, group in sorted(groups.items(), key=lambda g: str(g[0]))
        }
    return result


def answer_words(text: str) -> int:
    """Words in an answer, citation markers and the punctuation they leave not counted.

    >>> answer_words("It works [1]."), answer_words("It works [1, 2]. It is fast - 2x [2].")
    (2, 6)
    """
    unmarked = re.sub(r"\[\d+(?:\s*,\s*\d+)*\]", " ", text)
    return sum(1 for token in unmarked.split() if re.search(r"\w", token))


def within_length(
    sentences: int, requested: int | None, words: int | None = None, budget: int | None = None
) -> float | None:
    """1.0 when an answer keeps to the number of sentences and the word budget asked for, 0.0
    when it runs over either; None when the question asked for neither: (2, 2) -> 1.0,
    (3, 2) -> 0.0, (3, None) -> None, (3, None, 45, 50) -> 1.0, (1, None, 60, 50) -> 0.0.
    """
    if requested is None and budget is None:
        return None
    if budget is not None and words is None:
        raise ValueError("a word budget needs the answer's word count")
    kept = (requested is None or sentences <= requested) and (
        budget is None or (words or 0) <= budget
    )
    return 1.0 if kept else 0.0
