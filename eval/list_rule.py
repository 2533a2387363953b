"""Compare list rules on a question file, through the shipped scoring.

    python eval/list_rule.py [FILE ...] [--home DIR] [--set NAME=V1,V2 ...] [--top N]

For every `multi` question of each FILE (default: the dev set), the list question is retrieved
and its candidates matched through the shipped stages (`pipeline.route`, `pipeline.retrieve`,
`structured.list_candidates`) once. Each combination of the `ListSettings` values given with
--set (default: sure_at x maybe_at) is then applied by the shipped `fitting`
(assistant/structured.py) and scored: recall of the gold papers and precision (gold or
borderline) for the sure part alone and for the whole list. The shipped settings are marked.
Settings that change which candidates are matched (scan, candidates) need a run each. The grid
is applied with the fit rule (`sure_by="fit"`) unless it sets sure_p, the list model's
probability; the list model itself is trained and compared with `eval/train_list_model.py`.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_GRID = {"sure_at": "0.75,0.78,0.8,0.82,0.85", "maybe_at": "0.65,0.7,0.75"}


def _scores(kept: list[str], gold: set[str], ok: set[str]) -> tuple[float, float]:
    recall = len(gold & set(kept)) / len(gold)
    precision = len(ok & set(kept)) / len(kept) if kept else 0.0
    return recall, precision


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings, pipeline
    from assistant.structured import Topic, fitting, list_candidates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=V1,V2")
    parser.add_argument("--top", type=int, help="print only the N best rows by sure recall")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    lists = a.settings.lists
    grid = dict(DEFAULT_GRID) if not args.set else {}
    for item in args.set:
        name, _, values = item.partition("=")
        grid[name] = values
    names = list(grid)
    kinds = {n: type(getattr(lists, n)) for n in names}
    values = [[kinds[n](float(v)) for v in grid[n].split(",")] for n in names]
    questions = [
        q
        for f in args.files
        for q in (json.loads(line) for line in Path(f).read_text().splitlines() if line.strip())
        if q["type"] == "multi"
    ]
    scored = []
    for q in questions:
        question = pipeline.validate(q["question"], a.settings.limits)
        intent = pipeline.route(question)
        context = pipeline.retrieve(a, question, intent)
        found = list_candidates(context, intent.topic, a.judge, lists, a.rarity, intent.verb)
        gold = set(q["gold_titles"])
        topic = Topic(intent.topic, intent.verb)
        scored.append((topic, found, gold, gold | set(q.get("borderline_titles", []))))
    print(f"{len(questions)} list questions from {', '.join(Path(f).name for f in args.files)}")
    table = []
    for combo in itertools.product(*values):
        by = {"sure_by": "model"} if "sure_p" in names else {"sure_by": "fit"}
        rule = lists.model_copy(update=by | dict(zip(names, combo, strict=True)))
        rows = []
        for topic, found, gold, ok in scored:
            sure, maybe = fitting(topic, found, rule, a.rarity)
            certain = [m.paper.title for m in sure]
            kept = certain + [m.paper.title for m in maybe]
            rows.append((*_scores(certain, gold, ok), *_scores(kept, gold, ok), len(kept)))
        mean = [statistics.fmean(col) for col in zip(*rows, strict=True)]
        shipped = by["sure_by"] == lists.sure_by and all(
            getattr(lists, n) == v for n, v in zip(names, combo, strict=True)
        )
        table.append((combo, shipped, mean))
    if args.top:
        table = sorted(table, key=lambda row: -row[2][0])[: args.top]
    print(
        "| " + " | ".join(names) + " | sure recall | sure precision | recall | precision | papers |"
    )
    print("|" + "---|" * (len(names) + 5))
    for combo, shipped, mean in table:
        cells = [f"{v:g}" for v in combo]
        if shipped:
            cells[0] += " (shipped)"
        print(
            "| "
            + " | ".join(cells)
            + " | "
            + " | ".join(f"{v:.2f}" for v in mean[:4])
            + f" | {mean[4]:.1f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
