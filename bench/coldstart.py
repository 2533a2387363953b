"""Cold `assistant ask`: a fresh process to its answer, in-process and through a running server.

The parent launches `python -m bench.coldstart --child ...`; the child runs the real command
line (`assistant.cli.main(["ask", ...])`) and reports, as one JSON line, how long after launch
the answer was printed, its own peak RSS, which way it was answered and what it imported. The
server is a real `assistant serve` on a free loopback port over the same home and models.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from statistics import median
from typing import Any

from .common import OFFLINE_ENV, REPO, Run, models_dir, questions
from .report import Figure, Goal

HEAVY_IMPORTS = ("torch", "transformers", "sentence_transformers", "chromadb", "llama_index.core")
SEEN = (*HEAVY_IMPORTS, "llama_index", "onnxruntime", "gradio")
SERVER_START_S = 600  # loading the models on a busy 2-core machine


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


def child(args: argparse.Namespace) -> dict[str, Any]:
    """Run in the fresh process: import only, or `assistant ask` as a user types it."""
    import importlib

    if args.imports_only:
        for name in HEAVY_IMPORTS:
            importlib.import_module(name)
        return {"done_s": time.time() - args.launched, "peak_rss_mb": _peak_rss_mb()}
    from assistant.cli import main

    ready = time.time() - args.launched  # the interpreter and the command line's own imports
    argv = ["ask", args.question, "--format", "json", *(["--no-server"] if args.no_server else [])]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    done = time.time() - args.launched
    if status != 0:
        raise SystemExit(f"assistant ask failed ({status}): {err.getvalue()[-800:]}")
    answer = json.loads(out.getvalue())
    return {
        "done_s": done,
        "ready_s": ready,
        "peak_rss_mb": _peak_rss_mb(),
        "mode": answer["mode"],
        "answered": err.getvalue().strip().splitlines()[-1],
        "imported": [m for m in SEEN if m in sys.modules],
    }


def _env(home: Path, models: Path) -> dict[str, str]:
    """The environment of a user whose settings point at the bench's store and warm models."""
    return {
        **os.environ,
        **OFFLINE_ENV,
        "ASSISTANT_HOME": str(home),
        "ASSISTANT_MODELS_DIR": str(models),
        "GRADIO_ANALYTICS_ENABLED": "False",
    }


def launch(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Start a fresh interpreter on the child and return what it reports."""
    command = [sys.executable, "-m", "bench.coldstart", "--child", "--launched", str(time.time())]
    done = subprocess.run(
        [*command, *args], cwd=REPO, capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"cold-start child failed: {done.stderr.strip()[-800:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def running_server(env: dict[str, str], home: Path) -> Any:
    """`assistant serve` on a free loopback port, until it has announced itself in `home`;
    stopped (as `kill` stops it) afterwards. Yields (url, seconds it took to start)."""
    state = home / "server.json"
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while not state.exists():
            if server.poll() is not None:
                raise RuntimeError(f"assistant serve exited: {server.stderr.read()[-800:]}")  # type: ignore[union-attr]
            if time.perf_counter() - started > SERVER_START_S:
                raise RuntimeError("assistant serve did not announce itself in time")
            time.sleep(0.2)
        yield json.loads(state.read_text())["url"], time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def answerable(assistant: Any, n: int = 40) -> str:
    """The first dev question whose gold paper is in the store (a quick run indexes a fifth of
    the corpus): a question the assistant answers with the model's lead, as users' do."""
    from .common import QUESTIONS

    titles = {p.title for p in assistant.papers()}
    for line in QUESTIONS.read_text().splitlines()[:n]:
        row = json.loads(line)
        if row.get("type") == "factoid" and set(row.get("gold_titles") or []) & titles:
            return str(row["question"])
    return questions(1)[0]


def run(bench: Run) -> list[Figure]:
    home, models = bench.shared["home"], models_dir()
    question = answerable(bench.shared["assistant"])
    env = _env(home, models)
    reps = bench.pick(3, 5)
    bare, local = [], []
    for _ in range(reps):  # interleaved, so background load hits both alike
        bare.append(launch(env, "--imports-only"))
        local.append(launch(env, "--no-server", "--question", question))
    with running_server(env, home) as (url, start_s):
        launch(env, "--question", question)  # the server's first answer warms its caches
        served = [launch(env, "--question", question) for _ in range(bench.pick(5, 10))]
    state_left = (home / "server.json").exists()

    def mid(runs: list[dict[str, Any]], key: str) -> float:
        return median(r[key] for r in runs)

    in_process = mid(local, "done_s")
    through = mid(served, "done_s")
    ways = {r["answered"] for r in served}
    figures = [
        Figure(
            "cold `assistant ask`, in-process: process start to the answer (warm caches)",
            in_process,
            "s",
            mid(bare, "done_s"),
            "a fresh process importing torch/transformers/chromadb/llama-index",
            Goal("value", "<=", 8.0),
            note=f"median of {reps} (min {min(r['done_s'] for r in local):.1f} s); answer mode "
            f"{local[0]['mode']}; loads {', '.join(local[0]['imported'])}; includes the "
            "model's one-sentence lead (up to compose.lead_tokens)",
            extra={"runs": local, "baseline_runs": bare, "question": question},
        ),
        Figure(
            "cold `assistant ask` through a running `assistant serve`",
            through,
            "s",
            in_process,
            "the same ask in-process",
            Goal("value", "<=", 1.5),
            note=f"median of {len(served)} (min {min(r['done_s'] for r in served):.1f} s), after "
            f"one warm-up ask; the client is ready after {mid(served, 'ready_s'):.2f} s, the "
            "rest is the server's answer (retrieval, composition, the model's lead); stderr: "
            f"{' / '.join(sorted(ways))}; the client loads "
            f"{', '.join(served[0]['imported']) or 'no model library'}, peak RSS "
            f"{mid(served, 'peak_rss_mb'):.0f} MB; the server started in {start_s:.0f} s"
            + ("; its state file was left behind" if state_left else ""),
            extra={"runs": served, "url": url},
        ),
        Figure(
            "memory: peak RSS of the in-process cold ask",
            mid(local, "peak_rss_mb"),
            "MB",
            mid(bare, "peak_rss_mb"),
            "the import-only process",
            Goal("value", "<=", 1460),
            note="goal: no more than before this change (1,460 MB, bench/results of 2026-12-01)",
        ),
    ]
    if bench.full:
        fresh = bench.tmp / "first-ever"
        first = launch(_env(fresh, fresh / "models"), "--no-server", "--question", question)
        figures.append(
            Figure(
                "first-ever start: no store, no converted weights",
                first["done_s"],
                "s",
                in_process,
                "warm-cache start",
                note="converts the GGUF, exports the embedder to ONNX and indexes the corpus",
            )
        )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--launched", type=float, required=True)
    parser.add_argument("--imports-only", action="store_true")
    parser.add_argument("--no-server", action="store_true")
    parser.add_argument("--question", default="")
    print(json.dumps(child(parser.parse_args())))


if __name__ == "__main__":
    main()
