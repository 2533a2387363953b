"""Generation on an OpenAI-compatible server (vLLM, TGI, llama.cpp server); the only module importing httpx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from .errors import ModelError
from .generation import Generator, Messages

# Connecting should be quick; a big model on a busy server may think for a while between tokens.
CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 300.0
DONE = "[DONE]"  # the stream's last data line


def parse_sse_line(line: str) -> dict[str, Any] | str | None:
    """One Server-Sent-Events line -> its JSON payload, DONE at the end, None for other lines.

    >>> parse_sse_line('data: {"choices": []}'), parse_sse_line(": keep-alive")
    ({'choices': []}, None)
    >>> parse_sse_line("data: [DONE]") == DONE
    True

    Raises ValueError on a data line that is neither `[DONE]` nor a JSON object.
    """
    if not line.startswith("data:"):
        return None  # blank separators, ": comments", "event:", "id:", "retry:" lines
    data = line[len("data:") :].strip()
    if data == DONE:
        return DONE
    payload = json.loads(data)
    if not isinstance(payload, dict):
        raise ValueError(f"expected a JSON object, got {data[:80]!r}")
    return payload


def chunk_text(payload: dict[str, Any]) -> tuple[str, bool]:
    """(new text, finished?) of one streamed chat-completion chunk.

    >>> chunk_text({"choices": [{"delta": {"content": "Hi"}, "finish_reason": None}]})
    ('Hi', False)
    >>> chunk_text({"choices": [{"delta": {}, "finish_reason": "stop"}]})
    ('', True)
    """
    if "error" in payload:  # servers report mid-stream failures as a data line
        error = payload["error"]
        message = error.get("message", error) if isinstance(error, dict) else error
        raise ValueError(f"the server reported an error: {message}")
    choices = payload.get("choices")
    if not isinstance(choices, list):
        raise ValueError("a chunk without 'choices'")
    if not choices:
        return "", False  # e.g. a final usage-only chunk
    choice = choices[0]
    content = (choice.get("delta") or {}).get("content") or ""
    return str(content), choice.get("finish_reason") is not None


class OpenAIGenerator(Generator):
    """Chat completions from any OpenAI-compatible endpoint, streamed and greedy.

    `url` is the API base, e.g. "http://gpu-box:8000/v1"; requests go to `{url}/chat/completions`.
    """

    device = "remote"

    def __init__(
        self, url: str, model: str, api_key: str | None = None, timeout: float = READ_TIMEOUT_S
    ) -> None:
        import httpx

        self._httpx = httpx
        self.url = url.rstrip("/")
        self.model = model
        self.name = f"{model} @ {self.url}"
        headers = {"Accept": "text/event-stream"}
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        # One client per generator: connections are kept alive across questions.
        self._client = httpx.Client(
            headers=headers, timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT_S)
        )

    def request_body(self, messages: Messages, max_new_tokens: int) -> dict[str, Any]:
        """The JSON body sent for one reply."""
        return {
            "model": self.model,
            "messages": [dict(m) for m in messages],
            "temperature": 0,  # greedy, like the local generator: the same question, the same answer
            "max_tokens": max_new_tokens,
            "stream": True,
        }

    def stream(self, messages: Messages, max_new_tokens: int) -> Iterator[str]:
        endpoint = f"{self.url}/chat/completions"
        body = self.request_body(messages, max_new_tokens)
        try:
            with self._client.stream("POST", endpoint, json=body) as response:
                if response.status_code != 200:
                    detail = response.read().decode("utf-8", "replace").strip()[:300]
                    raise ModelError(
                        f"the model server at {endpoint} answered HTTP {response.status_code}"
                        + (f": {detail}" if detail else "")
                    )
                yield from self._pieces(response.iter_lines(), endpoint)
        except self._httpx.TransportError as exc:  # refused, DNS, timeouts, dropped connections
            raise ModelError(
                f"cannot reach the model server at {endpoint} ({type(exc).__name__}: {exc}); "
                "check ASSISTANT_LLM_URL and that the server is running"
            ) from exc

    @staticmethod
    def _pieces(lines: Iterator[str], endpoint: str) -> Iterator[str]:
        """The text of each chunk until `[DONE]` or a finish reason; anything else is an error."""
        finished = False
        for line in lines:
            try:
                payload = parse_sse_line(line)
                if payload == DONE:
                    return
                if not isinstance(payload, dict):
                    continue
                text, done = chunk_text(payload)
            except (ValueError, AttributeError, TypeError) as exc:
                raise ModelError(
                    f"malformed stream from the model server at {endpoint}: {exc}"
                ) from exc
            finished = finished or done
            if text:
                yield text
        if not finished:
            raise ModelError(
                f"the model server at {endpoint} closed the stream before the reply was finished"
            )

    def close(self) -> None:
        """Close the kept-alive connections."""
        self._client.close()
