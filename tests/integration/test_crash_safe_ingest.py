"""Crash-safe ingest: `kill -9` at many points, then one more run, and nothing is lost or doubled.

Each victim is a fresh `python -c` process ingesting the bundled corpus into the same store with
the fake embedder. It reports each write step as it begins and ends (deleting a batch's old
chunks, adding its chunks, writing its paper records); the parent SIGKILLs it a few
milliseconds after a seeded random step, so kills land inside and between the writes. One more
victim dies while starting up. A last run must finish the job: the store then holds exactly the
papers and chunks of a clean ingest into a separate store, and answers questions.

A damaged store folder is a clear StoreError naming the folder, through the API and the CLI.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from assistant import Assistant, Settings, set_default_assistant
from assistant.cli import main
from assistant.errors import StoreError
from assistant.sources import read_corpus
from tests.conftest import CORPUS, FAKE, REPO
from tests.fakes import FakeEmbedder, FakeGenerator

pytestmark = pytest.mark.slow  # about a minute: a dozen Python processes on two cores

KILLS = 6  # aimed at write steps; one more lands during start-up
SEED = 20240609
# Ingests argv[2] into the store under argv[1] and says how far it got: READY with the counts it
# found, BEGIN/END around each write step of each batch, DONE with the final counts.
INGEST = """
import sys
from assistant import Assistant, Settings
from tests.fakes import FakeEmbedder, FakeGenerator

home, corpus = sys.argv[1], sys.argv[2]
assistant = Assistant(Settings(home=home), embedder=FakeEmbedder(), generator=FakeGenerator())
store, index = assistant.store, assistant.index
print("READY", *store.count(), flush=True)

def tell(owner, name):
    step = getattr(owner, name)

    def told(*args, **kwargs):
        print("BEGIN", name, flush=True)
        step(*args, **kwargs)
        print("END", name, flush=True)

    setattr(owner, name, told)

for owner, name in ((index, "delete_papers"), (index, "add"), (store, "put_papers")):
    tell(owner, name)
report = assistant.ingest([corpus], progress=False)
print("DONE", report.added, report.updated, report.unchanged, *store.count(), flush=True)
"""
STEP_LINES = 6  # BEGIN and END of three steps per batch of 32 papers


def start_victim(home: Path) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        PYTHONPATH=str(REPO),  # `tests.fakes` is importable in the child
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
    )
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(home), str(CORPUS)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def chunk_ids_by_paper(assistant: Assistant) -> dict[str, list[str]]:
    """Every chunk record in the store (orphans too), grouped by paper id."""
    got = assistant.store.chunks.get(include=["metadatas"])
    by_paper: dict[str, list[str]] = {}
    for cid, meta in zip(got["ids"], got["metadatas"] or [], strict=True):
        by_paper.setdefault(meta["paper_id"], []).append(cid)
    return {pid: sorted(ids) for pid, ids in by_paper.items()}


def fake(home: Path) -> Assistant:
    settings = Settings(home=home, corpus=[CORPUS], **FAKE)
    return Assistant(settings, embedder=FakeEmbedder(), generator=FakeGenerator())


def test_kill_9_at_random_points_then_one_run_leaves_a_complete_exact_store(
    tmp_path: Path, record_property
) -> None:
    expected_ids = sorted(p.paper_id for p in read_corpus([CORPUS]).papers)
    total = len(expected_ids)
    rng = random.Random(SEED)
    home = tmp_path / "crashed"

    # The first victim dies while starting up: importing, or creating the store itself.
    victim = start_victim(home)
    time.sleep(rng.uniform(0.5, 4.0))
    victim.send_signal(signal.SIGKILL)
    victim.communicate(timeout=60)
    assert victim.returncode == -signal.SIGKILL

    kills: list[tuple[int, str]] = []  # (papers in the store when a victim started, last step)
    for _ in range(KILLS):
        victim = start_victim(home)
        assert victim.stdout is not None
        ready = victim.stdout.readline().split()
        assert ready[:1] == ["READY"], victim.communicate()[1][-2000:]
        # Up to a batch and a half of steps: six victims never reach the end of 13 batches.
        lines, last = rng.randint(0, STEP_LINES + 3), "READY"
        if lines == 0:
            time.sleep(rng.uniform(0.0, 0.5))  # while reading the corpus or embedding
        for _ in range(lines):
            last = victim.stdout.readline().strip()
        time.sleep(rng.uniform(0.0, 0.03))
        victim.send_signal(signal.SIGKILL)
        out, err = victim.communicate(timeout=60)
        assert victim.returncode == -signal.SIGKILL, f"finished before its kill: {out}{err}"
        kills.append((int(ready[1]), last))
    record_property("kills", 1 + len(kills))
    record_property("kill_points", kills)

    # Each victim found the store as the one before left it: openable, and never emptied.
    found = [papers for papers, _ in kills]
    assert found == sorted(found), kills
    assert 0 < found[-1] < total, f"no kill landed mid-ingest: {kills}"

    survivor = start_victim(home)
    out, err = survivor.communicate(timeout=300)
    assert survivor.returncode == 0, err[-3000:]
    done = out.splitlines()[-1].split()
    assert done[0] == "DONE" and int(done[4]) == total, out

    clean = fake(tmp_path / "clean")
    clean.ingest([CORPUS], progress=False)
    crashed = fake(home)
    assert sorted(p.paper_id for p in crashed.store.all_papers()) == expected_ids
    assert crashed.store.count() == clean.store.count()
    crashed_chunks, clean_chunks = chunk_ids_by_paper(crashed), chunk_ids_by_paper(clean)
    assert crashed_chunks == clean_chunks  # no orphans, no stale chunks, none missing
    all_ids = [cid for ids in crashed_chunks.values() for cid in ids]
    assert not [cid for cid, n in Counter(all_ids).items() if n > 1]

    def chunks(a: Assistant) -> list:
        return sorted(a.store.all_chunks(), key=lambda c: c.chunk_id)

    assert chunks(crashed) == chunks(clean)

    # The vector index answers for every paper: each paper's own first chunk finds it.
    for paper_id in rng.sample(expected_ids, 25):
        text = next(c.text for c in crashed.store.all_chunks() if c.chunk_id == f"{paper_id}:0")
        vector = crashed.embedder.embed_query(text)
        hits = [hit.paper_id for hit in crashed.index.query(vector, 5)]
        assert paper_id in hits, paper_id
    answer = crashed.ask("What is the provable advantage of unsupervised pretraining?")
    assert not answer.abstained
    assert "Unsupervised Pretraining" in answer.citations[0].title


def broken_store(tmp_path: Path, damage: str) -> Path:
    """A store that held papers, then had its database damaged on disk."""
    home = tmp_path / "home"
    corpus = tmp_path / "one.jsonl"
    corpus.write_text('{"title": "Sparse Llamas", "abstract": "We prune llamas by half."}\n')
    # In a child process: this one keeps no client open on the folder it is about to damage.
    subprocess.run(
        [sys.executable, "-c", INGEST, str(home), str(corpus)],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=True,
        capture_output=True,
        timeout=120,
    )
    database = home / "store" / "chroma.sqlite3"
    data = database.read_bytes()
    if damage == "garbage":
        database.write_bytes(random.Random(0).randbytes(len(data)))
    elif damage == "truncated":
        database.write_bytes(data[: len(data) // 3])
    else:
        database.write_bytes(b"")
    return home


@pytest.mark.parametrize("damage", ["garbage", "truncated", "emptied"])
def test_damaged_store_is_a_clear_error_naming_its_folder(
    damage: str, tmp_path: Path, monkeypatch, capsys
) -> None:
    home = broken_store(tmp_path, damage)
    folder = str(home / "store")
    database = home / "store" / "chroma.sqlite3"
    damaged = database.read_bytes()

    with pytest.raises(StoreError) as caught:
        fake(home).ask("What do sparse llamas prune?")
    assert folder in str(caught.value) and "move that folder aside" in str(caught.value)

    for command in (["ask", "What do sparse llamas prune?"], ["papers"], ["ingest", str(CORPUS)]):
        set_default_assistant(fake(home))
        assert main(command) == 2, command
        err = capsys.readouterr().err
        assert err.startswith("error: ") and folder in err and "move that folder aside" in err
        assert "Traceback" not in err
    assert database.read_bytes() == damaged  # left as found, for whoever tries to recover it
