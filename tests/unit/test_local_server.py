"""Answers as dicts and back, the server state file, and the CLI's fallback to in-process.

The CLI through a real running app is in tests/ui/test_cli_server.py (it needs gradio).
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest

from assistant import Assistant, Settings
from assistant import local_server as ls
from assistant.cli import main
from assistant.types import Abstention, Answer, Citation, Mode, Paper, Source

QUESTION = "What does retrieval-augmented generation combine?"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def announce(settings: Settings, url: str, pid: int | None = None, sid: str | None = None) -> Path:
    path = ls.state_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {"url": url, "pid": pid or os.getpid(), "settings_id": sid or ls.settings_id(settings)}
    path.write_text(json.dumps(state))
    return path


# -- Answer.from_dict ---------------------------------------------------------------------------
def printed(answer: Answer) -> tuple[object, ...]:
    return answer.to_dict(), str(answer), answer.to_markdown(), answer.to_bibtex()


def test_a_cited_answer_round_trips_through_its_dict(library: Assistant) -> None:
    answer = library.ask(QUESTION)
    assert answer.references and answer.citations
    data = json.loads(json.dumps(answer.to_dict()))  # as it crosses HTTP
    papers = {p.paper_id: Paper.from_record(p.to_record()) for p in answer.references}
    back = Answer.from_dict(data, papers)
    assert printed(back) == printed(answer)
    assert back.references == answer.references and back.citations == answer.citations
    # Without the full records, the dict alone still round-trips.
    assert Answer.from_dict(data).to_dict() == answer.to_dict()


def test_every_field_round_trips() -> None:
    answer = Answer(
        "q?",
        "No abstract says [1].",
        [Citation("1", "p1", "T", "It says.", 0.5, True, ("It says.", "More."))],
        [Source("p1", "T", 0.3, 0.9, "2024-05-31", 3)],
        abstained=True,
        support=0.25,
        mode=Mode.ABSTAINED,
        reason=Abstention.NUMBER_NOT_GIVEN,
        missing=("the batch size",),
        references=(Paper("p1", "T", "A.", authors=("Ada Lovelace",), year=2024, doi="10.1/x"),),
    )
    data = answer.to_dict()
    assert Answer.from_dict(data).to_dict() == data
    assert Answer.from_dict(data).reason is Abstention.NUMBER_NOT_GIVEN


def test_a_paper_record_round_trips() -> None:
    paper = Paper(
        "p1",
        "T",
        "A.",
        authors_count=2,
        published="2024-05-31",
        metadata={"more_authors": True},
        authors=("A B", "C D"),
        venue="ICML",
        citation_key="b2024t",
    )
    record = json.loads(json.dumps(paper.to_record()))
    assert Paper.from_record(record) == paper
    assert Paper.from_record(record).metadata == {"more_authors": True}


# -- the state file -----------------------------------------------------------------------------
def test_a_server_is_found_only_on_the_same_settings(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    path = ls.write_state(settings, "127.0.0.1", 7999)
    assert path == tmp_path / ls.STATE_FILE
    state = ls.running_server(settings)
    assert state is not None and state.url == "http://127.0.0.1:7999"
    assert ls.running_server(Settings(home=tmp_path, top_k=3)) is None  # other settings
    ls.remove_state(path)
    assert not path.exists() and ls.running_server(settings) is None


@pytest.mark.parametrize(
    "url", ["http://10.0.0.5:7860", "https://127.0.0.1:7860", "http://example.com:80", "junk"]
)
def test_a_state_file_pointing_off_this_machine_is_ignored(tmp_path: Path, url: str) -> None:
    settings = Settings(home=tmp_path)
    announce(settings, url)
    assert ls.running_server(settings) is None


def test_a_non_loopback_server_never_announces_itself(tmp_path: Path) -> None:
    assert ls.write_state(Settings(home=tmp_path), "0.0.0.0", 7860) is None
    assert not (tmp_path / ls.STATE_FILE).exists()


def test_a_dead_server_and_a_damaged_file_are_ignored(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    announce(settings, "http://127.0.0.1:7860", pid=2**22 + 12345)  # above Linux's pid_max
    assert ls.running_server(settings) is None
    ls.state_path(settings).write_text("{not json")
    assert ls.running_server(settings) is None


def test_only_the_announcing_process_removes_the_file(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    path = announce(settings, "http://127.0.0.1:7860", pid=1)
    ls.remove_state(path)
    assert path.exists()


def test_a_reply_for_other_settings_is_refused(library: Assistant) -> None:
    from assistant.filters import Filters

    reply = ls.server_reply(library, QUESTION, Filters(), False, "another-id")
    with pytest.raises(ls.ServerUnavailable, match="other settings"):
        ls.answer_from_reply(reply)


# -- the CLI's choice ---------------------------------------------------------------------------
def test_with_no_server_the_cli_answers_in_process(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    assert main(["ask", QUESTION, "--format", "json"]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["references"] and out.err.strip() == "answered in-process"


def test_a_state_file_on_a_dead_port_falls_back(library: Assistant, use_default, capsys) -> None:
    use_default(library)
    expected = library.ask(QUESTION).to_markdown()
    path = announce(library.settings, f"http://127.0.0.1:{closed_port()}")
    try:
        assert main(["ask", QUESTION, "--format", "markdown"]) == 0
    finally:
        path.unlink()
    out = capsys.readouterr()
    assert out.out == expected
    first, second = out.err.strip().splitlines()
    assert "did not answer" in first and "answering in-process" in first
    assert second == "answered in-process"


def test_no_server_flag_skips_a_live_looking_server(
    library: Assistant, use_default, capsys, monkeypatch
) -> None:
    use_default(library)
    path = announce(library.settings, "http://127.0.0.1:9")

    def never(*args: object) -> None:
        raise AssertionError("--no-server must not contact the server")

    monkeypatch.setattr(ls, "ask_server", never)
    try:
        assert main(["ask", QUESTION, "--no-server"]) == 0
    finally:
        path.unlink()
    assert capsys.readouterr().err.strip() == "answered in-process"
