"""What kind of answer a question asks for: pure parsing, no models."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexical import tokenize
from .metaquery import MetaQuery, parse_meta

# "Which continual-learning methods avoid ...": a plural kind of work followed by what it does
# (not "Which methods does the paper compare?", which asks about one paper).
_KINDS = r"(?:methods|approaches|techniques|papers|works|studies|articles)"
_AUX = r"(?:do|does|did|is|are|was|were|has|have|had|can|could|would|will|should|the|this|that)"
_QUALIFIED_KIND = re.compile(
    rf"^\s*(?:which|what)\s+((?:[\w-]+\s+){{0,3}}?{_KINDS})\s+(?!{_AUX}\b)\w", re.I
)
# "What work / research in the collection ...": the mass nouns ask for every paper too, unless
# a question about one paper follows ("What work does X build on?").
_MASS = rf"(?:work|research)\b(?!\s+{_AUX}\b)"
# The nouns that ask for every paper on a topic, and the modifiers they may carry ("survey
# papers", "prior work"): "Is there work on X?", "Are there survey papers on X?", "List the
# work on X" ask for a list as much as "Which papers X?" does.
_PLURAL = (
    r"(?:papers|works|studies|articles|publications|abstracts|references|preprints|surveys|reviews)"
)
_NOUNS = rf"(?:{_PLURAL}|work|research)"
# After "list / name / find / show", the singular mass nouns ask for every paper only when a
# topic follows ("list the work on X", not "find the work that introduced X").
_LISTED = (
    rf"(?:{_PLURAL}|(?:approaches|methods|models|techniques|frameworks|algorithms)"
    r"|(?:work|research)(?=\s+(?:on|about|in)\b))"
)
_MODIFIER = r"(?:(?:survey|review|recent|prior|published|existing|other|related)\s+)?"
# "Are there benchmarks / methods / models that ...": every paper that offers one.
_KINDS_OFFERED = r"(?:benchmarks|datasets|methods|approaches|techniques|models|frameworks|algorithms|tools|systems)"
_THERE = rf"(?:is|are)\s+there\s+(?:any\s+)?{_MODIFIER}(?:{_NOUNS}|{_KINDS_OFFERED})"
# Who asks for papers: "List ...", "Find me ...", "Show me the ...", "I need ...", "I'm looking
# for ...", "Can you find ...".
_ASKER = (
    r"(?:(?:please|can\s+you|could\s+you)\s+)?(?:list|name|find|show|give|get|recommend|suggest)"
    r"\s+(?:me\s+|us\s+)?"
    r"|(?:(?:can|could)\s+you\s+)?point\s+(?:me|us)\s+to\s+"
    r"|i\s+(?:need|want|would\s+like)\s+|(?:i'?m\s+|i\s+am\s+)?looking\s+for\s+"
    r"|(?:i'?m\s+|i\s+am\s+)interested\s+in\s+"
)
# "I want to read about X", "I'd like to read up on X": the topic follows.
_READ = r"(?:i\s+(?:want|would\s+like)|i'?d\s+like)\s+to\s+read\s+(?:up\s+)?(?=about|on)"
_DETERMINERS = r"(?:all\s+|the\s+|every\s+|any\s+|some\s+)*"
# "What work has been done on X?": the mass noun with a perfect passive asks for every paper.
_DONE = (
    r"what\s+(?:(?:work|research)\s+)?(?:has|have)\s+been\s+"
    r"(?:done|published|written|carried\s+out|conducted)"
)
# The openings a list question and its topic share: "Which papers", "What work has been done",
# "Find me studies".
_OPENING = (
    rf"(?:which|what)\s+(?:of\s+the\s+)?(?:{_PLURAL}|{_MASS})"
    rf"|{_DONE}"
    rf"|(?:{_ASKER}){_DETERMINERS}{_MODIFIER}{_LISTED}"
    rf"|{_READ}"
)
# A question that starts with the plural noun: "Papers about X?", "Any papers proposing X?"
_LEADING_NOUN = rf"(?:are\s+there\s+)?(?:any\s+)?{_MODIFIER}{_PLURAL}"
_LIST = re.compile(
    rf"^\s*(?:{_OPENING})\b"
    rf"|^\s*{_LEADING_NOUN}\b"
    r"(?!\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|would|will|should)\b)"
    rf"|^\s*{_THERE}\s+(?:in\s+the\s+(?:collection|corpus)\s+|here\s+)?(?:that|which|about|on|in)\b",
    re.IGNORECASE,
)
_TOPIC_PREFIX = re.compile(
    rf"^\s*(?:{_OPENING}|{_THERE}|{_LEADING_NOUN})"
    r"(?:\s+(?:in\s+the\s+(?:collection|corpus)|here))?\s*(?:(?:that|which|who|where|about|on|of|in)\b)?\s*",
    re.IGNORECASE,
)


# "Why does X ...", also after a leading phrase: "According to the study on Y, why do ...".
_WHY = re.compile(
    r"^\s*(?:(?:according\s+to|in|for|from)\b[^,?]*,\s*)?"
    r"why\s+(?:does|did|do|is|was|were|are|has|have|can|could)?\s*",
    re.I,
)
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
    "slows",
    "difficult",
    "break",
    "worsen",
    "drop",
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
# "well below / above / beyond ...": how far, not how good.
_DEGREE = frozenset(
    ["below", "above", "beyond", "over", "under", "within", "before", "after", "behind",
     "ahead", "short", "past", "into", "known", "established", "suited", "studied"]
)  # fmt: skip
# "X works as intended" reports success as "X succeeds" does ("this work" does not).
_WORKS = re.compile(r"\bworks?\s+(?=(?:well|as\s+intended)\b)")


_HOW_OUTCOME = re.compile(
    r"^\s*(?:how|in\s+what\s+way|to\s+what\s+extent)\s+(?:does|did|do|can|could)\s+(?P<p>.+?\b(?:"
    + "|".join(("hurt", "harm", "fail", "degrad", "worsen", "slow", "break", "underperform",
                "improv", "outperform", "help", "boost", "beat", "lag", "collaps", "drop"))
    + r")\w*\b.*)$",
    re.I,
)  # fmt: skip
_GIVEN = re.compile(r"^\s*(?:given|since|as|because)\s+(?:that\s+)?(?P<p>[^,]+),", re.I)
_CAUSE = re.compile(r"^\s*what\s+(?:causes|caused|makes|made|explains)\s+(?P<p>.+)$", re.I)


def premise_of(question: str) -> str | None:
    """What a question takes for granted about an outcome, or None when it takes nothing:
    "Why does X ...?", "How does X hurt Y?", "Given that X ..., ...", "What makes X fail?".

    >>> premise_of("Why does PoolFormer fall behind DeiT?")
    'PoolFormer fall behind DeiT'
    >>> premise_of("How does gradient noise hurt training of deep networks?")
    'gradient noise hurt training of deep networks'
    >>> premise_of("Given that Fisher merging underperforms averaging, what do they propose?")
    'Fisher merging underperforms averaging'
    >>> premise_of("How does einspace work?") is None
    True
    >>> premise_of("Why does noise help deep nets, and how large was the error reduction?")
    'noise help deep nets'
    >>> premise_of("According to the study on X, why do small models fail on hard tasks?")
    'small models fail on hard tasks'

    """
    for pattern in (_HOW_OUTCOME, _GIVEN, _CAUSE):
        found = pattern.match(question)
        if found:
            return _PREMISE_TAIL.sub("", found.group("p")).strip(" ?.,") or None
    if not _WHY.match(question):
        return None
    return _PREMISE_TAIL.sub("", _WHY.sub("", question, count=1)).strip(" ?.,") or None


# A second ask after a premise: ", and how large was the gain?" (not "large and do more").
_PREMISE_TAIL = re.compile(
    r",?\s+and\s+(?:what|which|how|when|where|who)\b.*$|,\s*and\s+(?:do|does|did|is|are)\b.*$",
    re.I,
)


def polarity(text: str) -> int:
    """+1 if a text reports success, -1 failure, 0 neither or both.

    >>> polarity("X outperforms Y"), polarity("X falls far behind Y"), polarity("X uses Y")
    (1, -1, 0)
    >>> polarity("BLP does not increase, and mostly harms, performance")
    -1
    >>> polarity("Models generalize relatively well"), polarity("X as well as Y fail")
    (1, -1)
    >>> polarity("They fail to generalize, ending up well below models trained on hard data")
    -1
    >>> polarity("we find mu-Transfer works as intended for most cases")
    1
    """
    words = re.findall(r"[\w-]+", _WORKS.sub("succeeds", text.lower()))
    score = 0
    for i, word in enumerate(words):
        sign = 1 if word.startswith(_POSITIVE) else -1 if word.startswith(_NEGATIVE) else 0
        after = words[i + 1] if i + 1 < len(words) else ""
        if word == "well" and "as" not in words[max(0, i - 1) : i + 2] and after not in _DEGREE:
            sign = 1  # "generalizes well", not "as well as" or "well below"
        if sign and _NEGATORS & set(words[max(0, i - 2) : i]):
            sign = -sign
        score += sign
    return (score > 0) - (score < 0)


# What denies a statement ("does not lead to"), as against "without" that qualifies one.
_NEGATION = (_NEGATORS - {"without"}) | {"cannot"}


def negates(sentence: str, premise: str) -> bool:
    """Whether a sentence denies what an affirmative premise states: a negation ("not",
    "cannot", "no") followed within six words by one of the premise's content words.

    >>> negates("Adding more prompts does not lead to linear performance gains.",
    ...         "performance grows linearly as prompts are added")
    True
    >>> negates("These methods cannot achieve performance comparable to full fine-tuning.",
    ...         "tuning methods match full fine-tuning")
    True
    >>> negates("It needs no labels.", "it improves robustness")
    False
    >>> negates("It does not improve accuracy.", "why it does not improve accuracy")
    False
    """
    premise_words = re.findall(r"[\w-]+", premise.lower())
    if (_NEGATORS | _NEGATION) & set(premise_words):
        return False
    content = {w[:5] for w in tokenize(premise) if len(w) > 2}
    words = re.findall(r"[\w-]+", sentence.lower())
    return any(
        word in _NEGATION and any(w[:5] in content for w in words[i + 1 : i + 7])
        for i, word in enumerate(words)
    )


# Words that say a quantity goes up or down ("raise the loss", "lower loss", "decreases with
# size"), as whole word forms ("dropout" is not "drop"); `directions` ties each to what it is
# said of.
def _forms(*stems: str) -> frozenset[str]:
    return frozenset(
        w for stem in stems for w in (stem, stem + "s", stem + "d", stem + "ed", stem + "ing")
    )


# Verbs whose subject can stand before them ("the gap shrinks") or their object after them.
_UP_VERBS = _forms("increase", "increas", "grow", "rise", "ris", "double", "doubl") | {
    "grew",
    "grown",
    "rose",
}
_DOWN_VERBS = _forms(
    "decrease", "decreas", "shrink", "diminish", "diminishe", "decline", "declin", "drop",
    "dropp", "vanish", "vanishe", "halve", "halv",
) | {"shrank", "shrunk"}  # fmt: skip
# Verbs that change what follows them ("raise the loss", "reduces memory").
_UP_OBJECT = _forms("raise", "rais", "amplify", "amplifie", "amplifi")
_DOWN_OBJECT = _forms("reduce", "reduc", "lessen", "lessene")
_UP_WORDS = frozenset({"higher", "more", "larger", "greater", "bigger", "longer"})
_DOWN_WORDS = frozenset({"lower", "less", "fewer", "smaller", "shorter"})
_UP = _UP_VERBS | _UP_OBJECT | _UP_WORDS
_DOWN = _DOWN_VERBS | _DOWN_OBJECT | _DOWN_WORDS
_VERB_FORMS = _UP_VERBS | _DOWN_VERBS
# The changes a premise asserts are its verbs: its adjectives mostly pick out what it is about
# ("why do larger models ...").
_CHANGE_VERBS = _VERB_FORMS | _UP_OBJECT | _DOWN_OBJECT
# What follows these is a condition, not the thing that changes: "decreases WITH model size".
_CONDITION = frozenset(
    ["with", "as", "when", "while", "than", "because", "if", "across", "over", "at", "during",
     "for", "since", "given", "by"]
)  # fmt: skip


_MULTIPLIER = r"(?:twice|thrice|\d+(?:\.\d+)?\s*(?:x|×|times|-fold|fold))"
_MULTIPLIED_UP = re.compile(
    rf"\b{_MULTIPLIER}\s+(?:as\s+(?:many|much|large|long|big|high)|more|larger|higher|longer)\b"
)
_MULTIPLIED_DOWN = re.compile(
    rf"\b(?:half\s+as\s+(?:many|much|large|long|big|high)|{_MULTIPLIER}\s+(?:fewer|less|"
    r"smaller|lower|shorter))\b"
)
_BREAKS = frozenset({",", ";", ":", "(", ")", "and", "or", "but", "whereas", "which", "that"})
# The head of "the training loss of deep networks" comes before these.
_HEAD_ENDS = frozenset({"of", "in", "on", "from", "into", "per", "under", "among"})


def directions(text: str, verbs_only: bool = False) -> dict[str, int]:
    """What a text says goes up (+1) or down (-1): each changed thing's first five letters.

    The thing is the head of the words after the change word, the last content word before a
    break or a condition, within three ("lower training loss": loss; "less likely to
    memorize": memorize; "decreases with model size": none), or, after a verb, the nearest
    content word before it ("the gap shrinks"). A negation just before flips it ("not only"
    does not); a thing said to go both ways is left out. With `verbs_only`, only changes
    stated by a verb count ("raises the loss", not "larger models"), and not a verb used as a
    noun ("a doubling of").

    >>> directions("It can result in lower training loss.")
    {'loss': -1}
    >>> directions("Injecting noise raises their training loss.")
    {'loss': 1}
    >>> directions("The speedup decreases with model size.")
    {'speed': -1}
    >>> directions("It does not reduce memory."), directions("It doesn't reduce memory.")
    ({'memor': 1}, {'memor': 1})
    >>> directions("It not only increases accuracy.")
    {'accur': 1}
    >>> directions("Dropout yields better calibration."), directions("a doubling of accuracy", True)
    ({}, {})
    """
    text = re.sub(r"n['’]t\b", " not", text.lower())
    # "twice as many tokens", "3x more memory" assert a change as a verb does ("increases").
    text = _MULTIPLIED_UP.sub(" increases ", text)
    text = _MULTIPLIED_DOWN.sub(" decreases ", text)
    words = re.findall(r"[\w-]+|[,;:()]", text)
    signs: dict[str, set[int]] = {}

    def content(word: str) -> bool:
        return len(word) > 2 and bool(tokenize(word)) and word not in _UP and word not in _DOWN

    for i, word in enumerate(words):
        sign = 1 if word in _UP else -1 if word in _DOWN else 0
        if not sign or (word == "more" and i + 1 < len(words) and words[i + 1] == "than"):
            continue
        if verbs_only and (
            word not in _CHANGE_VERBS or (i > 0 and words[i - 1] in ("a", "an", "the"))
        ):
            continue
        before = words[max(0, i - 2) : i]
        if _NEGATORS & set(before) and before[-1:] != ["only"]:
            sign = -sign
        after: list[str] = []
        for word_after in words[i + 1 : i + 6]:
            if word_after in _CONDITION or word_after in _BREAKS or word_after in _HEAD_ENDS:
                break
            if len(after) == 3:
                break
            if content(word_after):
                after.append(word_after)
        targets = after[-1:]
        if word in _VERB_FORMS:
            for prior in reversed(words[max(0, i - 3) : i]):
                if prior in _BREAKS or prior in _CONDITION:
                    break
                if content(prior):
                    targets.append(prior)
                    break
        for target in targets:
            signs.setdefault(target[:5], set()).add(sign)
    return {t: next(iter(s)) for t, s in signs.items() if len(s) == 1}


def reverses(sentence: str, premise: str) -> bool:
    """Whether a sentence says that something the premise makes go up goes down, or the
    reverse ("lower training loss" against "raise the training loss"); only the changes the
    premise states with a verb count ("why do larger models ..." is about larger models).

    >>> reverses("It can result in lower training loss.", "noise raises the training loss")
    True
    >>> reverses("It reduces memory by 40%.", "X reduces memory")
    False
    >>> reverses("Smaller models learn faster.", "larger models learn faster")
    False
    >>> reverses("It needs 2times fewer pre-training tokens.",
    ...          "X requires twice as many pre-training tokens as Y")
    True
    """
    said, assumed = directions(sentence), directions(premise, verbs_only=True)
    return any(said.get(t) == -sign for t, sign in assumed.items())


@dataclass(frozen=True)
class Intent:
    """The answer a question calls for: "plain" (a cited answer about one paper), "list"
    (every paper that fits a topic) or "metadata" (a query over the listing: `meta`)."""

    kind: str
    topic: str
    verb: str | None = None  # a list topic's leading verb ("tune" in "tune learning rates")
    meta: MetaQuery | None = None
    bare: bool = False  # a topic typed as into a search box: asked about one paper if no list fits


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


_TRAILING_ASK = re.compile(
    r"[,;]?\s+and\s+(?:what|which|how|when|where|who|do|does|did|is|are)\b.*$", re.I
)


_HERE = re.compile(r"\s+(?:in\s+(?:the|this|our)\s+(?:collection|corpus|library)|here)\s*$", re.I)


def topic_of_list(question: str) -> str:
    """The subject of a "which papers ..." question, without a further ask after it.

    >>> topic_of_list("Which papers tune learning rates?")
    'tune learning rates'
    >>> topic_of_list("Which papers train diffusion models for video, and what FVD do they report?")
    'train diffusion models for video'
    >>> topic_of_list("Are there survey papers on active learning in the corpus?")
    'active learning'
    >>> topic_of_list("I want to read about pruning LLMs. Which papers do this?")
    'pruning LLMs'
    """
    topic = _TRAILING_ASK.sub("", _TOPIC_PREFIX.sub("", question, count=1)).strip(" ?.,")
    topic = _NEXT_SENTENCE.sub("", topic)
    return _HERE.sub("", topic).strip(" ?.,")


# A second sentence after the topic ("... to cut memory. Which papers do this?"), not an
# abbreviation's full stop ("e.g. LoRA").
_NEXT_SENTENCE = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bet al)\.\s+[A-Z].*$")


def parse_intent(question: str) -> Intent:
    """Classify a question.

    >>> parse_intent("Which paper on GNN aggregation has the most authors?").meta.op
    'max'
    >>> parse_intent("Which papers use mixture of experts?").kind
    'list'
    >>> parse_intent("Which pruning methods keep accuracy at 90% sparsity?").topic
    'pruning methods keep accuracy at 90% sparsity'
    >>> parse_intent("Which methods does the MoE survey compare?").kind
    'plain'
    """
    text = " ".join(question.split())
    meta = parse_meta(text)
    if meta is not None:
        return Intent("metadata", meta.topic, meta=meta)
    if _LIST.search(text):
        topic = topic_of_list(text) or text
        return Intent("list", topic, verb=list_verb(text, topic))
    qualified = _QUALIFIED_KIND.match(text)
    if qualified:  # the kind of work stays in the topic: "continual-learning methods avoid ..."
        return Intent("list", text[qualified.start(1) :].strip(" ?."))
    if is_bare_topic(text):  # typed as into a search box: "LLMs for generating CAD models"
        topic = _BARE_NOUN.sub("", text).strip(" .")
        return Intent("list", topic, bare=True)
    return Intent("plain", text)


# What opens a question or a request rather than a topic ("Summarize ...", "In two sentences,
# ...", "TL;DR of ...", "How does ...").
_NOT_BARE = re.compile(
    r"^\s*(?:summari[sz]e|describe|explain|tell|give|compare|contrast|list|find|show|name|"
    r"recommend|suggest|get|please|can|could|would|i|i'?m|i'?d|in|tl;?dr|tldr|briefly|what|which|"
    r"how|why|when|where|who|whose|is|are|was|were|does|do|did|has|have|according|for|given|"
    r"since|as|among|of|from|if|to|the\s+paper|this|that)\b",
    re.I,
)
_BARE_NOUN = re.compile(
    r"^\s*(?:work|research|papers?|studies|literature)\s+(?:on|about|in)\s+", re.I
)


def is_bare_topic(text: str) -> bool:
    """Whether a query is a topic typed as into a search box, asking for the papers on it: no
    question mark, no opening of a question or a request, at most 12 words.

    >>> is_bare_topic("Scaling laws for mixture-of-experts models")
    True
    >>> is_bare_topic("Work on population based training")
    True
    >>> is_bare_topic("Summarize the paper on einspace."), is_bare_topic("einspace?")
    (False, False)
    """
    return "?" not in text and len(text.split()) <= 12 and not _NOT_BARE.match(text)


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
        if re.fullmatch(r"[A-Z]+s|[A-Z][A-Za-z]*[A-Z]s", word):
            word = word[:-1]  # GPUs, LLMs, ViTs
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
