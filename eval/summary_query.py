"""Where a summary request's paper ranks when retrieved by the whole question or by its
description alone.

    python eval/summary_query.py [FILE ...] [--home DIR] [--top N]

For every `summary` question of each FILE (default: the dev set), the assistant's retriever is
asked twice: with the question as written ("Summarize in two sentences the paper that ...") and
with what describes the paper (`asks.summary_subject`, which `pipeline.retrieve` uses). Prints
each question whose gold paper moves, then how many gold papers rank first and within --top
(default 5) each way.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings
    from assistant.asks import summary_subject
    from assistant.evaluation.schema import load_questions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--top", type=int, default=5)
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    depth = max(10, args.top)

    def rank(query: str, gold: tuple[str, ...]) -> int | None:
        titles = [s.title for s in a.retrieve(query, top_k=depth)]
        return min((titles.index(g) + 1 for g in gold if g in titles), default=None)

    ranks: dict[str, list[int | None]] = {"question": [], "description": []}
    for name in args.files:
        for q in load_questions(name):
            if q.type != "summary":
                continue
            whole = rank(q.question, q.gold_titles)
            alone = rank(summary_subject(q.question), q.gold_titles)
            ranks["question"].append(whole)
            ranks["description"].append(alone)
            if whole != alone:
                print(f"{Path(name).name} {q.id}: rank {whole} -> {alone}")
    for way, found in ranks.items():
        first = sum(r == 1 for r in found)
        top = sum(r is not None and r <= args.top for r in found)
        print(f"by the {way}: first {first}/{len(found)}, top {args.top} {top}/{len(found)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
