"""`assistant ask` through a running app: found by its state file, same output in every format."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant
from assistant import local_server as ls
from assistant.cli import main

QUESTION = "What does the einspace search space build architectures from?"


@pytest.fixture
def served(ui_url: str, ui_assistant: Assistant, use_default) -> str:
    """The running app's URL, with the CLI on the app's Assistant (so on its settings)."""
    use_default(ui_assistant)
    return ui_url.rstrip("/")


def ask(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["ask", *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_serve_announces_itself_in_the_home_folder(served: str, ui_assistant: Assistant) -> None:
    state = ls.running_server(ui_assistant.settings)
    assert state is not None and state.url == served and state.pid == __import__("os").getpid()


@pytest.mark.parametrize("fmt", ["text", "json", "markdown", "bibtex"])
def test_every_format_prints_as_in_process(served: str, fmt: str, capsys) -> None:
    status, through_server, err = ask([QUESTION, "--format", fmt], capsys)
    assert (
        status == 0
        and err.strip().splitlines()[-1] == f"answered by the running server at {served}"
    )
    status, in_process, err = ask([QUESTION, "--format", fmt, "--no-server"], capsys)
    assert status == 0 and err.strip().splitlines()[-1] == "answered in-process"
    assert through_server == in_process and through_server.strip()


def test_limits_and_json_travel_to_the_server(served: str, capsys) -> None:
    status, out, err = ask([QUESTION, "--json", "--after", "2030"], capsys)
    assert status == 0 and "running server" in err
    assert json.loads(out)["sources"] == []  # nothing published after 2030


def test_a_refused_question_is_the_same_error(served: str, capsys) -> None:
    status, out, err = ask(["?!"], capsys)
    assert status == 2 and out == "" and err.startswith("error: ") and "has no words" in err
    assert "answered" not in err
