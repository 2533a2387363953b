"""Real embedded models on the bundled corpus: the cited paper is the right one."""

import pytest

from assistant import ask

pytestmark = pytest.mark.slow

EINSPACE = "einspace: Searching for Neural Architectures from Fundamental Operations"
GGMP = "Group Generalized Mean Pooling for Vision Transformer"
ADAFACTOR = "Adafactor: Adaptive Learning Rates with Sublinear Memory Cost"


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "Which paper searches neural architectures in a space built from a probabilistic "
            "context-free grammar?",
            EINSPACE,
        ),
        (
            "How can a vision transformer pool its patch tokens while weighting channels "
            "differently instead of plain averaging?",
            GGMP,
        ),
        (
            "Which optimizer saves memory by keeping only per-row and per-column sums of the "
            "second-moment estimates?",
            ADAFACTOR,
        ),
        # Named by the name its title gives, which its abstract never repeats: the paper's
        # gist, not a refusal as about nothing.
        ("What does the Adafactor paper propose?", ADAFACTOR),
    ],
)
def test_answer_cites_the_paper_that_answers(real_assistant, question, title):
    answer = real_assistant.ask(question)
    assert not answer.abstained
    assert answer.sources[0].title == title
    assert title in [c.title for c in answer.citations]
    # Every citation marker in the text refers to a listed citation with a verbatim snippet.
    keys = {c.key for c in answer.citations}
    assert keys and all(f"[{k}]" in answer.text for k in keys)
    for citation in answer.citations:
        paper = real_assistant.paper(citation.paper_id)
        assert citation.snippet in paper.abstract


def test_question_outside_the_corpus_abstains(real_assistant):
    answer = real_assistant.ask("What is the boiling point of mercury on the surface of Mars?")
    assert answer.abstained
    assert answer.citations == []
    assert answer.sources  # the closest papers are still shown


def test_top_level_ask_uses_the_default_assistant(real_assistant, use_default):
    use_default(real_assistant)
    answer = ask("which papers propose a learning rate scheduler that is agnostic to batch size?")
    assert answer.citations and answer.sources
    assert "References:" in str(answer)


def test_store_is_reused_and_model_stays_loaded(real_assistant):
    generator = real_assistant.generator
    papers, chunks = real_assistant.store.count()
    real_assistant.ask("What does einspace search over?")
    assert real_assistant.generator is generator
    assert real_assistant.store.count() == (papers, chunks) and papers == 414


CAD_PAPERS = {
    "CAD-Llama: Leveraging Large Language Models for Computer-Aided Design Parametric 3D Model Generation",
    "Text-to-CAD Generation Through Infusing Visual Feedback in Large Language Models",
}


def test_a_list_names_every_paper_on_its_topic(real_assistant):
    # "3D" in the question once made every abstract without a "3" irrelevant to the list.
    answer = real_assistant.ask("Which papers generate 3D CAD models with language models?")
    assert answer.mode == "list"
    assert {c.title for c in answer.citations} >= CAD_PAPERS
    sure = [c for c in answer.citations if not c.weak]
    assert sure and sure[0].title in CAD_PAPERS
    assert answer.text.startswith(f"Found {len(sure)} paper")
    for citation in answer.citations:
        assert citation.snippet in real_assistant.paper(citation.paper_id).abstract
