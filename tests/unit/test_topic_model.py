"""The topic model: whether a list's topic is in the corpus at all (absent topics declined)."""

import json

import pytest

from assistant.errors import InputError
from assistant.list_model import ListModel
from assistant.topic_model import (
    FEATURES,
    absent_probability,
    read_topic_model,
    shipped_topic_model,
    topic_signals,
)


def test_the_shipped_topic_model_reads_the_features_this_version_computes():
    model = shipped_topic_model()
    assert model.features == FEATURES
    assert len(model.weights) == len(FEATURES)
    assert "eval/train_topic_model.py" in model.note


def test_a_topic_model_for_other_features_is_refused_naming_the_field(tmp_path):
    path = tmp_path / "topic_model.json"
    path.write_text(json.dumps({"features": ["similarity"], "weights": [1.0], "bias": 0.0}))
    with pytest.raises(InputError, match="field 'features'"):
        read_topic_model(path)


def _row(texts: list[str], topic_words: float) -> list[float]:
    return topic_signals(
        "study federated unlearning",
        "study",
        {"a": 0.62, "b": 0.55, "c": 0.40, "d": 0.38},
        [0.5, 0.4, topic_words, 0.0, 0.0, 0.0],
        texts,
    )


def test_papers_that_each_cover_part_of_a_short_topic_make_it_likelier_absent():
    # Papers on federated learning and papers on unlearning, none on federated unlearning,
    # against one paper on both: the first list is the likelier to be of an absent topic.
    apart = _row(["Federated learning across many clients.", "Machine unlearning of LLMs."], 0.5)
    together = _row(["Federated unlearning removes one client's data from the model."], 1.0)
    features = dict(zip(FEATURES, apart, strict=True))
    assert features["all_facets"] < 1 and features["short_uncovered"] > 0
    assert dict(zip(FEATURES, together, strict=True))["all_facets"] == 1
    assert absent_probability(apart) > absent_probability(together)


def test_a_list_with_nothing_found_has_features_of_the_right_length():
    row = topic_signals("study music generation", "study", {}, [0.0] * 6, [])
    assert len(row) == len(FEATURES)
    assert absent_probability(row, ListModel(FEATURES, (0.0,) * len(FEATURES), 0.0)) == 0.5


def test_a_list_the_topic_model_finds_absent_is_declined(indexed):
    from assistant import pipeline
    from assistant.structured import list_answer

    # Papers on mixture of experts, none on protein folding: the facets are split (the facet
    # rule, which would decline it first, is off here).
    question = "Which papers apply mixture of experts to protein folding?"
    intent = pipeline.route(question)
    context = pipeline.retrieve(indexed, question, intent)
    lists = indexed.settings.lists.model_copy(
        update={"facet_words": 0, "phrase_facet_words": 0, "floor": 0.0}
    )

    def answer(absent_p: float):
        return list_answer(
            context,
            intent,
            indexed.judge,
            lists.model_copy(update={"absent_p": absent_p}),
            0.0,  # whatever the fake embedder's similarity
            indexed.rarity,
        )

    assert not answer(1.0).abstained  # never: the closest papers are listed
    declined = answer(0.0)  # at any probability: split facets are declined
    assert declined.abstained and "share only some of its words" in declined.text
