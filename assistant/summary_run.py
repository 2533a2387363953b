"""A batch summary run in a background thread: started or resumed, watched, and stopped.

It runs `summaries.summarize` over every stored paper into the summaries file the CLI uses
(`settings.summaries_path()`), so a run stopped here and resumed by `assistant summarize --all`,
or the other way round, continues where it left off. A stop request ends the run between
batches; every summary written stays. The web UI holds one per app and polls `progress()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from .errors import AssistantError
from .services import Services
from .summaries import summarize
from .types import Paper


class RunStatus(StrEnum):
    """Where a batch run stands."""

    IDLE = "idle"  # not started in this process
    RUNNING = "running"
    STOPPING = "stopping"  # asked to stop; ends after the batch in hand
    STOPPED = "stopped"  # ended by a stop request, before every paper was summarized
    FINISHED = "finished"  # every paper has a current summary
    FAILED = "failed"  # ended by an error (another run holds the file, a model failed, ...)


@dataclass(frozen=True)
class RunProgress:
    """A snapshot of a batch run: how many of its papers have a current summary."""

    done: int = 0
    total: int = 0
    written: int = 0  # summaries this run wrote (done also counts those it found in the file)
    status: RunStatus = RunStatus.IDLE
    error: str = ""

    @property
    def active(self) -> bool:
        """Whether the run's thread is still at work."""
        return self.status in (RunStatus.RUNNING, RunStatus.STOPPING)

    @property
    def fraction(self) -> float:
        """done / total, 0 for an empty run: RunProgress(3, 12).fraction -> 0.25."""
        return self.done / self.total if self.total else 0.0


class SummaryRun:
    """One batch run at a time over `papers()` (default: every stored paper)."""

    def __init__(
        self, services: Services, papers: Callable[[], Sequence[Paper]] | None = None
    ) -> None:
        self.services = services
        self._papers = papers or services.papers
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._progress = RunProgress()
        self._started_at = 0  # `done` when the run began, to count what it wrote

    def progress(self) -> RunProgress:
        """Where the run stands now."""
        with self._lock:
            return self._progress

    def start(self) -> bool:
        """Start (or resume) the run in a background thread; False when one is already at work."""
        with self._lock:
            if self._progress.active:
                return False
            self._stop.clear()
            self._progress = RunProgress(status=RunStatus.RUNNING)
            self._started_at = -1
            self._thread = threading.Thread(target=self._run, name="summary-run", daemon=True)
            self._thread.start()
        return True

    def stop(self) -> None:
        """Ask the run to end after the batch in hand (what is written stays)."""
        with self._lock:
            if self._progress.active:
                self._stop.set()
                self._progress = replace(self._progress, status=RunStatus.STOPPING)

    def wait(self, timeout: float | None = None) -> RunProgress:
        """Wait for the run's thread to end (or the timeout); returns where it stands."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.progress()

    def _update(self, done: int, total: int) -> None:
        with self._lock:
            if self._started_at < 0:
                self._started_at = done
            self._progress = replace(
                self._progress, done=done, total=total, written=done - self._started_at
            )

    def _run(self) -> None:
        status, error = RunStatus.FINISHED, ""
        try:
            papers = list(self._papers())
            path = self.services.settings.summaries_path()
            summarize(
                self.services,
                papers,
                path,
                progress=False,
                stop=self._stop,
                on_progress=self._update,
            )
        except AssistantError as exc:
            status, error = RunStatus.FAILED, str(exc)
        except Exception as exc:  # a background thread has no caller to raise to
            status, error = RunStatus.FAILED, f"{type(exc).__name__}: {exc}"
        with self._lock:
            progress = self._progress
            if status == RunStatus.FINISHED and progress.done < progress.total:
                status = RunStatus.STOPPED
            self._progress = replace(progress, status=status, error=error)
