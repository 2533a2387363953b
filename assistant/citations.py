"""Citation markers and sentence support, as pure functions.

The citation format is defined here once: a marker is `[n]` (or `[n, m]`) after the claim, n
being the 1-based number of a source in the prompt. Everything that writes or checks markers
uses these functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .acronyms import covered, expandable, expanded_words, spelled_out
from .lexical import STOPWORDS, headed_parts, stem, tokenize

MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# A number not glued to a word before it ("v2", "GPT4"); a unit after it ("3.5x", "26.8B") is fine.
NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")
# Abbreviations after which a period does not end a sentence.
_ABBREV = ("e.g.", "i.e.", "et al.", "etc.", "vs.", "cf.", "Fig.", "Eq.", "approx.", "resp.")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping abbreviations and decimals intact.

    >>> split_sentences("We use e.g. BERT. It gets 91.2% on GLUE [1]. Done!")
    ['We use e.g. BERT.', 'It gets 91.2% on GLUE [1].', 'Done!']
    """
    text = " ".join(text.split())
    if not text:
        return []
    guarded = text
    for i, abbrev in enumerate(_ABBREV):
        guarded = guarded.replace(abbrev, f"\x00{i}\x00")
    parts = _SPLIT.split(guarded)
    out = []
    for part in parts:
        for i, abbrev in enumerate(_ABBREV):
            part = part.replace(f"\x00{i}\x00", abbrev)
        if part.strip():
            out.append(part.strip())
    return out


_TRAILING_MARKERS = re.compile(r"([.!?])((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")


def _markers_before_period(text: str) -> str:
    """'Claim. [1] Next' -> 'Claim [1]. Next': a marker stays with the sentence it follows."""
    return _TRAILING_MARKERS.sub(lambda m: " " + " ".join(m.group(2).split()) + m.group(1), text)


def parse_markers(sentence: str) -> tuple[str, list[int]]:
    """Strip citation markers from a sentence and return them in order, without repeats.

    >>> parse_markers("Pooling helps [2][1, 2].")
    ('Pooling helps.', [2, 1])
    """
    keys: list[int] = []
    for match in MARKER.finditer(sentence):
        for part in match.group(1).split(","):
            key = int(part)
            if key not in keys:
                keys.append(key)
    clean = MARKER.sub("", sentence)
    clean = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(clean.split()))
    return clean.strip(), keys


def cited_sentences(text: str) -> list[tuple[str, list[int]]]:
    """Each sentence of generated text with the source numbers it cites.

    A marker standing after a sentence's period belongs to that sentence.

    >>> cited_sentences("A holds [1]. B holds. [2]")
    [('A holds.', [1]), ('B holds.', [2])]
    """
    return [parse_markers(s) for s in split_sentences(_markers_before_period(text))]


def numbers_in(text: str) -> set[str]:
    """Numbers written in a text, normalised ("1,000" -> "1000").

    >>> sorted(numbers_in("from 12 to 1,000 tokens, 3.5x faster"))
    ['1000', '12', '3.5']
    """
    return {
        n.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", n) else n
        for n in NUMBER.findall(text)
    }


def lexical_coverage(claim: str, evidence: str) -> float:
    """Share of the claim's content words found in the evidence (1.0 for a claim with none).

    >>> lexical_coverage("pooling improves ViT accuracy", "GMP pooling improves ViT")
    0.75
    """
    return weighted_coverage(claim, evidence, inflections=False)


def weighted_coverage(
    claim: str,
    evidence: str,
    weight: Callable[[str], float | None] | None = None,
    inflections: bool = True,
    compounds: bool = False,
) -> float:
    """Share of the claim's content words found in the evidence, each counted by its weight.

    A word is found when it, its stem or its first five letters appears ("pruning" finds
    "pruned", "rates" finds "rate"); without `inflections`, only the first two count (the
    support judge was calibrated so).
    With rarity as the weight, "censored" counts for more than "learning"; without a weight,
    every word counts once.

    >>> rarity = {"censored": 3.0, "survival": 1.0}.get
    >>> weighted_coverage("censored survival", "survival analysis", rarity)
    0.25
    >>> weighted_coverage("censored survival", "censoring and survival", rarity)
    1.0

    With `compounds`, a hyphenated word is found as a whole or by all its parts, never by its
    first five letters ("text-to-video" is not "text-to-image"):

    >>> weighted_coverage("text-to-video", "text-to-image synthesis", compounds=True)
    0.0
    >>> weighted_coverage("right-censored time-to-event", "time to an event, censored on the right",
    ...                   compounds=True)
    1.0
    >>> weighted_coverage("no-thinking 700-token", "NoThinking with 700 tokens", compounds=True)
    1.0
    >>> weighted_coverage("all-reduce", "a fused AllReduce-RMSNorm kernel", compounds=True)
    1.0
    >>> weighted_coverage("time-series", "It runs 3 times faster.", compounds=True)
    0.0
    >>> weighted_coverage("red-teams fine-tuned", "red-teaming by fine-tuning", compounds=True)
    1.0
    >>> weighted_coverage("instruction-tuned", "we tune on instructions", compounds=True)
    1.0
    >>> weighted_coverage("pretraining data", "pre-trained on web data", compounds=True)
    1.0

    With `compounds`, an acronym is also found by the phrase it stands for, either way round
    (`assistant/acronyms.py`):

    >>> weighted_coverage("LLMs for law", "Large language models for law", compounds=True)
    1.0
    >>> weighted_coverage("CAD models", "compact architecture design models", compounds=True)
    0.5
    >>> weighted_coverage("parameter-efficient fine-tuning", "PEFT for GNNs", compounds=True)
    1.0
    """
    claim_terms = dict.fromkeys(tokenize(claim))  # ordered: the sums below are the same each run
    if not claim_terms:
        return 1.0
    found = _finder(evidence, inflections, compounds)
    if compounds:
        plain, expanded, spelled = found, expanded_words(claim, evidence), expandable(claim)

        def found(t: str) -> bool:
            return (
                plain(t)
                or covered(t, expanded)
                or (t.rstrip("s") in spelled or t in spelled)
                and spelled_out(t, evidence)
            )

    weights = {t: _weight_of(t, weight) for t in claim_terms}
    total = sum(weights.values())
    if total <= 0:
        return 1.0
    return sum(w for t, w in weights.items() if found(t)) / total


def missing_words(
    claim: str, evidence: str, weight: Callable[[str], float | None] | None = None, n: int = 3
) -> list[str]:
    """The claim's content words the evidence lacks (as `weighted_coverage` finds words), the
    heaviest first, at most n.

    >>> missing_words("Speech separation with SAM", "SAM adapts to few-shot segmentation")
    ['separation', 'Speech']
    """
    found = _finder(evidence, True, False)
    absent = {t for t in tokenize(claim) if not found(t)}
    heaviest = sorted(absent, key=lambda t: (-_weight_of(t, weight), t))[:n]
    written = {w.lower(): w for w in reversed(re.findall(r"[\w.-]+", claim))}
    return [written.get(t, t) for t in heaviest]


def _weight_of(term: str, weight: Callable[[str], float | None] | None) -> float:
    return (weight(term) or 0.0) if weight else 1.0


def _finder(evidence: str, inflections: bool, compounds: bool) -> Callable[[str], bool]:
    evidence_terms = set(tokenize(evidence))
    prefix = _prefix if compounds else _first_five
    prefixes = {prefix(t) for t in evidence_terms}
    forms = {stem(t) for t in evidence_terms}
    # (a part of the evidence's own compound is a word of it: "AllReduce" in "AllReduce-RMSNorm")
    joined = (
        {p.rstrip("s") for t in evidence_terms for p in t.split("-") if p} if compounds else set()
    )
    # ... and the evidence's compounds written as one word: "pretraining" is "Pre-Training"
    closed = {stem(t.replace("-", "")) for t in evidence_terms if "-" in t} if compounds else set()
    # a compound's inflections agree part by part ("fine-tuned" is "fine-tuning")
    inflected = (
        {_part_forms(t) for t in evidence_terms if "-" in t} if compounds and inflections else set()
    )

    def found(t: str) -> bool:
        return (
            t in evidence_terms
            or prefix(t) in prefixes
            or (inflections and stem(t) in forms)
            or (compounds and "-" in t and _part_forms(t) in inflected)
            or (
                compounds
                and "-" in t
                and bool(_parts(t))
                and all(p[:5] in prefixes or stem(p) in forms for p in _parts(t))
            )
            # ... or written as one word: "no-thinking" is "NoThinking" (whole, not by its first
            # letters: "time-series" is not "times").
            or (compounds and "-" in t and t.replace("-", "").rstrip("s") in joined)
            or (compounds and "-" not in t and stem(t) in closed)
        )

    return found


def _part_forms(compound: str) -> tuple[str, ...]:
    """A compound's parts, each in the form its inflections share (`stem`): how two
    compounds are told to be one word in different inflections, part by part.

    >>> _part_forms("fine-tuned") == _part_forms("fine-tuning")
    True
    >>> _part_forms("text-to-video") == _part_forms("text-to-image")
    False
    """
    return tuple(stem(p) for p in compound.split("-"))


def _parts(compound: str) -> list[str]:
    """The content words of a hyphenated compound ("time-to-event" -> time, event), a last
    part that only says "in the manner of" or "in the area of" the rest left out.

    >>> _parts("time-to-event"), _parts("matryoshka-style"), _parts("transformer-based")
    (['time', 'event'], ['matryoshka'], ['transformer'])
    """
    parts = headed_parts(compound.split("-"))
    return [p for p in parts if len(p) > 2 and p not in STOPWORDS]


def _first_five(term: str) -> str:
    return term[:5]


def _prefix(term: str) -> str:
    """What an inflection of a word keeps: its first five letters; a compound keeps all but a
    plural "s" ("text-to-video" is not "text-to-image", though both start "text-").

    >>> _prefix("pruning"), _prefix("text-to-videos"), _prefix("multi-task")
    ('pruni', 'text-to-video', 'multi-task')
    """
    return term.rstrip("s") if "-" in term else term[:5]


def numbers_agree(claim: str, evidence: str) -> bool:
    """A claim may only state numbers its evidence states.

    >>> numbers_agree("It has 8 authors", "8 authors"), numbers_agree("gains 12%", "gains 1.2%")
    (True, False)
    """
    return numbers_in(claim) <= numbers_in(evidence)


def support_score(cosine: float, coverage: float, numbers_ok: bool) -> float:
    """Blend semantic and lexical agreement into one 0..1 support score; a wrong number is 0.

    >>> support_score(0.8, 1.0, True), support_score(0.9, 1.0, False)
    (0.9, 0.0)
    """
    if not numbers_ok:
        return 0.0
    return round(max(0.0, min(1.0, 0.5 * cosine + 0.5 * coverage)), 6)


def foreign_names(claim: str, own_text: str, other_titles: Sequence[str]) -> set[str]:
    """Words of other papers' titles that a claim uses but its evidence paper never mentions.

    Such a word ("einspace") names another paper: the claim is about that paper, so this
    evidence cannot support it, however similar the rest of the sentence is.

    >>> foreign_names("einspace uses trees", "DeepArchitect search trees", ["einspace: search"])
    {'einspace'}
    """
    claim_terms, own = set(tokenize(claim)), set(tokenize(own_text))
    titles = {t for title in other_titles for t in tokenize(title)}
    return (claim_terms & titles) - own


def with_marker(sentence: str, key: str | int) -> str:
    """A sentence with its citation marker before its final punctuation: the one way an answer,
    a list or a digest writes a citation.

    >>> with_marker("Pooling helps ViTs.", 1), with_marker("Does it? ", "2")
    ('Pooling helps ViTs [1].', 'Does it [2]?')
    """
    body = sentence.rstrip()
    end = body[-1] if body[-1:] in ".!?" else "."
    return f"{body.rstrip('.!?')} [{key}]{end}"


def near_duplicate(a: str, b: str, threshold: float = 0.7) -> bool:
    """Whether two sentences share most of their words (Jaccard), as repeated generations do.

    >>> near_duplicate("the space is tree structured", "this means the space is tree structured")
    True
    """
    ta, tb = set(tokenize(a)), set(tokenize(b))
    if not ta or not tb:
        return ta == tb
    return len(ta & tb) / len(ta | tb) >= threshold


@dataclass(frozen=True)
class Evidence:
    """A sentence of a source abstract that a claim may rest on."""

    source: int  # 1-based number of the source in the prompt
    paper_id: str
    title: str
    sentence: str


@dataclass(frozen=True)
class Verdict:
    """The best evidence found for one answer sentence, and whether it supports it."""

    sentence: str
    cited: tuple[int, ...]  # what the model cited
    evidence: Evidence | None
    score: float
    supported: bool


def choose_evidence(
    cited: Sequence[int], scores: Sequence[float], evidence: Sequence[Evidence], threshold: float
) -> tuple[Evidence | None, float]:
    """Best supporting evidence for a sentence: a cited source's if it is good enough, else any.

    A model's own citation wins ties, so a correct citation is never moved; a wrong one is
    replaced by the source that actually supports the sentence.
    """
    if not evidence:
        return None, 0.0
    best_cited = max(
        ((s, e) for s, e in zip(scores, evidence, strict=True) if e.source in cited),
        key=lambda pair: pair[0],
        default=None,
    )
    if best_cited is not None and best_cited[0] >= threshold:
        return best_cited[1], best_cited[0]
    score, chosen = max(zip(scores, evidence, strict=True), key=lambda pair: pair[0])
    return chosen, score
