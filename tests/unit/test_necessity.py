"""Whether a text says something matters: the axis a premise like "X has no effect" is read on."""

import pytest

from assistant.necessity import effect


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the vocabulary size greatly affects memorization", 1),
        ("the vocabulary size has no effect on memorization", -1),
        ("the vocabulary size has a strong effect on memorization", 1),
        ("the vocabulary size does not affect memorization", -1),
        ("the vocabulary size doesn't affect memorization", -1),
        ("warm-up is crucial for stable training", 1),
        ("warm-up is unnecessary for stable training", -1),
        ("warm-up is not required for stable training", -1),
        ("We find that no learning-rate warm-up is needed for stable training.", -1),
        ("this approach requires no retraining", -1),
        ("we require neither labels nor rewards", -1),
        ("the gains are largely independent of model size", -1),
        ("it improves accuracy without requiring labels", -1),
        ("performance depends on the learning rate", 1),
        ("the method isn't sensitive to the learning rate", -1),
        ("the additional designs do not contribute to the quality of the representations", -1),
        ("the warm-up is not irrelevant", 1),
        ("the learning rate not only affects accuracy", 1),
        ("X outperforms Y on MMLU", 0),
        # the same words in other senses: names, subjects, conditions, quantities
        ("our contributions are threefold", 0),
        ("we contribute a benchmark", 0),
        ("we estimate the critical batch size", 0),
        ("we study the effects of vocabulary size on memorization", 0),
        ("accuracy varies depending on the task", 0),
        ("the required memory grows with context", 0),
        ("it trains with negligible accuracy loss", 0),
        ("we remove redundant tokens", 0),
        ("two independent models", 0),
        ("sensitive data", 0),
        # comparisons, not whether it matters
        ("data quality matters more than scale", 0),
        ("LoRA requires less memory", 0),
        # both said: no claim either way
        ("the data matter, the optimizer is irrelevant", 0),
    ],
)
def test_effect_reads_whether_a_text_says_something_matters(text, said):
    assert effect(text) == said
