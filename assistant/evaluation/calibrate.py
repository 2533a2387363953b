"""How well does the support judge agree with people? Score it on hand-labelled pairs.

    python -m assistant.evaluation.calibrate [--labels FILE] [--json]

Each line of the labels file is {"id", "sentence", "passage", "supported": bool, "note"}. The
report gives accuracy and Cohen's kappa at the judge's own threshold, and the threshold that
would have scored best on these labels; it never changes the judge's default.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, InputError
from assistant.resources import REPO_DIR

from . import metrics as m
from .schema import json_lines

DEFAULT_LABELS = REPO_DIR / "eval" / "judge_labels.jsonl"
GRID = [round(0.30 + 0.01 * i, 2) for i in range(61)]  # 0.30 .. 0.90


def load_labels(path: str | Path) -> list[dict[str, Any]]:
    """Read hand labels; a bad line raises InputError naming file:line and the field."""
    name = str(path)
    labels = []
    for lineno, row in json_lines(path, "label"):
        if not isinstance(row, dict):
            raise InputError(name, "expected a JSON object", lineno)
        for key in ("sentence", "passage"):
            if not isinstance(row.get(key), str) or not row[key].strip():
                raise InputError(name, f"field {key!r}: must be a non-empty string", lineno)
        if not isinstance(row.get("supported"), bool):
            raise InputError(name, "field 'supported': must be true or false", lineno)
        labels.append({"id": str(row.get("id", lineno)), "note": row.get("note", ""), **row})
    if not labels:
        raise InputError(name, "no labelled pairs found")
    return labels


def agreement(scores: Sequence[float], labels: Sequence[bool], threshold: float) -> dict[str, Any]:
    """Accuracy and kappa of `score >= threshold` against the labels.

    scores [0.9, 0.4, 0.7], labels [T, F, F], threshold 0.6 -> predictions [T, F, T]:
    accuracy 2/3, kappa (2/3 - 4/9) / (1 - 4/9) = 0.4.
    """
    predicted = [s >= threshold for s in scores]
    return {
        "threshold": threshold,
        "accuracy": m.accuracy(predicted, list(labels)),
        "kappa": m.cohen_kappa(predicted, list(labels)),
    }


def best_threshold(
    scores: Sequence[float],
    labels: Sequence[bool],
    grid: Sequence[float] = GRID,
    prefer: float | None = None,
) -> dict[str, Any]:
    """The grid threshold with the best accuracy; ties go to kappa, then closeness to `prefer`.

    scores [0.9, 0.7, 0.4], labels [T, T, F] over grid [0.3, 0.5, 0.8] -> 0.5 (accuracy 1.0).
    """

    def key(t: float) -> tuple[float, float, float]:
        result = agreement(scores, labels, t)
        distance = abs(t - prefer) if prefer is not None else t
        return (result["accuracy"] or 0.0, result["kappa"] or 0.0, -distance)

    return agreement(scores, labels, max(grid, key=key))


def held_out_accuracy(
    scores: Sequence[float], labels: Sequence[bool], grid: Sequence[float] = GRID
) -> float:
    """Leave-one-out accuracy of choosing the threshold on the labels: each pair is judged at the
    threshold that fits the other pairs best, so the figure is not flattered by the choice.

    scores [0.9, 0.7, 0.3, 0.2], labels [T, T, F, F] over grid [0.35, 0.5, 0.85] -> 1.0.
    """
    right = 0
    for i, (score, label) in enumerate(zip(scores, labels, strict=True)):
        rest_scores = [s for k, s in enumerate(scores) if k != i]
        rest_labels = [lab for k, lab in enumerate(labels) if k != i]
        threshold = best_threshold(rest_scores, rest_labels, grid)["threshold"]
        right += (score >= threshold) == label
    return right / len(scores) if scores else 0.0


def calibrate_judge(judge: Any, labels_path: str | Path = DEFAULT_LABELS) -> dict[str, Any]:
    """Score every labelled pair with the judge and report its agreement with the labels.

    Returns {"judge", "n", "supported", "at_default": {threshold, accuracy, kappa},
    "best": {threshold, accuracy, kappa}, "wrong": [pairs misjudged at the default threshold]}.
    """
    rows = load_labels(labels_path)
    scores = judge.score([(r["sentence"], r["passage"]) for r in rows])
    labels = [r["supported"] for r in rows]
    wrong = [
        {
            "id": r["id"],
            "label": r["supported"],
            "score": round(s, 3),
            "sentence": r["sentence"],
            "passage": r["passage"],
            "note": r["note"],
        }
        for r, s in zip(rows, scores, strict=True)
        if (s >= judge.threshold) != r["supported"]
    ]
    return {
        "judge": judge.name,
        "labels": str(labels_path),
        "n": len(rows),
        "supported": sum(labels),
        "at_default": agreement(scores, labels, judge.threshold),
        "best": best_threshold(scores, labels, prefer=judge.threshold),
        "held_out_accuracy": round(held_out_accuracy(scores, labels), 3),
        "wrong": wrong,
    }


def format_report(result: dict[str, Any]) -> str:
    """A short plain-text view of `calibrate_judge`'s result."""

    def line(name: str, r: dict[str, Any]) -> str:
        kappa = "undefined" if r["kappa"] is None else f"{r['kappa']:.3f}"
        return (
            f"{name:<18} threshold {r['threshold']:.2f}  accuracy {r['accuracy']:.3f}  "
            f"kappa {kappa}"
        )

    out = [
        f"judge {result['judge']} on {result['n']} labelled pairs "
        f"({result['supported']} supported) from {result['labels']}",
        line("default threshold", result["at_default"]),
        line("best on labels", result["best"]),
        f"held-out accuracy  {result['held_out_accuracy']:.3f} "
        "(leave-one-out: each pair judged at the threshold best for the others)",
        f"misjudged at the default threshold: {len(result['wrong'])}",
    ]
    for w in result["wrong"]:
        truth = "supported" if w["label"] else "unsupported"
        out.append(f"  {w['id']}: labelled {truth}, score {w['score']:.3f} ({w['note']})")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant.evaluation.calibrate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--labels", default=str(DEFAULT_LABELS), help="hand-labelled JSONL")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    from assistant.api import Assistant

    try:
        load_labels(args.labels)  # fail on a bad file before loading the embedding model
        result = calibrate_judge(Assistant().judge, args.labels)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(result, indent=2, ensure_ascii=False) if args.json else format_report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
