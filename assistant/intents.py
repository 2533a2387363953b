"""What kind of answer a question asks for: pure parsing, no models."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .acronyms import covered, expanded_words, spelled_out
from .asks import asks_for_summary
from .lengths import without_form_sentences
from .lexical import STOPWORDS, tokenize
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
_MASS = (
    rf"(?:work|research)\b(?!\s+{_AUX}\b)"
    # ... nor a question about one paper's work after a noun ("What research question does ...")
    r"(?!\s+(?!(?:here|there|now|today)\b)\w+\s+(?:do|does|did|is|are|was|were|has|have|had|can|"
    r"could|would|will|should)\b)"
)
# ... unless one paper is named after it: "Do we have the methods the LoRA paper compares?"
_NOT_OF_ONE_PAPER = (
    r"(?![^?]*\b(?:the|this|its|their)\s+(?:[\w-]+\s+){0,3}(?:paper|abstract|article|study(?!\s+of\b))"
    r"(?:'s)?\b)"
)
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
    r"|(?:work|research)(?=\s+(?:on|about|in|into|regarding)\b))"
)
# "Find work characterizing X", "List research applying X": the mass noun, with no determiner
# but after "list" ("find the work introducing Adam" asks for one paper), before a participle
# (not "during", "something").
# Words in -ing that are no participle ("during", "something", "morning").
_NOT_PARTICIPLES = r"during|thing|something|nothing|anything|everything|being|bring|string|morning|evening|king|ring"
_PARTICIPLE = rf"(?:work|research)(?=\s+(?!(?:{_NOT_PARTICIPLES}|spring|ceiling|sing|wing)\b)[a-z]{{3,}}ing\b)"
# Words that name a kind of paper rather than a topic: "survey papers", "prior work".
_KINDS_OF_PAPER = (
    "survey",
    "review",
    "recent",
    "prior",
    "published",
    "existing",
    "other",
    "related",
)
# Words that rate or place papers: "theoretical work on X", "seminal papers on X" (alone before
# "papers" they are the topic: "List the theoretical papers"; not "key", "new": "list the key
# techniques that make X fast" asks for one paper's).
_RATED = (
    "theoretical",
    "empirical",
    "experimental",
    "research",
    "relevant",
    "influential",
    "seminal",
    "foundational",
    "early",
    "classic",
)
_MODIFIER = rf"(?:(?:{'|'.join(_KINDS_OF_PAPER + _RATED)})\s+)?"
# "Which survey papers cover X?", "What recent papers study X?": a kind of paper after "which",
# whose topic is what follows (a survey is asked for by `asks_for_surveys`); not a rating, which
# is part of the topic ("Which theoretical papers ...").
_KIND_OF = rf"(?:{'|'.join(_KINDS_OF_PAPER)})\s+"
# ... an auxiliary after it asks about them ("Which related papers does it cite?"), though "are
# about / on" names their topic
_ASKED_ABOUT_ONE = (
    r"do|does|did|was|were|has|have|had|can|could|would|will|should"
    r"|(?:is|are)(?!\s+(?:about|on|mainly|mostly|primarily)\b)"
)
# "Are there benchmarks / methods / models that ...": every paper that offers one.
_KINDS_OFFERED = r"(?:benchmarks|datasets|methods|approaches|techniques|models|frameworks|algorithms|tools|systems)"
# "Does the corpus contain work on X?", "Do you have papers about X?": what the collection holds
# on a topic is asked for as "Are there papers on X?" is.
_HOLDS = (
    r"(?:(?:does|do)\s+(?:the|this|your|our)\s+(?:collection|corpus|library|listing|index)"
    r"\s+(?:contain|include|have|hold|cover)|do\s+you\s+(?:have|hold)"
    rf"|do\s+we\s+(?:have|hold){_NOT_OF_ONE_PAPER})"
)
_THERE = rf"(?:(?:is|are)\s+there|{_HOLDS})\s+(?:any\s+)?{_MODIFIER}(?:{_NOUNS}|{_KINDS_OFFERED})"
# "Anything in the corpus on X?", "Is there anything here about X?": whatever the collection
# holds on a topic, as "Are there papers on X?" asks.
_ANY_THING = (
    rf"(?:(?:is|are)\s+there\s+|{_HOLDS}\s+)?(?:anything|something)"
    r"(?:\s+(?:in\s+(?:the|this|your)\s+(?:collection|corpus|library|listing|index)|here))?"
    # ... not "anything about the learning rate in the Adam paper", which asks one paper
    r"(?=\s+(?:on|about|regarding)\b(?![^?]*\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}"
    r"(?:paper|study|abstract|article)\b))"
)
# Who asks for papers: "List ...", "Find me ...", "Show me the ...", "I need ...", "I'm looking
# for ...", "Can you find ...".
_ASKER = (
    r"(?:(?:please|can\s+you|could\s+you)\s+)?"
    r"(?:list|name|find|show|give|get|recommend|suggest"
    rf"|(?:collect|gather|compile|pull\s+up){_NOT_OF_ONE_PAPER})"
    r"\s+(?:me\s+|us\s+)?"
    r"|(?:(?:can|could)\s+you\s+)?point\s+(?:me|us)\s+to\s+"
    rf"|(?:i\s+(?:need|want|would\s+like)|i'?d\s+like{_NOT_OF_ONE_PAPER})\s+|(?:i'?m\s+|i\s+am\s+)?looking\s+for\s+"
    r"|(?:i'?m\s+|i\s+am\s+)interested\s+in\s+"
    # "I'm collecting work on X", "We are compiling papers that ..."
    r"|(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:collecting|gathering|compiling|assembling)\s+"
)
# "I want to read about X", "I'd like to read up on X": the topic follows.
_READ = r"(?:i\s+(?:want|would\s+like)|i'?d\s+like)\s+to\s+read\s+(?:up\s+)?(?=about|on)"
# ... "Give me a (complete) list of the papers on X"
_DETERMINERS = (
    r"(?:all\s+|the\s+|every\s+|any\s+|some\s+"
    rf"|an?\s+(?:full\s+|complete\s+)?list\s+of\s+{_NOT_OF_ONE_PAPER})*"
)
_ASKED_KIND = re.compile(
    rf"^\s*(?:{_ASKER})(?:"
    # "the interpretability papers that ...": papers, studies, articles; not a counted few ("the
    # two / both / six papers that ...")
    rf"{_DETERMINERS}"
    r"(?P<kind>(?:(?!(?:one|two|three|four|five|six|seven|eight|nine|ten|both|couple|\d+)\b)"
    r"[\w-]+\s+){1,3}?(?:papers|works|studies|articles))"
    # ... or, without a determiner, methods of a kind ("low-rank fine-tuning methods that ...";
    # "the key techniques that make FlashAttention fast" are one paper's)
    r"|(?P<bare>(?:(?!(?:the|a|an|its|their|both|all|me|us)\b)[\w-]+\s+){1,3}?"
    r"(?:methods|approaches|techniques)))"
    r"\s+(?:that|which|who)\s+(?P<rest>[^.?!]*\w)",
    re.I,
)
# "What does the corpus have / say on X?", "What does the collection include about X?", "What
# do you have on X?", "What's in the collection on X?", "Summarize the corpus's work on X", "List the work that X": what the
# collection holds on a topic (as "Does the corpus contain work on X?" asks).
_CORPUS_ON = re.compile(
    r"^\s*(?:what\s+(?:does|do)\s+(?:the|this|your|our)\s+(?:collection|corpus|library|listing|"
    r"index)\s+(?:have|include|contain|hold|cover|say|report|offer)|what\s+do\s+you\s+have|"
    # "What's in the collection on X?"
    r"what(?:'s|\s+is)\s+(?:there\s+)?in\s+(?:the|this|your|our)\s+(?:collection|corpus|library|"
    r"listing|index)|"
    r"(?:summari[sz]e|give\s+(?:me\s+)?an?\s+overview\s+of)\s+(?:the\s+)?(?:collection|corpus)"
    r"(?:'s)?\s+(?:work|papers|research))\s+(?:on|about|regarding)\s+(?P<topic>\S.*)"
    r"|^\s*(?:please\s+)?(?:list|show(?:\s+(?:me|us))?)\s+(?:all\s+)?(?:the\s+)?(?:work|research)\s+"
    r"(?:that|which)\s+(?P<rest>\S.*)",
    re.I,
)
# "What work has been done on X?": the mass noun with a perfect passive asks for every paper.
_DONE = (
    r"what\s+(?:(?:work|research)\s+)?(?:has|have)\s+been\s+"
    r"(?:done|published|written|carried\s+out|conducted)"
)
# "I'm looking for every paper about X": each one of them is a list.
_EVERY_ONE = (
    r"(?:every|each)\s+(?:single\s+)?(?:paper|study|article|publication|abstract|work)"
    r"(?=\s+(?:on|about|in|that|which|where|proposing|studying|using)\b)"
)
# "I'm looking for anything on X": whatever there is on a topic is a list of it.
# ... and "I'm looking for work that combines X": the mass noun before a clause too.
_ANYTHING = (
    r"(?:(?:anything|something|everything|stuff|work|research)(?=\s+(?:on|about|regarding)\b)"
    r"|(?:anything|everything|work|research)(?=\s+(?:that|which)\b))"
)
# The openings a list question and its topic share: "Which papers", "What work has been done",
# "Find me studies".
_OPENING = (
    # "What work is there on X?", "What papers are there about X?"
    rf"(?:what|which)\s+(?:{_KIND_OF})?{_NOUNS}\s+(?:is|are)\s+there(?=\s+(?:on|about|in|that|which)\b)"
    # "What research exists on X?"
    rf"|(?:what|which)\s+(?:{_KIND_OF})?{_NOUNS}\s+exists?(?:\s+(?:for|regarding|concerning)\b"
    r"|(?=\s+(?:on|about)\b|\s+in\s+(?:the\s+)?(?:corpus|collection|library)\b|\s+in\s+here\b))"
    # "What are (all) the papers (related to / on) X?"
    rf"|what\s+are\s+(?:all\s+)?the\s+{_PLURAL}\s+(?:(?:related|relating)\s+to|on|about|regarding)(?=\s+\S)"
    rf"|(?:which|what)\s+(?:of\s+the\s+)?(?:{_PLURAL}|{_MASS})"
    # "Which survey papers cover X?" (not "Which related papers does it cite?")
    rf"|(?:which|what)\s+{_KIND_OF}{_PLURAL}(?!['\u2019]|\s+(?:{_ASKED_ABOUT_ONE})\b)"
    rf"|{_DONE}"
    rf"|(?:{_ASKER}){_DETERMINERS}{_MODIFIER}{_LISTED}"
    rf"|(?:{_ASKER}){_MODIFIER}{_PARTICIPLE}"
    # ... "List the work applying X" (a list asked for outright takes the determiner)
    rf"|(?:please\s+)?list\s+{_DETERMINERS}{_MODIFIER}{_PARTICIPLE}"
    rf"|(?:{_ASKER}){_EVERY_ONE}"
    rf"|(?:{_ASKER}){_ANYTHING}"
    rf"|{_READ}"
)
# A question that starts with the plural noun: "Papers about X?", "Any papers proposing X?"
_LEADING_NOUN = (
    rf"(?:(?:are\s+there\s+|are\s+(?=any\s+{_MODIFIER}{_PLURAL}\s+(?:about|on|regarding|"
    r"(?:related|relevant)\s+to)\b))?(?:any\s+)?"
    rf"{_MODIFIER}{_PLURAL}"
    # "Any work on X here?": the mass noun too, before what it is on
    r"|any\s+(?:work|research)(?=\s+(?:on|about|regarding)\b)"
    # ... not "Any work on X in the SparseGPT paper?", which asks one paper
    r"(?![^?]*\b(?:the|this|that|its|their)\s+(?:[\w-]+\s+){0,3}(?:paper|study|abstract|article)\b))"
)
_LIST = re.compile(
    rf"^\s*(?:{_OPENING})\b"
    rf"|^\s*{_LEADING_NOUN}\b"
    r"(?!\s+(?:do|does|did|is|are|was|were|has|have|had|can|could|would|will|should)\b)"
    rf"|^\s*{_THERE}\s+(?:in\s+the\s+(?:collection|corpus)\s+|here\s+)?"
    r"(?:that|which|about|on|in|regarding|concerning)\b"
    # "Is there work deriving X?", "Are there papers comparing X?"
    rf"|^\s*(?:(?:is|are)\s+there|{_HOLDS})\s+(?:any\s+)?{_MODIFIER}"
    r"(?:work|research|papers|studies|works|articles)\s+"
    # ... not a noun or preposition in -ing ("research funding in the LoRA paper")
    rf"(?!(?:{_NOT_PARTICIPLES}|funding|missing|remaining|pending|regarding|according|concerning)\b)"
    rf"(?=[a-z]{{2,}}ing\b){_NOT_OF_ONE_PAPER}"
    rf"|^\s*{_ANY_THING}",
    re.IGNORECASE,
)
# "List all the federated learning papers", "Show me the pruning studies here": the topic
# stands before the plural noun that ends the request.
_TOPIC_BEFORE_NOUN = re.compile(
    rf"^\s*(?:{_ASKER}){_DETERMINERS}(?P<topic>(?!{_PLURAL}\b)[^.?!,;:]+?)\s+{_PLURAL}"
    r"(?:\s+(?:in\s+(?:the|this)\s+(?:collection|corpus|listing)|here|there\s+are))?\s*[.?!]?\s*$",
    re.IGNORECASE,
)
# "Recommender systems or CTR prediction papers?", "What are the LoRA papers?", "Does the
# corpus have NAS papers?": a topic and the plural noun, asked as a whole.
_TOPIC_PAPERS = re.compile(
    rf"^\s*(?P<lead>(?:what\s+are\s+the|(?:which|what)\s+are\s+(?:your|the\s+corpus's)|{_HOLDS}|"
    rf"(?:are|is)\s+there)\s+)?(?:any\s+)?(?P<topic>(?:[^\s?.!;:]+\s+){{1,12}}?){_PLURAL}"
    r"(?:\s+(?:in\s+(?:the|this)\s+(?:collection|corpus|listing)|(?:in\s+)?here))?\s*\?\s*$",
    re.IGNORECASE,
)
_PART_OF_PAPERS = re.compile(
    r"\b(?:the|these|those|this|that|its|their|of|in|by|across|from|used|noted|reported|cited)\b"
    r"|^\s*(?:cite|read|rank|compare|summari[sz]e|list|find|show)\b",
    re.I,
)
_RATINGS = frozenset(
    [
        "best",
        "good",
        "great",
        "top",
        "similar",
        "recommended",
        "favorite",
        "favourite",
        "most",
        "highly",
        "cited",
        "important",
        "interesting",
        "relevant",
        "useful",
        "notable",
        "influential",
        "popular",
        "famous",
        "other",
        "more",
        "any",
    ]
)
_TOPIC_PREFIX = re.compile(
    rf"^\s*(?:{_OPENING}|{_THERE}|{_ANY_THING}|{_LEADING_NOUN})"
    r"(?:\s+(?:in\s+the\s+(?:collection|corpus)|here))?\s*"
    # "Which papers are about X?": the copula before "about" or "on" says nothing of X
    r"(?:(?:are|is|were)\s+(?:(?:mainly|mostly|primarily|all)\s+)?(?=(?:about|on)\s))?"
    # ... "Which papers have something to do with X?"
    r"(?:(?:that|which|who|where|about|on|of|in|regarding|concerning)\b|(?:have|has)\s+(?:something|anything)\s+to\s+do\s+with\b"
    r"|(?:related|relevant)\s+to\b)?\s*",
    re.IGNORECASE,
)


# "Why does X ...", also after a leading phrase: "According to the study on Y, why do ...".
# A leading phrase before the question proper: "According to the study on Y, ...", "In X, ...".
_LEAD_IN = r"^\s*(?:(?:according\s+to|in|for|from)\b[^,?]*,\s*)?"
_WHY = re.compile(
    _LEAD_IN + r"why\s+(?:does|did|do|is|was|were|are|has|have|can|could)?\s*",
    re.I,
)
# Word stems that report an outcome; "not improve" flips one (see `polarity`).
_NEGATIVE = (
    "fail",
    "trail",
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
    "benefi",
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
# "falls short of its teachers", "stop holding" report failure as "fails to match" does;
# "remain valid" reports success.
_SHORT_OF = re.compile(
    r"\b(?:fall|falls|fell|fallen|falling)\s+short\b|\b(?:stop|stops|stopped|cease|ceases|"
    r"ceased)\s+(?:to\s+hold|holding|working)\b|\bno\s+longer\s+(?:holds?|valid|works?)\b"
)
_REMAINS = re.compile(
    r"\b(?:remain|remains|remained|stay|stays|stayed|still)\s+(?:valid|accurate|effective)\b"
)
# "cannot be attributed to X": where an outcome comes from, not a failure.
_ATTRIBUTED = re.compile(
    r"\b(?:cannot|can\s+not|could\s+not|can't)\s+be\s+(?:\w+ly\s+)?(?:attributed|ascribed|"
    r"explained|traced)\b"
)


_HOW_OUTCOME = re.compile(
    r"^\s*(?:how(?:\s+(?:much|far|badly|severely|greatly))?|in\s+what\s+way|to\s+what\s+extent)\s+"
    r"(?:does|did|do|can|could)\s+(?P<p>.+?\b(?:"
    + "|".join(("hurt", "harm", "fail", "degrad", "worsen", "slow", "break", "underperform",
                "improv", "outperform", "help", "boost", "beat", "lag", "collaps", "drop"))
    + r")\w*\b.*)$",
    re.I,
)  # fmt: skip
# "How much slower is X than Y?" takes for granted that X is slower than Y.
_HOW_MUCH = r"^\s*how\s+(?:much|many\s+times|far)\s+(?P<c>worse|slower|better|faster)\s+"
_HOW_COMPARED = re.compile(_HOW_MUCH + r"(?P<p>.+\bthan\b.+)$", re.I)
# "How much worse than Y is X?" takes for granted that X is worse than Y, too.
_HOW_COMPARED_AFTER = re.compile(
    _HOW_MUCH + r"than\s+(?P<y>.+?)\s+(?:is|are|was|were)\s+(?P<x>.+)$", re.I
)
_GIVEN = re.compile(
    _LEAD_IN + r"(?:given|since|as|because|considering|now\s+that|in\s+(?:light|view)\s+of)\s+"
    r"(?:that\s+)?(?P<p>[^,]+),",
    re.I,
)
# How a premise may be framed as someone's finding: "the paper's result that P", "the authors
# found that P", "the finding that P": the premise is P.
_FRAME = re.compile(
    r"^(?:(?:the|its|their)\s+)?(?:(?:paper|study|work|authors?)(?:'s|s')?\s+)?"
    r"(?:(?:result|finding|observation|claim|conclusion|fact|report)s?\s+that|"
    r"(?:authors?|paper|study|work|they|researchers)\s+(?:find|found|finds|show|showed|shows|"
    r"report|reported|reports|claim|claimed|claims|conclude|concluded|concludes|observe|"
    r"observed|observes|argue|argued|argues|demonstrate|demonstrated|demonstrates)\s+that)\s+",
    re.I,
)
# "The paper that ... showed that P; what ...?" states its finding P as given.
_STATED = re.compile(
    r"\b(?:show|showed|shows|find|found|finds|demonstrate|demonstrated|demonstrates|report|"
    r"reported|reports|established|proved|claim|claims|claimed|observe|observed|observes|"
    r"conclude|concluded|concludes)\s+(?:that\s+)?(?P<p>[^;?]+?)\s*(?:;|\s[-–—]+\s|,\s*(?:so\s+)?"
    r"(?=(?:what|which|how|why|when|where|who)\b)|\.\s+(?=why\b|how\s+come\b))"
    # "The study concludes that P. What argument do they give?": a conclusion, then any question
    # ("A study shows that X. How many ...?" describes the paper)
    r"|\b(?:conclude|concluded|concludes|claim|claims|claimed|argue|argued|argues)\s+(?:that\s+)?"
    r"(?P<c>[^;?]+?)\.\s+(?=(?:(?:on|in|at|for|from|with|under|by|to)\s+)?"
    r"(?:what|which|how|when|where|who)\b[^.]*\?\s*$)"
    # "At what point did the paper find that P?": the question takes its finding P as given
    r"|^(?:\w+\s+)?(?:what|which|how|why|when|where)\b[^?]*?\b(?:did|does|do)\s+[^?]+?\s+(?:show|find|"
    r"demonstrate|report|observe|conclude|establish|prove)\s+that\s+(?P<d>[^?]+?)\s*\?\s*$"
    # "Which paper shows that P?" looks for the one paper that found P (a list, "Which papers
    # find that P?", looks for every paper on P)
    r"|^(?:which|what)\s+(?:\S+\s+){0,2}?(?:paper|study|work|article)\s+(?:\w+\s+){0,2}?(?:shows|"
    r"proves|finds|demonstrates|reports|establishes|concludes|argues)\s+that\s+(?P<e>[^?]+?)\s*\?\s*$",
    re.I,
)
# "X needs twice as many tokens as Y -- how do the authors justify it?": a claim set before a
# question, when it reports an outcome or a change (a description of the paper says neither).
_DECLARED = re.compile(
    r"^(?P<p>[^?;]+?)\s*(?:;|\s[-–—]+\s)\s*(?:(?:so|and|but)\s+)?"
    r"(?=(?:what|which|how|why|when|where|who)\b)",
    re.I,
)
_CAUSE = re.compile(
    _LEAD_IN
    + r"(?:what\s+(?:causes|caused|makes|made|explains)|how\s+come|what(?:'s|\s+is|\s+was)\s+"
    r"the\s+(?:main\s+)?(?:reason|cause|explanation)(?:\s+(?:that|why|for|behind))?)[\s,]+"
    r"(?:why\s+|that\s+)?(?P<p>.+)$",
    re.I,
)
# "Is it true that P?" asks to check a claim: P is what the paper must not contradict.
_CHECKED = re.compile(
    _LEAD_IN + r"(?:is|was)\s+it\s+(?:really\s+)?(?:true|the\s+case|correct|right)\s+that\s+"
    r"(?P<p>.+)$",
    re.I,
)
# Verbs that report a claim: "found", "showed", "concluded".
_REPORTING = (
    r"found|finds|find|showed|shows|show|reported|reports|report|demonstrated|demonstrates|"
    r"concluded|concludes|observed|observes|claimed|claims"
)
# "the scaling study found (that) P": who reported a claim, left out of it.
_REPORTED = re.compile(rf"^(?:[\w'-]+\s+){{0,6}}?(?:{_REPORTING})\s+(?:that\s+)?", re.I)
# "Why did the paper on X conclude that P?": the claim is P, when a work described ("the
# scaling law for X", "this study") or its authors are said to have made it (not "Why do the
# experiments fail to show that P?", nor "Why do LLMs claim that they are conscious?").
_REPORTER = re.compile(
    r"^(?:the|this|that|these|its|their|a|an)\b|\b(?:paper|study|work|authors?|researchers|"
    r"article|analysis|team|they|it)\b",
    re.I,
)
_DENIED = re.compile(r"\b(?:not|never|fail\w*|unable|cannot)\b|n't\b", re.I)
_REPORTED_THAT = re.compile(
    rf"^(?P<who>(?:[\w'-]+\s+){{0,14}}?)(?:{_REPORTING}|conclude|demonstrate|observe|claim|"
    r"argue|argued|argues|establish|established|prove|proved)\s+that\s+",
    re.I,
)
# A question's sentences or clauses after the first: "I read about X. Why does it fail?"
_CLAUSE_BREAK = re.compile(
    r"(?<=[.:;!?])\s+(?=[A-Za-z])|(?:,|\b(?:and|but|so))\s+(?=(?:why|how\s+come)\b)", re.I
)


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
    >>> premise_of("I read the paper on X. What is the reason that it fails on Y?")
    'it fails on Y'
    >>> premise_of("What rank did the adapter, which falls behind full fine-tuning, use?")
    'What rank did the adapter falls behind full fine-tuning'
    >>> premise_of("What rank did the adapter, which uses a mask, use?") is None
    True
    >>> premise_of("On which dataset, which baseline does it beat, and by how much?") is None
    True
    >>> premise_of("In the work on X, what explains why scaling amplifies the gaps?")
    'scaling amplifies the gaps'
    >>> premise_of("What is the reason that, under law K, X rather than Y dominates?")
    'under law K, X rather than Y dominates'
    >>> premise_of("The paper on X showed that early stopping prevents forgetting; when do they stop?")
    'early stopping prevents forgetting'
    >>> premise_of("In the study on X, given that SGD fits more data than GD, how large was the gap?")
    'SGD fits more data than GD'
    >>> premise_of("X was tested on long inputs, so why does it fail on them?")
    'it fail on them'
    >>> premise_of("How much slower is X than Y on long inputs?")
    'slower is X than Y on long inputs'
    >>> premise_of("How much did pruning hurt accuracy?")
    'pruning hurt accuracy'
    >>> premise_of("How much worse than Y is X on long inputs?")
    'X on long inputs is worse than Y'
    >>> premise_of("Considering that X trails Y, what budget was used?")
    'X trails Y'
    >>> premise_of("Given the paper's finding that X trails Y, what budget was used?")
    'X trails Y'
    >>> premise_of("Why did the authors find that noise hurts deep networks?")
    'noise hurts deep networks'
    >>> premise_of("The authors report that noise hurts deep nets; which optimizer was used?")
    'noise hurts deep nets'
    >>> premise_of("The paper shows depth hurts classification - what did they recommend?")
    'depth hurts classification'
    >>> premise_of("The paper on X concludes that A is better than B. Why is A better?")
    'A is better than B'
    >>> premise_of("Is it true that the scaling study found sparse models underperform dense ones?")
    'sparse models underperform dense ones'
    >>> premise_of("Is it the case that pruning hurts accuracy, and by how much?")
    'pruning hurts accuracy'
    >>> premise_of("Is it true that X still beats Y on LRA, and why?")
    'X still beats Y on LRA'
    >>> premise_of("X needs twice as many tokens as Y -- how do the authors justify that?")
    'X needs twice as many tokens as Y'
    >>> premise_of("The benchmark for hypothesis discovery - how many tasks does it have?") is None
    True
    >>> premise_of("Why did the paper on small-data SSL conclude that projectors are essential?")
    'projectors are essential'
    >>> premise_of("Why do the experiments fail to show that pretraining helps accuracy?")
    'the experiments fail to show that pretraining helps accuracy'
    >>> premise_of("Why do LLMs claim that they are conscious?")
    'LLMs claim that they are conscious'
    >>> premise_of("The X paper concluded that A is faster than B. On which tasks was that seen?")
    'A is faster than B'

    """
    for clause in [question, *_CLAUSE_BREAK.split(question)[1:]]:
        found = _premise(clause)
        if found:
            return _FRAME.sub("", found) or found
    return None


def first_case(premise: str) -> str:
    """A premise that sets two cases against each other, read by its first: "X hurts A,
    whereas it helps B" -> "X hurts A".

    >>> first_case("depth hurts classification, whereas it helps regression")
    'depth hurts classification'
    """
    return _SET_AGAINST.split(premise, maxsplit=1)[0].strip(" ,;") or premise


_INVERTED = re.compile(
    r"\b(?:do|does|did|is|are|was|were|can|could|has|have)\s+(?:it|they|the|this|these|we|you)\b",
    re.I,
)
# "X, which falls behind Y on Z, ..." states an outcome as given in a relative clause.
_RELATIVE = re.compile(r"(?P<s>(?:[\w-]+\s+){0,4}[\w-]+),\s+(?:which|who)\s+(?P<p>[^,?]+)", re.I)


def _premise(question: str) -> str | None:
    after = _HOW_COMPARED_AFTER.match(question)
    if after:
        claim = f"{after['x'].strip(' ?.,')} is {after['c']} than {after['y']}"
        return _PREMISE_TAIL.sub("", claim).strip(" ?.,") or None
    compared = _HOW_COMPARED.match(question)
    if compared:
        return _PREMISE_TAIL.sub("", f"{compared['c']} {compared['p']}").strip(" ?.,") or None
    for pattern in (_HOW_OUTCOME, _GIVEN, _CAUSE):
        found = pattern.match(question)
        if found:
            return _PREMISE_TAIL.sub("", found.group("p")).strip(" ?.,") or None
    checked = _CHECKED.match(question)
    if checked:
        claim = _REPORTED.sub("", checked["p"], count=1)
        return _PREMISE_TAIL.sub("", claim).strip(" ?.,") or None
    if _WHY.match(question):
        claim = _WHY.sub("", question, count=1)
        reported = _REPORTED_THAT.match(claim)
        if reported and _REPORTER.search(reported["who"]) and not _DENIED.search(reported["who"]):
            claim = claim[reported.end() :]
        return _PREMISE_TAIL.sub("", claim).strip(" ?.,") or None
    stated = _STATED.search(question)
    if stated:
        return stated[stated.lastgroup or "p"].strip(" ?.,")  # the one form that matched
    declared = _DECLARED.match(question)
    if declared and (
        polarity(declared["p"])
        or directions(declared["p"], verbs_only=True)
        or _compared(declared["p"])
    ):
        return declared["p"].strip(" ?.,")
    relative = _RELATIVE.search(question)
    if (
        relative
        and not _INVERTED.search(relative["p"])  # ", which baseline does it beat": a question
        and (polarity(relative["p"]) or _compared(relative["p"]))
    ):
        return f"{relative['s']} {relative['p']}".strip(" ?.,")
    return None


# A second ask after a premise: ", and how large was the gain?" (not "large and do more").
_PREMISE_TAIL = re.compile(
    r",?\s+and\s+(?:(?:by|in|at|on|for|to)\s+)?(?:what|which|how|when|where|who|why)\b.*$|,\s*and\s+(?:do|does|did|is|are)\b.*$"
    r"|\s+[-–—]+\s+(?:(?:by|in|at|on|for|to)\s+)?(?:what|which|how|when|where|who)\b.*$",
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
    >>> polarity("Why did the student fall short of its teachers?")
    -1
    >>> polarity("why did those laws stop holding at 33B"), polarity("the laws remain valid")
    (-1, 1)
    >>> polarity("the gains of distillation cannot be attributed to suboptimal tuning")
    1
    >>> polarity("the advantage of X over Y shrinks"), polarity("X cannot match Y")
    (0, -1)
    """
    text = _REMAINS.sub("succeeds", _WORKS.sub("succeeds", text.lower()))
    text = _ATTRIBUTED.sub("is owed", text)
    words = re.findall(r"[\w-]+", _SHORT_OF.sub("fails", text))
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
def verb_forms(*stems: str) -> frozenset[str]:
    """Each stem as a verb's forms, some made-up ones too, which match nothing; a stem is given
    as many times as its forms need ("increase", "increas").

    >>> sorted(w for w in verb_forms("rise", "ris") if w in ("rise", "rises", "rising", "risen"))
    ['rise', 'rises', 'rising']
    """
    return frozenset(
        w for stem in stems for w in (stem, stem + "s", stem + "d", stem + "ed", stem + "ing")
    )


# Verbs whose subject can stand before them ("the gap shrinks") or their object after them.
_UP_VERBS = verb_forms("increase", "increas", "grow", "rise", "ris", "double", "doubl") | {
    "grew",
    "grown",
    "rose",
}
_DOWN_VERBS = verb_forms(
    "decrease", "decreas", "shrink", "diminish", "diminishe", "decline", "declin", "drop",
    "dropp", "vanish", "vanishe", "halve", "halv",
) | {"shrank", "shrunk"}  # fmt: skip
# Verbs that change what follows them ("raise the loss", "reduces memory").
_UP_OBJECT = verb_forms("raise", "rais", "amplify", "amplifie", "amplifi")
_DOWN_OBJECT = verb_forms("reduce", "reduc", "lessen", "lessene", "mitigate", "mitigat", "alleviate",
                      "alleviat")  # fmt: skip
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
     "for", "since", "given", "by", "compared", "relative", "versus", "vs"]
)  # fmt: skip


_MULTIPLIER = r"(?:twice|thrice|\d+(?:\.\d+)?\s*(?:x|×|times|-fold|fold))"
_MULTIPLIED_UP = re.compile(
    rf"\b{_MULTIPLIER}\s+(?:as\s+(?:many|much|large|long|big|high)|more|larger|higher|longer)\b"
)
_MULTIPLIED_DOWN = re.compile(
    rf"\b(?:half\s+as\s+(?:many|much|large|long|big|high)|{_MULTIPLIER}\s+(?:fewer|less|"
    r"smaller|lower|shorter))\b"
)
# A trend with scale is a change: "a larger speedup over X as model size grows" is "the speedup
# increases"; "the speedup of X is inversely proportional to model scale" is "the speedup
# decreases".
_GROWS = r"(?:grows?|grew|increases?|rises?|scales?\s+up|gets?\s+(?:larger|bigger))"
_TREND = re.compile(
    r"\b(?P<way>larger|greater|bigger|higher|more|smaller|lower|less|fewer)\s+"
    r"(?P<thing>[\w-]+(?:\s+(?!(?:over|than|for|on|in|of|at|with|as|when)\b)[\w-]+)?)\s+"
    r"(?:[\w-]+\s+){0,4}?(?:as|when)\s+(?:the\s+)?"
    rf"(?:[\w-]+\s+){{0,3}}?{_GROWS}\b"
)
_INVERSE = re.compile(
    r"\b(?P<thing>[\w-]+)\s+(?:of\s+(?:[\w-]+\s+){1,3}?)?(?:is|are|was|were)\s+(?:(?:roughly|"
    r"approximately)\s+)?(?P<way>inversely|directly)?\s*proportional\s+to\b"
)


def _trends(text: str) -> str:
    """A text with its trends with scale written as changes.

    >>> _trends("x gain a larger speedup over adamw as model size grows")
    'x gain a speedup increases'
    >>> _trends("the speedup of matrix optimizers is inversely proportional to model scale")
    'the speedup decreases with model scale'
    """
    text = _TREND.sub(
        lambda m: (
            f"{m['thing']} "
            + ("decreases" if m["way"] in ("smaller", "lower", "less", "fewer") else "increases")
        ),
        text,
    )
    return _INVERSE.sub(
        lambda m: (
            f"{m['thing']} " + ("decreases" if m["way"] == "inversely" else "increases") + " with"
        ),
        text,
    )


_BREAKS = frozenset({",", ";", ":", "(", ")", "and", "or", "but", "whereas", "which", "that"})
# The head of "the training loss of deep networks" comes before these.
_HEAD_ENDS = frozenset({"of", "in", "on", "from", "into", "per", "under", "among", "between"})


_WORD_OR_BREAK = re.compile(r"[\w-]+|[,;:()]")


def _tokens(text: str) -> list[str]:
    """A text's lowercased words and the punctuation that breaks a clause."""
    return _WORD_OR_BREAK.findall(text.lower())


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
    >>> directions("the probability goes up as the network deepens", True)
    {'proba': 1}
    """
    text = re.sub(r"n['’]t\b", " not", text.lower())
    # "twice as many tokens", "3x more memory" assert a change as a verb does ("increases").
    text = _MULTIPLIED_UP.sub(" increases ", text)
    text = _MULTIPLIED_DOWN.sub(" decreases ", text)
    # "goes up" / "went down" are "increases" / "decreases".
    text = re.sub(r"\b(?:go|goes|went|gone|going)\s+up\b", " increases ", text)
    text = re.sub(r"\b(?:go|goes|went|gone|going)\s+down\b", " decreases ", text)
    text = _trends(text)
    words = _tokens(text)
    signs: dict[str, set[int]] = {}
    subject = _subject(words)

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
        passive = word in _OBJECT_VERBS and i > 0 and words[i - 1] in _BE  # "be reduced"
        if word in _VERB_FORMS:
            for prior in reversed(words[max(0, i - 3) : i]):
                if prior in _BREAKS or prior in _CONDITION:
                    break
                if content(prior):
                    targets.append(prior)
                    break
        if word in _VERB_FORMS or passive:
            # "the speedup of X over Y keeps growing": the clause's subject changes, unless the
            # verb is a condition's own ("as depth increases", "while increasing").
            head = subject[0] if subject and subject[1] < i <= subject[1] + _SUBJECT_REACH else None
            between = words[subject[1] + 1 : i] if subject else []
            opens = any(
                w in _SUBORDINATE and not (w == "as" and k and between[k - 1] == "such")
                for k, w in enumerate(between)
            )
            if head and not opens:
                targets.append(head)
        for target in targets:
            signs.setdefault(target[:5], set()).add(sign)
    return {t: next(iter(s)) for t, s in signs.items() if len(s) == 1}


# Words that open a clause with its own subject: "as depth increases", "while increasing".
_SUBORDINATE = frozenset(
    ["as", "when", "while", "whereas", "if", "because", "since", "until", "once", "unless"]
)
_SUBJECT_REACH = 16  # words from a subject's head to the verb that still tells its change
_OBJECT_VERBS = _UP_OBJECT | _DOWN_OBJECT
_BE = frozenset(["be", "is", "are", "was", "were", "been", "being"])
# "the number of shots" changes as the shots do.
_REPORTS = frozenset(["finding", "fact", "observation", "result", "claim", "idea", "hypothesis"])
_QUANTITY = frozenset(
    ["number", "amount", "share", "fraction", "proportion", "percentage", "count"]
)


def _subject(words: list[str]) -> tuple[str, int] | None:
    """The head of a text's first "the X of / that ..." phrase ("the actual speedup of ...":
    speedup) and where it stands; None when there is none.

    >>> _subject("we find that the actual speedup of many optimizers decreases".split())
    ('speedup', 5)
    >>> _subject("the model grows".split()) is None
    True
    >>> _subject("the number of shots per class must be increased".split())
    ('shots', 3)
    """
    for j, word in enumerate(words):
        if word != "the":
            continue
        for k in range(j + 1, min(j + 4, len(words) - 1)):
            # "the degradation introduced by X increases": a participle ends the head too
            participle = words[k + 1].endswith("ed") and words[k + 2 : k + 3] == ["by"]
            if words[k + 1] in _HEAD_ENDS or words[k + 1] in ("that", "which") or participle:
                if words[k] in _REPORTS and words[k + 1] == "that":
                    break  # "the finding that X shrinks": X's own subject follows
                if words[k] in _QUANTITY and words[k + 1] == "of" and k + 2 < len(words):
                    return words[k + 2], k + 2
                if len(words[k]) > 2 and tokenize(words[k]):
                    return words[k], k
                break
            if not tokenize(words[k]):
                break
    return None


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
    >>> reverses("The degradation introduced by quantization increases as models see more data.",
    ...          "more data makes models more robust to quantization")
    True
    """
    said, same = directions(sentence), unchanged(sentence)
    assumed = directions(premise, verbs_only=True) | made(premise)
    return regraded(sentence, premise) or any(
        said.get(t) == -sign or t in same or any(said.get(o) == sign for o in _OPPOSED.get(t, ()))
        for t, sign in assumed.items()
    )


# "the most important", "less robust": a grade of an adjective, up (+1) or down (-1).
_GRADE_SIGN = {"most": 1, "more": 1, "least": -1, "less": -1}
# What an adjective ends with ("important", "robust", "stable", "expressive"); "more memory",
# "less data" grade an amount of a thing, not a quality.
_ADJECTIVE = re.compile(r"(?:ant|ent|ive|ous|ful|able|ible|al|ic|ate|ust|ile|ex|ar|id|ise|ure)$")
# Verbs between a subject and its graded adjective: "complex features tend to be less important".
_LINKING = frozenset(
    ["end", "ends", "ended", "up", "being", "tend", "tends", "turn", "turns", "turned", "out",
     "prove", "proves", "proved", "seem", "seems", "appear", "appears", "become", "becomes",
     "became", "remain", "remains", "find", "found", "show", "shows", "shown", "why", "how",
     "does", "do", "did", "the", "that", "we", "our", "generally", "typically", "often"]
)  # fmt: skip


def grades(text: str) -> list[tuple[str, int, frozenset[str], frozenset[str]]]:
    """Each adjective a text grades up or down, by first five letters, with the first five
    letters of the content words before it in its clause (what is graded) and after it (where
    or for what: "more accurate on short inputs").

    >>> [(a, sign, sorted(what)) for a, sign, what, _ in grades(
    ...     "We find that complex features tend to be less important.")]
    [('impor', -1, ['compl', 'featu'])]
    >>> [(a, sign, sorted(what)) for a, sign, what, _ in grades(
    ...     "why do the most complex features end up being the most important")]
    [('compl', 1, []), ('impor', 1, ['compl', 'featu'])]
    >>> grades("Prior methods need more memory.")
    []
    """
    words = re.findall(r"[\w-]+|[,;:()]", text.lower())
    out = []
    for i, word in enumerate(words[:-1]):
        adjective = words[i + 1]
        if word not in _GRADE_SIGN or not _ADJECTIVE.search(adjective) or not tokenize(adjective):
            continue
        before: set[str] = set()
        for w in reversed(words[:i]):
            if w in _BREAKS or w in _CONDITION:
                break
            if w in _GRADE_SIGN or w in _LINKING or w in _BE or len(w) < 3 or not tokenize(w):
                continue
            before.add(w[:5])
        after: set[str] = set()
        for w in words[i + 2 :]:
            if w in _BREAKS or w in ("than", "but", "while", "whereas"):
                break
            if len(w) > 2 and tokenize(w):
                after.add(w[:5])
        out.append((adjective[:5], _GRADE_SIGN[word], frozenset(before), frozenset(after)))
    return out


def regraded(sentence: str, premise: str) -> bool:
    """Whether a sentence grades an adjective the other way for what the premise grades it for:
    "complex features tend to be less important" against "the most complex features end up
    being the most important". What is graded must be the same (all the premise's words for it
    in the sentence's); "simpler features are less important" says nothing of complex ones.

    >>> regraded("We find that complex features tend to be less important.",
    ...          "the most complex features end up being the most important")
    True
    >>> regraded("We find that simpler features are less important.",
    ...          "the most complex features end up being the most important")
    False
    >>> regraded("Complex features are more important.", "complex features are the most important")
    False
    >>> regraded("Hard examples are less useful early in training.",
    ...          "hard examples are the most useful late in training")
    False
    >>> regraded("The model is less accurate on long inputs but more accurate on short ones.",
    ...          "the model is more accurate on short inputs")
    False
    """
    said = grades(sentence)
    both = {a for a, sign, _, _ in said if (a, -sign) in {(b, t) for b, t, _, _ in said}}
    return any(
        adjective == other
        and adjective not in both  # "less accurate on long inputs, more on short ones"
        and sign == -turn
        and subject
        and subject <= what
        and not (where and there and not where <= there)  # "late in training" vs "early in ..."
        for adjective, sign, subject, where in grades(premise)
        for other, turn, what, there in said
    )


# "negligible changes to loss", "no significant difference in accuracy", "accuracy remains
# unchanged": what a text says does not change.
_NO_CHANGE = re.compile(
    r"\b(?:negligible|no|little|minimal|marginal|insignificant|no\s+(?:significant|noticeable|"
    r"measurable))\s+(?:changes?|differences?|effects?|impact|increases?|decreases?|drops?)\s+"
    r"(?:to|in|on|of)\s+(?:the\s+)?(?P<after>(?:[\w-]+\s*){1,3})"
    r"|(?P<before>[\w-]+)\s+(?:remains?|remained|stays?|stayed)\s+(?:largely\s+|nearly\s+|"
    r"roughly\s+)?(?:unchanged|constant|the\s+same|flat)\b"
)


def unchanged(text: str) -> set[str]:
    """What a text says stays as it is, by first five letters.

    >>> unchanged("Up to 4 epochs of repeated data yields negligible changes to loss compared to X.")
    {'loss'}
    >>> unchanged("The training loss remains unchanged."), unchanged("It changes the loss.")
    ({'loss'}, set())
    """
    out = set()
    for m in _NO_CHANGE.finditer(text.lower()):
        if m.group("before"):
            out.add(m.group("before")[:5])
            continue
        run = []
        for word in m.group("after").split():
            if word in _CONDITION or word in _BREAKS or word in _HEAD_ENDS or word in _BE:
                break
            if len(word) > 2 and tokenize(word):
                run.append(word)
        out.update(w[:5] for w in run[-1:])
    return out


# Measures that go up as the other goes down (first five letters): more robust is less
# degradation, more accurate fewer errors.
_OPPOSITES = {
    "robus": ("degra", "sensi", "vulne", "fragi", "britt"),
    "stabl": ("insta", "unsta"),
    "accur": ("error",),
}


def _both_ways(pairs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Each measure with its opposites, read in both directions.

    >>> _both_ways({"robus": ("degra", "fragi")})["degra"]
    ('robus',)
    """
    out = dict(pairs)
    for measure, others in pairs.items():
        for other in others:
            out[other] = (*out.get(other, ()), measure)
    return out


_OPPOSED = _both_ways(_OPPOSITES)
# "X makes models more robust", "Y becomes less stable": a change the premise asserts of an
# adjective through the verb before it.
_MADE = re.compile(
    r"\b(?:make|makes|made|making|become|becomes|became|becoming|render|renders|rendered)\s+"
    r"(?:[\w-]+\s+){0,3}?(more|less)\s+([a-z][\w-]*)"
)


def made(premise: str) -> dict[str, int]:
    """What a premise says a cause makes more (+1) or less (-1) so, by the adjective's first
    five letters.

    >>> made("pretraining on more data makes models more robust to quantization")
    {'robus': 1}
    >>> made("larger models are more robust")
    {}
    """
    return {
        m.group(2)[:5]: 1 if m.group(1) == "more" else -1 for m in _MADE.finditer(premise.lower())
    }


_CONTRAST = re.compile(r"\b(?:rather\s+than|instead\s+of)\b")
_MORE = _UP_WORDS | {"faster", "better"}
_LESS = _DOWN_WORDS | {"slower", "worse"}


def _content_run(words: list[str], step: int) -> set[str]:
    """The first five letters of up to three content words read from words[0] on, in one
    direction, up to a break or a condition ("with" is skipped at the start)."""
    found: set[str] = set()
    for k, word in enumerate(words[::step] if step > 0 else words[::-1]):
        if k == 0 and word == ",":
            continue  # "attention, rather than parameter count, ..."
        if word in _BREAKS or (word in _CONDITION and (k > 0 or step < 0)):
            break
        if len(word) > 2 and tokenize(word):
            found.add(word[:5])
            if len(found) == 3:
                break
    return found


def _alternatives(text: str) -> list[tuple[set[str], set[str]]]:
    """What a text prefers and what it sets aside ("with data size rather than model size":
    ({'data'}, {'model'})), the words the two sides share left out."""
    out = []
    for part in _CONTRAST.split(text.lower())[:-1]:
        rest = text.lower()[len(part) :]
        before = _content_run(_tokens(part), -1)
        after_words = _tokens(_CONTRAST.sub(" ", rest, count=1))
        after = _content_run(after_words, 1)
        if before - after and after - before:
            out.append((before - after, after - before))
    return out


def _compared(text: str) -> dict[str, int]:
    """What a text says is more (+1) or less (-1) than what, keyed by the first five letters of
    what it is compared with: "fit more training data than full-batch descent": {'full-': 1}."""
    words = _tokens(text)
    signs: dict[str, set[int]] = {}
    for i, word in enumerate(words):
        if word != "than" or (i and words[i - 1] == "rather"):
            continue
        against = next(
            (
                w
                for w in words[i + 1 : i + 5]
                if len(w) > 2 and w.replace("-", "").isalpha() and tokenize(w)
            ),
            None,
        )
        for j in range(i - 1, max(-1, i - 7), -1):
            if words[j] in _BREAKS:
                break
            sign = 1 if words[j] in _MORE else -1 if words[j] in _LESS else 0
            if sign and against:
                if _NEGATORS & set(words[max(0, j - 2) : j]):
                    sign = -sign
                signs.setdefault(against[:5], set()).add(sign)
                break
    return {t: next(iter(s)) for t, s in signs.items() if len(s) == 1}


# Comparatives by what they compare and which way: "cheaper" and "costlier" are opposites.
_COMPARATIVES: dict[str, tuple[str, int]] = {
    "more": ("more", 1), "greater": ("more", 1), "less": ("more", -1), "fewer": ("more", -1),
    "higher": ("high", 1), "lower": ("high", -1), "larger": ("large", 1),
    "bigger": ("large", 1), "smaller": ("large", -1), "longer": ("long", 1),
    "shorter": ("long", -1), "faster": ("fast", 1), "slower": ("fast", -1),
    "better": ("good", 1), "worse": ("good", -1), "stronger": ("strong", 1),
    "weaker": ("strong", -1), "deeper": ("deep", 1), "shallower": ("deep", -1),
    "wider": ("wide", 1), "narrower": ("wide", -1), "costlier": ("cost", 1),
    "cheaper": ("cost", -1), "noisier": ("noise", 1), "cleaner": ("noise", -1),
    "harder": ("hard", 1), "easier": ("hard", -1), "later": ("late", 1),
    "earlier": ("late", -1),
}  # fmt: skip
_SIDE_BREAKS = frozenset({",", ";", ":", "(", ")"})


def _stems(words: list[str]) -> set[str]:
    return {w[:5] for w in words if len(w) > 2 and tokenize(w) and w not in _COMPARATIVES}


def _back_to_break(words: list[str], i: int, n: int) -> list[str]:
    """Up to n words before words[i], read back to a clause break."""
    found: list[str] = []
    for w in reversed(words[max(0, i - n) : i]):
        if w in _SIDE_BREAKS:
            break
        found.append(w)
    return found


def _frames(text: str) -> list[tuple[str, int, str, set[str]]]:
    """Each comparative of a text with what it is said of: (what it compares, which way, the
    content word after it, the content words just before it). "hard data is noisier and
    costlier to collect": ('noise', 1, 'colle', {'hard', 'data'}), ('cost', 1, ...)."""
    words = _tokens(text)
    out = []
    for i, word in enumerate(words):
        if word not in _COMPARATIVES or words[i + 1 : i + 2] == ["than"]:
            continue
        dimension, sign = _COMPARATIVES[word]
        if dimension == "large":
            continue  # "larger models" picks out what is talked about; it claims nothing
        if _NEGATORS & set(words[max(0, i - 2) : i]):
            sign = -sign
        thing = next(
            (
                w[:5]
                for w in words[i + 1 : i + 4]
                if w not in _COMPARATIVES and w not in _JOINED and _stems([w])
            ),
            "",
        )
        out.append((dimension, sign, thing, _stems(_back_to_break(words, i, 6))))
    return out


_JOINED = frozenset({"and", "or", "to", "with", "in", "on", "at"})


def _side_tokens(text: str) -> list[str]:
    """A text's words as `_tokens` gives them, but for a one-letter capital name after the first
    word ("fine-tuning B", "matrix A"), which stays as written: it is no article."""
    words = _WORD_OR_BREAK.findall(text)
    return [w if i and len(w) == 1 and w.isupper() else w.lower() for i, w in enumerate(words)]


def _side_words(words: list[str]) -> set[str]:
    """The content words of a comparison's side, one-letter names ("A") and short names with a
    digit ("L2") included."""
    return _stems(words) | {
        w
        for w in words
        if (len(w) == 1 and w.isupper()) or (len(w) == 2 and w[0].isalpha() and w[1].isdigit())
    }


def _up_to_break(words: list[str]) -> list[str]:
    """The words before the first that ends a comparison's side."""
    out: list[str] = []
    for w in words:
        if w in _PREDICATE_BREAKS:
            break
        out.append(w)
    return out


# Verbs that compare their subject with their object: "X outperforms Y" is "X is better".
_BEATS = {
    **dict.fromkeys(verb_forms("outperform", "surpass", "exceed", "beat", "outpace"), 1),
    **dict.fromkeys(verb_forms("underperform", "trail"), -1),
}


def _sides(text: str) -> list[tuple[str, int, frozenset[str], set[str]]]:
    """Each "X ... more ... than Y" of a text: (what it compares, which way, the content words
    of Y's side up to a break, the content words of X's side).

    >>> [(d, s, sorted(y), sorted(x)) for d, s, y, x in _sides("fine-tuning B is more "
    ...  "effective than fine-tuning A, and a random A works")]
    [('more', 1, ['A', 'fine-'], ['B', 'fine-'])]
    """
    words = _side_tokens(text)
    out = []
    for i, word in enumerate(words):
        if word in _BEATS:
            # "X outperforms Y": X's side before the verb, Y's after it
            against = frozenset(_side_words(_up_to_break(words[i + 1 : i + 5])))
            if against:
                out.append(
                    ("beat", _BEATS[word], against, _side_words(_back_to_break(words, i, 10)))
                )
            continue
        if word != "than" or (i and words[i - 1] == "rather"):
            continue
        against = frozenset(_side_words(_up_to_break(words[i + 1 : i + 5])))
        for j in range(i - 1, max(-1, i - 7), -1):
            if words[j] in _SIDE_BREAKS or not against:
                break
            if words[j] in _COMPARATIVES:
                dimension, sign = _COMPARATIVES[words[j]]
                out.append((dimension, sign, against, _side_words(_back_to_break(words, j, 10))))
                break
    return out


def sides_swapped(sentence: str, premise: str) -> bool:
    """Whether the sentence makes the same comparison as the premise with its sides the other
    way round: what only the premise's "than" side has is on the sentence's first side, and the
    other way ("hard examples invoke stronger X than simple ones" against "simple examples
    invoke stronger X than hard ones"; "fine-tuning A is more effective than fine-tuning B"
    against "fine-tuning B is more effective than fine-tuning A").

    >>> sides_swapped("fine-tuning B is inherently more effective than fine-tuning A",
    ...                "fine-tuning the A matrix is more effective than fine-tuning B")
    True
    >>> sides_swapped("fine-tuning B is more effective than fine-tuning A",
    ...                "fine-tuning B is more effective than fine-tuning A")
    False
    >>> sides_swapped("we find that vanilla L2 regularization outperforms EWC regularization",
    ...                "EWC regularization outperform plain L2 regularization")
    True
    """
    for d, s, against, side in _sides(premise):
        only = against - side
        for d2, s2, against2, side2 in _sides(sentence):
            only2 = against2 - side2
            if d == d2 and s == s2 and only and only2 and only & side2 and only2 & side:
                return True
    return False


# Opposite ends of one scale, by word form: a premise that names both ends ("complex features
# dominate early, simpler ones emerge later") can be told apart from one that swaps them.
_ENDS = [
    ({"simple", "simpler", "simplest"}, {"complex"}),
    ({"easy", "easier", "easiest"}, {"hard", "harder", "hardest", "difficult"}),
    ({"small", "smaller", "smallest"}, {"large", "larger", "largest", "big", "bigger"}),
    ({"shallow", "shallower", "shallowest"}, {"deep", "deeper", "deepest"}),
    ({"early", "earlier", "earliest"}, {"late", "later", "latest"}),
    ({"short", "shorter", "shortest"}, {"long", "longer", "longest"}),
    ({"low", "lower", "lowest"}, {"high", "higher", "highest"}),
    ({"weak", "weaker", "weakest"}, {"strong", "stronger", "strongest"}),
    ({"slow", "slower", "slowest"}, {"fast", "faster", "fastest"}),
    ({"narrow", "narrower"}, {"wide", "wider"}),
    ({"sparse", "sparser"}, {"dense", "denser"}),
    ({"exponential", "exponentially"}, {"polynomial", "polynomially"}),
    ({"linear", "linearly"}, {"quadratic", "quadratically", "superlinear", "superlinearly"}),
]
_END_WORDS = frozenset(w for pair in _ENDS for end in pair for w in end)
_PREDICATE_BREAKS = _SIDE_BREAKS | {"and", "while", "whereas", "but", "than"}


def _said_of(words: list[str], forms: set[str]) -> set[str]:
    """The content words said of a scale's end: those in the four words after it."""
    found: set[str] = set()
    for i, word in enumerate(words):
        if word not in forms:
            continue
        for after in words[i + 1 : i + 5]:
            if after in _PREDICATE_BREAKS:
                break
            if after not in _END_WORDS:
                found |= _stems([after])
    return found


def _ends_swapped(sentence: str, premise: str) -> bool:
    """Whether a premise that says one thing of each end of a scale has the sentence say it of
    the other end ("complex features dominating early, simpler ones emerging later" against
    "simpler features dominate early, and complex features emerge gradually"), or a premise that
    sets two scales at one end each has the sentence set both at the other ("small batch sizes
    paired with high learning rates" against "larger batch sizes paired with lower learning
    rates"; one scale alone is no contradiction: "large models succeed" leaves small ones open).

    >>> _ends_swapped("larger batch sizes paired with lower learning rates improve results",
    ...               "the guide recommends small batch sizes paired with high learning rates")
    True
    >>> _ends_swapped("larger batch sizes work well", "small batch sizes work well")
    False
    >>> _ends_swapped("simpler features dominate early, and complex features emerge gradually",
    ...               "complex features dominate early in training")
    True
    >>> _ends_swapped("small models succeed and large models succeed", "large models succeed")
    False
    """
    said, told = _tokens(premise), _tokens(sentence)
    turned = 0  # scales the premise sets at one end only and the sentence only at the other
    for one, other in _ENDS:
        p_one, p_other = _said_of(said, one), _said_of(said, other)
        if not p_one and not p_other:
            continue
        s_one, s_other = _said_of(told, one), _said_of(told, other)
        if not p_one or not p_other:
            if (p_one and p_one & s_other and not p_one & s_one) or (
                p_other and p_other & s_one and not p_other & s_other
            ):
                turned += 1
            # ... or what it says of its one end the sentence says of the other end and
            # something else of its end ("complex features dominate early" against "simpler
            # features dominate early, and complex features emerge gradually"); what the
            # sentence says of both ends ("features") is what the scale qualifies
            both = s_one & s_other
            said_end, same, other_end = (
                (p_one - both, s_one - both, s_other - both)
                if p_one
                else (p_other - both, s_other - both, s_one - both)
            )
            if said_end & other_end and not said_end & same and same:
                return True
            continue
        only_one, only_other = p_one - p_other, p_other - p_one
        if (only_one & s_other and not only_one & s_one) or (
            only_other & s_one and not only_other & s_other
        ):
            return True
    return turned >= 2


def contrasts(sentence: str, premise: str) -> bool:
    """Whether a sentence sets the premise's comparison the other way: it prefers what the
    premise sets aside ("with data size rather than model size" against "with model size rather
    than with data size"), or says "more ... than Y" where the premise says "fewer ... than Y".

    >>> contrasts("CBS scales primarily with data size rather than model size.",
    ...           "the critical batch size grows mainly with model size rather than with data size")
    True
    >>> contrasts("In TTS, attention, rather than parameter count, is the dominant cost.",
    ...           "parameter count rather than attention is the dominant cost")
    True
    >>> contrasts("SGD finds minima that fit more training data than full-batch gradient descent.",
    ...           "SGD finds minima that fit fewer training samples than full-batch descent")
    True
    >>> contrasts("CBS scales primarily with data size rather than model size.",
    ...           "critical batch size scales primarily with model size")
    True
    >>> contrasts("CBS scales primarily with data size rather than model size.",
    ...           "critical batch size scales primarily with data size")
    False
    >>> contrasts("It is faster than full fine-tuning.", "it is faster than full fine-tuning")
    False
    >>> contrasts("On synthetic data, simple examples invoke stronger compositionality than hard "
    ...           "examples do.", "hard examples invoke stronger compositionality than simple ones")
    True
    >>> contrasts("Hard data is generally noisier and costlier to collect.",
    ...           "hard data is generally cleaner and cheaper to collect than easy data")
    True
    >>> contrasts("We find that simpler features dominate early in training, and more complex "
    ...           "features emerge gradually.", "complex features dominating early in training, "
    ...           "with the simpler features only emerging later")
    True
    >>> contrasts("We find that complex features dominate early.",
    ...           "complex features dominate early, simple features later")
    False
    >>> contrasts("Complex concepts are acquired in deeper layers.",
    ...           "complex concepts are acquired in deeper layers than simple ones")
    False
    """
    swapped = any(
        a & b2 and b & a2 for a, b in _alternatives(premise) for a2, b2 in _alternatives(sentence)
    )
    # "primarily with model size" against "primarily with data size rather than model size":
    # what the premise says matters most is what the sentence sets aside.
    if _MAINLY.search(premise):
        stated = set(_tokens(premise))
        swapped = swapped or any(
            b2 & stated and not a2 & stated for a2, b2 in _alternatives(sentence)
        )
    said = _compared(sentence)
    if swapped or any(said.get(t) == -sign for t, sign in _compared(premise).items()):
        return True
    if sides_swapped(sentence, premise):
        return True
    if _ends_swapped(sentence, premise) or _roles_swapped(sentence, premise):
        return True
    # The opposite comparative in the same frame: "hard data is cleaner and cheaper to
    # collect" against "hard data is noisier and costlier to collect".
    return any(
        d == d2 and s == -s2 and t and t == t2 and before & before2
        for d, s, t, before in _frames(premise)
        for d2, s2, t2, before2 in _frames(sentence)
    )


_MAINLY = re.compile(
    r"\b(?:primarily|mainly|mostly|chiefly|predominantly|largely|principally)\b", re.I
)


# Two cases set against each other in one sentence: "X helps A tasks, in contrast to B tasks,
# where X hurts".
_SET_AGAINST = re.compile(
    r"\b(?:in\s+contrast\s+to|unlike|as\s+opposed\s+to|whereas|while|but)\b", re.I
)


def _roles_swapped(sentence: str, premise: str) -> bool:
    """Whether a sentence contrasts two cases with opposite outcomes and the premise gives one
    case the other's outcome: "the benefit of deep networks for classification tasks, in
    contrast to regression tasks, where excessive depth is harmful" against "why does depth
    hurt classification?". The cases are the words before a head both sides share ("tasks").

    >>> _roles_swapped("We show the benefit of deep networks for classification tasks, in "
    ...     "contrast to regression tasks, where excessive depth is harmful.",
    ...     "excessive depth hurt networks on classification tasks")
    True
    >>> _roles_swapped("We show the benefit of deep networks for classification tasks, in "
    ...     "contrast to regression tasks, where excessive depth is harmful.",
    ...     "excessive depth hurt regression tasks")
    False
    """
    premise = first_case(premise)
    wanted = polarity(premise)
    parts = _SET_AGAINST.split(sentence, maxsplit=1)
    if not wanted or len(parts) != 2 or _NEGATORS & set(_tokens(premise)):
        return False
    sides = [(_tokens(part), polarity(part)) for part in parts]
    if sides[0][1] * sides[1][1] != -1:
        return False
    said = [w[:5] for w in _tokens(premise)]

    def cases(words: list[str], other: list[str]) -> set[str]:
        """The words just before a head the other side shares ("classification" of "tasks")."""
        shared = {w for w in words if tokenize(w)} & set(other)
        return {
            words[i - 1][:5]
            for i, w in enumerate(words)
            if i > 0 and w in shared and tokenize(words[i - 1]) and words[i - 1] not in other
        }

    (first, outcome), (second, _) = sides
    opposite, same = (first, second) if outcome == -wanted else (second, first)
    a, b = cases(opposite, same), cases(same, opposite)
    if not a or not b:
        return False
    at = min((said.index(w) for w in a if w in said), default=None)
    bt = min((said.index(w) for w in b if w in said), default=None)
    return at is not None and (bt is None or at < bt)


@dataclass(frozen=True)
class Intent:
    """The answer a question calls for: "plain" (a cited answer about one paper), "list"
    (every paper that fits a topic) or "metadata" (a query over the listing: `meta`)."""

    kind: str
    topic: str
    verb: str | None = None  # a list topic's leading verb ("tune" in "tune learning rates")
    meta: MetaQuery | None = None
    bare: bool = False  # a topic typed as into a search box: asked about one paper if no list fits
    surveys: bool = False  # a list of survey or review papers only (`assistant/surveys.py`)


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
    if prefix is None or re.search(
        r"\b(?:about|on|of|to|with|regarding)\s*$", prefix.group(0), re.I
    ):
        return None
    words = topic.split()
    if len(words) < 2 or not words[0].isalpha() or words[0].lower() in _NOT_VERBS:
        return None
    return words[0].lower()


_TRAILING_ASK = re.compile(
    r"[,;]?\s+and\s+(?:what|which|how|when|where|who|do|does|did|is|are)\b.*$", re.I
)


_HERE = re.compile(
    r"\s+(?:in\s+(?:the|this|our)\s+(?:collection|corpus|library)|(?:in\s+)?here)\s*$", re.I
)


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


# A second sentence after the topic ("... to cut memory. Which papers do this?", "Are there
# papers on X? Which ones?", "... on X? List them."), not an abbreviation's full stop ("e.g.
# LoRA").
_NEXT_SENTENCE = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\bet al)\.\s+[A-Z].*$"
    # after a question mark only a follow-up request: not a title's subtitle ("When Do Prompting
    # and Prefix-Tuning Work? A Theory ...") nor a name ("Yahoo! Answers")
    r"|[?!]\s+(?i:which|what|list|name|show|give|please|can|could|and)\b.*$"
)


# Words that ask a list for surveys: "survey papers", "surveys", "literature reviews", "survey
# or review articles", "broad overviews of the literature".
_ASKS_FOR_SURVEYS = re.compile(
    r"\b(?:surveys|overviews)\b"
    r"|\b(?:survey|review)(?:\s+or\s+(?:survey|review))?\s+(?:papers|articles|works|studies)\b"
    r"|\bliterature\s+reviews?\b|\breviews\s+of\s+the\s+literature\b",
    re.I,
)
# What a request for "the survey papers" says besides the kind it asks for.
_NOT_A_SUBJECT = frozenset(
    ("which", "what", "list", "show", "find", "name", "give", "me", "us", "all", "the", "are",
     "is", "there", "any", "papers", "articles", "works", "studies", "publications",
     "literature", "collection", "corpus", "listing", "here", "or", "and", "of", "in")
)  # fmt: skip
_KINDS_ASKED = frozenset(("survey", "surveys", "review", "reviews", "overview", "overviews"))


def asks_for_surveys(question: str) -> bool:
    """Whether a list question asks for survey or review papers only.

    >>> asks_for_surveys("Are there survey papers on mixture-of-experts models?")
    True
    >>> asks_for_surveys("Which papers review strategies for active learning?")
    False
    """
    return bool(_ASKS_FOR_SURVEYS.search(question))


def surveys_only(question: str) -> bool:
    """Whether a question asks for every survey or review, on no particular topic.

    >>> surveys_only("List the survey or review papers in the collection.")
    True
    >>> surveys_only("Which papers are survey or review articles?")
    True
    >>> surveys_only("Are there survey papers on active learning?")
    False
    """
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", question)]
    return (
        asks_for_surveys(question)
        and any(w in _KINDS_ASKED for w in words)
        and all(w in _KINDS_ASKED or w in _NOT_A_SUBJECT for w in words)
    )


# A topic, then a bare ask for its papers: "Knowledge distillation: which papers?",
# "CAD generation - any papers?"
_TOPIC_THEN_ASK = re.compile(
    r"^\s*(?P<topic>[^:?.!]{3,120}?)\s*(?::|\s[-\u2013\u2014]\s)\s*(?:so\s+)?"
    r"(?:which|what|any)\s+(?:papers|works|studies|articles)"
    r"(?:\s+(?:(?:are\s+there\s+)?(?:in\s+)?here|in\s+the\s+(?:corpus|collection)))?\s*\?\s*$",
    re.I,
)
_ONE_PAPER_NAMED = re.compile(r"\b(?:paper|study|article|abstract)\b", re.I)
# "Does any paper study X? Which (ones)?": whether any paper does, and which ones do.
_ANY_PAPER = re.compile(
    r"^\s*(?:does|do|did)\s+any\s+(?:paper|work|study|article|abstract)s?\s+"
    r"(?:(?:in\s+)?here\s+|in\s+the\s+(?:corpus|collection|library)\s+)?(?P<rest>[^?]+)\?"
    r"\s*(?:(?:and\s+)?(?:if\s+so,?\s+)?(?:which|what)(?:\s+(?:ones?|papers?))?)\s*\??\s*$",
    re.I,
)
# A heading before the question proper: "Low-precision numerics: which papers study ...?"
_HEADING = re.compile(r"^\s*(?P<heading>[^:?.!]{3,60}?):\s+(?P<rest>\S.*)$")


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
    >>> parse_intent("List all the federated learning papers.").topic
    'federated learning'
    >>> parse_intent("Finance applications: which papers target investment decisions?").topic
    'target investment decisions'
    """
    text = " ".join(question.split())
    meta = parse_meta(text)
    if meta is not None:
        return Intent("metadata", meta.topic, meta=meta)
    if surveys_only(text):
        return Intent("list", "survey or review papers", surveys=True)
    surveys = asks_for_surveys(text)
    bare = _TOPIC_THEN_ASK.match(text)
    if (  # "Knowledge distillation: which papers?" (not "The LoRA paper: which papers?")
        bare
        and _topical(bare["topic"])
        and not _ONE_PAPER_NAMED.search(bare["topic"])
        and not _NOT_BARE.match(bare["topic"])
    ):
        return Intent("list", bare["topic"].strip(), surveys=surveys)
    before = _TOPIC_BEFORE_NOUN.match(text)
    if before and _topical(before["topic"]):
        return Intent("list", before["topic"].strip(), surveys=surveys)
    named = _TOPIC_PAPERS.match(text)
    if (
        named
        and _topical(named["topic"])
        and (named["lead"] or not _NOT_BARE.match(text))
        # not one paper's part ("the main findings of the LoRA papers", "the authors of LoRA
        # papers"), a counted few, a verb ("Cite LoRA papers?") or a rating alone ("Any good
        # papers?", "What are the most cited papers?")
        and not _PART_OF_PAPERS.search(named["topic"])
        and named["topic"].split()[0].lower() not in _COUNTING
        and any(w.lower() not in _RATINGS for w in re.findall(r"[A-Za-z][\w-]*", named["topic"]))
    ):
        return Intent("list", named["topic"].strip(), surveys=surveys)  # "LoRA papers?"
    anyone = _ANY_PAPER.match(text)
    if anyone:  # "Does any paper study X? Which?"
        topic = anyone["rest"].strip()
        return Intent("list", topic, verb=list_verb(f"Which papers {topic}?", topic))
    heading = _HEADING.match(text)
    if heading and not _LIST.search(text) and _LIST.search(heading["rest"]):
        text = heading["rest"]  # "Finance applications: which papers ...?" asks the question
    # "Which papers prune LLMs? A bullet list is fine.": the form asked for is no topic (though
    # "... on X? List them." is what makes a list)
    plain = re.sub(
        r"[\s,(\u2013-]*\bif\s+any(?:\s+at\s+all)?[\s,)\u2013-]*", " ", without_form_sentences(text)
    )  # "Which papers, if any, X?"
    if _LIST.search(text):
        topic = topic_of_list(plain) or plain
        if _ONE_PAPER.match(topic):  # "Find the work in the LoRA paper": that paper's
            return Intent("plain", text)
        return Intent("list", topic, verb=list_verb(plain, topic), surveys=surveys)
    held = _CORPUS_ON.match(plain)
    if held:  # "What does the corpus have on X?": what the collection holds on X, as a list
        topic = (held["topic"] or held["rest"]).split("?")[0].strip(" .")
        # "the work that combines X" leads with its verb, as "Which papers combine X?" does
        verb = list_verb(f"Which papers {topic}?", topic) if held["rest"] else None
        return Intent("list", topic, verb=verb, surveys=surveys)
    asked = _ASKED_KIND.match(plain)
    if asked:  # "List the interpretability papers that reverse-engineer networks", as "which"
        kind = asked["kind"] or asked["bare"]
        return Intent("list", f"{kind} {asked['rest']}".strip(" ?."), surveys=surveys)
    qualified = _QUALIFIED_KIND.match(text)
    if qualified:  # the kind of work stays in the topic: "continual-learning methods avoid ..."
        return Intent("list", text[qualified.start(1) :].strip(" ?."), surveys=surveys)
    if is_bare_topic(text):  # typed as into a search box: "LLMs for generating CAD models"
        topic = _BARE_NOUN.sub("", text).strip(" .")
        return Intent("list", topic, bare=True, surveys=surveys)
    return Intent("plain", text)


# A list topic that is one paper: "the LoRA paper", "this study".
_ONE_PAPER = re.compile(
    r"^\s*(?:the|this|that)\s+(?:[\w-]+\s+){0,4}?(?:paper|study|article|abstract|preprint)\s*$",
    re.I,
)
# Words before "papers" that count, point or name a kind of paper, not a topic.
_COUNTING = frozenset(
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "few",
     "several", "many", "some", "these", "those", "such", "following", "above", *_KINDS_OF_PAPER)
)  # fmt: skip


def _topical(words: str) -> bool:
    """Whether words before "papers" name a topic ("federated learning"), not a count, a
    pointer or a kind of paper ("the two", "these", "survey or review").

    >>> _topical("federated learning"), _topical("two"), _topical("survey or review")
    (True, False, False)
    """
    return any(
        w.lower() not in _COUNTING and w.lower() not in STOPWORDS and len(w) > 2
        for w in re.findall(r"[A-Za-z][\w-]*", words)
    )


# What opens a question or a request rather than a topic ("Summarize ...", "In two sentences,
# ...", "TL;DR of ...", "How does ...").
_NOT_BARE = re.compile(
    r"^\s*(?:summari[sz]e|describe|explain|tell|give|compare|contrast|list|find|show|name|"
    r"recommend|suggest|get|please|can|could|would|i|i'?m|i'?d|in|tl;?dr|tldr|briefly|what|which|"
    r"collect|gather|compile|pull|"
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
    >>> is_bare_topic("High-level summary of the einspace paper, please.")
    False
    """
    return (
        "?" not in text
        and len(text.split()) <= 12
        and not _NOT_BARE.match(text)
        and not asks_for_summary(text)  # "High-level summary of the X paper, please."
    )


_WORD = re.compile(r"(?<![\w-])[A-Za-z][\w-]*")  # a whole word: "3B-7B" names nothing


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


# A name of two to five capitalized words inside a sentence ("... introduced Direct Preference
# Optimization"); a sentence's first word is no name.
# Two to five capitalized words ("Long Range Arena", "Direct Preference Optimization").
TITLE_WORDS = r"(?:[A-Z][a-z]+(?:-[A-Za-z]+)?\s+){1,4}[A-Z][a-z]+(?:-[A-Za-z]+)?"
_TITLE_NAME = re.compile(rf"(?<=[a-z0-9,;:(\"'] )({TITLE_WORDS})\b")


def title_names(text: str) -> list[str]:
    """Names written as capitalized words inside a sentence.

    >>> title_names("Summarize the paper that introduced Direct Preference Optimization.")
    ['Direct Preference Optimization']
    >>> title_names("Neural Networks are used. It runs on Long Range Arena and ImageNet.")
    ['Long Range Arena']
    """
    return list(dict.fromkeys(" ".join(n.split()) for n in _TITLE_NAME.findall(text)))


def name_in_title(title: str) -> str:
    """The name a title gives before its colon, of at most four words ("Adafactor: Adaptive
    Learning Rates ..."); "" when it gives none.

    >>> name_in_title("Adam: A Method for Stochastic Optimization"), name_in_title("Go Wider")
    ('Adam', '')
    """
    head, colon, _ = title.partition(":")
    name = head.strip()
    return name if colon and name and len(name.split()) <= 4 else ""


def named_by_title(question: str, title: str) -> bool:
    """Whether a question names a paper by the name its title gives before a colon ("the
    Adafactor paper" for "Adafactor: Adaptive Learning Rates ...").

    >>> named_by_title("What does the Adam paper propose?", "Adam: A Method for Optimization")
    True
    >>> named_by_title("What does the Adam paper propose?", "Go Wider Instead of Deeper")
    False
    """
    name = name_in_title(title)
    return bool(name) and mentions(name, question)


_QUOTED = re.compile(
    r"(?<![\w])['\"\u2018\u201c]([^'\"\u2019\u201d]{3,120}?)['\"\u2019\u201d](?![\w])"
)


def quoted_names(text: str) -> list[str]:
    """Titles or names a text quotes: the quoted spans of two or more words.

    >>> quoted_names("How many authors does 'Attention Is All You Need' list? Not 'it'.")
    ['Attention Is All You Need']
    >>> quoted_names("What did the authors' method do?")
    []
    """
    return [q.strip() for q in _QUOTED.findall(text) if len(q.split()) >= 2]


def acronyms_in(text: str) -> list[str]:
    """Upper-case acronyms of a text that name something specific (not "LLM" or "GPU").

    >>> acronyms_in("What BLEU did it get on WMT with GPUs and LLMs?")
    ['BLEU', 'WMT']
    >>> acronyms_in("rules like 'rash AND penicillin' or NOT gates")
    []
    """
    found = [a.rstrip("s") if a.endswith("s") else a for a in _ACRONYM.findall(text)]
    # ... nor a logical word set in capitals ("rules like 'rash AND penicillin'", "NOT")
    return list(
        dict.fromkeys(
            a for a in found if a.upper() not in _COMMON_ACRONYMS and a.upper() not in _LOGICAL
        )
    )


_LOGICAL = frozenset({"AND", "OR", "NOT", "NOR", "XOR"})


def mentions(name: str, text: str) -> bool:
    """Whether a text mentions a name: as written (case, hyphens and spacing aside), by each of
    its parts ("multi-GPU" in "multiple GPUs"), or an acronym spelled out by initials ("RKHS" in
    "reproducing kernel Hilbert space").

    >>> mentions("KV-cache", "a kv cache"), mentions("multi-GPU", "on multiple GPUs")
    (True, True)
    >>> mentions("RKHS", "a reproducing kernel Hilbert space"), mentions("AlexNet", "Alex's net")
    (True, False)
    >>> mentions("Direct Preference Optimization", "We improve DPO."), mentions("Direct Search", "DS")
    (True, False)
    >>> mentions("Sensibleness and Specificity Average", "It scores 79% SSA.")
    True
    >>> mentions("MoE", "FFNs swapped for mixture-of-experts")
    True
    >>> mentions("Vision Transformers", "Pooling for the Vision Transformer")
    True
    >>> mentions("implicit-CoT", "a model trained with implicit chain-of-thought")
    True
    >>> mentions("LIMIT", "the limitations of embeddings"), mentions("LIMIT", "on LIMIT-small")
    (False, True)
    >>> mentions("LIMIT", "We limit the cost."), mentions("ELBO", "a reweighted ELBo")
    (False, True)
    """
    flat, want = _flat(text), _flat(name)
    acronym = name.isalpha() and name.isupper() and len(name) >= 3
    if not acronym and (want in flat or want.replace(" ", "") in flat.replace(" ", "")):
        return True
    words = re.findall(r"[a-z0-9]+", flat)
    if acronym:
        # An acronym written in capitals is that acronym, as a word ("LIMIT" is not the
        # "limitations" of another abstract), or its words spelled out.
        written = re.findall(rf"(?<![A-Za-z]){name}s?(?![A-Za-z])", text, re.I)
        if any(sum(c.isupper() for c in w) >= 2 for w in written):  # "ELBo" is "ELBO"
            return True
        return _initials_of(name, words)
    parts = [p for p in want.split() if len(p) >= 2]

    # Each part as written, in the singular ("Vision Transformers" in "Vision Transformer"), or
    # an acronym part spelled out ("implicit-CoT" in "implicit chain-of-thought").
    def singular(part: str) -> str:
        return part[:-1] if part.endswith("s") and len(part) > 3 else part

    stems = [singular(p) for p in parts]
    capitals = {
        singular(p.lower()) for p in re.split(r"[-_/\s]+", name) if sum(c.isupper() for c in p) > 1
    }
    if len(parts) > 1 and all(
        any(w.startswith(p) for w in words) or (p in capitals and spelled_out(p, text))
        for p in stems
    ):
        return True
    if name.isalpha() and len(name) >= 3 and sum(c.isupper() for c in name) >= 2:
        return _initials_of(name, words)
    # A name of several words the text writes as its acronym ("direct preference optimization"
    # as "DPO").
    if len(parts) < 2:
        return False
    expanded = expanded_words(name, text)
    return all(covered(p, expanded) for p in parts if p not in STOPWORDS)


def _initials_of(name: str, words: list[str]) -> bool:
    """Whether an acronym is spelled out by the initials of consecutive words ("of", "and" may
    sit between them, or count: "MoE" is "mixture of experts")."""
    initials = "".join(w[0] for w in words if len(w) > 3 or w not in {"of", "and", "the"})
    return name.lower() in initials or _spelled_with_links(name, words)


_LINK_WORDS = frozenset({"of", "and", "for", "to", "the", "in", "on"})


def _spelled_with_links(name: str, words: list[str]) -> bool:
    """Whether consecutive words spell a mixed-case acronym, its capitals by content words and
    its small letters by link words ("MoE": "mixture of experts").

    >>> _spelled_with_links("MoE", "a mixture of experts layer".split())
    True
    >>> _spelled_with_links("MoE", "models of each".split())
    False
    """
    size = len(name)

    def fits(letter: str, word: str) -> bool:
        link = word in _LINK_WORDS
        if letter.islower():
            return link and word[0] == letter
        return word[0] == letter.lower() and word not in STOPWORDS

    return any(
        all(fits(c, w) for c, w in zip(name, words[i : i + size], strict=True))
        for i in range(len(words) - size + 1)
    ) and any(c.islower() for c in name)


def unmentioned(names: list[str], texts: list[str]) -> list[str]:
    """The names that none of the texts mention (see `mentions`).

    >>> unmentioned(["AlexNet", "KV-cache", "GPT-4"], ["a kv cache for gpt 4", "Alex's net"])
    ['AlexNet']
    """
    text = " ".join(texts)
    return [n for n in names if not mentions(n, text)]
