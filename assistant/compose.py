"""The compose stage for a question about one paper: which retrieved paper it is about, which of
that paper's sentences answer each of its asks, and which asks the abstract leaves open.

    question -> asks (assistant/asks.py)
    each retrieved paper's usable sentences -> a score per ask: the judge's relevance of the
        sentence to the ask, plus what the ask's kind needs (a quantity needs a number tied to
        its measure; a datasets ask, named benchmarks; a name ask, the sentence that names)
    the paper = the one that answers the asks best, with retrieval similarity as a prior
    the answer = each ask's best sentence of that paper, then other informative sentences up to
        the budget, in abstract order; another paper only for an ask the first cannot answer

Pure apart from the judge, which scores (ask, sentence) pairs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .asks import ADJECTIVE_MEASURES, VALUE_VERB, Ask, AskKind, Asks, content_terms, without_length
from .citations import missing_words, weighted_coverage
from .evidence import usable_sentences
from .intents import TITLE_WORDS, acronyms_in, mentions, name_in_title, names_in, title_names
from .judge import Judge
from .lexical import DISTINCTIVE, FUNCTION_WORDS, Rarity, tokenize
from .quantities import (
    counts,
    only_relative,
    quantity_numbers,
    states_change,
    states_none,
    states_value,
)
from .roles import Role, informative, role
from .settings import ComposeSettings
from .types import Abstention, Paper, Source

_DATASET_CUE = re.compile(
    r"\b(?:datasets?|benchmarks?|tasks?|corpora|suites?|evaluat\w+|experiments?\s+on|"
    r"tested\s+on|test\s+sets?)\b",
    re.I,
)
# A sentence that gives a name in words ("we call it lazy tuning", "known as X") ...
_CALLED_WORDS = (
    r"we\s+(?:\w+\s+)?(?:call|term|dub|name)\w*|called|dubbed|named|termed|coined|known\s+as"
)
_CALLED = re.compile(rf"\b(?:{_CALLED_WORDS})\b", re.I)
# A capitalized word after an article, within a sentence: "the Mamba architecture".
_CAPITALIZED = re.compile(r"(?:(?<=[a-z,] )|(?<=\())(?:the|a|an)\s+(?P<n>[A-Z][a-z]{2,})\b")
# "Which paper introduces X (the Mamba architecture) ...": the ask that says which paper it is.
_WHICH_PAPER = re.compile(
    r"^\s*(?:which|what)\s+(?:[\w-]+\s+){0,2}?(?:paper|work|study|article|preprint|publication)\b",
    re.I,
)
# ... or introduces what may carry one ("we propose X").
_NAMING = re.compile(
    rf"\b(?:we\s+(?:\w+\s+)?(?:propose|introduce|present|develop|design)\w*|{_CALLED_WORDS})\b",
    re.I,
)
_COMPARATIVE = re.compile(
    r"\b(?:than|outperform\w*|surpass\w*|compared|comparison|versus|vs\.?|relative\s+to|"
    r"over|beats?|matches|on\s+par|exceed\w*|better|worse|faster|slower)\b",
    re.I,
)
# A sentence that gives a cause or a mechanism ("is limited by the dimension of the embedding",
# "converges to a local optimum that lacks ...") answers a "why"; one that restates the effect
# asked about does not, however close its words are to the question's.
_CAUSE = re.compile(
    r"\b(?:because|due\s+to|as\s+a\s+result|owing\s+to|thanks\s+to|"
    r"caus\w+|explain\w*|stems?\s+from|attribut\w+\s+to|results?\s+(?:from|of)|"
    r"aris\w+\s+from|driven\s+by|(?:limited|bounded|governed|determined)\s+by|lack\w*|"
    r"the\s+reason|reasons?\s+(?:for|why)|mechanism|conjecture\w*|hypothes\w+)\b",
    re.I,
)
_CAUSE_BONUS = 0.15
_FINDING = re.compile(r"\bwe\s+(?:find|show|observe|demonstrate)\b", re.I)
# "GenBERT", "WMT", "GPT-4", "multilingual-e5-large-instruct" (a part with letters and digits)
_NAME_TOKEN = re.compile(
    r"\b(?:[A-Z][a-z]*[A-Z0-9][\w-]*|[A-Z]{2,}[\w-]*|[A-Za-z]+-\d[\w.-]*"
    r"|[A-Za-z]+(?:-[A-Za-z]+)*-[A-Za-z]+\d[\w.-]*)\b"
)
_ROLE_PRIOR = {Role.BACKGROUND: -0.1, Role.METHOD: 0.02, Role.RESULT: 0.03, Role.OTHER: 0.0}


@dataclass(frozen=True)
class Candidate:
    """A sentence a paper's answer may use, with where it stands in its abstract."""

    source: Source
    rank: int  # the paper's retrieval rank, 0 first
    index: int  # the sentence's position among the paper's usable sentences
    sentence: str
    role: Role


@dataclass(frozen=True)
class Pick:
    """A sentence chosen for the answer, and the asks it answers (indexes into Asks.asks)."""

    candidate: Candidate
    score: float
    asks: tuple[int, ...]


@dataclass(frozen=True)
class Composition:
    """The composed answer to a single-paper question: the sentences to state, in order, and
    the asks none of them answers."""

    paper: Source | None
    picks: tuple[Pick, ...]
    missing: tuple[Ask, ...]
    answered: tuple[Ask, ...]
    reason: Abstention | None = None  # why nothing is answered, when nothing is
    unknown: tuple[str, ...] = ()  # names the question uses that the paper never mentions


def names_of(text: str) -> list[str]:
    """What a text names: mixed-case or numbered names ("AlexNet", "GPT-4") and specific
    acronyms ("WMT", "BLEU")."""
    return list(dict.fromkeys(names_in(text) + acronyms_in(text)))


# "the paper on federated unlearning", "the study of grokking": the topic a question files its
# paper under, up to the verb or clause that says what is asked of it.
_FILED_UNDER = re.compile(
    r"\b(?:the|a|that|this)\s+(?:paper|work|study|article|preprint)\s+(?:on|about)\s+"
    r"(?P<topic>(?:[\w-]+\s+){0,3}?[\w-]+)"
    r"(?=\s*(?:[,?.;:]|$)|\s+(?:propose|proposes|proposed|introduce|introduces|introduced|report|"
    r"reports|reported|find|finds|found|show|shows|showed|conclude|concludes|concluded|present|"
    r"presents|presented|use|uses|used|do|does|did|achieve|achieves|achieved|claim|claims|"
    r"claimed|say|says|said|suggest|suggests|suggested|that|which|where|when|for|to|in|with|"
    r"by|from|at|is|was|are|were|have|has|had)\b)",
    re.I,
)
TOPIC_SHARE = 0.7  # of the topic a question files its paper under, the paper must hold


def filed_topic(question: str) -> str:
    """The topic a question files its paper under ("What does the paper on federated unlearning
    propose?" -> "federated unlearning"), "" when it names none: up to four words, ending
    before a verb or clause that says what is asked of the paper, or before the verb a "does"
    or "did" asks with.

    >>> filed_topic("What algorithm does the paper on federated unlearning propose for X?")
    'federated unlearning'
    >>> filed_topic("In the study about grokking, how many steps?")
    'grokking'
    >>> filed_topic("What does the paper that prunes LLMs find?")
    ''
    >>> filed_topic("What does the paper on grokking reveal?")
    'grokking'
    >>> filed_topic("In the study on running climate models in low precision, what ...?")
    'climate models'
    """
    found = _FILED_UNDER.search(question)
    if found is None:
        return ""
    topic = found["topic"]
    asked = re.search(r"\b(?:does|did|do)\b", question[: found.start()], re.I)
    ended = not re.match(r"\s+\w", question[found.end() :])
    if asked and ended and len(topic.split()) > 1:
        # "What does the paper on grokking reveal?": the last word is the verb asked with.
        topic = topic.rsplit(None, 1)[0]
    words = topic.split()
    if len(words) > 1 and words[0].lower().endswith("ing") and words[0].lower() not in _NOUN_ING:
        # "the study on running climate models": what is done to the topic, in the asker's words.
        topic = " ".join(words[1:])
    return topic


# Words in "-ing" that name a topic rather than say what is done to it.
_NOUN_ING = frozenset(
    ["learning", "unlearning", "training", "pretraining", "fine-tuning", "finetuning", "tuning",
     "prompting", "reasoning", "pruning", "scaling", "merging", "sampling", "decoding",
     "encoding", "embedding", "modeling", "modelling", "teaching", "grokking",
     "clustering", "forecasting", "ranking", "routing", "pooling", "planning", "parsing",
     "distilling", "quantizing", "caching", "hashing", "boosting", "computing"]
)  # fmt: skip


def off_topic(
    topic: str,
    paper: Source,
    pool: Sequence[Source],
    texts: dict[str, str],
    rarity: Rarity | None,
) -> bool:
    """Whether a paper is not on the topic a question files it under: it holds less than
    TOPIC_SHARE of the topic's words (rarity-weighted), and another retrieved paper uses a word
    it lacks. A word no retrieved paper uses is the asker's paraphrase ("tiny synthetic
    datasets" for "small algorithmically generated" ones); one that others use and this paper
    does not names another topic ("unlearning", in papers on machine unlearning, for a paper
    on fairness in federated learning).
    """
    own = texts[paper.paper_id]
    if weighted_coverage(topic, own, rarity, compounds=True) >= TOPIC_SHARE:
        return False
    lacking = [w for w in tokenize(topic) if weighted_coverage(w, own, rarity, compounds=True) < 1]
    others = [texts[s.paper_id] for s in pool if s.paper_id != paper.paper_id]
    return any(
        weighted_coverage(w, t, rarity, compounds=True) >= 1 for w in lacking for t in others
    )


def described_names(text: str) -> list[str]:
    """The names a description of a paper uses, capitalized multi-word names among them
    ("the paper that introduced Direct Preference Optimization"): the paper must mention each."""
    return list(dict.fromkeys(names_of(text) + title_names(text)))


_ON_TITLE_NAME = re.compile(rf"\b(?:on|in)\s+(?:the\s+)?({TITLE_WORDS})\b")


def benchmark_names(text: str) -> list[str]:
    """The names in capitalized words that a text states results on ("on the Long Range Arena
    benchmark"): a benchmark or dataset the paper must mention to answer for it.

    >>> benchmark_names("What accuracy does PoolFormer reach on the Long Range Arena benchmark?")
    ['Long Range Arena']
    >>> benchmark_names("What Sensibleness and Specificity Average did it score?")
    []
    """
    return [" ".join(n.split()) for n in _ON_TITLE_NAME.findall(text)]


def titled_name(title: str, question: str) -> str:
    """The name a title gives before its colon ("Adafactor: Adaptive Learning Rates ..."), when
    the question lacks it: the paper's sentences then need not repeat it; "" otherwise.

    >>> titled_name("Adafactor: Adaptive Learning Rates with Sublinear Memory Cost",
    ...             "Which optimizer keeps per-row sums?")
    'Adafactor'
    >>> titled_name("Go Wider Instead of Deeper", "Which framework goes wider?")
    ''
    """
    name = name_in_title(title)
    return "" if not name or mentions(name, question) else name


_DESCRIPTIVE = re.compile(
    r"-(?:based|like|style|specific|level|wise|free|aware|driven|oriented|centric|friendly|"
    r"only|scale|sized?)$",
    re.I,
)


def new_names(sentence: str, question: str) -> set[str]:
    """Named things in a sentence ("CIFAR-10", "ImageNet", "GPT-4") that the question lacks.

    >>> sorted(new_names("We test on CIFAR-10 and ImageNet with ResNet.", "Which ResNet data?"))
    ['CIFAR-10', 'ImageNet']
    >>> new_names("The best is multilingual-e5-large-instruct.", "Which model is best?")
    {'multilingual-e5-large-instruct'}
    >>> new_names("Can LLMs verify hypotheses?", "Can LLM agents verify them?")  # a plural
    set()
    >>> new_names("We replace the FFN with a mixture of experts (MoE).", "Which mixture-of-experts?")
    {'FFN'}
    >>> new_names("We test LLM-based agents with CAD-specific rules.", "Which LLM?")
    set()
    """
    asked = question.lower()
    return {
        n
        for n in _NAME_TOKEN.findall(sentence)
        if not _DESCRIPTIVE.search(n)  # "LLM-based", "CAD-specific" describe, they name nothing
        and n.lower() not in asked
        and not (n.endswith("s") and n[:-1].lower() in asked)
        and not mentions(n, question)  # "MoE" where the question says "mixture-of-experts"
    }


_ON_NAME = re.compile(
    r"\b(?:on|in)\s+(?:the\s+)?([A-Z][a-z]*[A-Z0-9][\w+-]*|[A-Z]{2,}[\w+-]*|[A-Za-z]+-\d[\w.-]*)"
)


def elsewhere(sentence: str, question: str) -> list[str]:
    """The benchmarks a sentence states its results on ("on LiveCodeBench") that the question
    never names: a number there is another benchmark's.

    >>> elsewhere("X reaches pass@1 = 41% on LiveCodeBench.", "What pass@1 on HumanEval+?")
    ['LiveCodeBench']
    >>> elsewhere("X reaches 82% on ImageNet-1K.", "What accuracy on ImageNet-1K?")
    []
    """
    return [n for n in _ON_NAME.findall(sentence) if not mentions(n, question)]


_OWN_CLAIM = re.compile(r"\b(?:we|our)\b", re.I)


def own_claim(sentence: str) -> bool:
    """Whether a sentence states the paper's own work ("we show how our method reduces ..."):
    a name the paper gives its method (which the question asks about, and the paper mentions
    elsewhere) is what "our method" refers to.

    >>> own_claim("We show how our method reduces the 88+ hour grid search to 3 hours.")
    True
    >>> own_claim("Prior work reports 41% on X.")
    False
    """
    return bool(_OWN_CLAIM.search(sentence))


def names_own_work(name: str, title: str, sentences: Sequence[str]) -> bool:
    """Whether a name is the paper's own work: its title has it, or a sentence of its abstract
    that proposes or introduces something does ("we propose ... the evidence lower bound
    ("ELBo") objective"); a name the paper only compares with ("instead of GPT-4") is not.

    >>> names_own_work("ELBo", "Learning Hyperparameters", ["We propose the ELBo objective."])
    True
    >>> names_own_work("GPT-4", "DART", ["Our synthesis relies on a 7B model, not GPT-4."])
    False
    """
    return mentions(name, title) or any(mentions(name, s) and _NAMING.search(s) for s in sentences)


def kind_fit(ask: Ask, candidate: Candidate, question: str, rarity: Rarity | None) -> float:
    """What an ask's kind adds to (or takes from) a sentence's relevance to it."""
    sentence = candidate.sentence
    bonus = _ROLE_PRIOR[candidate.role]
    if ask.kind == AskKind.QUANTITY:
        # "without added computation": none is the value, and it fits the measure fully
        none = bool(ask.measure) and states_none(sentence, ask.measure)
        if not none and not quantity_numbers(sentence):
            return bonus - 0.35  # a quantity is never answered without a number
        if none:
            measure = 1.0
        else:
            measure = measure_fit(ask.measure, sentence, rarity) if ask.measure else 0.5
        bonus += 0.08 + 0.15 * measure
        if ask.absolute and not none and only_relative(sentence):
            bonus -= 0.2
    elif ask.kind == AskKind.DATASETS:
        cues = bool(_DATASET_CUE.search(sentence)) + min(2, len(new_names(sentence, question)))
        bonus += 0.06 * cues
    elif ask.kind == AskKind.NAME:
        naming, named = bool(_NAMING.search(sentence)), bool(new_names(sentence, question))
        # "Name of the method": "we propose a novel cache eviction method, DefensiveKV" gives it
        introduced = naming and named and ask.wants_name
        bonus += 0.1 * naming + 0.05 * named + 0.1 * introduced
    elif ask.kind == AskKind.COMPARISON:
        target = weighted_coverage(ask.target, sentence, rarity) if ask.target else 0.0
        bonus += 0.1 * target + 0.06 * bool(_COMPARATIVE.search(sentence))
    elif ask.kind == AskKind.REASON:
        bonus += _CAUSE_BONUS * bool(_CAUSE.search(sentence)) + 0.04 * bool(
            _FINDING.search(sentence)
        )
    else:
        bonus += 0.04 * (candidate.role == Role.RESULT)
    return bonus


def candidates_of(sources: Sequence[Source], papers: dict[str, Paper]) -> list[Candidate]:
    """Every usable sentence of the given papers, with its place."""
    out = []
    for rank, source in enumerate(sources):
        paper = papers.get(source.paper_id)
        text = paper.abstract if paper else " ".join(p.text for p in source.passages)
        sentences = usable_sentences(text)
        out += [
            Candidate(source, rank, i, s, role(s, i, len(sentences)))
            for i, s in enumerate(sentences)
        ]
    return out


# Words that say only that a name is asked for ("Name of the method", "what is it called").
_NAME_ONLY = frozenset(
    [
        "name",
        "names",
        "named",
        "call",
        "called",
        "method",
        "model",
        "approach",
        "technique",
        "framework",
        "algorithm",
        "system",
        "benchmark",
        "dataset",
        "tool",
        "paper",
        "proposed",
        "introduced",
        "new",
    ]
)


def judged_text(ask: Ask, asks: Asks) -> str:
    """What a sentence's relevance to an ask is judged against: the ask, or, for a name asked for
    as such in words that say nothing else ("Name of the method", not "Which model did it
    use"), the description it names.

    >>> from assistant.asks import parse_asks
    >>> asks = parse_asks("One paper evicts cache entries by worst-case risk. Name of the method?")
    >>> judged_text(asks.asks[0], asks)
    'One paper evicts cache entries by worst-case risk. Name of the method'
    """
    bare = not [t for t in tokenize(ask.text) if t not in _NAME_ONLY]
    if ask.kind == AskKind.NAME and asks.description and bare and ask.wants_name:
        return f"{asks.description} {ask.text}"
    return ask.text


def score_asks(
    asks: Asks, candidates: Sequence[Candidate], judge: Judge, rarity: Rarity | None
) -> list[list[float]]:
    """scores[a][c]: how well candidate c answers ask a (judge relevance + the kind's fit)."""
    if not candidates or not asks.asks:
        return [[] for _ in asks.asks]
    pairs = [(judged_text(ask, asks), c.sentence) for ask in asks.asks for c in candidates]
    relevance = judge.relevance(pairs, rarity)
    n = len(candidates)
    return [
        [
            relevance[a * n + i] + kind_fit(ask, c, asks.question, rarity)
            for i, c in enumerate(candidates)
        ]
        for a, ask in enumerate(asks.asks)
    ]


def choose_paper(
    sources: Sequence[Source],
    candidates: Sequence[Candidate],
    scores: list[list[float]],
    settings: ComposeSettings,
    names: Sequence[str] = (),
    texts: dict[str, str] | None = None,
    describes: dict[str, float] | None = None,
) -> Source | None:
    """The paper the question is about: the best mean over asks of its best sentence's score,
    plus its retrieval similarity (how well it matches the whole question), how well it fits
    the question's description (`describes`: the share of the question's identifying words its
    text contains) and a rank prior, less a penalty for each name the question uses that the
    paper never mentions."""
    best: tuple[float, int, Source] | None = None
    for rank, source in enumerate(sources[: settings.papers]):
        own = [i for i, c in enumerate(candidates) if c.source.paper_id == source.paper_id]
        if not own:
            continue
        fit = sum(max(row[i] for i in own) for row in scores) / max(1, len(scores))
        total = fit + settings.similarity_weight * source.similarity - settings.rank_penalty * rank
        text = (texts or {}).get(source.paper_id, "")
        total -= settings.name_penalty * sum(not mentions(n, text) for n in names)
        total += settings.identity_weight * (describes or {}).get(source.paper_id, 0.0)
        if best is None or total > best[0]:
            best = (total, -rank, source)
    return best[2] if best else None


# How a user frames a question, not what it says of the paper: "I remember a paper that ...",
# "I'm looking for anything on ...", "What's there?".
_CHATTER = re.compile(
    r"\b(?:i\s+(?:(?:once|think\s+i)\s+)?(?:remember|recall|read|saw|came\s+across|think|believe)|"
    r"i'?m\s+looking\s+for|i\s+am\s+looking\s+for|looking\s+for|anything|something|"
    r"what'?s\s+there)\b",
    re.I,
)


# Words that frame a question about a paper but say nothing of its content: no abstract names
# its authors or calls its method a "technique" ("What do the authors call the technique?").
_FRAMING = frozenset(
    ["there", "s", "authors", "author", "researchers", "call", "technique", "techniques"]
)


# How long or in what form an answer is asked for, which says nothing of the paper: "In a short
# paragraph: ...", "Explain in three sentences how ...".
_FORMAT = re.compile(
    r"\b(?:in\s+)?(?:an?\s+|one\s+)?(?:(?:very\s+)?(?:short|brief|quick|single)\s+)?"
    r"paragraphs?\b(?!-)"
    r"|\b(?:in\s+)?(?:one|a|single|two|three|four|five|few|several|\d+(?:\s*[-–]\s*\d+)?)\s+"
    r"(?:short\s+)?sentences?\b(?!-)(?:\s+or\s+(?:two|three|2|3))?"
    r"|\b(?:briefly|please)\b",
    re.I,
)
# ... and the verb that asks for it, leading the question ("Explain in three sentences how X
# works", "In a short paragraph, explain X"; not "the paper that teaches LLMs to explain").
_ASKED = re.compile(r"^[\s,:;.]*(?:explain|elaborate(?:\s+on)?)\b", re.I)


def identifying_words(asks: Asks) -> str:
    """The question's words that say which paper it is about: all of them but the measures it
    asks for ("GPUs", "days"), the verbs that ask for a value ("reach"), which any paper
    stating such a number would share, function words and the answer's form ("in a short
    paragraph", "explain").

    >>> from assistant.asks import parse_asks
    >>> identifying_words(parse_asks("How many GPUs did the open MoE model use?"))
    'open MoE model use'
    >>> identifying_words(parse_asks("What perplexity does SparseLlama reach on WikiText?"))
    'SparseLlama WikiText'
    >>> identifying_words(parse_asks("I remember a paper on tiny math LMs. How many GPUs?"))
    'paper tiny math LMs.'
    >>> identifying_words(parse_asks("There's a paper on tiny LMs. What do the authors call it?"))
    'paper tiny LMs.'

    Function words and the form asked for are no part of the description: abstracts seldom say
    "your" or "whether", so their rarity would weigh them most.

    >>> identifying_words(parse_asks("In a short paragraph: does your method help, and whether?"))
    'method help'
    >>> identifying_words(parse_asks("Explain in 2-3 sentences the paper on paragraph-level QA."))
    'paper paragraph-level QA'
    >>> identifying_words(parse_asks("Which paper teaches LLMs to explain IT support tickets?"))
    'paper teaches LLMs explain IT support tickets'
    """
    measures = {w.lower() for ask in asks.asks for w in re.findall(r"\w+", ask.measure or "")}
    return " ".join(
        w
        for w in re.findall(
            r"[\w.-]+",
            _ASKED.sub(
                " ",
                _FORMAT.sub(" ", _CHATTER.sub(" ", asks.subject or without_length(asks.question))),
            ),
        )
        if w.lower() not in measures
        and (w.lower() not in FUNCTION_WORDS or (w.isupper() and len(w) > 1))  # "IT support"
        and w.lower() not in _FRAMING
        and not VALUE_VERB.fullmatch(w)
        and w.lower() not in ADJECTIVE_MEASURES  # "how long", "how deep"
    )


def description_share(asks: Asks, text: str, rarity: Rarity | None) -> float:
    """How much of what a question says about its paper a text holds: the rarity-weighted share
    of its identifying words, question words ("how much does") left out; a hyphenated word is
    found whole, by all its parts or written as one ("no-thinking" in "NoThinking").

    >>> from assistant.asks import parse_asks
    >>> asks = parse_asks("What pruning schedule does the paper on speech recognizers propose?")
    >>> description_share(asks, "We prune speech recognizers on a schedule.", None)
    1.0
    >>> description_share(asks, "We prune vision transformers on a schedule.", None)
    0.5
    >>> description_share(parse_asks("How long was the sparse LLM trained?"), "Trained 2 days.", None)
    1.0
    """
    words = described_words(asks)
    if len(words) < 2:
        return 1.0  # too little said of the paper to tell ("how long was it trained?")
    return weighted_coverage(" ".join(words), text, rarity, compounds=True)


def described_words(asks: Asks) -> tuple[str, ...]:
    """The content words of what a question says about its paper (`identifying_words` less
    the question words)."""
    return content_terms(identifying_words(asks))


def _paper_text(source: Source, papers: dict[str, Paper]) -> str:
    paper = papers.get(source.paper_id)
    if paper:
        return f"{paper.title} {paper.abstract}"
    return source.title + " " + " ".join(p.text for p in source.passages)


def compose(
    asks: Asks,
    sources: Sequence[Source],
    papers: dict[str, Paper],
    judge: Judge,
    settings: ComposeSettings,
    rarity: Rarity | None = None,
) -> Composition:
    """The sentences that answer a single-paper question, and the asks left open.

    An ask is answered by the chosen paper's best sentence for it when that sentence scores at
    least settings.answer_floor, adds something to the question, mentions the names the ask
    uses (a quantity's sentence itself must, or the title), and, for a quantity, states a
    number tied to the measure asked about (its words or forms, or the judge's relevance of
    the measure to the sentence) and a level rather than a change when a level is asked for.
    """
    pool = list(sources[: settings.papers])
    candidates = candidates_of(pool, papers)
    scores = score_asks(asks, candidates, judge, rarity)
    texts = {s.paper_id: _paper_text(s, papers) for s in pool}
    asked_names = names_of(asks.question)
    if asks.summary and len(described_words(asks)) >= 2:
        # A summary request paraphrases its paper: its description is weighed as its floor is
        # (a hyphenated word found by its parts too), which on the seen sets' summaries chose the
        # right paper for 307 of 309 (305 by the plain share); a factoid, 819 of 819 as it is.
        # ("What does the Adafactor paper propose?" says too little for a share: its name, in
        # the plain share, tells the paper.)
        describes = {s.paper_id: description_share(asks, texts[s.paper_id], rarity) for s in pool}
    else:
        identity = identifying_words(asks)
        describes = {
            s.paper_id: weighted_coverage(identity, texts[s.paper_id], rarity) for s in pool
        }
    paper = choose_paper(pool, candidates, scores, settings, asked_names, texts, describes)
    if paper is None:
        return Composition(None, (), asks.asks, (), Abstention.OFF_TOPIC)
    own_name = any(mentions(n, paper.title) for n in asked_names)  # "IncreLoRA" names it
    handed = False  # the paper was chosen as the one holding the question's description
    # A summary asked for in so many words paraphrases its paper; "what does the paper that X
    # find?" describes it as a factoid does.
    floor = settings.summary_describe_floor if asks.requested_summary else settings.describe_floor
    if not own_name and description_share(asks, texts[paper.paper_id], rarity) < floor:
        # The chosen paper is not the one described; the retrieved paper holding most of the
        # description (the best-ranked among equals) is, when it holds enough. When none does,
        # no paper is about it ("the paper on federated unlearning" when papers on each half
        # exist, not both).
        shares = {s.paper_id: description_share(asks, texts[s.paper_id], rarity) for s in pool}
        held = max(pool, key=lambda s: shares[s.paper_id])
        if shares[held.paper_id] < floor:
            said = " ".join(described_words(asks))
            lacking = missing_words(said, texts[paper.paper_id], rarity)
            return Composition(paper, (), asks.asks, (), Abstention.NO_MATCH, tuple(lacking))
        paper, handed = held, True
    topic = filed_topic(asks.question)
    if topic and not own_name and not asks.summary and off_topic(topic, paper, pool, texts, rarity):
        # "the paper on federated unlearning" is not a paper on federated fairness, when other
        # retrieved papers use the word it lacks; a retrieved paper on the topic, holding
        # enough of the description, is the one. (A gist asked for paraphrases its paper.)
        on_it = [
            s
            for s in pool
            if weighted_coverage(topic, texts[s.paper_id], rarity, compounds=True) >= TOPIC_SHARE
            and description_share(asks, texts[s.paper_id], rarity) >= floor
        ]
        if not on_it:
            lacking = missing_words(topic, texts[paper.paper_id], rarity)
            return Composition(paper, (), asks.asks, (), Abstention.NO_MATCH, tuple(lacking))
        paper, handed = on_it[0], True
    # A summary request is all description ("Summarize the paper that introduced X").
    description = asks.description or ((asks.subject or asks.question) if asks.summary else "")
    described = [n for n in described_names(description) if not mentions(n, texts[paper.paper_id])]
    if described:
        # The question describes a paper by names this one never uses: it is not that paper.
        return Composition(paper, (), asks.asks, (), Abstention.UNKNOWN_NAME, tuple(described))
    own = [i for i, c in enumerate(candidates) if c.source.paper_id == paper.paper_id]
    measures = _measure_relevance(asks, candidates, own, judge, rarity)
    chosen: dict[int, list[int]] = {}  # candidate index -> the asks it answers
    best_score: dict[int, float] = {}
    missing: list[Ask] = []
    answered: list[Ask] = []
    unknown: list[str] = []
    own_names = {
        n
        for ask in asks.asks
        for n in names_of(ask.text)
        if names_own_work(n, paper.title, [candidates[i].sentence for i in own])
    }
    # "a study of 260 tasks" does not answer "what accuracy across the 260 tasks"
    given = set(quantity_numbers(asks.question))
    for a, ask in enumerate(asks.asks):
        names = names_of(ask.text) + benchmark_names(ask.text)
        lacking = [n for n in names if not mentions(n, texts[paper.paper_id])]
        if _WHICH_PAPER.match(ask.text):
            # The paper asked for is named by what this one never mentions (a name, or a
            # capitalized word within the ask: "the Mamba architecture"): it is not that paper,
            # and what the question asks of "it" is not this paper's to answer.
            capitalized = (m["n"] for m in _CAPITALIZED.finditer(ask.text))
            absent = [n for n in capitalized if not mentions(n, texts[paper.paper_id])]
            named = list(dict.fromkeys([*lacking, *absent]))
            if named:
                return Composition(paper, (), asks.asks, (), Abstention.UNKNOWN_NAME, tuple(named))
        if lacking:
            unknown += lacking
            missing.append(ask)
            continue
        kind = distinctive(ask.kind_words, rarity)
        # A kind of two or more distinctive words ("reinforcement learning from human
        # feedback"); one word ("chat model", "base model") is often part of a name
        # ("ChatGLM2") or the asker's own.
        if (
            len(kind.split()) >= KIND_WORDS
            and weighted_coverage(kind, texts[paper.paper_id], rarity, compounds=True) < KIND_SHARE
        ):
            # "Which RLHF algorithm was used?" of a paper that never mentions RLHF: whatever
            # it names is not that.
            missing.append(ask)
            continue

        # A general ask ("how does X work?") is answered by the paper that covers its words,
        # at a lower floor: its answer paraphrases, and nothing specific is demanded of it.
        general = ask.kind in (AskKind.FINDING, AskKind.CONFIRM)
        floor = settings.answer_floor
        if general and weighted_coverage(ask.text, texts[paper.paper_id], rarity) >= 0.5:
            floor = settings.general_floor

        def answers(
            i: int, ask: Ask = ask, a: int = a, names: list[str] = names, floor: float = floor
        ) -> bool:
            c = candidates[i]
            if scores[a][i] < floor:
                return False
            # A confirmation may restate the question; any other answer must add to it.
            if ask.kind != AskKind.CONFIRM and not informative(c.sentence, asks.question):
                return False
            if ask.kind == AskKind.NAME and ask.wants_name:
                # "what is it called" is answered by a sentence that names something; "which
                # LLM / GPUs did it use" by a name other than the paper's own (its title's).
                named = new_names(c.sentence, asks.question)
                if ask.wants_used_name:
                    named = {n for n in named if not mentions(n, c.source.title)}
                    if not named:
                        return False
                elif not (named or _CALLED.search(c.sentence)) and not titled_name(
                    c.source.title, asks.question
                ):
                    return False
            if ask.wants_winner and not _RANKS.search(c.sentence):
                return False  # "which model came out on top" is not "we compare models"
            if ask.kind != AskKind.QUANTITY:
                return True
            # A number in a sentence that never names what was asked about may be another
            # thing's: it needs a clearly better match.
            own_work = own_claim(c.sentence) and c.source.paper_id == paper.paper_id
            lacking = [
                n
                for n in names
                if not mentions(n, f"{c.source.title} {c.sentence}")
                and not (own_work and n in own_names)
            ]
            unnamed = bool(names) and len(lacking) == len(names)
            if unnamed and scores[a][i] - settings.unnamed_penalty < settings.answer_floor:
                return False
            benchmarks = _ON_NAME.findall(c.sentence)
            other = elsewhere(c.sentence, asks.question)
            if lacking and other and len(other) == len(benchmarks):
                # "77.0% on LiveCodeBench" for a question about HumanEval+; a sentence that
                # also states the benchmark asked about ("67.7% on IFEval, 51.6% on GSM8K")
                # answers.
                return False
            if ask.absolute and only_relative(c.sentence):
                return False  # a change where a level was asked for
            if ask.relative and not (states_change(c.sentence) or _COMPARATIVE.search(c.sentence)):
                return False  # a level, compared with nothing, where a change was asked for
            if ask.measure and states_none(c.sentence, ask.measure):
                return True  # "what extra storage does it need?" "without added storage"
            if ask.counts and not counts(c.sentence, ask.measure):
                return False  # a number of something else ("two strategies" for "how many experts")
            if not ask.counts and ask.measure and not states_value(c.sentence, ask.measure):
                return False  # its numbers count other things ("a 345M-parameter model")
            new = [n for n in quantity_numbers(c.sentence) if n not in given]
            return bool(new) and measures.get((a, i), 1.0) >= settings.measure_floor

        ranked = sorted(own, key=lambda j: (-scores[a][j], j))
        i = next((j for j in ranked if answers(j)), None)
        if i is None:
            # Another paper may answer what this one cannot, when it clearly does and the
            # question could be about it too.
            fits = settings.other_paper_identity * describes.get(paper.paper_id, 0.0)
            others = sorted(
                (
                    j
                    for j in range(len(candidates))
                    if j not in own
                    and describes.get(candidates[j].source.paper_id, 0.0) >= fits
                    # a paper that never mentions a name the question uses is not about it
                    and all(mentions(n, texts[candidates[j].source.paper_id]) for n in asked_names)
                ),
                key=lambda j: (-scores[a][j], j),
            )
            i = next(
                (
                    j
                    for j in others[:3]
                    if scores[a][j] >= settings.answer_floor + settings.other_paper_margin
                    and answers(j)
                ),
                None,
            )
        if i is None:
            missing.append(ask)
            continue
        chosen.setdefault(i, []).append(a)
        best_score[i] = max(best_score.get(i, 0.0), scores[a][i])
        answered.append(ask)
        if ask.kind == AskKind.REASON and not _CAUSE.search(candidates[i].sentence):
            # The best match restates the effect asked about; the paper's best sentence that
            # gives a cause answers the "why" with it. An explanation brings words the question
            # lacks, so it needs only the general floor (less its cue's bonus: a cause of
            # something else, "this success is attributed to ...", is not it) once the paper is
            # known to be the one.
            cause = next(
                (
                    j
                    for j in ranked
                    if j != i
                    and scores[a][j] >= settings.general_floor + _CAUSE_BONUS
                    and candidates[j].role != Role.BACKGROUND  # the paper's, not prior work's
                    and _CAUSE.search(candidates[j].sentence)
                    and informative(candidates[j].sentence, asks.question)
                ),
                None,
            )
            if cause is not None:
                chosen.setdefault(cause, []).append(a)
                best_score[cause] = max(best_score.get(cause, 0.0), scores[a][cause])
    if not answered:
        quantity = any(a.kind == AskKind.QUANTITY for a in asks.asks)
        reason = (
            Abstention.UNKNOWN_NAME
            if unknown
            else Abstention.NUMBER_NOT_GIVEN
            if quantity
            else Abstention.NOT_STATED
        )
        # Nothing answered: the paper to name is the one the question matches best as a whole,
        # or the one it describes (a summary's is the one it describes: it asks for no sentence
        # but the paper's gist, which its paraphrase seldom scores high against).
        closest = paper if handed or asks.summary or reason == Abstention.UNKNOWN_NAME else pool[0]
        return Composition(closest, (), tuple(missing), (), reason, tuple(dict.fromkeys(unknown)))
    # More of the paper's informative sentences, best first, while the budget lasts.
    overall = {i: max(row[i] for row in scores) if scores else 0.0 for i in own}
    words = sum(len(candidates[i].sentence.split()) for i in chosen)
    for i in sorted(own, key=lambda j: (-overall[j], j)):
        if len(chosen) >= settings.sentences or overall[i] < settings.fill_floor:
            break
        size = len(candidates[i].sentence.split())
        if i in chosen or words + size > settings.max_words:
            continue
        if candidates[i].role == Role.BACKGROUND or not informative(
            candidates[i].sentence, asks.question
        ):
            continue
        chosen[i] = []
        best_score[i] = overall[i]
        words += size
    home = paper.paper_id
    order = sorted(
        chosen,
        key=lambda i: (
            candidates[i].source.paper_id != home,
            candidates[i].rank,
            candidates[i].index,
        ),
    )
    picks = tuple(Pick(candidates[i], best_score[i], tuple(chosen[i])) for i in order)
    return Composition(paper, picks, tuple(missing), tuple(answered), None, tuple(unknown))


# What a sentence that ranks things says: "X performs best", "outperforms", "state of the art".
_RANKS = re.compile(
    r"\b(?:best|top|highest|lowest|strongest|largest|greatest|fastest|most|better|first|leads?|"
    r"leading|ahead|ranks?|ranked|winner|wins?|won|outperform\w*|surpass\w*|beats?|superior|"
    r"state[- ]of[- ]the[- ]art|sota|dominat\w+|excels?)\b",
    re.I,
)
KIND_SHARE = 0.5  # of the words saying what kind of thing a name ask wants, a paper must have
KIND_WORDS = 2  # distinctive words a kind needs before a paper must mention it


def distinctive(words: str, rarity: Rarity | None) -> str:
    """The words of a kind that tell it from others: those at least DISTINCTIVE rare (all of
    them without a rarity). "reinforcement learning from human feedback" -> "reinforcement human
    feedback"; "deep learning" -> "": an abstract need not say its model is deep.

    >>> distinctive("deep learning", {"deep": 2.7, "learning": 0.9}.get)
    ''
    """
    terms = tokenize(words)
    if rarity is None:
        return " ".join(terms)
    return " ".join(t for t in terms if (rarity(t) or 0.0) >= DISTINCTIVE)


_PROPORTION = re.compile(r"\b(?:share|percentage|percent|fraction|proportion|rate|ratio)\b", re.I)
# "by what factor": a multiple, stated as "2.3x", "3 times" or "4-fold".
_MULTIPLE = re.compile(r"^(?:factor|multiple|fold|times)\b", re.I)
_MULTIPLE_STATED = re.compile(r"\d(?:[\d.,]*\d)?\s*(?:x|×|times|-?fold)\b", re.I)


def measure_fit(measure: str, sentence: str, rarity: Rarity | None) -> float:
    """How well a sentence's wording fits the measure a quantity ask names, 0..1: the share of
    the measure's words it has (or their forms); any one word of a measure spelled as
    alternatives ("speed speedup faster"); a proportion asked for and a percentage stated.

    >>> measure_fit("GPU hours", "It took 900 GPU hours.", None)
    1.0
    >>> measure_fit("share", "It solves 81% of them.", None), measure_fit("FID", "It gets 3.1 BLEU.", None)
    (1.0, 0.0)
    >>> measure_fit("Sensibleness and Specificity Average", "It scores 79% SSA.", None)
    1.0
    >>> measure_fit("factor", "It cuts the loss by 2.3x.", None), measure_fit("factor", "By 2.3%.", None)
    (1.0, 0.0)
    """
    if _PROPORTION.search(measure) and "%" in sentence:
        return 1.0
    if _MULTIPLE.search(measure) and _MULTIPLE_STATED.search(sentence):
        return 1.0
    if abbreviates(measure, sentence):
        return 1.0
    for spelled in sorted(ADJECTIVE_MEASURES.values(), key=len, reverse=True):
        if measure == spelled or measure.startswith(spelled + " "):
            # "how fast do X run": any word of the measure, or what it is measured of.
            alternatives = any(
                weighted_coverage(w, sentence, rarity) >= 1.0 for w in spelled.split()
            )
            rest = measure[len(spelled) :].strip()
            return max(
                float(alternatives), weighted_coverage(rest, sentence, rarity) if rest else 0.0
            )
    return weighted_coverage(measure, sentence, rarity)


def abbreviates(measure: str, sentence: str) -> bool:
    """Whether a sentence names a measure by its acronym ("SSA" for "Sensibleness and
    Specificity Average"), or spells out the acronym a measure is ("Frechet Inception Distance"
    for "FID").

    >>> abbreviates("Sensibleness and Specificity Average", "It scores 79% SSA.")
    True
    >>> abbreviates("FID", "The Frechet Inception Distance drops to 3.1."), abbreviates("FID", "x")
    (True, False)
    """
    words = [w for w in re.findall(r"[A-Za-z][\w-]*", measure) if w.lower() not in _LINKS]
    if len(words) >= 2:
        initials = "".join(w[0] for w in words).upper()
        return bool(re.search(rf"\b{initials}s?\b", sentence))
    if len(words) == 1 and re.fullmatch(r"[A-Z]{3,6}", words[0]):
        spelled = [
            w
            for w in re.findall(r"[A-Za-z][\w-]*", sentence)
            if w.lower() not in _LINKS and len(w) > 2
        ]
        n = len(words[0])
        return any(
            "".join(w[0] for w in spelled[i : i + n]).upper() == words[0]
            for i in range(len(spelled) - n + 1)
        )
    return False


_LINKS = frozenset({"and", "of", "the", "for", "in", "on", "a", "an", "to"})


def _measure_relevance(
    asks: Asks,
    candidates: Sequence[Candidate],
    own: Sequence[int],
    judge: Judge,
    rarity: Rarity | None,
) -> dict[tuple[int, int], float]:
    """(ask, candidate) -> how well a quantity ask's measure fits a sentence with numbers: its
    wording (`measure_fit`), or the judge's relevance of the measure to the sentence, whichever
    is higher."""
    keys = [
        (a, i)
        for a, ask in enumerate(asks.asks)
        if ask.kind == AskKind.QUANTITY and ask.measure
        for i in range(len(candidates))
        if quantity_numbers(candidates[i].sentence)
    ]
    if not keys:
        return {}
    pairs = [(asks.asks[a].measure, candidates[i].sentence) for a, i in keys]
    semantic = judge.relevance(pairs, rarity)
    return {
        (a, i): max(
            measure_fit(measure, sentence, rarity),
            score,
            titled_fit(measure, sentence, candidates[i].source.title, rarity),
            *(measure_fit(g, sentence, rarity) for g in glosses(asks.asks[a].text)),
        )
        for (a, i), (measure, sentence), score in zip(keys, pairs, semantic, strict=True)
    }


def titled_fit(measure: str, sentence: str, title: str, rarity: Rarity | None) -> float:
    """How well a sentence fits a measure whose modifiers name the paper's own subject, which
    its sentences need not repeat: "24 existing models" in the CTR benchmark's abstract are
    its "existing CTR models". The measure's head noun must be the sentence's own.

    >>> titled_fit("existing CTR models", "We re-evaluate 24 existing models.", "BARS-CTR: "
    ...            "Open Benchmarking", None)
    1.0
    >>> titled_fit("CTR datasets", "We re-evaluate 24 existing models.", "CTR Benchmarks", None)
    0.0
    >>> titled_fit("decoder parameters", "The encoder has 300M parameters.", "Encoder-Decoder "
    ...            "Models for Speech", None)
    0.0
    """
    words = re.findall(r"[^\W_][\w-]*", measure)
    if len(words) < 2 or weighted_coverage(words[-1], sentence, rarity) < 1.0:
        return 0.0
    # Only what the title names ("BARS-CTR" names CTR); its plain words ("Encoder-Decoder
    # Models") may be what the sentence's own modifier sets apart ("the encoder has ...").
    named = [w for w in re.split(r"[\s:/-]+", title) if sum(c.isupper() for c in w) >= 2]
    if not named:
        return 0.0
    return measure_fit(measure, f"{' '.join(named)}. {sentence}", rarity)


_GLOSS = re.compile(r"\(([^()]*)\)")


def glosses(text: str) -> list[str]:
    """What an ask spells out in parentheses, which says what its measure is in other words:
    "How much compute went into it (number of experiments and GPU hours)".

    >>> glosses("How much compute went into it (number of experiments and GPU hours)")
    ['number of experiments and GPU hours']
    >>> glosses("How many tasks (57) did it pass"), glosses("How long does Half Fine-Tuning (HFT) take")
    ([], [])
    """
    # A name or an acronym in parentheses ("(HFT)") is what the text calls something, no gloss.
    return [
        g.strip()
        for g in _GLOSS.findall(text)
        if len(g.split()) >= 2 and any(w.islower() for w in g.split())
    ]
