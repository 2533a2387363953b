"""Model files that ship inside PyPI packages, found without importing those packages."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .errors import ModelError


def packaged_file(module: str, relative: str, install: str, setting: str) -> Path:
    """`relative` inside the installed package `module`; its __init__ is never run.

    `install` is the pip command that provides it and `setting` the env var that replaces it,
    both named in the error when it is missing.
    """
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            f"the default model needs the package installed by `{install}`, "
            f"or set {setting} to a model id or path"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.exists():
        raise ModelError(f"{module} is installed but {path} is missing")
    return path
