"""What an abstract sentence does: set the scene, describe the method, or report a finding; and
whether it says anything a question does not already say (pure, no models).

Abstracts follow a known pattern: background first ("X remains under-explored"), then what
the paper does ("We propose ..."), then what it found ("Our method improves ... by 12%").
Answers and summaries should state the last two, not the first.
"""

from __future__ import annotations

import re
from enum import StrEnum

from .citations import numbers_in
from .lexical import tokenize


class Role(StrEnum):
    """The part a sentence plays in its abstract."""

    BACKGROUND = "background"
    METHOD = "method"
    RESULT = "result"
    OTHER = "other"


# What a sentence in a summary is worth by its role, beside its detail: a finding most, a method
# detail next; background is never a summary line (no entry).
SUMMARY_WORTH = {Role.RESULT: 0.3, Role.METHOD: 0.15, Role.OTHER: 0.0}


_BACKGROUND = re.compile(
    r"\b(?:remains?|remained)\s+(?:\w+\s+){0,2}?(?:under-?explored|unclear|unknown|open|limited|"
    r"challenging|difficult|elusive|poorly\s+understood|an?\s+(?:open|challenge|problem))"
    r"|\b(?:has|have)\s+long\s+been\b"
    r"|\b(?:has|have)\s+(?:recently\s+)?(?:attracted|gained|received|drawn|become|emerged|shown\s+"
    r"(?:great|remarkable|impressive|promising))"
    r"|\b(?:recent(?:ly)?|in\s+recent\s+years|nowadays|traditionally|conventionally|"
    r"increasingly|widely\s+(?:used|adopted)|growing\s+(?:interest|body)|a\s+(?:key|central|"
    r"fundamental|major|critical|long-standing)\s+(?:challenge|problem|question|issue|component))\b"
    r"|\b(?:existing|current|prior|previous|conventional|standard)\s+(?:methods|approaches|"
    r"work|works|models|techniques|solutions|systems|studies)\s+(?:often|typically|usually|"
    r"either|rely|suffer|fail|are|struggle|require|have|lack)\b"
    r"|\b(?:suffers?|suffering)\s+from\b|\bis\s+(?:costly|expensive|prohibitive|time-consuming)\b",
    re.I,
)
# A sentence that opens on a contrast or a supposition sets the scene in an abstract's first
# half; later, "However, the speedup ... decreases with scale" qualifies a finding.
_OPENER = re.compile(
    r"^\s*(?:however|despite|although|while|yet|unfortunately|suppose|imagine|consider|"
    r"nevertheless|nonetheless|still|motivated\s+by|inspired\s+by)\b",
    re.I,
)
_METHOD = re.compile(
    r"\b(?:we|this\s+(?:paper|work|study|article)|in\s+this\s+(?:paper|work|study))\s+(?:\w+\s+)?"
    r"(?:propose|introduce|present|develop|design|describe|study|investigate|explore|analy[sz]e|"
    r"formulate|build|construct|release|train|derive|provide|consider|leverage|use|employ|"
    r"apply|extend|adapt|examine|focus|address|tackle|define|establish|conduct|evaluate|"
    r"validate|test|select|choose|collect|curate|gather|compare|measure|benchmark|assess|"
    r"create|annotate|implement|simulate)\w*\b"
    r"|\b(?:called|dubbed|named|termed|coined)\b|\bour\s+(?:method|approach|framework|model|"
    r"algorithm|technique|system|key\s+idea|insight)\b|\bthe\s+key\s+(?:idea|insight)\b",
    re.I,
)
_RESULT = re.compile(
    r"\b(?:we|our\s+(?:results|experiments|analys[ie]s|findings|evaluations?|method|approach|model))"
    r"\s+(?:\w+\s+)?(?:find|found|show|showed|shown|observe|observed|demonstrate|demonstrated|"
    r"reveal|revealed|achieve|achieved|obtain|obtained|report|confirm|establish|prove|proved|"
    r"see|saw|notice|discover|discovered|conclude|attribute)\b"
    r"|\b(?:results?|experiments?|evaluations?|empirically|empirical)\s+(?:\w+\s+)?(?:show|"
    r"demonstrate|indicate|suggest|reveal|confirm)\w*\b"
    r"|\b(?:outperform\w*|surpass\w*|exceed\w*|(?<!to )achiev\w+|improv\w+|reduc\w+|boost\w*|"
    r"speed(?:s|ed)?\s+up|state-of-the-art|sota|competitive\s+with|on\s+par\s+with|"
    r"accuracy\s+of|matches|beats)\b",
    re.I,
)
# The paper's own finding ("we observe that recent methods ..."): a result even when it names
# the background it is about.
_OWN_FINDING = re.compile(
    r"\b(?:we|our\s+(?:results|experiments|analys[ie]s|findings|evaluations?))\s+(?:\w+\s+)?"
    r"(?:find|found|show|showed|observe|observed|demonstrate|demonstrated|reveal|revealed|see|"
    r"saw|notice|discover|discovered|conclude|attribute|confirm)\b",
    re.I,
)
_PERCENT_OR_FOLD = re.compile(r"\d\s*%|\d\s*(?:x|×|-fold|times)\b|\d\s*(?:points|pp)\b", re.I)


def says_method(sentence: str) -> bool:
    """Whether a sentence says what the paper does ("To address this, we conduct a study").

    >>> says_method("To address these issues, we conduct a systematic study."), says_method("We posit that X.")
    (True, False)
    """
    return bool(_METHOD.search(sentence))


def role(sentence: str, position: int, count: int) -> Role:
    """The part a sentence plays, from its wording and its place in the abstract.

    >>> role("However, this capability remains under-explored.", 1, 6)
    <Role.BACKGROUND: 'background'>
    >>> role("We propose PoolFormer, a simple model.", 2, 6)
    <Role.METHOD: 'method'>
    >>> role("PoolFormer achieves 82.1% top-1 accuracy on ImageNet-1K.", 5, 6)
    <Role.RESULT: 'result'>
    >>> role("However, its speedup shrinks to 1.1x at scale.", 8, 9)
    <Role.RESULT: 'result'>
    >>> role("AdamW has long been the dominant optimizer.", 1, 9)
    <Role.BACKGROUND: 'background'>
    """
    if sentence.rstrip().endswith("?"):
        return Role.BACKGROUND  # a question the paper sets itself
    own = re.search(r"\b(?:we|our|this\s+(?:paper|work|study))\b", sentence, re.I)
    if position == 0 and count > 3 and not own and not numbers_in(sentence):
        return Role.BACKGROUND  # an abstract's opening line sets the scene
    background = bool(_BACKGROUND.search(sentence)) or (
        position < count / 2 and bool(_OPENER.search(sentence))
    )
    result = bool(_RESULT.search(sentence)) or (
        bool(_PERCENT_OR_FOLD.search(sentence)) and position > 0
    )
    if result and (not background or _OWN_FINDING.search(sentence)):
        return Role.RESULT
    if _METHOD.search(sentence):
        return Role.METHOD
    if background:
        return Role.BACKGROUND
    return Role.RESULT if result else Role.OTHER


_NUMBER_WORDS = frozenset(
    [
        "twice",
        "thrice",
        "double",
        "doubled",
        "half",
        "halved",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "dozen",
        "dozens",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "billions",
    ]
)


def novelty(sentence: str, question: str) -> tuple[set[str], set[str]]:
    """(content words, numbers) of a sentence that the question does not already hold; a word
    counts as held when the question has it or a word sharing its first five letters.

    >>> words, numbers = novelty("The method reaches 82.1% on ImageNet.", "What does the method reach?")
    >>> sorted(words), sorted(numbers)
    (['imagenet'], ['82.1'])
    """
    asked = set(tokenize(question))
    stems = {t[:5] for t in asked}
    words = {t for t in tokenize(sentence) if t not in asked and t[:5] not in stems}
    numbers = numbers_in(sentence) - numbers_in(question)
    numbers |= {w for w in words if w in _NUMBER_WORDS}
    return {w for w in words if not any(c.isdigit() for c in w)}, numbers


def informative(sentence: str, question: str, min_words: int = 2) -> bool:
    """Whether a sentence adds something the question lacks: `min_words` content words, or a
    number, that the question does not hold. Restatements and tautologies add nothing.

    >>> informative("The original formulas were derived from the formulas in the original paper.",
    ...             "How were the original formulas derived in the paper?")
    False
    >>> informative("It needs 12 GPUs.", "How many GPUs does it need?")
    True
    """
    words, numbers = novelty(sentence, question)
    return bool(numbers) or len(words) >= min_words


def added_share(line: str, question: str) -> float:
    """The share of a line's content words and numbers that the question does not hold (all of
    them when there is no question).

    >>> added_share("Y limits queries.", "Does Y limit queries?"), added_share("Y fails.", "")
    (0.0, 1.0)
    """
    if not question:
        return 1.0
    words, numbers = novelty(line, question)
    return (len(words) + len(numbers)) / max(1, len(set(tokenize(line))))


_NAMED = re.compile(
    r"(?<!^)(?<![.!?]\s)\b(?:[A-Z][a-z]*[A-Z0-9][\w-]*|[A-Z]{2,}[\w-]*|[A-Z][a-z]+)\b"
)


def specificity(sentence: str) -> float:
    """How much checkable detail a sentence carries, 0..1: its numbers and the names it uses
    (capitalised words past its first), which is what a reader can take away.

    >>> specificity("Adam reaches 92.1% on CIFAR-10 with ResNet-50.") > specificity("It works well.")
    True
    """
    numbers = len(numbers_in(sentence))
    names = len(_NAMED.findall(sentence))
    return min(1.0, 0.25 * min(numbers, 2) + 0.15 * min(names, 4))
