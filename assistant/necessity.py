"""Whether a text says that something matters (affects an outcome, is needed for it) or that it
does not: "X greatly affects memorization" against "X has no effect on memorization", "the
projector is essential" against "the additional designs do not contribute to quality".

A premise that something matters, checked against a paper that finds it does not (or the other
way round), is a false premise (`guards.contradicted_premise`). Pure: word forms only.
"""

from __future__ import annotations

import re

# Word forms that say something matters or is needed. Nouns that merely name a thing
# ("our contributions", "a critical batch size", "key-value") are left out.
_MATTERS = re.compile(
    r"^(?:affects?|affected|affecting|impacts?|impacted|impacting|influences?|influenced|"
    r"influencing|matters?|mattered|essential|necessary|necessity|crucial|needed|requires?|"
    r"required|requiring|indispensable|vital|contributes?|contributed|contributing|determines?|determined|"
    r"depends?|depended|depending|effects?|sensitive)$"
)
# Word forms that say something does not matter.
_IDLE = re.compile(
    r"^(?:unnecessary|irrelevant|redundant|superfluous|unaffected|negligible|dispensable|"
    r"insensitive|independent|unimportant|immaterial|inconsequential|unneeded)$"
)
# What turns a word that matters into one that does not: "no effect", "does not affect",
# "little impact", "without requiring".
_NEGATORS = frozenset(
    ["not", "no", "never", "little", "hardly", "barely", "without", "neither", "nor", "cannot",
     "n't", "nothing", "none"]
)  # fmt: skip
_WINDOW = 3  # words before a word that matters that a negator may stand


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
    words = re.findall(r"[\w-]+|n't", text.lower())
    score = 0
    for i, word in enumerate(words):
        if _IDLE.match(word):
            score -= 1
        elif _MATTERS.match(word):
            score += -1 if _NEGATORS & set(words[max(0, i - _WINDOW) : i]) else 1
    return (score > 0) - (score < 0)
