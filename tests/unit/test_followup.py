"""Follow-up rewriting: each row is (earlier standalone questions, follow-up, what is asked)."""

from __future__ import annotations

import pytest

from assistant.followup import is_follow_up, rewrite, topic_of

VIDEO = "Which papers study diffusion models for video?"
LORA = "Which papers use LoRA for fine-tuning?"
SPEC = "What is speculative decoding?"

CASES = [
    # pronouns pointing at the previous topic
    (
        [VIDEO],
        "and which of those use MoE?",
        "Which of the papers on diffusion models for video use MoE?",
    ),
    ([VIDEO], "do they release code?", "Do the papers on diffusion models for video release code?"),
    (
        [VIDEO],
        "what are their limitations?",
        "What are the limitations of the papers on diffusion models for video?",
    ),
    (
        [SPEC],
        "how does it compare to beam search?",
        "How does speculative decoding compare to beam search?",
    ),
    (
        [SPEC],
        "Does this method work for vision models?",
        "Does speculative decoding work for vision models?",
    ),
    # "what about X": the same question about X
    ([LORA], "what about quantization?", "Which papers use quantization?"),
    ([SPEC], "what about for vision models?", "What is speculative decoding for vision models?"),
    ([VIDEO], "and for audio?", "Which papers study diffusion models for audio?"),
    ([VIDEO], "MoE?", "Which papers study MoE?"),
    # the latest question is the context
    (
        [LORA, VIDEO],
        "which of these are from 2024?",
        "Which of the papers on diffusion models for video are from 2024?",
    ),
    # questions that stand on their own, or have nothing to lean on, are unchanged
    (
        [VIDEO],
        "Which papers propose benchmarks for code generation?",
        "Which papers propose benchmarks for code generation?",
    ),
    ([], "and which of those use MoE?", "and which of those use MoE?"),
    ([VIDEO], "  What   is RLHF?  ", "What is RLHF?"),
]


@pytest.mark.parametrize("previous, question, expected", CASES)
def test_rewrite(previous: list[str], question: str, expected: str) -> None:
    assert rewrite(question, previous) == expected


@pytest.mark.parametrize(
    "question, topic",
    [
        (VIDEO, "diffusion models for video"),
        (SPEC, "speculative decoding"),
        ("How do LLMs use tools?", "LLMs use tools"),
        ("Tell me about state space models.", "state space models"),
        ("mixture of experts", "mixture of experts"),
    ],
)
def test_topic_of(question: str, topic: str) -> None:
    assert topic_of(question) == topic


@pytest.mark.parametrize(
    "question, expected",
    [
        ("and which of those use MoE?", True),
        ("what about vision?", True),
        ("MoE?", True),
        ("Which papers propose benchmarks for code generation?", False),
        ("", False),
    ],
)
def test_is_follow_up(question: str, expected: bool) -> None:
    assert is_follow_up(question) is expected
