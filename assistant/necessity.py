"""Whether a text says that something matters (affects an outcome, is needed for it) or that it
does not: "X greatly affects memorization" against "X has no effect on memorization", "the
projector is essential" against "the additional designs do not contribute to quality".

A premise that something matters, checked against a paper that finds it does not (or the other
way round), is a false premise (`guards.contradicted_premise`). Pure: word forms only.
"""

from __future__ import annotations

import re

# Word forms that say something matters or is needed, whatever stands around them. Words used
# as often in another sense are read only in their phrases below ("the effects of X" is a
# study's subject, "depending on the task" a condition, "the required memory" a quantity,
# "sensitive data" a kind of data, "we contribute a benchmark" an offer).
_MATTERS = re.compile(
    r"^(?:affects?|affected|affecting|impacts|impacted|impacting|influences|influenced|"
    r"influencing|matters?|mattered|essential|necessary|necessity|crucial|requires?|requiring|"
    r"indispensable|vital|determines?|determined|depends?|depended)$"
)
# Word forms that say something does not matter (not "negligible overhead", "redundant tokens",
# "two independent models", which say other things).
_IDLE = re.compile(
    r"^(?:unnecessary|irrelevant|superfluous|unaffected|dispensable|insensitive|unimportant|"
    r"immaterial|inconsequential|unneeded)$"
)
# Phrases whose words say it only together: "has a strong effect", "no effect", "contributes
# to", "is required", "sensitive to", "independent of".
_PHRASES = (
    (
        re.compile(
            r"\b(?:no|little|negligible|any)\s+(?:\w+\s+)?(?:effect|impact|influence|role|"
            r"difference)s?\b|\bindependent(?:ly)?\s+of\b",
            re.I,
        ),
        " idle_ ",
    ),
    (
        re.compile(
            r"\b(?:has|have|had|having|with|plays?|played)\s+(?:an?\s+)?(?:\w+\s+)?(?:effect|"
            r"impact|influence|role)s?\s+(?:on|in)\b|\bcontribut(?:e|es|ed|ing)\s+to\b|"
            r"\b(?:is|are|was|were|be|been|being)\s+(?:(?!not\b|never\b)\w+\s+)?(?:required|"
            r"needed)\b|(?:(?<=\bnot\s)|(?<=\bnever\s))(?:required|needed)\b|"
            r"\bsensitive\s+to\b",
            re.I,
        ),
        " matters_ ",
    ),
)
# What turns a word that matters into one that does not: "does not affect", "little impact",
# "without requiring"; and after it: "requires no retraining", "need neither labels nor ...".
_NEGATORS = frozenset(
    ["not", "no", "never", "little", "hardly", "barely", "without", "neither", "nor", "cannot",
     "nothing", "none"]
)  # fmt: skip
_AFTER_NEGATORS = frozenset(["no", "neither", "nothing", "none"])
# "matters more than", "requires less memory": a comparison, not whether it matters.
_COMPARED = frozenset(["more", "less", "fewer", "most", "least"])
_WINDOW = 4  # words before a word that matters that a negator may stand ("no warm-up is needed")


def effect(text: str) -> int:
    """+1 if a text says something matters or is needed, -1 that it does not, 0 neither or both.

    >>> effect("the size of the vocabulary greatly affects memorization")
    1
    >>> effect("vocabulary size has no effect on memorization")
    -1
    >>> effect("projector networks are essential for good representations")
    1
    >>> effect("the additional designs do not contribute to the quality of the representations")
    -1
    >>> effect("the extra layers are unnecessary"), effect("X beats Y on MMLU")
    (-1, 0)
    >>> effect("our contributions are threefold"), effect("at a critical batch size")
    (0, 0)
    """
    text = text.lower().replace("\u2019", "'").replace("n't", " not")
    for pattern, word in _PHRASES:
        text = pattern.sub(word, text)
    words = re.findall(r"[\w-]+", text)
    score = 0
    for i, word in enumerate(words):
        sign = -1 if word == "idle_" or _IDLE.match(word) else 0
        if word == "matters_" or _MATTERS.match(word):
            sign = 1
        if not sign or _COMPARED & set(words[i + 1 : i + 3]):
            continue  # (a comparison says nothing of whether it matters)
        start = max(0, i - _WINDOW)
        before = {  # ("not only affects" affirms)
            w for j, w in enumerate(words[start:i], start) if (w, words[j + 1]) != ("not", "only")
        }
        if _NEGATORS & before or (i + 1 < len(words) and words[i + 1] in _AFTER_NEGATORS):
            sign = -sign  # "does not affect", "requires no retraining", "is not irrelevant"
        score += sign
    return (score > 0) - (score < 0)
