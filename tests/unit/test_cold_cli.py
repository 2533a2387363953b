"""The command line starts cold without the heavy libraries: they load only when a command
needs them (torch only for the language model)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HEAVY = (
    "torch",
    "transformers",
    "sentence_transformers",
    "gradio",
    "llama_index",
    "chromadb",
    "onnxruntime",
    "assistant.pipeline",
)
PROBE = """
import contextlib, io, json, sys
from assistant.cli import build_parser, main
build_parser().parse_args({argv!r})
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main({help!r})
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


@pytest.mark.parametrize(
    ("argv", "help_args"),
    [
        (["ask", "what is einspace?", "--json", "--after", "2024"], ["--help"]),
        (["ask", "q", "--no-server", "--format", "bibtex"], ["ask", "--help"]),
        (["serve", "--port", "7861"], ["serve", "--help"]),
    ],
)
def test_parsing_and_help_import_nothing_heavy(argv: list[str], help_args: list[str]) -> None:
    code = PROBE.format(argv=argv, help=help_args, heavy=HEAVY)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []
