"""The web UI: a thin Gradio layer over an Assistant (see app.py), started by `serve`.

gradio is imported only when an app is built, so `assistant.ui.render` stays cheap to import.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.api import Assistant

__all__ = ["build_app", "check_bind", "serve", "serve_command"]


def is_loopback(host: str) -> bool:
    """Whether a bind address is reachable only from this machine."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, auth: str | None) -> tuple[str, str] | None:
    """The (user, password) to require, refusing a non-loopback host without one.

    check_bind("127.0.0.1", None) -> None;  check_bind("0.0.0.0", "ann:pw") -> ("ann", "pw")
    """
    credentials = None
    if auth is not None:
        user, sep, password = auth.partition(":")
        if not sep or not user or not password:
            raise AssistantError("--auth takes user:password, both non-empty")
        credentials = (user, password)
    if credentials is None and not is_loopback(host):
        raise AssistantError(
            f"--host {host} would open the UI to other machines; add --auth user:password, "
            "or bind 127.0.0.1 (the default)"
        )
    return credentials


def build_app(assistant: Assistant) -> Any:
    """The Gradio Blocks app over this Assistant (not started)."""
    from .app import build_app as build

    return build(assistant)


def serve(
    assistant: Assistant,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: str | None = None,
    *,
    block: bool = True,
) -> Any:
    """Build and start the app; returns it (already serving when block=False).

    A server without --auth on a loopback host announces itself to `assistant ask` in
    `<home>/server.json` (assistant/local_server.py) while it runs; the file goes when `serve`
    returns (block=True) or the process exits.
    """
    import atexit

    from assistant.local_server import remove_state, write_state

    from .app import launch

    credentials = check_bind(host, auth)
    demo = build_app(assistant)
    launch(demo, host, port, credentials, block=False)
    state = write_state(assistant.settings, host, port) if credentials is None else None
    if state is not None:
        atexit.register(remove_state, state)
    if block:
        try:
            demo.block_thread()
        finally:
            if state is not None:
                remove_state(state)
    return demo


def serve_command(args: Any) -> int:
    """`assistant serve` / `python app.py`: the default Assistant on the bundled corpus."""
    import signal
    import sys

    from assistant.api import default_assistant

    check_bind(args.host, args.auth)  # fail before any model loads
    # `kill` stops the server as Ctrl+C does, so it withdraws its announcement to the CLI.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    assistant = default_assistant()
    report = assistant.ensure_corpus(progress=True)  # first run on a fresh machine
    if report is not None:
        print(report.summary())
    assistant.generator  # noqa: B018 - load the model now: the status line shows its device
    print(f"Paper assistant on http://{args.host}:{args.port} (Ctrl+C to stop)")
    serve(assistant, args.host, args.port, args.auth)
    return 0
