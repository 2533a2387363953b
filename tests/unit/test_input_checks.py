"""Input checked once, for the API, the CLI and the UI alike: dates, author counts, and what
`assistant doctor` says about network use."""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

import pytest

from assistant import Assistant, AssistantError, Filters, Settings
from assistant.cli import main
from assistant.filters import parse_date
from assistant.netguard import no_network
from assistant.sources import read_corpus
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, FakeGenerator


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2024-05-31", False, "2024-05-31"),
        (" 2024-02-29 ", False, "2024-02-29"),
        ("2023", False, "2023-01-01"),
        ("2023", True, "2023-12-31"),
        ("2023-02", True, "2023-02-28"),
        ("", False, None),
        (None, True, None),
    ],
)
def test_dates_are_read_the_same_everywhere(value, end, expected) -> None:
    assert parse_date(value, end=end) == expected


@pytest.mark.parametrize(
    "value", ["2024-13-45", "yesterday", "2023-02-30", "24-05-31", "2024/05/31"]
)
def test_a_bad_date_is_an_error_that_names_the_setting(value: str) -> None:
    with pytest.raises(AssistantError, match=r"\(--after\) .* is not a date"):
        Filters(published_after=value)


def test_filters_refuse_an_empty_range_and_negative_counts() -> None:
    with pytest.raises(AssistantError, match="empty"):
        Filters("2024-06-01", "2024-01-01")
    with pytest.raises(AssistantError, match="negative"):
        Filters(min_authors=-1)
    with pytest.raises(AssistantError, match="more than max_authors"):
        Filters(min_authors=5, max_authors=2)
    assert Filters(published_before="2023").published_before == "2023-12-31"


@pytest.mark.parametrize(
    "command",
    [
        ["ask", "which papers prune llamas?", "--after", "2024-13-45"],
        ["ask", "which papers prune llamas?", "--before", "yesterday"],
        ["digest", "pooling", "--since", "2024-13-45", "--out", "{out}"],
        ["summarize", "--all", "--since", "last week", "--out", "{out}"],
    ],
)
def test_the_cli_refuses_a_bad_date_before_loading_anything(
    command: list[str], tmp_path: Path, monkeypatch, capsys
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    out = tmp_path / "out.md"
    status = main([part.format(out=out) for part in command])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("error: ") and "is not a date" in err
    assert not out.exists()  # no empty digest or summary file
    assert not home.exists()  # no store opened, no model loaded


def test_the_api_refuses_a_bad_date(fake_indexed: Assistant) -> None:
    with pytest.raises(AssistantError, match="is not a date"):
        fake_indexed.ask(
            "Which papers prune llamas?", filters=Filters(published_before="2024-13-45")
        )


# -- doctor ------------------------------------------------------------------------------------
def doctor_assistant(home: Path, embedder: FakeEmbedder | None = None, **settings) -> Assistant:
    corpus = home.parent / "three.jsonl"  # a small corpus: doctor's checks, not indexing speed
    papers = read_corpus([CORPUS]).papers[:3]
    corpus.write_text(
        "".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n" for p in papers)
    )
    s = Settings(home=home, corpus=[corpus], **settings)
    return Assistant(s, embedder=embedder or FakeEmbedder(), generator=FakeGenerator())


def test_doctor_reports_no_network_use_from_what_it_ran(tmp_path, use_default, capsys) -> None:
    use_default(doctor_assistant(tmp_path / "home"))
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "network: none used while opening the store and retrieving a question" in out


class PhoningEmbedder(FakeEmbedder):
    """An embedding model that calls home on every use, as a hub-backed one would."""

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with contextlib.suppress(OSError):
            socket.create_connection(("192.0.2.1", 443), timeout=0.5).close()
        return super()._encode(texts)


def test_doctor_catches_a_component_that_reaches_the_network(tmp_path, use_default, capsys):
    fine = doctor_assistant(tmp_path / "home")
    fine.ensure_corpus(progress=False)  # indexed without the phoning model
    use_default(doctor_assistant(tmp_path / "home", embedder=PhoningEmbedder()))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "attempt(s) to reach other machines" in out and "192.0.2.1" in out


def test_doctor_names_a_model_that_would_come_from_the_hub(
    tmp_path, use_default, monkeypatch, capsys
) -> None:
    monkeypatch.delenv("HF_HUB_OFFLINE")
    hub_id = "HuggingFaceTB/SmolLM2-1.7B-Instruct"
    use_default(doctor_assistant(tmp_path / "home", llm_model=hub_id))
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert f"llm_model = {hub_id} is not a local path" in out
    assert "network: not needed" not in out


def test_the_guard_refuses_lookups_and_connections_but_not_loopback() -> None:
    with no_network() as attempts:
        with pytest.raises(OSError):
            socket.getaddrinfo("huggingface.co", 443)
        with pytest.raises(OSError):
            socket.create_connection(("192.0.2.1", 9), timeout=0.5)
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            socket.create_connection(server.getsockname(), timeout=2).close()
    assert attempts[0] == "lookup huggingface.co" and "192.0.2.1" in attempts[1]
    assert len(attempts) == 2
    socket.getaddrinfo("127.0.0.1", 80)  # the guard is gone
