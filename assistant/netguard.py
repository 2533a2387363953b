"""Watching for network use: a guard that refuses and records every attempt to reach another
machine, and a reading of which configured models would come from a hub.

`assistant doctor` runs real work under the guard and reports what it saw, rather than
assuming. Python-level sockets only: native code that opens its own sockets is not seen.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_LOCK = threading.Lock()


def is_local(host: object) -> bool:
    """Whether a host names this machine.

    >>> is_local("127.0.0.1"), is_local("localhost"), is_local("::1"), is_local("huggingface.co")
    (True, True, True, False)
    """
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


class NetworkAttempt(OSError):
    """Raised in place of a connection to, or a name lookup of, another machine."""


@contextmanager
def no_network() -> Iterator[list[str]]:
    """Refuse and record every connect, sendto and name lookup aimed at another machine.

    Yields the list of refused attempts ("connect ('1.2.3.4', 443)", "lookup huggingface.co"),
    filled while the block runs. Not re-entrant across threads: it patches the socket module.
    """
    attempts: list[str] = []
    original = (socket.socket.connect, socket.socket.sendto, socket.getaddrinfo)
    real_connect, real_sendto, real_getaddrinfo = original

    def connect(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            attempts.append(f"connect {address!r}")
            raise NetworkAttempt(f"network use refused: connect to {address!r}")
        return real_connect(self, address)

    def sendto(self: socket.socket, data: Any, *args: Any) -> Any:
        address = args[-1]
        if self.family in (socket.AF_INET, socket.AF_INET6) and not is_local(address[0]):
            attempts.append(f"sendto {address!r}")
            raise NetworkAttempt(f"network use refused: send to {address!r}")
        return real_sendto(self, data, *args)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_local(host):
            attempts.append(f"lookup {host}")
            raise socket.gaierror(socket.EAI_NONAME, f"network use refused: lookup of {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    with _LOCK:
        socket.socket.connect = connect  # type: ignore[method-assign,assignment]
        socket.socket.sendto = sendto  # type: ignore[method-assign,assignment]
        socket.getaddrinfo = getaddrinfo
        try:
            yield attempts
        finally:
            socket.socket.connect, socket.socket.sendto, socket.getaddrinfo = original  # type: ignore[method-assign]


def hub_offline() -> bool:
    """Whether HF_HUB_OFFLINE forbids the Hugging Face hub in this process."""
    return os.environ.get("HF_HUB_OFFLINE", "").strip().lower() in ("1", "true", "yes", "on")


def hub_models(models: dict[str, str | None], offline: bool) -> list[str]:
    """The configured models that would be fetched from the Hugging Face hub: those that are
    neither the bundled default nor a local path, unless the hub is switched off.

    >>> hub_models({"llm_model": "HuggingFaceTB/SmolLM2-1.7B-Instruct", "embed_model": "default"},
    ...            offline=False)
    ['llm_model = HuggingFaceTB/SmolLM2-1.7B-Instruct']
    """
    if offline:
        return []
    return [
        f"{name} = {value}"
        for name, value in models.items()
        if value and value != "default" and not Path(value).expanduser().exists()
    ]
