"""Offline guarantee: ingest, ask, summarize and the web UI on the real models open no connection
to anything but this machine, and look up no other machine's name.

A fresh process installs an audit hook before anything else is imported (hooks cannot be
removed, so never in the test process itself) and records every socket connect or sendto aimed
at a non-loopback address, and every name lookup of another host. It runs without HF_HUB_OFFLINE
and the other libraries' switches, as a user's shell would. Sockets opened by native code (Rust,
C) bypass Python's audit events; what talks HTTP here (huggingface_hub, httpx, gradio, chromadb's
telemetry) is Python."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.sources import read_corpus
from tests.conftest import CORPUS, MODELS_CACHE, REPO

pytestmark = pytest.mark.slow

# Environment variables that would keep libraries off the network on the assistant's behalf.
SWITCHES = {
    "HF_HUB_OFFLINE",
    "TRANSFORMERS_OFFLINE",
    "HF_DATASETS_OFFLINE",
    "HF_HUB_DISABLE_TELEMETRY",
    "DO_NOT_TRACK",
    "GRADIO_ANALYTICS_ENABLED",
    "ANONYMIZED_TELEMETRY",
}

SESSION = r"""
import ipaddress, json, socket, sys

attempts, lookups = [], []

def local(host):
    if isinstance(host, bytes):
        host = host.decode()
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False

def audit(event, args):
    if event in ("socket.connect", "socket.sendto"):
        sock, address = args[0], args[-1]
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not local(address[0]):
            attempts.append(f"{event} {address!r}")
    elif event == "socket.getaddrinfo" and not local(args[0]):
        lookups.append(str(args[0]))

sys.addaudithook(audit)
# The hook sees a connect before the system call: on a closed socket, nothing is sent.
probe = socket.socket()
probe.close()
try:
    probe.connect(("192.0.2.1", 9))
except OSError:
    pass
assert attempts == ["socket.connect ('192.0.2.1', 9)"], attempts
attempts.clear()

from pathlib import Path
corpus, report = sys.argv[1], Path(sys.argv[2])
done = []
try:
    from assistant import Assistant, Settings
    from assistant.ui import serve
    import assistant.summaries

    assistant.summaries.MAX_NEW_TOKENS = 32  # the real model writes ~12 tokens/s on two cores
    a = Assistant(Settings(corpus=[corpus]))
    done.append(("ingest", a.ingest([corpus], progress=False).added))
    answer = a.ask("How does IncreLoRA allocate trainable parameters?")
    done.append(("ask", [c.title for c in answer.citations]))
    paper = next(p for p in a.papers() if p.title.startswith("IncreLoRA"))
    done.append(("summarize", a.summarize([paper])[0].paper_id))

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    demo = serve(a, "127.0.0.1", port, block=False)
    import httpx

    # Plain HTTP, not gradio_client: the client would look up huggingface.co for itself.
    url = f"http://127.0.0.1:{port}/"
    page = httpx.get(url)
    question = "Which method adds trainable parameters during training?"
    call = httpx.post(url + "gradio_api/call/ask", json={"data": [question, "", "", None, None]})
    events = httpx.get(url + "gradio_api/call/ask/" + call.json()["event_id"], timeout=300)
    shown = json.loads(events.text.split("event: complete\ndata: ", 1)[1].splitlines()[0])[0]
    done.append(("ui", [page.status_code, [c["title"] for c in shown["citations"]]]))
    demo.close()
finally:
    report.write_text(json.dumps({"done": done, "attempts": attempts, "lookups": lookups}))
"""


def test_ingest_ask_summarize_and_ui_connect_to_nothing_but_localhost(tmp_path: Path) -> None:
    papers = read_corpus([CORPUS]).papers
    chosen = [p for p in papers if p.title.startswith("IncreLoRA")] + papers[:19]
    corpus = tmp_path / "twenty.jsonl"
    corpus.write_text(
        "".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n" for p in chosen)
    )
    report = tmp_path / "report.json"
    # A user's environment: none of the libraries' offline or no-telemetry switches is set, so
    # whatever keeps this process off the network is the assistant's own doing.
    env = {k: v for k, v in os.environ.items() if k not in SWITCHES}
    env.update(
        PYTHONPATH=str(REPO),
        ASSISTANT_HOME=str(tmp_path / "home"),
        ASSISTANT_MODELS_DIR=str(MODELS_CACHE),
        ASSISTANT_COMPOSE__LEAD_TOKENS="32",
        ASSISTANT_DEVICE="cpu",
    )
    run = subprocess.run(
        [sys.executable, "-c", SESSION, str(corpus), str(report)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    found = json.loads(report.read_text())
    done = dict(found["done"])
    assert done["ingest"] == 20
    assert done["ask"] and done["summarize"]
    status, cited = done["ui"]
    assert status == 200 and cited
    assert found["attempts"] == [], "connections off this machine:\n" + "\n".join(found["attempts"])
    assert found["lookups"] == [], "name lookups off this machine: " + ", ".join(found["lookups"])
