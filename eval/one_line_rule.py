"""Which line a one-sentence summary should be: the facts each rule's line states.

    python eval/one_line_rule.py [FILE ...] [--home DIR]

For every `summary` question of each FILE (default: every question file but fresh-36, the set
this round reported on) that asks for one sentence, the gold paper's summary lines
(`composed.summary_pool`) are scored by the share of the question's answer facts each states.
Prints the mean for the rule answers use (`composed.shortened` at room 1: the line worth most),
for the line saying what the paper does (`composed.ranked`'s first), and for the best single
line (the ceiling).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings
    from assistant.asks import requested_length
    from assistant.composed import ranked, shortened, summary_pool
    from assistant.evaluation.metrics import fact_coverage
    from assistant.evaluation.schema import load_questions
    from assistant.summaries import abstract_sentences

    default = sorted(
        str(p) for p in (ROOT / "eval/questions").glob("*.jsonl") if p.stem != "fresh-36"
    )
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=default)
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    by_title = {p.title: p for p in a.papers()}
    scores: dict[str, list[float]] = {"line worth most (used)": [], "what it does": [], "best": []}
    for file in args.files:
        for q in load_questions(Path(file)):
            if q.type != "summary" or requested_length(q.question) != 1 or not q.gold_titles:
                continue
            paper = by_title.get(q.gold_titles[0])
            if paper is None:
                continue
            abstract = abstract_sentences(paper)
            pool = summary_pool([], abstract) or abstract
            used = shortened(pool, 1, abstract, q.question)[0]
            head = ranked(pool, abstract, q.question)[0]
            scores["line worth most (used)"].append(fact_coverage(used, q.answer_facts))
            scores["what it does"].append(fact_coverage(head, q.answer_facts))
            scores["best"].append(max(fact_coverage(x, q.answer_facts) for x in pool))
    for name, values in scores.items():
        mean = statistics.fmean(values) if values else float("nan")
        print(f"{name:24s} {mean:.2f} over {len(values)} one-sentence summaries")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
