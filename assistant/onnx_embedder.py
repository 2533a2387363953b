"""Sentence embeddings on ONNX Runtime; the only module that imports onnxruntime and onnx.

On first use a BERT-like sentence-transformers folder is exported to ONNX from its own weights
(torch is imported for that step only), quantized to int8, and cached under the models folder,
keyed by a hash of the weights file. Later starts load onnxruntime and the `tokenizers` fast
tokenizer only: no torch, no sentence-transformers. Pooling and normalisation are those of
sentence-transformers (mean over the attention mask, then unit length).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .embeddings import Embedder
from .errors import ModelError

log = logging.getLogger(__name__)

WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")
OPSET = 17
# The exported graph must reproduce torch's hidden states to this (max absolute difference) on a
# batch of another shape than the one traced; MiniLM measures ~3e-6.
EXPORT_TOLERANCE = 1e-3
DIGESTS_FILE = "weights-digests.json"
# Part of every cached file's name: bump it when export_onnx or quantize_int8 change what they
# write, so caches made by an older recipe are not used.
RECIPE_VERSION = 2
# Texts per forward pass: 16 beat 64 by 5-20% (fp32 and int8 alike) on the 2-core CPU in
# interleaved runs over 384 corpus chunks; short batches pad less and stay in cache.
BATCH_SIZE = 16


# -- pure helpers ------------------------------------------------------------------------------
def length_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices sorted longest first and cut into batches, so each batch pads little.

    >>> length_batches([3, 9, 1, 7, 5], 2)
    [[1, 3], [4, 0], [2]]
    """
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[start : start + batch_size] for start in range(0, len(order), batch_size)]


def mean_pool(hidden: Any, mask: Any) -> Any:
    """Unit-length mean of the token vectors the mask keeps, as sentence-transformers computes it.

    hidden (batch, tokens, dim) float32, mask (batch, tokens) of 0/1 -> (batch, dim):
    hidden [[[1, 0], [3, 4], [9, 9]]], mask [[1, 1, 0]] -> mean [2, 2] -> [0.7071, 0.7071].
    """
    import numpy as np

    weights = mask[..., None].astype(hidden.dtype)
    summed = (hidden * weights).sum(axis=1)
    mean = summed / np.clip(weights.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(mean, axis=1, keepdims=True)
    return mean / np.clip(norms, 1e-12, None)


def export_problem(folder: Path) -> str | None:
    """Why `folder` cannot be exported to ONNX here, or None when it can.

    Exportable: a local sentence-transformers (or plain Hugging Face) folder of a BERT model with
    a fast tokenizer (tokenizer.json), one weights file, and mean pooling with nothing after it
    but normalisation.
    """
    if not folder.is_dir():
        return f"{folder} is not a local folder"
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "no readable config.json"
    if config.get("model_type") != "bert":
        return f"model type {config.get('model_type')!r} is not bert"
    if not (folder / "tokenizer.json").is_file():
        return "no tokenizer.json (fast tokenizer)"
    if weights_file(folder) is None:
        return f"none of {', '.join(WEIGHT_FILES)}"
    modules_file = folder / "modules.json"
    if modules_file.is_file():
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        kinds = [m.get("type", "").rsplit(".", 1)[-1] for m in modules]
        if kinds[:2] != ["Transformer", "Pooling"] or set(kinds[2:]) - {"Normalize"}:
            return f"modules {kinds} are not Transformer, Pooling[, Normalize]"
        pooling = folder / next(m.get("path", "") for m in modules if m["type"].endswith("Pooling"))
        pooling_config = json.loads((pooling / "config.json").read_text(encoding="utf-8"))
        if not pooling_config.get("pooling_mode_mean_tokens"):
            return "pooling is not mean pooling"
    return None


def weights_file(folder: Path) -> Path | None:
    """The model's weights file inside `folder`, if it has one we know."""
    return next((folder / f for f in WEIGHT_FILES if (folder / f).is_file()), None)


def max_seq_length(folder: Path) -> int:
    """Tokens per text, special tokens included, that sentence-transformers keeps (the rest is cut)."""
    for name, key in (("sentence_bert_config.json", "max_seq_length"), ("config.json", None)):
        path = folder / name
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            value = data.get(key) if key else data.get("max_position_embeddings")
            if value:
                return int(value)
    return 512


def physical_cores() -> int:
    """CPU cores this process may run on, each physical core counted once."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    usable = usable or 1
    try:
        import psutil

        physical = psutil.cpu_count(logical=False) or usable
    except ImportError:  # psutil is optional: without it, count logical cores
        physical = usable
    return max(1, min(usable, physical))


def weights_digest(weights: Path, memo_dir: Path) -> str:
    """A SHA-256 of the weights file (16 hex digits), remembered by path, size and mtime.

    Hashing 90 MB costs ~70 ms; the memo in `memo_dir` makes later starts a stat() call.
    """
    stat = weights.stat()
    key = f"{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    memo_path = memo_dir / DIGESTS_FILE
    try:
        memo = json.loads(memo_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        memo = {}
    if not isinstance(memo, dict):
        memo = {}
    if isinstance(memo.get(key), str):
        return str(memo[key])
    with weights.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:16]
    memo[key] = digest
    with contextlib.suppress(OSError):  # a read-only cache still works, just hashes each start
        atomic_write(memo_path, lambda tmp: tmp.write_text(json.dumps(memo, indent=1)))
    return digest


def atomic_write(target: Path, write: Callable[[Path], object]) -> None:
    """Run `write(tmp)` on a temporary name beside `target`, then rename it into place.

    Readers see the old file or the whole new one, never a part; a failed write leaves nothing.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


# -- the one-time conversion (torch is imported here and nowhere else) -------------------------
def export_onnx(folder: Path, target: Path) -> None:
    """Export the BERT in `folder` to ONNX at `target` (fp32), checked against torch."""
    import numpy as np
    import onnxruntime as ort
    import torch
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval()

    class Encoder(torch.nn.Module):
        """The BERT body with an additive attention mask: transformers' own mask builder traces to
        fixed shapes, so the graph is built from the embeddings and encoder directly."""

        def __init__(self, bert: Any) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            hidden = self.bert.embeddings(input_ids=input_ids, token_type_ids=token_type_ids)
            keep = attention_mask[:, None, None, :].to(hidden.dtype)
            additive = (1.0 - keep) * torch.finfo(hidden.dtype).min
            return self.bert.encoder(hidden, attention_mask=additive).last_hidden_state

    wrapper = Encoder(model).eval()
    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUT_NAMES, "last_hidden_state")}

    def write(tmp: Path) -> None:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")  # tracer notes about Python control flow, all benign
            torch.onnx.export(
                wrapper,
                (sample, sample, torch.zeros_like(sample)),
                str(tmp),
                input_names=list(INPUT_NAMES),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=OPSET,
                dynamo=False,  # the TorchScript exporter needs no onnxscript
            )
        # Check on another shape than the traced one, padding included, before trusting the file.
        ids = torch.randint(1000, 2000, (3, 13), generator=torch.Generator().manual_seed(0))
        mask = torch.ones_like(ids)
        mask[0, 9:] = 0
        types = torch.zeros_like(ids)
        with torch.no_grad():
            expected = wrapper(ids, mask, types).numpy()
        session = ort.InferenceSession(str(tmp), providers=["CPUExecutionProvider"])
        feed = dict(zip(INPUT_NAMES, (ids.numpy(), mask.numpy(), types.numpy()), strict=True))
        got = session.run(None, feed)[0]
        error = float(np.abs(got - expected)[mask.numpy().astype(bool)].max())
        if error > EXPORT_TOLERANCE:
            raise ModelError(
                f"the ONNX export of {folder} differs from torch by {error:.2g} (limit "
                f"{EXPORT_TOLERANCE:g}); set ASSISTANT_EMBED_BACKEND=torch"
            )

    atomic_write(target, write)


class _DropRecords(logging.Filter):
    """Drops log records that start with one of `prefixes` (library advice we cannot act on)."""

    def __init__(self, *prefixes: str) -> None:
        super().__init__()
        self.prefixes = prefixes

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.prefixes)


def down_projections(path: Path) -> list[str]:
    """Names of the MatMul nodes whose weight narrows its input (more rows than columns).

    In a BERT these are the feed-forward output projections (1536 -> 384 in MiniLM): their
    input, straight out of GELU, has outliers that one int8 scale per batch cannot hold.
    """
    import onnx

    graph = onnx.load(str(path)).graph
    shapes = {init.name: tuple(init.dims) for init in graph.initializer}
    return [
        node.name
        for node in graph.node
        if node.op_type == "MatMul"
        and len(shape := shapes.get(node.input[1], ())) == 2
        and shape[0] > shape[1]
    ]


def quantize_int8(source: Path, target: Path) -> None:
    """Dynamic int8 quantization of the fp32 graph at `source`, written to `target`.

    Per-channel int8 weights on every linear layer except the feed-forward output projections,
    which stay fp32. On the bundled corpus's 1,566 chunks (median / minimum cosine to torch):
    per-tensor weights everywhere 0.947 / 0.886; per-channel everywhere 0.994 / 0.986 but
    held-out-lists MRR -0.022; this recipe 0.997 / 0.993, every retrieval figure within 0.01
    (`python -m bench.embed_quality`), at ~80% of the all-int8 speed.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    keep_fp32 = down_projections(source)
    quiet = _DropRecords("Please consider to run pre-processing")
    root = logging.getLogger()
    root.addFilter(quiet)
    try:
        atomic_write(
            target,
            lambda tmp: quantize_dynamic(
                source,
                tmp,
                weight_type=QuantType.QInt8,
                per_channel=True,
                op_types_to_quantize=["MatMul"],
                nodes_to_exclude=keep_fp32,
            ),
        )
    finally:
        root.removeFilter(quiet)


# -- the embedder ------------------------------------------------------------------------------
class OnnxEmbedder(Embedder):
    """A BERT-like sentence-transformers model on ONNX Runtime, fp32 or int8."""

    def __init__(
        self,
        folder: Path,
        name: str,
        cache_dir: Path,
        quantized: bool = True,
        batch_size: int = BATCH_SIZE,
        device: str = "cpu",
    ) -> None:
        problem = export_problem(folder)
        if problem:
            raise ModelError(f"cannot run {name} on ONNX Runtime: {problem}")
        self.folder, self.name, self.quantized = folder, name, quantized
        self.backend = "onnx-int8" if quantized else "onnx"
        # int8 quantizes each forward pass's activations with one scale: a text batched with
        # others got another vector than alone (cosine down to 0.988 on corpus sentences), so the
        # same question could be answered differently after other questions. Alone, each text
        # has its own scale and always the same vector.
        self.batch_size = 1 if quantized else batch_size
        self.max_tokens = max_seq_length(folder)
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        self.dim = int(config["hidden_size"])
        weights = weights_file(folder)
        assert weights is not None  # export_problem checked
        cache = cache_dir / "onnx-embed"
        stem = f"{name.rsplit('/', 1)[-1]}-{weights_digest(weights, cache)}-v{RECIPE_VERSION}"
        self.fp32_path = cache / f"{stem}.onnx"
        self.model_path = cache / f"{stem}.int8.onnx" if quantized else self.fp32_path
        self.exports = 0  # conversions this instance ran (0 when the cache was warm)
        try:
            self._session = self._open(device)
            self._tokenizer, self._raw_tokenizer = self._tokenizers()
        except ModelError:
            raise
        except Exception as exc:  # onnxruntime and tokenizers raise their own types
            raise ModelError(
                f"could not load {name} on ONNX Runtime: {exc}; ASSISTANT_EMBED_BACKEND=torch "
                "runs it on sentence-transformers instead"
            ) from exc

    # -- loading ---------------------------------------------------------------------------------
    def _build(self) -> None:
        """Make the cached model file this backend runs, exporting (once) what is missing."""
        self.exports += 1
        where = self.fp32_path.parent
        if not self.fp32_path.is_file() or not self.quantized:
            log.warning("exporting %s to ONNX (once; cached in %s)", self.name, where)
            export_onnx(self.folder, self.fp32_path)
        if not self.quantized:
            return
        log.warning("quantizing %s to int8 (once; cached in %s)", self.name, where)
        try:
            quantize_int8(self.fp32_path, self.model_path)
        except Exception:  # a damaged fp32 file: export it again, then quantize that
            export_onnx(self.folder, self.fp32_path)
            quantize_int8(self.fp32_path, self.model_path)

    def _open(self, device: str) -> Any:
        """An inference session on the cached file; a missing or damaged file is rebuilt once."""
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = physical_cores()
        options.inter_op_num_threads = 1
        # Idle threads sleep instead of spinning: they share the CPU with the generator, and on
        # the busy 2-core machine sleeping gave 10-35% more chunks/s (interleaved runs).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        providers = ["CPUExecutionProvider"]
        if device.startswith("cuda") and "CUDAExecutionProvider" in ort.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        if not self.model_path.is_file():
            self._build()
        try:
            return ort.InferenceSession(str(self.model_path), options, providers=providers)
        except Exception as exc:  # truncated or corrupted: onnxruntime says so on load
            log.warning("the cached %s is unreadable (%s); rebuilding it", self.model_path, exc)
            self.model_path.unlink(missing_ok=True)
            self._build()
            return ort.InferenceSession(str(self.model_path), options, providers=providers)

    def _tokenizers(self) -> tuple[Any, Any]:
        """(truncating tokenizer for embedding, untruncated one for sizing chunks)."""
        from tokenizers import Tokenizer

        path = str(self.folder / "tokenizer.json")
        embedding, raw = Tokenizer.from_file(path), Tokenizer.from_file(path)
        # tokenizer.json may carry its own truncation and fixed padding (128 for MiniLM):
        # sentence-transformers replaces both with max_seq_length and per-batch padding.
        embedding.enable_truncation(max_length=self.max_tokens)
        embedding.no_padding()
        raw.no_truncation()
        raw.no_padding()
        return embedding, raw

    # -- Embedder --------------------------------------------------------------------------------
    def tokenize(self, text: str) -> list[str]:
        return [str(i) for i in self._raw_tokenizer.encode(text, add_special_tokens=False).ids]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        import numpy as np

        # sentence-transformers strips each text before tokenizing; so do we.
        encodings = self._tokenizer.encode_batch([t.strip() for t in texts])
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        for batch in length_batches([len(e.ids) for e in encodings], self.batch_size):
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for row, i in enumerate(batch):
                enc = encodings[i]
                ids[row, : len(enc.ids)] = enc.ids
                mask[row, : len(enc.ids)] = 1
                types[row, : len(enc.ids)] = enc.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            hidden = self._session.run(None, feed)[0]
            out[batch] = mean_pool(hidden, mask)
        return out.tolist()
