"""paper-assistant: cited answers over paper abstracts, on local open models.

The names below are imported on first use (PEP 562), so `import assistant.cli` costs only the
command line's own modules: `assistant --help` and `assistant ask` through a running server
never load the answer pipeline.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Assistant, ask, default_assistant, set_default_assistant, summarize
    from .errors import AssistantError, InputError, ModelError, StoreError
    from .filters import Filters
    from .settings import Settings
    from .types import (
        Abstention,
        Answer,
        Chunk,
        Citation,
        Mode,
        Paper,
        Passage,
        Source,
        Summary,
    )

_HOMES = {
    ".api": ("Assistant", "ask", "default_assistant", "set_default_assistant", "summarize"),
    ".errors": ("AssistantError", "InputError", "ModelError", "StoreError"),
    ".filters": ("Filters",),
    ".settings": ("Settings",),
    ".types": (
        "Abstention",
        "Answer",
        "Chunk",
        "Citation",
        "Mode",
        "Paper",
        "Passage",
        "Source",
        "Summary",
    ),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = [
    "Abstention",
    "Answer",
    "Assistant",
    "AssistantError",
    "Chunk",
    "Citation",
    "Filters",
    "InputError",
    "Mode",
    "ModelError",
    "Paper",
    "Passage",
    "Settings",
    "Source",
    "StoreError",
    "Summary",
    "ask",
    "default_assistant",
    "set_default_assistant",
    "summarize",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'assistant' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
