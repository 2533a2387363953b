"""Prompt templates and the messages built from them; the only jinja2 user.

Templates are Jinja files in the prompts folder (shipped inside the package), rendered
strictly. Everything from an abstract or a title passes the sentence policy
(`assistant/evidence.py`) before it reaches a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from .evidence import prompt_text, prompt_title
from .types import Paper, Source

CANNOT_ANSWER_PHRASE = "The indexed abstracts don't answer this."
Messages = list[dict[str, str]]


@lru_cache(maxsize=8)
def _environment(folder: str) -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,  # a missing variable is a bug, not an empty string
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # plain-text prompts for a model, never HTML
    )


def render(folder: Path, name: str, **values: Any) -> str:
    """Render prompts/<name>.j2 with these values."""
    return str(_environment(str(folder)).get_template(f"{name}.j2").render(**values)).strip()


def answer_messages(question: str, sources: Sequence[Source], folder: Path) -> Messages:
    """The chat that asks the model to answer a question from numbered sources.

    Each source shows its title and retrieved passages, as the sentence policy lets them be
    seen: a sentence or title that talks to the model never reaches it.
    """
    shown = [
        {
            "title": prompt_title(s.title),
            "passages": [{"text": prompt_text(p.text)} for p in s.passages],
        }
        for s in sources
    ]
    return [
        {
            "role": "system",
            "content": render(folder, "answer_system", cannot_answer=CANNOT_ANSWER_PHRASE),
        },
        {
            "role": "user",
            "content": render(folder, "answer_user", question=question, sources=shown),
        },
    ]


def summary_messages(paper: Paper, folder: Path) -> Messages:
    """The chat that asks the model to summarize one paper from its title and abstract."""
    return [
        {"role": "system", "content": render(folder, "summary_system")},
        {
            "role": "user",
            "content": render(
                folder,
                "summary_user",
                title=prompt_title(paper.title),
                abstract=prompt_text(paper.abstract),
            ),
        },
    ]


def lead_messages(question: str, sentences: Sequence[str], folder: Path) -> Messages:
    """The chat asking the model for a one-sentence answer from the chosen sentences only
    (already through the sentence policy: they come from `usable_sentences`)."""
    return [
        {"role": "system", "content": render(folder, "lead_system")},
        {
            "role": "user",
            "content": render(folder, "lead_user", question=question, sentences=list(sentences)),
        },
    ]
