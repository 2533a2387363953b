"""The `assistant` console script end to end, in fresh processes, on the real models."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODELS_CACHE

pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent / "assistant"


def run(args, home, check=True):
    env = dict(
        os.environ,
        ASSISTANT_HOME=str(home),
        ASSISTANT_MODELS_DIR=str(MODELS_CACHE),
        HF_HUB_OFFLINE="1",
    )
    return subprocess.run(
        [str(BIN), *args], capture_output=True, text=True, env=env, check=check, timeout=600
    )


def test_ingest_ask_papers_doctor(tmp_path):
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "title": "Sparse Llamas",
                    "abstract": "We prune large language models to half of their "
                    "weights with magnitude pruning and recover accuracy with 100 steps of fine-tuning.",
                    "authors": ["A", "B", "C"],
                },
                {
                    "title": "Tiny Pooling",
                    "abstract": "We propose a learnable pooling layer for small "
                    "vision transformers that beats average pooling on ImageNet by 1.5 points.",
                },
            ]
        )
        + "\n"
    )
    home = tmp_path / "home"
    out = run(["ingest", str(corpus)], home)
    assert "2 added" in out.stdout
    again = run(["ingest", str(corpus)], home)
    assert "0 added" in again.stdout and "2 unchanged" in again.stdout

    listed = run(["papers"], home)
    assert "Sparse Llamas" in listed.stdout and "Tiny Pooling" in listed.stdout

    answer = json.loads(
        run(
            ["ask", "--json", "How are large language models pruned to half of their weights?"],
            home,
        ).stdout
    )
    assert answer["citations"][0]["title"] == "Sparse Llamas"
    assert answer["sources"][0]["title"] == "Sparse Llamas"

    doctor = run(["doctor"], home)
    assert (
        "papers" in doctor.stdout and "2" in doctor.stdout and "network: none used" in doctor.stdout
    )


def test_bad_input_exits_nonzero_naming_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "ok", "abstract": "fine abstract text"}\n{"title": \n')
    result = run(["ingest", str(bad)], tmp_path / "home", check=False)
    assert result.returncode == 2
    assert "bad.jsonl:2" in result.stderr and "Traceback" not in result.stderr
    skipped = run(["ingest", "--skip-bad", str(bad)], tmp_path / "home")
    assert "1 added" in skipped.stdout and "bad.jsonl:2" in skipped.stderr
