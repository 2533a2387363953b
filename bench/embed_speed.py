"""Embedding speed per backend, every ratio against torch measured in the same run.

`python -m bench.embed_speed [--quick]` prints a Markdown table; `run(bench)` gives the figures.
- throughput: every chunk of the bundled corpus, 128 chunks per call (ingest's size), raw
  `SentenceTransformer.encode` in batches of 64 (the baseline) vs `Embedder.embed` on ONNX
  fp32 and int8 (their own batch size);
- query latency: 200 short questions one at a time through each backend's `embed_query`
  (and torch again on one thread, which background load cannot slow the way it slows two);
- import + load: a fresh interpreter from launch until its embedder has embedded one query.
Backends take turns within each round (and each question), so background load hits all alike.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .common import CORPUS, OFFLINE_ENV, REPO, Run, corpus_chunks, models_dir, offline, questions
from .report import Figure, Goal, markdown_table, percentile

BACKENDS = ("torch", "onnx", "onnx-int8")
BATCH = 64
SLICE = 128  # chunks per turn in the throughput rounds; ingest embeds 32 papers (~120) at once
HEAVY = ("torch", "sentence_transformers", "transformers", "onnxruntime")


def rotated(items: tuple[str, ...], shift: int) -> list[str]:
    """`items` started at position `shift`: each backend goes first in turn.

    >>> rotated(("a", "b", "c"), 1), rotated(("a", "b", "c"), 3)
    (['b', 'c', 'a'], ['a', 'b', 'c'])
    """
    shift %= len(items)
    return list(items[shift:] + items[:shift])


def throughput(
    encode: dict[str, Callable[[list[str]], Any]], texts: list[str], rounds: int
) -> dict[str, list[float]]:
    """Chunks per second of each encoder over all `texts`, one sample per round.

    Each round goes through the texts in slices of SLICE (about what ingest embeds at once, 32
    papers), every encoder taking its turn on each slice: load that comes and goes during a
    round then slows every encoder alike, and the ratios hold.
    """
    seconds: dict[str, list[float]] = {name: [0.0] * rounds for name in encode}
    for round_ in range(rounds):
        for i, start in enumerate(range(0, len(texts), SLICE)):
            part = texts[start : start + SLICE]
            for name in rotated(tuple(encode), round_ + i):
                began = time.perf_counter()
                encode[name](part)
                seconds[name][round_] += time.perf_counter() - began
    return {name: [len(texts) / s for s in spent] for name, spent in seconds.items()}


def latencies(embed: dict[str, Callable[[str], Any]], asked: list[str]) -> dict[str, list[float]]:
    """Seconds per single-question embedding, per backend, taking turns on each question."""
    samples: dict[str, list[float]] = {name: [] for name in embed}
    for i, question in enumerate(asked):
        for name in rotated(tuple(embed), i):
            start = time.perf_counter()
            embed[name](question)
            samples[name].append(time.perf_counter() - start)
    return samples


def peak_rss_mb() -> float | None:
    """This process's peak resident memory in MB (Linux), else None."""
    status = Path("/proc/self/status")
    if not status.exists():
        return None
    for line in status.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def child(backend: str, launched: float, models: Path) -> dict[str, Any]:
    """In a fresh interpreter: import, load the backend, embed one query; report the time."""
    from assistant.embeddings import make_embedder

    make_embedder("default", backend, models).embed_query("warm start")  # type: ignore[arg-type]
    return {
        "ready_s": time.time() - launched,
        "peak_rss_mb": peak_rss_mb(),
        "imported": [m for m in HEAVY if m in sys.modules],
    }


def launch(backend: str, models: Path) -> dict[str, Any]:
    """Run `child` in a fresh interpreter and return its report."""
    command = [sys.executable, "-m", "bench.embed_speed", "--child", backend]
    command += ["--models", str(models), "--launched", str(time.time())]
    done = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, env={**os.environ, **OFFLINE_ENV}
    )
    if done.returncode != 0:
        raise RuntimeError(f"load child for {backend} failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(
    corpus: list[Path], models: Path, rounds: int, n_questions: int, load_reps: int
) -> list[Figure]:
    """Throughput, query latency and cold load for every backend, as figures against torch."""
    from sentence_transformers import SentenceTransformer

    from assistant.embeddings import bundled_embed_path, make_embedder

    embedders = {b: make_embedder("default", b, models) for b in BACKENDS}  # type: ignore[arg-type]
    raw = SentenceTransformer(str(bundled_embed_path()), device="cpu")
    _, _, texts = corpus_chunks(corpus, embedders["onnx"].tokenize)

    def st_encode(batch: list[str]) -> Any:
        return raw.encode(
            batch, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
        )

    encode: dict[str, Callable[[list[str]], Any]] = {"torch": st_encode}
    encode.update({b: embedders[b].embed for b in BACKENDS if b != "torch"})
    for fn in encode.values():
        fn(texts[:BATCH])  # first-call warm-up
    rates = throughput(encode, texts, rounds)

    asked = questions(n_questions)
    embed = {b: e.embed_query for b, e in embedders.items()}
    for fn in embed.values():
        fn(asked[0])
    lat = latencies(embed, asked)
    # On a busy machine torch's OpenMP threads wait on each other (a 20 ms query took 520 ms
    # with 2 threads at load 5): one thread is the baseline that this cannot inflate.
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        single = latencies({"torch": embed["torch"], "onnx": embed["onnx"]}, asked)["torch"]
    finally:
        torch.set_num_threads(threads)

    loads: dict[str, list[dict[str, Any]]] = {b: [] for b in BACKENDS}
    for rep in range(load_reps):
        for b in rotated(BACKENDS, rep):
            loads[b].append(launch(b, models))

    def med(xs: list[float]) -> float:
        return percentile(xs, 50)

    base_rate, base_p50 = med(rates["torch"]), med(lat["torch"]) * 1000
    base_load = med([r["ready_s"] for r in loads["torch"]])
    figures: list[Figure] = []
    for b in BACKENDS[1:]:
        per_round = [x / t for x, t in zip(rates[b], rates["torch"], strict=True)]
        figures.append(
            Figure(
                f"embedding throughput: {b}, {len(texts)} chunks, {SLICE} per call",
                med(rates[b]),
                "chunks/s",
                base_rate,
                "raw SentenceTransformer.encode",
                Goal("ratio", ">=", 2.5),
                note=f"median of {rounds}; per-round ratios "
                + ", ".join(f"{r:.2f}x" for r in per_round),
                extra={"samples": rates[b], "baseline_samples": rates["torch"]},
            )
        )
    for b in BACKENDS[1:]:
        figures.append(
            Figure(
                f"query embedding p50: {b}, {len(asked)} questions",
                med(lat[b]) * 1000,
                "ms",
                base_p50,
                "the torch embedder's embed_query",
                Goal("ratio", "<=", 0.4),
                note=f"p95 {percentile(lat[b], 95) * 1000:.1f} ms vs torch "
                f"{percentile(lat['torch'], 95) * 1000:.1f} ms; vs torch on 1 thread "
                f"(p50 {med(single) * 1000:.1f} ms): {med(lat[b]) / med(single):.2f}x",
                extra={"samples_s": lat[b], "baseline_samples_s": lat["torch"], "torch_1": single},
            )
        )
    for b in BACKENDS[1:]:
        ready = [r["ready_s"] for r in loads[b]]
        rss = [r["peak_rss_mb"] for r in loads[b] if r["peak_rss_mb"]]
        torch_rss = [r["peak_rss_mb"] for r in loads["torch"] if r["peak_rss_mb"]]
        figures.append(
            Figure(
                f"embedder import + load, fresh process: {b}",
                med(ready),
                "s",
                base_load,
                "the same for torch (sentence-transformers)",
                note=f"median of {load_reps}; imports {', '.join(loads[b][0]['imported'])}"
                + (f"; peak RSS {med(rss):.0f} MB vs {med(torch_rss):.0f} MB" if rss else ""),
                extra={"runs": loads[b], "baseline_runs": loads["torch"]},
            )
        )
    return figures


def run(bench: Run) -> list[Figure]:
    return measure(
        bench.corpus(),
        models_dir(),
        rounds=bench.pick(1, 3),
        n_questions=bench.pick(50, 200),
        load_reps=bench.pick(1, 3),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.embed_speed", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one corpus file, one round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--models", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    offline()
    if args.child:
        print(json.dumps(child(args.child, args.launched, args.models)))
        return 0
    import logging

    logging.disable(logging.WARNING)
    started = os.getloadavg()[0]
    figures = measure(
        sorted(CORPUS.glob("*.txt"))[:1] if args.quick else [CORPUS],
        models_dir(),
        rounds=1 if args.quick else args.rounds,
        n_questions=50 if args.quick else 200,
        load_reps=1 if args.quick else 3,
    )
    print(f"Load average (1 min) {started:.1f} at start, {os.getloadavg()[0]:.1f} at end.\n")
    print(markdown_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
