"""How far a better cut could take lists: the best recall any cut of the shipped ranking reaches.

    python eval/list_ceiling.py [FILE ...] [--home DIR] [--precision P]

For every `multi` question of each FILE (default: the dev set) that routes as a list, the list
is retrieved and its candidates matched through the shipped stages (`eval/list_cases.py`), and
the found papers are ranked as the shipped list is, by the list model's probability
(`structured.signals`, `list_model.shipped_model`). For each list the script finds the cut of
that ranking with the most gold papers among those whose precision (gold or borderline) is at
least P, as if the list knew where to stop. It prints that recall per file and over all lists,
beside the shipped lists' sure recall and precision (declines included). When the cut ceiling
is below a goal, no choice of how many papers to state reaches it: the ranking itself has to
get better.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from list_cases import routed_lists  # noqa: E402


def best_cut(ranked: list[str], gold: set[str], ok: set[str], precision: float) -> float:
    """The most of `gold` a prefix of `ranked` holds at `precision` or better (0 when none).

    >>> best_cut(["a", "x", "b", "c"], {"a", "b", "c"}, {"a", "b", "c"}, 0.75)
    1.0
    >>> best_cut(["x", "a"], {"a", "b"}, {"a", "b"}, 0.85)
    0.0
    """
    best, hits = 0.0, 0
    for k, title in enumerate(ranked, start=1):
        hits += title in ok
        if hits / k >= precision:
            best = max(best, len(gold & set(ranked[:k])) / len(gold))
    return best


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings
    from assistant.list_model import shipped_model
    from assistant.structured import list_answer, signals

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--precision", type=float, default=0.85, help="precision (0.85)")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    lists = a.settings.lists
    rows: dict[str, list[tuple[float, float, float | None]]] = {}
    for case in routed_lists(a, args.files, ("multi",)):
        q = case.question
        gold, ok = set(q["gold_titles"]), set(q["gold_titles"]) | set(q["borderline_titles"])
        chance = shipped_model().probabilities(
            signals(case.found, case.topic, lists, a.rarity, case.fits)
        )
        ranked = [
            m.paper.title
            for _, m in sorted(zip(chance, case.found, strict=True), key=lambda x: -x[0])
        ]
        answer = list_answer(
            case.context,
            case.intent,
            a.judge,
            lists,
            a.settings.abstention.min_similarity,
            a.rarity,
        )
        sure = {c.title for c in answer.citations if not c.weak}
        precision = len(sure & ok) / len(sure) if sure else None
        shipped = (len(sure & gold) / len(gold), precision)
        rows.setdefault(case.file, []).append(
            (best_cut(ranked, gold, ok, args.precision), *shipped)
        )
    print(f"| file | lists | shipped sure recall at precision | best cut at {args.precision} |")
    print("|---|---|---|---|")
    everything = [r for file_rows in rows.values() for r in file_rows]
    for name, some in [*rows.items(), ("all", everything)]:
        ceiling = statistics.fmean(r[0] for r in some)
        recall = statistics.fmean(r[1] for r in some)
        kept = [r[2] for r in some if r[2] is not None]
        precision = statistics.fmean(kept) if kept else 0.0
        print(f"| {name} | {len(some)} | {recall:.2f} at {precision:.2f} | {ceiling:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
