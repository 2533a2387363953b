"""How long an answer a question asks for: a number of sentences (or lines, or bullets), a word
budget, a paragraph. Pure: word forms only, table-tested in tests/unit/test_asks.py.

A length describes the answer, not the paper, so it counts only where a request stands: at the
start of a clause ("In under 50 words, what ...", "..., in 40 words?"), in parentheses, as a
noun's modifier ("a 30-word summary"), or anywhere in a summary request ("Summarize X in 40
words or fewer."), and always followed by the end of a clause. "The model that captions images
in under 15 words", "sentences up to 50 words long", "5 words per class" describe a paper.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

NUMBER_WORDS = {"one": 1, "a": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_BUDGET_WORDS = {
    "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
}  # fmt: skip
_NUM = r"(?P<n>\d{1,3}|" + "|".join(sorted(_BUDGET_WORDS, key=len, reverse=True)) + ")"
_AT_MOST = (
    r"(?:at\s+most|no\s+more\s+than|not\s+more\s+than|fewer\s+than|less\s+than|under|below|"
    r"about|around|roughly|approximately|max(?:imum)?\.?|up\s+to|~|<=?|≤)"
)
_SUMMARY_NOUNS = (
    r"(?:summary|answer|overview|description|recap|explanation|synopsis|tl;?\s?dr|version|"
    r"pitch|abstract|blurb|limit|takeaway)"
)
# Word budgets (each with its number as group "n"); `_FREE` forms stand anywhere.
_BUDGETS = tuple(
    re.compile(p, re.I)
    for p in (
        rf"\b(?:in|with|using|within)\s+(?:{_AT_MOST}\s*)?{_NUM}\s*words?"
        r"(?:\s+or\s+(?:less|fewer)|\s+max(?:imum)?|\s+tops)?\b",
        rf"\b(?:keep\s+it|stay)\s+(?:to|under|below|within)\s+(?:{_AT_MOST}\s*)?{_NUM}\s*words?\b",
        rf"\b{_NUM}\s+or\s+fewer\s+words\b",
        rf"\b{_AT_MOST}\s*{_NUM}\s*words?(?:\s+or\s+(?:less|fewer))?\b",
    )
)
_FREE_BUDGETS = tuple(
    re.compile(p, re.I)
    for p in (
        # "a 30-word summary", "a 50 word answer", "within a 50-word limit"
        rf"\b(?:(?:in|within|as)\s+)?(?:an?\s+)?{_NUM}[\s-]word(?=\s+{_SUMMARY_NOUNS}\b)",
        # "(max 60 words)", "(word limit: 50)", "(50 words)"
        rf"\(\s*(?:word\s+limit\s*:?\s*|max(?:imum)?\.?\s*)?{_NUM}\s*(?:words?)?"
        r"(?:\s+max(?:imum)?)?\s*\)",
    )
)
_COUNT = r"(?P<n>one|a\s+single|a|single|two|three|four|five|\d)"
# Lines and bullets, counted as sentences.
_UNITS = (
    re.compile(
        rf"\b(?:in|as|with|using|into)\s+(?:exactly\s+|at\s+most\s+|no\s+more\s+than\s+)?{_COUNT}"
        r"\s+(?:short\s+|brief\s+|quick\s+)?(?:bullet[\s-]points?|bullets?|lines?)\b",
        re.I,
    ),
)
_FREE_UNITS = (
    # "3 bullet points", "five bullets": bullets are a format whatever stands around them
    re.compile(rf"\b{_COUNT}\s+(?:short\s+)?(?:bullet[\s-]points?|bullets)\b", re.I),
    # "a one-line summary", "a two-bullet recap"
    re.compile(rf"\b{_COUNT}[\s-](?:line|bullet)(?=\s+{_SUMMARY_NOUNS}\b)", re.I),
    re.compile(r"\b(?:a\s+)?(?P<n>one)-liner\b", re.I),
)
# A paragraph asked for: at the start, set off ("In a short paragraph: ..."), or at the end.
PARAGRAPH_WORDS = r"in\s+(?:an?|one)\s+(?:(?:short|brief|single)\s+)?paragraph"
PARAGRAPH = re.compile(
    rf"^\s*{PARAGRAPH_WORDS}\s*[,:]|(?:[,.;:]\s*|\s)(?:(?:please\s+)?(?:answer|explain|"
    rf"summari[sz]e|describe|reply)\s+)?{PARAGRAPH_WORDS}\s*[.?!]?\s*$",
    re.I,
)
# A sentence that asks only for the answer's form ("A bullet list is fine.", "Keep it short.",
# "Bullet points, please."): its words are all form words, one of them naming a form.
_FORM_NAMES = frozenset([
    "bullet", "bullets", "bulleted", "list", "numbered", "short", "brief", "concise", "briefly",
    "words", "lines", "sentences", "paragraph", "paragraphs", "plain", "simple", "format",
    "formatted", "tl;dr",
])  # fmt: skip
_FORM_WORDS = _FORM_NAMES | frozenset([
    "a", "an", "the", "it", "is", "are", "be", "fine", "ok", "okay", "please", "keep", "as",
    "in", "to", "or", "use", "using", "points", "point", "english", "terms", "would", "works",
    "great", "prefer", "preferred", "i", "i'd", "id", "we", "answer", "reply", "max", "maximum",
    "limit", "about", "around", "roughly", "under", "below", "at", "most", "no", "more", "than",
    "fewer", "less", "and",
])  # fmt: skip
# a sentence ends at a full stop, a question or an exclamation mark before a space ("GPT-3.5"
# goes on)
_SENTENCE = re.compile(r"(?:[^.!?]|[.!?](?=\S))+(?:[.!?]+|$)")


def form_sentence(sentence: str) -> bool:
    """Whether a sentence asks only for the answer's form.

    >>> form_sentence("A bullet list is fine."), form_sentence("Keep it short, please.")
    (True, True)
    >>> form_sentence("What does the paper on short lists find?")
    False
    """
    words = re.findall(r"[a-z][\w;'-]*|\d+", sentence.lower())
    return (
        bool(words)
        and any(w in _FORM_NAMES for w in words)
        and all(w in _FORM_WORDS or w.isdigit() for w in words)
        and "?" not in sentence
    )


def without_form_sentences(question: str) -> str:
    """The question without its sentences that ask only for the answer's form; unchanged when
    that is all it is.

    >>> without_form_sentences("What did the study that scores features find? A bullet list is fine.")
    'What did the study that scores features find?'
    """
    spans = [m.span() for m in _SENTENCE.finditer(question) if form_sentence(m.group())]
    text = question
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return " ".join(text.split()) or question


_END = re.compile(r"\s*(?:[,.;:?!)]|$|and\b|please\b)", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;:(.?!]|\b(?:briefly|please))\s*$", re.I)


def _accepted(question: str, found: re.Match[str], summary: bool) -> bool:
    """Whether a length phrase is a request: followed by a clause's end, and at a clause's
    start or in a summary request."""
    if not _END.match(question[found.end() :]):
        return False
    return summary or bool(_CLAUSE_START.search(question[: found.start()]))


def _requests(
    question: str,
    sought: tuple[re.Pattern[str], ...],
    free: tuple[re.Pattern[str], ...],
    summary: bool,
) -> Iterator[re.Match[str]]:
    """The length phrases of a question that are requests, in the order of `sought` then
    `free`."""
    for pattern in sought:
        for found in pattern.finditer(question):
            if _accepted(question, found, summary):
                yield found
    for pattern in free:
        yield from pattern.finditer(question)


def _value(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    return _BUDGET_WORDS.get(word) or NUMBER_WORDS[word.split()[-1]]


def word_budget(question: str, summary: bool = False) -> int | None:
    """The most words a question allows its answer, if it asks (`summary`: the question is a
    summary request, where a budget may stand anywhere).

    >>> word_budget("In under 50 words, what does the paper on X propose?")
    50
    >>> word_budget("Give a 30-word summary of X."), word_budget("Recap X (max 60 words).")
    (30, 60)
    >>> word_budget("Summarize X in 40 words or fewer", summary=True)
    40
    >>> word_budget("How does the model that captions in under 15 words do on COCO?")
    >>> word_budget("Which paper gets 95% with 5 words per class?")
    """
    for found in _requests(question, _BUDGETS, _FREE_BUDGETS, summary):
        number = _value(found["n"])
        if 5 <= number <= 400:
            return number
    return None


def line_count(question: str, summary: bool = False) -> int | None:
    """How many lines or bullets a question asks for, if it asks.

    >>> line_count("Give me 3 bullet points on the pooling paper.")
    3
    >>> line_count("In a single line, what does X do?"), line_count("a one-liner please")
    (1, 1)
    >>> line_count("Which paper predicts code in one line?")
    """
    for found in _requests(question, _UNITS, _FREE_UNITS, summary):
        return _value(found["n"])
    return None


def without_lengths(question: str, summary: bool = False) -> str:
    """The question without the word budget or count of lines it asks for, which are no ask
    and describe no paper.

    >>> without_lengths("Explain briefly, in under 50 words, how X works.")
    'Explain briefly, how X works.'
    """
    spans = [
        (found.start(), found.end())
        for found in _requests(question, _BUDGETS + _UNITS, _FREE_BUDGETS + _FREE_UNITS, summary)
    ]
    if not spans:
        return question
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):  # "in under 50 words" holds "under 50 words"
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    text = question
    for start, end in reversed(merged):
        text = text[:start] + " " + text[end:]
    text = re.sub(r"\(\s*\)|,\s*(?=,)", "", text)
    return " ".join(re.sub(r"\s+([,.?;:])", r"\1", text).split())
