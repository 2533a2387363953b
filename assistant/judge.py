"""Support judges: does this evidence sentence support this claim? Pluggable; default runs offline."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from .citations import lexical_coverage, numbers_agree, support_score, weighted_coverage
from .embeddings import Embedder, PairClassifier
from .errors import ModelError

# The best fit to the 81 hand-labelled pairs in eval/judge_labels.jsonl
# (`python -m assistant.evaluation.calibrate`): accuracy 0.852, kappa 0.703 at 0.72, against
# 0.741 / 0.475 at the earlier 0.62, which let through changed numbers and borrowed claims.
DEFAULT_THRESHOLD = 0.72


class Judge:
    """Scores (claim, evidence) pairs from 0 (unsupported) to 1 (supported)."""

    name = "judge"
    threshold = DEFAULT_THRESHOLD

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        """One support score per pair, in order."""
        raise NotImplementedError

    def relevance(
        self, pairs: Sequence[tuple[str, str]], rarity: Callable[[str], float] | None = None
    ) -> list[float]:
        """How well each evidence text states a topic, 0..1, per (topic, evidence) pair.

        A topic is not a claim: a number in it ("3D shapes") need not be restated. `rarity`
        weighs the topic's words where a judge reads words. By default, the support score.
        """
        return self.score(pairs)

    def supports(self, claim: str, evidence: str) -> bool:
        """Whether one piece of evidence supports one claim."""
        return self.score([(claim, evidence)])[0] >= self.threshold


class EmbeddingJudge(Judge):
    """Cosine similarity of sentence embeddings, blended with word and number agreement."""

    name = "embedding+lexical"

    def __init__(
        self, embedder: Embedder, threshold: float = DEFAULT_THRESHOLD, cache_size: int = 50_000
    ) -> None:
        self.embedder, self.threshold = embedder, threshold
        self._cache: dict[str, list[float]] = {}
        self._cache_size = cache_size

    def _vectors(self, texts: Sequence[str]) -> dict[str, list[float]]:
        missing = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if missing:
            if len(self._cache) + len(missing) > self._cache_size:
                self._cache.clear()
            self._cache.update(zip(missing, self.embedder.embed(missing), strict=True))
        return {t: self._cache[t] for t in texts}

    def _cosines(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        vectors = self._vectors([t for pair in pairs for t in pair])
        return [
            sum(a * b for a, b in zip(vectors[claim], vectors[evidence], strict=True))
            for claim, evidence in pairs
        ]

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        return [
            support_score(cosine, lexical_coverage(claim, evidence), numbers_agree(claim, evidence))
            for (claim, evidence), cosine in zip(pairs, self._cosines(pairs), strict=True)
        ]

    def relevance(
        self, pairs: Sequence[tuple[str, str]], rarity: Callable[[str], float] | None = None
    ) -> list[float]:
        """The support score without the number check, its word agreement weighted by rarity."""
        return [
            support_score(cosine, weighted_coverage(topic, evidence, rarity), True)
            for (topic, evidence), cosine in zip(pairs, self._cosines(pairs), strict=True)
        ]


def entailment_probability(logits: Sequence[float], labels: Sequence[str]) -> float:
    """A cross-encoder's verdict as a 0..1 support score: the softmax probability of the label
    that names entailment, or for a one-output model (a reranker) the sigmoid of its score.

    >>> round(entailment_probability([0.0, 2.0, 0.0], ["contradiction", "entailment", "neutral"]), 3)
    0.787
    >>> entailment_probability([0.0], ["LABEL_0"])
    0.5
    """
    if len(logits) == 1:
        return 1.0 / (1.0 + math.exp(-logits[0]))
    index = next((i for i, name in enumerate(labels) if "entail" in name.lower()), None)
    if index is None:
        raise ModelError(
            f"the cross-encoder's labels {list(labels)} name no entailment; use an NLI model "
            "(e.g. cross-encoder/nli-deberta-v3-small) or a one-output reranker"
        )
    top = max(logits)
    exps = [math.exp(x - top) for x in logits]
    return exps[index] / sum(exps)


class CrossEncoderJudge(Judge):
    """A cross-encoder read as a judge: NLI models give P(entailment), rerankers a sigmoid."""

    def __init__(self, classifier: PairClassifier, threshold: float = 0.5) -> None:
        self.classifier, self.threshold = classifier, threshold
        self.name = f"cross-encoder {classifier.name}"
        # A classifier whose labels name no entailment is refused now, not at the first answer.
        entailment_probability([0.0] * max(1, len(classifier.labels)), classifier.labels)

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[float]:
        # An NLI model reads (premise, hypothesis): the evidence must entail the claim.
        rows = self.classifier.logits([(evidence, claim) for claim, evidence in pairs])
        return [entailment_probability(row, self.classifier.labels) for row in rows]
