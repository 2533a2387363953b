"""Replay the dev set's generated answers to see when generation could stop early.

    python eval/stop_rule.py record [--out FILE]     # generate every answer, full budget
    python eval/stop_rule.py replay [FILE]           # apply the stop rule to what was recorded

`record` asks every dev question through the public pipeline with the default models and keeps,
for each answer that was generated (not a list, metadata or abstention), the model's text piece
by piece with the time each piece arrived. `replay` feeds each recording to the answer pipeline
(assistant/answer.py: stream_answer, with its stop rule) in place of the model: how many final
answers are unchanged, and how much generation time the stop saves.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = ROOT / "eval" / "reports" / "stop-rule" / "streams.jsonl"


def _assistant(home: str | None):
    from assistant import Assistant, Settings

    return Assistant(Settings(home=home) if home else Settings())


def record(args: argparse.Namespace) -> int:
    import assistant.api as api
    from assistant.answer import stream_answer

    rows = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    a = _assistant(args.home)
    captured: dict = {}

    def recording(context, messages, generator, judge, max_new_tokens, **kw):
        pieces: list[tuple[str, float]] = []
        captured["pieces"] = pieces  # filled as the reply streams (ask() stops at the Answer)

        class Timed:
            def stream(self, m, n):
                start = time.perf_counter()
                for piece in generator.stream(m, n):
                    pieces.append((piece, time.perf_counter() - start))
                    yield piece

        kw["stop_early"] = False  # the whole reply, so that replay can cut it anywhere
        yield from stream_answer(context, messages, Timed(), judge, max_new_tokens, **kw)

    api.stream_answer = recording  # the pipeline as it is, with the model's stream timed
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as f:
        for row in rows[: args.limit]:
            captured.clear()
            answer = a.ask(row["question"])
            if not captured.get("pieces"):
                continue  # answered without generating (list, metadata, abstention)
            record_ = {
                "id": row["id"],
                "question": row["question"],
                "mode": answer.mode,
                "text": answer.text,
                "pieces": captured["pieces"],
            }
            f.write(json.dumps(record_) + "\n")
            f.flush()
            print(row["id"], answer.mode, f"{captured['pieces'][-1][1]:.1f}s", flush=True)
    return 0


def replay(args: argparse.Namespace) -> int:
    from assistant.answer import Answer, Context, stream_answer

    a = _assistant(args.home)
    rows = [json.loads(line) for line in Path(args.file).read_text().splitlines() if line]
    same, saved, full, stopped = 0, 0.0, 0.0, 0
    changed = []
    for row in rows:
        sources = a.retrieve(row["question"])
        context = Context(row["question"], sources, a.store.get_papers(s.paper_id for s in sources))
        read: list[float] = []  # when each piece the pipeline asked for had arrived

        class Replayed:
            def stream(self, m, n, recorded=row["pieces"], read=read):
                for piece, at in recorded:
                    read.append(at)
                    yield piece

        # The shipped pipeline, stop rule included, on the recorded reply.
        items = list(
            stream_answer(
                context,
                a._messages,
                Replayed(),
                a.judge,
                a.settings.max_new_tokens,
                abstain_below=a.settings.abstain_similarity,
            )
        )
        answer = items[-1]
        assert isinstance(answer, Answer)
        total = row["pieces"][-1][1]
        full += total
        if len(read) < len(row["pieces"]):
            stopped += 1
            saved += total - read[-1]
        if answer.text == row["text"]:
            same += 1
        else:
            changed.append((row["id"], row["mode"], answer.mode, row["text"], answer.text))
    n = len(rows)
    print(f"answers replayed: {n}; stopped early: {stopped}")
    print(f"final answer unchanged: {same}/{n}")
    print(f"generation time: {full:.0f} s in all, {saved:.0f} s saved ({saved / full:.0%})")
    if rows:
        print(
            f"median generation per answer: {statistics.median(r['pieces'][-1][1] for r in rows):.1f} s"
        )
    for qid, before, after, old, new in changed:
        print(f"\n{qid}: {before} -> {after}\n  was: {old}\n  now: {new}")
    return 0


def main() -> int:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record")
    rec.add_argument("--questions", default=str(ROOT / "eval" / "questions" / "dev.jsonl"))
    rec.add_argument("--out", default=str(DEFAULT_FILE))
    rec.add_argument("--limit", type=int)
    rec.add_argument("--home", help="ASSISTANT_HOME to use (default: the usual one)")
    rep = sub.add_parser("replay")
    rep.add_argument("file", nargs="?", default=str(DEFAULT_FILE))
    rep.add_argument("--home")
    args = parser.parse_args()
    return record(args) if args.command == "record" else replay(args)


if __name__ == "__main__":
    sys.exit(main())
