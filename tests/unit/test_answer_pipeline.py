"""The answer pipeline with fake models over a real store: repair, fallback, abstention."""

import pytest

from assistant.answer import CANNOT_ANSWER_PHRASE
from assistant.errors import AssistantError

EINSPACE = "einspace: Searching for Neural Architectures from Fundamental Operations"
PCFG = "To this end, we introduce einspace, a search space based on a parameterised probabilistic context-free grammar."
QUESTION = "Which search space is based on a parameterised probabilistic context-free grammar?"


def test_supported_sentence_keeps_a_correct_citation(indexed):
    sources = indexed.retrieve(QUESTION)
    number = 1 + [s.title for s in sources].index(EINSPACE)
    indexed.generator.enqueue([f"{PCFG} [{number}]"])
    answer = indexed.ask(QUESTION)
    assert answer.mode == "generated" and not answer.abstained
    assert [c.title for c in answer.citations] == [EINSPACE]
    assert answer.citations[0].snippet == PCFG  # the exact sentence from the abstract
    assert answer.text.endswith("[1].")


def test_wrong_and_dangling_citations_are_repaired(indexed):
    indexed.generator.enqueue([f"{PCFG} [9]"])  # there is no source 9
    answer = indexed.ask(QUESTION)
    assert [c.title for c in answer.citations] == [EINSPACE]
    assert "[9]" not in answer.text and "[1]" in answer.text


def test_unsupported_generation_falls_back_to_cited_abstract_sentences(indexed):
    indexed.generator.enqueue(["Bananas are grown on 4000 farms in Ecuador by robots [1]."])
    answer = indexed.ask(QUESTION)
    assert answer.mode == "extractive"
    assert "Bananas" not in answer.text
    assert answer.citations
    assert all(c.snippet.rstrip(".") in answer.text for c in answer.citations)
    assert EINSPACE in [c.title for c in answer.citations]


def test_show_all_marks_unsupported_sentences(indexed):
    indexed.generator.enqueue([f"{PCFG} [1] Bananas are grown on 4000 farms by robots [1]."])
    answer = indexed.ask(QUESTION, show_all=True)
    assert "[unsupported: Bananas" in answer.text
    assert answer.support == 0.5


def test_question_about_nothing_in_the_corpus_abstains(indexed):
    answer = indexed.ask("zxqv blorft quuxification")
    assert answer.abstained and answer.text.startswith(CANNOT_ANSWER_PHRASE)
    assert answer.citations == []


def test_streaming_yields_draft_text_then_the_checked_answer(indexed):
    indexed.generator.enqueue([f"{PCFG} [1]"])
    items = list(indexed.stream(QUESTION))
    assert all(isinstance(i, str) for i in items[:-1]) and len(items) > 2
    assert items[-1].citations


def test_empty_question_is_a_clear_error(indexed):
    with pytest.raises(AssistantError, match="empty"):
        indexed.ask("   ")


def test_str_of_answer_lists_references(indexed):
    indexed.generator.enqueue([f"{PCFG} [1]"])
    text = str(indexed.ask(QUESTION))
    assert "References:" in text and EINSPACE in text
