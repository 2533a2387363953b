"""One Settings object: every knob with a default, a description, and an ASSISTANT_* env override."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
DEFAULT_MODEL = "default"  # the embedded model of each kind, found in site-packages
EmbedBackend = Literal["onnx-int8", "onnx", "torch"]


def _default_home() -> Path:
    return Path.home() / ".cache" / "paper-assistant"


class Settings(BaseSettings):
    """Everything configurable; `ASSISTANT_<FIELD>` in the environment overrides a default."""

    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="forbid")

    home: Path = Field(
        default_factory=_default_home,
        description="Folder for the store and cached model weights.",
    )
    store_dir: Path | None = Field(
        default=None, description="Chroma store folder; default <home>/store."
    )
    models_dir: Path | None = Field(
        default=None, description="Cache of converted model weights; default <home>/models."
    )
    summaries_file: Path | None = Field(
        default=None,
        description="JSONL of paper summaries that the UI shows and `assistant summarize` fills "
        "when no --out is given; default <home>/summaries.jsonl.",
    )
    store_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (http://host:port); when set, used instead of store_dir.",
    )
    collection: str = Field(default="papers", description="Name prefix of the Chroma collections.")
    corpus: list[Path] = Field(
        default_factory=lambda: [REPO_DIR / "data" / "hf-daily-papers"],
        description="Files or folders indexed on first use when the store is empty.",
    )
    embed_model: str = Field(
        default=DEFAULT_MODEL,
        description="sentence-transformers model id or path; 'default' is the bundled all-MiniLM-L6-v2.",
    )
    embed_backend: EmbedBackend = Field(
        default="onnx-int8",
        description="What runs the embedding model: onnx-int8 (ONNX Runtime, int8 weights), onnx "
        "(ONNX Runtime, fp32) or torch (sentence-transformers). onnx-int8 is the default because "
        "it alone meets both bars on the 2-core CPU: median per-chunk cosine to torch 0.9973 "
        "(min 0.9935) and dense recall@5 / MRR no lower than torch's on dev and both held-out "
        "list sets (`python -m bench.embed_quality`), at 2.8-3.0x torch's ingest throughput where "
        "fp32 ONNX reaches 1.8x (`python -m bench.embed_speed`, two runs). Models the ONNX export cannot "
        "take (not a local BERT-like sentence-transformers folder) run on torch.",
    )
    llm_model: str = Field(
        default=DEFAULT_MODEL,
        description="HF model id, local folder or .gguf file; 'default' is the bundled SmolLM2-135M-Instruct GGUF.",
    )
    llm_url: str | None = Field(
        default=None,
        description="OpenAI-compatible server (vLLM, TGI, llama.cpp server): http://host:port/v1; "
        "when set, llm_model names the served model and nothing is loaded locally.",
    )
    llm_api_key: str | None = Field(default=None, description="Bearer token for llm_url, if any.")
    llm_gguf_file: str | None = Field(
        default=None, description="GGUF file name inside llm_model when it is a folder or hub id."
    )
    judge_model: str | None = Field(
        default=None,
        description="Cross-encoder that checks answers and ranks list entries, by Hugging Face id "
        "or local folder: an NLI model scores P(entailment), a one-output reranker a sigmoid. "
        "Unset: the embedded judge (MiniLM similarity plus word and number agreement).",
    )
    judge_threshold: float | None = Field(
        default=None,
        ge=0.0,
        le=1.0,
        description="Judge score at which a sentence counts as supported (default: 0.72 for the "
        "embedded judge, calibrated on eval/judge_labels.jsonl; 0.5 for a cross-encoder).",
    )
    device: str = Field(
        default="auto", description="auto (CUDA when available, else CPU), cpu, cuda, cuda:N."
    )
    max_new_tokens: int = Field(default=160, ge=1, description="Generation budget per answer.")
    chunk_tokens: int = Field(
        default=96,
        ge=16,
        description="Chunk size in embedding-model tokens (small = precise citations).",
    )
    chunk_overlap: int = Field(
        default=16, ge=0, description="Tokens shared by neighbouring chunks."
    )
    top_k: int = Field(
        default=6, ge=1, description="Papers put in front of the model per question."
    )
    candidates: int = Field(
        default=40,
        ge=1,
        description="Chunks each retriever (dense, lexical) returns before fusion.",
    )
    abstain_similarity: float = Field(
        default=0.45,
        description="Abstain when no chunk is closer to the question than this cosine. Depends on "
        "the embedding model; 0.45 is calibrated for all-MiniLM-L6-v2 on eval/questions/dev.jsonl.",
    )
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    prompts_dir: Path = Field(
        default=REPO_DIR / "prompts", description="Folder holding the Jinja prompt templates."
    )

    def store_path(self) -> Path:
        """Where the persistent Chroma store lives."""
        return self.store_dir or self.home / "store"

    def summaries_path(self) -> Path:
        """The summaries file shared by the UI and `assistant summarize`."""
        return self.summaries_file or self.home / "summaries.jsonl"

    def weights_cache(self) -> Path:
        """Where converted (dequantized) model weights are cached."""
        return self.models_dir or self.home / "models"
