"""Load: many conversations at once get every answer, each its own, none mixed with another's.

8 gradio_client sessions x 5 chat turns against a running app, and 8 threads calling
Assistant.ask() in one process, all with fake models. Each question is about one paper, and
its answer under load must cite what the same question cites when asked alone. Latency
percentiles go to artifacts/load.json.
"""

from __future__ import annotations

import json
import re
import statistics
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("gradio_client")
from gradio_client import Client  # noqa: E402

from assistant import Answer, Assistant  # noqa: E402
from assistant.followup import rewrite  # noqa: E402
from assistant.ui.render import esc  # noqa: E402

CLIENTS = 8
TURNS = 5
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
# Chat turns share one model slot (MODEL_CONCURRENCY = 1), so a turn may wait behind the other
# seven sessions' turns: a generous bound, far above what a healthy queue needs with fakes.
MAX_P95_SECONDS = 30.0


@dataclass(frozen=True)
class Expected:
    """A question, and what it gets when asked alone."""

    question: str
    paper_id: str
    cited: tuple[str, ...]  # the cited papers' titles, in citation order
    text: str


@pytest.fixture(scope="module")
def expected(ui_assistant: Assistant) -> list[Expected]:
    """CLIENTS x TURNS questions, each about a different paper, answered one at a time."""
    ui_assistant.generator.replies.clear()  # no script: answers are quoted from the abstracts
    found: list[Expected] = []
    for paper in ui_assistant.papers():
        question = f"What does the paper on {paper.title} show?"
        previous = found[-1].question if found else "What is attention?"
        if rewrite(question, [previous]) != question:
            continue  # a title with "it" or "those" would read as a follow-up in a chat
        answer = ui_assistant.ask(question)
        if answer.abstained or answer.citations[0].paper_id != paper.paper_id:
            continue
        cited = tuple(c.title for c in answer.citations)
        found.append(Expected(question, paper.paper_id, cited, answer.text))
        if len(found) == CLIENTS * TURNS:
            return found
    pytest.fail(f"only {len(found)} papers answer their own question")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100) by nearest rank: [1, 2, 3, 4] at 50 -> 2."""
    ordered = sorted(values)
    return ordered[max(0, -(-len(ordered) * q // 100) - 1)]


def turns_of(transcript: str) -> list[str]:
    """The HTML of each turn in a rendered transcript, oldest first."""
    return transcript.split('<div class="pa-turn" ')[1:]


def test_concurrent_chat_sessions_each_get_their_own_answers(
    ui_url: str, expected: list[Expected], record_property
) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def session(n: int) -> list[str]:
        """One user's conversation; returns the questions its transcript shows, in order."""
        mine = expected[n * TURNS : (n + 1) * TURNS]
        client = Client(ui_url, verbose=False, download_files=False)
        transcript = ""
        for k, item in enumerate(mine):
            started = time.perf_counter()
            try:
                _, transcript, sources, _ = client.predict(
                    item.question, *[""] * 6, api_name="/chat"
                )
            except Exception as exc:  # counted, and the test fails on any
                with lock:
                    errors.append(f"session {n} turn {k}: {exc!r}")
                continue
            with lock:
                latencies.append(time.perf_counter() - started)
            turns = turns_of(transcript)
            last = turns[-1]
            if len(turns) != k + 1 or "pa-error" in last:
                with lock:
                    errors.append(f"session {n} turn {k}: {len(turns)} turns, {last[:200]}")
                continue
            # This turn cites what the question cites when asked alone, and nothing else.
            refs = re.findall(r'class="pa-cite"[^>]*>\[\d+\]</a> ([^<]*) <span', last)
            assert refs == [esc(t) for t in item.cited], (n, k, refs)
            assert esc(item.cited[0]) in sources
        return re.findall(r"<b>You:</b> ([^<]*)<", transcript)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        shown = list(pool.map(session, range(CLIENTS)))
    wall = time.perf_counter() - started

    for n, questions in enumerate(shown):  # every history is its own, whole and in order
        assert questions == [esc(e.question) for e in expected[n * TURNS : (n + 1) * TURNS]], n
    figures = {
        "clients": CLIENTS,
        "turns_per_client": TURNS,
        "requests": CLIENTS * TURNS,
        "answered": len(latencies),
        "errors": len(errors),
        "p50_s": round(percentile(latencies, 50), 3) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 3) if latencies else None,
        "max_s": round(max(latencies), 3) if latencies else None,
        "mean_s": round(statistics.fmean(latencies), 3) if latencies else None,
        "wall_s": round(wall, 3),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "load.json").write_text(json.dumps(figures, indent=2) + "\n")
    for key, value in figures.items():
        record_property(key, value)
    assert errors == []
    assert figures["answered"] == CLIENTS * TURNS
    assert figures["p95_s"] < MAX_P95_SECONDS, figures


def test_concurrent_ask_from_threads_answers_each_its_own_question(
    ui_assistant: Assistant, expected: list[Expected]
) -> None:
    ui_assistant.generator.replies.clear()
    barrier = threading.Barrier(CLIENTS)

    def worker(n: int) -> list[tuple[Expected, Answer]]:
        mine = expected[n * TURNS : (n + 1) * TURNS]
        barrier.wait()  # all threads start asking at once
        return [(item, ui_assistant.ask(item.question)) for item in mine]

    with ThreadPoolExecutor(CLIENTS) as pool:
        results = [pair for pairs in pool.map(worker, range(CLIENTS)) for pair in pairs]

    assert len(results) == CLIENTS * TURNS
    for item, answer in results:
        assert answer.question == item.question
        assert tuple(c.title for c in answer.citations) == item.cited
        assert answer.text == item.text
