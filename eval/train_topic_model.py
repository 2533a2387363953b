"""Train the topic model (`assistant/topic_model.py`) on labelled list questions and check it by
leaving one question file out at a time.

    python eval/train_topic_model.py [FILE ...] [--home DIR] [--l2 X] [--at P,P,...] [--write]

Every question of each FILE (default: the seen sets) that routes as a list and is `multi` (its
topic is present) or `unanswerable` (absent) is routed, retrieved and its candidates matched
through the shipped stages (`pipeline.route`, `pipeline.retrieve`, `structured.list_candidates`).
Questions the fit floor or the facet rule already declines are left out: the model only decides
the rest. Each remaining list's features (`structured.list_signals`) are labelled 1 for an absent
topic, 0 for a present one. Then, for each FILE, a model trained on the others scores that file's
lists; the table counts, at each probability in --at, the absent topics it declines and the
present ones it wrongly declines (as shipped: only topics whose facets no close paper has
together, `topic_model.declines`). --write trains on all files and writes
`assistant/topic_model.json`, naming the files and the cross-validated counts.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from list_cases import SEEN, routed_lists, write_model  # noqa: E402


@dataclass
class Case:
    file: str
    qid: str
    absent: bool
    row: list[float]


def main(argv: list[str] | None = None) -> int:
    from assistant import Assistant, Settings
    from assistant.list_model import ListModel, train_standardized
    from assistant.structured import close_matches, fitting, list_signals, missing_facets
    from assistant.topic_model import FEATURES, declines

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = [str(ROOT / "eval" / "questions" / f"{name}.jsonl") for name in SEEN]
    parser.add_argument("files", nargs="*", default=default)
    parser.add_argument("--home", help="assistant home (default: ASSISTANT_HOME or ~)")
    parser.add_argument("--l2", type=float, default=3.0, help="L2 penalty (default 3)")
    parser.add_argument("--at", default="0.5,0.6,0.7,0.8,0.9", help="absent_p values to count")
    parser.add_argument("--write", action="store_true", help="write assistant/topic_model.json")
    args = parser.parse_args(argv)
    a = Assistant(Settings(home=args.home) if args.home else Settings())
    lists = a.settings.lists
    cases: list[Case] = []
    before = {"absent": 0, "present": 0}
    for case in routed_lists(a, args.files, ("multi", "unanswerable")):
        absent = case.question["type"] == "unanswerable"
        found, topic, fits = case.found, case.topic, case.fits
        best, close = close_matches(found, topic, lists, a.rarity, fits)
        sure, _ = fitting(topic, found, lists, a.rarity, fits)
        if not sure or best < lists.floor or missing_facets(case.intent, close, lists, a.rarity):
            before["absent" if absent else "present"] += 1
            continue
        row = list_signals(found, close, topic, lists, a.rarity, fits)
        cases.append(Case(case.file, case.question["id"], absent, row))

    def fitted(train_on: list[Case]) -> ListModel:
        weights, bias = train_standardized(
            [c.row for c in train_on], [float(c.absent) for c in train_on], l2=args.l2
        )
        return ListModel(FEATURES, weights, bias)

    files = list(dict.fromkeys(c.file for c in cases))
    held = {f: fitted([c for c in cases if c.file != f]) for f in files}

    def declined(c: Case, p: float) -> bool:
        return declines(c.row, p, held[c.file])

    absent = sum(c.absent for c in cases)
    present = len(cases) - absent
    print(
        f"already declined by the fit floor and the facet rule: {before['absent']} absent, "
        f"{before['present']} present; left to the model: {absent} absent, {present} present"
    )
    print("| absent_p | absent declined | present declined (wrongly) |\n|---|---|---|")
    counts = {}
    for p in [float(v) for v in args.at.split(",")]:
        hit = [c for c in cases if c.absent and declined(c, p)]
        wrong = [c for c in cases if not c.absent and declined(c, p)]
        counts[p] = f"{len(hit)} of {absent} absent, {len(wrong)} of {present} present"
        named = ", ".join(f"{c.file}:{c.qid}" for c in wrong)
        print(f"| {p} | {len(hit)} of {absent} | {len(wrong)} of {present} {named} |")
    if args.write:
        model = fitted(cases)
        note = (
            f"Trained on {len(cases)} list questions of {', '.join(files)} that the fit floor and "
            f"the facet rule let through (l2 {args.l2}); declined at each absent_p, each file "
            f"scored by a model trained on the others: {json.dumps(counts)}. "
            "`python eval/train_topic_model.py --write`"
        )
        write_model(model, note, "topic_model.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
