"""Question intent parsing: table-driven."""

import pytest

from assistant.intents import parse_intent


@pytest.mark.parametrize(
    ("question", "kind", "field", "order", "year_op", "year", "quantity"),
    [
        ("Which papers tune learning rates?", "list", None, None, None, None, False),
        ("List all papers about mixture of experts", "list", None, None, None, None, False),
        ("Are there papers on federated learning?", "list", None, None, None, None, False),
        (
            "Which paper on graph pooling has the most authors?",
            "metadata",
            "authors_count",
            "max",
            None,
            None,
            False,
        ),
        (
            "Of the surveys on MoE, which has the fewest authors?",
            "metadata",
            "authors_count",
            "min",
            None,
            None,
            False,
        ),
        (
            "How many authors wrote the Adam paper?",
            "metadata",
            "authors_count",
            "value",
            None,
            None,
            False,
        ),
        (
            "Which of the pooling papers appeared before 2015?",
            "metadata",
            "published",
            "filter",
            "before",
            2015,
            False,
        ),
        (
            "Which survey on active learning appeared first?",
            "metadata",
            "published",
            "min",
            None,
            None,
            False,
        ),
        ("Which NAS paper is the most recent?", "metadata", "published", "max", None, None, False),
        (
            "What FID does the retrieval model reach on ImageNet?",
            "plain",
            None,
            None,
            None,
            None,
            True,
        ),
        ("How many GPUs were used to pretrain OLMoE?", "plain", None, None, None, None, True),
        ("What does einspace search over?", "plain", None, None, None, None, False),
    ],
)
def test_parse_intent(question, kind, field, order, year_op, year, quantity):
    intent = parse_intent(question)
    assert (
        intent.kind,
        intent.field,
        intent.order,
        intent.year_op,
        intent.year,
        intent.quantity,
    ) == (kind, field, order, year_op, year, quantity)


def test_list_topic_drops_the_question_words():
    assert parse_intent("Which papers tune learning rates?").topic == "tune learning rates"
    assert (
        parse_intent("Which papers in the collection study tokenizers?").topic == "study tokenizers"
    )
