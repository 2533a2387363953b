"""`python -m bench [--quick | --full] [--out bench/results]`: every figure vs a same-run baseline."""

from __future__ import annotations

import argparse
import datetime
import logging
import os
import platform
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

from . import coldstart, embed_quality, embed_speed, generation, ingest, retrieval, scale, summaries
from .common import REPO, Run, load_average, models_dir, offline
from .report import Figure, to_json, to_markdown

# In order: later sections use the store the ingest section builds.
SECTIONS = [
    ("ingest", ingest.run),
    ("embed-speed", embed_speed.run),
    ("embed-quality", embed_quality.run),
    ("retrieval", retrieval.run),
    ("generation", generation.run),
    ("summaries", summaries.run),
    ("coldstart", coldstart.run),
    ("scale", scale.run),
]
NOTES = [
    "Every ratio is value / baseline, both measured in this run on this machine; absolute times "
    "move with background load (see the load averages above), the ratios much less.",
    "Scale vectors are the bundled corpus's real chunk vectors repeated and perturbed with "
    "Gaussian noise (sigma 0.025 per dimension, re-normalised); queries are fresh perturbations.",
    "1M chunks runs only with --full: on 2 CPU cores filling Chroma with 1M vectors takes well "
    "over the time a default run should (roughly 10x the 100k fill).",
    "The generation prompt is the answer prompt for the first dev question with as many "
    "retrieved sources as bring it nearest 1,500 tokens.",
    "The default prompt is the one a plain question sends now: the lead prompt "
    "(prompts/lead_*.j2) over the sentences composition chose, recorded from the real pipeline "
    "for dev questions answered with a lead; its baseline is the full-RAG answer prompt "
    "(`prompts.answer_messages` over the retrieved sources) of the same questions.",
    "Cold `assistant ask` runs the real command line in a fresh interpreter (`--format json`, "
    "`--no-server` for in-process) over the ingest section's store and the warm model cache; "
    "the server figure asks a real `assistant serve` on a free loopback port, found through "
    "its state file, after one warm-up ask.",
    "Embedding speed: the backends take turns on each 128-chunk slice and each question. Under "
    "background load torch's two OpenMP threads can stall each other (a 20 ms query measured "
    "130-530 ms at load 3-5), so query rows also give the ratio to torch on one thread.",
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="small sizes, one repetition (~3 min)")
    mode.add_argument("--full", action="store_true", help="adds 1M chunks and a first-ever start")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    parser.add_argument(
        "--only",
        action="append",
        choices=[name for name, _ in SECTIONS],
        help="run just these sections (and those they depend on)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    offline()
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)  # the conversion notice and library chatter; errors still show
    mode = "quick" if args.quick else "full" if args.full else "default"
    import torch

    meta = {
        "mode": mode,
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__} "
        f"({torch.get_num_threads()} threads), Python {platform.python_version()}",
        "corpus": "one of the bundled corpus's 5 files" if args.quick else "the bundled corpus",
        "converted weights": str(models_dir()),
        "load average at start": load_average(),
    }
    figures: list[Figure] = []
    notes = list(NOTES)
    wanted = {"ingest"} | set(args.only or [name for name, _ in SECTIONS])
    started = time.perf_counter()
    took: list[str] = []
    with tempfile.TemporaryDirectory(prefix="paper-assistant-bench-") as tmp:
        bench = Run(Path(tmp), quick=args.quick, full=args.full)
        for name, section in SECTIONS:
            if name not in wanted:
                continue
            print(f"[bench] {name} ...", file=sys.stderr, flush=True)
            t0 = time.perf_counter()
            try:
                figures += section(bench)
            except Exception as exc:  # one broken section must not lose the others' numbers
                traceback.print_exc()
                figures.append(Figure(f"{name}: failed", None, note=f"{type(exc).__name__}: {exc}"))
            took.append(f"{name} {time.perf_counter() - t0:.0f} s")
            print(f"[bench] {took[-1]}", file=sys.stderr, flush=True)
    meta["load average at end"] = load_average()
    meta["wall time"] = f"{time.perf_counter() - started:.0f} s ({', '.join(took)})"

    args.out.mkdir(parents=True, exist_ok=True)
    markdown = to_markdown(figures, meta, notes)
    (args.out / "latest.md").write_text(markdown, encoding="utf-8")
    (args.out / "latest.json").write_text(to_json(figures, meta, notes), encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
