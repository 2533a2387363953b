"""How much of what a question describes the paper chosen to answer it holds.

    python eval/describe_floor.py [FILE ...] [--home DIR] [--floor X]

For every single-paper question (factoid, unanswerable; not lists, metadata or summary requests,
which the floor leaves alone) of each
FILE (default: the dev set), the question is routed, retrieved and composed through the shipped
stages (`pipeline.route`, `pipeline.retrieve`, `compose.compose`) with the floor switched off,
and the chosen paper's share of the question's identifying words (rarity-weighted,
`compose.description_share`) is printed. Then, per type: how many fall below --floor (default:
the shipped `compose.describe_floor`). Answerable questions below it would be refused; the
unanswerable ones below it are declined as "no indexed abstract is about it".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings, pipeline
    from assistant.asks import parse_asks
    from assistant.compose import _paper_text, compose, description_share
    from assistant.evaluation.schema import load_questions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--floor", type=float, help="default: the shipped describe_floor")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    floor = a.settings.compose.describe_floor if args.floor is None else args.floor
    off = a.settings.compose.model_copy(update={"describe_floor": 0.0})
    shares: dict[str, list[tuple[float, str]]] = {}
    for name in args.files:
        for q in load_questions(name):
            intent = pipeline.route(q.question)
            if q.type in ("multi", "metadata") or intent.kind != "plain":
                continue
            asks = parse_asks(q.question)
            if asks.summary:
                continue
            context = pipeline.retrieve(a, q.question, intent)
            chosen = compose(asks, context.sources, context.papers, a.judge, off, a.rarity).paper
            if chosen is None:
                continue
            share = description_share(asks, _paper_text(chosen, context.papers), a.rarity)
            kind = "answerable" if q.answerable else "unanswerable"
            shares.setdefault(kind, []).append((share, f"{Path(name).stem}:{q.id}"))
            print(f"{share:.2f}  {kind:12}  {Path(name).stem}:{q.id}  {q.question[:70]}")
    print(f"\nfloor {floor:.2f}")
    for kind, values in sorted(shares.items()):
        below = sorted(v for v in values if v[0] < floor)
        lowest = min(v[0] for v in values)
        print(
            f"{kind}: {len(below)} of {len(values)} below (lowest {lowest:.2f}): "
            + ", ".join(f"{i} {s:.2f}" for s, i in below)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
