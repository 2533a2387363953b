"""Acronyms and the phrases they stand for: "LLMs" is "large language models", "MoE" is "mixture
of experts", "PEFT" is "parameter-efficient fine-tuning". A question and an abstract often use
one form each. Pure: no models, table-tested.

An acronym is read from its letters alone: a run of a text's words whose initials spell it
(each part of a hyphenated word counts as a word). The run must start and end with a content
word, and acronyms shorter than three letters are never expanded ("RL" could be anything). An
acronym a question writes is looked for spelled out only when it has four letters or more or
is written as a plural (`expandable`); a phrase is matched to an acronym an abstract writes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexical import STOPWORDS

_WORDS = re.compile(r"[A-Za-z][A-Za-z0-9]*")
# An acronym as written: a capital first and another after it ("LLMs", "MoE", "PEFT", "NLP").
_WRITTEN = re.compile(r"\b[A-Z][A-Za-z]*[A-Z][A-Za-z]*\b")
_MIN, _MAX = 3, 6


def is_acronym(word: str) -> bool:
    """Whether a word is written as an acronym (trailing punctuation aside).

    >>> is_acronym("LLMs,"), is_acronym("MoE"), is_acronym("Models")
    (True, True, False)
    """
    return bool(_WRITTEN.fullmatch(word.rstrip(".,;:?")))


def _letters(acronym: str) -> str:
    """ "LLMs" -> "llm"; "GNNs" -> "gnn"; a plural s is not a letter of the acronym."""
    word = acronym.lower()
    return word[:-1] if acronym.endswith("s") and len(word) > _MIN else word


_LINKS = frozenset({"of", "and", "for", "to"})  # may stand inside a spelled-out acronym


def _runs(words: list[str], letters: str) -> list[tuple[int, int]]:
    """Where runs of the words spell `letters` by their initials: content words, "of", "and",
    "for" or "to" between them ("mixture of experts"), content words at both ends; the links
    may also be left out of the initials ("sensibleness and specificity average" is "SSA").

    >>> _runs(["mixture", "of", "experts"], "moe"), _runs("sensibleness and specificity average".split(), "ssa")
    ([(0, 3)], [(0, 4)])
    """
    size = len(letters)
    found = []
    for i in range(len(words)):
        if words[i] in STOPWORDS:
            continue
        for end in range(i + size, min(len(words), i + 2 * size - 1) + 1):
            run = words[i:end]
            if run[-1] in STOPWORDS or any(w in STOPWORDS and w not in _LINKS for w in run):
                continue
            spelled = "".join(w[0] for w in run)
            content = "".join(w[0] for w in run if w not in _LINKS)
            if letters in (spelled, content) and (spelled == letters or end > i + size):
                found.append((i, end))
                break
    return found


@lru_cache(maxsize=4096)  # an abstract is read once per facet and per ask
def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORDS.findall(text)]


def covered(term: str, words: set[str]) -> bool:
    """Whether a term, each part of a hyphenated one, is among the words.

    >>> covered("fine-tuning", {"fine", "tuning"}), covered("fine-tuning", {"fine"})
    (True, False)
    """
    parts = _WORDS.findall(term)
    return bool(parts) and all(p.lower() in words for p in parts)


def expandable(claim: str) -> set[str]:
    """The letters of the acronyms a claim writes that are safe to look for spelled out: four
    letters or more, or written as a plural ("LLMs"). Three letters alone spell too many
    phrases by chance ("CAD" in "compact architecture design").

    >>> sorted(expandable("PEFT of LLMs for CAD"))
    ['llm', 'peft']
    """
    found = set()
    for written in _WRITTEN.findall(claim):
        letters = _letters(written)
        plural = written.endswith("s") and len(letters) < len(written)
        if letters.isalpha() and _MIN <= len(letters) <= _MAX and (len(letters) > _MIN or plural):
            found.add(letters)
    return found


def spelled_out(term: str, text: str) -> bool:
    """Whether the text spells out a term read as an acronym ("llms" in "large language models").

    >>> spelled_out("llms", "We fine-tune large language models.")
    True
    >>> spelled_out("peft", "Parameter-efficient fine-tuning of graphs.")
    True
    >>> spelled_out("moe", "A mixture of experts layer.")
    True
    >>> spelled_out("rl", "Robust learning."), spelled_out("gan", "We generate a new image.")
    (False, False)
    """
    letters = _letters(term)
    if not (_MIN <= len(letters) <= _MAX) or not letters.isalpha():
        return False
    return bool(_runs(_words(text), letters))


def expanded_words(claim: str, text: str) -> set[str]:
    """The claim's words that spell out an acronym written in the text: "large language
    models" in a claim, "LLMs" in the text.

    >>> sorted(expanded_words("graph neural networks for molecules", "GNNs on molecules."))
    ['graph', 'networks', 'neural']
    >>> expanded_words("graph neural networks", "We use graphs.")
    set()
    >>> expanded_words("state space mechanism", "Transformers and state space models (SSMs).")
    set()
    """
    written = {_letters(m) for m in _WRITTEN.findall(text)}
    written = {a for a in written if _MIN <= len(a) <= _MAX}
    if not written:
        return set()
    words, said = _words(claim), _words(text)
    found: set[str] = set()
    for letters in written:
        # The text's own spelling of the acronym, if it gives one: "state space models (SSMs)"
        # is not "state space mechanism".
        own = {_stems(said[a:b]) for a, b in _runs(said, letters)}
        for start, end in _runs(words, letters):
            if not own or _stems(words[start:end]) in own:
                found.update(words[start:end])
    return found - STOPWORDS


def _stems(words: list[str]) -> tuple[str, ...]:
    return tuple(w[:5] for w in words)
