"""Compare cut-offs for list answers on a question file, through the shipped scoring.

    python eval/list_rule.py [FILE ...] [--home DIR]

For every `multi` question of each FILE (default: the dev set), the list question is retrieved
through the shipped stages (`pipeline.route`, `pipeline.retrieve`, `structured.list_candidates`).
Each pair of cut-offs (sure, maybe) is then applied by the shipped `fitting`
(assistant/structured.py) and scored: recall of the gold papers and precision (gold or
borderline) for the sure part alone and for the whole list. The shipped pair is marked.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SURE = (0.78, 0.8, 0.82, 0.85, 0.88)
MAYBE = (0.65, 0.7, 0.75)


def _scores(kept: list[str], gold: set[str], ok: set[str]) -> tuple[float, float]:
    recall = len(gold & set(kept)) / len(gold)
    precision = len(ok & set(kept)) / len(kept) if kept else 0.0
    return recall, precision


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings, pipeline
    from assistant.structured import fitting, list_candidates

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    lists = a.settings.lists
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
        found = list_candidates(context, intent.topic, a.judge, lists, a.rarity)
        gold = set(q["gold_titles"])
        scored.append((intent.topic, found, gold, gold | set(q.get("borderline_titles", []))))
    print(f"{len(questions)} list questions from {', '.join(Path(f).name for f in args.files)}")
    print("| sure x | maybe x | sure recall | sure precision | recall | precision | papers |")
    print("|---|---|---|---|---|---|---|")
    for sure_at in SURE:
        for maybe_at in MAYBE:
            rows = []
            for topic, found, gold, ok in scored:
                rule = lists.model_copy(update={"sure_at": sure_at, "maybe_at": maybe_at})
                sure, maybe = fitting(topic, found, rule, a.rarity)
                certain = [m.paper.title for m in sure]
                kept = certain + [m.paper.title for m in maybe]
                rows.append((*_scores(certain, gold, ok), *_scores(kept, gold, ok), len(kept)))
            mean = [statistics.fmean(col) for col in zip(*rows, strict=True)]
            shipped = (sure_at, maybe_at) == (lists.sure_at, lists.maybe_at)
            print(
                f"| {sure_at}{' (shipped)' if shipped else ''} | {maybe_at} | "
                + " | ".join(f"{v:.2f}" for v in mean[:4])
                + f" | {mean[4]:.1f} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
