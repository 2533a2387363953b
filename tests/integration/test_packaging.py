"""The built wheel works as a normal install: from any folder it finds its prompts and its
bundled corpus, indexes the corpus and answers a question, and summarizes a paper.

The wheel is built from this checkout and installed into a fresh virtualenv. That virtualenv
reuses the packages already installed for the tests (its site-packages gets a path entry to
theirs), so nothing is downloaded; the project itself comes only from the wheel.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MODELS_CACHE, REPO

pytestmark = pytest.mark.slow

SESSION = r"""
import json, sys
from pathlib import Path
import assistant
from assistant import ask, summarize
from assistant.resources import corpus_dir, prompts_dir

answer = ask("What formal structure does the einspace search space use?")
paper = next(p for p in assistant.default_assistant().papers() if p.title.startswith("einspace"))
summary = summarize([paper], Path("summaries.jsonl"))[0]
print(json.dumps({
    "package": assistant.__file__,
    "prompts": str(prompts_dir()),
    "corpus": str(corpus_dir()),
    "papers": len(assistant.default_assistant().papers()),
    "abstained": answer.abstained,
    "cited": [c.title for c in answer.citations],
    "text": answer.text,
    "summary": summary.tldr,
}))
"""


def run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_the_wheel_answers_from_any_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(dist), str(REPO)]
    )
    (wheel,) = dist.glob("paper_assistant-*.whl")

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    target = Path(
        run([str(python), "-c", "import site; print(site.getsitepackages()[0])"]).stdout.strip()
    )
    run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index"]
        + ["--target", str(target), str(wheel)]
    )
    # The dependencies: a path entry to the packages the tests already use (its .pth files,
    # among them the editable install of this checkout, are not read from there).
    (target / "reuse_test_packages.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_") and k != "PYTHONPATH"
    }
    env.update(
        HF_HUB_OFFLINE="1",
        ASSISTANT_HOME=str(tmp_path / "home"),
        ASSISTANT_MODELS_DIR=str(MODELS_CACHE),
        ASSISTANT_COMPOSE__LEAD_TOKENS="48",
    )
    done = run([str(python), "-c", SESSION], cwd=work, env=env, timeout=1800)
    found = json.loads(done.stdout.strip().splitlines()[-1])

    assert found["package"].startswith(str(target))  # the wheel's code, not this checkout's
    assert found["prompts"].startswith(str(target)) and found["corpus"].startswith(str(target))
    assert found["papers"] == 414  # the bundled corpus, shipped inside the package
    assert not found["abstained"], found["text"]
    assert any(t.startswith("einspace") for t in found["cited"]), found
    assert found["summary"].strip()
    assert (work / "summaries.jsonl").exists()
