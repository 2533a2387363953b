"""The Assistant: one object holding the store, models and retriever warm across questions."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .answer import Context, abstain, stream_answer
from .citations import without_instructions
from .embeddings import Embedder, PairClassifier, SentenceTransformerEmbedder
from .errors import AssistantError
from .generation import Generator, TransformersGenerator
from .index import DenseIndex, make_splitter
from .ingest import IngestReport, ingest_paths
from .intents import names_in, parse_intent, premise_of, unmentioned
from .judge import DEFAULT_THRESHOLD, CrossEncoderJudge, EmbeddingJudge, Judge
from .prompts import render
from .retrieval import Filters, Retriever
from .settings import Settings
from .store import Store
from .structured import (
    LIST_CANDIDATES,
    STRUCTURED,
    contradicted_premise,
    false_premise_answer,
    states_a_number,
)
from .types import Answer, Paper, Source

History = Sequence[tuple[str, str]]


MAX_QUESTION_CHARS = 2_000  # ~400 tokens: a question, not a document; the abstracts need the room


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
        self._lock = threading.RLock()

    # -- components, loaded lazily and kept warm -----------------------------------------------
    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = SentenceTransformerEmbedder(self.settings.embed_model)
            return self._embedder

    @property
    def generator(self) -> Generator:
        with self._lock:
            if self._generator is None and (url := self.settings.llm_url):
                from .remote import OpenAIGenerator

                s = self.settings
                self._generator = OpenAIGenerator(url, s.llm_model, api_key=s.llm_api_key)
            if self._generator is None:
                s = self.settings
                self._generator = TransformersGenerator(
                    s.llm_model, s.llm_gguf_file, s.device, cache_dir=s.weights_cache()
                )
            return self._generator

    @property
    def judge(self) -> Judge:
        with self._lock:
            if self._judge is None:
                s = self.settings
                if s.judge_model:
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
                s = self.settings
                self._store = Store(
                    self.embedder.name, path=s.store_path(), url=s.store_url, prefix=s.collection
                )
                self._index = DenseIndex(self._store.chunks)
            return self._store

    @property
    def index(self) -> DenseIndex:
        self.store  # noqa: B018 - opening the store creates the index
        assert self._index is not None
        return self._index

    def _recipe(self) -> str:
        s = self.settings
        return f"{self.embedder.name}|{s.chunk_tokens}|{s.chunk_overlap}"

    def _splitter(self):
        s = self.settings
        return make_splitter(s.chunk_tokens, s.chunk_overlap, self.embedder.tokenize)

    # -- corpus --------------------------------------------------------------------------------
    def ingest(
        self, paths: Iterable[str | Path], *, skip_bad: bool = False, progress: bool = True
    ) -> IngestReport:
        """Add or update the papers in these files or folders; unchanged papers are not re-embedded."""
        with self._lock:
            report = ingest_paths(
                paths,
                self.store,
                self.index,
                self.embedder,
                self._splitter(),
                self._recipe(),
                skip_bad=skip_bad,
                progress=progress,
            )
            self._retriever = None  # rebuilt with the new chunks on next use
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

    def status(self) -> dict[str, object]:
        """What is loaded and how much is stored (for `assistant doctor` and the UI)."""
        papers, chunks = self.store.count()
        generator = self._generator
        return {
            "embed_model": self.embedder.name,
            "llm_model": generator.name if generator else self.settings.llm_model + " (not loaded)",
            "device": generator.device if generator else self.settings.device,
            "store": self.store.location,
            "papers": papers,
            "chunks": chunks,
        }

    # -- questions -----------------------------------------------------------------------------
    @property
    def retriever(self) -> Retriever:
        with self._lock:
            if self._retriever is None:
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

    def _messages(self, context: Context) -> list[dict[str, str]]:
        from .answer import CANNOT_ANSWER_PHRASE

        folder = self.settings.prompts_dir
        # Abstracts are untrusted: sentences addressed to the model never reach it.
        shown = [
            {
                "title": s.title,
                "passages": [{"text": without_instructions(p.text)} for p in s.passages],
            }
            for s in context.sources
        ]
        return [
            {
                "role": "system",
                "content": render(folder, "answer_system", cannot_answer=CANNOT_ANSWER_PHRASE),
            },
            {
                "role": "user",
                "content": render(folder, "answer_user", question=context.question, sources=shown),
            },
        ]

    def stream(
        self, question: str, *, filters: Filters | None = None, show_all: bool = False
    ) -> Iterator[str | Answer]:
        """Yield generated text as it comes, then the checked, cited Answer."""
        question = " ".join(question.split())
        if not question:
            raise AssistantError("the question is empty: type a question about the papers")
        if len(question) > MAX_QUESTION_CHARS:
            # Longer text would crowd the abstracts out of the model's context window.
            raise AssistantError(
                f"the question is {len(question):,} characters long; keep it under "
                f"{MAX_QUESTION_CHARS:,} (ask about one thing at a time)"
            )
        if not any(c.isalnum() for c in question):
            # "?!" retrieves whatever shares its noise; better to say so than cite a random paper.
            raise AssistantError(
                f"the question {question[:40]!r} has no words: type a question about the papers"
            )
        intent = parse_intent(question)
        if intent.kind in STRUCTURED:
            # Lists and metadata questions scan many papers, not the top few.
            sources = self.retrieve(
                intent.topic or question,
                top_k=LIST_CANDIDATES,
                filters=filters,
                candidates=LIST_CANDIDATES * 5,
            )
            papers = self.store.get_papers(s.paper_id for s in sources)
            yield STRUCTURED[intent.kind](
                question,
                intent,
                sources,
                papers,
                self.judge,
                self.settings.abstain_similarity,
                rarity=self.retriever.bm25.rarity,
            )
            return
        sources = self.retrieve(question, filters=filters)
        papers = self.store.get_papers(s.paper_id for s in sources)
        context = Context(question, sources, papers)
        if intent.quantity and sources and not states_a_number(intent, context):
            yield abstain(context)  # it asks for a number no retrieved abstract states
            return
        missing = unmentioned(
            names_in(question), [p.title + " " + p.abstract for p in papers.values()]
        )
        if sources and missing:
            # "What did AlexNet reach?" over abstracts that never name AlexNet: any answer would
            # be about some other model.
            yield abstain(context, f"None of the closest abstracts mentions {', '.join(missing)}.")
            return
        premise = premise_of(question)
        contradiction = premise and contradicted_premise(premise, context, self.judge)
        if contradiction:
            yield false_premise_answer(context, *contradiction)
            return
        yield from stream_answer(
            context,
            self._messages,
            self.generator,
            self.judge,
            self.settings.max_new_tokens,
            show_all=show_all,
            abstain_below=self.settings.abstain_similarity,
        )

    def ask(
        self, question: str, *, filters: Filters | None = None, show_all: bool = False
    ) -> Answer:
        """Answer a question with citations checked against the abstracts."""
        for item in self.stream(question, filters=filters, show_all=show_all):
            if isinstance(item, Answer):
                return item
        raise RuntimeError("the answer pipeline ended without an answer")  # pragma: no cover

    def summarize(
        self, papers: Sequence[Paper] | None = None, out: str | Path | None = None, **options
    ) -> list[dict]:
        """Summarize papers (default: all), each with a support score; resumable when `out` is set."""
        from .summaries import summarize, summarize_paper

        chosen = list(papers) if papers is not None else self.papers()
        if out is None:
            return [dict(summarize_paper(self, paper)) for paper in chosen]
        return [dict(r) for r in summarize(self, chosen, Path(out), **options)]


_default: Assistant | None = None
_default_lock = threading.Lock()


def default_assistant() -> Assistant:
    """The process-wide Assistant on default settings, created on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Assistant()
        return _default


def summarize(
    papers: Sequence[Paper] | None = None, out: str | Path | None = None, **options
) -> list[dict]:
    """Summarize papers of the default store (all of them unless `papers` is given)."""
    return default_assistant().summarize(papers, out, **options)


def ask(question: str, **options) -> Answer:
    """Answer a question over the default store (indexing the bundled corpus on first use)."""
    return default_assistant().ask(question, **options)
