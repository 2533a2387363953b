"""A cross-encoder judge plugged in by model id: real sentence-transformers loading of a tiny
local cross-encoder whose verdict is fixed by its classifier bias."""

import json
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant.embeddings import PairClassifier, bundled_embed_path
from assistant.errors import ModelError
from assistant.judge import CrossEncoderJudge, EmbeddingJudge
from assistant.settings import AbstentionSettings
from tests.fakes import FakeEmbedder, FakeGenerator


def tiny_cross_encoder(folder: Path, labels: list[str], bias: list[float]) -> str:
    """A one-layer BERT classifier saved like a hub cross-encoder; its output is `bias`."""
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    tokenizer = AutoTokenizer.from_pretrained(str(bundled_embed_path()))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        num_labels=len(labels),
        id2label=dict(enumerate(labels)),
        label2id={name: i for i, name in enumerate(labels)},
    )
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor(bias))
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return str(folder)


def test_entailment_is_read_from_the_label_that_names_it(tmp_path):
    # The entailment column sits first here, not in the usual middle.
    path = tiny_cross_encoder(
        tmp_path / "nli", ["entailment", "neutral", "contradiction"], [2, 0, 0]
    )
    judge = CrossEncoderJudge(PairClassifier(path, device="cpu"))
    scores = judge.score([("Pooling helps.", "We find pooling helps."), ("A", "B")])
    assert scores == pytest.approx([0.787, 0.787], abs=1e-3)  # e^2 / (e^2 + 2)
    assert judge.relevance([("pooling", "We pool.")]) == pytest.approx([0.787], abs=1e-3)
    assert judge.threshold == 0.5 and judge.name.startswith("cross-encoder")


def test_a_classifier_with_no_entailment_label_is_refused(tmp_path):
    path = tiny_cross_encoder(tmp_path / "sentiment", ["negative", "positive"], [0, 0])
    with pytest.raises(ModelError, match="no entailment"):
        CrossEncoderJudge(PairClassifier(path, device="cpu"))


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="could not load cross-encoder"):
        PairClassifier(str(tmp_path / "nowhere"), device="cpu")


def ask_with_judge(tmp_path: Path, **settings) -> Assistant:
    tmp_path.mkdir(parents=True, exist_ok=True)
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text(
        json.dumps(
            {
                "title": "Sparse Llamas",
                "abstract": "We prune large language models to half their weights. "
                "Accuracy recovers after 100 steps of fine-tuning.",
            }
        )
        + "\n"
    )
    reply = "Pruned llamas recover accuracy after 100 steps of fine-tuning [1]."
    a = Assistant(
        Settings(
            home=tmp_path / "home", abstention=AbstentionSettings(min_similarity=0.0), **settings
        ),
        embedder=FakeEmbedder(),
        generator=FakeGenerator([reply, reply]),
    )
    a.ingest([corpus], progress=False)
    return a


def test_the_plugged_in_judge_decides_what_an_answer_may_say(tmp_path):
    question = "How fast do pruned llamas recover accuracy?"
    trusting = tiny_cross_encoder(
        tmp_path / "yes", ["contradiction", "entailment", "neutral"], [0, 5, 0]
    )
    doubting = tiny_cross_encoder(
        tmp_path / "no", ["contradiction", "entailment", "neutral"], [5, 0, 0]
    )
    kept = ask_with_judge(tmp_path / "a", judge_model=trusting).ask(question)
    assert kept.mode == "composed" and kept.text.startswith("Pruned llamas recover")
    refused = ask_with_judge(tmp_path / "b", judge_model=doubting).ask(question)
    assert "Pruned llamas recover" not in refused.text  # nothing the judge does not entail


def test_the_embedded_judge_is_the_default_and_its_threshold_can_be_set(tmp_path):
    a = Assistant(Settings(home=tmp_path), embedder=FakeEmbedder())
    assert isinstance(a.judge, EmbeddingJudge) and a.judge.threshold == 0.72
    b = Assistant(Settings(home=tmp_path, judge_threshold=0.6), embedder=FakeEmbedder())
    assert b.judge.threshold == 0.6
