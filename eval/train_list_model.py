"""Train the list model (`assistant/list_model.py`) on labelled list questions and check it by
leaving one question file out at a time.

    python eval/train_list_model.py [FILE ...] [--home DIR] [--kind trees|logistic] [--l2 X]
        [--at P,P,...] [--held FILE ...] [--write]

For every `multi` question of each FILE (default: every seen set with lists) the question is
routed, retrieved and its candidates matched through the shipped stages (`pipeline.route`,
`pipeline.retrieve`, `structured.list_candidates`), and each found paper's features
(`structured.signals`) are labelled: 1 for a gold paper, 0 for an off-topic one; borderline
papers are left out of training. Then, for each FILE, a model trained on the other files
chooses that file's sure matches through the shipped `structured.fitting`; the table gives
sure recall and sure precision (gold or borderline) per file and over all questions at each
probability in --at, beside the fit rule (`sure_by="fit"`). --write trains on all files and
writes `assistant/list_model.json`, naming the files and the cross-validated scores. --held
FILE ... scores those files' lists with the model trained on all of FILES (never on them),
as a set written later meets the shipped model.

--kind trees (the default) trains a boosted tree ensemble (`assistant/tree_model.py`) with
scikit-learn's HistGradientBoostingClassifier (fixed settings, `TREE_SETTINGS`, and seed) and
writes its trees; --kind logistic the L2-regularised logistic model (`list_model.train`).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from list_cases import SEEN, routed_lists, write_model  # noqa: E402


@dataclass
class Case:
    file: str
    gold: set[str]
    ok: set[str]
    topic: object
    found: list
    fits: dict[str, float]
    rows: list[list[float]]
    labels: list[float | None]


# The tree ensemble's settings: chosen once by leaving one file out over the 566 list questions
# of the files up to fresh-37 and checked on fresh-38 and fresh-39 (`eval/README.md`); no
# early stopping, so the same rows give the same trees.
TREE_SETTINGS = {
    "max_iter": 200,
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "min_samples_leaf": 40,
    "l2_regularization": 1.0,
    "early_stopping": False,
    "random_state": 0,
}


def train_trees(rows: list[list[float]], labels: list[float], features: tuple[str, ...]):
    """A TreeModel from scikit-learn's gradient boosting on (rows, labels): its trees' nodes
    copied out, so that the package evaluates them with numpy alone."""
    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier

    from assistant.tree_model import Tree, TreeModel

    booster = HistGradientBoostingClassifier(**TREE_SETTINGS)
    booster.fit(np.asarray(rows, dtype=float), np.asarray(labels, dtype=int))
    trees = []
    for (predictor,) in booster._predictors:  # one tree per iteration for two classes
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        trees.append(
            Tree(
                tuple(
                    -1 if is_leaf else int(f)
                    for f, is_leaf in zip(nodes["feature_idx"], leaf, strict=True)
                ),
                tuple(float(t) for t in nodes["num_threshold"]),
                tuple(int(c) for c in nodes["left"]),
                tuple(int(c) for c in nodes["right"]),
                tuple(
                    float(v) if is_leaf else 0.0
                    for v, is_leaf in zip(nodes["value"], leaf, strict=True)
                ),
            )
        )
    base = float(np.ravel(booster._baseline_prediction)[0])
    return TreeModel(features, tuple(trees), base)


def _scores(cases: list[Case], chosen: list[list[str]]) -> tuple[float, float]:
    recall = [len(c.gold & set(t)) / len(c.gold) for c, t in zip(cases, chosen, strict=True)]
    precision = [len(c.ok & set(t)) / len(t) for c, t in zip(cases, chosen, strict=True) if t]
    return statistics.fmean(recall), statistics.fmean(precision) if precision else 0.0


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings
    from assistant.list_model import FEATURES, ListModel, train
    from assistant.structured import fitting, signals

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = [str(ROOT / "eval" / "questions" / f"{name}.jsonl") for name in SEEN]
    parser.add_argument("files", nargs="*", default=default)
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--kind", choices=("trees", "logistic"), default="trees")
    parser.add_argument("--l2", type=float, default=1.0, help="logistic L2 penalty (default 1)")
    parser.add_argument("--at", default="0.3,0.35,0.4,0.45,0.5", help="sure_p values to score")
    parser.add_argument("--write", action="store_true", help="write assistant/list_model.json")
    parser.add_argument(
        "--held",
        nargs="*",
        default=[],
        help="question files scored by a model trained on FILES alone (never trained on)",
    )
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    lists = a.settings.lists
    cases: list[Case] = []
    held_out = [str(Path(h)) for h in args.held]
    held_names = {Path(h).stem for h in held_out}
    for case in routed_lists(a, [*args.files, *held_out], ("multi",)):
        q, found = case.question, case.found
        gold, border = set(q["gold_titles"]), set(q["borderline_titles"])
        labels = [
            1.0 if m.paper.title in gold else None if m.paper.title in border else 0.0
            for m in found
        ]
        rows = signals(found, case.topic, lists, a.rarity, case.fits)
        cases.append(
            Case(case.file, gold, gold | border, case.topic, found, case.fits, rows, labels)
        )

    def fitted(train_on: list[Case]):
        pairs = [(r, y) for c in train_on for r, y in zip(c.rows, c.labels, strict=True)]
        kept = [(r, y) for r, y in pairs if y is not None]
        rows, labels = [r for r, _ in kept], [y for _, y in kept]
        if args.kind == "trees":
            return train_trees(rows, labels, FEATURES)
        weights, bias = train(rows, labels, l2=args.l2)
        return ListModel(FEATURES, weights, bias)

    def chosen(case: Case, rule, model) -> list[str]:
        sure, _ = fitting(case.topic, case.found, rule, a.rarity, case.fits, model=model)
        return [m.paper.title for m in sure]

    training = [c for c in cases if c.file not in held_names]
    files = list(dict.fromkeys(c.file for c in training))
    held = {f: fitted([c for c in training if c.file != f]) for f in files}
    if held_names:  # scored by the model of all the training files, as shipped
        alone = fitted(training)
        held |= {f: alone for f in held_names}
    fit_rule = lists.model_copy(update={"sure_by": "fit"})
    at = [float(v) for v in args.at.split(",")]
    header = ["file", "lists", "fit rule"] + [f"model {p}" for p in at]
    print("| " + " | ".join(header) + " |\n|" + "---|" * len(header))
    summary = {}
    groups = files + ["all"] + ([*sorted(held_names), "held"] if held_names else [])
    for f in groups:
        some = [
            c
            for c in (cases if f == "held" or f in held_names else training)
            if f in ("all", c.file) or (f == "held" and c.file in held_names)
        ]
        cells = [_scores(some, [chosen(c, fit_rule, None) for c in some])]
        for p in at:
            rule = lists.model_copy(update={"sure_by": "model", "sure_p": p})
            cells.append(_scores(some, [chosen(c, rule, held[c.file]) for c in some]))
        shown = [f"{r:.2f} at {p:.2f}" for r, p in cells]
        print(f"| {f} | {len(some)} | " + " | ".join(shown) + " |")
        if f == "all":
            summary = {"fit rule": shown[0]} | {
                f"model {p}": s for p, s in zip(at, shown[1:], strict=True)
            }
    if args.write:
        model = fitted(training)
        note = (
            f"Trained on {len(training)} list questions of {', '.join(files)} "
            f"({'trees ' + json.dumps(TREE_SETTINGS) if args.kind == 'trees' else f'logistic, l2 {args.l2}'}); sure recall at sure precision, each file scored by a model trained "
            f"on the others: {json.dumps(summary)}. `python eval/train_list_model.py --write`"
        )
        write_model(model, note, "list_model.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
