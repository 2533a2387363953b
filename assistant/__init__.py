"""paper-assistant: cited answers over paper abstracts, on local open models."""

from .api import Assistant, ask, default_assistant, summarize
from .errors import AssistantError, InputError, ModelError, StoreError
from .retrieval import Filters
from .settings import Settings
from .types import Answer, Chunk, Citation, Paper, Passage, Source

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Chunk",
    "Citation",
    "Filters",
    "InputError",
    "ModelError",
    "Paper",
    "Passage",
    "Settings",
    "Source",
    "StoreError",
    "ask",
    "default_assistant",
    "summarize",
]
__version__ = "0.1.0"
