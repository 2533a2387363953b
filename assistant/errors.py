"""Errors a user can act on: each names the file, line or field at fault."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error the assistant raises on purpose."""


class InputError(AssistantError):
    """A corpus file or row that cannot be read; names the file and, when known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class StoreError(AssistantError):
    """The on-disk store is unusable as it is (foreign, corrupted, or built by another model)."""


class ModelError(AssistantError):
    """A model could not be found or loaded; says what was tried."""
