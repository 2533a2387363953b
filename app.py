"""Start the paper assistant's web UI: `python app.py [--host H] [--port P] [--auth user:pw]`.

Serves http://127.0.0.1:7860 over the bundled corpus with the default local models, indexing
the corpus on first use. A non-loopback --host requires --auth; there is never a share link.
"""

from __future__ import annotations

import os

# Before gradio, chromadb or the hub client are imported: no analytics, telemetry or downloads.
os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse  # noqa: E402
import sys  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Paper assistant web UI")
    parser.add_argument("--host", default="127.0.0.1", help="bind address (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7860, help="port (default 7860)")
    parser.add_argument("--auth", help="user:password (required for a non-loopback --host)")
    args = parser.parse_args(argv)

    from assistant.errors import AssistantError
    from assistant.ui import serve_command

    try:
        return serve_command(args)
    except AssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
