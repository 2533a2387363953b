"""Pure evaluation metrics: table-driven cases, edge cases included (empty, None, repeats)."""

from __future__ import annotations

import pytest

from assistant.evaluation.metrics import (
    abstention_accuracy,
    accuracy,
    aggregate,
    citation_precision,
    cited_recall,
    cohen_kappa,
    fact_coverage,
    fact_in_text,
    faithfulness,
    false_abstention_rate,
    mrr,
    percentile,
    recall_at_k,
    within_length,
)


def same(result, expected):
    """Equal within float error, or both None."""
    return result is None if expected is None else result == pytest.approx(expected)


@pytest.mark.parametrize(
    "ranked, gold, k, expected",
    [
        (["a", "b", "c"], {"a"}, 1, 1.0),
        (["a", "b", "c"], {"c"}, 2, 0.0),
        (["a", "b", "c"], {"b", "d"}, 3, 0.5),
        (["a", "a", "b", "c"], {"b", "d"}, 2, 0.5),  # repeats dropped before cutting at k
        (["a", "b"], {"b"}, 10, 1.0),  # k larger than the ranking
        ([], {"a"}, 5, 0.0),
        (["a", "b"], set(), 1, None),  # no gold: undefined
        (["a", "b"], [], 1, None),
    ],
)
def test_recall_at_k(ranked, gold, k, expected):
    assert recall_at_k(ranked, gold, k) == expected


@pytest.mark.parametrize("k", [0, -1])
def test_recall_at_k_rejects_non_positive_k(k):
    with pytest.raises(ValueError, match="k must be >= 1"):
        recall_at_k(["a"], {"a"}, k)


@pytest.mark.parametrize(
    "ranked, gold, expected",
    [
        (["a", "b", "c"], {"a"}, 1.0),
        (["a", "b", "c"], {"c", "b"}, 0.5),
        (["a", "a", "a", "b"], {"b"}, 0.5),  # a repeated paper is one rank
        (["a", "b"], {"z"}, 0.0),
        ([], {"z"}, 0.0),
        (["a"], set(), None),
    ],
)
def test_mrr(ranked, gold, expected):
    assert mrr(ranked, gold) == expected


@pytest.mark.parametrize(
    "cited, gold, borderline, expected",
    [
        (["a", "b", "c", "a"], {"a"}, {"b"}, 2 / 3),
        (["a"], {"a"}, set(), 1.0),
        (["x", "y"], {"a"}, {"b"}, 0.0),
        (["b"], set(), {"b"}, 1.0),  # unanswerable question citing only a near miss
        ([], {"a"}, {"b"}, None),  # nothing cited
    ],
)
def test_citation_precision(cited, gold, borderline, expected):
    assert same(citation_precision(cited, gold, borderline), expected)


@pytest.mark.parametrize(
    "cited, gold, expected",
    [
        (["a", "c"], {"a", "b"}, 0.5),
        (["a", "a"], {"a", "b"}, 0.5),
        (["a", "b", "z"], {"a", "b"}, 1.0),
        ([], {"a"}, 0.0),
        (["a"], set(), None),
    ],
)
def test_cited_recall(cited, gold, expected):
    assert cited_recall(cited, gold) == expected


@pytest.mark.parametrize(
    "verdicts, expected",
    [([True, False, True, True], 0.75), ([True], 1.0), ([False, False], 0.0), ([], None)],
)
def test_faithfulness(verdicts, expected):
    assert faithfulness(verdicts) == expected


ROWS = [
    {"type": "unanswerable", "abstained": True},
    {"type": "unanswerable", "abstained": False},
    {"type": "factoid", "abstained": True},
    {"type": "multi", "abstained": False},
    {"type": "summary", "abstained": False},
    {"type": "metadata", "abstained": False},
]


@pytest.mark.parametrize(
    "rows, accuracy_expected, false_rate_expected",
    [
        (ROWS, 0.5, 0.25),
        (ROWS[:2], 0.5, None),  # no answerable rows
        (ROWS[2:], None, 0.25),  # no unanswerable rows
        ([], None, None),
    ],
)
def test_abstention(rows, accuracy_expected, false_rate_expected):
    assert abstention_accuracy(rows) == accuracy_expected
    assert false_abstention_rate(rows) == false_rate_expected


@pytest.mark.parametrize(
    "fact, text, expected",
    [
        ("12", "rose to 12 points", True),
        ("12", "12.", True),  # sentence-final full stop is not a decimal
        ("12", "120 runs", False),
        ("12", "1.2x faster", False),
        ("12", "12.5 points", False),
        ("12", "a 112-layer net", False),
        ("12", "10,12", False),
        ("10,000", "analyse 10,000 features", True),
        ("10,000", "analyse 10,0000 features", False),
        ("2.36%", "a 2.36% gain", True),
        ("2.36%", "a 12.36% gain", False),
        ("imagenet", "trained on ImageNet-1k", True),
        ("BERT", "fine-tuned RoBERTa", False),
        ("Unseen NAS", "the diverse  unseen\nNAS datasets", True),  # whitespace collapsed
        ("k=2", "even with k=2 results", True),
        ("50\\%", "made inference 50% faster", True),  # the abstract's TeX escape
        ("50%", "made inference 50\\% faster", True),
        ("50\\%", "made inference 150% faster", False),
        ("", "anything", False),
    ],
)
def test_fact_in_text(fact, text, expected):
    assert fact_in_text(fact, text) is expected


@pytest.mark.parametrize(
    "answer, facts, expected",
    [
        ("ViT-B reaches 84.5% on ImageNet", ["84.5%", "ImageNet", "12"], 2 / 3),
        ("It trained 120 models", ["12"], 0.0),
        ("It trained 12 models", ["12"], 1.0),
        ("", ["12"], 0.0),
        ("anything", [], None),
    ],
)
def test_fact_coverage(answer, facts, expected):
    assert same(fact_coverage(answer, facts), expected)


@pytest.mark.parametrize(
    "values, p, expected",
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([1, 2, 3, 4], 95, 3.85),
        ([4, 1, 3, 2], 0, 1),
        ([4, 1, 3, 2], 100, 4),
        ([7], 95, 7),
        ([0.2, 0.2, 0.2], 50, 0.2),
        ([], 50, None),
    ],
)
def test_percentile(values, p, expected):
    assert same(percentile(values, p), expected)


@pytest.mark.parametrize("p", [-1, 101])
def test_percentile_rejects_out_of_range(p):
    with pytest.raises(ValueError, match="0..100"):
        percentile([1, 2], p)


@pytest.mark.parametrize(
    "a, b, kappa, acc",
    [
        ([True, True, False, False], [True, False, False, False], 0.5, 0.75),
        ([True, False, True, False], [True, False, True, False], 1.0, 1.0),
        ([True, False], [False, True], -1.0, 0.0),
        (["x", "y", "z"], ["x", "y", "z"], 1.0, 1.0),  # any hashable labels
        ([True, True], [True, True], None, 1.0),  # one label throughout: kappa undefined
        ([], [], None, None),
    ],
)
def test_cohen_kappa_and_accuracy(a, b, kappa, acc):
    assert same(cohen_kappa(a, b), kappa)
    assert accuracy(a, b) == acc


@pytest.mark.parametrize("func", [cohen_kappa, accuracy])
def test_label_lists_must_match_in_length(func):
    with pytest.raises(ValueError, match="differ in length"):
        func([True], [True, False])


def test_aggregate_overall_and_groups_ignore_none():
    rows = [
        {"id": "a", "type": "factoid", "difficulty": "easy", "mrr": 1.0, "faith": None},
        {"id": "b", "type": "factoid", "difficulty": "hard", "mrr": None, "faith": 0.5},
        {"id": "c", "type": "multi", "difficulty": "hard", "mrr": 0.5, "faith": None},
    ]
    result = aggregate(rows)
    assert result["overall"] == {"n": 3, "mrr": 0.75, "faith": 0.5}
    assert result["type"] == {
        "factoid": {"n": 2, "mrr": 1.0, "faith": 0.5},
        "multi": {"n": 1, "mrr": 0.5, "faith": None},  # None in every row of the group
    }
    assert result["difficulty"]["hard"] == {"n": 2, "mrr": 0.5, "faith": 0.5}
    assert "id" not in result["overall"]  # strings are not metrics


def test_aggregate_explicit_metrics_and_by():
    rows = [{"type": "factoid", "x": 1, "y": 2}, {"type": "multi", "x": 3, "y": 4}]
    assert aggregate(rows, by=("type",), metrics=["x"]) == {
        "overall": {"n": 2, "x": 2.0},
        "type": {"factoid": {"n": 1, "x": 1.0}, "multi": {"n": 1, "x": 3.0}},
    }


def test_aggregate_skips_booleans_and_handles_no_rows():
    rows = [{"type": "factoid", "abstained": True, "mrr": 1}]
    assert aggregate(rows, by=())["overall"] == {"n": 1, "mrr": 1.0}
    assert aggregate([], by=("type",)) == {"overall": {"n": 0}, "type": {}}


@pytest.mark.parametrize(
    ("sentences", "requested", "words", "budget", "expected"),
    [
        (2, 2, 80, None, 1.0),
        (3, 2, 30, None, 0.0),
        (3, None, 45, 50, 1.0),  # "in under 50 words": the words count, not the sentences
        (1, None, 60, 50, 0.0),
        (2, 2, 60, 50, 0.0),  # both asked: both kept
        (3, None, 200, None, None),  # nothing asked
    ],
)
def test_an_answer_keeps_to_the_sentences_and_words_asked_for(
    sentences, requested, words, budget, expected
):
    assert within_length(sentences, requested, words, budget) == expected


def test_an_answer_held_to_its_budget_is_counted_without_its_citation_marks():
    # fresh-36 ae29 (a 100-word budget): two sentences of 99 words were counted as 101, the
    # full stop after each "[1]" counted as a word, and the answer as over its length.
    from assistant.evaluation.metrics import answer_words, within_length

    text = " ".join(["word"] * 60) + " [1]. " + " ".join(["word"] * 39) + " [1, 2]."
    assert answer_words(text) == 99
    assert within_length(2, None, answer_words(text), 100) == 1.0
