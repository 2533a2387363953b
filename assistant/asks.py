"""A question's asks: the parts it wants answered, parsed from its wording (pure, no models).

    parse_asks("A paper prunes LLMs. How many GPUs did it use, and how did it compare with "
               "SparseGPT?")
    -> Asks(description="A paper prunes LLMs.",
            asks=(Ask("How many GPUs did it use", QUANTITY, measure="GPUs"),
                  Ask("how did it compare with SparseGPT", COMPARISON, target="SparseGPT")))

The description identifies the paper; each ask is one thing to state. The parser reads the
grammar of questions (wh-words, "how many", comparatives), never the wording of particular
questions: it is table-tested in tests/unit/test_asks.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from .citations import split_sentences
from .lengths import (
    NUMBER_WORDS,
    PARAGRAPH,
    PARAGRAPH_WORDS,
    line_count,
    without_form_sentences,
    without_lengths,
    word_budget,
)
from .lexical import tokenize


class AskKind(StrEnum):
    """What an ask wants stated."""

    NAME = "name"  # what X is called, which method or model
    QUANTITY = "quantity"  # how many / how much / what score: a number
    COMPARISON = "comparison"  # how it compares with something
    DATASETS = "datasets"  # which benchmarks, datasets or tasks
    REASON = "reason"  # why
    CONFIRM = "confirm"  # does it ...? is it ...?: a yes or a no
    FINDING = "finding"  # what it does, finds or shows


@dataclass(frozen=True)
class Ask:
    """One thing a question asks for."""

    text: str
    kind: AskKind
    measure: str = ""  # a quantity's head noun phrase: "GPUs", "pass@200", "speed"
    label: str = ""  # how an answer names it when the abstract lacks it: "the number of GPUs"
    target: str = ""  # what a comparison is against
    relative: bool = False  # "by how much", "how much faster", "what reduction": a change
    absolute: bool = False  # "absolute", "exact", "what accuracy" asked as a value, not a gain
    terms: tuple[str, ...] = ()  # its content words

    @property
    def wants_number(self) -> bool:
        """Whether only a sentence stating a number can answer it."""
        return self.kind == AskKind.QUANTITY

    @property
    def wants_name(self) -> bool:
        """Whether it asks for a name as such ("Name of the method", "what is it called"), or for
        the work a description identifies ("Which framework compresses along depth ...": the
        framework's name), not for a thing ("what formal structure is it based on": "a
        context-free grammar"; "which optimizers did it name": "Muon and Soap").

        >>> Ask("What is the name of its method", AskKind.NAME).wants_name
        True
        >>> Ask("Which framework compresses along depth", AskKind.NAME).wants_name
        True
        >>> Ask("Which optimizers did it name", AskKind.NAME).wants_name
        False
        >>> Ask("what model sizes did it build", AskKind.NAME).wants_name
        False
        """
        return bool(_ASKS_NAME.search(self.text) or _IDENTIFIED.search(self.text))

    @property
    def wants_used_name(self) -> bool:
        """Whether it asks for something a paper uses rather than makes (an LLM, GPUs, a
        backbone), which the paper's own name does not answer.

        >>> Ask("which specific LLM powered the best system", AskKind.NAME).wants_used_name
        True
        >>> Ask("Which method prunes large language models", AskKind.NAME).wants_used_name
        False
        """
        return bool(_USED_THING.search(self.text))

    @property
    def kind_words(self) -> str:
        """What a name ask says of the kind of thing it wants, before the kind's noun: "which
        reinforcement learning from human feedback algorithm" -> "reinforcement learning from
        human feedback". A paper that never mentions it does not name one.

        >>> Ask("Which reinforcement learning from human feedback algorithm was used",
        ...     AskKind.NAME).kind_words
        'reinforcement learning from human feedback'
        >>> Ask("what exact architecture does PoolFormer use", AskKind.NAME).kind_words
        ''
        >>> Ask("Which optimizer is used for the models", AskKind.NAME).kind_words
        ''
        >>> Ask("which big learned optimizer does it beat", AskKind.NAME).kind_words
        ''
        """
        if self.kind != AskKind.NAME:
            return ""
        found = _KIND.search(self.text)
        if found is None:
            return ""
        words = [w for w in found["kind"].split() if w.lower() not in _ANY_KIND]
        return " ".join(words)

    @property
    def wants_winner(self) -> bool:
        """Whether it asks which of several things ranked first ("which model performed best",
        "what came out on top"), which only a sentence that ranks things answers.

        >>> Ask("Which specific CTR model came out on top in the benchmark", AskKind.NAME).wants_winner
        True
        >>> Ask("which publicly available model performed best", AskKind.NAME).wants_winner
        True
        >>> Ask("Which method picks the best sample", AskKind.NAME).wants_winner
        False
        """
        kinds = (AskKind.NAME, AskKind.FINDING, AskKind.COMPARISON)
        return self.kind in kinds and bool(_WINNER.search(self.text))

    @property
    def counts(self) -> bool:
        """Whether it asks how many of its measure there are ("how many experts"), which only a
        number of that thing answers; "how many times faster" asks for a change.

        >>> Ask("How many GPUs did it use", AskKind.QUANTITY, "GPUs").counts
        True
        >>> Ask("How many times faster is it", AskKind.QUANTITY, "speed").counts
        False
        """
        return bool(self.measure) and bool(_HOW_MANY.search(self.text))


@dataclass(frozen=True)
class Asks:
    """A question split into what identifies the paper and what is asked of it."""

    question: str
    description: str
    asks: tuple[Ask, ...]
    summary: bool = False  # "summarize / give the gist of / TL;DR of ..."
    length: int | None = None  # sentences asked for: "in two sentences" -> 2
    word_budget: int | None = None  # the most words: "in under 50 words" -> 50
    subject: str = ""  # what a summary is of: the question without its request words
    terms: tuple[str, ...] = field(default=())  # content words of the whole question

    @property
    def requested_summary(self) -> bool:
        """Whether the question asks for a summary in so many words ("Summarize ...", "the gist
        of ...", "TL;DR") or by its length ("In two sentences, what did X find?"), not only for
        what a paper does or found.

        >>> parse_asks("Summarize the paper on X.").requested_summary
        True
        >>> parse_asks("In two sentences, what does the paper on X find?").requested_summary
        True
        >>> parse_asks("What does the paper on X find?").requested_summary
        False
        """
        sized = self.length is not None or self.word_budget is not None
        return self.summary and (sized or bool(_SUMMARY.search(self.question)))


_HARDWARE = r"gpus?|tpus?|accelerators?|hardware|chips?"
_ASKS_NAME = re.compile(
    r"\b(?:the|its|their)\s+names?\b|\bnames?\s+of\b|^\s*names?\b|\bcalled\b"
    # hardware is named by its make ("A100", "TPU v4")
    rf"|\b(?:which|what)\s+(?:\S+\s+){{0,2}}?(?:{_HARDWARE})\b",
    re.I,
)
# What a paper uses rather than makes, asked for by a "which" right before it, perhaps after a
# modifier or two ("Which multi-billion-parameter LLM", "which specific GPUs").
_USED_THING = re.compile(
    r"\b(?:which|what)\s+(?:(?:\w+-[\w-]+|specific|exact|particular|open|closed|base|"
    r"pretrained|large|small|underlying)\s+){0,2}(?:llms?|lms?|language\s+models?|"
    rf"{_HARDWARE}|backbones?|encoders?|tokenizers?|base\s+models?)\b",
    re.I,
)
# "which model performed best / came out on top / was the strongest": a ranking asked for.
_WINNER = re.compile(
    r"\b(?:which|what)\b(?:\s+[\w-]+){0,6}?\s+(?:(?:performed|performs|did|does|scored|scores|"
    r"ranked|ranks|worked|works)\s+(?:the\s+)?(?:best|highest|first)|came\s+(?:out\s+)?(?:on\s+top|"
    r"first)|(?:won|wins)\b|(?:is|was|were|are)\s+(?:the\s+)?(?:best|strongest|top)(?![\w-])|"
    r"(?:best|top)[- ]performing)\b",
    re.I,
)
_HOW_MANY = re.compile(r"\bhow\s+many\b(?!\s+times\b)", re.I)
_WH = r"(?:what|which|how|why|when|where|who|whom|whose)"
_AUX = r"(?:is|are|was|were|does|do|did|can|could|has|have|had|will|would)"
# "Which framework compresses ...", "What method introduced ...": the work described is the
# subject, and its name is what is asked.
_IDENTIFIED = re.compile(
    r"(?:^|[—–]\s*|,\s+)\s*(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:method|model|framework|approach|technique|"
    r"algorithm|system|architecture|tool|library|optimizer|benchmark|dataset|llm|lm|backbone|"
    r"encoder)\s+"
    rf"(?!{_AUX}\b)[a-z]+(?:s|ed)\b"
    # ... a verb, not a plural noun before the question's own verb ("what model sizes did it")
    rf"(?!\s+{_AUX}\b)",
    re.I,
)
_PREP = (
    r"(?:on|in|at|for|with|by|from|to|over|against|under|of|across|among|between|within|during|"
    r"roughly|about|approximately|exactly|up)"
)
# A new ask starts after a comma, semicolon or "and" with a wh-word (perhaps after a
# preposition: "on which datasets"), or with an auxiliary and a pronoun ("and does it ...").
_SPLIT = re.compile(
    rf"[,;]\s*(?:and\s+|or\s+)?(?=(?:{_PREP}\s+){{0,2}}{_WH}\b)"
    rf"|(?:[,;]\s*|\s+)(?:and|or)\s+(?=(?:{_PREP}\s+){{0,2}}{_WH}\b"
    rf"|{_AUX}\s+(?:it|they|this|that|these|the|its|their)\b)"
    # ", and with Claude 3.5 Sonnet what pass@200 ...": a setting phrase before the wh-word
    rf"|[,;]\s*(?:and|or)\s+(?={_PREP}\s+(?:[\w.@+-]+\s+){{1,5}}?{_WH}\b)",
    re.I,
)
# What a question says of its paper before a colon: "The CNN pooling layer that ...: how ...?"
_LEAD = re.compile(r"^([^:?]+):\s+(?=\S)")
# A clause that sets the scene for the ask after it ("When X is bypassed, what ...").
# "In the study of forgetting when fine-tuning LLMs, how much ...": a phrase naming the paper,
# whatever "when" or "where" it holds, is no ask of its own ...
_SCENE = re.compile(
    r"^\s*(?:in|for|from|according\s+to|across|within)\s+(?:the|this|that|their|its)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:paper|study|work|article|preprint|analysis|experiments?|evaluation|"
    r"comparison|survey|benchmark)\b",
    re.I,
)
# ... unless it asks something ("In the work on X, sums of what length ...?") or its description
# holds a question word that says what the paper is ("the study of how many samples ...").
_ASKING_WH = re.compile(r"\b(?:what|how|why|who|whom)\b", re.I)
_SETTING = re.compile(
    rf"^\s*(?:when|where|while|if|after|before|once|given|under)\b|{_SCENE.pattern}", re.I
)
_INTERROGATIVE = re.compile(
    rf"^\s*(?:{_PREP}\s+){{0,2}}(?:{_WH}|{_AUX}|list|name|give|summari[sz]e|tell|describe|explain)\b",
    re.I,
)
_HAS_WH = re.compile(rf"\b{_WH}\b", re.I)

# Asking for the gist of a paper, and how long it may be.
# "the main idea", "the key contribution": what a paper is, in a reader's words
_GIST_NOUNS = (
    r"(?:main|key|central|core)\s+(?:idea|ideas|point|points|findings|contributions?|message)"
)
# "What's the main argument of the paper that ...?": the paper's gist, when asked for as the
# thing itself; "By how much ... according to its main claim?", "What is the key finding, in
# percent, ...", "the main argument against dropout" ask for something else.
_GIST_OBJECT = (
    r"(?:the|its|their)\s+(?:main|key|central|core)\s+"
    r"(?:findings?|arguments?|claims?|thesis|lessons?|insights?|conclusions?)\s+(?:of|in|from)"
)
_GIST_ASKED = (
    r"(?:what(?:'s|\s+(?:is|are|was|were))|"
    # ... or asked for outright: "Give me the main argument of ...", "List the key insights from"
    r"(?:give|tell|list|state|share)(?:\s+(?:me|us))?(?:\s+an?\s+(?:numbered\s+|bulleted\s+|short\s+)?"
    rf"list\s+of)?)\s+{_GIST_OBJECT}\b"
)
# The form an answer is asked in, put before what it is of: "in three sentences", "in simple
# terms", "in plain English".
_FORM_FIRST = (
    r"(?:in\s+(?:one|two|three|four|five|a\s+few|\d)\s+(?:short\s+)?sentences?|"
    r"in\s+(?:simple|plain|lay(?:man'?s)?)\s+(?:terms|english|words))"
)
# "Could you write a short paragraph on ...", "Give me a brief write-up of ...": a write-up of a
# paper asked for.
_WRITE_UP = (
    r"(?:please\s+|(?:can|could|would)\s+you\s+)?(?:write|draft|produce|give)\s+(?:me\s+|us\s+)?"
    r"(?:an?|one)\s+(?:(?:short|brief|quick|single)\s+)?(?:paragraph|blurb|write-?up)\b"
    r"(?:\s*\([^()]{1,40}\))?(?:\s+(?:on|about|of))?"
)
# "Explain (grad-student level) how", "Describe in two sentences what": the request leading a
# summary request, and the form it asks for, put between the verb and what is explained.
# "the (main) idea / concept / intuition of", "the paper that": what an explanation of a whole
# paper names (not "the method that X uses", one of its parts)
_IDEA_MODIFIER = r"(?:(?:main|core|key|basic|central|big)\s+)?"
_IDEA_OF = (
    rf"(?:the|this)\s+{_IDEA_MODIFIER}(?:idea|concept|notion|intuition|"
    r"paper|study|work|article|preprint)\s+(?:of|behind|that|which|where|on|about)\b"
)
# "... the learning rate schedule in the Adam paper": a part of a paper named, not the paper
_OF_NAMED_PAPER = (
    r"[^?.:;]*\b(?:in|of|from)\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?(?:paper|study|article|"
    r"work)\b"
)
_EXPLAIN_LEAD = (
    r"^\s*(?:please\s+|(?:can|could|would)\s+you\s+)?(?:explain|describe)\s+"
    rf"(?:briefly\s*,?\s+|\([^()]{{1,40}}\)\s*,?\s+|{_FORM_FIRST}\s*,?\s+)?"
)
_SUMMARY = re.compile(
    r"\b(?:summari[sz]e|summary|summarise|gist|tl;?\s?dr|overview|in\s+(?:a\s+)?nutshell|"
    r"briefly\s+(?:describe|explain)|(?:describe|explain)\s+briefly|what\s+(?:is|was)\s+(?:the\s+)?(?:paper|study|work)\s+about|"
    rf"take-?aways?|take-home\s+message|sum\s+up|synopsis|recap|{_GIST_NOUNS}|{_GIST_ASKED}|"
    # "What's the short version of ...", "Give me the rundown on ...", "an elevator pitch"
    r"(?:short|brief|quick)\s+version|run-?down|elevator\s+pitch|in\s+plain\s+(?:english|words|terms))\b"
    # "What is the paper that X about?", "Outline the paper that X."
    r"|^\s*what\s+(?:is|was)\s+(?:the|this|that)\s+(?:paper|study|work|article)\b[^?]*\babout\s*\??$"
    r"|^\s*(?:please\s+)?outline\b"
    # "Could you outline the paper that X?", "Break down the paper that X for me", "What's the
    # big idea behind the X paper?" (a whole paper, not "the paper's results")
    r"|^\s*(?:(?:can|could|would)\s+you\s+)outline\s+(?:the|this|that)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:paper|study|article|work)\b(?!['\u2019])"
    r"|^\s*(?:please\s+|(?:can|could|would)\s+you\s+)?break\s+down\s+(?:the|this|that)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:paper|study|work|article)\b(?!['\u2019])"
    r"(?=\s*(?:for\s+(?:me|us))?\s*[.?!]?\s*$|\s+(?:that|which|on|about|where|whose|[a-z]+ing)\b)"
    rf"|^\s*what(?:'s|\s+is|\s+was)\s+the\s+{_IDEA_MODIFIER}idea\s+(?:of|behind)\s+(?:the|this|that)\s+"
    r"(?:(?!(?:in|of|from|the)\b)[\w-]+\s+){0,4}?(?:paper|study|work|article)\b(?!['\u2019])"
    rf"(?!{_OF_NAMED_PAPER})"
    # "Explain the idea of treating an LLM as a learner", "Explain the paper that ...": the
    # paper's idea explained as a whole
    rf"|{_EXPLAIN_LEAD}{_IDEA_OF}(?!{_OF_NAMED_PAPER})(?![^?]*[:;]\s*(?:what|which|how|why|when|where|who)\b)"
    # "Explain how the provenance paper lets X show Y", "Describe what ...", "In a short
    # paragraph: what did the study find ...?": the paper explained as a whole
    # (however the answer's form is put first: "Explain in three sentences how ...")
    rf"|{_EXPLAIN_LEAD}"
    r"(?:how|what)\s+(?:the|this|that|a|an|one)\s+(?:[\w-]+\s+){0,4}?(?:paper|study|work|article|"
    r"preprint|method|approach|system|framework|model|technique|algorithm|benchmark|dataset)\b"
    # "Could you write a short paragraph on the paper ...": a write-up of one paper
    rf"|^\s*{_WRITE_UP}(?=\s+(?:the|this|that|one)\s+(?:[\w-]+\s+){{0,3}}?(?:paper|study|work|"
    r"article|preprint|method|approach|system|framework)\b(?!\s+(?:and|or)\b))"
    rf"|{PARAGRAPH.pattern}"
    # "In brief, what did the comparison of X conclude?": brevity asked for up front
    r"|^\s*(?:in\s+brief|in\s+short|briefly)\s*[,:]",
    re.I,
)


def asks_for_summary(question: str) -> bool:
    """Whether a question asks for a paper's gist in so many words.

    >>> asks_for_summary("Could you sum up the paper that prunes LLMs?")
    True
    >>> asks_for_summary("What is the paper that prunes LLM channels about?")
    True
    >>> asks_for_summary("What's the short version of the paper that prunes LLM channels?")
    True
    >>> asks_for_summary("Which papers are about pruning?")
    False
    """
    return bool(_SUMMARY.search(question))


# "What does the paper that X find?", "Briefly, what did the work on Y contribute?": the only
# ask is what a paper does or found, with nothing named after the verb; that is its gist.
_GIST_VERBS = (
    r"(?:find|found|show|do|contribute|report|conclude|demonstrate|reveal|achieve|propose|"
    r"accomplish|establish|discover|learn|observe|uncover)"
)
_GIST = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?what\s+(?:does|did|do)\s+(?:the|this|that|a|an|one)\s+(?:[\w-]+\s+){0,3}?"
    # ... described by a clause ("the paper that X", "the paper proposing X"), not only named
    # by its topic ("What does the paper on einspace find?" asks for its finding)
    r"(?:paper|work|study|article|preprint|approach|method|experiment|analysis|comparison|"
    r"survey|guide|evaluation|investigation|system|framework|technique|algorithm)\s+"
    r"(?:that|which|where|whose|"
    r"[a-z]+ing)\b.+\s"
    rf"{_GIST_VERBS}(?:\s+(?:and|,)\s+(?:what\s+(?:does|did)\s+it\s+)?{_GIST_VERBS})?\s*\??$"
    # ... or named by its name ("What does the Adafactor paper propose?": the abstract may never
    # repeat the name its title gives; the gist is what the paper proposes)
    r"|^(?:[^,?]{1,40},\s*)?what\s+(?:does|did)\s+the\s+(?=(?-i:[\w-]*[A-Z0-9]))[\w-]+"
    rf"(?:\s+[\w-]+){{0,2}}?\s+(?:paper|work|study|article|preprint)\s+{_GIST_VERBS}\s*\??$",
    re.I,
)
# "What did the study that X find about hyperparameters?": its gist, on what it names; a
# paper's findings, not a detail it reports or says ("report about the reduction in loss").
_ABOUT_VERBS = r"(?:find|conclude|show|reveal|demonstrate|establish|observe|discover|uncover)"
_GIST_ABOUT = re.compile(
    r"^(?:[^,:?]{1,40}[,:]\s*)?what\s+(?:does|did|do)\s+(?:the|this|that|a|an|one)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:paper|work|study|article|preprint|analysis|comparison)\s+.+?\s"
    rf"{_ABOUT_VERBS}\s+about\s+"
    # ... not about a number it reports ("find about the number of GPUs", "about the accuracy
    # on MMLU", "about 40% of neurons")
    r"(?!(?:the\s+|its\s+|their\s+)?(?:\d|number|amount|count|size|accuracy|score|f1|"
    r"perplexity|speed-?ups?|speed|throughput|latency|memory|cost|value|ratio|rate|percentage|"
    r"share|gains?|improvements?)\b)\S",
    re.I,
)
_GIST_VERB_ABOUT = re.compile(rf"\s+{_ABOUT_VERBS}\s+about\b(?!.*\s{_ABOUT_VERBS}\s+about\b)", re.I)
_GIST_END = re.compile(rf"(?:\s+(?:and\s+)?{_GIST_VERBS})+\s*$", re.I)
_FOUND_END = re.compile(rf"\s{_ABOUT_VERBS}\s*\??\s*$", re.I)
_LENGTH = re.compile(
    r"\b(?:in|with|using|as)?\s*(?:exactly\s+|at\s+most\s+|no\s+more\s+than\s+)?"
    r"(one|a|single|two|three|four|five|\d)\s*(?:-\s*)?(?:short\s+)?sentences?\b",
    re.I,
)
_LENGTH_RANGE = re.compile(
    r"\b(?:a|one|single)\s+sentence\s+or\s+(?P<high>two|three|2|3)\b"
    r"|\b(?:one|two|three|four|\d)(?:\s+(?:or|to)\s+|\s*[-–]\s*)(?P<higher>two|three|four|five|\d)"
    r"[\s-]+sentences?\b",
    re.I,
)
_SUMMARY_WORDS = re.compile(
    r"\b(?:please|briefly|summari[sz]e|summarise|describe|(?:give|provide)\s+(?:me\s+)?|"
    r"(?:short|brief|quick)\s+(?=overview|summary|synopsis|recap)|summary(?:\s+of)?|"
    r"(?:one|two|three|four|five|\d)-sentence|the\s+gist\s+of|gist|tl;?\s?dr"
    r"(?:\s+of)?|overview\s+of|an?\s+|(?:in|with|using)\s+(?:exactly\s+)?(?:one|a|single|two|"
    r"three|four|five|\d)\s+(?:short\s+)?sentences?|what\s+(?:does|did)\s+|do(?:es)?|"
    r"in\s+a\s+nutshell|(?:what\s+(?:is|are)\s+)?(?:the\s+)?(?:main\s+|key\s+)?"
    r"(?:take-?aways?|take-home\s+message)(?:\s+of)?|(?:could|can|would)\s+you|sum\s+up|"
    r"(?:quick\s+|short\s+|brief\s+)?(?:synopsis|recap|outline)(?:\s+of)?|high-level|"
    rf"(?:what(?:'s|\s+(?:is|are|was|were))\s+)?(?:the\s+)?{_GIST_NOUNS}(?:\s+(?:of|behind))?|{_GIST_ASKED}|"
    r"or\s+(?:two|three)|"
    r"about(?=\s*\??\s*$)|i\s+need|in\s+brief|in\s+short|(?:what(?:'s|\s+is)\s+)?(?:the\s+)?(?:short|brief|quick)\s+"
    r"version(?:\s+of)?|(?:the\s+)?run-?down\s+(?:on|of)|(?:an?\s+)?elevator\s+pitch(?:\s+for)?|"
    rf"in\s+plain\s+(?:english|words|terms)|{PARAGRAPH_WORDS}|{_WRITE_UP}|"
    r"(?:(?:short|brief|quick)\s+)?(?:write-?up|blurb)(?:\s+(?:on|about|of))?|"
    # what "Give me ..." asks for: "a numbered list of the main insights from"
    rf"(?:numbered|bulleted)\s+list(?:\s+of)?|{_GIST_OBJECT}|"
    r"break\s+down|for\s+(?:me|us)(?=\s*[.?!]?\s*$)|"
    rf"explain|(?:what(?:'s|\s+is|\s+was)\s+)?the\s+{_IDEA_MODIFIER}(?:idea|concept|notion|intuition)"
    r"\s+(?:of|behind))\b|[?:,.]",
    re.I,
)

_QUANTITY_WH = re.compile(
    r"\bhow\s+(?:many|much|few|little|large|big|long|fast|far|often|high|low|small|deep|wide|"
    r"old|quickly)\b|\bhow\s+(?:did|does|do|was|were|is)\s+.+\s+(?:change|improve|increase|"
    r"decrease|drop|grow|shrink|shift)\b"
    r"|\bby\s+how\s+much\b|\bto\s+what\s+(?:extent|degree)\b"
    # "which model sizes were used": sizes are numbers
    r"|\bwhich\s+(?:\S+\s+){0,2}?sizes\b"
    # "by what factor" is a number; "what critical factor did they identify" is not
    r"|\bby\s+what\s+(?:\S+\s+)?factor\b|\bwhat\s+(?:speed-?up\s+|compression\s+)?factor\b(?!\s+"
    r"(?:did|does|do|is|are|was|were)\s+(?:\w+\s+){0,3}?(?:identify|identified|find|found|name|"
    r"named|point|pointed|highlight|highlighted))"
    r"|\bwhat\s+(?:(?:is|was|are|were)\s+(?:\S+'s?\s+)?)?(?:\S+\s+){0,3}?(?:percentage|percent|fraction|share|proportion|number|amount|"
    r"rate|ratio|speed-?ups?|score|accuracy|gains?|improvements?|reductions?|size|dimensions?|"
    r"dimensionality|"
    r"cost|budget|latency|throughput|perplexity|error|f1|bleu|auc|values?|compression|"
    r"exponent|coefficient|loss(?!\s+(?:functions?|terms?|landscapes?)))\b"
    # A unit set off after the measure asks for a number in it: "the model size, in parameters".
    r"|[,(]\s*in\s+(?:terms\s+of\s+)?(?:the\s+)?(?:number\s+of\s+)?(?:parameters|params|tokens|"
    r"[kmgt]b|bytes|gpus?|gpu[- ]hours|hours|days|minutes|seconds|ms|milliseconds|flops|dollars|"
    r"usd|thousands|millions|billions|percent(?:age)?(?:\s+points)?)\b",
    re.I,
)
# "what X did it reach": verbs whose object is a value.
VALUE_VERB = re.compile(
    r"\b(?:reach|reached|achieve|achieved|attain|attained|obtain|obtained|get|got|score|scored|"
    r"hit|yield|yielded|gain|gained|cost|take|took|need|needed|require|required|save|saved)\b",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(?:compare[sd]?|comparison|comparing|relative\s+to|versus|vs\.?|than|outperform\w*|"
    r"beat|better|worse|faster|slower|against|over\s+(?:the\s+)?(?:baseline|prior|previous))\b",
    re.I,
)
# Verbs that compare the subject with what follows them: "beat ViT", "outperforms OLMo".
_BEAT_VERBS = r"beat|beats|outperform(?:s|ed|ing)?|surpass(?:es|ed|ing)?|exceed(?:s|ed|ing)?"
_BEATS = re.compile(rf"(?:{_BEAT_VERBS})$", re.I)
_TARGET = re.compile(
    r"\b(?:compared?\s+(?:with|to)|relative\s+to|versus|vs\.?|than|against|over|to|"
    # ... not a question of its own ("up to what size", "to which benchmark")
    rf"{_BEAT_VERBS})\s+(?P<t>(?!(?:what|which|how|who|whom|where|when)\b).+)$",
    re.I,
)
_DATASETS = re.compile(
    r"\b(?:which|what)\s+(?:\S+\s+){0,2}?(?:datasets?|benchmarks?|tasks?|corpora|domains?|"
    r"languages?|test\s+sets?|environments?|games?|suites?)\b"
    # ...the head noun, not a modifier: "what benchmark score" asks for a score
    r"(?!\s+(?:scores?|accuracy|results?|performance|numbers?|values?|error|rank\w*)\b)"
    r"|\b(?:evaluated|tested|validated|benchmarked|assessed|experiments?)\s+on\s+(?:which|what)\b"
    r"|\b(?:on|in)\s+(?:which|what)\s+(?:\S+\s+){0,2}?(?:datasets?|benchmarks?|tasks?)\b",
    re.I,
)
_KIND_NOUNS = (
    r"method|model|architecture|algorithm|approach|technique|framework|system|metric|structure|"
    r"tool|library|optimizer|loss|objective|formalism|grammar|operator|mechanism|layer|backbone|"
    r"encoder|tokenizer"
)
# "which <kind> algorithm": the words that say what kind, up to its noun.
_KIND = re.compile(
    rf"^\s*(?:which|what)\s+(?P<kind>(?:(?!(?:is|are|was|were|do|does|did|has|have|had)\b)"
    rf"[\w-]+\s+){{0,6}}?)(?:{_KIND_NOUNS})s?\b",
    re.I,
)
# Words before the kind's noun that say nothing of the kind.
_ANY_KIND = frozenset(
    ["specific", "exact", "exactly", "particular", "precise", "actual", "main", "key", "new",
     "novel", "proposed", "kind", "type", "sort", "of", "the", "a", "an", "its", "their", "one",
     "single", "overall", "underlying", "final", "best", "same", "other", "different",
     "standard", "popular", "common", "simple", "existing", "baseline", "pretrained",
     "pre-trained", "learned", "open-source", "open", "gradient-based", "automatic",
     # ... nor how big, good, new or known it is ("which big learned optimizer does it beat")
     "big", "bigger", "biggest", "large", "larger", "largest", "small", "smaller", "smallest",
     "huge", "tiny", "strong", "stronger", "strongest", "good", "better", "recent", "latest",
     "modern", "state-of-the-art", "sota", "famous", "well-known", "public", "publicly",
     "available", "prior", "previous", "competing", "rival", "leading"]
)  # fmt: skip
_NAME = re.compile(
    r"\b(?:called|named|name\s+of|its\s+name|what\s+is\s+it\s+called)\b"
    rf"|\b(?:which|what)\s+(?:\S+\s+){{0,5}}?(?:{_KIND_NOUNS}|language|llm|lm|gpu|tpu|"
    r"accelerator|hardware)s?\b"
    r"|\bwho\b",
    re.I,
)
# "What does the paper that X find?", "what did the work on X show about Y?": what a paper
# does or found, not a name or a number, whatever the description in between says. The match
# ends at the first verb asked with, where the description ends.
_WHAT_IT_DOES = re.compile(
    r"^\s*what\s+(?:does|did)\s+(?:the|this|that)\s+(?:\S+\s+){0,2}?(?:paper|work|study|"
    r"method|approach|model|algorithm|framework|technique|system|authors?)\b.*?\b(?:do|find|"
    r"show|propose|demonstrate|conclude|introduce|contribute|reveal|discover|uncover|learn|"
    r"observe)\b",
    re.I,
)
_REASON = re.compile(r"^\s*(?:why|how\s+come)\b|\bwhat\s+(?:is|was)\s+the\s+reason\b", re.I)
_RELATIVE = re.compile(
    r"\bby\s+how\s+(?:much|many)\b|\bhow\s+much\s+(?:\w+er|more|less|fewer)\b|\b(?:relative|"
    r"reduction|improvement|gain|speed-?up|increase|decrease|drop|boost|margin)s?\b|\bhow\s+many\s+"
    r"times\b|\b(?:did|does|do)\b.*\b(?:improve|reduce|increase|decrease|boost|lower|raise|cut)\b",
    re.I,
)
_ABSOLUTE = re.compile(
    r"\b(?:absolute|exact|exactly|precise|specific|actual)\b"
    # a level asked for: a unit set off after the measure ("accuracy (in percent)"), or "what
    # accuracy does it reach", which a change ("by double-digit points") does not answer
    r"|[,(]\s*in\s+(?:terms\s+of\s+)?(?:percent(?:age)?|%)(?!\s*points)"
    r"|^\s*what\s+(?:\S+\s+){0,3}?(?:accuracy|score|perplexity|error\s+rate|f1|bleu|auc|"
    r"win\s+rate|success\s+rate|pass@\S+)\s+(?:does|did|do)\b.*\b(?:reach|achieve|attain|"
    r"obtain|get|score|report|record|post)\b",
    re.I,
)
# Where a "how many X" / "what X did" measure ends.
_MEASURE_END = re.compile(
    rf"\s*,(?![^()]*\)).*$|\s*\(\s*in\s.*$|\s+(?:{_AUX}|it|they|its|their|the|this|that|these|those|of|in|on|at|for|to|from|with|by|"
    r"over|than|against|under|per|across|between|during|when|were|come|came|does|doing|"
    r"compared|relative|using|used|make|made|give|gave|take|took|reach|reached|"
    # verbs that end a measure ("how much GPU compute went into ...")
    r"went|goes|go|spent|spend|needed|requires?|required|consumed?|involved?|"
    r"achieves?|achieved|obtains?|obtained|gets?|got|reported|yielded|"
    r"contains?|contained|ran)\b.*$",
    re.I,
)
# What "how fast / large / much faster ..." measures, in the words an abstract uses for it.
ADJECTIVE_MEASURES = {
    "fast": "speed speedup faster fast",
    "faster": "speed speedup faster fast",
    "quickly": "speed time faster fast",
    "slow": "speed time slower slow",
    "slower": "speed time slower slow",
    "large": "size number large",
    "big": "size number",
    "larger": "size larger large",
    "small": "size number small",
    "smaller": "size smaller small",
    "long": "length time hours days",
    "longer": "length longer",
    "deep": "depth layers",
    "deeper": "depth layers",
    "wide": "width",
    "far": "distance",
    "high": "value",
    "low": "value",
    "old": "age year",
    "often": "frequency times",
    "few": "number",
    "little": "amount",
    "better": "improvement better",
    "cheaper": "cost cheaper",
    "more": "more",
    "less": "less fewer",
    "fewer": "fewer",
}
_QUESTION_WORDS = frozenset(
    [
        "what",
        "which",
        "how",
        "why",
        "when",
        "where",
        "who",
        "whom",
        "whose",
        "many",
        "much",
        "paper",
        "papers",
        "study",
        "work",
        "method",
        "approach",
        "model",
        "did",
        "does",
        "do",
        "use",
        "used",
        "using",
        "report",
        "reported",
        "show",
        "shown",
        "find",
        "found",
        "give",
        "gave",
        "get",
        "got",
        "reach",
        "reached",
        "achieve",
        "achieved",
        "called",
        "named",
        "based",
        "describe",
    ]
)


def content_terms(text: str) -> tuple[str, ...]:
    """The words of an ask that say what it is about (no question words or stopwords).

    >>> content_terms("How many GPUs did the paper use for pretraining?")
    ('gpus', 'pretraining')
    """
    return tuple(dict.fromkeys(t for t in tokenize(text) if t not in _QUESTION_WORDS))


_COMPARED_MEASURE = re.compile(
    r"\bhow\s+much\s+(?:higher|lower|larger|smaller|greater|better|worse|more|less)\s+"
    r"(?:is|was|are|were)\s+(?P<m>.+?)\s+than\b",
    re.I,
)


def _measure(text: str) -> str:
    """A quantity ask's head noun phrase, in the words an abstract would use for it.

    >>> _measure("How many GPUs did it use"), _measure("What pass@200 did it reach on X")
    ('GPUs', 'pass@200')
    >>> _measure("how much faster did it make inference"), _measure("how deep a network")
    ('speed speedup faster fast', 'depth layers network')
    >>> _measure("how much did F1 on DROP improve"), _measure("what did the best system score")
    ('F1', '')
    >>> _measure("How large was the selected subset"), _measure("how much of the gap does it close")
    ('size number large selected subset', 'gap')
    >>> _measure("How much GPU compute went into the study")
    'GPU compute'
    >>> _measure("what scores did the two modes get on ACM 23")
    ''
    >>> _measure("how much higher is OpenELM's accuracy than OLMo's")
    'accuracy'
    >>> _measure("how much lower is the error rate of X than Y's")
    'error rate'
    >>> _measure("How much smaller are dual-encoder models than X"), _measure("how much do they gain")
    ('size smaller small', 'gain')
    >>> _measure("how long did the new approach take"), _measure("how long was the grid search")
    ('length time hours days', 'length time hours days grid search')
    >>> _measure("how much did the method improve the quantified uncertainty of LMs over X")
    'quantified uncertainty'
    >>> _measure("What is the largest reduction in token usage reported for the framework")
    'token usage'
    >>> _measure("what is the largest accuracy improvement (in points) reported over X")
    'accuracy'
    >>> _measure("what range of training-time speed-ups over parametrized losses is reported")
    'training-time speed-ups'
    >>> _measure("What average accuracy does the model reach across the tasks")
    'average accuracy'
    >>> _measure("What exact accuracy improvement over OLMo does it report")
    'accuracy'
    >>> _measure("What was GPT-4's average zero-shot accuracy on the tasks")
    'average zero-shot accuracy'
    >>> _measure("By what margin in accuracy does it beat OLMo"), _measure("what accuracy margin")
    ('accuracy', 'accuracy')
    >>> _measure("by how much does it beat ViT on ImageNet-1K")
    ''
    >>> _measure("which model sizes were used to get the gain")
    'model sizes'

    """
    compared = _COMPARED_MEASURE.search(text)
    if compared:
        # "how much higher is X's accuracy than Y's": the measure is what X has more of.
        # Only "X's accuracy" or "the accuracy of X": in "how much smaller are X than Y" the
        # comparative is the measure.
        phrase = compared["m"]
        owned = re.match(r"^(?:\S+'s?|the\s+(?=[\w\s-]+?\s+of\s))\s*(?P<m>.+)$", phrase, re.I)
        if owned:
            measure = re.split(r"\s+of\s+", owned["m"], maxsplit=1, flags=re.I)[0].strip(" ?.,")
            if measure:
                return measure
    found = re.search(rf"\bhow\s+(?P<q>many|much)\s+(?:of\s+)?(?:{_AUX}\s+)?(?P<m>.+)$", text, re.I)
    changed = _CHANGED_OBJECT.search(found.group("m")) if found else None
    if found and found.group("q").lower() == "much" and changed:
        # "how much did X improve the quantified uncertainty": what X changed is the measure.
        measure = _MEASURE_END.sub("", " " + _DETERMINER.sub("", changed["o"])).strip(" ?.,")
        if measure:
            return measure
    if found:
        head = re.sub(
            r"^(?:the|its|their|a|an|they|it|we|you)\s+", "", found.group("m"), flags=re.I
        )
        first = head.split()[0].lower() if head.split() else ""
        if _BEATS.match(first):
            return ""  # "by how much does it beat ViT": a margin over ViT, in its own measure
        # "how much faster" measures speed; "how many long sequences" counts sequences.
        if found.group("q").lower() == "much" and first in ADJECTIVE_MEASURES:
            return ADJECTIVE_MEASURES[first]
        return _MEASURE_END.sub("", head).strip(" ?.,")
    found = re.search(r"\bhow\s+(?P<a>\w+)\s+(?P<rest>.*)$", text, re.I)
    if found and found.group("a").lower() in ADJECTIVE_MEASURES:
        rest = re.sub(
            rf"^(?:(?:{_AUX}|a|an|the|its|their)\s+)+", "", found.group("rest"), flags=re.I
        )
        noun = _MEASURE_END.sub("", " " + rest).strip(" ?.,")
        if all(w.lower() in _SELF_REFERENCE for w in re.findall(r"[\w-]+", noun)):
            noun = ""  # "how long did the new approach take": the paper's own method
        return f"{ADJECTIVE_MEASURES[found.group('a').lower()]} {noun}".strip()
    found = re.search(
        r"\b(?:what|which(?=\s+(?:\S+\s+){0,2}?sizes\b))\s+(?:(?:is|was|are|were)\s+)?"
        r"(?:(?:the|its|their|a|an)\s+)?(?P<m>.+)$",
        text,
        re.I,
    )
    if found:
        if re.match(rf"{_AUX}\b", found.group("m"), re.I):
            return ""  # "what did X reach": the measure is implied
        change = _CHANGE_OF.match(found.group("m"))
        qualified = _MEASURE_CHANGE.match(found.group("m"))
        changed_what = change["m"] if change else qualified and (qualified["m"] or qualified["r"])
        if changed_what:
            # "what is the largest reduction in token usage": the measure is token usage.
            measure = _MEASURE_END.sub("", " " + _DETERMINER.sub("", changed_what)).strip(" ?.,")
            if measure:
                return measure
        # "what was GPT-4's average accuracy": whose it is names no measure.
        whose = re.sub(r"^[\w@.+-]+'s?\s+", "", found.group("m"))
        measure = _MEASURE_END.sub("", " " + whose).strip(" ?.,")
        return "" if _GENERIC_MEASURE.fullmatch(measure) else measure  # "what scores did ..."
    return ""


# "how much did X improve <the thing changed> ...": the verb of a change and its object.
_CHANGED_OBJECT = re.compile(
    r"\b(?:improv|reduc|increas|decreas|boost|lower|rais|cut|shrink|shrank|accelerat)\w*\s+"
    r"(?P<o>(?!(?:over|than|by|compared|relative|on|in|for|with|from|to|upon|across|when|"
    r"while|and|or)\b)[\w(].*)$",
    re.I,
)
# "the largest reduction in token usage", "average improvement of accuracy": a change of what.
_CHANGE_OF = re.compile(
    r"^(?:(?:largest|biggest|greatest|maximum|max|average|mean|typical|overall|total|best|"
    r"relative|absolute|reported)\s+)*(?:reductions?|improvements?|gains?|increases?|"
    r"decreases?|drops?|boosts?|speed-?ups?|savings?|cuts?|margins?)\s+(?:in|of|on)\s+(?P<m>.+)$",
    re.I,
)
# "the largest accuracy improvement (in points)", "range of speed-ups": the measure changed.
_MEASURE_CHANGE = re.compile(
    r"^(?:(?:largest|biggest|greatest|maximum|max|average|mean|typical|overall|total|best|"
    r"relative|absolute|reported|exact|precise|specific|actual)\s+)*"
    r"(?P<m>[\w@.+-]+(?:\s+[\w@.+-]+)??)\s+(?:improvements?|"
    r"gains?|reductions?|increases?|decreases?|drops?|boosts?|savings?|margins?)\b(?:\s*\([^)]*\))?"
    r"(?:\s+(?:reported|achieved|over|than|for|on|in|is|are|was|were|did|does)\b.*)?$"
    r"|^(?:range|spread)\s+of\s+(?P<r>.+)$",
    re.I,
)
# Words by which a question refers to the paper's own work ("the new approach", "their
# proposed method"): no measure.
_SELF_REFERENCE = frozenset(
    [
        "the",
        "a",
        "an",
        "its",
        "their",
        "our",
        "this",
        "that",
        "new",
        "proposed",
        "approach",
        "method",
        "model",
        "technique",
        "framework",
        "system",
        "algorithm",
        "paper",
        "work",
        "study",
        "it",
        "they",
        "take",
        "takes",
        "took",
    ]
)
# A measure that names no measure: any number stated may be it.
_GENERIC_MEASURE = re.compile(
    r"(?:scores?|results?|values?|numbers?|figures?|performance|numbers? reported)", re.I
)


# A determiner before a measure ("that data", "their speed-up"): answers say "the <measure>".
_DETERMINER = re.compile(r"^(?:(?:the|a|an|that|this|these|those|its|their|our|his|her)\s+)+", re.I)


def measure_label(text: str, measure: str) -> str:
    """A quantity ask's measure as a reader would name it.

    >>> measure_label("How many GPUs did it use", "GPUs")
    'number of GPUs'
    >>> measure_label("how fast do llamas run", "speed speedup faster fast llamas run")
    'speed'
    >>> measure_label("What pass@200 did it reach", "pass@200")
    'pass@200'
    >>> measure_label("how much of that labeled data does it need", "that labeled data")
    'labeled data'
    """
    measure = _DETERMINER.sub("", measure)
    if not measure:
        return "number asked for"
    if re.search(r"\bhow\s+many\b", text, re.I) and measure.split()[0] not in _ALTERNATIVE_HEADS:
        return f"number of {measure}"
    head = measure.split()[0]
    return head if head in _ALTERNATIVE_HEADS else measure


_ALTERNATIVE_HEADS = {v.split()[0] for v in ADJECTIVE_MEASURES.values()}


def _target(text: str) -> str:
    """What a comparison ask compares against: "compare with SparseGPT" -> "SparseGPT"."""
    found = _TARGET.search(text)
    return found.group("t").strip(" ?.,") if found else ""


def classify(text: str) -> Ask:
    """One ask, with its kind and what it names.

    >>> classify("on which datasets was it evaluated").kind
    <AskKind.DATASETS: 'datasets'>
    >>> classify("what did standard repeated sampling reach").kind
    <AskKind.QUANTITY: 'quantity'>
    >>> classify("what is the numerical exponent of the power law").kind
    <AskKind.QUANTITY: 'quantity'>
    >>> classify("what exact architecture does PoolFormer use").kind
    <AskKind.NAME: 'name'>
    >>> classify("what validation loss did it predict").kind, classify("what loss function").kind
    (<AskKind.QUANTITY: 'quantity'>, <AskKind.NAME: 'name'>)
    >>> classify("what does the method that only alters special tokens do").kind
    <AskKind.FINDING: 'finding'>
    >>> classify("what does the paper that ranks exemplars by how many steps they hold find").kind
    <AskKind.FINDING: 'finding'>
    >>> classify("what does the paper on pruning find about how much memory it saves").kind
    <AskKind.QUANTITY: 'quantity'>
    >>> classify("what does the paper find about how many parameters a model needs to learn").kind
    <AskKind.QUANTITY: 'quantity'>
    """
    text = " ".join(text.split()).strip(" ,;")
    terms = content_terms(text)
    relative = bool(_RELATIVE.search(text))
    absolute = bool(_ABSOLUTE.search(text))
    if _REASON.search(text):
        return Ask(text, AskKind.REASON, terms=terms)
    does = _WHAT_IT_DOES.search(text)
    # "what does the paper that picks exemplars by how many steps they hold find?": a "how
    # many" inside the description, before the verb the question asks with, describes.
    if does and not any(q.start() >= does.end() for q in _QUANTITY_WH.finditer(text)):
        return Ask(text, AskKind.FINDING, terms=terms)  # "what does the paper that ... find?"
    if _DATASETS.search(text):
        return Ask(text, AskKind.DATASETS, terms=terms)
    quantity = bool(_QUANTITY_WH.search(text)) or (
        bool(re.search(r"\bwhat\b", text, re.I)) and bool(VALUE_VERB.search(text))
    )
    if quantity:
        measure = _measure(text)
        return Ask(
            text,
            AskKind.QUANTITY,
            measure=measure,
            label=measure_label(text, measure),
            target=_target(text) if _COMPARISON.search(text) else "",
            relative=relative,
            absolute=absolute and not relative,
            terms=terms,
        )
    if _NAME.search(text):
        return Ask(text, AskKind.NAME, terms=terms)
    if _COMPARISON.search(text):
        return Ask(text, AskKind.COMPARISON, target=_target(text), terms=terms)
    if re.match(rf"\s*{_AUX}\b", text, re.I):
        return Ask(text, AskKind.CONFIRM, terms=terms)
    return Ask(text, AskKind.FINDING, terms=terms)


# What a terse ask list after a colon may ask for, by its first noun: "X: name, number of real
# tasks, and number of synthetic tasks?"
_NOUN_ASK = re.compile(
    r"^(?:(?:the|its|their)\s+)?(?P<head>names?|number|count|amount|size|accuracy|score|"
    r"speed-?ups?|percentage|share|cost|budget|year|date|datasets?|benchmarks?|baselines?)\b"
    r"(?P<rest>.*)$",
    re.I,
)
_LIST_BREAK = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+(?=(?:the\s+|its\s+|their\s+)?\w+\b)", re.I)


def noun_asks(text: str) -> list[str]:
    """A terse list of asks with no question word ("name, number of real tasks, and number of
    synthetic tasks?") as questions, one per item; empty unless every item starts with what it
    asks for.

    >>> noun_asks("name, number of real tasks, and number of synthetic tasks?")
    ['what is its name', 'how many real tasks', 'how many synthetic tasks']
    >>> noun_asks("how many tasks, and what name?")
    []
    """
    if _HAS_WH.search(text):
        return []
    items = [i.strip(" ?.") for i in _LIST_BREAK.split(text.strip(" ?.")) if i.strip(" ?.")]
    found = [_NOUN_ASK.match(i) for i in items]
    if len(items) < 2 or not all(found):
        return []
    out = []
    for match in found:
        assert match is not None
        head, rest = match["head"].lower(), match["rest"].strip()
        if head in ("number", "count", "amount") and rest.lower().startswith("of "):
            out.append(f"how many {rest[3:]}".strip())
        elif head.startswith("name"):
            out.append(f"what is its name {rest}".strip())
        else:
            out.append(f"what {head} {rest}".strip())
    return out


def _split_compound(ask: Ask) -> list[Ask]:
    """ "How many experiments and GPU hours did it run" -> one ask per measure."""
    if ask.kind != AskKind.QUANTITY or " and " not in ask.measure:
        return [ask]
    if all(w.istitle() and w.isalpha() for w in ask.measure.split() if w != "and"):
        return [ask]  # one title-cased name: "Sensibleness and Specificity Average"
    parts = [p.strip() for p in ask.measure.split(" and ") if p.strip()]
    if len(parts) < 2 or any(len(p.split()) > 4 for p in parts):
        return [ask]
    return [
        Ask(
            ask.text.replace(ask.measure, part),
            ask.kind,
            measure=part,
            label=measure_label(ask.text, part),
            target=ask.target,
            relative=ask.relative,
            absolute=ask.absolute,
            terms=content_terms(ask.text.replace(ask.measure, part)),
        )
        for part in parts
    ]


def requested_length(question: str) -> int | None:
    """How many sentences a question asks for, if it says.

    >>> requested_length("Summarize in two sentences the paper that ..."), requested_length("Why?")
    (2, None)
    >>> requested_length("In one sentence, what does the paper on X do?")
    1
    >>> requested_length("Recap it in a sentence or two."), requested_length("in 2 or 3 sentences")
    (2, 3)
    """
    ranged = _LENGTH_RANGE.search(question)
    found = _LENGTH.search(question)
    if ranged:  # "in a sentence or two", "in two or three sentences": at most the larger
        word = ranged["high"] or ranged["higher"]
    elif found:
        word = found.group(1)
    else:  # "in three bullet points", "a one-line summary", "a one-liner"
        return line_count(question, asks_for_summary(question))
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def requested_words(question: str) -> int | None:
    """The most words a question allows its answer, if it asks (`lengths.word_budget`).

    >>> requested_words("In under 50 words, what does the paper on X propose?")
    50
    >>> requested_words("Summarize X in 40 words or fewer"), requested_words("a 10 million word corpus")
    (40, None)
    """
    return word_budget(question, asks_for_summary(question))


def without_length(question: str) -> str:
    """The question without its word budget or its count of lines or bullets, which are no
    ask and describe no paper (`lengths.without_lengths`).

    >>> without_length("Explain briefly, in under 50 words, how X works.")
    'Explain briefly, how X works.'
    """
    return without_lengths(question, asks_for_summary(question))


_EXPLAIN_FORM = re.compile(rf"{_EXPLAIN_LEAD}(?=(?:how|what)\b)", re.I)
# "..., what did the comparison of X conclude?": the verb at its end asks, it does not describe.
_WHAT_DID = re.compile(r"(?:^|[,:]\s*)what\s+(?:does|did|do)\b", re.I)


def summary_subject(question: str) -> str:
    """A summary request without its request words: what describes the paper.

    >>> summary_subject("Summarize in two sentences the paper that prunes LLM channels.")
    'the paper that prunes LLM channels'
    """
    # "in under 50 words", "A bullet list is fine.": no word of the paper's
    question = without_form_sentences(without_length(question))
    question = _EXPLAIN_FORM.sub("", question)  # "Explain (grad-student level) how ..."
    subject = " ".join(_SUMMARY_WORDS.sub(" ", question).split())
    # every gist question (`_GIST`) is one of these
    if not _WHAT_DID.search(question):
        return subject
    if _GIST_ABOUT.match(" ".join(question.split())):  # "... find about Y": the verb asks
        subject = _GIST_VERB_ABOUT.sub(" about", subject)
    return _GIST_END.sub("", subject)


def parse_asks(question: str) -> Asks:
    """Split a question into its description and its asks.

    >>> a = parse_asks("A study pools ViT tokens. What gain does it report, and on which benchmark?")
    >>> a.description, [(x.kind.value, x.measure) for x in a.asks]
    ('A study pools ViT tokens.', [('quantity', 'gain'), ('datasets', '')])
    >>> a = parse_asks("The pooling layer for images of any size: how much faster than R-CNN was "
    ...                "it, and among how many teams did it compete?")
    >>> a.description, [(x.kind.value, x.measure, x.counts) for x in a.asks]
    ('The pooling layer for images of any size', [('quantity', 'speed speedup faster fast', False), ('quantity', 'teams', True)])
    """
    text = " ".join(question.split())
    summary = asks_for_summary(text)  # read once: where a length may stand depends on it
    words = word_budget(text, summary)
    body = without_form_sentences(without_lengths(text, summary))
    description: list[str] = []
    pieces: list[str] = []
    for sentence in split_sentences(body) or [body]:
        if not (sentence.rstrip().endswith("?") or _INTERROGATIVE.match(sentence)):
            description.append(sentence)
            continue
        lead = _LEAD.match(sentence)
        if lead and not _INTERROGATIVE.match(lead.group(1)):
            # "The study that X: how many Y ...?": what comes before the colon describes.
            description.append(lead.group(1))
            sentence = sentence[lead.end() :]
        listed = noun_asks(sentence) if lead else []
        parts = listed or [p.strip(" ,;") for p in _SPLIT.split(sentence) if p.strip(" ,;?")]
        for i, part in enumerate(parts):
            # A leading clause without a question word ("To derive X, how many ...") or one that
            # sets the scene ("When X is bypassed, what ...") describes.
            setting = (
                _SETTING.match(part)
                and i < len(parts) - 1
                # "In the work on X, sums of what length ...": the scene holds an ask after all
                and not (_SCENE.match(part) and _ASKING_WH.search(part))
            )
            if (_HAS_WH.search(part) or _INTERROGATIVE.match(part)) and not setting:
                pieces.append(part.rstrip("?").strip())
            else:
                description.append(part)
    if summary:  # the request itself is not an ask; "... and what did it find?" is
        pieces = [p for p in pieces if not _SUMMARY.search(p)]
    asks = [a for piece in pieces for a in _split_compound(classify(piece))]
    if not asks and not summary:
        asks = [classify(body.rstrip("?"))]
    length = requested_length(text)
    gist = bool(_GIST.match(body) or _GIST_ABOUT.match(body))
    sized = length is not None or words is not None or bool(PARAGRAPH.search(text))
    # ... and "What did the experiment that compared X with Y find?", whose description made
    # its one ask a comparison: what a paper found is its gist (not what it achieved on GLUE)
    found = gist and len(asks) == 1 and bool(_FOUND_END.search(body))
    if (sized or gist) and asks and (found or all(a.kind == AskKind.FINDING for a in asks)):
        # "In one sentence, what does the paper on X do?", "In one sentence, describe the
        # algorithm that ...": a summary of that length; "What does the paper that X find?": a
        # summary.
        summary, asks = True, []
    return Asks(
        question=text,
        description=" ".join(description),
        asks=tuple(asks),
        summary=summary,
        length=length,
        word_budget=words,
        subject=summary_subject(text) if summary else "",
        terms=content_terms(text),
    )
