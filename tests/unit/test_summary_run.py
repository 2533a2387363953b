"""The background batch run the UI starts: progress, stop between batches, resume, failures."""

from __future__ import annotations

import threading
import time

import pytest

from assistant import Assistant, Settings
from assistant.sources import read_corpus
from assistant.summary_run import RunProgress, RunStatus, SummaryRun
from assistant.summary_store import SummaryFile, read_summaries
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, FakeGenerator


class GatedGenerator(FakeGenerator):
    """Generates one summary each time the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Semaphore(0)

    def stream(self, messages, max_new_tokens):
        assert self.gate.acquire(timeout=60), "the test never opened the gate"
        yield from super().stream(messages, max_new_tokens)


@pytest.fixture
def gated(tmp_path) -> tuple[SummaryRun, GatedGenerator, Assistant]:
    generator = GatedGenerator()
    assistant = Assistant(
        Settings(home=tmp_path / "home"), embedder=FakeEmbedder(), generator=generator
    )
    papers = read_corpus([CORPUS]).papers[:6]
    return SummaryRun(assistant, lambda: papers), generator, assistant


def wait_for(run: SummaryRun, test, timeout: float = 60) -> RunProgress:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = run.progress()
        if test(progress):
            return progress
        time.sleep(0.01)
    raise AssertionError(f"run never got there: {run.progress()}")


def test_a_run_reports_progress_stops_between_batches_and_resumes(gated) -> None:
    run, generator, assistant = gated
    assert run.progress() == RunProgress()  # idle
    assert run.start()
    assert not run.start()  # one run at a time
    generator.gate.release(2)
    wait_for(run, lambda p: p.done == 2)
    assert run.progress().status == RunStatus.RUNNING and run.progress().total == 6
    run.stop()
    assert run.progress().status == RunStatus.STOPPING
    generator.gate.release(1)  # the batch in hand, if one had started, may finish
    stopped = run.wait(60)
    assert stopped.status == RunStatus.STOPPED and 2 <= stopped.done < 6
    kept = read_summaries(assistant.settings.summaries_path())
    assert len(kept) == stopped.done  # what was written stays

    assert run.start()  # resumes from the file: only the rest is generated
    generator.gate.release(6)
    finished = run.wait(60)
    assert finished.status == RunStatus.FINISHED
    assert (finished.done, finished.total, finished.written) == (6, 6, 6 - stopped.done)
    assert len(read_summaries(assistant.settings.summaries_path())) == 6
    assert finished.fraction == 1.0


def test_a_run_that_cannot_write_the_file_says_why(gated) -> None:
    run, generator, assistant = gated
    with SummaryFile(assistant.settings.summaries_path()):  # another run holds the file
        assert run.start()
        failed = run.wait(60)
    assert failed.status == RunStatus.FAILED and "another run is writing" in failed.error
    assert not failed.active
