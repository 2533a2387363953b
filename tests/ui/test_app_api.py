"""The app over HTTP with gradio_client: a real server on a free localhost port, fake models."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("gradio_client")
from gradio_client import Client, handle_file  # noqa: E402
from gradio_client.exceptions import AppError  # noqa: E402

from assistant import Assistant  # noqa: E402


@pytest.fixture
def client(ui_url: str) -> Client:
    return Client(ui_url, verbose=False, download_files=False)


NO_FILTERS = ("", "", "", "", "", "")  # from, to, min authors, max authors, author, venue


def paper_titles(
    client: Client,
    query: str,
    after: str = "",
    before: str = "",
    least: str = "",
    most: str = "",
    author: str = "",
    venue: str = "",
) -> list[str]:
    rows = client.predict(query, after, before, least, most, author, venue, api_name="/papers")
    return [row["title"] for row in rows]


def test_endpoints_are_named(client: Client) -> None:
    names = set(client.view_api(print_info=False, return_format="dict")["named_endpoints"])
    assert {"/chat", "/ask", "/papers", "/summarize", "/digest", "/add", "/status"} <= names


def test_ask_returns_a_cited_answer(client: Client, grounded, ui_assistant: Assistant) -> None:
    question, sentence, paper = grounded("Provable Advantage of Unsupervised")
    answer = client.predict(question, "", "", None, None, api_name="/ask")  # the JSON API
    assert not answer["abstained"]
    assert answer["citations"], answer
    cited = answer["citations"][0]
    assert cited["paper_id"] == paper.paper_id
    assert cited["snippet"] in paper.abstract
    assert "[1]" in answer["text"]


def test_chat_streams_to_a_cited_answer_with_sources(client: Client, grounded) -> None:
    question, sentence, paper = grounded("Provable Advantage of Unsupervised")
    job = client.submit(question, *NO_FILTERS, api_name="/chat")
    job.result(timeout=60)
    updates = job.outputs()
    transcripts = [u[1] for u in updates]
    assert any("pa-draft" in t for t in transcripts), "the draft was never shown"
    _, transcript, sources, status = updates[-1]
    assert 'class="pa-cite"' in transcript and "pa-draft" not in transcript
    assert "support 100%" in transcript
    assert "<mark>" in sources and 'id="pa-src-0-1"' in sources
    assert "414 papers" in status or "papers" in status


def test_follow_up_is_rewritten_with_history(client: Client, grounded) -> None:
    question, _, _ = grounded("Provable Advantage of Unsupervised")
    client.predict("Which papers study unsupervised pretraining?", *NO_FILTERS, api_name="/chat")
    grounded("Provable Advantage of Unsupervised")
    _, transcript, _, _ = client.predict(
        "and which of those give guarantees?", *NO_FILTERS, api_name="/chat"
    )
    assert (
        "searched as: Which of the papers on unsupervised pretraining give guarantees?"
        in transcript
    )


def test_empty_question_is_refused(client: Client) -> None:
    with pytest.raises(AppError, match="question"):
        client.predict("   ", *NO_FILTERS, api_name="/chat")


def test_papers_search_and_filters(client: Client) -> None:
    everything = paper_titles(client, "")
    assert len(everything) >= 414
    found = paper_titles(client, "unsupervised pretraining")
    assert any("Provable Advantage of Unsupervised Pretraining" in t for t in found)
    assert 0 < len(found) < len(everything)
    late = paper_titles(client, "", after="2023-12-11")
    early = paper_titles(client, "", before="2023-12-10")
    assert late and early and not set(late) & set(early)
    few = paper_titles(client, "", most="2")
    many = paper_titles(client, "", least="3")
    assert few and many and len(few) + len(many) <= len(everything)
    assert paper_titles(client, "", least="", most="") == everything  # empty means any
    with pytest.raises(AppError, match="YYYY-MM-DD"):
        paper_titles(client, "", after="last week")
    with pytest.raises(AppError, match="Min authors 'three' is not a whole number"):
        paper_titles(client, "", least="three")
    with pytest.raises(AppError, match="more than"):
        paper_titles(client, "", least="4", most="2")


def test_chat_with_a_bad_filter_asks_nothing(client: Client, ui_assistant: Assistant) -> None:
    ui_assistant.generator.prompts.clear()
    result = client.predict("What is pooling?", "soon", "", "", "", "", "", api_name="/chat")
    assert "pa-turn" not in str(result)  # the page shows the error under the box instead
    assert ui_assistant.generator.prompts == []


def test_ask_about_one_paper_with_author_and_venue_filters(
    client: Client, ui_assistant: Assistant, tmp_path: Path
) -> None:
    library = tmp_path / "venue.bib"
    library.write_text(
        "@inproceedings{okapi2024,\n  title = {Okapi Routing for Sparse Experts},\n"
        "  author = {Gödel, Kurt and Noether, Emmy},\n  booktitle = {Proceedings of ICML},\n"
        "  year = {2024},\n  eprint = {2401.01234},\n  archiveprefix = {arXiv},\n"
        "  abstract = {Okapi routing sends tokens to sparse experts. It halves the cost.}\n}\n"
    )
    ui_assistant.ingest([library], progress=False)
    assert paper_titles(client, "", author="godel") == ["Okapi Routing for Sparse Experts"]
    assert paper_titles(client, "okapi", venue="icml") == ["Okapi Routing for Sparse Experts"]
    assert paper_titles(client, "okapi", venue="neurips") == []


def write_jsonl(path: Path, rows: list[object]) -> Path:
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n")
    return path


def test_upload_good_then_bad_file(client: Client, tmp_path: Path) -> None:
    good = write_jsonl(
        tmp_path / "good.jsonl",
        [
            {
                "title": "Quokka Attention for Marsupial Vision",
                "authors": ["A. One", "B. Two"],
                "published": "2024-02-01",
                "abstract": "We propose quokka attention. It improves marsupial image recognition by 3%.",
            }
        ],
    )
    before = len(paper_titles(client, ""))
    message, status = client.predict([handle_file(str(good))], False, api_name="/add")
    assert "1 added" in message and "pa-msg-ok" in message
    assert len(paper_titles(client, "")) == before + 1
    assert paper_titles(client, "quokka") == ["Quokka Attention for Marsupial Vision"]

    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        [
            {"title": "Fine Row", "abstract": "A perfectly fine abstract about wombats."},
            '{"title": "Broken row", "abstract": ',
        ],
    )
    message, _ = client.predict([handle_file(str(bad))], False, api_name="/add")
    assert "Nothing was added" in message and "bad.jsonl:2" in message
    assert "not valid JSON" in message and "/tmp" not in message
    assert len(paper_titles(client, "")) == before + 1  # nothing lost, nothing half-added
    assert paper_titles(client, "wombats") == []

    message, _ = client.predict([handle_file(str(bad))], True, api_name="/add")
    assert "1 added" in message and "skipped bad.jsonl:2" in message
    assert paper_titles(client, "wombats") == ["Fine Row"]


def test_upload_rejects_other_types(client: Client, tmp_path: Path) -> None:
    other = tmp_path / "paper.pdf"
    other.write_bytes(b"%PDF-1.4 not an abstract list")
    try:
        message, _ = client.predict([handle_file(str(other))], False, api_name="/add")
    except AppError as exc:  # the upload itself may be refused for its type
        message = str(exc)
    assert ".jsonl" in message  # the message says which types are accepted
    assert "nothing was added" in message.lower() or "invalid file type" in message.lower()


def test_status_line(client: Client, ui_assistant: Assistant) -> None:
    line = client.predict(api_name="/status")
    assert "fake-generator" in line and ui_assistant.embedder.name in line and "CPU" in line
    assert "chunks" in line


def test_summarize_one_paper(client: Client, ui_assistant: Assistant) -> None:
    paper = next(p for p in ui_assistant.papers() if "Provable Advantage" in p.title)
    first = paper.abstract.split(". ")[0] + "."
    ui_assistant.generator.replies.clear()
    ui_assistant.generator.enqueue([f"TL;DR: {first}\n- {first}"])
    view = client.predict(paper.paper_id, api_name="/summarize")
    assert "TL;DR" in view and "Provable Advantage" in view and "support" in view
    assert "No paper with id" in client.predict("nope", api_name="/summarize")


def test_digest_of_a_topic(client: Client) -> None:
    view = client.predict("unsupervised pretraining", "", api_name="/digest")
    assert 'class="pa-ref"' in view and "<li>" in view
    assert "Type a topic" in client.predict("", "", api_name="/digest")


def test_upload_over_the_size_limit_is_refused(client: Client, tmp_path: Path) -> None:
    from assistant.ui.app import MAX_UPLOAD_MB

    big = tmp_path / "big.jsonl"
    row = json.dumps({"title": "Padding", "abstract": "x" * 1000}) + "\n"
    big.write_text(row * (MAX_UPLOAD_MB * 1024 + 10))
    before = len(paper_titles(client, ""))
    with pytest.raises(Exception, match="(?i)size|large|limit"):
        client.predict([handle_file(str(big))], False, api_name="/add")
    assert len(paper_titles(client, "")) == before
