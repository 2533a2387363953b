"""LaTeX in bibliography fields <-> readable Unicode text: pure functions, no LaTeX engine.

latex_to_text reads what reference managers write into .bib titles, names and abstracts
(accents, formatting commands, protective braces, escaped specials); math stays as written,
between its dollars, because "$O(n^2)$" reads better than any flattening of it.
latex_escape is its inverse for export: latex_to_text(latex_escape(text)) == text.
"""

from __future__ import annotations

import re
import unicodedata

# \"u -> ü: the accent commands and the combining mark each one puts on its letter.
ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
    "t": "\u0361",
}
# Commands that stand for a character or a word.
SYMBOLS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "ldots": "…",
    "dots": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textasciicircum": "^",
    "textasciigrave": "`",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textdegree": "°",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "texteuro": "€",
    "euro": "€",
    "pounds": "£",
    "%": "%",
    "&": "&",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    "\\": " ",  # a line break
    ",": " ",  # thin space
    ";": " ",
    ":": " ",
    "!": "",
    "-": "",  # a hyphenation hint
    "/": "",  # an italic correction
    "@": "",
}
# Commands whose argument is not text to read: citations and cross-references.
DROPPED = frozenset({"cite", "citep", "citet", "citealp", "label", "ref", "eqref", "footnote"})
# Commands whose argument is taken as it is written (a URL keeps its ~ and %).
VERBATIM = frozenset({"url", "path", "nolinkurl"})
# Commands with no text of their own, for layout only.
NO_OPS = frozenset({"relax", "noindent", "newblock", "par", "protect", "null", "xspace"})
_GREEK = frozenset(
    {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"}
    | {"lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi"}
    | {"omega"}
)
# "--" and "``" are left as typed: abstracts copied from arXiv use them as plain text, and
# the same abstract from a Daily Papers page or a JSONL file must read the same.
_SPECIAL = re.compile(r"[\\{}$~]")
_WORD = re.compile(r"[A-Za-z]+")


def _accented(mark: str, text: str) -> str:
    """A combining mark on the first letter of `text`: ("\\u0308", "u") -> "ü"."""
    if not text:
        return unicodedata.normalize("NFC", mark.strip() or "")
    base = {"ı": "i", "ȷ": "j"}.get(text[0], text[0])  # \'{\i} is í
    return unicodedata.normalize("NFC", base + mark) + text[1:]


class _Reader:
    """One pass over a LaTeX string, groups read recursively."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0

    def group(self) -> str:
        """Read from just after a "{" to its "}" (or the end); return the text inside."""
        return self.read(closing=True)

    def read(self, closing: bool = False) -> str:
        out: list[str] = []
        text = self.text
        while self.i < len(text):
            match = _SPECIAL.search(text, self.i)
            end = match.start() if match else len(text)
            out.append(text[self.i : end])
            self.i = end
            if match is None:
                break
            token = match.group()
            if token == "}":
                self.i += 1
                if closing:
                    return "".join(out)
                continue  # a stray "}": dropped
            if token == "{":
                self.i += 1
                out.append(self.group())
            elif token == "$":
                out.append(self.math())
            elif token == "\\":
                out.append(self.command())
            else:  # "~", a tie: a space that does not break
                out.append(" ")
                self.i += 1
        return "".join(out)

    def math(self) -> str:
        """$...$ or $$...$$ as written; a lone "$" is a dollar sign."""
        text, start = self.text, self.i
        fence = "$$" if text.startswith("$$", start) else "$"
        close = text.find(fence, start + len(fence))
        if close < 0:
            self.i += 1
            return "$"
        self.i = close + len(fence)
        return text[start : self.i]

    def argument(self) -> str | None:
        """The next {group} (after spaces) as text, or None when no group follows."""
        j = self.i
        while j < len(self.text) and self.text[j] in " \t\n":
            j += 1
        if j < len(self.text) and self.text[j] == "{":
            self.i = j + 1
            return self.group()
        return None

    def raw_argument(self) -> str | None:
        """The next {group} exactly as written, braces balanced, or None."""
        if not self.text.startswith("{", self.i):
            return None
        depth, j = 0, self.i
        while j < len(self.text):
            depth += {"{": 1, "}": -1}.get(self.text[j], 0)
            if depth == 0:
                break
            j += 1
        inner = self.text[self.i + 1 : j]
        self.i = j + 1
        return inner

    def command(self) -> str:
        """What the command at self.i (a backslash) reads as; its arguments consumed."""
        text = self.text
        self.i += 1
        if self.i >= len(text):
            return ""
        word = _WORD.match(text, self.i)
        name = word.group() if word else text[self.i]
        self.i += len(name)
        if name == "(" or name == "[":
            close = text.find("\\)" if name == "(" else "\\]", self.i)
            close = len(text) if close < 0 else close
            inner, self.i = text[self.i : close], close + 2
            return f"${inner}$" if name == "(" else f"$${inner}$$"
        if name in ACCENTS and (not word or len(name) == 1):
            return self.accent(ACCENTS[name], letter_named=bool(word))
        if name in SYMBOLS:
            if word and self.text.startswith("{}", self.i):
                self.i += 2  # \LaTeX{} and \ss{}: the group only ends the word
            return SYMBOLS[name]
        if name in VERBATIM:
            return self.raw_argument() or ""
        if name == "href":
            self.raw_argument()
            return self.argument() or ""
        if name in DROPPED:
            self.argument()
            return ""
        if name in NO_OPS:
            return ""
        argument = self.argument() if word else None
        if argument is not None:
            return argument  # \emph{x}, \textbf{x}, \mbox{x}, unknown \foo{x}: the x
        if name in _GREEK or name.lower() in _GREEK:
            letter = "CAPITAL" if name[0].isupper() else "SMALL"
            return unicodedata.lookup(f"GREEK {letter} LETTER {name.upper()}")
        return name if word else ""  # an unknown \foo reads as its name

    def accent(self, mark: str, letter_named: bool) -> str:
        """The accented letter after an accent command: \\"u, \\"{u}, \\c c, \\'{\\i}."""
        text = self.text
        if letter_named:
            while self.i < len(text) and text[self.i] == " ":
                self.i += 1
        if self.i >= len(text):
            return ""
        if text[self.i] == "{":
            self.i += 1
            return _accented(mark, self.group())
        if text[self.i] == "\\":
            return _accented(mark, self.command())
        self.i += 1
        return _accented(mark, text[self.i - 1])


def latex_to_text(value: str) -> str:
    """Readable text from a LaTeX field value; whitespace is left to the caller.

    r'M{\\"u}ller \\emph{et al.}' -> "Müller et al.";  "{BERT}: Pre-training" -> "BERT: Pre-training"
    r"costs 50\\% less -- in $O(n^2)$" -> "costs 50% less -- in $O(n^2)$"
    r"\\'{\\i}ndice \\c{c}a \\ss{}" -> "índice ça ß";  r"\\url{https://a.b/~x}" -> "https://a.b/~x"
    """
    if not _SPECIAL.search(value):
        return value
    try:
        return _Reader(value).read()
    except RecursionError:  # braces nested hundreds deep: no real title; read it flat
        return re.sub(r"\\[A-Za-z]+|[\\{}]", "", value)


def latex_verbatim(value: str) -> str:
    """A DOI or URL field: braces and \\url dropped, escapes undone, nothing else touched.

    r"{10.1000/a\\_b}" -> "10.1000/a_b";  r"\\url{https://x.org/~me}" -> "https://x.org/~me"
    """
    value = re.sub(r"\\(?:url|path|nolinkurl)\s*", "", value)
    value = re.sub(r"\\([_%&#$~{}])", r"\1", value)
    return value.replace("{", "").replace("}", "").strip()


# Outside math: each character LaTeX would read otherwise, and how to write it.
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ESCAPE = re.compile(r"[\\{}%&#_$~^]")
# A word with a capital after its first letter: BERT, LoRA, GPT (not "Attention").
_CAPITALIZED = re.compile(r"(?<![\\\w{])([^\W\d_]\w*[A-Z]\w*)")
_MATH = re.compile(r"\$\$[^$]+\$\$|\$[^$\n]+\$")


def _escape_run(run: str, protect_capitals: bool) -> str:
    run = _ESCAPE.sub(lambda m: _ESCAPES[m.group()], run)
    return _CAPITALIZED.sub(r"{\1}", run) if protect_capitals else run


def latex_escape(text: str, protect_capitals: bool = False) -> str:
    """Text written for a .bib field: specials escaped, $...$ math kept, Unicode as it is.

    "50% of {x}, R&D" -> r"50\\% of \\{x\\}, R\\&D";  "in $O(n^2)$ time" -> unchanged
    protect_capitals (for titles) braces the words a style must not lowercase:
    "BERT for LoRA-style tuning" -> "{BERT} for {LoRA}-style tuning"
    """
    out, last = [], 0
    for match in _MATH.finditer(text):
        out.append(_escape_run(text[last : match.start()], protect_capitals))
        out.append(match.group())
        last = match.end()
    out.append(_escape_run(text[last:], protect_capitals))
    return "".join(out)


# \% \& \#: escapes that arXiv abstracts keep when copied to a listing or a spreadsheet.
_ESCAPED_PLAIN = re.compile(r"\\([%&#])")


def unescape_plain(text: str) -> str:
    r"""Plain text with TeX's escaped "%", "&" and "#" read as the characters themselves.

    Abstracts copied from arXiv keep "50\%" and "R\&D"; a reader of the answer wants "50%"
    and "R&D", and so does a search for them. Every other backslash is left alone ("$\alpha$");
    these three are read wherever they stand, between dollars too.

    >>> unescape_plain(r"inference 50\% faster, R\&D \#1, $\alpha$ kept")
    'inference 50% faster, R&D #1, $\\alpha$ kept'
    """
    return _ESCAPED_PLAIN.sub(r"\1", text)
