"""Whether a text says something matters: the axis a premise like "X has no effect" is read on."""

import pytest

from assistant.necessity import effect


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the vocabulary size greatly affects memorization", 1),
        ("the vocabulary size has no effect on memorization", -1),
        ("the vocabulary size does not affect memorization", -1),
        ("warm-up is crucial for stable training", 1),
        ("warm-up is unnecessary for stable training", -1),
        ("the gains are largely independent of model size", -1),
        ("it improves accuracy without requiring labels", -1),
        ("performance depends on the learning rate", 1),
        ("X outperforms Y on MMLU", 0),
        # names of things, not claims that they matter
        ("our contributions are threefold", 0),
        ("we estimate the critical batch size", 0),
        # both said: no claim either way
        ("the data matter, the optimizer is irrelevant", 0),
    ],
)
def test_effect_reads_whether_a_text_says_something_matters(text, said):
    assert effect(text) == said
