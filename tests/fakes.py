"""Test doubles that are real subclasses of the production interfaces (fast, deterministic)."""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator

from assistant.embeddings import Embedder
from assistant.generation import Generator, Messages
from assistant.judge import Judge
from assistant.lexical import tokenize


class FakeEmbedder(Embedder):
    """Hashed bag-of-words vectors: texts sharing words are close, others are not."""

    name = "fake-bow-1024"
    dim = 1024  # wide enough that unrelated words rarely collide

    def _encode(self, texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            vector = [0.0] * self.dim
            for token in tokenize(text) or ["<empty>"]:
                digest = hashlib.md5(token.encode()).digest()
                vector[int.from_bytes(digest[:4], "big") % self.dim] += 1.0
            norm = math.sqrt(sum(x * x for x in vector)) or 1.0
            out.append([x / norm for x in vector])
        return out


class FakeGenerator(Generator):
    """Replies with scripted texts in order (llm's MockModel pattern), word by word."""

    name = "fake-generator"
    device = "cpu"

    def __init__(self, replies: list[str] | None = None) -> None:
        self.replies = list(replies or [])
        self.prompts: list[Messages] = []

    def enqueue(self, replies: list[str]) -> None:
        self.replies.extend(replies)

    def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
        self.prompts.append(list(messages))
        reply = self.replies.pop(0) if self.replies else ""
        for i, word in enumerate(reply.split(" ")):
            yield word if i == 0 else " " + word


class WordJudge(Judge):
    """Relevance and support: the share of the claim's longer words the evidence has."""

    threshold = 0.6

    def score(self, pairs):
        out = []
        for claim, evidence in pairs:
            words = [w.strip("?,.").lower() for w in claim.split() if len(w.strip("?,.")) > 3]
            text = evidence.lower()
            out.append(sum(w[:5] in text for w in words) / max(1, len(words)))
        return out
