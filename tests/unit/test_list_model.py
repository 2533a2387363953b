"""The list model: which found papers a list states as matches, from their fit signals."""

import json

import pytest

from assistant import structured
from assistant.errors import InputError
from assistant.list_model import FEATURES, ListModel, read_model, shipped_model, train
from assistant.settings import ListSettings
from assistant.structured import Topic, fitting, signals
from assistant.tree_model import TreeModel
from assistant.types import Paper, Source
from tests.unit.test_list_tiers import corpus

MODEL = ListSettings()  # sure_by "model", the default


def only(feature: str, weight: float, bias: float) -> ListModel:
    """A model that reads one feature."""
    return ListModel(FEATURES, tuple(weight if f == feature else 0.0 for f in FEATURES), bias)


def found_for(fits: dict[str, float], abstracts: dict[str, str] | None = None, topic="the topic"):
    sources, papers, judge = corpus(fits)
    for pid, text in (abstracts or {}).items():
        papers[pid] = Paper(pid, f"Paper {pid}", text)
    return structured.matches(topic, sources, papers, judge)


def test_the_shipped_model_reads_the_features_this_version_computes():
    model = shipped_model()
    assert isinstance(model, TreeModel) and model.features == FEATURES and model.trees
    assert "Trained on" in model.note and "train_list_model.py" in model.note
    assert all(0.0 < p < 1.0 for p in model.probabilities([[0.5] * len(FEATURES)] * 2))


def test_a_model_file_for_other_features_is_refused_naming_the_file_and_field(tmp_path):
    path = tmp_path / "list_model.json"
    path.write_text(json.dumps({"features": ["similarity"], "weights": [1.0], "bias": 0}))
    with pytest.raises(InputError, match=r"list_model\.json: field 'features'"):
        read_model(path)
    path.write_text(json.dumps({"features": list(FEATURES), "weights": [1.0], "bias": 0}))
    with pytest.raises(InputError, match="field 'weights': 1 weights"):
        read_model(path)
    path.write_text("{not json")
    with pytest.raises(InputError, match="cannot read the list model"):
        read_model(path)


def test_a_written_model_reads_back_the_same():
    model = ListModel(FEATURES, tuple(float(i) for i in range(len(FEATURES))), -2.5, "note")
    assert read_model_from_text(model.to_json()) == model


def read_model_from_text(text: str) -> ListModel:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.json"
        path.write_text(text)
        return read_model(path)


def test_training_learns_which_signal_tells_the_topic_apart():
    # Papers on the topic have the topic's words; similarity is noise.
    rows = [[0.5, 0.9], [0.9, 0.8], [0.4, 0.7], [0.8, 0.1], [0.5, 0.2], [0.9, 0.0]]
    weights, bias = train(rows, [1, 1, 1, 0, 0, 0], l2=0.1)
    assert weights[1] > 1 and abs(weights[0]) < weights[1]
    model = ListModel(("similarity", "topic_words"), weights, bias)
    on, off = model.probabilities([[0.6, 0.85], [0.6, 0.05]])
    assert on > 0.5 > off


def test_signals_say_where_each_paper_stands_among_the_found_ones():
    found = found_for({"a": 0.9, "b": 0.6, "c": 0.3})
    rows = {
        m.paper.paper_id: dict(zip(FEATURES, r, strict=True))
        for m, r in zip(found, signals(found, Topic("the topic"), MODEL), strict=True)
    }
    assert rows["a"]["fit_ratio"] == 1.0 and rows["a"]["fit_rank"] == 0.0
    assert rows["a"]["fit_z"] > 0 > rows["c"]["fit_z"]
    assert rows["b"]["fit_ratio"] < 1.0 and rows["c"]["fit_rank"] > rows["b"]["fit_rank"]
    assert rows["a"]["similarity"] == 0.9


def test_the_model_states_the_papers_it_finds_likely_and_offers_the_rest_as_weaker():
    fits = {"a": 0.8, "b": 0.78, "c": 0.76}
    abstracts = {
        "a": "Sentence number one of a about the topic here, on censored survival data.",
        "b": "Sentence number one of b about the topic here, on censored survival data.",
        "c": "Sentence number one of c about the topic here, on image classification.",
    }
    topic = Topic("censored survival data")
    found = found_for(fits, abstracts, topic.text)
    model = only("topic_words", 20.0, -10.0)
    sure, maybe = fitting(topic, found, MODEL, model=model)
    assert sorted(m.paper.paper_id for m in sure) == ["a", "b"]
    assert [m.paper.paper_id for m in maybe] == ["c"]


def test_the_best_fitting_paper_is_always_a_match():
    found = found_for({"a": 0.9, "b": 0.5})
    sure, maybe = fitting(Topic("the topic"), found, MODEL, model=only("similarity", 0.0, -9.0))
    assert [m.paper.paper_id for m in sure] == ["a"]


def test_a_word_in_another_sense_is_no_match_for_the_model_either():
    """The key-phrase rule of short topics holds whatever the model says."""
    sources, papers, judge = corpus({"lr": 0.8, "layernorm": 0.8})
    papers["lr"] = Paper("lr", "Paper lr", "We tune learning rates of lr about the topic here.")
    papers["layernorm"] = Paper(
        "layernorm", "Paper layernorm", "We tune the scale and bias of layernorm about the topic."
    )
    topic = Topic("tune learning rates", "tune")
    found = structured.matches(topic.text, sources, papers, judge, verb="tune")
    sure, maybe = fitting(topic, found, MODEL, model=only("similarity", 0.0, 9.0))
    assert [m.paper.paper_id for m in sure] == ["lr"]
    assert [m.paper.paper_id for m in maybe] == ["layernorm"]


def test_retrieval_rank_follows_the_fused_score():
    sources = [
        Source("x", "Paper x", 0.2, similarity=0.5),
        Source("y", "Paper y", 0.9, similarity=0.5),
    ]
    papers = {s.paper_id: Paper(s.paper_id, s.title, "About the topic here.") for s in sources}
    _, _, judge = corpus({"x": 0.5, "y": 0.5})
    found = structured.matches("the topic", sources, papers, judge)
    rows = {
        m.paper.paper_id: dict(zip(FEATURES, r, strict=True))
        for m, r in zip(found, signals(found, Topic("the topic"), MODEL), strict=True)
    }
    assert rows["y"]["retrieval_rank"] == 0.0 < rows["x"]["retrieval_rank"]


def test_a_short_topic_keeps_the_fit_rules_matches_beside_the_models():
    """A broad short topic ("tune learning rates") has many papers close to the best: the fit
    rule states them even when the model, used to lists of a few papers, doubts them."""
    fits = {"a": 0.8, "b": 0.78, "c": 0.77}
    abstracts = {p: f"We tune learning rates of {p} about the topic here." for p in fits}
    topic = Topic("tune learning rates", "tune")
    found = found_for(fits, abstracts, topic.text)
    doubtful = only("similarity", 0.0, -9.0)
    sure, _ = fitting(topic, found, MODEL, model=doubtful)
    assert sorted(m.paper.paper_id for m in sure) == ["a", "b", "c"]
    long_topic = Topic("methods that tune learning rates during the pretraining of language models")
    sure, maybe = fitting(long_topic, found, MODEL, model=doubtful)
    assert [m.paper.paper_id for m in sure] == ["a"] and len(maybe) == 2


def test_a_short_topic_named_by_a_distinctive_word_needs_it_in_the_title_not_its_phrase():
    # "Which papers are about Matryoshka-style embeddings?" (its topic "Matryoshka-style
    # embeddings" once "are about" was no longer read as a verb) had declined both Matryoshka
    # papers: neither says "Matryoshka embeddings". A title naming the topic's distinctive word
    # is on it; "-style" is no word of the topic.
    fits = {"mrl": 0.8, "two": 0.78, "other": 0.5}
    abstracts = {
        "mrl": "We learn nested representations of the topic here at many sizes.",
        "two": "We extend nested sentence embeddings of the topic here to layers.",
        "other": "We compare embeddings of the topic here for retrieval.",
    }
    found = found_for(fits, abstracts, "Matryoshka-style embeddings")
    titles = {
        "mrl": "Matryoshka Representation Learning",
        "two": "2D Matryoshka Sentence Embeddings",
    }
    for m in found:
        if m.paper.paper_id in titles:
            object.__setattr__(m.paper, "title", titles[m.paper.paper_id])
    topic = Topic("Matryoshka-style embeddings")
    assert topic.words == ["matryoshka", "embedding"]
    rarity = {"matryoshka": 5.2, "embeddings": 3.6}.get

    def rare(word: str) -> float:
        return rarity(word) or 1.0

    sure, _ = fitting(topic, found, MODEL, rare, model=only("similarity", 0.0, 9.0))
    assert sorted(m.paper.paper_id for m in sure) == ["mrl", "two"]
    # Without a distinctive word the key phrase is still needed ("tune learning rates").
    sure, _ = fitting(topic, found, MODEL, lambda w: 1.0, model=only("similarity", 0.0, 9.0))
    assert sure == []


def test_a_paper_with_fewer_of_the_topics_facets_has_a_lower_facet_share():
    # "apply parameter-efficient fine-tuning to graph neural networks": a paper on both has
    # every facet, one on fine-tuning language models only half of them (the feature the
    # shipped model reads beside the fit: papers of the same broad area without the topic's
    # distinguishing facet, LoRA papers for "adaptive rank allocation", had been sure matches).
    fits = {"both": 0.8, "half": 0.8}
    abstracts = {
        "both": "We apply parameter-efficient fine-tuning to graph neural networks.",
        "half": "We apply parameter-efficient fine-tuning to large language models.",
    }
    topic = Topic("apply parameter-efficient fine-tuning to graph neural networks", "apply")
    found = found_for(fits, abstracts, topic.text)
    rows = {
        m.paper.paper_id: dict(zip(FEATURES, r, strict=True))
        for m, r in zip(found, signals(found, topic, MODEL), strict=True)
    }
    assert rows["both"]["facet_share"] == 1.0
    assert rows["half"]["facet_share"] < 0.75
    # the shipped model counts it: the same paper with every facet is likelier a match
    half = list(rows["half"].values())
    whole = [1.0 if f == "facet_share" else v for f, v in zip(FEATURES, half, strict=True)]
    low, high = shipped_model().probabilities([half, whole])
    assert high > low
