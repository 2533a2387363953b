"""paper-assistant: cited answers over paper abstracts, on local open models."""

from .api import Assistant, ask, default_assistant, set_default_assistant, summarize
from .errors import AssistantError, InputError, ModelError, StoreError
from .filters import Filters
from .settings import Settings
from .types import Abstention, Answer, Chunk, Citation, Mode, Paper, Passage, Source, Summary

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
