"""The ONNX embedder: pure helpers, export and cache, parity with sentence-transformers,
the backend a store records, and a query path that never imports torch."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from assistant import embeddings
from assistant.embeddings import (
    DEFAULT_EMBED_NAME,
    SentenceTransformerEmbedder,
    backends_compatible,
    bundled_embed_path,
    make_embedder,
)
from assistant.errors import ModelError, StoreError
from assistant.onnx_embedder import (
    OnnxEmbedder,
    atomic_write,
    export_problem,
    length_batches,
    max_seq_length,
    mean_pool,
    weights_digest,
)
from assistant.store import Store
from tests.conftest import REPO
from tests.fakes import FakeEmbedder

SENTENCES = [
    "Sparse attention lets long-context transformers run on a laptop.",
    "We prune llamas to half their weights with no loss.",
    "  Ünïcode façade — naïve 東京, with tabs\tand newlines\n ",
    # Longer than the model's 256-token window: checks truncation matches.
    " ".join(["Diffusion models denoise images step by step while a scheduler picks noise."] * 40),
]


# -- pure helpers ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lengths", "size", "expected"),
    [
        ([3, 9, 1, 7, 5], 2, [[1, 3], [4, 0], [2]]),
        ([4, 4, 4], 64, [[0, 1, 2]]),
        ([], 8, []),
    ],
)
def test_length_batches_sorts_longest_first_and_cuts(lengths, size, expected):
    assert length_batches(lengths, size) == expected


def test_mean_pool_ignores_padding_and_normalises():
    hidden = np.array([[[1, 0], [3, 4], [9, 9]], [[0, 2], [5, 5], [5, 5]]], dtype=np.float32)
    mask = np.array([[1, 1, 0], [1, 0, 0]])
    pooled = mean_pool(hidden, mask)
    np.testing.assert_allclose(pooled, [[2**-0.5, 2**-0.5], [0, 1]], atol=1e-6)


@pytest.mark.parametrize(
    ("model", "stored", "current", "ok"),
    [
        (DEFAULT_EMBED_NAME, "torch", "torch", True),
        (DEFAULT_EMBED_NAME, "torch", "onnx", True),
        (DEFAULT_EMBED_NAME, "onnx", "torch", True),
        (DEFAULT_EMBED_NAME, "torch", "onnx-int8", True),
        (DEFAULT_EMBED_NAME, "onnx", "onnx-int8", True),
        ("my/bert", "torch", "torch", True),
        ("my/bert", "torch", "onnx", False),  # never measured: refused
        (DEFAULT_EMBED_NAME, "custom", "torch", False),
    ],
)
def test_backend_compatibility_rule(model, stored, current, ok):
    assert backends_compatible(model, stored, current) is ok


def test_compatibility_rule_follows_the_measured_cosine(monkeypatch):
    table = {(DEFAULT_EMBED_NAME, frozenset({"torch", "onnx-int8"})): 0.985}
    monkeypatch.setattr(embeddings, "BACKEND_AGREEMENT", table)
    assert not backends_compatible(DEFAULT_EMBED_NAME, "torch", "onnx-int8")


def _folder(tmp_path: Path, config: dict, files=("tokenizer.json", "model.safetensors")) -> Path:
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_text(json.dumps(config))
    for name in files:
        (folder / name).write_text("x")
    return folder


def test_export_problem_says_why_a_folder_cannot_be_exported(tmp_path):
    assert export_problem(bundled_embed_path()) is None
    assert "not a local folder" in export_problem(tmp_path / "absent")
    assert "mpnet" in export_problem(_folder(tmp_path, {"model_type": "mpnet"}))


def test_export_problem_needs_a_fast_tokenizer_and_mean_pooling(tmp_path):
    folder = _folder(tmp_path, {"model_type": "bert"}, files=["model.safetensors"])
    assert "tokenizer.json" in export_problem(folder)
    (folder / "tokenizer.json").write_text("x")
    assert export_problem(folder) is None  # a plain Hugging Face BERT: mean pooling by default
    modules = [
        {"path": "", "type": "sentence_transformers.models.Transformer"},
        {"path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"path": "2_Dense", "type": "sentence_transformers.models.Dense"},
    ]
    (folder / "modules.json").write_text(json.dumps(modules))
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert "Dense" in export_problem(folder)
    (folder / "modules.json").write_text(json.dumps(modules[:2]))
    assert "mean pooling" in export_problem(folder)


def test_max_seq_length_reads_the_sentence_transformers_config():
    assert max_seq_length(bundled_embed_path()) == 256


def test_weights_digest_is_remembered_and_follows_the_file(tmp_path):
    weights = tmp_path / "model.safetensors"
    weights.write_bytes(b"a" * 1000)
    first = weights_digest(weights, tmp_path / "cache")
    assert len(first) == 16 and (tmp_path / "cache" / "weights-digests.json").is_file()
    assert weights_digest(weights, tmp_path / "cache") == first
    weights.write_bytes(b"b" * 1000)
    os.utime(weights, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert weights_digest(weights, tmp_path / "cache") != first


def test_atomic_write_leaves_nothing_when_the_write_fails(tmp_path):
    target = tmp_path / "sub" / "model.onnx"

    def half_then_fail(tmp: Path) -> None:
        tmp.write_bytes(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        atomic_write(target, half_then_fail)
    assert list(target.parent.iterdir()) == []
    atomic_write(target, lambda tmp: tmp.write_bytes(b"whole"))
    assert target.read_bytes() == b"whole" and list(target.parent.iterdir()) == [target]


def test_user_model_without_an_export_runs_on_torch_with_a_note(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(
        embeddings, "SentenceTransformerEmbedder", lambda model, device: FakeEmbedder()
    )
    with caplog.at_level(logging.WARNING, logger="assistant.embeddings"):
        embedder = make_embedder(str(tmp_path / "no-such-model"), "onnx-int8", tmp_path)
    assert isinstance(embedder, FakeEmbedder)
    assert "no ONNX export" in caplog.text and "onnx-int8" in caplog.text


def test_onnx_backend_needs_a_cache_folder():
    with pytest.raises(ModelError, match="cache folder"):
        make_embedder("default", "onnx", None)


# -- the store records the backend -----------------------------------------------------------------
def _put(store: Store) -> None:
    from assistant.types import Paper

    store.put_papers([Paper("p:1", "T", "An abstract.")], [[1.0, 0.0, 0.0]], ["h"])


def test_store_records_the_backend_and_accepts_a_compatible_one(tmp_path):
    store = Store(DEFAULT_EMBED_NAME, path=tmp_path / "s", embed_backend="onnx-int8")
    _put(store)
    assert store.chunks.metadata["embed_backend"] == "onnx-int8"
    assert store.papers.metadata["embed_backend"] == "onnx-int8"
    again = Store(DEFAULT_EMBED_NAME, path=tmp_path / "s", embed_backend="torch")
    assert again.built_backend == "onnx-int8" and again.count()[0] == 1


def test_store_refuses_an_incompatible_backend_naming_both(tmp_path):
    Store("my/bert", path=tmp_path / "s", embed_backend="torch")
    with pytest.raises(StoreError) as err:
        Store("my/bert", path=tmp_path / "s", embed_backend="onnx-int8")
    message = str(err.value)
    assert "'torch'" in message and "'onnx-int8'" in message
    assert "ASSISTANT_EMBED_BACKEND=torch" in message


def test_store_without_a_recorded_backend_was_built_by_torch(tmp_path):
    import chromadb

    client = chromadb.PersistentClient(path=str(tmp_path / "old"))
    old_meta = {"embed_model": DEFAULT_EMBED_NAME, "schema": 1, "hnsw:space": "cosine"}
    for kind in ("chunks", "papers"):
        client.get_or_create_collection(f"papers_{kind}", metadata=old_meta)
    del client
    store = Store(DEFAULT_EMBED_NAME, path=tmp_path / "old", embed_backend="onnx")
    assert store.built_backend == "torch"
    legacy_other = Store("my/bert", path=tmp_path / "other", embed_backend="torch")
    assert legacy_other.built_backend == "torch"


# -- the real model: export, cache, parity (slow) --------------------------------------------------
@pytest.fixture(scope="module")
def onnx_cache(tmp_path_factory) -> Path:
    """A cache with both exports of the bundled model, built once for this module."""
    cache = tmp_path_factory.mktemp("onnx-cache")
    make_embedder("default", "onnx-int8", cache)  # exports fp32, then quantizes it
    return cache


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    return SentenceTransformerEmbedder()


def _cosines(a, b) -> np.ndarray:
    return (np.array(a) * np.array(b)).sum(axis=1)


@pytest.mark.slow
def test_export_is_cached_and_not_repeated(onnx_cache):
    files = sorted((onnx_cache / "onnx-embed").glob("*.onnx"))
    assert [f.name.endswith(".int8.onnx") for f in files] == [True, False]
    mtimes = [f.stat().st_mtime_ns for f in files]
    for backend in ("onnx-int8", "onnx"):
        embedder = make_embedder("default", backend, onnx_cache)
        assert isinstance(embedder, OnnxEmbedder) and embedder.exports == 0
        assert embedder.name == DEFAULT_EMBED_NAME and embedder.backend == backend
        assert embedder.dim == 384
    assert [f.stat().st_mtime_ns for f in files] == mtimes
    assert not [p for p in (onnx_cache / "onnx-embed").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
@pytest.mark.parametrize("damaged", ["int8", "fp32"])
def test_a_damaged_cache_file_is_rebuilt(onnx_cache, tmp_path, damaged):
    shutil.copytree(onnx_cache, tmp_path / "cache")
    (victim,) = [
        p
        for p in (tmp_path / "cache" / "onnx-embed").glob("*.onnx")
        if p.name.endswith(".int8.onnx") == (damaged == "int8")
    ]
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 3])  # a partial copy
    backend = "onnx-int8" if damaged == "int8" else "onnx"
    embedder = make_embedder("default", backend, tmp_path / "cache")
    assert embedder.exports == 1
    assert victim.stat().st_size > 3 * 1_000_000
    again = make_embedder("default", backend, tmp_path / "cache")
    assert again.exports == 0
    assert _cosines(embedder.embed(SENTENCES[:2]), again.embed(SENTENCES[:2])).min() > 0.9999


@pytest.mark.slow
@pytest.mark.parametrize(("backend", "floor"), [("onnx", 0.999), ("onnx-int8", 0.98)])
def test_same_vectors_as_sentence_transformers(onnx_cache, torch_embedder, backend, floor):
    embedder = make_embedder("default", backend, onnx_cache)
    expected = torch_embedder.embed(SENTENCES)
    got = embedder.embed(SENTENCES)  # mixed lengths: sorted inside, returned in order
    assert _cosines(got, expected).min() >= floor
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert _cosines([embedder.embed_query(SENTENCES[1])], [expected[1]])[0] >= floor


@pytest.mark.slow
def test_a_texts_vector_does_not_depend_on_the_texts_embedded_with_it(onnx_cache):
    # int8 scales a forward pass's activations as a whole: batched with a long text, a short
    # one got another vector, and answers changed with the questions asked before them.
    embedder = make_embedder("default", "onnx-int8", onnx_cache)
    alone = embedder.embed(SENTENCES[:1])
    for others in (SENTENCES[1:], list(reversed(SENTENCES))):
        together = embedder.embed([SENTENCES[0], *others])
        assert np.array_equal(np.array(alone[0]), np.array(together[0]))


@pytest.mark.slow
def test_empty_text_is_embedded_like_sentence_transformers(onnx_cache, torch_embedder):
    expected = torch_embedder.embed([""])
    assert _cosines(make_embedder("default", "onnx", onnx_cache).embed([""]), expected)[0] > 0.999
    # [CLS] [SEP] alone is int8's worst case (0.98 measured): still the same direction.
    assert (
        _cosines(make_embedder("default", "onnx-int8", onnx_cache).embed([""]), expected)[0] > 0.95
    )


@pytest.mark.slow
def test_tokenize_matches_sentence_transformers(onnx_cache, torch_embedder):
    embedder = make_embedder("default", "onnx-int8", onnx_cache)
    abstracts = [p.read_text(encoding="utf-8")[:5000] for p in sorted(REPO.glob("data/*/*.txt"))]
    for text in SENTENCES + abstracts:
        assert embedder.tokenize(text) == torch_embedder.tokenize(text)
    assert len(embedder.tokenize(SENTENCES[-1])) > embedder.max_tokens  # not truncated


QUERY_PATH = """
import sys
from pathlib import Path
from assistant.embeddings import make_embedder
embedder = make_embedder("default", sys.argv[1], Path(sys.argv[2]))
assert embedder.exports == 0 and len(embedder.embed_query("sparse attention")) == 384
loaded = [m for m in ("torch", "sentence_transformers", "transformers") if m in sys.modules]
assert not loaded, loaded
"""


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["onnx-int8", "onnx"])
def test_query_path_never_imports_torch(onnx_cache, backend):
    done = subprocess.run(
        [sys.executable, "-c", QUERY_PATH, backend, str(onnx_cache)],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
