"""Okapi BM25 over chunk texts: pure Python, built in memory from the store's chunks."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

# A word's weight when matching words (BM25.rarity): rarer counts more.
Rarity = Callable[[str], float]
# A word this rare says what a thing is on its own: what kind of thing a name ask wants
# ("feedback", not "deep"), or what a list topic is ("matryoshka", not "rate").
DISTINCTIVE = 3.5

_TOKEN = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*")
# Words so common in abstracts that matching them says nothing about relevance.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "from",
        "as",
        "at",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "us",
        "they",
        "their",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "why",
        "how",
        "do",
        "does",
        "did",
        "can",
        "could",
        "may",
        "might",
        "will",
        "would",
        "should",
        "not",
        "no",
        "than",
        "then",
        "there",
        "here",
        "such",
        "via",
        "into",
        "over",
        "under",
        "also",
        "more",
        "most",
        "other",
        "some",
        "any",
        "each",
        "both",
        "all",
        "only",
        "very",
        "paper",
        "papers",
        "propose",
        "proposed",
        "present",
        "uses",
        "show",
        "shows",
        "results",
        "approach",
        "method",
        "methods",
        "new",
        "using",
        "use",
        "used",
        "based",
    ]
)


# English function words (pronouns, auxiliaries and modals, determiners, conjunctions,
# prepositions, filler adverbs; after NLTK's English list, less the words that change what is
# said: "no", "not", "nor", "only", "few", "more", "most", "same", "against"; the particles
# "up", "down", "out", "off" stay function words: "came out on top", "carried out"). Abstracts
# seldom use the conversational ones ("your", "just"), so a rarity weight makes them count most
# where they say least.
FUNCTION_WORDS = frozenset(
    [
     "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as",
     "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
     "can", "could", "d", "did", "do", "does", "doing", "down", "during", "each", "for", "from",
     "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him",
     "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "ll",
     "m", "many", "me", "might", "much", "must", "my", "myself", "now", "o", "of", "off", "on",
     "once", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "re", "s", "she",
     "should", "so", "some", "such", "t", "than", "that", "the", "their", "theirs", "them",
     "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
     "under", "until", "up", "ve", "very", "was", "we", "were", "what", "when", "where", "whether",
     "which", "while", "who", "whom", "why", "will", "with", "would", "y", "you", "your", "yours",
     "yourself", "yourselves",
     # a negated auxiliary's first part ("aren't" is "aren" and "t"); its "not" is not read
     "aren", "couldn", "didn", "doesn", "hadn", "hasn", "haven", "isn", "mightn", "mustn",
     "needn", "shouldn", "wasn", "weren", "wouldn", "don",
    ]
)  # fmt: skip


def tokenize(text: str) -> list[str]:
    """Lower-cased word tokens without stopwords, keeping numbers and dotted versions.

    >>> tokenize("The GPT-4 model scores 91.2% on MMLU")
    ['gpt-4', 'model', 'scores', '91.2', 'mmlu']
    """
    return [t for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


@lru_cache(maxsize=1 << 16)  # a corpus repeats its words: building BM25 stems each once
def stem(token: str) -> str:
    """A crude shared form of a word's inflections, so that "rates" finds "rate" and "tuning"
    finds "tuned". Tokens with digits, dots or hyphens are kept as they are.

    >>> [stem(w) for w in ["rates", "rate", "tuning", "tuned", "tune", "studies", "classes", "bias"]]
    ['rat', 'rat', 'tun', 'tun', 'tun', 'study', 'class', 'bias']
    """
    if len(token) <= 3 or not token.isalpha():
        return token
    word = token
    if word.endswith(("ies", "ied")) and len(word) > 4:
        return word[:-3] + "y"
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    else:
        if word.endswith(("sses", "xes", "zes", "ches", "shes")):
            word = word[:-2]
        elif (
            word.endswith("s")
            and not word.endswith(("ss", "is", "as", "os"))
            and (not word.endswith("us") or len(word) <= 4)
        ):
            word = word[:-1]
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def stems(text: str) -> list[str]:
    """The stems of a text's tokens (see `tokenize` and `stem`)."""
    return [stem(t) for t in tokenize(text)]


def word_stems(text: str) -> list[str]:
    """The stems of a text's words, a hyphenated compound counting as its words, as it is often
    written apart: for matching phrases. A phrase's words keep their sense across the forms a
    phrase takes ("differential privacy", "differentially private"): an adverb in "-ally" is
    its adjective, a noun in "-acy" the adjective in "-ate" it is made from.

    >>> word_stems("A mixture-of-experts survey of GPT-4")
    ['mixtur', 'expert', 'survey', 'gpt-4']
    >>> word_stems("differentially private") == word_stems("differential privacy")
    True
    """
    return [s for s, _, _ in stemmed_words(text)]


# A compound's last part that says "in the manner of" its first ("Matryoshka-style",
# "transformer-based"): the compound is about its first part, which finds it alone.
MANNER_PARTS = frozenset(["style", "like", "type", "based", "inspired", "esque"])
# A compound's last part that places its first in an area ("legal-domain NLP", "privacy-related
# work"): about the first part too, unless that part only says which area ("cross-domain",
# "in-domain", "out-of-domain", "target-domain").
AREA_PARTS = frozenset(["domain", "related"])
_AREA_PREFIXES = frozenset(
    ["cross", "multi", "in", "out", "of", "open", "single", "same", "inter", "intra", "target",
     "source", "sub", "general", "new", "unseen", "mixed", "other", "any", "each", "per", "time",
     "frequency", "spatial", "fourier", "spectral", "closely", "loosely", "un", "closed", "non",
     "specific", "narrow", "broad", "multiple", "latent", "pixel", "wavelet"]
)  # fmt: skip


def headed_parts(parts: list[str]) -> list[str]:
    """A hyphenated compound's parts without a last part that only says "in the manner of"
    (`MANNER_PARTS`) or "in the area of" (`AREA_PARTS`) the rest.

    >>> headed_parts(["transformer", "based"]), headed_parts(["legal", "domain"])
    (['transformer'], ['legal'])
    >>> headed_parts(["cross", "domain"]), headed_parts(["out", "of", "domain"])
    (['cross', 'domain'], ['out', 'of', 'domain'])
    """
    if len(parts) > 1 and (
        parts[-1] in MANNER_PARTS
        or (parts[-1] in AREA_PARTS and not _AREA_PREFIXES.intersection(parts[:-1]))
    ):
        return parts[:-1]
    return parts


def stemmed_words(text: str) -> list[tuple[str, str, bool]]:
    """Each of a text's word stems as `word_stems` gives them, with the word it is the stem of
    and whether that word stands alone (not a part of a hyphenated compound).

    >>> stemmed_words("text-to-video generation")
    [('text', 'text', False), ('video', 'video', False), ('generation', 'generation', True)]

    A last part that only says "in the manner of" the rest is no word of it:

    >>> [s for s, _, _ in stemmed_words("Matryoshka-style embeddings")]
    ['matryoshka', 'embedding']
    """
    out = []
    for token in tokenize(text):
        parts = token.split("-")
        kept = headed_parts(parts)
        if len(kept) < len(parts):
            parts = kept
            token = "-".join(parts)
        if len(parts) > 1 and all(p.isalpha() for p in parts):
            out += [(_phrase_form(stem(p)), p, False) for p in parts if p not in STOPWORDS]
        else:
            out.append((_phrase_form(stem(token)), token, True))
    return out


def _phrase_form(word: str) -> str:
    """A stem's form for matching phrases: "differentially" -> "differential", "privacy" ->
    "privat" (the stem of "private")."""
    if len(word) > 6 and word.endswith("ally"):
        return word[:-2]
    if len(word) > 5 and word.endswith("acy"):
        return word[:-3] + "at"
    return word


def terms(text: str) -> list[str]:
    """What BM25 indexes: the stems, and each pair of adjacent stems as a phrase, so that
    "learning rate" counts for more than "learning" and "rate" apart.

    >>> terms("Tuning the learning rates")
    ['tun', 'learn', 'rat', 'tun learn', 'learn rat']
    """
    words = stems(text)
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


class BM25:
    """A BM25 index over documents; `top(query, n)` returns (doc index, score), best first."""

    def __init__(self, docs: Sequence[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        # Indexed by stem: a question about "learning rates" finds "learning rate".
        self.tfs = [Counter(terms(d)) for d in docs]
        self.lengths = [sum(tf.values()) for tf in self.tfs]
        self.avg_len = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        df: Counter[str] = Counter()
        for tf in self.tfs:
            df.update(tf.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, tf in enumerate(self.tfs):
            for term in tf:
                self.postings.setdefault(term, []).append(i)

    def __len__(self) -> int:
        return len(self.tfs)

    def rarity(self, term: str) -> float:
        """A term's inverse document frequency; a term no document holds is rarest of all.

        >>> index = BM25(["pruning weights", "pruning channels", "censored data"])
        >>> index.rarity("pruning") < index.rarity("censored") < index.rarity("unseen")
        True
        """
        return self.idf.get(stem(term), math.log(1 + (len(self.tfs) + 0.5) / 0.5))

    def scores(self, query: str) -> dict[int, float]:
        """BM25 score of every document sharing a term with the query."""
        out: dict[int, float] = {}
        # In the query's order, not a set's: a set's order changes with the process's hash
        # seed, and so would the last bits of these sums and the order of tied papers.
        for term in dict.fromkeys(terms(query)):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i in self.postings[term]:
                tf = self.tfs[i][term]
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / (self.avg_len or 1))
                out[i] = out.get(i, 0.0) + idf * tf * (self.k1 + 1) / (tf + norm)
        return out

    def top(self, query: str, n: int) -> list[tuple[int, float]]:
        """The n best documents for the query."""
        ranked = sorted(self.scores(query).items(), key=lambda kv: (-kv[1], kv[0]))
        return ranked[:n]


def rrf(rankings: Sequence[Sequence[str]], k: int = 60) -> dict[str, float]:
    """Reciprocal-rank fusion of several rankings of ids.

    >>> sorted(rrf([["a", "b"], ["b", "c"]], k=1).items())
    [('a', 0.5), ('b', 0.8333333333333333), ('c', 0.3333333333333333)]
    """
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused
