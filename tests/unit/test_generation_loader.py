"""TransformersGenerator with a patched loader: GPU settings and the converted-weights cache."""

from pathlib import Path

import pytest
import torch
import transformers

from assistant.generation import TransformersGenerator


class _Config:
    def __init__(self):
        self.quantization_config = "gguf"


class _Model:
    def __init__(self):
        self.config, self.hf_quantizer, self.device = _Config(), object(), "cpu"

    def eval(self):
        return self

    def save_pretrained(self, folder):
        assert self.hf_quantizer is None  # the GGUF quantizer must be dropped before saving
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "config.json").write_text("{}")


class _Tokenizer:
    chat_template = None
    eos_token_id = 0

    def save_pretrained(self, folder):
        (Path(folder) / "tokenizer.json").write_text("{}")


@pytest.fixture
def loads(monkeypatch):
    calls = []

    def model_from_pretrained(location, **kwargs):
        calls.append(("model", str(location), kwargs))
        return _Model()

    def tokenizer_from_pretrained(location, **kwargs):
        calls.append(("tokenizer", str(location), kwargs))
        return _Tokenizer()

    monkeypatch.setattr(transformers.AutoModelForCausalLM, "from_pretrained", model_from_pretrained)
    monkeypatch.setattr(transformers.AutoTokenizer, "from_pretrained", tokenizer_from_pretrained)
    return calls


def test_gpu_path_uses_half_precision_and_device_map(monkeypatch, loads):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda: True)
    generator = TransformersGenerator("org/some-model", device="auto")
    assert generator.device == "cuda"
    kwargs = loads[0][2]
    assert kwargs["dtype"] is torch.bfloat16 and kwargs["device_map"] == "auto"


def test_cpu_path_uses_full_precision(monkeypatch, loads):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    generator = TransformersGenerator("org/some-model", device="auto")
    assert generator.device == "cpu"
    assert loads[0][2] == {"dtype": torch.float32}


def test_gguf_is_converted_once_then_loaded_from_the_cache(monkeypatch, loads, tmp_path):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    gguf = tmp_path / "m.gguf"
    gguf.write_bytes(b"GGUF" * 10)
    cache = tmp_path / "cache"
    TransformersGenerator(str(gguf), cache_dir=cache)
    assert [c[2].get("gguf_file") for c in loads] == ["m.gguf", "m.gguf"]
    converted = list(cache.iterdir())
    assert len(converted) == 1 and (converted[0] / "config.json").exists()
    loads.clear()
    TransformersGenerator(str(gguf), cache_dir=cache)
    assert all("gguf_file" not in c[2] for c in loads)
    assert {c[1] for c in loads} == {str(converted[0])}
