"""Cold start and peak memory: a fresh process to its first answer, vs one that only imports.

The parent launches `python -m bench.coldstart --child ...`; the child reports, as one JSON line,
how long after launch its first token and its answer came, and its own peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from .common import CORPUS, OFFLINE_ENV, REPO, Run, models_dir, questions
from .report import Figure, Goal

HEAVY_IMPORTS = ("torch", "transformers", "sentence_transformers", "chromadb", "llama_index.core")


def _peak_rss_mb() -> float:
    """This process's peak resident memory in MB.

    /proc's VmHWM where there is one: getrusage's ru_maxrss survives fork + exec, so a child
    launched by the (large) benchmark process would report the parent's peak, not its own.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    scale = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1024


def child(args: argparse.Namespace) -> dict:
    """Run in the fresh process: import only, or build an Assistant and answer one question."""
    import importlib

    if args.imports_only:
        for name in HEAVY_IMPORTS:
            importlib.import_module(name)
        return {"done_s": time.time() - args.launched, "peak_rss_mb": _peak_rss_mb()}
    from assistant import Answer, Assistant, Settings

    settings = Settings(home=args.home, models_dir=args.models, corpus=[CORPUS])
    first_token = None
    answer = None
    for item in Assistant(settings).stream(args.question):
        if isinstance(item, Answer):
            answer = item
        elif first_token is None and item.strip():
            first_token = time.time() - args.launched
    assert answer is not None
    return {
        "first_token_s": first_token,
        "done_s": time.time() - args.launched,
        "peak_rss_mb": _peak_rss_mb(),
        "mode": answer.mode,
    }


def launch(*args: str) -> dict:
    """Start a fresh interpreter on the child and return what it reports."""
    command = [sys.executable, "-m", "bench.coldstart", "--child", "--launched", str(time.time())]
    done = subprocess.run(
        [*command, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, **OFFLINE_ENV},
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"cold-start child failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(bench: Run) -> list[Figure]:
    home, models = bench.shared["home"], models_dir()
    question = questions(1)[0]
    reps = bench.pick(1, 2)
    bare, warm = [], []
    for _ in range(reps):  # interleaved; the best of each stands for a warm cache
        bare.append(launch("--imports-only"))
        warm.append(launch("--home", str(home), "--models", str(models), "--question", question))
    base = min(bare, key=lambda r: r["done_s"])
    best = min(warm, key=lambda r: r["done_s"])
    figures = [
        Figure(
            "cold start: fresh process to first answer (warm caches)",
            best["done_s"],
            "s",
            base["done_s"],
            "a fresh process importing torch/transformers/chromadb/llama-index",
            Goal("value", "<=", 10.0),
            note=f"first token after {best['first_token_s'] or 0:.1f} s; answer mode "
            f"{best['mode']}; includes generating the reply (up to max_new_tokens, or until it "
            "repeats itself or its first two claims fail the check)",
            extra={"runs": warm, "baseline_runs": bare},
        ),
        Figure(
            "memory: peak RSS of that process",
            best["peak_rss_mb"],
            "MB",
            base["peak_rss_mb"],
            "the import-only process",
            Goal("value", "<=", 1536),
        ),
    ]
    if bench.full:
        fresh = bench.tmp / "first-ever"
        first = launch(
            "--home", str(fresh), "--models", str(fresh / "models"), "--question", question
        )
        figures.append(
            Figure(
                "first-ever start: no store, no converted weights",
                first["done_s"],
                "s",
                best["done_s"],
                "warm-cache start",
                note="converts the GGUF and indexes the corpus",
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--launched", type=float, required=True)
    parser.add_argument("--imports-only", action="store_true")
    parser.add_argument("--home", type=Path)
    parser.add_argument("--models", type=Path)
    parser.add_argument("--question", default="")
    print(json.dumps(child(parser.parse_args())))


if __name__ == "__main__":
    main()
