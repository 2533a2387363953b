"""A boosted ensemble of decision trees over the list model's features, evaluated with numpy.

The list model (`assistant/list_model.py`) decides which found papers a list states as matches.
A logistic model weighs each signal once, the same for every list; a tree ensemble also reads
how the signals combine: a paper's similarity counts for more when the topic is long and its
key phrase is missing, its place among the others for more when the fits are close. Trained
by `eval/train_list_model.py` (scikit-learn's histogram gradient boosting, a development
dependency only) and shipped as JSON: per tree, its nodes' feature, threshold, children and
leaf values. P(on the topic) = sigmoid(base + the sum of each tree's leaf for the row).
Pure: numpy only.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Tree:
    """One tree: node i splits on feature[i] (row[feature] <= threshold goes left), or is a
    leaf (feature -1) that adds value[i]."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def leaves(self, rows: np.ndarray) -> np.ndarray:
        """The value of the leaf each row ends in.

        >>> t = Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -1.0, 2.0))
        >>> t.leaves(np.array([[0.2], [0.9]])).tolist()
        [-1.0, 2.0]
        """
        feature, threshold = np.asarray(self.feature), np.asarray(self.threshold)
        left, right = np.asarray(self.left), np.asarray(self.right)
        node = np.zeros(len(rows), dtype=int)
        for _ in range(len(self.feature)):
            inner = feature[node] >= 0
            if not inner.any():
                break
            at = node[inner]
            goes_left = rows[inner, feature[at]] <= threshold[at]
            node[inner] = np.where(goes_left, left[at], right[at])
        return np.asarray(self.value)[node]

    def to_dict(self) -> dict[str, list[Any]]:
        # Full precision: a threshold is often a value of the training rows themselves, and
        # rounded it would send a row equal to it the other way.
        return {
            "feature": list(self.feature),
            "threshold": list(self.threshold),
            "left": list(self.left),
            "right": list(self.right),
            "value": list(self.value),
        }


@dataclass(frozen=True)
class TreeModel:
    """P(on the topic) = sigmoid(base + sum of the trees' leaves)."""

    features: tuple[str, ...]
    trees: tuple[Tree, ...]
    base: float
    note: str = ""

    def probabilities(self, rows: Sequence[Sequence[float]]) -> list[float]:
        """One probability per row of features (in `self.features` order).

        >>> stump = Tree((0, -1, -1), (0.5, 0.0, 0.0), (1, 0, 0), (2, 0, 0), (0.0, -2.0, 2.0))
        >>> [round(p, 3) for p in TreeModel(("a",), (stump,), 0.0).probabilities([[0.1], [0.7]])]
        [0.119, 0.881]
        """
        if len(rows) == 0:
            return []
        x = np.asarray(rows, dtype=float)
        if x.ndim != 2 or x.shape[1] != len(self.features):
            raise ValueError(f"rows of {len(self.features)} features expected, got shape {x.shape}")
        scores = np.full(len(x), self.base)
        for tree in self.trees:
            scores += tree.leaves(x)
        return [1.0 / (1.0 + math.exp(-min(max(float(s), -700.0), 700.0))) for s in scores]

    def to_json(self) -> str:
        return json.dumps(
            {
                "features": list(self.features),
                "base": self.base,
                "trees": [t.to_dict() for t in self.trees],
                "note": self.note,
            },
            separators=(",", ":"),
        )


def tree_model_from(data: Mapping[str, Any], features: tuple[str, ...]) -> TreeModel:
    """A TreeModel from its parsed JSON; ValueError naming the field that does not fit."""
    raw_trees = data.get("trees")
    if not isinstance(raw_trees, list) or not raw_trees:
        raise ValueError("field 'trees': a non-empty list of trees expected")
    try:
        base = float(data.get("base", 0.0))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"field 'base': a number expected ({exc})") from exc
    trees = [_tree(k, raw, len(features)) for k, raw in enumerate(raw_trees)]
    return TreeModel(features, tuple(trees), base, str(data.get("note", "")))


def _tree(k: int, raw: Any, width: int) -> Tree:
    """Tree k of a model file, checked: equal node lists, numbers of the right kind, and each
    inner node's children after it (so no walk can loop) and within the tree."""
    where = f"field 'trees[{k}]'"
    if not isinstance(raw, Mapping):
        raise ValueError(f"{where}: an object of node lists expected")
    fields = ("feature", "threshold", "left", "right", "value")
    columns: list[list[Any]] = [c for f in fields if isinstance(c := raw.get(f), list)]
    if len(columns) != len(fields) or len({len(c) for c in columns}) != 1:
        raise ValueError(f"{where}: its node lists are missing or differ in length")
    size = len(columns[0])
    if size == 0:
        raise ValueError(f"{where}: no nodes")
    feature, threshold, left, right, value = columns
    integers = all(isinstance(v, int) and not isinstance(v, bool) for v in feature + left + right)
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in threshold + value)
    if not (integers and numbers):
        raise ValueError(f"{where}: a feature or child is not an integer, or a value not a number")
    for i, f in enumerate(feature):
        if f >= width or f < -1:
            raise ValueError(f"{where}: node {i} reads feature {f} of {width}")
        if f >= 0 and not (i < left[i] < size and i < right[i] < size):
            raise ValueError(f"{where}: node {i}'s children are out of range")
    return Tree(
        tuple(feature), tuple(map(float, threshold)), tuple(left), tuple(right),
        tuple(map(float, value)),
    )  # fmt: skip
