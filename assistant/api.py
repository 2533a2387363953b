"""The Assistant: settings and the components built from them, loaded on first use and kept warm.

Questions travel through `assistant.pipeline`; summaries through `assistant.summaries`. The
Assistant only holds what they share (it satisfies `assistant.services.Services`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .settings import Settings

# The components' modules are imported where they are first used: `assistant ask` through a
# running server, and `--help`, need none of them (see tests/unit/test_cold_cli.py).
if TYPE_CHECKING:
    from .catalog import Catalog
    from .chunking import Splitter
    from .embeddings import Embedder
    from .filters import Filters
    from .generation import Generator
    from .index import DenseIndex
    from .ingest import IngestReport
    from .judge import Judge
    from .retrieval import Retriever
    from .sources.library import MissingAbstract
    from .store import Store
    from .types import Answer, Paper, Source, Summary


class Assistant:
    """Ask cited questions over a store of abstracts. Components load on first use."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        embedder: Embedder | None = None,
        generator: Generator | None = None,
        judge: Judge | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._embedder, self._generator, self._judge = embedder, generator, judge
        self._store: Store | None = None
        self._index: DenseIndex | None = None
        self._retriever: Retriever | None = None
        self._catalog: Catalog | None = None
        self._lock = threading.RLock()

    # -- components, loaded lazily and kept warm -----------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                from .embeddings import make_embedder

                s = self.settings
                self._embedder = make_embedder(
                    s.embed_model, s.embed_backend, s.weights_cache(), device="cpu"
                )
            return self._embedder

    @property
    def generator(self) -> Generator:
        with self._lock:
            if self._generator is None:
                s = self.settings
                if s.llm_url:
                    from .remote import OpenAIGenerator

                    self._generator = OpenAIGenerator(s.llm_url, s.llm_model, api_key=s.llm_api_key)
                else:
                    from .generation import TransformersGenerator

                    self._generator = TransformersGenerator(
                        s.llm_model, s.llm_gguf_file, s.device, cache_dir=s.weights_cache()
                    )
            return self._generator

    @property
    def generator_loaded(self) -> bool:
        """Whether the language model has been loaded (or given) yet."""
        return self._generator is not None

    @property
    def judge(self) -> Judge:
        with self._lock:
            if self._judge is None:
                from .judge import DEFAULT_THRESHOLD, CrossEncoderJudge, EmbeddingJudge

                s = self.settings
                if s.judge_model:
                    from .embeddings import PairClassifier

                    # "auto" leaves the choice to sentence-transformers: the GPU when there is one.
                    device = None if s.device == "auto" else s.device
                    classifier = PairClassifier(s.judge_model, device=device)
                    threshold = 0.5 if s.judge_threshold is None else s.judge_threshold
                    self._judge = CrossEncoderJudge(classifier, threshold)
                else:
                    threshold = (
                        DEFAULT_THRESHOLD if s.judge_threshold is None else s.judge_threshold
                    )
                    self._judge = EmbeddingJudge(self.embedder, threshold)
            return self._judge

    @property
    def store(self) -> Store:
        with self._lock:
            if self._store is None:
                from .index import DenseIndex
                from .store import Store

                s = self.settings
                self._store = Store(
                    self.embedder.name,
                    path=s.store_path(),
                    url=s.store_url,
                    prefix=s.collection,
                    embed_backend=self.embedder.backend,
                )
                self._index = DenseIndex(self._store.chunks)
            return self._store

    @property
    def index(self) -> DenseIndex:
        self.store  # noqa: B018 - opening the store creates the index
        assert self._index is not None
        return self._index

    @property
    def catalog(self) -> Catalog:
        """The listing details of the stored papers, rebuilt from the store when they differ."""
        with self._lock:
            if self._catalog is None:
                from .catalog import Catalog

                self.ensure_corpus()
                catalog = Catalog(self.settings.catalog_path())
                if catalog.count() != self.store.count()[0]:
                    catalog.rebuild(self.store.all_papers())
                self._catalog = catalog
            return self._catalog

    @property
    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
                from .retrieval import Retriever

                self.ensure_corpus()
                s = self.settings
                self._retriever = Retriever(
                    self.index.query,
                    self.embedder.embed_query,
                    self.store.all_chunks(),
                    s.candidates,
                    s.rrf_k,
                )
            return self._retriever

    # -- corpus --------------------------------------------------------------------------------
    def recipe(self) -> str:
        """What decides a paper's stored chunks and vectors: embedding model and chunk sizes."""
        s = self.settings
        return f"{self.embedder.name}|{s.chunk_tokens}|{s.chunk_overlap}"

    def splitter(self) -> Splitter:
        """How abstracts are cut into chunks: sentence-aware, sized in the embedder's tokens."""
        from .index import make_splitter

        s = self.settings
        return make_splitter(s.chunk_tokens, s.chunk_overlap, self.embedder.tokenize)

    def ingest(
        self,
        paths: Iterable[str | Path],
        *,
        skip_bad: bool = False,
        progress: bool = True,
        missing_abstract: MissingAbstract | None = None,
    ) -> IngestReport:
        """Add or update the papers in these files or folders; unchanged papers are not re-embedded.

        Library entries without an abstract are indexed by title ("title") or skipped ("skip");
        default: the `missing_abstract` setting.
        """
        from .ingest import ingest_paths

        with self._lock:
            s = self.settings
            report = ingest_paths(
                paths,
                self.store,
                self.index,
                self.embedder,
                self.splitter(),
                self.recipe(),
                skip_bad=skip_bad,
                progress=progress,
                max_abstract_chars=s.limits.abstract_chars,
                missing_abstract=missing_abstract or s.missing_abstract,
            )
            self._retriever = None  # rebuilt with the new chunks on next use
            self._catalog = None  # brought up to date with the store on next use
            return report

    def ensure_corpus(self, progress: bool = True) -> IngestReport | None:
        """Index the configured corpus when the store is empty (first use on a fresh machine)."""
        with self._lock:
            if self.store.count()[0] > 0:
                return None
            return self.ingest(self.settings.corpus, progress=progress)

    def papers(self) -> list[Paper]:
        """Every stored paper, by title."""
        self.ensure_corpus()
        return self.store.all_papers()

    def paper(self, paper_id: str) -> Paper | None:
        """One stored paper, or None."""
        return self.store.get_papers([paper_id]).get(paper_id)

    def get_papers(self, paper_ids: Iterable[str]) -> dict[str, Paper]:
        """The stored papers with these ids."""
        return self.store.get_papers(paper_ids)

    def status(self) -> dict[str, object]:
        """What is loaded and how much is stored (for `assistant doctor` and the UI)."""
        papers, chunks = self.store.count()
        generator = self._generator
        return {
            "embed_model": self.embedder.name,
            "embed_backend": self.embedder.backend,
            "llm_model": generator.name if generator else self.settings.llm_model + " (not loaded)",
            "device": generator.device if generator else self.settings.device,
            "store": self.store.location,
            "papers": papers,
            "chunks": chunks,
        }

    # -- questions -----------------------------------------------------------------------------
    def retrieve(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: Filters | None = None,
        candidates: int | None = None,
    ) -> list[Source]:
        """The papers most relevant to a question, best first, with their best passages."""
        return self.retriever.retrieve(question, top_k or self.settings.top_k, filters, candidates)

    def rarity(self, term: str) -> float:
        """How rare a word is in the indexed chunks (BM25 idf): rarer words weigh more in a topic."""
        return self.retriever.bm25.rarity(term)

    def stream(
        self, question: str, *, filters: Filters | None = None, show_all: bool = False
    ) -> Iterator[str | Answer]:
        """Yield generated text as it comes, then the checked, cited Answer."""
        from . import pipeline

        return pipeline.run(self, question, filters=filters, show_all=show_all)

    def ask(
        self, question: str, *, filters: Filters | None = None, show_all: bool = False
    ) -> Answer:
        """Answer a question with citations checked against the abstracts."""
        from . import pipeline

        return pipeline.answer(self, question, filters=filters, show_all=show_all)

    def summarize(
        self, papers: Sequence[Paper] | None = None, out: str | Path | None = None, **options: Any
    ) -> list[Summary]:
        """Summarize papers (default: all), each with a support score; resumable when `out` is set."""
        from .summaries import summarize, summarize_batch

        chosen = list(papers) if papers is not None else self.papers()
        if out is None:
            return summarize_batch(self, chosen)
        return summarize(self, chosen, Path(out), **options)


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The process-wide Assistant on default settings, created on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
        return _default


def set_default_assistant(assistant: Assistant | None) -> None:
    """Make `ask()`, `summarize()`, the CLI and the UI use this Assistant (None: a fresh default
    on next use). For embedding the assistant in another program, and for tests."""
    global _default
    with _default_lock:
        _default = assistant


def summarize(
    papers: Sequence[Paper] | None = None, out: str | Path | None = None, **options: Any
) -> list[Summary]:
    """Summarize papers of the default store (all of them unless `papers` is given)."""
    return default_assistant().summarize(papers, out, **options)


def ask(question: str, **options: Any) -> Answer:
    """Answer a question over the default store (indexing the bundled corpus on first use)."""
    return default_assistant().ask(question, **options)
