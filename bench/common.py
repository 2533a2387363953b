"""What the benchmark sections share: the run's settings, the temporary folder, timing helpers."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "hf-daily-papers"
QUESTIONS = REPO / "eval" / "questions" / "dev.jsonl"

# The benchmark never reaches a hub or phones home, like the tests.
OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}


def offline() -> None:
    """Set the offline environment for this process and its children."""
    os.environ.update(OFFLINE_ENV)


def models_dir() -> Path:
    """The warm cache of converted weights: ASSISTANT_MODELS_DIR, else the one the tests use."""
    return Path(os.environ.get("ASSISTANT_MODELS_DIR") or REPO / ".cache" / "models")


def questions(n: int) -> list[str]:
    """n questions from the dev set, cycled when it holds fewer."""
    rows = [json.loads(line) for line in QUESTIONS.read_text().splitlines() if line.strip()]
    found = [r["question"] for r in rows]
    return [found[i % len(found)] for i in range(n)]


class Stopwatch:
    """`with Stopwatch() as t: ...` then `t.seconds`."""

    seconds: float = 0.0

    def __enter__(self) -> Stopwatch:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self._start


def load_average() -> str:
    """The 1-minute load average, which says how noisy the timings were."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:  # pragma: no cover - not on every platform
        return "n/a"


@dataclass
class Run:
    """One benchmark run: its mode, its temporary folder, and what sections hand to later ones."""

    tmp: Path
    quick: bool = False
    full: bool = False
    shared: dict[str, Any] = field(default_factory=dict)

    def corpus(self) -> list[Path]:
        """The bundled corpus; one of its files (about a fifth) in a quick run."""
        return sorted(CORPUS.glob("*.txt"))[:1] if self.quick else [CORPUS]

    def pick(self, quick: Any, normal: Any, full: Any | None = None) -> Any:
        """A size or count for this mode."""
        if self.quick:
            return quick
        return normal if full is None or not self.full else full


def corpus_chunks(corpus: list[Path], tokenize: Any) -> tuple[list[Any], list[str], list[str]]:
    """(papers, each chunk's paper id, each chunk's embedding text), chunked as ingest does.

    `tokenize` is the embedding model's tokenizer (chunk sizes are counted in its tokens).
    """
    from assistant.chunking import chunk_paper, embedding_text
    from assistant.index import make_splitter
    from assistant.settings import Settings
    from assistant.sources import read_corpus

    settings = Settings()
    split = make_splitter(settings.chunk_tokens, settings.chunk_overlap, tokenize)
    papers = read_corpus(corpus).papers
    chunks = [c for p in papers for c in chunk_paper(p, split)]
    return papers, [c.paper_id for c in chunks], [embedding_text(c) for c in chunks]
