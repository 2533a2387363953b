"""What kind of answer a question asks for: pure parsing, no models."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Which continual-learning methods avoid ...": a plural kind of work followed by what it does
# (not "Which methods does the paper compare?", which asks about one paper).
_KINDS = r"(?:methods|approaches|techniques|papers|works|studies|articles)"
_AUX = r"(?:do|does|did|is|are|was|were|has|have|had|can|could|would|will|should|the|this|that)"
_QUALIFIED_KIND = re.compile(
    rf"^\s*(?:which|what)\s+((?:[\w-]+\s+){{0,3}}?{_KINDS})\s+(?!{_AUX}\b)\w", re.I
)
_LIST = re.compile(
    r"^\s*(?:which|what)\s+(?:of\s+the\s+)?(?:papers|works|studies|articles)\b"
    r"|^\s*(?:list|name|find|show)\s+(?:all\s+|the\s+|every\s+)*(?:papers|works|studies)\b"
    r"|^\s*(?:are\s+there\s+)?(?:any\s+)?papers\s+(?:that|which|about|on)\b",
    re.IGNORECASE,
)
_TOPIC_PREFIX = re.compile(
    r"^\s*(?:(?:which|what)\s+(?:of\s+the\s+)?(?:papers|works|studies|articles)"
    r"|(?:list|name|find|show)\s+(?:all\s+|the\s+|every\s+)*(?:papers|works|studies)"
    r"|(?:are\s+there\s+)?(?:any\s+)?papers)"
    r"(?:\s+(?:in\s+the\s+(?:collection|corpus)|here))?\s*(?:that|which|who|about|on)?\s*",
    re.IGNORECASE,
)
_QUANTITY = re.compile(
    r"\bhow\s+(?:many|much|long|fast|large|big)\b"
    r"|\bwhat\s+(?:\w+[\s-]+){0,3}(?:score|accuracy|fid|bleu|speed-?up|perplexity|percentage|"
    r"error\s+rate|number|size|cost|latency|throughput|f1)\b",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w-]+\s+){0,1}[\w-]+)", re.IGNORECASE)
_MEASURE = re.compile(
    r"\b(?:what|which)\s+(?:[\w-]+\s+){0,3}?((?:[A-Z][\w-]*\s+)?(?:score|accuracy|fid|bleu|"
    r"speed-?up|perplexity|percentage|error\s+rate|size|cost|latency|throughput|f1))\b",
    re.IGNORECASE,
)
_MEASURE_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "did",
        "does",
        "do",
        "were",
        "was",
        "is",
        "are",
        "have",
        "has",
    ]
)


def measure_terms(question: str) -> tuple[str, ...]:
    """The words naming what a number question measures; empty when it names nothing.

    >>> measure_terms("How many GPUs were used?"), measure_terms("What FID does it reach?")
    (('gpus',), ('fid',))
    >>> measure_terms("What top-1 ImageNet accuracy did AlexNet achieve?")
    ('imagenet', 'accuracy')
    """
    found = _HOW_MANY.search(question) or _MEASURE.search(question)
    if not found:
        return ()
    words = [w.lower() for w in re.findall(r"[\w-]+", found.group(1))]
    return tuple(w for w in words if w not in _MEASURE_STOP)


_WHY = re.compile(r"^\s*why\s+(?:does|did|do|is|was|were|are|has|have|can|could)?\s*", re.I)
# Word stems that report an outcome; "not improve" flips one (see `polarity`).
_NEGATIVE = (
    "fail",
    "unable",
    "cannot",
    "worse",
    "behind",
    "hurt",
    "harm",
    "degrad",
    "poor",
    "lag",
    "underperform",
    "inferior",
    "struggl",
    "collaps",
    "ineffective",
    "declin",
    "slower",
    "difficult",
)
_POSITIVE = (
    "outperform",
    "better",
    "improv",
    "surpass",
    "near-perfect",
    "state-of-the-art",
    "competitive",
    "gain",
    "superior",
    "beat",
    "succe",
    "effective",
    "boost",
    "faster",
    "excel",
)
_NEGATORS = frozenset({"not", "no", "never", "without", "nor"})


def premise_of(question: str) -> str | None:
    """What a "why ..." question takes for granted, or None for other questions.

    >>> premise_of("Why does PoolFormer fall behind DeiT?")
    'PoolFormer fall behind DeiT'
    """
    if not _WHY.match(question):
        return None
    return _WHY.sub("", question, count=1).strip(" ?.") or None


def polarity(text: str) -> int:
    """+1 if a text reports success, -1 failure, 0 neither or both.

    >>> polarity("X outperforms Y"), polarity("X falls far behind Y"), polarity("X uses Y")
    (1, -1, 0)
    >>> polarity("BLP does not increase, and mostly harms, performance")
    -1
    """
    words = re.findall(r"[\w-]+", text.lower())
    score = 0
    for i, word in enumerate(words):
        sign = 1 if word.startswith(_POSITIVE) else -1 if word.startswith(_NEGATIVE) else 0
        if sign and _NEGATORS & set(words[max(0, i - 2) : i]):
            sign = -sign
        score += sign
    return (score > 0) - (score < 0)


_MOST_AUTHORS = re.compile(r"\b(?:most|largest\s+number\s+of|more)\s+authors\b", re.IGNORECASE)
_FEWEST_AUTHORS = re.compile(
    r"\b(?:fewest|least|smallest\s+number\s+of|fewer)\s+authors\b", re.IGNORECASE
)
_AUTHOR_COUNT = re.compile(r"\bhow\s+many\s+authors\b", re.IGNORECASE)
_EARLIEST = re.compile(
    r"\b(?:earliest|oldest|first\s+(?:published|to\s+appear|appeared)|"
    r"appeared\s+first)\b",
    re.IGNORECASE,
)
_LATEST = re.compile(r"\b(?:latest|newest|most\s+recent(?:ly)?)\b", re.IGNORECASE)
_YEAR_LIMIT = re.compile(r"\b(before|after|in|since|until)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_TOPIC_NOISE = re.compile(
    r"\b(?:which|what|of\s+the\s+papers|papers?|has|have|had|the|most|fewest|least|more|fewer|"
    r"authors?|appeared|published|earliest|oldest|latest|newest|most\s+recent(?:ly)?|first|"
    r"how\s+many|wrote|written|by|before|after|in|since|until|(?:19|20)\d\d|was|is|are|were|"
    r"collection|corpus|listed|listing|that|did|does|do|on|about)\b|[?.,]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Intent:
    """The answer a question calls for.

    kind: "plain" (a cited answer), "list" (every paper that fits), "metadata" (sorted or
    filtered by author count or date). For metadata: field "authors_count" or "published",
    order "max" / "min" / "value", and an optional year limit (op, year).
    """

    kind: str
    topic: str
    field: str | None = None
    order: str | None = None
    year_op: str | None = None
    year: int | None = None
    quantity: bool = False
    measures: tuple[str, ...] = ()
    count: int | None = None  # "of the two surveys ...": how many papers the question describes
    verb: str | None = None  # a list topic's leading verb ("tune" in "tune learning rates")


_NOT_VERBS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "any",
        "all",
        "some",
        "each",
        "every",
        "both",
        "other",
        "recent",
        "new",
        "several",
        "large",
        "small",
        "deep",
        "neural",
        "machine",
    ]
)


def list_verb(question: str, topic: str) -> str | None:
    """The verb a "which papers VERB ..." topic leads with; None when the topic is a subject
    ("papers on X", "papers about X") rather than an action.

    >>> list_verb("Which papers tune learning rates?", "tune learning rates")
    'tune'
    >>> list_verb("Which papers on learning rates are there?", "learning rates are there") is None
    True
    """
    prefix = _TOPIC_PREFIX.match(question)
    if prefix is None or re.search(r"\b(?:about|on)\s*$", prefix.group(0), re.I):
        return None
    words = topic.split()
    if len(words) < 2 or not words[0].isalpha() or words[0].lower() in _NOT_VERBS:
        return None
    return words[0].lower()


def topic_of_list(question: str) -> str:
    """The subject of a "which papers ..." question.

    >>> topic_of_list("Which papers tune learning rates?")
    'tune learning rates'
    """
    return _TOPIC_PREFIX.sub("", question, count=1).strip(" ?.")


_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], start=2
    )
}
_STATED_COUNT = re.compile(
    r"\b(?:among|of|between)\s+(?:the\s+|these\s+|those\s+)?(\d{1,2}|"
    + "|".join(_NUMBER_WORDS)
    + r")\b",
    re.I,
)


def stated_count(question: str) -> int | None:
    """How many papers a question says it is choosing among, if it says.

    >>> stated_count("Of the two surveys on active learning, which appeared first?")
    2
    >>> stated_count("Among 3 pruning papers, which has the most authors?"), stated_count("Which?")
    (3, None)
    """
    found = _STATED_COUNT.search(question)
    if not found:
        return None
    word = found.group(1).lower()
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def metadata_topic(question: str) -> str:
    """A metadata question without its metadata words: what the papers are about.

    >>> metadata_topic("Which of the papers on graph pooling has the most authors?")
    'graph pooling'
    """
    return " ".join(_TOPIC_NOISE.sub(" ", question).split())


def parse_intent(question: str) -> Intent:
    """Classify a question.

    >>> parse_intent("Which paper on GNN aggregation has the most authors?").order
    'max'
    >>> parse_intent("Which papers use mixture of experts?").kind
    'list'
    >>> parse_intent("Which pruning methods keep accuracy at 90% sparsity?").topic
    'pruning methods keep accuracy at 90% sparsity'
    >>> parse_intent("Which methods does the MoE survey compare?").kind
    'plain'
    >>> parse_intent("What FID does the model reach?").quantity
    True
    """
    text = " ".join(question.split())
    year = _YEAR_LIMIT.search(text)
    year_op = year.group(1).lower() if year else None
    year_op = {"since": "after", "until": "before"}.get(year_op or "", year_op)
    metadata: tuple[str, str] | None = None
    if _MOST_AUTHORS.search(text):
        metadata = ("authors_count", "max")
    elif _FEWEST_AUTHORS.search(text):
        metadata = ("authors_count", "min")
    elif _AUTHOR_COUNT.search(text):
        metadata = ("authors_count", "value")
    elif _EARLIEST.search(text):
        metadata = ("published", "min")
    elif _LATEST.search(text):
        metadata = ("published", "max")
    elif year and re.search(r"\b(?:appeared|published|released|came\s+out)\b", text, re.I):
        metadata = ("published", "filter")
    if metadata:
        return Intent(
            "metadata",
            metadata_topic(text),
            metadata[0],
            metadata[1],
            year_op,
            int(year.group(2)) if year else None,
            count=stated_count(text),
        )
    if _LIST.search(text):
        topic = topic_of_list(text) or text
        return Intent("list", topic, verb=list_verb(text, topic))
    qualified = _QUALIFIED_KIND.match(text)
    if qualified:  # the kind of work stays in the topic: "continual-learning methods avoid ..."
        return Intent("list", text[qualified.start(1) :].strip(" ?."))
    quantity = bool(_QUANTITY.search(text))
    return Intent(
        "plain", text, quantity=quantity, measures=measure_terms(text) if quantity else ()
    )


_WORD = re.compile(r"[A-Za-z][\w-]*")


def names_in(question: str) -> list[str]:
    """Words of a question that name something: mixed case or letters with digits.

    Plain acronyms (GPU, RKHS) are left out: abstracts often spell them out. A lowercase tail
    after a hyphen is dropped ("ImageNet-trained" names ImageNet).

    >>> names_in("What top-1 accuracy did AlexNet reach on ImageNet-trained GPUs with GPT-4?")
    ['AlexNet', 'ImageNet', 'GPT-4']
    """
    found = []
    for raw in _WORD.findall(question):
        word = re.sub(r"(-[a-z]{3,})+$", "", raw).rstrip("-_")
        if re.fullmatch(r"[A-Z]+s", word):
            word = word[:-1]  # GPUs, LLMs
        upper = any(c.isupper() for c in word)
        mixed = any(c.isupper() for c in word[1:]) and any(c.islower() for c in word)
        if upper and (mixed or any(c.isdigit() for c in word)):
            found.append(word)
    return list(dict.fromkeys(found))


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[-_/]", " ", text.lower()).split())


_ACRONYM = re.compile(r"\b[A-Z]{3,}s?\b")
# Acronyms so common in ML abstracts that naming one says nothing about which paper is meant.
_COMMON_ACRONYMS = frozenset(
    [
        "LLM",
        "LLMS",
        "GPU",
        "GPUS",
        "CPU",
        "TPU",
        "NLP",
        "API",
        "SOTA",
        "CNN",
        "RNN",
        "MLP",
        "GAN",
        "VAE",
        "AI",
        "ML",
        "RL",
        "QA",
    ]
)


def acronyms_in(text: str) -> list[str]:
    """Upper-case acronyms of a text that name something specific (not "LLM" or "GPU").

    >>> acronyms_in("What BLEU did it get on WMT with GPUs and LLMs?")
    ['BLEU', 'WMT']
    """
    found = [a.rstrip("s") if a.endswith("s") else a for a in _ACRONYM.findall(text)]
    return list(dict.fromkeys(a for a in found if a.upper() not in _COMMON_ACRONYMS))


def mentions(name: str, text: str) -> bool:
    """Whether a text mentions a name: as written (case, hyphens and spacing aside), by each of
    its parts ("multi-GPU" in "multiple GPUs"), or an acronym spelled out by initials ("RKHS" in
    "reproducing kernel Hilbert space").

    >>> mentions("KV-cache", "a kv cache"), mentions("multi-GPU", "on multiple GPUs")
    (True, True)
    >>> mentions("RKHS", "a reproducing kernel Hilbert space"), mentions("AlexNet", "Alex's net")
    (True, False)
    """
    flat, want = _flat(text), _flat(name)
    if want in flat or want.replace(" ", "") in flat.replace(" ", ""):
        return True
    words = re.findall(r"[a-z0-9]+", flat)
    parts = [p for p in want.split() if len(p) >= 2]
    if len(parts) > 1 and all(any(w.startswith(p) for w in words) for p in parts):
        return True
    if name.isupper() and name.isalpha() and len(name) >= 3:
        # Spelled out: the initials of consecutive words ("of", "and" may sit between them).
        initials = "".join(w[0] for w in words if len(w) > 3 or w not in {"of", "and", "the"})
        return name.lower() in initials
    return False


def unmentioned(names: list[str], texts: list[str]) -> list[str]:
    """The names that none of the texts mention (see `mentions`).

    >>> unmentioned(["AlexNet", "KV-cache", "GPT-4"], ["a kv cache for gpt 4", "Alex's net"])
    ['AlexNet']
    """
    text = " ".join(texts)
    return [n for n in names if not mentions(n, text)]
