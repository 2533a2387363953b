"""Which papers are surveys or reviews, for lists that ask for them ("List the survey papers",
"Are there survey papers on mixture-of-experts?"): read from the title and the abstract's own
words about itself. Pure, table-tested.
"""

from __future__ import annotations

import re
from enum import Enum

from .citations import split_sentences
from .types import Paper

_KIND = r"(?:survey|review|overview|tutorial|primer)"
# The title names the paper's kind: "A Survey on Mixture of Experts", "... : A Review".
_TITLED = re.compile(rf"\b{_KIND}\b", re.I)
# The abstract says the paper is one: "in this survey", "we present a comprehensive survey",
# "this paper surveys", "a systematic review of".
_SAYS = re.compile(
    rf"\b(?:this|our|the\s+present)\s+{_KIND}\b"
    rf"|\b(?:comprehensive|systematic|extensive|thorough|broad|structured)\s+{_KIND}\b"
    r"|\bthis\s+(?:paper|article|work|report)\s+(?:surveys|reviews)\b",
    re.I,
)
# What the paper does, where only its title names its kind: "In this paper, we ...".
_OWN = re.compile(r"\b(?:we|this\s+(?:paper|work|article))\b", re.I)
# The abstract says it reviews something, which a paper may do in passing ("We also review some
# basic theory"): a weaker sign.
_REVIEWS = re.compile(r"\bwe\s+(?:\w+\s+)?(?:survey|review)\b(?!\s+(?:of|on|by)\b)", re.I)


class Kind(Enum):
    """How surely a paper is a survey: its title or its own words say so, or it only says it
    reviews something."""

    SURVEY = "survey"
    MAYBE = "maybe"


def survey_evidence(paper: Paper) -> tuple[Kind, str] | None:
    """Whether a paper is a survey or review, and the sentence that shows it (the first one
    that says it is one; when only the title does, the first that names a kind, else the first
    that says what the paper does, else the first); None when nothing says so.

    >>> survey_evidence(Paper("a", "A Survey on Mixture of Experts", "MoE scales. We group work."))
    (<Kind.SURVEY: 'survey'>, 'We group work.')
    >>> survey_evidence(Paper("b", "Ranking", "In this survey, we look at ranking models."))[0]
    <Kind.SURVEY: 'survey'>
    >>> survey_evidence(Paper("c", "Quantiles", "We fit X. We also review some basic theory."))
    (<Kind.MAYBE: 'maybe'>, 'We also review some basic theory.')
    >>> survey_evidence(Paper("d", "Math", "We perform a survey to evaluate the questions.")) is None
    True
    """
    sentences = split_sentences(paper.abstract)
    said = next((s for s in sentences if _SAYS.search(s)), None)
    if _TITLED.search(paper.title):
        named = next((s for s in sentences if _TITLED.search(s)), None)
        own = next((s for s in sentences if _OWN.search(s)), None)
        return Kind.SURVEY, said or named or own or (sentences[0] if sentences else paper.title)
    if said:
        return Kind.SURVEY, said
    reviews = next((s for s in sentences if _REVIEWS.search(s)), None)
    return (Kind.MAYBE, reviews) if reviews else None
