"""Which found papers a list states as matches: a learned model over each paper's fit signals.

A list question finds up to `ListSettings.scan` papers and scores each one's fit to the topic
(`structured.fit`). Which of them are stated as matches used to be a cut on the fit relative to
the best one; the model reads the same signals (similarity, relevance, topic words, key phrase,
where the paper stands among the others, how much of each of the topic's facets it has: 1 for a
topic with none, which has nothing a paper could lack) and gives each paper a probability of
being on the topic. The shipped model is a boosted tree ensemble (`assistant/tree_model.py`);
the logistic model here (`ListModel`, `train`) is its predecessor, kept for comparison
(`eval/train_list_model.py --kind logistic`) and for the topic model (`topic_model.py`). Both
are learned from labelled list questions by `eval/train_list_model.py` (gold papers against
off-topic ones, borderline papers left out) and shipped as `list_model.json` beside this module,
with the sets it was trained on and its cross-validated scores. Pure: numpy only, no model
weights are downloaded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from .errors import InputError
from .tree_model import TreeModel, tree_model_from

FEATURES = (
    "similarity",  # the paper's best chunk's cosine to the question
    "relevance",  # the judge's relevance of its best sentence (read with the title)
    "topic_words",  # rarity-weighted share of the topic's words in its title and abstract
    "phrase",  # 1 when it has one of the topic's key phrases
    "phrase_density",  # share of its sentences that have one
    "titled",  # 1 when its title has one
    "fit_ratio",  # its fit / the best fit among the found papers
    "fit_z",  # its fit in standard deviations from the found papers' mean fit
    "fit_rank",  # log(1 + its place by fit), 0 for the best
    "short_without_phrase",  # 1 when the topic is short and the paper lacks its key phrase
    "topic_length",  # the topic's words after its verb, / 12, at most 1
    "retrieval_rank",  # its place in retrieval / the papers scanned
    "facet_share",  # mean share of each of the topic's facets' words it has (`facets.coverage`)
    # a topic that gives examples ("test-time compute (best-of-N, parallel sampling, etc.)"):
    # the paper's relevance to it without them and to the best of them, the best example's and
    # the head's words in its text, and whether there are examples (`structured.example_signals`)
    "head_relevance",
    "example_relevance",
    "example_words",
    "head_words",
    "has_examples",
)
MODEL_FILE = Path(__file__).with_name("list_model.json")


@dataclass(frozen=True)
class ListModel:
    """A logistic model: P(on the topic) = sigmoid(bias + weights . features)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    note: str = ""

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """One probability per row of features (in `self.features` order).

        >>> ListModel(("a", "b"), (2.0, -1.0), 0.0).probabilities([[1.0, 2.0], [1.0, 0.0]])
        [0.5, 0.8807970779778823]
        """
        if not rows:
            return []
        scores = np.asarray(rows, dtype=float) @ np.asarray(self.weights) + self.bias
        return [1.0 / (1.0 + math.exp(-float(s))) for s in scores]

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(self.features),
                "weights": [round(w, 6) for w in self.weights],
                "bias": round(self.bias, 6),
                "note": self.note,
            },
            indent=1,
        )


# Either kind of model a model file holds: both give `probabilities(rows)`.
Model = ListModel | TreeModel


def read_model(path: str | Path = MODEL_FILE, features: Sequence[str] = FEATURES) -> Model:
    """A model from its JSON file: a logistic model (its "weights") or a tree ensemble (its
    "trees", `assistant/tree_model.py`); InputError naming the file and field when it does not
    fit the features this version computes (`features`: the list model's unless told)."""
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(name, f"cannot read the list model: {exc}") from exc
    expected = tuple(features)
    features = tuple(data.get("features") or ())
    if features != expected:
        raise InputError(name, f"field 'features': expected {list(expected)}, got {list(features)}")
    if "trees" in data:
        try:
            return tree_model_from(data, features)
        except ValueError as exc:
            raise InputError(name, str(exc)) from exc
    weights = tuple(float(w) for w in data.get("weights") or ())
    if len(weights) != len(features):
        raise InputError(
            name, f"field 'weights': {len(weights)} weights for {len(features)} features"
        )
    return ListModel(features, weights, float(data.get("bias", 0.0)), str(data.get("note", "")))


@cache
def shipped_model() -> Model:
    """The model shipped with the package (read once)."""
    return read_model()


def train(
    rows: Sequence[Sequence[float]],
    labels: Sequence[float],
    l2: float = 1.0,
    steps: int = 50,
) -> tuple[tuple[float, ...], float]:
    """(weights, bias) of an L2-regularised logistic regression (Newton's method; the bias is
    not penalised).

    >>> w, b = train([[0.0], [0.2], [0.8], [1.0]], [0, 0, 1, 1], l2=0.01)
    >>> w[0] > 0 and b < 0
    True
    """
    x = np.hstack([np.ones((len(rows), 1)), np.asarray(rows, dtype=float)])
    y = np.asarray(labels, dtype=float)
    penalty = l2 * np.diag(np.r_[0.0, np.ones(x.shape[1] - 1)])
    beta = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ beta)))
        gradient = x.T @ (p - y) + penalty @ beta
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if float(np.abs(step).max()) < 1e-9:
            break
    return tuple(float(v) for v in beta[1:]), float(beta[0])


def train_standardized(
    rows: Sequence[Sequence[float]], labels: Sequence[float], l2: float = 1.0
) -> tuple[tuple[float, ...], float]:
    """(weights, bias) for the raw features, from a model trained on features scaled to mean 0
    and standard deviation 1, so that the L2 penalty weighs every feature alike whatever its
    range (a count of facets beside a share of words).

    >>> w, b = train_standardized([[0.0, 5.0], [0.2, 1.0], [0.8, 4.0], [1.0, 2.0]], [0, 0, 1, 1])
    >>> w[0] > 0
    True
    """
    x = np.asarray(rows, dtype=float)
    mean, spread = x.mean(axis=0), x.std(axis=0)
    spread[spread == 0] = 1.0
    weights, bias = train(((x - mean) / spread).tolist(), labels, l2=l2)
    raw = np.asarray(weights) / spread
    return tuple(float(v) for v in raw), float(bias - raw @ mean)
