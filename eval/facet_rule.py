"""How many list questions the facet rule declines, per facet_words value.

    python eval/facet_rule.py [FILE ...] [--home DIR] [--words 0,4,6,8] [--phrase 0,5,6,7]
                              [--singles 0,1,2]

For every question of each FILE (default: the dev set) that routes as a list, the topic is
retrieved and its papers' fits computed through the shipped stages (`pipeline.route`,
`pipeline.retrieve`, `structured.list_candidates`, `structured.fit`). A question the fit floor
already declines is counted as declined at every value. For each facet_words value, the script
counts the questions the facet rule (`structured.missing_facets`) would decline: unanswerable
ones (absent topics: declining is right) and the others (present topics: declining is wrong).
With --phrase, the values are those of phrase_facet_words (topics whose facets are all phrases)
and facet_words stays as shipped; with --singles, those of phrase_facet_singles (how many
one-word facets such a topic may have), the others as shipped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings, pipeline
    from assistant.evaluation.schema import load_questions
    from assistant.facets import facets
    from assistant.structured import (
        Topic,
        close_matches,
        fitting,
        list_candidates,
        missing_facets,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", default=[str(ROOT / "eval/questions/dev.jsonl")])
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--words", default="0,4,5,6,7,8", help="facet_words values to count")
    parser.add_argument(
        "--phrase",
        default="",
        help="phrase_facet_words values to count instead, at the shipped facet_words",
    )
    parser.add_argument(
        "--singles",
        default="",
        help="phrase_facet_singles values to count instead, the others as shipped",
    )
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    key = (
        "phrase_facet_singles"
        if args.singles
        else "phrase_facet_words"
        if args.phrase
        else "facet_words"
    )
    values = [int(v) for v in (args.singles or args.phrase or args.words).split(",")]
    floor: dict[str, int] = {"absent": 0, "present": 0}
    declined = {v: {"absent": 0, "present": 0} for v in values}
    totals = {"absent": 0, "present": 0}
    for name in args.files:
        for q in load_questions(name):
            intent = pipeline.route(q.question)
            if intent.kind != "list" or q.type not in ("multi", "unanswerable"):
                continue
            kind = "present" if q.answerable else "absent"
            totals[kind] += 1
            s = a.settings.lists
            context = pipeline.retrieve(a, q.question, intent)
            found = list_candidates(context, intent.topic, a.judge, s, a.rarity, intent.verb)
            topic = Topic(intent.topic, intent.verb)
            best, close = close_matches(found, topic, s, a.rarity)
            sure, _ = fitting(topic, found, s, a.rarity)
            marks = []
            if not sure or best < s.floor:
                floor[kind] += 1
                marks.append("floor")
            else:
                for v in values:
                    rule = s.model_copy(update={key: v})
                    if missing_facets(intent, close, rule, a.rarity):
                        declined[v][kind] += 1
                        marks.append(str(v))
            shown = " | ".join(facets(intent.topic, intent.verb, a.rarity))
            print(
                f"{Path(name).stem}:{q.id:6} {kind:7} declined at {','.join(marks) or '-':12} {shown}"
            )
    print(f"\n{totals['absent']} absent topics, {totals['present']} present ones")
    print(f"fit floor declines: {floor['absent']} absent, {floor['present']} present")
    for v in values:
        d = declined[v]
        print(f"{key}={v}: also declines {d['absent']} absent, {d['present']} present")
    return 0


if __name__ == "__main__":
    sys.exit(main())
