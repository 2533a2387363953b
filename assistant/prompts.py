"""Prompt templates: Jinja files in the prompts folder, rendered strictly; the only jinja2 user."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any


@lru_cache(maxsize=8)
def _environment(folder: str):
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
    return _environment(str(folder)).get_template(f"{name}.j2").render(**values).strip()
