"""Research fields a question files its paper under, and the answer when the paper is not in it
(fresh-25 d69-d71, read after its clean run)."""

import pytest

from assistant.answer import Context
from assistant.fields import FIELDS, in_field, named_field, without_field
from assistant.guards import misfiled
from assistant.types import Abstention, Paper, Source

PLANSEARCH = "Planning In Natural Language Improves LLM Search For Code Generation"


@pytest.mark.parametrize(
    ("question", "field"),
    [
        ("Which computer-vision paper introduced the PLANSEARCH algorithm?", "computer vision"),
        ("Which federated learning paper introduced Fisher-weighted merging?", "federated learning"),
        ("Which diffusion-model paper proposed Best-of-Majority?", "diffusion models"),
        ("A vision paper replaces the attention token mixer. What is the model called?", "computer vision"),
        ("In the recent robotics study, how many grasps succeed?", "robotics"),
        ("Which paper in the field of speech recognition reports a 5% WER?", "speech and audio"),
        ("Which work from NLP introduced the benchmark?", "natural language processing"),
        ("What does the RL paper on exploration find?", "reinforcement learning"),
        # no field: a model, a topic word inside a longer name, or no paper word at all
        ("Which language model does the paper fine-tune?", None),
        ("Which paper introduced the Vision Transformer?", None),
        ("What does the Vision Transformer paper report?", None),
        ("Which paper on text-to-CAD generation uses visual feedback?", None),
        ("How do diffusion models memorize images?", None),
    ],
)  # fmt: skip
def test_the_field_a_question_files_its_paper_under(question, field):
    found = named_field(question)
    assert (found.name if found else None) == field


@pytest.mark.parametrize(
    ("question", "without"),
    [
        (
            "Which computer-vision paper introduced PLANSEARCH for image generation?",
            "Which paper introduced PLANSEARCH for image generation?",
        ),
        ("Which paper in computer vision uses pooling?", "Which paper uses pooling?"),
        ("What does the paper introduce?", "What does the paper introduce?"),
    ],
)
def test_what_a_question_asks_of_its_paper_whatever_its_field(question, without):
    assert without_field(question) == without


@pytest.mark.parametrize(
    ("field", "text", "inside"),
    [
        ("computer vision", "PoolFormer reaches 82.1% top-1 accuracy on ImageNet-1K.", True),
        ("computer vision", "PLANSEARCH searches over plans in natural language for code.", False),
        ("federated learning", "Clients train locally under FedAvg.", True),
        ("federated learning", "We merge models by weighting parameters with the Fisher.", False),
        ("diffusion models", "Best-of-Majority selects among k samples for pass@k.", False),
        ("diffusion models", "A denoising model generates images step by step.", True),
    ],
)
def test_a_paper_is_in_a_field_when_it_uses_the_field_s_words(field, text, inside):
    assert in_field(FIELDS[field], text) is inside


def test_a_paper_filed_under_another_field_is_declined_with_the_paper_that_reports_it():
    question = "Which computer-vision paper introduced the PLANSEARCH algorithm?"
    papers = ((PLANSEARCH, "We propose PLANSEARCH, which searches over plans for code."),)
    context = Context(question, [Source("p0", PLANSEARCH, 0.7)], {"p0": Paper("p0", *papers[0])})
    answer = misfiled(context, context.sources[0])
    assert answer is not None and answer.abstained and answer.reason == Abstention.NOT_STATED
    assert "computer vision" in answer.text and f'"{PLANSEARCH}"' in answer.text
    # Filed under its own field, or under none, it is not declined.
    for asked in (
        "Which code-generation paper introduced the PLANSEARCH algorithm?",
        "Which paper introduced the PLANSEARCH algorithm?",
    ):
        assert misfiled(Context(asked, context.sources, context.papers), context.sources[0]) is None
