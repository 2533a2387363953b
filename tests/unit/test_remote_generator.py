"""OpenAIGenerator against a small local stand-in server that speaks the chat-completions protocol."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant import Assistant, Settings
from assistant.errors import ModelError
from assistant.remote import OpenAIGenerator
from tests.conftest import FAKE_ABSTENTION
from tests.fakes import FakeEmbedder

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"}]


class StandIn(ThreadingHTTPServer):
    """An OpenAI-compatible server in a thread: streams `reply` word by word, records requests."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.reply = "Hello there."
        self.status = 200
        self.raw_lines: list[str] | None = None  # when set, sent as the body instead of `reply`
        self.requests: list[dict] = []
        self.url = f"http://127.0.0.1:{self.server_port}/v1"


class _Handler(BaseHTTPRequestHandler):
    server: StandIn

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.requests.append(
            {"path": self.path, "headers": dict(self.headers), "body": body}
        )
        if self.server.status != 200:
            self.send_response(self.server.status)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "out of memory"}}')
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for line in self.server.raw_lines or list(_sse(self.server.reply, body["model"])):
            self.wfile.write(line.encode() + b"\n\n")
            self.wfile.flush()


def _sse(reply: str, model: str) -> Iterator[str]:
    """The data lines a real server sends: a role chunk, one chunk per word, a finish, [DONE]."""

    def chunk(delta: dict, finish: str | None = None) -> str:
        choice = {"index": 0, "delta": delta, "finish_reason": finish}
        return "data: " + json.dumps(
            {"object": "chat.completion.chunk", "model": model, "choices": [choice]}
        )

    yield chunk({"role": "assistant"})
    yield ": keep-alive comment"
    for i, word in enumerate(reply.split(" ")):
        yield chunk({"content": word if i == 0 else " " + word})
    yield chunk({}, "stop")
    yield "data: [DONE]"


@pytest.fixture
def stand_in() -> Iterator[StandIn]:
    server = StandIn()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_streams_pieces_and_sends_a_greedy_streaming_request(stand_in):
    gen = OpenAIGenerator(stand_in.url, "my-model", api_key="sekret")
    pieces = list(gen.stream(MESSAGES, max_new_tokens=42))
    assert pieces == ["Hello", " there."]
    (request,) = stand_in.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["body"] == {
        "model": "my-model",
        "messages": MESSAGES,
        "temperature": 0,
        "max_tokens": 42,
        "stream": True,
    }
    assert request["headers"]["Authorization"] == "Bearer sekret"
    assert gen.name == f"my-model @ {stand_in.url}" and gen.device == "remote"
    assert gen.generate(MESSAGES, 5) == "Hello there."


def test_no_key_sends_no_authorization_header(stand_in):
    OpenAIGenerator(stand_in.url + "/", "m").generate(MESSAGES, 5)  # trailing slash tolerated
    (request,) = stand_in.requests
    assert request["path"] == "/v1/chat/completions"
    assert "Authorization" not in request["headers"]


def test_server_down_is_a_model_error_naming_the_url():
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/v1"
    with pytest.raises(ModelError, match=f"cannot reach the model server at {url}"):
        OpenAIGenerator(url, "m").generate(MESSAGES, 5)


def test_http_error_is_a_model_error_with_the_status_and_detail(stand_in):
    stand_in.status = 500
    with pytest.raises(ModelError, match="HTTP 500: .*out of memory") as err:
        OpenAIGenerator(stand_in.url, "m").generate(MESSAGES, 5)
    assert stand_in.url in str(err.value)


@pytest.mark.parametrize(
    "lines, problem",
    [
        (["data: {not json"], "malformed stream"),
        (['data: {"no_choices": 1}'], "malformed stream"),
        (['data: {"error": {"message": "CUDA out of memory"}}'], "CUDA out of memory"),
        (
            ['data: {"choices": [{"delta": {"content": "cut"}, "finish_reason": null}]}'],
            "closed the stream before the reply was finished",
        ),
    ],
)
def test_malformed_or_cut_stream_is_a_model_error(stand_in, lines, problem):
    stand_in.raw_lines = lines
    with pytest.raises(ModelError, match=problem):
        OpenAIGenerator(stand_in.url, "m").generate(MESSAGES, 5)


def test_finish_reason_without_done_line_is_accepted(stand_in):
    stand_in.raw_lines = [line for line in _sse("All good.", "m") if line != "data: [DONE]"]
    assert OpenAIGenerator(stand_in.url, "m").generate(MESSAGES, 5) == "All good."


SPARSE = "Sparse Llamas"
PRUNE = "We prune llamas to half their weights with no loss."
ROWS = [
    {"title": SPARSE, "abstract": PRUNE + " The pruned llamas run twice as fast on phones."},
    {"title": "Tiny Pooling", "abstract": "A pooling layer for tiny transformers beats average."},
]


def test_assistant_answers_through_the_endpoint_with_a_citation(stand_in, tmp_path):
    corpus = tmp_path / "papers.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    settings = Settings(
        home=tmp_path / "home",
        llm_url=stand_in.url,
        llm_model="stand-in",
        abstention=FAKE_ABSTENTION,
    )
    assistant = Assistant(settings, embedder=FakeEmbedder())
    assistant.ingest([corpus], progress=False)
    question = "How much faster do the pruned llamas run on phones?"
    lead = "Pruned to half their weights, the llamas run twice as fast on phones [1]."
    stand_in.reply = lead

    answer = assistant.ask(question)

    assert isinstance(assistant.generator, OpenAIGenerator)
    assert answer.mode == "composed" and not answer.abstained
    assert answer.text.startswith(lead)  # the endpoint's lead passed the check
    assert [c.title for c in answer.citations] == [SPARSE]
    assert "The pruned llamas run twice as fast on phones." in answer.citations[0].sentences
    (request,) = stand_in.requests
    assert request["body"]["model"] == "stand-in"
    assert request["body"]["max_tokens"] == settings.compose.lead_tokens
    # The model saw the chosen sentences, not the other paper.
    sent = request["body"]["messages"][-1]["content"]
    assert "twice as fast on phones" in sent and "Tiny Pooling" not in sent
