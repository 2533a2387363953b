"""UI safety: never a share link, a password for any non-loopback bind, limits on uploads."""

from __future__ import annotations

import html
from pathlib import Path

import gradio as gr
import httpx
import pytest

pytest.importorskip("gradio_client")
from gradio_client import Client, handle_file  # noqa: E402

import app as app_script  # noqa: E402
from assistant import Assistant  # noqa: E402
from assistant.cli import main  # noqa: E402
from assistant.errors import AssistantError  # noqa: E402
from assistant.ui import serve  # noqa: E402
from assistant.ui.app import MAX_UPLOAD_MB, UPLOAD_TYPES  # noqa: E402
from tests.ui.conftest import free_port  # noqa: E402


@pytest.fixture
def launches(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every Blocks.launch call's keyword arguments; no server starts."""
    calls: list[dict] = []
    monkeypatch.setattr(gr.Blocks, "launch", lambda self, **kwargs: calls.append(kwargs))
    return calls


@pytest.mark.parametrize(
    ("host", "auth", "credentials"),
    [("127.0.0.1", None, None), ("0.0.0.0", "ann:s3cret", ("ann", "s3cret"))],
)
def test_launch_never_shares_and_limits_uploads(
    host: str,
    auth: str | None,
    credentials,
    launches: list[dict],
    fake_assistant: Assistant,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GRADIO_SHARE", "True")  # the environment cannot turn a share link on
    serve(fake_assistant, host, 7861, auth, block=False)
    (kwargs,) = launches
    assert kwargs["share"] is False
    assert kwargs["auth"] == credentials
    assert (kwargs["server_name"], kwargs["server_port"]) == (host, 7861)
    assert kwargs["max_file_size"] == f"{MAX_UPLOAD_MB}mb"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.5", "example.org"])
def test_non_loopback_bind_without_a_password_starts_nothing(
    host: str, launches: list[dict], fake_assistant: Assistant, monkeypatch, capsys, tmp_path
) -> None:
    with pytest.raises(AssistantError, match="--auth user:password"):
        serve(fake_assistant, host)
    # The command and app.py refuse before any model or store is loaded.
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "untouched"))
    assert main(["serve", "--host", host]) == 2
    assert app_script.main(["--host", host]) == 2
    err = capsys.readouterr().err
    assert err.count(f"error: --host {host} would open the UI to other machines") == 2
    assert not (tmp_path / "untouched").exists()  # no store was opened, no model loaded
    assert launches == []


def test_a_served_app_with_a_password_lets_no_one_in_without_it(
    ui_assistant: Assistant, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GRADIO_SHARE", "True")
    port = free_port()
    demo = serve(ui_assistant, "127.0.0.1", port, "ann:s3cret", block=False)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert demo.share is False and demo.share_url is None
        assert httpx.get(url + "config").status_code == 401
        call = httpx.post(url + "gradio_api/call/ask", json={"data": ["pooling", "", "", 0, 0]})
        assert call.status_code == 401
        with pytest.raises(Exception, match="(?i)credentials|login"):
            Client(url, verbose=False)
        with pytest.raises(Exception, match="(?i)login"):
            Client(url, auth=("ann", "wrong"), verbose=False)
        client = Client(url, auth=("ann", "s3cret"), verbose=False)
        assert "papers" in client.predict(api_name="/status")
    finally:
        demo.close()


def test_upload_of_a_binary_file_under_an_allowed_name_adds_nothing(
    ui_url: str, tmp_path: Path
) -> None:
    client = Client(ui_url, verbose=False, download_files=False)
    before = client.predict("", *[""] * 6, api_name="/papers")
    for suffix in UPLOAD_TYPES:
        fake = tmp_path / f"holiday-photo{suffix}"
        fake.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
        message, _ = client.predict([handle_file(str(fake))], False, api_name="/add")
        assert "Nothing was added" in message
        assert html.escape(f"holiday-photo{suffix}: binary file, not text") in message
        assert "/tmp" not in message  # names the file as uploaded, not the server's path
    after = client.predict("", *[""] * 6, api_name="/papers")
    assert after == before
