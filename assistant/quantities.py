"""Numbers in abstract sentences: which state quantities (not years, not parts of names), which
count a thing ("8 experts"), which state a change rather than a level ("by 12%"), and which
are the value of a measure asked about rather than of something else."""

from __future__ import annotations

import re

from .lexical import tokenize

# A number that states a quantity: not part of a name ("GPT-4", "Llama-2", "v1.5").
_QUANTITY_NUMBER = re.compile(
    r"(?<![A-Za-z][-.])(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!D\b)(?P<unit>\s*%)?"
)  # "3D", "2D" name a kind of data, not a quantity
_YEAR = re.compile(r"^(?:19|20)\d\d$")
# What makes a number a model's size, part of its name: "7B", "125M" ("LLaMa-2 7B").
_MODEL_SIZE = re.compile(r"[BM]\b")
_NUMBER_SPAN = r"\d[\d,]*(?:\.\d+)?"
# A change rather than a value: "by 12%", "+3 points", "2x faster", "5-fold", "improves ... 4%".
_CHANGE_SPAN = rf"{_NUMBER_SPAN}(?:\s*%?\s*[-–]\s*{_NUMBER_SPAN})?"  # "4-17%" is one change
_RELATIVE_VALUE = re.compile(
    rf"\bby\s+(?:up\s+to\s+|about\s+|around\s+|over\s+|nearly\s+|roughly\s+)?{_CHANGE_SPAN}"
    rf"|[+±]\s*{_NUMBER_SPAN}|{_NUMBER_SPAN}(?:\s*[-–]\s*{_NUMBER_SPAN})?\s*(?:x|×|-fold|fold|times)\b"
    rf"|{_NUMBER_SPAN}\s*%?\s*(?:points?|pp)\b"
    rf"|\b(?:improv\w+|gain\w*|increas\w+|reduc\w+|decreas\w+|boost\w*|speed-?ups?|faster|"
    rf"fewer|less|more|higher|lower|better)\b[^.\d]{{0,40}}{_CHANGE_SPAN}"
    # "a 30% accuracy gap", "a 5-point margin"
    rf"|{_NUMBER_SPAN}\s*\\?%?(?:-point)?\s+(?:[a-z-]+\s+){{0,2}}(?:gaps?|margins?|gains?|"
    rf"improvements?|boosts?|reductions?|increases?|drops?|speed-?ups?)\b",
    re.I,
)


_NUMBER_WORD = re.compile(
    r"\b(?:twice|thrice|doubl\w*|tripl\w*|halv\w*|half|two|three|four|five|six|seven|eight|"
    r"nine|ten|dozens?|hundreds?|thousands?|millions?|billions?|trillions?)\b"
    r"(?!-[a-z])",  # not a part of a compound word: "three-dimensional", "two-stage"
    re.I,
)


def quantity_numbers(sentence: str) -> list[str]:
    """The numbers of a sentence that state quantities (not years, not parts of names), and
    quantities in words ("twice", "three").

    >>> quantity_numbers("In 2023, GPT-4 reached 86.4% on MMLU with 8 experts and Llama-2.")
    ['86.4', '8']
    >>> quantity_numbers("It runs twice as fast.")
    ['twice']
    >>> quantity_numbers("Parameters of three-dimensional shapes in a two-stage model.")
    []
    """
    digits = [
        m.group(0).replace("%", "").strip()
        for m in _QUANTITY_NUMBER.finditer(sentence)
        if m.group("unit") or not _YEAR.match(m.group(0).strip())
    ]
    return digits + [w.lower() for w in _NUMBER_WORD.findall(sentence)]


_RATIO_NUMBER = re.compile(r"^\d[\d.,]*(?:x|×|times|-?fold)$", re.I)
_RATIO_WORDS = frozenset({"x", "×", "times", "fold", "more", "fewer", "less", "larger", "smaller"})


def counts(sentence: str, measure: str) -> bool:
    """Whether a sentence gives a number of what a "how many X" ask counts: a quantity up to
    three words before a word of X in the same clause ("8 experts", "tens of thousands of
    resumes", "103 GPU-hours"), or right after it ("experts: 16", "experts = 16"); a ratio
    ("2x fewer tokens", "3 times more experts") compares, it does not count.

    >>> counts("Each token is routed to 2 of 64 experts.", "experts")
    True
    >>> counts("Diverse Experts, which consists of two strategies, trains multiple experts.",
    ...        "experts")
    False
    >>> counts("It creates parametric 3D shapes, as CAD model parameters encode shape.", "parameters")
    False
    >>> counts("It needs 2times fewer pre-training tokens.", "tokens")
    False
    >>> counts("It adds overheads of up to 20% even over GPUs.", "GPUs")  # a share counts nothing
    False
    """
    heads = _heads(measure)
    words = re.findall(r"[^\s()]+", sentence)

    def head(i: int) -> bool:
        return _names_head(words[i], heads)

    def number(i: int) -> bool:
        return bool(quantity_numbers(words[i].strip(".,;:")))

    def joined(i: int, j: int) -> bool:  # no clause break between words i < j
        return not any(words[k].endswith((",", ";", ":")) for k in range(i, j))

    def ratio(j: int) -> bool:  # "2x fewer tokens", "3 times more experts": a comparison
        after = words[j + 1].lower() if j + 1 < len(words) else ""
        share = words[j].rstrip(".,;:").endswith("%") or after.startswith("percent")
        return bool(_RATIO_NUMBER.match(words[j])) or after in _RATIO_WORDS or share

    for i in range(len(words)):
        if not head(i):
            continue
        if any(number(j) and joined(j, i) and not ratio(j) for j in range(max(0, i - 3), i + 1)):
            return True
        after = words[i + 1 : i + 3]
        if words[i].endswith((":", "=")) and after and number(i + 1):
            return True
        if after and after[0] in ("=", "of") and len(after) > 1 and number(i + 2):
            return True
    return False


def only_relative(sentence: str) -> bool:
    """Whether every value a sentence states is a change ("improves by 3%"), not a level.

    >>> only_relative("It improves accuracy by 2.3% over the baseline.")
    True
    >>> only_relative("It reaches 82.1% top-1 accuracy, 2.3% above DeiT.")
    False
    >>> only_relative("It can lead to a 30% accuracy gap on MATH.")
    True
    >>> only_relative("It improves performance by 4-17% on GSM8K.")
    True

    A model's size written as its name ("LLaMa-2 7B", "a 13B model") is no level of a measure:

    >>> only_relative("It outperformed LLaMa-2 7B by 27.6% points in GSM8k accuracy.")
    True
    """
    numbers = [
        m.span()
        for m in _QUANTITY_NUMBER.finditer(sentence)
        if (m.group("unit") or not _YEAR.match(m.group(0).strip()))
        and not _MODEL_SIZE.match(sentence, m.end())
    ]
    if not numbers:
        return False
    changes = [m.span() for m in _RELATIVE_VALUE.finditer(sentence)]
    return all(any(a <= start and end <= b + 1 for a, b in changes) for start, end in numbers)


def states_change(sentence: str) -> bool:
    """Whether a sentence states a change ("improves by 3%", "2x faster", "+4 points").

    >>> states_change("It improves nDCG@10 by 4.2 points."), states_change("It reaches 0.346.")
    (True, False)
    >>> states_change("The pruned llamas run twice as fast on phones.")
    True
    """
    return _RELATIVE_VALUE.search(sentence) is not None or _MULTIPLE.search(sentence) is not None


# A multiple in words: "twice as fast", "halves the memory", "as accurate as".
_MULTIPLE = re.compile(
    r"\b(?:twice|thrice|double[sd]?|doubling|triple[sd]?|tripling|halve[sd]?|halving|half)\b"
    r"|\bas\s+\w+\s+as\b",
    re.I,
)


# What a number may be followed by and still be a measure's value rather than a count of a
# thing: a unit ("82.1%", "40 ms", "80 GB", "3x"), a scale ("10 million"), a comparison word.
_SCALES = frozenset({"k", "m", "b", "t", "thousand", "million", "billion", "trillion"})
_UNITS = frozenset(
    ["%", "percent", "percentage", "points", "point", "pp", "x", "×", "times", "fold", "db",
     "ms", "s", "sec", "secs", "seconds", "second", "minutes", "minute", "min", "hours", "hour",
     "h", "days", "day", "weeks", "months", "gb", "mb", "tb", "kb", "gib", "mib", "tflops",
     "flops", "higher", "lower", "better", "worse", "more", "fewer", "less", "faster", "slower",
     "larger", "smaller", "above", "below", "absolute", "relative", "average", "overall", "mean"]
)  # fmt: skip
# A measure stated in units of something else ("128K tokens" of context length, "900 GPU
# hours" of compute, "100 steps" of how fast): any number may be its value.
_DIMENSIONS = re.compile(
    r"\b(?:size|number|length|long|time|hours?|days|amount|cost|memory|compute|budget|data|"
    r"tokens?|width|depth|layers|distance|age|year|frequency|duration|context|window|count|"
    r"scale|parameters?|more|value|speed|fast|slow|quickly|throughput|dimensions?|dimensionality)\b",
    re.I,
)
# What joins two numbers of one thing: "10 and 100 million words", "49.3 -> 72.3 F1".
_JOINERS = frozenset({"and", "or", "to", "-", "–", "->", "→", "rightarrow", "from", "vs", "versus"})
_LEADING_NUMBER = re.compile(r"^[(\[~≈$<>]*(?P<n>\d[\d,]*(?:\.\d+)?)(?P<rest>\S*)$")
_COUNT_WORDS = frozenset(
    ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "hundreds",
     "thousands", "millions", "billions"]
)  # fmt: skip


def counted_things(sentence: str) -> list[str | None]:
    """For each number of a sentence that states a quantity, the thing it counts ("345 million
    parameter model": "parameter"), or None when it may be a measure's value (a percentage, a
    unit, a number at a clause's end or before a preposition: "77.0% on X", "40 ms", "3x").

    >>> counted_things("A 345 million parameter model trained on 10 and 100 million word datasets.")
    ['parameter model', 'word datasets', 'word datasets']
    >>> counted_things("It reaches 82.1 top-1 accuracy and 3.1 FID with 8 GPUs, 5-fold faster.")
    ['top-1 accuracy', 'fid', 'gpus', None]
    >>> counted_things("In 2023 it scored 41.4% (pass@1 = 60), using 7B-parameter models.")
    [None, None, 'parameter']
    >>> counted_things("Hundreds of examples suffice.")
    ['examples suffice']
    """
    words = sentence.split()
    out: list[str | None] = []
    pending = 0  # numbers joined to the next one ("10 and 100 million words")
    for i, token in enumerate(words):
        found = _LEADING_NUMBER.match(token)
        spelled = token.lower().strip(".,;:()") in _COUNT_WORDS
        if not found and not spelled:
            continue
        if found and _YEAR.match(found.group("n")) and not found.group("rest"):
            continue
        rest = found.group("rest") if found else ""
        following = words[i + 1 :]
        if spelled and token.lower().endswith("s") and following[:1] == ["of"]:
            following = following[1:]  # "hundreds of examples" counts examples
        thing = _thing_after(rest, following)
        if thing == "__joined__":
            pending += 1
            continue
        out += [thing] * (pending + 1)
        pending = 0
    return out + [None] * pending


def _thing_after(rest: str, following: list[str]) -> str | None:
    """What a number counts, from what is attached to it ("M-parameter", "%") and the words
    after it; "__joined__" when another number follows ("10 and 100 ...")."""
    stripped = rest.rstrip(".,;:)]")
    if stripped != rest and not stripped.lstrip("-").isalpha():
        return None  # the clause ends at it: "of 10,"
    attached = re.sub(r"^[kmbtKMBT](?=-|$)", "", stripped).lstrip("-").lower()
    if attached:
        if attached in _UNITS or not attached.isalpha() or len(attached) < 2:
            return None
        return attached
    if stripped != rest:
        return None
    for j, word in enumerate(following[:4]):
        clean = word.lower().strip(".,;:()[]")
        if clean in _SCALES:
            if word[-1] in ".,;:)":
                return None
            continue
        if clean in _JOINERS and j + 1 < len(following):
            if _LEADING_NUMBER.match(following[j + 1]):
                return "__joined__"
            return None
        if not clean or clean in _UNITS or clean.rstrip("s") in _UNITS or not tokenize(clean):
            return None
        if clean.endswith(("ed", "ing")) or not re.match(r"[a-z]", clean):
            return None
        # The counted thing's noun phrase: this word and the next when it goes on ("parameter
        # model", "top-1 accuracy") ...
        after = following[j + 1].lower().strip(".,;:()[]") if j + 1 < len(following) else ""
        goes_on = word[-1] not in ".,;:)" and bool(tokenize(after)) and after.isalpha()
        if goes_on and not after.endswith(("ed", "ing")):
            return f"{clean} {after}"
        # ... or, after modifiers, the noun that heads it ("10 million artificial right-censored
        # learning curves": curves)
        head = _head_noun(following[j:])
        return f"{clean} {head}" if head else clean
    return None


# Participles that lead on to other things, not part of the counted thing's name: "7 tasks
# including summarization".
_LEADS_ON = frozenset(
    ["including", "spanning", "covering", "ranging", "using", "containing", "comprising",
     "involving", "featuring", "following", "regarding", "concerning", "excluding", "across"]
)  # fmt: skip


def _head_noun(words: list[str]) -> str:
    """The noun heading a phrase of up to four words that starts with modifiers ("artificial
    right-censored learning curves generated ...": "curves"); "" when the phrase is one word or
    ends before a noun.

    >>> _head_noun("artificial right-censored learning curves generated from".split())
    'curves'
    >>> _head_noun("novel models.".split()), _head_noun("parameter".split())
    ('models', '')
    """
    phrase: list[str] = []
    for word in words[:4]:
        clean = word.lower().strip(".,;:()[]")
        if not clean or not tokenize(clean) or not re.fullmatch(r"[a-z][a-z-]*", clean):
            break
        if phrase and (clean.endswith("ed") and "-" not in clean or clean in _LEADS_ON):
            break  # a participle after the noun ("curves generated from", "tasks including X")
        phrase.append(clean)
        if word[-1] in ".,;:)":
            break
    # the last word that is no participle or gerund, after the first
    nouns = [w for w in phrase[1:] if not w.endswith(("ed", "ing")) or "-" in w]
    return nouns[-1] if nouns else ""


def states_value(sentence: str, measure: str) -> bool:
    """Whether a sentence has a number that may be the value of a measure asked about: one that
    counts no other thing ("a 345 million parameter model" gives no BLiMP accuracy). A measure
    stated in units of something else (sizes, lengths, times, costs, memory) is exempt.

    >>> states_value("A 345 million parameter model on a 10 million word corpus.", "BLiMP accuracy")
    False
    >>> states_value("It reaches 40.1 BLEU on WMT.", "BLEU score"), states_value(
    ...     "It reaches 40.1 BLEU on WMT.", "accuracy")
    (True, False)
    >>> states_value("It supports 128K tokens.", "context length")
    True
    >>> states_value("It improves DROP (49.3 rightarrow 72.3 F1).", "F1")
    True
    >>> states_value("Models from 85 million to 1.2 billion parameters.", "critical batch size")
    False
    >>> states_value("An analysis using a 135M parameter model.", "size"), states_value(
    ...     "An analysis using a 135M parameter model.", "model size")
    (True, True)
    """
    things = counted_things(sentence)
    if _DIMENSIONS.search(measure):
        # ... but a model's parameters count the model, not another thing's size ("models
        # ranging from 85 million to 1.2 billion parameters" give no critical batch size).
        other = [w for w in re.findall(r"[^\W\d_]+", measure) if not _DIMENSIONS.match(w)]
        return (
            not other
            or _OF_MODEL.search(measure) is not None
            or not things
            or any(thing is None or not _PARAMETERS.match(thing) for thing in things)
        )
    heads = _heads(measure) or {w.lower() for w in re.findall(r"[^\W_]+", measure)}  # "F1"
    return any(thing is None or _names_head(thing, heads) for thing in things)


_PARAMETERS = re.compile(r"\b(?:param|weights?\b)", re.I)
_OF_MODEL = re.compile(r"\b(?:param\w*|weights?|models?)\b", re.I)  # "size of model"


def _heads(measure: str) -> set[str]:
    """What a measure's words are found by: the first five letters of each longer than two, and
    a short name with a digit ("F1", "R2"): "how many F1 points" is counted by "72.3 F1".

    >>> sorted(_heads("F1 points"))
    ['f1', 'point']
    """
    return {
        w.lower()[:5]
        for w in re.findall(r"[^\W_]+", measure)
        if len(w) > 2 or (len(w) == 2 and any(c.isdigit() for c in w) and w[0].isalpha())
    }


def _names_head(text: str, heads: set[str]) -> bool:
    """Whether a word or phrase has one of a measure's heads ("GPU-hours" has "hours")."""
    return any(p.lower()[:5] in heads for p in re.findall(r"[^\W_]+", text))


# "without added computation, storage or hyperparameters": none of the thing is needed.
_NONE = re.compile(
    r"\b(?:no|without|zero|free\s+of)\s+((?:[\w-]+\s+){0,2}?[\w-]+)(?=\s*(?:[,.;:)]|$|\s+(?:or|and|nor|at|for|in|on|to|with)\b))",
    re.I,
)


def states_none(sentence: str, measure: str) -> bool:
    """Whether a sentence says that none of a measure is needed or added: the measure's head
    ends a phrase after "no", "without", "zero" or "free of". "no accuracy loss" says nothing
    of the accuracy, only of its loss.

    >>> states_none("REX needs no extra tuning, without added computation, storage or "
    ...             "hyperparameters.", "extra computation, storage or hyperparameters")
    True
    >>> states_none("It compresses the model with no accuracy loss.", "accuracy")
    False
    """
    heads = _heads(measure)
    return any(_names_head(found.group(1).split()[-1], heads) for found in _NONE.finditer(sentence))
