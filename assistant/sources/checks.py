"""Reading a corpus file's text safely: every way it can fail becomes an InputError."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from assistant.errors import InputError

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that text files do contain; any other byte below 0x20 suggests binary data.
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\b\x1b")
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.1
# Terminal escape sequences ("\x1b[31m"), then any other control character, and the
# bidirectional overrides that make text display in another order than it reads.
_TERMINAL_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def looks_binary(data: bytes) -> bool:
    """Whether raw bytes are binary rather than text: any NUL, or many control bytes.

    b"title\\nabstract\\n" -> False;  b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00" -> True
    """
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if (b < 0x20 or b == 0x7F) and b not in _TEXT_CONTROLS)
    return bool(sample) and controls / len(sample) > _MAX_CONTROL_SHARE


def decode_text(data: bytes, path: str) -> str:
    """Text from a file's bytes: UTF-8, or UTF-16/32 with a byte-order mark; newlines as "\\n".

    b"\\xef\\xbb\\xbfhi\\r\\n" -> "hi\\n";  b"caf\\xe9" -> InputError ":1: not UTF-8 (latin-1?)"
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                reason = f"not valid {encoding.upper()} despite its byte-order mark: {exc.reason}"
                raise InputError(path, reason) from None
            break
    else:
        if looks_binary(data):
            hint = " (UTF-16 without a byte-order mark? re-save as UTF-8)"
            raise InputError(path, "binary file, not text" + (hint if _utf16ish(data) else ""))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
            raise InputError(
                path,
                f"not UTF-8 (latin-1?): byte 0x{data[exc.start]:02x} at column {column} "
                "cannot be decoded; re-save the file as UTF-8",
                line,
            ) from None
    if "\x00" in text:
        raise InputError(path, "binary file, not text")
    # One newline convention, so line numbers match what an editor shows.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def strip_controls(text: str) -> str:
    """Text without control characters: terminal escapes and bidi overrides removed, other
    controls (NUL, BEL, backspace...) turned into spaces; tabs and newlines kept.

    "Bell\\x07Title" -> "Bell Title";  "\\x1b[31mRed\\x1b[0m" -> "Red";  "a\\tb\\nc" -> unchanged
    """
    text = _TERMINAL_ESCAPE.sub("", text)
    return _BIDI.sub("", _CONTROL.sub(" ", text))


def _utf16ish(data: bytes) -> bool:
    """Whether NULs sit in every other byte, as in UTF-16 text of mostly ASCII letters."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return False
    odd, even = sample[1::2], sample[0::2]
    return odd.count(0) > 0.9 * len(odd) or even.count(0) > 0.9 * len(even)


def read_text(path: str | Path) -> str:
    """The text of a corpus file, or an InputError naming the file (and line) at fault."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory, expected a file") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    text = decode_text(data, shown)
    if not text.strip():
        raise InputError(shown, "empty file" if not text else "empty file (only whitespace)")
    return text
