"""The CLI's way to a running `assistant serve` on this machine, as ollama's CLI finds its server.

`serve` writes a state file, `<home>/server.json` (URL, pid, settings id), once it listens, and
removes it on exit. `assistant ask` reads it and asks that server only when all of these hold:
the URL is loopback, the pid is alive, and the server runs on the same settings (the same
`settings_id`: store, models, prompts, every tuned value), which the server checks again on each
request. Anything else (no file, a dead pid, a refused connection, other settings) and the CLI
answers in-process. Requests go straight to the loopback address with http.client: no proxy, no
other host, and no import of httpx, gradio or the models on the CLI's side.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from .errors import AssistantError
from .types import Answer, Paper

if TYPE_CHECKING:
    from .api import Assistant
    from .filters import Filters
    from .settings import Settings

STATE_FILE = "server.json"
ENDPOINT = "answer"  # the Gradio API name of `server_reply` (assistant/ui/app.py)
CONNECT_TIMEOUT_S = 0.5  # a loopback server that is up accepts at once
# Seconds without a byte from the server before the CLI gives up on it. Gradio sends a heartbeat
# every 15 s while a request waits in its queue or the model works, so only a hung server is cut.
READ_TIMEOUT_S = 60.0
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}


class ServerUnavailable(Exception):
    """The server could not be used (gone, hung, or on other settings): answer in-process."""


def settings_id(settings: Settings) -> str:
    """A hash of every setting: two processes with the same id answer a question alike.

    The API key is part of the hash, never of the file.
    """
    return hashlib.sha256(settings.model_dump_json().encode()).hexdigest()[:16]


def state_path(settings: Settings) -> Path:
    """Where a server on these settings announces itself."""
    return settings.home / STATE_FILE


@dataclass(frozen=True)
class ServerState:
    """What a running server writes about itself."""

    url: str  # http://127.0.0.1:7860
    pid: int
    settings_id: str


def url_for(host: str, port: int) -> str | None:
    """The loopback URL of a server bound to `host`, or None when `host` is not loopback.

    >>> url_for("127.0.0.1", 7860), url_for("localhost", 80), url_for("::1", 8), url_for("0.0.0.0", 1)
    ('http://127.0.0.1:7860', 'http://127.0.0.1:80', 'http://[::1]:8', None)
    """
    host = host.strip().strip("[]").lower()
    if host not in _LOOPBACK:
        return None
    return f"http://{'[::1]' if host == '::1' else '127.0.0.1'}:{port}"


def write_state(settings: Settings, host: str, port: int) -> Path | None:
    """Announce a server started on these settings (atomically); None for a non-loopback host,
    which the CLI must never be pointed at."""
    url = url_for(host, port)
    if url is None:
        return None
    path = state_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    state = ServerState(url, os.getpid(), settings_id(settings))
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(json.dumps(asdict(state)), encoding="utf-8")
    os.replace(partial, path)
    return path


def remove_state(path: Path) -> None:
    """Withdraw this process's announcement (a newer server's file is left alone)."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        if json.loads(path.read_text(encoding="utf-8"))["pid"] == os.getpid():
            path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive, and the settings check decides
        return True
    return True


def running_server(settings: Settings) -> ServerState | None:
    """The server announced for these settings, when its file is sound, its URL loopback, its
    process alive and its settings the same; else None."""
    try:
        raw = json.loads(state_path(settings).read_text(encoding="utf-8"))
        state = ServerState(str(raw["url"]), int(raw["pid"]), str(raw["settings_id"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    parts = urlsplit(state.url)
    if parts.scheme != "http" or parts.hostname not in _LOOPBACK or parts.port is None:
        return None
    if state.settings_id != settings_id(settings) or not _alive(state.pid):
        return None
    return state


# -- the server's side ----------------------------------------------------------------------------
def server_reply(
    assistant: Assistant,
    question: str,
    filters: Filters,
    show_all: bool,
    asker_settings_id: str,
) -> dict[str, Any]:
    """What the `answer` endpoint returns: {"answer": Answer.to_dict(), "papers": [the cited
    papers' full records]}, {"error": message} for a question the assistant refuses, or
    {"refused": reason} when the asker runs on other settings."""
    if asker_settings_id != settings_id(assistant.settings):
        return {"refused": "the server runs on other settings"}
    try:
        answer = assistant.ask(question, filters=filters, show_all=show_all)
    except AssistantError as exc:
        return {"error": str(exc)}
    return {"answer": answer.to_dict(), "papers": [p.to_record() for p in answer.references]}


# -- the CLI's side -------------------------------------------------------------------------------
def answer_from_reply(reply: Mapping[str, Any]) -> Answer:
    """The Answer in a `server_reply`, raising its error as this process would have."""
    if "error" in reply:
        raise AssistantError(str(reply["error"]))
    if "answer" not in reply:
        raise ServerUnavailable(str(reply.get("refused", "the server sent no answer")))
    papers = (Paper.from_record(r) for r in reply.get("papers", []))
    return Answer.from_dict(reply["answer"], {p.paper_id: p for p in papers})


def _events(response: http.client.HTTPResponse) -> Iterator[tuple[str, str]]:
    """(event, data) pairs of a server-sent event stream."""
    event = "message"
    data: list[str] = []  # the data lines of the event being read
    for raw in response:
        line = raw.decode("utf-8").rstrip("\r\n")
        if not line:
            if data:
                yield event, "\n".join(data)
            event, data = "message", []
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].strip())
    if data:
        yield event, "\n".join(data)


def ask_server(state: ServerState, inputs: list[Any]) -> dict[str, Any]:
    """Call the server's `answer` endpoint with these inputs and return its reply.

    Gradio's two-step API: POST the inputs, then read the result from an event stream. Raises
    ServerUnavailable for anything that means the server cannot answer.
    """
    parts = urlsplit(state.url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    conn = http.client.HTTPConnection(host, port, timeout=CONNECT_TIMEOUT_S)
    try:
        conn.connect()
        assert conn.sock is not None
        conn.sock.settimeout(READ_TIMEOUT_S)
        body = json.dumps({"data": inputs})
        headers = {"Content-Type": "application/json"}
        conn.request("POST", f"/gradio_api/call/{ENDPOINT}", body, headers)
        response = conn.getresponse()
        if response.status != 200:
            raise ServerUnavailable(f"HTTP {response.status} from {state.url}")
        event_id = json.loads(response.read())["event_id"]
        conn.request("GET", f"/gradio_api/call/{ENDPOINT}/{event_id}")
        response = conn.getresponse()
        if response.status != 200:
            raise ServerUnavailable(f"HTTP {response.status} from {state.url}")
        for event, data in _events(response):
            if event == "complete":
                (reply,) = json.loads(data)
                return dict(reply)
            if event == "error":
                raise ServerUnavailable(f"the server failed: {data}")
        raise ServerUnavailable("the server closed the stream without an answer")
    except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError) as exc:
        raise ServerUnavailable(f"{type(exc).__name__}: {exc}") from exc
    finally:
        conn.close()
