"""Replay the dev set's generated answers to see when generation could stop early.

    python eval/stop_rule.py record [--out FILE]     # generate every answer, full budget
    python eval/stop_rule.py replay [FILE]           # apply the stop rule to what was recorded

`record` asks every dev question through `Assistant.ask` with the default models, the model
wrapped in a generator that lets it write its whole budget and times each piece; it keeps every
reply that was generated (not a list, metadata or abstention). `replay` asks again through
`Assistant.ask`, with a generator that plays each recording back in place of the model, so the
shipped pipeline and its stop rule decide how much of it to read: how many final answers are
unchanged, and how much generation time the stop saves.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = ROOT / "eval" / "reports" / "stop-rule" / "streams.jsonl"


def _assistant(home: str | None, generator: Any = None) -> Any:
    from assistant import Assistant, Settings

    return Assistant(Settings(home=home) if home else Settings(), generator=generator)


def _generators() -> tuple[type, type]:
    """The recording and replaying generators: real Generator subclasses, so the assistant
    runs its shipped pipeline with them in place of the model."""
    from assistant.generation import Generator, Messages

    class Recording(Generator):
        """Runs the real model to the end of its budget, timing each piece, then hands the
        pieces on: the pipeline may stop reading early, the recording stays whole."""

        def __init__(self, inner: Generator) -> None:
            self.inner, self.name, self.device = inner, inner.name, inner.device
            self.pieces: list[tuple[str, float]] = []

        def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
            start = time.perf_counter()
            self.pieces = [
                (piece, time.perf_counter() - start)
                for piece in self.inner.stream(messages, max_new_tokens)
            ]
            yield from (piece for piece, _ in self.pieces)

    class Replaying(Generator):
        """Plays back a recorded reply, noting when each piece the pipeline read had arrived."""

        name = "replay"

        def __init__(self) -> None:
            self.recorded: list[tuple[str, float]] = []
            self.read: list[float] = []

        def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
            for piece, at in self.recorded:
                self.read.append(at)
                yield piece

    return Recording, Replaying


def record(args: argparse.Namespace) -> int:
    recording_type, _ = _generators()
    rows = [json.loads(line) for line in Path(args.questions).read_text().splitlines() if line]
    model = _assistant(args.home).generator
    recorder = recording_type(model)
    a = _assistant(args.home, recorder)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as f:
        for row in rows[: args.limit]:
            recorder.pieces = []
            answer = a.ask(row["question"])
            if not recorder.pieces:
                continue  # answered without generating (list, metadata, abstention)
            record_ = {
                "id": row["id"],
                "question": row["question"],
                "mode": str(answer.mode),
                "text": answer.text,
                "pieces": recorder.pieces,
            }
            f.write(json.dumps(record_) + "\n")
            f.flush()
            print(row["id"], answer.mode, f"{recorder.pieces[-1][1]:.1f}s", flush=True)
    return 0


def replay(args: argparse.Namespace) -> int:
    _, replaying_type = _generators()
    replayer = replaying_type()
    a = _assistant(args.home, replayer)
    rows = [json.loads(line) for line in Path(args.file).read_text().splitlines() if line]
    same, saved, full, stopped = 0, 0.0, 0.0, 0
    changed = []
    for row in rows:
        replayer.recorded, replayer.read = row["pieces"], []
        answer = a.ask(row["question"])  # the shipped pipeline, stop rule included
        total = row["pieces"][-1][1]
        full += total
        if len(replayer.read) < len(row["pieces"]):
            stopped += 1
            saved += total - replayer.read[-1]
        if answer.text == row["text"]:
            same += 1
        else:
            changed.append((row["id"], row["mode"], str(answer.mode), row["text"], answer.text))
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
