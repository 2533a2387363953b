"""Files the package ships: the prompt templates and the bundled corpus, found through
importlib.resources.

In the repository they live at the top level (`prompts/`, `data/hf-daily-papers/`); the wheel
build copies them into the package as `assistant/_bundled/prompts` and
`assistant/_bundled/corpus` (pyproject.toml, hatch `force-include`). An installed package reads
its own copy; a source checkout (editable install, tests) reads the repository's folders.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import AssistantError

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
_IN_REPO = {"prompts": REPO_DIR / "prompts", "corpus": REPO_DIR / "data" / "hf-daily-papers"}


def bundled(name: str) -> Path:
    """The folder of a shipped resource: "prompts" or "corpus"."""
    if name not in _IN_REPO:
        raise ValueError(f"unknown bundled resource {name!r}")
    packaged = resources.files("assistant").joinpath("_bundled", name)
    if packaged.is_dir():
        return Path(str(packaged))
    if _IN_REPO[name].is_dir():
        return _IN_REPO[name]
    raise AssistantError(
        f"the package's {name} folder is missing (looked in {packaged} and {_IN_REPO[name]}); "
        "reinstall paper-assistant"
    )


def prompts_dir() -> Path:
    """The folder of the Jinja prompt templates."""
    return bundled("prompts")


def corpus_dir() -> Path:
    """The bundled corpus: 414 ML papers from Hugging Face Daily Papers pages."""
    return bundled("corpus")
