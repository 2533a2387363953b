"""The facets of a list topic: the separate things a paper must be about to fit it.

"parameter-efficient fine-tuning of graph neural networks" has two facets, "parameter-efficient
fine-tuning" and "graph neural networks". A corpus may hold papers on each and none on both;
then no paper fits the topic, however close the best ones come. A facet's alternatives ("audio
or speech") are found by any one of them. Pure: no models, table-tested.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from .acronyms import is_acronym, spelled_out
from .citations import weighted_coverage
from .intents import verb_forms
from .lexical import Rarity, tokenize

# Words that link a topic's facets ("X for Y", "X of Y", "X that Y").
_CONNECTORS = (
    "for|of|to|in|inside|on|with|against|from|using|via|under|into|across|by|through|that|which|where|"
    "when|as|at|between|over|about|within|while|whose|who|so"
)
_WORD_EDGE = r"(?<![\w-])(?:{})(?![\w-])"  # a whole word, never part of "text-to-video"
_SPLIT = re.compile(_WORD_EDGE.format(_CONNECTORS) + r"|[,;:]")
# What the papers do not do ("rather than by ordinary optimization") is no facet of the topic.
_NEGATION = re.compile(_WORD_EDGE.format(r"rather\s+than|instead\s+of|without|not|beyond") + ".*$")
# Examples ("such as LoRA or adapters") narrow a facet; a paper need not name them.
_EXAMPLES = r"e\.g\.|i\.e\.|such\s+as|for\s+example|for\s+instance|including|like"
_EXAMPLE = re.compile(
    _WORD_EDGE.format(_EXAMPLES) + rf".*?(?={_WORD_EDGE.format(_CONNECTORS)}|[,;:]|$)"
)
# An example or restatement set off by a comma (", i.e. aggregating an unordered collection of
# elements") runs to the next comma or the end: its prepositions are its own, not facets.
_ASIDE = re.compile(r",\s*" + _WORD_EDGE.format(_EXAMPLES) + r"[^,;:]*")
# An elaboration set off by the topic's first comma and led by a participle after a noun
# ("a neural-symbolic approach, coupling a neural model with a symbolic solver") says how the
# facets before it are met, in other words: not facets of its own ("learning, optimizing or
# releasing statistics" and "NLP: summarization, classification, adapting models" are series).
_ELABORATION = re.compile(
    r"^(?P<head>[^,;:]*\w(?<!ing)),\s*(?!(?:" + _CONNECTORS + r")\b)[a-z]+ing\b[^,;:]*"
)
# A definition after the topic's first comma ("speculative decoding, where a small draft model
# proposes tokens that a larger one verifies") says in other words what the head names: the
# head's words are the facets.
_DEFINITION = re.compile(r"^(?P<head>[^,;:]*\w),\s*(?:where|whereby|in\s+which)\b[^;:]*")
# The verb of a relative clause ("operators that act on functions", "models which run on
# phones") says how its noun relates to the next facet, not what either is.
_RELATIVE_VERB = re.compile(
    r"(?<![\w-])(?P<pronoun>that|which|who)\s+[a-z]+(?=\s+(?:on|to|in|over|with|from|into|"
    r"across|at|by|for|about|under|through|upon)(?![\w-]))"
)
# A series of examples, "such as A, B, or C" ("A, B and C"), of noun phrases (", i.e. CAD
# sequences, from text or images" is none): one facet that any of them is, not three.
_SERIES = re.compile(
    _WORD_EDGE.format(_EXAMPLES)
    + rf"\s*(?P<items>[^,;:]*?(?:,\s*(?!{_WORD_EDGE.format(_CONNECTORS)})[^,;:\s][^,;:]*?)+,?\s+"
    r"(?:and|or)\s+[^,;:]*)"
)


# A series closed by "or" ("by merging, interpolating, or doing arithmetic on their weights";
# "limited, repeated, or varying-quality data") names alternatives however it is led: one
# facet that any of them is. Its items are short and hold no linking word.
_ITEM = rf"(?:(?<![\w/+.-])(?!{_WORD_EDGE.format(_CONNECTORS + '|or|and|' + _EXAMPLES)})[\w/+.-]+\s*){{1,4}}"
_OR_SERIES = re.compile(rf"(?P<items>{_ITEM}(?:,\s*{_ITEM})+,?\s*or\s+{_ITEM})")


def _or_alternatives(series: re.Match[str]) -> str:
    items = re.split(r"\s*,\s*(?:or\s+)?|\s+or\s+", series["items"].strip())
    return " or ".join(i.strip() for i in items if i.strip()) + " "


def _alternatives(series: re.Match[str]) -> str:
    items = re.split(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+(?=[^,]*$)", series["items"])
    return "; " + " or ".join(i.strip() for i in items if i.strip())


_JOINS = ("and", "or")  # join a facet's alternatives: "audio or speech"
_ALTERNATIVE = re.compile(_WORD_EDGE.format("|".join(_JOINS)) + "|/")
_WORD = re.compile(r"[\w/+.-]+")
_SLASHED = re.compile(r"\b([A-Za-z][\w-]+)/([A-Za-z][\w-]+)\b")
_QUANTIFIER = re.compile(
    r"\b(?:an?|one|some)\s+(?:(?:small|large|limited|few)\s+)?(?:subset|portion|variety|range|"
    r"number|collection|handful|couple|fraction|lot|series)\s+of\b",
    re.I,
)
# Words that say how a list is asked for, or how much, not what it is about.
_NOT_TOPIC = frozenset(
    [
        "model",
        "models",
        "method",
        "methods",
        "approach",
        "approaches",
        "technique",
        "techniques",
        "strategy",
        "strategies",
        "framework",
        "frameworks",
        "work",
        "works",
        "paper",
        "papers",
        # prepositions the stopword list keeps, which no paper need repeat ("ways around the
        # quadratic cost of attention"; "without", "against" and "beyond" change what is said)
        "around",
        "toward",
        "towards",
        "among",
        "along",
        "upon",
        "onto",
        "throughout",
        "ways",
        # "the weights of another network": which one is the topic's relation, not its word
        "another",
        "study",
        "studies",
        "new",
        "novel",
        "propose",
        "proposes",
        "proposed",
        "use",
        "uses",
        "used",
        "using",
        "apply",
        "applies",
        "applied",
        "applying",
        "based",
        "improve",
        "improves",
        "improving",
        "train",
        "trains",
        "trained",
        "training",
        "other",
        "their",
        "its",
        "them",
        "they",
        "those",
        "these",
        "this",
        "different",
        "various",
        "several",
        "many",
        "some",
        "way",
        "ways",
        "task",
        "tasks",
        "whole",
        "single",
        "one",
        "specific",
        "particular",
        "already",
        "still",
        "just",
        "even",
        "much",
        "mainly",
        "really",
        "either",
        "both",
        "each",
        "own",
        "idea",
        "ideas",
        "separately",
        "jointly",
        "together",
    ]
)
COMMON = 2.5  # a one-word facet this common in the corpus (rarity under it) says little

# Common verbs that say what is done with a topic, not what it is: "tries to keep outcomes
# equitable", "which examples should be sent to annotators", "getting LLMs to produce CAD
# models". A paper on the topic need not use them, so a facet's coverage does not look for them
# (they still count toward the topic's length).
_LIGHT_VERBS = verb_forms(
    "keep", "get", "gett", "make", "mak", "produce", "produc", "change", "chang", "send", "help",
    "handle", "handl", "allow", "enable", "enabl", "let", "lett", "deal", "try", "trie", "tri",
    "tell", "find", "give", "giv", "take", "tak", "put", "putt", "bring", "turn", "come", "want",
    "become", "becom", "seem", "consider", "decide", "decid", "choose", "choos", "ensure",
    "ensur", "achieve", "achiev", "perform", "provide", "provid", "hold", "stay", "remain",
    "manage", "manag", "happen", "cause", "caus", "say", "ask", "stop", "stopp", "avoid", "pick",
)  # fmt: skip
# Forms the stems above miss or would get wrong ("see" would give "seed", "go" "god"); "show"
# keeps the forms the rule was measured with.
_IRREGULAR = (
    "sent", "made", "kept", "got", "gotten", "shown", "given", "taken", "found", "chosen",
    "brought", "seen", "told", "held", "said", "done", "did", "does", "gone", "went", "came",
    "chose", "dealt", "saw", "became", "show", "shows", "showing", "see", "sees", "seeing",
    "coming", "go", "goes", "going",
)  # fmt: skip
LIGHT_VERBS = _LIGHT_VERBS | frozenset(_IRREGULAR)
# Verbs that lead a list topic with how research is done, not what it is about ("Which papers
# study / propose / apply ..."). Any other leading verb names the topic's own act ("Which papers
# merge diffusion models?", "prune", "quantize", "distill"), a facet as much as its object.
_RESEARCH_VERBS = verb_forms(
    "propose", "propos", "study", "studie", "studi", "use", "us", "train", "build", "apply",
    "applie", "appli", "combine", "combin", "address", "tackle", "tackl", "learn", "analyze",
    "analyz", "analyse", "analys", "evaluate", "evaluat", "work", "design", "investigate",
    "investigat", "derive", "deriv", "focus", "benchmark", "adapt", "look", "target", "aim",
    "survey", "develop", "measure", "measur", "cast", "introduce", "introduc", "prove", "prov",
    "characterize", "characteriz", "characterise", "characteris", "extend", "exist", "compare",
    "compar", "argue", "argu", "construct", "review", "create", "creat", "discuss", "cover",
    "follow", "run", "runn", "examine", "examin", "represent", "advocate", "advocat", "frame",
    "fram", "treat", "involve", "involv", "improve", "improv", "explore", "explor", "present",
    "describe", "describ", "report", "offer", "test", "assess", "leverage", "leverag", "exploit",
    "employ", "rely", "relie", "reli", "model", "pair", "fit", "fitt", "scale", "scal", "is",
    "are", "do", "be",
    # ... and verbs of making something better, which papers say in their own words ("shrink
    # LLMs" is "compress", "speed up attention" is "accelerate", "cut memory" is "reduce")
    "speed", "shrink", "cut", "cutt", "boost", "enhance", "enhanc", "accelerate", "accelerat",
    "reduce", "reduc", "lower", "raise", "rais", "increase", "increas", "decrease", "decreas",
    "solve", "solv", "fix", "fixe", "prevent", "mitigate", "mitigat", "alleviate", "alleviat",
    "overcome", "overcom", "optimize", "optimiz", "optimise", "optimis", "automate", "automat",
    "support", "facilitate", "facilitat", "simplify", "simplifie", "simplifi",
) | LIGHT_VERBS  # fmt: skip


def facets(topic: str, verb: str | None = None, rarity: Rarity | None = None) -> list[str]:
    """The facets of a list topic, its leading verb left out unless it names the topic's own act
    (not "study", "propose", "apply": `_RESEARCH_VERBS`); "and"/"or" join alternatives.

    >>> facets("apply parameter-efficient fine-tuning such as LoRA or adapters to protein "
    ...        "language models", "apply")
    ['parameter-efficient fine-tuning', 'protein language']
    >>> facets("generate videos from text prompts with diffusion models", "generate")
    ['generate', 'videos', 'text prompts', 'diffusion']
    >>> facets("adapt and evaluate language models for the legal domain", "adapt")
    ['language', 'legal domain']
    >>> facets("propose model merging techniques for diffusion models", "propose")
    ['merging', 'diffusion']
    >>> facets("merge fine-tuned diffusion models into a single model", "merge")
    ['merge', 'fine-tuned diffusion']
    >>> facets("text-to-video generation")
    ['text-to-video generation']
    >>> facets("pooling strategies for audio or speech classification models")
    ['audio or speech classification']
    >>> facets("learn weights directly rather than by ordinary optimization", "learn")
    ['weights']
    >>> facets("Apply NLP or LLMs to the Legal Domain", "apply")
    ['NLP or LLMs', 'legal domain']
    >>> facets("learn operators that act on whole functions", "learn")
    ['operators', 'functions']
    >>> facets("group fairness / protected attributes in ML")
    ['group fairness or protected attributes']
    >>> facets("design permutation-invariant models for sets, i.e. aggregating an unordered "
    ...        "collection of elements", "design")
    ['permutation-invariant', 'sets']
    >>> facets("speculative decoding, where a small draft model proposes tokens that a larger "
    ...        "LLM verifies in parallel")
    ['speculative decoding']
    >>> facets("apply language models to legal tasks such as text classification, domain "
    ...        "adaptation, or summarizing lawsuits", "apply")
    ['language', 'legal', 'text classification or domain adaptation or summarizing lawsuits']
    """
    # "NLP/LLMs", "sparse/linear": alternatives, each read as a word of its own (an acronym
    # stays one); not "w/o"
    topic = _SLASHED.sub(r"\1 or \2", topic)
    # "selecting a subset of the data", "a variety of tasks": how much of a thing, not a topic
    topic = _QUANTIFIER.sub(" ", topic)
    # Lower-cased but for acronyms, which stay as written ("LLMs": `assistant/acronyms.py`).
    text = " ".join(w if is_acronym(w) else w.lower() for w in topic.split())
    act = verb.lower() if verb and verb.lower() not in _RESEARCH_VERBS else ""
    if verb and text.lower().startswith(verb.lower()):
        # ... and a verb joined to it ("adapt and evaluate LLMs for law"): how, not what;
        # "steer or adapt" is an act only when both are ("merge or fuse" is).
        rest = text[len(verb) :]
        joined = re.match(rf"^\s*(?:{'|'.join(_JOINS)})\s+(\w+)", rest)
        if act and joined:
            other = joined.group(1).lower()
            act = "" if other in _RESEARCH_VERBS else f"{act} or {other}"
        text = " " + rest[joined.end() :] if joined else rest
    text = re.sub(r"\([^)]*\)", " ", text)
    text = re.sub(r"\s+/\s+", " or ", text)  # "NLP / language models": alternatives, spaced or not
    text = _RELATIVE_VERB.sub(lambda m: m["pronoun"], text)
    text = _OR_SERIES.sub(_or_alternatives, _SERIES.sub(_alternatives, _NEGATION.sub(" ", text)))
    text = _EXAMPLE.sub(" ", _ASIDE.sub(" ", text))
    text = _DEFINITION.sub(lambda m: m["head"], text)
    elaboration = _ELABORATION.search(text)
    if elaboration and _SPLIT.sub(" ", elaboration["head"]).strip():
        text = elaboration["head"] + " " + text[elaboration.end() :]
    out = []
    for part in _SPLIT.split(text):
        words = [
            w
            for w in _WORD.findall(part)
            if (w in _JOINS or tokenize(w))
            and w.lower() not in _NOT_TOPIC
            and not (w.endswith("ly") and len(w) > 4)  # an adverb: how, not what
        ]
        while words and words[0] in _JOINS:
            words.pop(0)
        while words and words[-1] in _JOINS:
            words.pop()
        content = [w for w in words if w not in _JOINS]
        if not content:
            continue
        if len(content) == 1 and "-" not in content[0]:
            word = content[0].lower()
            raw = _WORD.findall(part)
            where = raw.index(content[0]) if content[0] in raw else 0
            before = raw[where - 1].lower() if where > 0 else ""
            # A verb of the question ("getting LLMs to ...", "training or running models",
            # "can be truncated"); a gerund after a noun is the thing itself ("model merging
            # techniques": merging).
            named = (
                word.endswith("ing")
                and bool(tokenize(before))
                and before not in _JOINS
                and not before.endswith("ly")  # "sparsely activated"
            )
            if re.search(r"(?:ing|ed)$", word) and not named:
                continue
            if rarity is not None and rarity(word) < COMMON:
                continue
            if is_acronym(content[0]) and len(content[0].rstrip("s")) < 3:
                # "ML", "RL": abstracts mostly spell these out, and two letters are never
                # expanded (`assistant/acronyms.py`): left to the fit.
                continue
        out.append(" ".join(words))
    if act and out and act not in out:
        out.insert(0, act)
    return out


# A restatement that names the whole topic in other words: "..., i.e. test-time scaling",
# "... (a.k.a. knowledge distillation)", "..., also known as X".
_RESTATED = re.compile(
    r"(?:,\s*|\(\s*|\s)(?:i\.\s?e\.|a\.k\.a\.?|aka|also\s+(?:known\s+as|called))\s*,?\s*"
    r"(?P<alt>[^,;:()]+?)\s*\)?\s*$"
)
# A second act joined to the first by ", or" ("train a student from a teacher, or use
# self-distillation"; "..., or how to check it"): papers doing either fit.
_OR_ACT = re.compile(r",\s*or\s+(?=(?P<verb>[a-z]+)\b)")


_AUXILIARIES = frozenset(["is", "are", "do", "does", "did", "be", "was", "were"])
_WH_WORDS = frozenset(["how", "whether", "why", "what"])
# An act on what the first one named ("evaluate LLMs on math, or test them on code"): the same
# topic, no second reading.
_PRONOUN_OBJECT = re.compile(r"^\w+\s+(?:them|it|they|these|those|this|that)\b", re.I)


def readings(topic: str, verb: str | None = None) -> list[tuple[str, str | None]]:
    """The ways a topic may be met, each a (topic, verb): the topic as asked, then what a
    closing restatement names it ("..., i.e. test-time scaling"), then each act of a topic
    joined by ", or" to another.

    >>> readings("study how to spend inference compute to improve LLM answers, i.e. test-time "
    ...          "scaling", "study")
    [('study how to spend inference compute to improve LLM answers, i.e. test-time scaling', 'study'), ('test-time scaling', None)]
    >>> readings("train a small student from a teacher, or use self-distillation", "train")
    [('train a small student from a teacher, or use self-distillation', 'train'), ('train a small student from a teacher', 'train'), ('use self-distillation', 'use')]
    >>> readings("use hypernetworks")
    [('use hypernetworks', None)]
    """
    out: list[tuple[str, str | None]] = [(topic, verb)]
    restated = _RESTATED.search(topic)
    head = topic
    if restated and len(restated["alt"].split()) <= 4:
        head = topic[: restated.start()]
        alt = restated["alt"].strip()
        named = len(alt.split()) > 1 or "-" in alt  # "efficiency" alone names too much
        if named and not _part_of(alt, head):
            out.append((alt, None))
    joined = _OR_ACT.search(head)
    if joined:
        second = joined["verb"]
        acts = (second in _RESEARCH_VERBS and second not in _AUXILIARIES) or second in _WH_WORDS
        if acts and not _PRONOUN_OBJECT.match(head[joined.end() :]):
            out.append((head[: joined.start()].strip(), verb))
            out.append(
                (head[joined.end() :].strip(), second if second in _RESEARCH_VERBS else None)
            )
    return out


# Examples a topic gives: "(best-of-N selection, parallel sampling, etc.)", "such as max or
# attention pooling".
_IN_PARENS = re.compile(r"\(([^()]*)\)")
_SUCH_AS = re.compile(
    r"\b(?:e\.g\.,?|such as|including|for example,?|for instance,?)\s+([^();]+)$"
    # ... "like" only before a list ("methods like A, B or C"; not "human-like reasoning",
    # "behave like humans")
    r"|(?<![\w-])like\s+([^();]+?(?:,|\bor\b|\band\b)[^();]+)$",
    re.I,
)
# ... a parenthesis gives examples when it lists them or says so ("(e.g. LoRA)"), not when it
# names the topic again ("spatial pyramid pooling (SPP-net)", "(muP)")
_LEADS = r"e\.g\.|i\.e\.|such as|for example|for instance|including"
_LISTS = re.compile(rf",|;|\bor\b|\band\b|^\s*(?:{_LEADS})", re.I)
_EXAMPLE_LEAD = re.compile(rf"^\s*(?:{_LEADS}|like)[,:]?\s*", re.I)
_EXAMPLE_SPLIT = re.compile(r",|;|/|\bor\b|\band\b")


def examples(topic: str) -> tuple[str, list[str]]:
    """A topic without the examples it gives, and those examples, each alone: a paper on any one
    of them is on the topic. A topic that gives none is its own head.

    >>> examples("scale test-time compute (best-of-N selection, parallel sampling, etc.)")
    ('scale test-time compute', ['best-of-N selection', 'parallel sampling'])
    >>> examples("pooling operations such as max pooling or attention pooling")
    ('pooling operations', ['max pooling', 'attention pooling'])
    >>> examples("federated learning"), examples("spatial pyramid pooling (SPP-net)")
    (('federated learning', []), ('spatial pyramid pooling (SPP-net)', []))
    >>> examples("human-like reasoning in LLMs")
    ('human-like reasoning in LLMs', [])
    """
    found = [m.group(1) for m in _IN_PARENS.finditer(topic) if _LISTS.search(m.group(1))]
    head = _IN_PARENS.sub(lambda m: " " if _LISTS.search(m.group(1)) else m.group(0), topic)
    such = _SUCH_AS.search(head)
    if such:
        found.append(such.group(1) or such.group(2))
        head = head[: such.start()]
    out = []
    for listed in found:
        for part in _EXAMPLE_SPLIT.split(_EXAMPLE_LEAD.sub("", listed)):
            part = re.sub(r"\betc\.?", "", part).strip(" .,-")
            if len(part) > 2:
                out.append(part)
    return re.sub(r"\s+", " ", head).strip(" ,.-/"), out


def _part_of(alt: str, head: str) -> bool:
    """Whether a restatement only names part of what it follows: the acronym of its words
    ("spiking neural networks, i.e. SNNs") or words it already has; such a reading is no
    weaker topic.

    >>> _part_of("SNNs", "apply NAS to spiking neural networks"), _part_of("test-time scaling", "spend compute")
    (True, False)
    """
    words = [w for w in alt.split() if tokenize(w)]
    if len(words) == 1 and is_acronym(words[0]) and spelled_out(words[0].lower(), head):
        return True
    have = {w.lower() for w in _WORD.findall(head)}
    return bool(words) and all(w.lower() in have for w in words)


def facet_words(found: Sequence[str]) -> int:
    """How many words the facets hold, their "and"/"or" left out.

    >>> facet_words(["audio or speech classification", "diffusion"])
    4
    """
    return sum(1 for f in found for w in f.split() if w not in _JOINS)


def coverage(facet: str, text: str, rarity: Rarity | None = None) -> float:
    """The share of the facet's words a text has, for its best-covered alternative, rarer
    words counting more (a hyphenated word whole or by all its parts).

    >>> coverage("audio or speech classification", "We classify speech recordings.")
    1.0

    Verbs of the question are not looked for:

    >>> coverage("keep outcomes equitable", "Equitable outcomes across groups.")
    1.0
    """
    sought = [
        " ".join(w for w in alternative.split() if w.lower() not in LIGHT_VERBS)
        for alternative in _ALTERNATIVE.split(facet)
        if tokenize(alternative)
    ]
    sought += [n for s in sought if (n := nominalized(s, text)) != s]
    sought += [u for s in sought for u in unclipped(s)]
    if sought and not any(tokenize(s) for s in sought):
        return 1.0  # only verbs of the question ("getting"): nothing a paper must say
    return max(
        (weighted_coverage(s, text, rarity, compounds=True) for s in sought if tokenize(s)),
        default=0.0,
    )


# Words clipped in speech, and the full words abstracts write: a topic's "math data" is an
# abstract's "mathematical data".
_CLIPPED = {
    "math": ("mathematical", "mathematics"),
    "maths": ("mathematical", "mathematics"),
    "stats": ("statistics", "statistical"),
    "info": ("information",),
    "params": ("parameters",),
    "hyperparams": ("hyperparameters",),
    "eval": ("evaluation",),
    "evals": ("evaluations",),
    "config": ("configuration",),
    "configs": ("configurations",),
    "repo": ("repository",),
    "repos": ("repositories",),
    "docs": ("documentation",),
    "approx": ("approximation", "approximate"),
    # a field named by its short name: the papers in it say what they model ("legal NLP" is
    # the legal "language" or "text" a paper works on)
    "nlp": ("natural language processing", "language", "text"),
    "llm": ("large language model", "language model"),
    "rl": ("reinforcement learning",),
    "cv": ("computer vision", "vision", "image"),
}


def unclipped(words: str) -> list[str]:
    """The words with a clipped word ("math") written out, once per full form; [] when none is
    clipped.

    >>> unclipped("math data"), unclipped("rejection sampling")
    (['mathematical data', 'mathematics data'], [])
    >>> unclipped("math stats")[0]
    'mathematical statistics'
    """
    split = words.split()
    if not any(w.lower() in _CLIPPED for w in split):
        return []
    forms = [_CLIPPED.get(w.lower(), (w,)) for w in split]
    return [" ".join(choice) for choice in itertools.product(*forms)]


def nominalized(words: str, text: str) -> str:
    """The words with each gerund replaced by the noun made from its verb, where the text uses
    that noun: a topic's "selecting a subset" is an abstract's "data selection", "quantizing" its
    "quantization".

    >>> nominalized("selecting subset", "We study data selection over subsets.")
    'selection subset'
    >>> nominalized("distilling models", "Knowledge distillation of models."), nominalized(
    ...     "merging models", "We merge models.")
    ('distillation models', 'merging models')
    """
    if "ing" not in words.lower():
        return words  # no gerund: the text need not be read (coverage calls this per paper)
    lowered = text.lower()
    out = []
    for word in words.split():
        noun = word
        if word.lower().endswith("ing") and len(word) > 6:
            stem_ = word.lower()[:-3]
            for ending in ("ion", "ation", "ition"):
                if re.search(rf"\b{re.escape(stem_ + ending)}s?\b", lowered):
                    noun = stem_ + ending
                    break
        out.append(noun)
    return " ".join(out)


def covers(facet: str, text: str, rarity: Rarity | None = None, share: float = 0.5) -> bool:
    """Whether a text has one of the facet's alternatives: at least `share` of its words.

    >>> covers("audio or speech classification", "We classify speech recordings.")
    True
    >>> covers("graph neural networks", "We fine-tune language models with adapters.")
    False
    """
    return coverage(facet, text, rarity) >= share


def uncovered(
    found: Sequence[str], texts: Sequence[str], rarity: Rarity | None = None
) -> list[str]:
    """The facets that the text covering most of them lacks: empty when one text covers all.

    >>> uncovered(["parameter-efficient fine-tuning", "graph neural networks"],
    ...           ["LoRA is parameter-efficient fine-tuning.", "Graph neural networks on molecules."])
    ['graph neural networks']
    """
    if not found or not texts:
        return []
    lacking = [[f for f in found if not covers(f, t, rarity)] for t in texts]
    return min(lacking, key=len)
