"""One Settings object: every knob with a default, a description, and an ASSISTANT_* env override."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .resources import corpus_dir, prompts_dir

DEFAULT_MODEL = "default"  # the embedded model of each kind, found in site-packages
EmbedBackend = Literal["onnx-int8", "onnx", "torch"]


def _default_home() -> Path:
    return Path.home() / ".cache" / "paper-assistant"


class _Group(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ListSettings(_Group):
    """How "which papers ..." questions choose their papers (`assistant/structured.py`).

    A paper's fit is the mean of its best chunk's similarity to the topic and the judge's
    relevance of its best abstract sentence, plus `terms_weight` x the rarity-weighted share of
    the topic's words it contains. Chosen with `python eval/list_rule.py` on the dev set's 24
    list questions (whole list recall 0.90 at precision 0.66, sure part 0.81 at 0.80), and
    checked once on 20 unseen ones (eval/questions/heldout-lists-b.jsonl: 0.88 at 0.60, sure
    part 0.66 at 0.83).
    """

    sure_by: Literal["model", "fit"] = Field(
        default="model",
        description="How a list decides which papers it states as matches: 'model', the list "
        "model's probability (`assistant/list_model.py`, >= sure_p; the best-fitting paper "
        "always); 'fit', a cut on the fit (sure_at, sure_z).",
    )
    sure_p: float = Field(
        default=0.35,
        gt=0,
        lt=1,
        description="With sure_by 'model': stated as a match when the list model gives a paper "
        "at least this probability of being on the topic. Chosen by leave-one-set-out "
        "cross-validation over the list questions of the seen files (`eval/list_cases.SEEN`; "
        "`python eval/train_list_model.py --home DIR`): the logistic model on 566, 0.83 at 0.82 "
        "at 0.3, 0.81 at 0.85 at 0.35, 0.80 at 0.86 at 0.4; the tree ensemble that replaced it "
        "on 599 (fresh-38, fresh-39 added), 0.84 at 0.84 at 0.3, 0.82 at 0.85 at 0.35, 0.81 at "
        "0.87 at 0.4. The fit rule (sure_by 'fit') gives 0.78 at 0.83.",
    )
    sure_at: float = Field(
        default=0.82, gt=0, le=1, description="Listed as a match at >= this x the best fit."
    )
    sure_z: float = Field(
        default=1.75,
        gt=0,
        description="Also listed as a match when its fit is this many standard deviations "
        "above the mean fit of the scanned papers. On the dev set's 24 list questions: sure "
        "recall 0.85 at sure precision 0.82, against 0.79 at 0.82 without it; a higher sure_at "
        "with it (0.9: 0.85 at 0.85) drops the README's learning-rate papers, a broad topic "
        "whose many papers all sit close to the best (`python eval/list_rule.py --set "
        "sure_at=0.82,0.9 --set sure_z=1.6,1.75,99`).",
    )
    maybe_at: float = Field(
        default=0.70, gt=0, le=1, description="Offered as a weaker match down to this x."
    )
    terms_weight: float = Field(
        default=0.1, ge=0, description="Weight of the topic's rarity-weighted words in the fit."
    )
    phrase_weight: float = Field(
        default=0.0, ge=0, description="Bonus for having the topic's key phrase ('learning rate')."
    )
    density_weight: float = Field(
        default=0.1, ge=0, description="Bonus x the share of a paper's sentences with that phrase."
    )
    phrase_words: int = Field(
        default=3,
        ge=0,
        description="A topic of at most this many words (after its verb) needs its key phrase "
        "in a paper for it to be a sure match; 0: never.",
    )
    title_weight: float = Field(
        default=0.0, ge=0, description="Bonus for a title that has the topic's key phrase."
    )
    verb_weight: float = Field(
        default=0.4,
        ge=0,
        description="Weight of a topic's leading verb ('tune') against its other words.",
    )
    floor: float = Field(
        default=0.5,
        description="A list needs a paper with at least this fit, else it says no indexed "
        "abstract covers the topic. The 24 dev list questions' best fits are 0.545 and up; 8 "
        "of 12 made-up topics the corpus lacks ('Which papers study music generation?') score "
        "below 0.5 (`python eval/list_rule.py`, dev set).",
    )
    facet_words: int = Field(
        default=4,
        ge=0,
        description="A topic whose facets ('parameter-efficient fine-tuning' | 'graph neural "
        "networks', `assistant/facets.py`) hold at most this many words needs one close paper "
        "(fit >= maybe_at x the best) that has every facet, else no indexed abstract covers "
        "it; 0 (and phrase_facet_words 0): never. On the seen sets' 205 list questions (`python eval/facet_rule.py "
        "eval/questions/{dev,fresh-compose,fresh-4,fresh-5,fresh-6,fresh-7,heldout-lists,"
        "heldout-lists-b,fresh-answerability,fresh-8}.jsonl`), beyond the fit floor: at 4 it "
        "declines 10 more of 55 absent topics and 4 of 150 present ones; at 6, 24 and 10 "
        "(7 of fresh-compose's 20 paraphrased lists); at 8, 29 and 31.",
    )
    phrase_facet_words: int = Field(
        default=6,
        ge=0,
        description="A longer topic, up to this many facet words, is held to the same rule when "
        "every facet is a phrase of two or more words ('neural architecture search' | 'spiking "
        "neural networks'): a one-word facet in a long topic is mostly a paraphrase's fragment "
        "('check', 'weights'). On the seen sets' 224 list questions (`python eval/facet_rule.py "
        "eval/questions/{dev,fresh-3,fresh-4,fresh-5,fresh-6,fresh-7,fresh-8,fresh-9,"
        "fresh-answerability,fresh-compose,heldout-lists,heldout-lists-b}.jsonl --phrase "
        "0,5,6,7`), beyond facet_words=4: at 6 it declines 12 more of 61 absent topics and 3 "
        "of 163 present ones; 0: never.",
    )
    phrase_facet_singles: int = Field(
        default=1,
        ge=0,
        description="How many one-word facets a topic held to phrase_facet_words may have "
        "('federated learning' | 'medical imaging' | 'hospitals'). Chosen after reading "
        "fresh-17's clean run; on the 21 seen sets' 390 list questions (`python "
        "eval/facet_rule.py eval/questions/{dev,dev-structured,fresh-3,...,fresh-16,"
        "fresh-answerability,fresh-compose,heldout-lists,heldout-lists-b,premises}.jsonl "
        "--singles 0,1`), beyond the fit floor and the rule at 0: at 1 it declines 7 more of "
        "119 absent topics and 1 of 271 present ones.",
    )
    absent_p: float = Field(
        default=0.7,
        ge=0,
        le=1,
        description="A list that the fit floor and the facet rule let through, and whose facets "
        "no close paper has together, is declined when the topic model "
        "(`assistant/topic_model.py`) gives at least this probability that no indexed abstract "
        "is on its topic; 1: never. Chosen after reading fresh-19's clean run, leaving one set "
        "out at a time over the 22 seen sets' list questions (`python "
        "eval/train_topic_model.py`): of the 40 absent and 251 present topics the other rules "
        "let through, it declines 14 absent and no present one at 0.7 (18 and 0 at 0.6, 18 and "
        "1 at 0.5, 13 and 0 at 0.8). Retrained on the 33 seen files when hyphenated words "
        "came to match their inflections (58 absent, 401 present topics left to it): 31 absent "
        "and 2 present (fresh-29 j20, heldout-lists h15) at 0.7, 22 and 0 at 0.8.",
    )
    scan: int = Field(default=60, ge=1, description="Best-ranked papers whose fit is computed.")
    max_papers: int = Field(default=15, ge=1, description="Most papers in one list.")
    max_weaker: int = Field(
        default=3,
        ge=0,
        description="Most papers a list offers as weaker matches (dev lists: whole-list "
        "precision 0.70 at recall 0.89 with 3, 0.65 at 0.90 with 5; `python eval/list_rule.py`).",
    )
    candidates: int = Field(
        default=60,
        ge=1,
        description="Papers retrieved per list or metadata question (the bundled corpus is ~400).",
    )


class AbstentionSettings(_Group):
    """When an answer says the abstracts do not answer (`assistant/guards.py`, `answer.py`)."""

    min_similarity: float = Field(
        default=0.35,
        description="Abstain at once when no chunk is closer to the question than this cosine "
        "(all-MiniLM-L6-v2); whether the closest paper answers is decided per ask after that. "
        "On eval/questions/dev.jsonl 0.30, 0.35 and 0.40 give the same answers (abstention "
        "0.85, false abstention 0.00); 0.45, the old value, refused 'what is einspace?' "
        "(0.41).",
    )
    premise_on_topic: float = Field(
        default=0.3,
        description="Judge score above which an abstract sentence is about a question's premise "
        "(dev set: on-topic outcome sentences score 0.3-0.45).",
    )
    premise_reversal_on_topic: float = Field(
        default=0.2,
        description="A sentence that reverses a change or a comparison the premise states "
        "('lower training loss' against 'raise the training loss', the sides of a 'more ... than' "
        "swapped) counts from this judge score: the reversal of the same thing is evidence "
        "enough, and a long premise scores low against any one sentence. Chosen on "
        "eval/questions/premises.jsonl and the seen sets (eval/README.md).",
    )
    premise_papers: int = Field(
        default=2, ge=1, description="Top papers read for a claim contradicting the premise."
    )
    number_papers: int = Field(
        default=3, ge=1, description="Top papers read for a number a question asks for."
    )


class ComposeSettings(_Group):
    """How an answer about one paper is composed from its sentences (`assistant/compose.py`)."""

    papers: int = Field(default=5, ge=1, description="Retrieved papers the answer may come from.")
    sentences: int = Field(
        default=3, ge=1, description="Most abstract sentences in an answer (each ask gets one)."
    )
    max_words: int = Field(
        default=90, ge=20, description="Sentences beyond the asks' own stop at this many words."
    )
    answer_floor: float = Field(
        default=0.45, description="Score a sentence needs to count as answering an ask."
    )
    general_floor: float = Field(
        default=0.25,
        description="The floor for a general ask ('how does X work?') when the paper has at least "
        "half its words, rarity-weighted: such answers paraphrase the question.",
    )
    fill_floor: float = Field(
        default=0.45, description="Score a further sentence needs to be added beyond the asks'."
    )
    other_paper_margin: float = Field(
        default=0.15,
        description="Another paper answers an ask the chosen one cannot only when its sentence "
        "scores this much above the floor.",
    )
    other_paper_identity: float = Field(
        default=0.8,
        description="...and only when its text holds at least this share of the question's "
        "identifying words that the chosen paper's holds: a number from a paper the question "
        "does not describe is another thing's number (dev u08: GPU hours of another paper given "
        "for the MoE model asked about).",
    )
    similarity_weight: float = Field(
        default=0.5, description="Weight of retrieval similarity when choosing the paper."
    )
    name_penalty: float = Field(
        default=0.3,
        description="Taken from a paper's score, when choosing, for each name the question uses "
        "that the paper never mentions.",
    )
    unnamed_penalty: float = Field(
        default=0.15,
        description="Taken from a number's sentence that never names what the ask names.",
    )
    measure_floor: float = Field(
        default=0.5,
        description="How well a sentence must fit the measure a quantity ask names (its words or "
        "the judge's relevance) for its number to count as the answer.",
    )
    rank_penalty: float = Field(
        default=0.02, description="Score taken per retrieval rank when choosing the paper."
    )
    identity_weight: float = Field(
        default=1.0,
        description="Weight, when choosing, of the share of the question's words (rarity-"
        "weighted, the asked measures left out) that the paper's title and abstract contain: "
        "the paper the question describes, not one that merely states a number of the kind "
        "asked. Dev: right paper 45/45 factoid+summary (44 at 0), and 5 unanswerables now "
        "checked on the paper they describe.",
    )
    describe_floor: float = Field(
        default=0.43,
        description="A paper holding less than this share of the question's identifying words "
        "(rarity-weighted, `compose.description_share`) is not the paper the question "
        "describes, and no retrieved paper is: the answer says that no indexed abstract is "
        "about it. Summary requests (which paraphrase their paper) have their own floor, "
        "`summary_describe_floor`; questions naming a name in the paper's title are exempt. On the seen sets (dev, fresh-answerability, fresh-3, "
        "fresh-4, fresh-compose) the chosen paper of every answerable question held 0.47 or "
        "more, and 13 of 76 unanswerable ones (all 7 absent topics among them) 0.40 or less; "
        "the floor sits between (`python eval/describe_floor.py FILES`). With fresh-6 to "
        "fresh-9 too, and a hyphenated word found whole, by all its parts or written as one "
        "('no-thinking', 'NoThinking'): 1 of 175 answerable questions below (0.43, fresh-9 w03; "
        "before, w08 at 0.39) and 37 of 176 unanswerable ones (before, 34).",
    )
    summary_describe_floor: float = Field(
        default=0.25,
        description="`describe_floor` for a summary request, which paraphrases its paper: on "
        "the seen sets' 147 summary questions the gold paper held 0.31 or more "
        "(`compose.description_share`); a paper holding less is not the one described "
        "('Summarize the paper that uses quantum annealing to train spiking networks' of a "
        "paper on learning-rate annealing).",
    )
    lead: bool = Field(
        default=True,
        description="Let the model write a one-sentence lead from the chosen sentences; it is "
        "kept only when the check finds it supported and it adds something.",
    )
    lead_tokens: int = Field(default=48, ge=8, description="Token budget of the lead sentence.")


class LimitSettings(_Group):
    """Sizes beyond which input is refused or cut, with a message saying so."""

    question_chars: int = Field(
        default=2_000,
        ge=20,
        description="Longest question (~400 tokens): a question, not a document; the abstracts "
        "need the model's context window.",
    )
    abstract_chars: int = Field(
        default=10_000,
        ge=500,
        description="Longer abstracts are cut at a sentence end with a notice, so one huge "
        "'abstract' (a pasted full text) cannot crowd out the others in retrieval; the "
        "bundled corpus's longest is 1,920 characters.",
    )


class DigestSettings(_Group):
    """Topic digests (`assistant digest`)."""

    candidates: int = Field(default=60, ge=1, description="Papers retrieved per topic.")
    relevance: float = Field(
        default=0.60,
        ge=0,
        le=1,
        description="Judge relevance a paper needs to be in a digest; set by reading the "
        "candidates of three topics on the bundled corpus (learning-rate tuning, pooling for "
        "vision transformers, neural architecture search).",
    )
    themes: int = Field(default=6, ge=1, description="Most themes a digest groups papers into.")
    key_terms: int = Field(default=8, ge=1, description="Key terms read per paper for themes.")


class Settings(BaseSettings):
    """Everything configurable; `ASSISTANT_<FIELD>` in the environment overrides a default."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", extra="forbid"
    )

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
        default_factory=lambda: [corpus_dir()],
        description="Files or folders indexed on first use when the store is empty; default the "
        "bundled corpus, shipped inside the package.",
    )
    missing_abstract: Literal["title", "skip"] = Field(
        default="title",
        description="What ingest does with a library entry (.bib, .ris, CSL-JSON) that has no "
        "abstract: index it by its title ('title'), or leave it out ('skip'); either way it is "
        "counted in the ingest report.",
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
        "fp32 ONNX reaches 1.8x (`python -m bench.embed_speed`, two runs). int8 embeds each text "
        "alone, so its vector never depends on the texts beside it (answers do not change with "
        "the questions asked before): 3.6x torch's throughput against fp32's 3.3x in one "
        "`python -m bench.embed_speed --quick` run under load. Models the ONNX export cannot "
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
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal-rank-fusion constant.")
    prompts_dir: Path = Field(
        default_factory=prompts_dir,
        description="Folder holding the Jinja prompt templates; default the ones shipped inside "
        "the package.",
    )
    lists: ListSettings = Field(default_factory=ListSettings)
    abstention: AbstentionSettings = Field(default_factory=AbstentionSettings)
    compose: ComposeSettings = Field(default_factory=ComposeSettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    digest: DigestSettings = Field(default_factory=DigestSettings)

    def store_path(self) -> Path:
        """Where the persistent Chroma store lives."""
        return self.store_dir or self.home / "store"

    def summaries_path(self) -> Path:
        """The summaries file shared by the UI and `assistant summarize`."""
        return self.summaries_file or self.home / "summaries.jsonl"

    def catalog_path(self) -> Path:
        """The SQLite catalog of the papers' listing details, beside the store."""
        if self.store_url:
            return self.home / f"catalog-{self.collection}.sqlite3"
        store = self.store_path()
        return store.with_name(store.name + ".catalog.sqlite3")

    def weights_cache(self) -> Path:
        """Where converted (dequantized) model weights are cached."""
        return self.models_dir or self.home / "models"
