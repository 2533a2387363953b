"""Composing an answer from the asks of a question: table-driven over small made-up abstracts,
with a judge that reads words (deterministic), no models."""

from __future__ import annotations

import pytest

from assistant.asks import parse_asks
from assistant.compose import compose, measure_fit
from assistant.quantities import only_relative, quantity_numbers, states_none, states_value
from assistant.settings import ComposeSettings
from assistant.types import Abstention, Paper, Source
from tests.fakes import WordJudge

SETTINGS = ComposeSettings(answer_floor=0.3, general_floor=0.2, fill_floor=0.9)
PRUNING = Paper(
    "prune",
    "SparseLlama: Pruning Large Language Models",
    "Pruning large language models remains under-explored and challenging. "
    "We propose SparseLlama, which prunes half of the weights of large language models. "
    "SparseLlama was trained on 8 GPUs for two days. "
    "Compared with SparseGPT, SparseLlama keeps 3 points more accuracy on MMLU.",
)
POOLING = Paper(
    "pool",
    "Tiny Pooling",
    "We study pooling layers for tiny vision transformers on small image benchmarks. "
    "Our pooling improves top-1 accuracy by 2.1% over average pooling on CIFAR-10.",
)
PAPERS = {p.paper_id: p for p in (PRUNING, POOLING)}


def sources(*ids: str) -> list[Source]:
    return [Source(i, PAPERS[i].title, 1.0 / (n + 1), similarity=0.5) for n, i in enumerate(ids)]


def run(question: str, *ids: str):
    return compose(parse_asks(question), sources(*ids), PAPERS, WordJudge(), SETTINGS)


def about(paper: Paper, question: str, similarity: float = 0.6, settings=SETTINGS):
    """The composition of a question over one paper, the only one retrieved."""
    source = [Source(paper.paper_id, paper.title, 1.0, similarity=similarity)]
    return compose(parse_asks(question), source, {paper.paper_id: paper}, WordJudge(), settings)


def over(question: str, *retrieved: tuple[Paper, float, float]):
    """The composition of a question over papers retrieved in this order, each with its
    (score, similarity)."""
    ranked = [Source(p.paper_id, p.title, score, similarity=sim) for p, score, sim in retrieved]
    papers = {p.paper_id: p for p, _, _ in retrieved}
    return compose(parse_asks(question), ranked, papers, WordJudge(), SETTINGS)


@pytest.mark.parametrize(
    ("question", "order", "stated", "not_stated", "missing"),
    [
        # Three asks, three sentences of one abstract, in abstract order (before: the one
        # sentence that named the method).
        (
            "Which method prunes large language models, how many GPUs was it trained on, and "
            "how did it compare with SparseGPT?",
            ("prune", "pool"),
            ["We propose SparseLlama", "8 GPUs", "Compared with SparseGPT"],
            ["under-explored"],  # the set-up, not a finding
            0,
        ),
        # The paper that answers the asks wins over the first-ranked one.
        (
            "How many GPUs was SparseLlama trained on?",
            ("pool", "prune"),
            ["8 GPUs"],
            ["Tiny Pooling", "CIFAR-10"],  # no padding with the other paper
            0,
        ),
        # What the abstract does not give is said, the rest answered.
        (
            "How many GPUs was SparseLlama trained on, and what learning rate did it use?",
            ("prune", "pool"),
            ["8 GPUs"],
            [],
            1,
        ),
    ],
)
def test_composition(question, order, stated, not_stated, missing):
    composition = run(question, *order)
    text = " ".join(p.candidate.sentence for p in composition.picks)
    for fact in stated:
        assert fact in text
    for thing in not_stated:
        assert thing not in text
    indexes = [p.candidate.index for p in composition.picks]
    assert indexes == sorted(indexes)  # abstract order
    assert len(composition.missing) == missing


def test_a_name_the_paper_never_uses_is_not_answered_about_another():
    composition = run("What top-1 accuracy did AlexNet reach on CIFAR-10?", "pool", "prune")
    assert composition.picks == ()
    assert composition.reason == Abstention.UNKNOWN_NAME and "AlexNet" in composition.unknown


def test_a_change_does_not_answer_a_question_about_a_level():
    composition = run("What absolute top-1 accuracy does tiny pooling reach?", "pool")
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_number_on_another_benchmark_does_not_answer():
    paper = Paper(
        "bench",
        "SparseLlama",
        "We propose SparseLlama, which prunes large language models. "
        "We evaluate it on MMLU and GSM8K. "
        "SparseLlama keeps 3 points more accuracy than SparseGPT on MMLU.",
    )
    question = "How many points more accuracy than SparseGPT does SparseLlama keep on GSM8K?"
    composition = about(paper, question, similarity=0.5)
    assert all("3 points" not in p.candidate.sentence for p in composition.picks)
    assert composition.missing  # the abstract gives MMLU's figure, not GSM8K's


def test_a_benchmark_named_in_capitalized_words_the_paper_never_uses_is_not_answered():
    # fresh-22 u59, read after its clean run: the ImageNet-1K accuracy answered a question on
    # the Long Range Arena benchmark, a name written in capitalized words.
    paper = Paper(
        "poolformer",
        "MetaFormer Is Actually What You Need for Vision",
        "We replace attention with simple spatial pooling, which we call PoolFormer. "
        "PoolFormer captures long-range dependencies on a vision benchmark. "
        "On ImageNet-1K, PoolFormer achieves 82.1% top-1 accuracy.",
    )
    question = "What accuracy does PoolFormer reach on the Long Range Arena benchmark?"
    composition = about(paper, question)
    assert composition.picks == () and composition.reason == Abstention.UNKNOWN_NAME
    assert composition.unknown == ("Long Range Arena",)
    answered = about(paper, "What accuracy does PoolFormer reach on ImageNet-1K?")
    assert "82.1%" in answered.picks[0].candidate.sentence


@pytest.mark.parametrize(
    ("abstract", "question"),
    [
        # A level compared with nothing does not answer a change (premises p48, read after
        # its clean run: "of only 0.346" answered "by how many points does it improve").
        (
            "We present ThinkRetriever, which generates thoughts before retrieving to improve "
            "over retrieval baselines. "
            "ThinkRetriever reaches the highest average nDCG@10 of only 0.346 across all tasks.",
            "By how many nDCG@10 points does ThinkRetriever improve over its baselines?",
        ),
        # A validation loss is a value asked for; model sizes and "32times" are not one
        # (fresh-15 m61, read after its clean run).
        (
            "We study over-training in scaling laws. This enables us to predict the validation "
            "loss of a 1.4B parameter run (i.e., 32times over-trained).",
            "What exact validation loss did the over-training scaling study predict?",
        ),
        # A model's parameters give no batch size (fresh-12 g60, read after its clean run).
        (
            "We propose a measure of critical batch size and pre-train language models, "
            "ranging from 85 million to 1.2 billion parameters, on the C4 dataset.",
            "What critical batch size did the study measure on C4?",
        ),
    ],
)
def test_a_number_of_another_kind_than_the_one_asked_does_not_answer(abstract, question):
    composition = about(Paper("p", "A study", abstract), question)
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_change_asked_for_is_answered_by_a_level_compared_with_another():
    paper = Paper(
        "p",
        "ThinkRetriever",
        "We present ThinkRetriever, which generates thoughts before retrieving. "
        "ThinkRetriever reaches 0.346 nDCG@10 compared with 0.301 for its baselines.",
    )
    question = "By how many nDCG@10 points does ThinkRetriever improve over its baselines?"
    assert "0.346" in about(paper, question).picks[0].candidate.sentence


def test_a_measure_named_in_words_is_answered_by_its_acronym_without_the_link_words():
    # fresh-18 q10, after a rule of this round named "Sensibleness and Specificity Average" as
    # a name the paper must mention: it writes "SSA", the initials without "and".
    paper = Paper(
        "meena",
        "Towards a Human-like Open-Domain Chatbot",
        "We present Meena, a multi-turn open-domain chatbot. "
        "The full version of Meena scores 79% SSA, 23% higher than existing chatbots.",
    )
    question = "What Sensibleness and Specificity Average did the full version of Meena score?"
    composition = about(paper, question)
    assert "79% SSA" in composition.picks[0].candidate.sentence


def test_a_size_asked_for_bare_is_a_model_size_but_a_batch_size_is_not():
    paper = Paper(
        "smol",
        "SmolTulu",
        "We adapt the Tulu 3 pipeline to SmolLM2. "
        "Through an analysis using a 135M parameter model, we study learning rate and batch size.",
    )
    answered = about(paper, "What size of model did the authors use for their batch size study?")
    assert "135M" in answered.picks[0].candidate.sentence
    declined = about(paper, "What critical batch size did the authors find with SmolLM2?")
    assert declined.picks == () and declined.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_number_the_question_already_gives_does_not_answer():
    paper = Paper(
        "legal",
        "Specialized legal models",
        "We conduct a comprehensive study of 260 legal text classification tasks. "
        "A fine-tuned Llama 3 model vastly outperforms GPT-4 on almost all tasks, typically by "
        "double-digit percentage points. Hundreds of examples suffice to reach high accuracy.",
    )
    question = (
        "What average accuracy (in percent) does the fine-tuned model reach on the 260 tasks?"
    )
    composition = about(paper, question, similarity=0.6)
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_number_without_the_measure_does_not_answer():
    composition = run("What perplexity does SparseLlama reach on WikiText?", "prune")
    assert composition.reason in (Abstention.NUMBER_NOT_GIVEN, Abstention.UNKNOWN_NAME)
    assert composition.picks == ()


EXPERTS = Paper(
    "experts",
    "Diverse Experts for Long-Tailed Recognition",
    "We propose Diverse Experts, which consists of two strategies: a skill-diverse expert "
    "learning strategy that trains multiple experts, and a test-time aggregation of the experts. "
    "It renders 3D shapes of the experts' decisions for inspection.",
)


@pytest.mark.parametrize(
    "question",
    [
        # The abstract's only numbers count other things ("two strategies", "3D shapes").
        "How many experts does the skill-diverse expert learning strategy train?",
        "How many experts are aggregated at test time by Diverse Experts?",
    ],
)
def test_a_count_of_something_else_does_not_answer_how_many(question):
    composition = about(EXPERTS, question)
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_framework_described_as_the_subject_is_answered_with_its_name():
    # fresh-23 b08, read after its clean run: "Which framework compresses along depth ..." was
    # answered with the description's sentences; "(MoE)" passed as a new name, though the
    # question says "mixture-of-experts".
    paper = Paper(
        "wide",
        "Go Wider Instead of Deeper",
        "We adapt parameter sharing to compress along depth. "
        "We scale along width by replacing the feed-forward network with mixture-of-experts (MoE). "
        "To evaluate our framework, we design WideNet. "
        "On ImageNet-1K, our best model outperforms ViT by 1.5%.",
    )
    question = (
        "Which framework compresses along depth via parameter sharing and scales width with "
        "mixture-of-experts, and by how much does its best model beat ViT on ImageNet-1K?"
    )
    stated = " ".join(p.candidate.sentence for p in about(paper, question).picks)
    assert "WideNet" in stated and "1.5%" in stated


def test_a_name_the_title_gives_answers_which_method_with_a_sentence_that_omits_it():
    # tests/integration/test_ask_real.py's Adafactor question, declined by the first form of
    # the rule above: the abstract never repeats the name its title gives.
    paper = Paper(
        "ada",
        "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
        "We keep only the per-row and per-column sums of the second-moment estimates, which "
        "saves memory.",
    )
    question = "Which optimizer saves memory by keeping per-row and per-column sums?"
    assert about(paper, question).picks


def test_a_share_does_not_count_things():
    # fresh-23 b48, read after its clean run: "overheads of up to 20% even over GPUs" answered
    # "how many GPUs".
    paper = Paper(
        "weave",
        "TokenWeave",
        "Distributed inference can introduce overheads of up to 20% even over GPUs. "
        "TokenWeave overlaps computation with communication in distributed inference.",
    )
    composition = about(paper, "How many GPUs did the TokenWeave distributed inference use?")
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_sentence_that_only_restates_the_question_is_left_out():
    question = "Does SparseLlama prune half of the weights of large language models?"
    composition = run(question, "prune")
    assert [p.candidate.sentence for p in composition.picks] == [
        "We propose SparseLlama, which prunes half of the weights of large language models."
    ]  # a yes/no is answered by its confirmation; nothing else restating it is added


@pytest.mark.parametrize(
    ("sentence", "numbers", "relative"),
    [
        ("It reaches 82.1% top-1 accuracy.", ["82.1"], False),
        ("It improves accuracy by 2.3% over the baseline.", ["2.3"], True),
        ("It is 24-102x faster than R-CNN.", ["24", "102"], True),
        ("In 2023 GPT-4 and Llama-2 were compared.", [], False),
        ("It runs twice as fast on 8 GPUs.", ["8", "twice"], False),
        # A model's size in its name is no level (fresh-22 u57, read after its clean run:
        # "LLaMa-2 7B by 27.6% points" answered "what accuracy does it reach").
        (
            "It beat LLaMa-2 7B by 27.6% points and Falcon 7B by 32.6% points.",
            ["7", "27.6", "7", "32.6"],
            True,
        ),
        ("A 13B model reaches 61.2% accuracy.", ["13", "61.2"], False),
    ],
)
def test_numbers_and_changes(sentence, numbers, relative):
    assert quantity_numbers(sentence) == numbers
    assert only_relative(sentence) is relative


@pytest.mark.parametrize(
    ("sentence", "measure", "states"),
    [
        # Its numbers count other things: no accuracy is given (fresh-9 w50, read after it
        # was reported: "a 345 million parameter model" answered "what BLiMP accuracy").
        ("We present a 345 million parameter model trained on a 10 million word corpus.",
         "BLiMP accuracy", False),
        ("It beats baselines trained on both 10 and 100 million word datasets.", "accuracy", False),
        ("It was trained with 4 GPUs.", "perplexity", False),
        ("It reaches 40.1 BLEU on WMT.", "accuracy", False),  # another measure's value
        # Values: a percentage, a unit, a number before a preposition or the measure itself.
        ("It reaches 82.1% on BLiMP.", "BLiMP accuracy", True),
        ("It reaches 82.1 top-1 accuracy.", "top-1 accuracy", True),
        ("It reaches an accuracy of 82.1 on BLiMP.", "BLiMP accuracy", True),
        ("Latency drops to 40 ms per token.", "latency", True),
        ("It is 5-fold faster.", "speed speedup faster fast", True),
        ("It reaches 40.1 BLEU on WMT.", "BLEU", True),
        # A measure stated in units of something else: any number may be its value.
        ("It supports 128K tokens.", "context length", True),
        ("It took 900 GPU hours.", "training cost", True),
        # A count is of the noun its modifiers lead to: "how many synthetic curves" is counted
        # by "10 million artificial right-censored learning curves" (fresh-36 ae18 and fresh-37
        # af15, read after their reports, had said the abstract gives no number).
        ("A PFN trained on 10 million artificial right-censored learning curves generated "
         "from a prior.", "synthetic curves", True),
        ("A PFN trained on 10 million artificial right-censored learning curves.", "GPUs", False),
        # ... and ends where it leads on to other things: 7 tasks are no ROUGE score
        ("It covers 7 tasks including summarization.", "summarization ROUGE", False),
    ],
)  # fmt: skip
def test_a_number_of_something_else_is_no_value_of_the_measure(sentence, measure, states):
    assert states_value(sentence, measure) is states


@pytest.mark.parametrize(
    ("sentence", "measure", "none"),
    [
        # "What extra computation does it require?" is answered by "without added computation"
        # (premises p43, a true-premise question declined before).
        ("REX needs no tuning, without added computation, storage or hyperparameters.",
         "extra computation, storage or hyperparameters", True),
        ("The method requires no labels.", "labels", True),
        # The negation is of another thing: "no accuracy loss" says nothing of the accuracy.
        ("It compresses the model with no accuracy loss.", "accuracy", False),
        ("It uses 3 GPUs.", "GPUs", False),
    ],
)  # fmt: skip
def test_a_sentence_that_needs_none_of_a_measure_states_its_value(sentence, measure, none):
    assert states_none(sentence, measure) is none


def test_a_value_question_whose_abstract_gives_only_counts_of_other_things_is_declined():
    paper = Paper(
        "baby",
        "BabyLlama-2",
        "We present BabyLlama-2, a 345 million parameter model distilled from two teachers on "
        "a 10 million word corpus for the BabyLM competition. On BLiMP and SuperGLUE, "
        "BabyLlama-2 outperforms baselines trained on both 10 and 100 million word datasets.",
    )
    given = Paper("given", paper.title, paper.abstract + " It reaches 86.2% accuracy on BLiMP.")
    question = "What BLiMP accuracy did the 345M-parameter distilled BabyLM model reach?"
    for abstract, answered in ((paper, False), (given, True)):
        composition = compose(
            parse_asks(question),
            [Source(abstract.paper_id, abstract.title, 1.0, similarity=0.6)],
            {abstract.paper_id: abstract},
            WordJudge(),
            SETTINGS,
        )
        stated = " ".join(p.candidate.sentence for p in composition.picks)
        assert ("86.2%" in stated) is answered
        assert (composition.reason == Abstention.NUMBER_NOT_GIVEN) is not answered


OPEN_MOE = Paper(
    "moe",
    "OpenMoE: Open Mixture-of-Experts Language Models",
    "We release OpenMoE, a fully open mixture-of-experts language model with 1B active and 7B "
    "total parameters. OpenMoE outperforms dense models with the same active parameters.",
)
SWEEP = Paper(
    "sweep",
    "Optimal Hyperparameter Scaling",
    "Our sweep used one million GPU hours on 512 GPUs to pretrain 3,700 language models.",
)


@pytest.mark.parametrize(
    ("settings", "answered_from_the_sweep"),
    [
        (SETTINGS, False),
        # Without the question's identifying words (the rule before), the paper that merely
        # states a GPU number answers for the model the question describes.
        (SETTINGS.model_copy(update={"identity_weight": 0.0, "other_paper_identity": 0.0}), True),
    ],
)
def test_a_number_comes_from_the_paper_the_question_describes(settings, answered_from_the_sweep):
    question = (
        "How many GPUs were needed to pretrain the fully open mixture-of-experts model with 1B "
        "active and 7B total parameters?"
    )
    papers = {p.paper_id: p for p in (OPEN_MOE, SWEEP)}
    pool = [Source(i, papers[i].title, 0.5, similarity=0.5) for i in ("moe", "sweep")]
    composition = compose(parse_asks(question), pool, papers, WordJudge(), settings)
    text = " ".join(p.candidate.sentence for p in composition.picks)
    assert ("512 GPUs" in text) is answered_from_the_sweep
    if not answered_from_the_sweep:
        assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_another_paper_answers_only_when_it_mentions_the_names_the_question_uses():
    # Found asking the real corpus, no eval question: "what GSM8K accuracy does Paramanu-Ganita
    # reach" was answered with another paper's "improves ... by 4-17% on GSM8K".
    named = Paper(
        "ganita",
        "Paramanu-Ganita: a math language model",
        "We pretrain Paramanu-Ganita, a math language model, on GSM8K-style data. "
        "Paramanu-Ganita outperforms LLaMa-2 7B by 27.6% points in GSM8K accuracy.",
    )
    other = Paper(
        "other",
        "Math parameters",
        "We find math parameters of language models. "
        "Scaling them reaches 61.2% GSM8K accuracy for a math language model.",
    )
    papers = {p.paper_id: p for p in (named, other)}
    pool = [Source(i, papers[i].title, 0.5, similarity=0.5) for i in ("ganita", "other")]
    question = "What GSM8K accuracy does Paramanu-Ganita reach?"
    composition = compose(parse_asks(question), pool, papers, WordJudge(), SETTINGS)
    assert composition.picks == () and composition.reason == Abstention.NUMBER_NOT_GIVEN


def test_a_question_no_paper_is_about_is_declined_naming_what_is_missing():
    # Papers on each half of the description exist (pruning LLMs, pooling for vision), none on
    # the whole: "pruning of speech recognizers" (fresh-4 u51-u54 and u61, written blind, were
    # answered about the nearest paper).
    composition = run(
        "What pruning schedule does the paper on pruning streaming speech recognizers for "
        "low-resource languages propose?",
        "prune",
        "pool",
    )
    assert composition.reason == Abstention.NO_MATCH and composition.picks == ()
    named = {w.lower() for w in composition.unknown}
    assert named & {"speech", "streaming", "recognizers", "low-resource", "languages"}
    assert not any(w in PRUNING.abstract.lower() for w in named)
    # The paper the question does describe answers, at the same settings.
    answered = run(
        "What does the paper on pruning large language models propose for sparsity?", "prune"
    )
    assert answered.reason is None and answered.picks


def test_summary_requests_have_a_lower_description_floor():
    # A summary request paraphrases its paper: holding a part of its words is enough ...
    composition = run("Summarize the paper on pruning streaming speech recognizers.", "prune")
    assert composition.reason != Abstention.NO_MATCH
    # ... but a paper holding next to none of them is not the one described.
    composition = run(
        "Summarize the paper that trains spiking networks by quantum annealing on rover images.",
        "prune",
    )
    assert composition.reason == Abstention.NO_MATCH and composition.picks == ()


def test_a_question_naming_the_papers_own_method_needs_no_other_word_of_it():
    # Asked in German, only "SparseLlama" is a word of the paper (the bad-input catalogue's
    # German question about IncreLoRA was declined as describing no paper).
    question = parse_asks("Wie viele GPUs brauchte SparseLlama beim Training?")
    strict = SETTINGS.model_copy(update={"describe_floor": 0.9})  # only the exemption passes it
    composition = compose(question, sources("prune"), PAPERS, WordJudge(), strict)
    assert composition.reason != Abstention.NO_MATCH


def test_a_chosen_paper_that_is_not_the_described_one_gives_way_to_the_one_that_is():
    # Without the description weight the choice falls on the paper that states a GPU count;
    # the question describes the pooling paper, which holds its words: that one answers (it
    # gives no GPU count), instead of "no paper is about it" (fresh-7 y30/y34 were declined so
    # while the described paper ranked lower).
    settings = SETTINGS.model_copy(update={"identity_weight": 0.0})
    composition = compose(
        parse_asks(
            "How many GPUs did the paper on pooling layers for tiny vision transformers use?"
        ),
        sources("prune", "pool"),
        PAPERS,
        WordJudge(),
        settings,
    )
    assert composition.reason == Abstention.NUMBER_NOT_GIVEN
    assert not any("8 GPUs" in p.candidate.sentence for p in composition.picks)


MEMORY = Paper(
    "bpe",
    "Vocabulary and Memorization",
    "We show that a larger subword vocabulary makes transformers memorize more training data. "
    "Transformers with a larger subword vocabulary also reproduce training data more often. "
    "This success is partly attributed to better hardware. "
    "We conjecture the effect is caused by shorter sequences as the subword vocabulary grows.",
)


@pytest.mark.parametrize(
    ("question", "cause"),
    [
        # The closest sentence restates the effect; the one that gives its cause is added.
        ("Why does a larger subword vocabulary make transformers memorize more data?", True),
        # No "why", no cause sentence.
        ("Does a larger subword vocabulary make transformers memorize more data?", False),
    ],
)
def test_a_why_question_is_answered_with_the_cause_the_paper_gives(question, cause):
    composition = about(MEMORY, question, similarity=0.5)
    text = " ".join(p.candidate.sentence for p in composition.picks)
    assert "memorize more training data" in text
    assert ("caused by shorter sequences" in text) is cause
    assert "attributed to better hardware" not in text  # a cause of something else


def test_a_share_asked_for_is_answered_by_a_percentage():
    # "what fraction" fits "6% of the data" as the number check reads it, in the score too
    # (fresh-6 x62 was declined: its sentence scored under the floor without the fit).
    paper = Paper(
        "lobass",
        "Loss-Based Data Selection",
        "Fine-tuning data selection matters for large language models. We select fine-tuning "
        "data by how learnable it is for the model. It beats full-data fine-tuning "
        "with merely 6% of the examples.",
    )
    composition = about(paper, "What fraction of the training data does the selection method need?")
    assert any("6%" in p.candidate.sentence for p in composition.picks), composition


@pytest.mark.parametrize(
    ("measure", "sentence", "fits"),
    [
        # A measure named by its acronym, or an acronym spelled out (fresh-answerability nn12:
        # "79% SSA" for "Sensibleness and Specificity Average" was declined).
        ("Sensibleness and Specificity Average", "Meena scores 79% SSA.", True),
        ("FID", "The Frechet Inception Distance drops to 3.1.", True),
        ("AP", "It achieves perfect recall.", False),  # too short to spell out
        ("Sensibleness and Specificity Average", "Meena scores 79% on MMLU.", False),
        ("BLEU score", "It reaches 41.0 BLEU.", True),
    ],
)
def test_a_measure_is_found_by_its_words_or_its_acronym(measure, sentence, fits):
    assert (measure_fit(measure, sentence, None) >= 0.5) is fits


ELBO = Paper(
    "elbo",
    "Learning Hyperparameters via a Data-Emphasized Variational Objective",
    "We propose learning regularization hyperparameters via the evidence lower bound (ELBo). "
    "In a case study, we show how our method reduces the 88+ hour grid search of past work to "
    "under 3 hours. Prior work reports a 12 hour search with Bayesian optimization.",
)


def test_our_method_is_the_method_the_paper_names_elsewhere():
    """ "How long does the ELBo approach take?" is answered by "our method reduces ... to under 3
    hours" when the abstract names its method ELBo in another sentence (fresh-13 h21, read
    after its clean run); a sentence about prior work still needs the name."""
    question = "How many hours did the grid search take that the ELBo approach replaced?"
    strict = SETTINGS.model_copy(update={"unnamed_penalty": 1.0})  # unnamed: never an answer
    composition = about(ELBO, question, settings=strict)
    text = " ".join(p.candidate.sentence for p in composition.picks)
    assert "88+ hour" in text and "Prior work reports" not in text


def test_a_short_measure_name_with_a_digit_is_counted():
    """ "How many F1 points" is answered by "(49.3 -> 72.3 F1)": F1 is the measure, points its
    unit (fresh-13 h17, read after its clean run)."""
    from assistant.quantities import counts

    sentence = "Pre-training improves performance on DROP (49.3 rightarrow 72.3 F1)."
    assert counts(sentence, "F1 points")
    assert not counts("It uses 4 GPUs and reaches a high F1.", "F1 points")


def test_a_sentence_with_the_asked_benchmark_answers_beside_others():
    """ "67.7% on IFEval ... 51.6% on GSM8K" answers "what IFEval score": the other benchmark
    in the same sentence does not veto it (fresh-15 m26, read after its clean run)."""
    paper = Paper(
        "tulu",
        "SmolTulu",
        "We adapt a post-training pipeline to the SmolLM2 base model. "
        "SmolTulu scores 67.7% on IFEval and 51.6% on GSM8K.",
    )
    question = "What IFEval score does the model adapted from SmolLM2 achieve?"
    composition = about(paper, question)
    assert any("67.7%" in p.candidate.sentence for p in composition.picks)


CACHE = Paper(
    "cache",
    "Defending KV cache eviction",
    "Prior work averages importance scores to evict cache entries. "
    "We propose a defensive aggregation method that controls worst-case risk. "
    "Embodying it, we build DefensiveKV, a cache eviction system. "
    "DefensiveKV reduces quality loss by 2.3x at a 20% cache size.",
)


def test_a_name_asked_for_in_bare_words_is_answered_by_the_sentence_that_gives_it():
    # "Name of the method" says nothing but that a name is wanted: the sentence that gives a name
    # answers it, not the one that restates the description (fresh-19 r18, read after its clean
    # run: "the abstract does not give the name asked for").
    question = (
        "One paper evicts cache entries with a defensive aggregation controlling worst-case "
        "risk. Name of the method, and how much does it reduce quality loss?"
    )
    composition = about(CACHE, question)
    text = " ".join(p.candidate.sentence for p in composition.picks)
    assert "DefensiveKV" in text and "2.3x" in text
    assert not composition.missing


def test_name_as_a_verb_asks_for_things_not_for_a_coined_name():
    # "which optimizers did it name" is answered by "Muon and Soap", plain capitalized words
    # (fresh-9 w05: a first version of the rule above wanted a coined name and left it out).
    paper = Paper(
        "opt",
        "Optimizers revisited",
        "We compare ten optimizers for pretraining. "
        "We find that the fastest optimizers such as Muon and Soap use matrices as "
        "preconditioners.",
    )
    question = "Which of the fastest optimizers did it name as using matrix preconditioners?"
    composition = about(paper, question)
    assert any("Muon and Soap" in p.candidate.sentence for p in composition.picks)


SSM = Paper(
    "ssm",
    "Never Train from Scratch",
    "We compare Transformers and state space models on long-range benchmarks. "
    "Pretraining closes the gap between Transformers and state space models.",
)


def test_a_paper_named_by_what_it_never_mentions_answers_nothing_of_it():
    # fresh-27 a01 (a tuning set): "which paper introduces ... (the Mamba architecture), and how
    # does it compare to Transformers?" was answered from a paper on SSMs that never mentions
    # Mamba, through its second ask.
    composition = about(
        SSM,
        "Which paper introduces a selective state space model (the Mamba architecture), and how "
        "does it compare to Transformers?",
    )
    assert composition.reason == Abstention.UNKNOWN_NAME and composition.picks == ()
    assert composition.unknown == ("Mamba",)
    # Named by what it does mention, it answers.
    composition = about(
        SSM, "Which paper compares state space models with Transformers, and what closes the gap?"
    )
    assert composition.picks


def test_which_hardware_or_llm_is_not_answered_by_the_papers_own_name():
    # fresh-27 a38 (a tuning set): "which GPUs were used" was answered by "we present
    # SparseLlama, ..."; the paper's own name, in its title, names no GPU.
    composition = about(PRUNING, "Which GPUs were used to train the pruned language models?")
    assert composition.picks == () or all(
        "SparseLlama" not in p.candidate.sentence or p.asks == () for p in composition.picks
    )
    assert composition.missing
    # "Which method prunes ...?" is answered by that name.
    composition = about(PRUNING, "Which method prunes large language models?")
    assert composition.missing == ()


def test_words_that_frame_a_question_or_inflect_a_compound_still_describe_the_paper():
    # No abstract names "the authors" or calls its method "the technique", and "red-teams" is
    # "red-teaming" (fresh-28 i03, read after it was reported, was declined as about nothing).
    from assistant.compose import description_share

    asks = parse_asks(
        "There's a paper that red-teams chat models. What do the authors call the technique?"
    )
    text = "Red-teaming chat models. We present parametric red-teaming of chat models."
    assert description_share(asks, text, None) == 1.0
    assert description_share(asks, "We study pruning of vision models.", None) < 0.5


def test_function_words_and_the_form_asked_for_do_not_describe_the_paper():
    # fresh-32 aa24, aa26 (read after their report): "your", "whether", "paragraph", "explain"
    # are in no abstract, and the rarity weight made them count most; the paper was declined
    # as described by nothing.
    from assistant.compose import description_share

    rarity = {"your": 5.0, "whether": 5.0, "paragraph": 5.0, "explain": 5.0}.get
    asks = parse_asks(
        "In a short paragraph, explain whether your open model leaks its training order."
    )
    text = "We test whether an open model leaks the order of its training data."
    assert description_share(asks, text, rarity) == 1.0


def test_a_summary_whose_description_no_sentence_scores_high_is_of_the_paper_it_describes():
    # fresh-32 aa24: nothing of the paper scored at the answer floor against the paraphrase,
    # and the paper named was the first retrieved, not the one described.
    summary = parse_asks("In two sentences, explain the paper on tiny pooling for CIFAR-10.")
    assert summary.summary
    strict = ComposeSettings(answer_floor=0.99, general_floor=0.99, fill_floor=0.99)
    composition = compose(summary, sources("prune", "pool"), PAPERS, WordJudge(), strict)
    assert composition.picks == ()
    assert composition.paper is not None and composition.paper.paper_id == "pool"


BENCHMARK = Paper(
    "bars",
    "BARS-CTR: Open Benchmarking for Click-Through Rate Prediction",
    "Click-through rate prediction lacks standardized benchmarks. "
    "In this work, we perform open benchmarking and present a rigorous comparison of different "
    "models in a reproducible manner. "
    "We ran over 7,000 experiments for more than 12,000 GPU hours to re-evaluate 24 existing "
    "models on multiple datasets. "
    "Many deep models have smaller differences than expected.",
)


def test_a_measure_spelled_out_in_parentheses_or_named_by_the_title_is_answered():
    # fresh-33 ab06 (read after its report) was declined: "compute" is in no sentence, but the
    # question says what it means by it, "(number of experiments and GPU hours)"; and the
    # benchmark's "24 existing models" are its "existing CTR models", CTR being its title's.
    composition = about(
        BENCHMARK,
        "How much compute went into the open benchmarking of click-through rate prediction models "
        "(number of experiments and GPU hours), and how many existing CTR models did it "
        "re-evaluate?",
    )
    stated = " ".join(p.candidate.sentence for p in composition.picks)
    assert "12,000 GPU hours" in stated and "24 existing models" in stated
    assert composition.missing == ()
    # Without the gloss, "compute" is still no word of that sentence: the number is not given.
    composition = about(
        BENCHMARK, "How much compute went into the open benchmarking of click-through rate models?"
    )
    assert composition.picks == ()


def test_which_thing_came_out_on_top_needs_a_sentence_that_ranks():
    # fresh-33 ab70 (to decline; read after its report) was answered with the benchmark's aim,
    # "a rigorous comparison of different models": nothing in it ranks a model first.
    for question in (
        "Which CTR model came out on top in the open benchmarking of click-through rate models?",
        "Which model performed best in the open benchmarking of click-through rate prediction?",
    ):
        composition = about(BENCHMARK, question)
        assert composition.picks == (), question
    ranked = Paper(
        BENCHMARK.paper_id,
        BENCHMARK.title,
        BENCHMARK.abstract + " DeepFM performs best among the re-evaluated CTR models.",
    )
    composition = about(
        ranked, "Which model performed best in the open benchmarking of click-through rate models?"
    )
    assert any("DeepFM" in p.candidate.sentence for p in composition.picks)


def test_a_requested_length_keeps_the_sentences_that_answer_the_specific_asks():
    # fresh-33 ab40 (read after its report): "In one sentence, what does X do, and how much does
    # it improve over Y?" kept the first sentence in abstract order, the one naming the method,
    # and dropped the improvement it was asked for.
    from assistant.composed import composed_answer

    question = (
        "In one sentence, what does the pruning method for large language models do, and how "
        "many points of accuracy does it keep compared with SparseGPT?"
    )
    asks = parse_asks(question)
    assert asks.length == 1
    composition = about(PRUNING, question)
    assert len(composition.picks) >= 2  # both asks answered, by two sentences
    answer = composed_answer(question, composition, [], limit=1, asks=asks.asks)
    assert "3 points more accuracy" in answer.text
    assert "prunes half of the weights" not in answer.text


def test_a_word_budget_keeps_the_sentences_that_answer_the_specific_asks_within_it():
    # A word budget on a question with specific asks holds the answer to it the way a count of
    # sentences does: the improvement asked for stays, the naming sentence goes.
    from assistant.composed import composed_answer
    from assistant.evaluation.metrics import answer_words

    question = (
        "In under 15 words, what does the pruning method for large language models do, and how "
        "many points of accuracy does it keep compared with SparseGPT?"
    )
    asks = parse_asks(question)
    assert (asks.word_budget, asks.length, asks.summary) == (15, None, False)
    composition = about(PRUNING, question)
    assert len(composition.picks) >= 2
    answer = composed_answer(
        question, composition, [], asks=asks.asks, word_budget=asks.word_budget
    )
    assert "3 points more accuracy" in answer.text
    assert answer_words(answer.text) <= 15
    # With room for all, the answer is the one with no budget, one sentence longer.
    roomy = composed_answer(question, composition, [], asks=asks.asks, word_budget=60)
    assert roomy.text == composed_answer(question, composition, [], asks=asks.asks).text
    assert roomy.text.count("[1]") == answer.text.count("[1]") + 1


def test_a_name_of_a_kind_the_paper_never_mentions_is_not_given():
    # dev u09 (to decline): "Which reinforcement learning from human feedback algorithm was used
    # to fine-tune the chatbot?" was answered with the chatbot's own name; its abstract never
    # mentions RLHF, so no name it gives is that algorithm.
    composition = about(
        PRUNING, "Which post-training weight quantization algorithm compresses SparseLlama further?"
    )
    assert composition.picks == () and composition.missing
    composition = about(PRUNING, "Which pruning method keeps accuracy on MMLU?")
    assert composition.picks and composition.missing == ()


FAIRNESS = Paper(
    "fair",
    "Fairness Trade-offs in Federated Learning",
    "We study global and local fairness of a federated model across clients. "
    "We propose an algorithm that removes the disparity of one client's contribution to the "
    "global model.",
)


def test_a_paper_filed_under_a_topic_it_is_not_on_answers_nothing():
    # fresh-6 x54 / fresh-7 y19 (to decline): "the paper on federated unlearning" was answered
    # from a paper on fairness in federated learning, which shares most of the question's other
    # words ("client", "global model") but never mentions unlearning.
    fairness = FAIRNESS
    unlearning = Paper(
        "unlearn",
        "Machine Unlearning of Language Models",
        "We study machine unlearning: erasing copyrighted text from a pretrained language model.",
    )
    retrieved = ((fairness, 1.0, 0.7), (unlearning, 0.5, 0.5))
    question = (
        "What algorithm does the paper on federated unlearning propose for removing one "
        "client's contribution from the global model?"
    )
    composition = over(question, *retrieved)
    assert composition.picks == () and composition.reason == Abstention.NO_MATCH
    assert "unlearning" in composition.unknown
    # Filed under its own topic, the same question is answered.
    other = question.replace("federated unlearning", "federated fairness")
    composition = over(other, *retrieved)
    assert composition.picks
    # A topic word no retrieved paper uses is the asker's paraphrase, not another topic.
    composition = about(fairness, question.replace("federated unlearning", "federated equity"))
    assert composition.picks


def test_a_sentence_that_ranks_in_other_words_answers_which_came_first():
    ranked = Paper(
        BENCHMARK.paper_id,
        BENCHMARK.title,
        BENCHMARK.abstract
        + " In our open benchmarking, DeepFM is the model with the lowest log loss on "
        "click-through rates.",
    )
    composition = about(
        ranked, "Which model was the strongest in the open benchmarking of click-through rates?"
    )
    assert any("DeepFM" in p.candidate.sentence for p in composition.picks)


def test_a_kind_named_in_common_words_needs_no_mention():
    # Only a kind's distinctive words must be in the paper: "optimization algorithm" is any
    # optimizer, which an abstract need not call one.
    trained = Paper(
        "adamw",
        "FastSeg: Segmenting Images Fast",
        "We present FastSeg, a segmentation network trained with AdamW. "
        "FastSeg segments 4K images at 60 frames per second.",
    )
    question = "Which optimization algorithm was FastSeg trained with?"
    source = [Source(trained.paper_id, trained.title, 1.0, similarity=0.6)]
    rarity = {"optimization": 2.45, "algorithm": 2.0, "reinforcement": 4.4, "feedback": 5.3}.get
    composition = compose(
        parse_asks(question), source, {trained.paper_id: trained}, WordJudge(), SETTINGS, rarity
    )
    assert any("AdamW" in p.candidate.sentence for p in composition.picks)
    # A distinctive kind the paper never mentions is not named by it.
    composition = compose(
        parse_asks(
            "Which reinforcement learning from human feedback algorithm was FastSeg tuned with?"
        ),
        source,
        {trained.paper_id: trained},
        WordJudge(),
        SETTINGS,
        rarity,
    )
    assert composition.picks == ()


def test_the_paper_on_a_topic_is_the_retrieved_one_on_it_and_a_summary_may_paraphrase():
    from assistant.compose import filed_topic

    fairness = FAIRNESS
    unlearning = Paper(
        "unlearn",
        "Federated Unlearning",
        "We study federated unlearning: removing one client's contribution from a global model. "
        "We propose FedErase, an algorithm that removes a client's contribution in 3 rounds.",
    )
    question = (
        "What algorithm does the paper on federated unlearning propose for removing one "
        "client's contribution?"
    )
    composition = over(question, (fairness, 1.0, 0.7), (unlearning, 0.5, 0.6))
    assert composition.paper.paper_id == "unlearn"
    assert any("FedErase" in p.candidate.sentence for p in composition.picks)
    # The verb a "does" asks with ends the topic; a summary request is held to its own floor.
    assert filed_topic("What does the paper on grokking reveal?") == "grokking"
    composition = about(fairness, "Summarize the paper on federated fairness trade-offs.")
    assert composition.reason != Abstention.NO_MATCH


def test_a_negated_auxiliary_is_no_word_the_paper_must_use():
    # "aren't" had left "aren" among the words a paper must hold, and the paper on padding
    # models with untrained parameters was declined as "never mentions 'aren'" (fresh-34 ac32,
    # read after its report).
    from assistant.compose import described_words

    words = described_words(
        parse_asks(
            "Can you cheat scaling laws by padding models with parameters that aren't trained?"
        )
    )
    assert "aren" not in words and "padding" in words
    assert "don" not in described_words(parse_asks("Why don't pruned models keep their accuracy?"))


def test_a_length_asked_for_makes_a_summary_that_may_paraphrase_its_paper():
    # "In two sentences, what did the study on X find?" asks for a summary as "Summarize" does:
    # its paraphrase ("running climate models with reduced floating-point precision" of
    # "low-precision arithmetic for climate simulations") is held to the summary floor, and
    # the retrieved paper that holds more of its words but is about something else is not the
    # one (fresh-34 ac37, read after its report, had been summarized from an FP8 paper).
    climate = Paper(
        "climate",
        "Climate Simulation in Low-Precision",
        "We study low-precision arithmetic for climate simulations. "
        "Single precision is more than enough for the SPEEDY simulator.",
    )
    fp8 = Paper(
        "fp8",
        "Scalable FP8 Training",
        "Training models in reduced precision is challenging for large runs. We propose a "
        "scaling that makes FP8 training stable.",
    )
    question = (
        "In two sentences, what did the study on running climate models with reduced "
        "floating-point precision find?"
    )
    composition = over(question, (climate, 1.0, 0.95), (fp8, 0.1, 0.05))
    assert composition.paper.paper_id == "climate"


def test_a_summary_request_is_about_the_paper_holding_its_description_not_its_framing():
    # fresh-32 aa26 (read after its report): "what did the study find about whether X" was
    # answered from a paper that says "we study ... and find" but little of X; a summary request
    # weighs its description's own words, a hyphenated one found by its parts too.
    untuned = Paper(
        "free",
        "Optimizers Without Tuning",
        "Tuning free optimizers are said to deliver training without any per workload tuning. "
        "We show that they still need tuning on most workloads.",
    )
    framed = Paper(
        "bench",
        "Benchmarking Optimizers",
        "We study optimizers for pretraining and find that tuning matters. "
        "Our study finds that training speedups of new optimizers shrink at scale.",
    )
    composition = over(
        "In a short paragraph: what did the study find about whether tuning-free optimizers "
        "deliver training without per-workload tuning?",
        (framed, 1.0, 0.55),
        (untuned, 0.5, 0.55),
    )
    assert composition.paper is not None and composition.paper.paper_id == "free"


def test_a_summary_request_naming_its_paper_by_name_alone_is_about_that_paper():
    # "What does the Adafactor paper propose?" says too little for a description share (every
    # paper would hold all of it): the name, which only that paper's title holds, tells it (a
    # real-model test caught it answered from another paper).
    retrieved = [
        Source(POOLING.paper_id, POOLING.title, 1.0, similarity=0.6),
        Source(PRUNING.paper_id, PRUNING.title, 0.5, similarity=0.5),
    ]
    unnamed = SETTINGS.model_copy(update={"name_penalty": 0.0})  # the description alone
    composition = compose(
        parse_asks("What does the SparseLlama paper propose?"),
        retrieved,
        PAPERS,
        WordJudge(),
        unnamed,
    )
    assert composition.paper is not None and composition.paper.paper_id == "prune"


def test_a_word_set_in_capitals_is_no_name_the_paper_must_use():
    # fresh-38 ag44, read after its report: "rules like 'rash AND penicillin'" was declined
    # because the abstract never writes "AND".
    paper = Paper(
        "tsetlin",
        "Learning Human-Interpretable Rules for Text Categorization",
        "We learn propositional rules for medical text categorization with a Tsetlin Machine. "
        "The rules reach 5 to 15 times faster training than the baselines.",
    )
    question = (
        "Summarize the text classifier that learns propositional rules like 'rash AND fever'."
    )
    composition = about(paper, question)
    assert composition.reason != Abstention.UNKNOWN_NAME and "AND" not in composition.unknown
