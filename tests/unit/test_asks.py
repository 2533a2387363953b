"""A question's asks, parsed from its grammar: table-driven."""

from __future__ import annotations

import pytest

from assistant.asks import AskKind, classify, parse_asks, requested_length, summary_subject
from assistant.lengths import form_sentence

Q = AskKind.QUANTITY


@pytest.mark.parametrize(
    ("question", "description", "asks"),
    [
        # Three asks after a description: each becomes its own ask (before: one sentence named X).
        (
            "A paper prunes LLMs. Which method does it propose, how many GPUs did it use, and "
            "how did it compare with SparseGPT?",
            "A paper prunes LLMs.",
            [
                (AskKind.NAME, "", "Which method does it propose"),
                (Q, "GPUs", "how many GPUs did it use"),
                (AskKind.COMPARISON, "", "how did it compare with SparseGPT"),
            ],
        ),
        (
            "What pass@200 did it reach on LiveCodeBench, and what did standard repeated "
            "sampling reach?",
            "",
            [(Q, "pass@200", None), (Q, "", "what did standard repeated sampling reach")],
        ),
        # A scene-setting clause describes; it is not an ask.
        (
            "When the thinking of a reasoning model is bypassed, what did the two modes score?",
            "When the thinking of a reasoning model is bypassed",
            [(Q, "", None)],
        ),
        (
            "To derive laws for the optimal learning rate, how many models were trained?",
            "To derive laws for the optimal learning rate",
            [(Q, "models", None)],
        ),
        # What comes before a colon describes the paper, wh-words in it or not; an ask may
        # start with a preposition ("among how many teams"; fresh-compose nf30 was one ask
        # that needed a count of speed).
        (
            "The pooling layer for images of any size: how much faster than R-CNN was it, and "
            "among how many teams did it compete?",
            "The pooling layer for images of any size",
            [(Q, "speed speedup faster fast", None), (Q, "teams", None)],
        ),
        (
            "The study of how hard a feature is to extract: how many features were analysed?",
            "The study of how hard a feature is to extract",
            [(Q, "features", None)],
        ),
        # A title-cased metric name with "and" in it is one measure (fresh-answerability nn12).
        (
            "What Sensibleness and Specificity Average did the chatbot reach?",
            "",
            [(Q, "Sensibleness and Specificity Average", None)],
        ),
        # One measure per ask when a "how many" names two.
        (
            "How many experiments and GPU hours did it run?",
            "",
            [(Q, "experiments", None), (Q, "GPU hours", None)],
        ),
        (
            "On which datasets was it evaluated, and why does it work?",
            "",
            [(AskKind.DATASETS, "", None), (AskKind.REASON, "", None)],
        ),
        ("Do the pruned llamas keep their accuracy?", "", [(AskKind.CONFIRM, "", None)]),
        ("What does einspace search over?", "", [(AskKind.FINDING, "", None)]),
        # What a method changed is the measure, not the method (fresh-14 k22, read after its
        # clean run); a change "in" something measures that thing.
        (
            "How much did neural prediction sets improve the quantified uncertainty of language "
            "models over the baseline?",
            "",
            [(Q, "quantified uncertainty", None)],
        ),
        (
            "What is the largest reduction in token usage reported for the planner?",
            "",
            [(Q, "token usage", None)],
        ),
        ("How much did F1 on DROP improve?", "", [(Q, "F1", None)]),
        # A qualified change names its measure; a range of speed-ups is speed-ups (fresh-15
        # m12, m23, read after its clean run).
        (
            "What is the largest accuracy improvement (in points) reported over the baselines?",
            "",
            [(Q, "accuracy", None)],
        ),
        (
            "What range of training-time speed-ups over parametrized losses is reported?",
            "",
            [(Q, "training-time speed-ups", None)],
        ),
        # A measure ends at a comma (fresh-16 n20, read after its clean run).
        (
            "Rejection samples pushed LLaMA-7B to what accuracy, versus what for plain SFT?",
            "",
            [(Q, "accuracy", None)],
        ),
        # ... but not at a comma inside parentheses ("(e.g., 20x or 30x)" stays whole).
        (
            "What exact speedup factor (e.g., 20x or 30x) does Hyperband achieve over BO?",
            "",
            [(Q, "exact speedup factor (e.g., 20x or 30x)", None)],
        ),
        # A margin is a change of what it is in (fresh-17 p03, read after its clean run).
        (
            "By what margin in accuracy does the layer-wise-scaled model beat OLMo?",
            "",
            [(Q, "accuracy", None)],
        ),
        # Whose value it is names no measure; a comparison in a relative clause asks nothing
        # (fresh-17 p47, read after its clean run).
        (
            "What was GPT-4's average zero-shot accuracy in the study where Llama 3 beat it?",
            "",
            [(Q, "average zero-shot accuracy", None)],
        ),
        # A unit set off after the measure asks for a number in that unit; the unit is not the
        # measure (fresh-19 r46, read after its clean run).
        (
            "What is the largest TNL model size, in parameters, trained with Lightning Attention?",
            "",
            [(Q, "largest TNL model size", None)],
        ),
        (
            "What is the absolute parameter count (in millions) of the PoolFormer model?",
            "",
            [(Q, "absolute parameter count", None)],
        ),
        # A terse list of asks after a colon is one ask per item (fresh-19 r20, read after
        # its clean run: one "finding" ask).
        (
            "benchmark for LLM agents that verify hypotheses: name, number of real tasks, and "
            "number of synthetic tasks?",
            "benchmark for LLM agents that verify hypotheses",
            [(AskKind.NAME, "", None), (Q, "real tasks", None), (Q, "synthetic tasks", None)],
        ),
        # A setting phrase between "and" and the wh-word starts a new ask (fresh-15 m01).
        (
            "What was the search algorithm called, and with Claude 3.5 Sonnet what pass@200 "
            "did it reach?",
            "",
            [
                (AskKind.NAME, "", "What was the search algorithm called"),
                (Q, "pass@200", "with Claude 3.5 Sonnet what pass@200 did it reach"),
            ],
        ),
        # "and up to what ..." starts an ask of its own (fresh-3 t20); "what is the full
        # embedding dimensionality" asks for a number (fresh-24 c44, read after its run).
        (
            "Which two methods does it outperform, and up to what dimensionality were the "
            "test datasets?",
            "",
            [
                (AskKind.NAME, "", "Which two methods does it outperform"),
                (Q, "dimensionality", "up to what dimensionality were the test datasets"),
            ],
        ),
        (
            "What is the full embedding dimensionality of the nested representations?",
            "",
            [(Q, "full embedding dimensionality", None)],
        ),
        # Values are numbers: "what default values" (fresh-26 e62, read after its report).
        (
            "What default values of beta1 and beta2 does the paper recommend?",
            "",
            [(Q, "default values", None)],
        ),
        # A comma inside one clause does not split it ("..., with LaTeX preserved, does ...").
        (
            "How many tokens of web pages, with LaTeX preserved, does the dataset contain?",
            "",
            [(Q, "tokens", None)],
        ),
    ],
)
def test_questions_split_into_their_asks(question, description, asks):
    parsed = parse_asks(question)
    assert parsed.description == description
    assert [(a.kind, a.measure) for a in parsed.asks] == [(k, m) for k, m, _ in asks]
    for ask, (_, _, text) in zip(parsed.asks, asks, strict=True):
        if text is not None:
            assert ask.text == text


@pytest.mark.parametrize(
    ("ask", "wants"),
    [
        ("What is the name of its method", True),
        # the LLM a description identifies (fresh-24 c46, read after its clean run)
        ("which specific LLM powered the best system", True),
        ("Which optimizers did it name", False),
    ],
)
def test_a_name_ask_knows_whether_it_wants_a_name(ask, wants):
    assert classify(ask).wants_name is wants


@pytest.mark.parametrize(
    ("ask", "winner"),
    [
        ("Which specific CTR model came out on top in the benchmark", True),
        ("which publicly available model performed best", True),
        ("which retriever was the best on the reasoning-intensive queries", True),
        ("what accuracy did the best-performing model reach", False),  # a number asked for
        ("Which method picks the best sample of N", False),
        ("which model did it use", False),
    ],
)
def test_a_name_ask_knows_whether_it_asks_for_a_winner(ask, winner):
    assert classify(ask).wants_winner is winner


@pytest.mark.parametrize(
    ("ask", "kind", "relative", "absolute", "target"),
    [
        ("by how much did accuracy improve", Q, True, False, ""),
        ("what absolute top-1 accuracy does it reach", Q, False, True, ""),
        ("what exact learning rate did it use", Q, False, True, ""),
        # A change asked for in absolute units is still a change; an adjective is no change.
        ("by how many absolute points did pretraining improve it", Q, True, False, ""),
        ("what exact accuracy did the improved model reach", Q, False, True, ""),
        # A level asked for: its unit given, or "what accuracy does it reach" (fresh-20 s44,
        # s47, read after its clean run); a gain reached is still a change.
        ("what average accuracy (in percent) does the legal model reach", Q, False, True, ""),
        ("what accuracy does DART-MATH reach on MATH", Q, False, True, ""),
        ("what accuracy gain does DART-MATH reach on MATH", Q, True, False, ""),
        ("how many parameters (in millions) does it have", Q, False, False, ""),
        ("how much faster than R-CNN is it", Q, True, False, "R-CNN is it"),
        ("how did it compare with VeLO", AskKind.COMPARISON, False, False, "VeLO"),
        # What it beats is the comparison, not the measure (fresh-24 c08, read as "beat ViT").
        ("by how much does it beat ViT on ImageNet-1K", Q, True, False, "ViT on ImageNet-1K"),
        ("by how much does it outperform OLMo", Q, True, False, "OLMo"),
        # "what ... accuracy does it report" asks for a level; a question after "up to" is no
        # comparison's target (fresh-3 t20, a regression of this round's "dimensionality").
        ("what top-1 accuracy does it report for its full-size embedding", Q, False, True, ""),
        ("up to what dimensionality were the test datasets", Q, False, False, ""),
        ("which base model families were used", AskKind.NAME, False, False, ""),
        ("what is the model called", AskKind.NAME, False, False, ""),
        # "factor" is a number after "by what", not a thing the authors identify.
        ("by what factor does it speed up decoding", Q, False, False, ""),
        ("what more critical factor did the authors identify", AskKind.FINDING, False, False, ""),
        # A "how many" inside the description is part of it (fresh-33 ab24, read after its
        # report, was answered as a count of reasoning steps); after the verb it is asked.
        (
            "what does the paper that picks exemplars by how many reasoning steps they hold find",
            AskKind.FINDING,
            False,
            False,
            "",
        ),
        ("what does the paper on pruning find about how much memory it saves", Q, False, False, ""),
    ],
)
def test_each_ask_knows_what_it_needs(ask, kind, relative, absolute, target):
    parsed = classify(ask)
    assert (parsed.kind, parsed.relative, parsed.absolute, parsed.target) == (
        kind,
        relative,
        absolute,
        target,
    )


@pytest.mark.parametrize(
    ("question", "summary", "length", "subject"),
    [
        (
            "Summarize in two sentences the paper that prunes LLM channels.",
            True,
            2,
            "the paper that prunes LLM channels",
        ),
        (
            "Give me the gist of the work on retrieval limits.",
            True,
            None,
            "the work on retrieval limits",
        ),
        ("TL;DR of the paper on pointer networks?", True, None, "the paper on pointer networks"),
        (
            "What is the main takeaway of the paper on retrieval limits?",
            True,
            None,
            "the paper on retrieval limits",
        ),
        ("In one sentence, what does the paper on einspace do?", True, 1, None),
        # With no length, the gist of a paper described by a clause is asked for when nothing
        # follows the verb (fresh-25 d28, d30, d32, read after its clean run); a paper named by
        # its topic is asked for its finding.
        ("What does the paper on einspace find?", False, None, None),
        (
            "Briefly, what does the paper that trains one prompt without replay contribute?",
            True,
            None,
            "the paper that trains one prompt without replay",
        ),
        (
            "What does the paper that adapts FedAvg weights do and find?",
            True,
            None,
            "the paper that adapts FedAvg weights",
        ),
        # What a paper found or concluded about something is its gist on that (fresh-34 ac33,
        # ac35, read after its report, had been answered with one background sentence); what
        # it reports or says about something is a detail.
        (
            "What does the paper on einspace find about search spaces?",
            True,
            None,
            "the paper on einspace about search spaces",
        ),
        (
            "What did the study comparing training to fractals conclude about hyperparameters?",
            True,
            None,
            "the study comparing training to fractals about hyperparameters",
        ),
        ("What does the paper on einspace report about search spaces?", False, None, None),
        # ... but not what it found about a number it reports: that is a detail asked for
        (
            "What did the study that prunes LLMs find about the number of GPUs used?",
            False,
            None,
            None,
        ),
        (
            "What did the study that found about 40% of neurons dead use as a baseline?",
            False,
            None,
            None,
        ),
        # A gist noun asked for as the thing itself asks for the gist, whatever verb its
        # description has ("hit" asks no value); one the question only refers to does not.
        (
            "By how much does the paper that prunes LLMs improve accuracy, per its main claim?",
            False,
            None,
            None,
        ),
        ("What is the key finding, in percent, of the paper that prunes LLMs?", False, None, None),
        ("What dataset supports the main claim of the paper that prunes LLMs?", False, None, None),
        (
            "In two sentences, what's the main argument of the paper showing retrievers hit a limit?",
            True,
            2,
            "the paper showing retrievers hit limit",
        ),
        # A paper named by its name asks for its gist too: "Adafactor" is only in its title,
        # and the Adafactor question was refused as about nothing; "the optimizer paper" names none.
        ("What does the Adam paper propose?", True, None, "the Adam paper"),
        ("What does the Adafactor paper propose?", True, None, "the Adafactor paper"),
        ("What does the optimizer paper propose?", False, None, None),
        (
            "In one sentence, what does the paper that trains transformers on sorting with a "
            "simpler auxiliary task, so they cope with longer sequences than seen, find?",
            True,
            1,
            None,
        ),
        (
            "In one sentence, describe the algorithm that declutters line charts.",
            True,
            1,
            "the algorithm that declutters line charts",
        ),
        # The gist asked for in other words, and a range of lengths (at most the larger).
        (
            "Could you sum up the paper that prunes LLM channels?",
            True,
            None,
            "the paper that prunes LLM channels",
        ),
        (
            "What is the key contribution of the paper on einspace?",
            True,
            None,
            "the paper on einspace",
        ),
        (
            "What are the main findings of the paper on einspace?",
            True,
            None,
            "the paper on einspace",
        ),
        ("I need a quick synopsis of the paper on einspace.", True, None, "the paper on einspace"),
        ("Recap the paper on einspace in a sentence or two.", True, 2, "the paper on einspace"),
        ("Provide a short overview of the work on einspace.", True, None, "the work on einspace"),
        ("What is the paper that prunes LLM channels about?", True, None, None),
        (
            "Give me a one-sentence summary of the paper on einspace.",
            True,
            1,
            "the paper on einspace",
        ),
        (
            "What's the short version of the paper that prunes LLM channels?",
            True,
            None,
            "the paper that prunes LLM channels",
        ),
        ("Give me the rundown on the paper on einspace.", True, None, "the paper on einspace"),
        # Brevity asked for up front (fresh-31 o34, read after its report: "brief" was taken
        # for a word describing the paper, and no paper has it).
        (
            "In brief, what did the large-scale comparison of tuned and base LLMs conclude?",
            True,
            None,
            "the large-scale comparison of tuned and base LLMs",
        ),
        # What a paper discovered, after a length set off by a colon (fresh-31 o27, read after
        # its report: it was a comparison ask, "compares" being its description's verb).
        (
            "In one sentence: what did the paper that compares training to Julia sets discover?",
            True,
            1,
            None,
        ),
        ("Which papers are about pruning LLM channels?", False, None, None),
    ],
)
def test_summary_requests_and_their_length(question, summary, length, subject):
    parsed = parse_asks(question)
    assert parsed.summary is summary
    assert parsed.length == requested_length(question) == length
    if subject is not None:
        assert summary_subject(question) == subject


@pytest.mark.parametrize(
    ("question", "words", "length", "subject"),
    [
        # A word budget is a length: the question asks for a summary of that size (fresh-35
        # ad29, ad33, ad41 were answered as factoids of two or three long sentences).
        (
            "In under 50 words, what does the paper on precision-aware scaling laws propose and find?",
            50,
            None,
            "the paper on precision-aware scaling laws",
        ),
        (
            "Explain briefly, in under 50 words, how one can prove a text generator was derived "
            "from one's own model.",
            50,
            None,
            "how one can prove text generator was derived from one's own model",
        ),
        ("Give a 30-word summary of the paper on pooling.", 30, None, "the paper on pooling"),
        ("Summarize the paper on pooling in 40 words or fewer.", 40, None, "the paper on pooling"),
        ("Recap the paper on pooling (max 60 words).", 60, None, "the paper on pooling"),
        # Lines and bullets count as sentences.
        ("Give me a one-line summary of the paper on pooling.", None, 1, "the paper on pooling"),
        ("In three bullet points, what did the study of pooling find?", None, 3, None),
        ("TL;DR of the pooling paper as a one-liner, please.", None, 1, None),
        # More ways to say it (a review's probes).
        ("In fifty words, what does the paper on pooling find?", 50, None, None),
        ("Give a 50 word summary of the paper on pooling.", 50, None, "the paper on pooling"),
        ("Summarize the paper on pooling (word limit: 50).", 50, None, "the paper on pooling"),
        ("Summarize the paper on pooling. Keep it to 40 words.", 40, None, None),
        ("In a single line, what does the paper on pooling do?", None, 1, None),
        ("Give me 3 bullet points on the paper on pooling.", None, 3, None),
        # A budget inside the description is the paper's; the one asked for is the answer's.
        (
            "Summarize the paper that handles up to 100 words of context in under 40 words.",
            40,
            None,
            "the paper that handles up to 100 words of context",
        ),
    ],
)
def test_a_word_budget_or_a_count_of_lines_is_a_requested_length(question, words, length, subject):
    parsed = parse_asks(question)
    assert parsed.summary and parsed.requested_summary
    assert (parsed.word_budget, parsed.length) == (words, length)
    assert parsed.asks == ()  # the budget is no ask
    if subject is not None:
        assert parsed.subject == subject


@pytest.mark.parametrize(
    "question",
    [
        "How many words of social-media data was Meena trained on?",
        "A model was distilled on a 10 million word corpus. How many parameters does it have?",
        "What is the 3-word name of the method?",
        "Which line of work does the paper on pooling build on?",
        # Lengths that describe a paper (a review's probes): no request follows or leads them.
        "Which paper achieves 95% accuracy with 5 words per class?",
        "How does the model that captions images in under 15 words perform on COCO?",
        "What BLEU does the model get on sentences up to 50 words long?",
        "Which paper predicts code in one line?",
        "Which paper fits the data with two lines of evidence?",
        "In a paragraph on related work, which papers cite LoRA?",
    ],
)
def test_words_and_lines_that_set_no_length_are_read_as_before(question):
    parsed = parse_asks(question)
    assert parsed.word_budget is None and parsed.length is None
    assert not parsed.summary


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        # fresh-34 ac39 (read after its report): "Explain how the X paper lets Y show Z" was a
        # finding ask no single sentence answered, and was declined as "does not say".
        (
            "Explain how the model-provenance paper lets a developer show a blackbox model is "
            "derived from theirs.",
            "how the model-provenance paper lets developer show blackbox model is derived from "
            "theirs",
        ),
        ("Describe what the benchmark for hypothesis search tests.", None),
        ("Could you explain how the pooling method works?", None),
        # A paragraph asked for is a summary's length (fresh-32 aa26).
        (
            "In a short paragraph: what did the study on step-size-free optimizers find?",
            "the study on step-size-free optimizers",
        ),
        # The form put between the verb and what is explained (fresh-37 af40, fresh-32 aa33,
        # read after their reports): the request stays a summary request, without its form.
        (
            "Explain (grad-student level) how the approach that merges models with a Laplace "
            "approximation works.",
            "how the approach that merges models with Laplace approximation works",
        ),
        (
            "Explain in simple terms how the system that hides all-reduce cost works.",
            "how the system that hides all-reduce cost works",
        ),
        # A write-up asked for (fresh-36 ae29).
        (
            "Could you write a short paragraph on the paper about model provenance?",
            "the paper about model provenance",
        ),
        ("Give me a brief write-up of the study on pooling layers.", "the study on pooling layers"),
        # The idea of a paper explained (fresh-39 ah35, declined as a factoid before, read
        # after its report), or the paper itself: no request word stays in the subject.
        (
            "Explain the idea of treating an LLM plus a prompt as a learner.",
            "treating LLM plus prompt as learner",
        ),
        ("Explain the main idea behind LoRA.", "LoRA"),
        ("Explain the concept of verbalized machine learning.", "verbalized machine learning"),
        (
            "Explain the paper that treats an LLM as a learner.",
            "the paper that treats LLM as learner",
        ),
    ],
)
def test_explaining_how_a_paper_works_or_a_paragraph_on_it_is_a_summary(question, subject):
    parsed = parse_asks(question)
    assert parsed.summary and parsed.requested_summary and parsed.asks == ()
    if subject is not None:
        assert parsed.subject == subject


@pytest.mark.parametrize(
    "question",
    [
        "How does the paper explain how attention sinks form?",
        "Which paper describes how to prune LLM channels, and by how much does it speed them up?",
        # A specific ask after "Explain / Describe" stays an ask (a review's probes).
        "Explain how many GPUs the LLaMA paper used.",
        "Describe what dataset the paper on pooling evaluates on.",
        "Explain what RLHF stands for in the reward-combination paper.",
        # one of its parts explained
        "Explain the method that SVFT uses to update the weights.",
        # a part of a named paper, or a question after the idea (the review's probes)
        "Explain the intuition behind the learning rate schedule in the Adam paper.",
        "Explain the concept of rank r in LoRA: what value of r did they use?",
    ],
)
def test_explain_or_describe_inside_a_question_is_no_summary_request(question):
    assert not parse_asks(question).summary


@pytest.mark.parametrize(
    ("question", "subject", "length", "words"),
    [
        # The gist asked for outright (fresh-37 af36, fresh-36 ae42, read after their reports).
        (
            "Give me the main argument of the paper claiming that long-sequence benchmarks "
            "exaggerate the gap to state space models.",
            "the paper claiming that long-sequence benchmarks exaggerate the gap to state space "
            "models",
            None,
            None,
        ),
        (
            "Give a numbered list of the main insights from the practitioner's guide on SFT.",
            "the practitioner's guide on SFT",
            None,
            None,
        ),
        ("Tell me the key findings of the Adam paper.", "the Adam paper", None, None),
        # What an experiment, an analysis or a guide found is its gist, whatever the verb of its
        # description (fresh-36 ae38 "the experiment that compared ... find?").
        (
            "In one sentence: what did the experiment that compared training to fractals find?",
            "the experiment that compared training to fractals",
            1,
            None,
        ),
        (
            "What did the analysis that probes LoRA factors conclude?",
            "the analysis that probes LoRA factors",
            None,
            None,
        ),
        # A sentence that asks only for the answer's form is no part of the question (fresh-37
        # af44, af35): the gist is still asked for, and a budget there is the answer's.
        (
            "What did the study that scores feature complexity find? A bullet list is fine.",
            "the study that scores feature complexity",
            None,
            None,
        ),
        (
            "What did the paper that compares ICL with PEFT contribute and find? Keep it to about "
            "100 words.",
            "the paper that compares ICL with PEFT",
            None,
            100,
        ),
        (
            "Summarize the paper on pooling layers. Keep it short, please.",
            "the paper on pooling layers",
            None,
            None,
        ),
        # made-up probes of this round: outlined, broken down, its big idea
        ("Could you outline the paper that prunes LLMs?", "the paper that prunes LLMs", None, None),
        (
            "Break down the paper that prunes LLMs for me.",
            "the paper that prunes LLMs",
            None,
            None,
        ),
        (
            "What's the big idea behind the paper that prunes LLMs?",
            "the paper that prunes LLMs",
            None,
            None,
        ),
    ],
)
def test_the_gist_asked_for_in_more_ways_is_a_summary(question, subject, length, words):
    parsed = parse_asks(question)
    assert parsed.summary and parsed.asks == ()
    assert (parsed.subject, parsed.length, parsed.word_budget) == (subject, length, words)


@pytest.mark.parametrize(
    "question",
    [
        # An argument or a claim asked about, not the paper's gist
        "Give me the main argument against dropout in the regularization paper.",
        "By how much does the model improve, according to its main claim?",
        # What an experiment measured is a detail
        "How many GPUs did the experiment that compared optimizers use?",
        # a part of a paper broken down or its idea (the review's probes)
        "Break down the paper's results by dataset.",
        "What's the idea behind the paper's loss function?",
        "What is the idea behind the work on RLHF in the DPO paper?",
        "Could you outline how LoRA initializes its matrices?",
        # A sentence about lists or words that asks something is no form request
        "What does the paper on numbered lists find? Which words does it use?",
        # What a paper achieved after a lead-in is a result (the review's probes)
        "In terms of accuracy, what did the method that mixes images achieve?",
        "On GLUE, what did the approach that distills BERT achieve?",
        # A write-up of something other than one paper
        "Write a paragraph comparing the two papers on LoRA and QLoRA.",
        "Could you write a paragraph about how many parameters the Chinchilla model had?",
        "Give me a short write-up on the papers about retrieval augmentation.",
    ],
)
def test_asks_that_only_sound_like_a_gist_stay_asks(question):
    assert parse_asks(question).asks


@pytest.mark.parametrize(
    ("sentence", "form"),
    [
        ("A bullet list is fine.", True),
        ("Keep it short, please.", True),
        ("Bullet points, please.", True),
        ("Plain English please.", True),
        ("Keep it to about 100 words.", True),
        ("It lists the papers in short form.", False),
        ("Summarize the paper on GPT-3.5 in brief.", False),
        ("What does the paper on short lists find?", False),
        ("It uses 100 words.", False),
    ],
)
def test_a_sentence_asking_only_for_form(sentence, form):
    assert form_sentence(sentence) is form


@pytest.mark.parametrize(
    ("question", "description", "kinds"),
    [
        # fresh-37 af72 (read after its report): "when" inside the phrase naming the paper made
        # it an ask, answered with the paper's framing, so the question to decline was answered.
        (
            "In the study of forgetting when fine-tuning LLMs with LoRA, how much did early "
            "stopping reduce forgetting?",
            "In the study of forgetting when fine-tuning LLMs with LoRA",
            ["quantity"],
        ),
        (
            "In the work where Codex writes programs for math courses, what accuracy did it reach?",
            "In the work where Codex writes programs for math courses",
            ["quantity"],
        ),
        # ... but a scene that asks, or says what the paper is with a question word, stays
        (
            "In the work on arithmetic transformers, models trained on 5 digits handle sums of "
            "what length, and how many sequences does priming add?",
            "",
            ["finding", "quantity"],
        ),
    ],
)
def test_a_phrase_naming_the_paper_before_the_question_describes_it(question, description, kinds):
    parsed = parse_asks(question)
    assert parsed.description == description
    assert [a.kind.value for a in parsed.asks] == kinds
