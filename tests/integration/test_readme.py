"""README examples are tests: every code block of README.md runs (real models, a copy of the
session's store), unless a marker just above it says why it cannot or how it is checked:

    <!-- readme-test: synopsis -->     every `assistant SUB --flag` line names a real subcommand
                                        and real flags of it (a synopsis, with placeholders)
    <!-- readme-test: skip: REASON -->  not run here; REASON says what covers it instead

A Python block passes when it runs and no Answer it leaves behind abstained; a bash block when
each `assistant ...` command exits 0 and no `ask` prints an abstention.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import build_parser
from assistant.prompts import CANNOT_ANSWER_PHRASE
from assistant.sources import read_corpus
from tests.conftest import CORPUS, MODELS_CACHE, REPO

pytestmark = pytest.mark.slow

README = REPO / "README.md"
_BLOCK = re.compile(
    r"(?:<!-- readme-test: (?P<mark>[^>]*?) -->\n)?```(?P<lang>\w+)\n(?P<code>.*?)```", re.S
)
LIBRARY = REPO / "tests" / "data" / "library"
CHECK_ANSWERS = """
import assistant as _pa
_left = [v for v in list(globals().values()) if isinstance(v, _pa.Answer)]
_bad = [a.question for a in _left if a.abstained]
assert not _bad, f"README example abstained: {_bad}"
print(f"answers checked: {len(_left)}")
"""


def blocks() -> list[tuple[int, str, str, str]]:
    """(line, language, marker, code) of every fenced block of README.md."""
    text = README.read_text(encoding="utf-8")
    return [
        (text[: m.start()].count("\n") + 1, m.group("lang"), m.group("mark") or "", m.group("code"))
        for m in _BLOCK.finditer(text)
    ]


def ids() -> list[str]:
    return [f"line{line}-{lang}" for line, lang, _, _ in blocks()]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, real_assistant) -> tuple[Path, dict]:
    """A folder holding the files the examples name, and the environment they run in: a copy
    of the session's indexed store as the default home, converted weights shared."""
    real_assistant.ensure_corpus(progress=False)
    root = tmp_path_factory.mktemp("readme")
    home = root / "home"
    shutil.copytree(real_assistant.settings.home, home)
    work = root / "work"
    (work / "tests" / "data").mkdir(parents=True)
    shutil.copytree(LIBRARY, work / "tests" / "data" / "library")
    for name in ("zotero.bib", "export.ris", "zotero.json"):
        shutil.copy(LIBRARY / name, work / ("library.bib" if name == "zotero.bib" else name))
    papers = read_corpus([CORPUS]).papers
    chosen = [p for p in papers if p.title.startswith("einspace")] + papers[:19]
    (work / "abstracts.jsonl").write_text(
        "".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n" for p in chosen)
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update(
        HOME=str(root / "user"),
        ASSISTANT_HOME=str(home),
        ASSISTANT_MODELS_DIR=str(MODELS_CACHE),
        HF_HUB_OFFLINE="1",
        PYTHONPATH=str(REPO),
    )
    return work, env


def commands(code: str) -> list[list[str]]:
    """The shell commands of a block: comments dropped, continuations joined."""
    joined = re.sub(r"\\\n\s*", " ", code)
    out = []
    for line in joined.splitlines():
        line = line.split("  #")[0].strip()
        if line and not line.startswith("#"):
            out.append(shlex.split(line, comments=True))
    return out


@pytest.mark.parametrize(("line", "lang", "mark", "code"), blocks(), ids=ids())
def test_readme_block(line: int, lang: str, mark: str, code: str, workspace) -> None:
    work, env = workspace
    if mark.startswith("skip"):
        reason = mark.partition(":")[2].strip()
        assert reason, f"README.md:{line}: a skipped block must say what covers it"
        pytest.skip(f"README.md:{line}: {reason}")
    if mark == "synopsis":
        check_synopsis(code, line)
        return
    assert mark == "", f"README.md:{line}: unknown readme-test marker {mark!r}"
    if lang == "python":
        done = subprocess.run(
            [sys.executable, "-c", code + CHECK_ANSWERS],
            cwd=work, env=env, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        assert done.returncode == 0, f"README.md:{line}:\n{done.stderr[-3000:]}"
        return
    assert lang == "bash", f"README.md:{line}: a {lang} block needs a readme-test marker"
    for argv in commands(code):
        assert argv[0] == "assistant", f"README.md:{line}: mark blocks running {argv[0]}"
        done = subprocess.run(
            [sys.executable, "-m", "assistant.cli", *argv[1:]],
            cwd=work, env=env, capture_output=True, text=True, timeout=1800,
        )  # fmt: skip
        assert done.returncode == 0, f"README.md:{line}: {argv}\n{done.stderr[-3000:]}"
        if argv[1] == "ask":
            assert CANNOT_ANSWER_PHRASE not in done.stdout, f"{argv}: {done.stdout}"


def check_synopsis(code: str, line: int) -> None:
    """Every `assistant SUB ... --flag` in a synopsis block is a real subcommand and flag."""
    parser = build_parser()
    subs = next(a for a in parser._actions if a.dest == "command").choices  # type: ignore[attr-defined]
    current = None
    for text in code.splitlines():
        words = text.split("#")[0].split()
        if words[:1] == ["assistant"]:
            current = words[1]
            assert current in subs, f"README.md:{line}: no subcommand {current!r}"
        flags = re.findall(r"--[a-z][a-z-]*", text.split("#")[0])
        known = {o for a in subs[current]._actions for o in a.option_strings} if current else set()
        for flag in flags:
            assert flag in known, f"README.md:{line}: `assistant {current}` has no {flag}"
