"""Questions about the listing (author counts, dates, author names, venues) as queries: pure
parsing, no models.

    parse_meta("Which papers list more than 10 authors?")
    -> MetaQuery(field="authors", op=">", values=(10,), want="papers", topic="")
    parse_meta("Among the papers on differential privacy, which lists the most authors?")
    -> MetaQuery(field="authors", op="max", want="papers", topic="differential privacy")

A query with no topic is over the whole listing; with one, over the papers on that topic.
Table-tested in tests/unit/test_metaquery.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, get_args

from .sources.daily_papers import MONTHS

# Fields a paper's entry may carry (a reference library's names and venue) but that are no
# listing rule: only asked of one paper ("Who wrote ...?", "Which venue published ...?").
DetailField = Literal[
    "names",
    "venue",
    "affiliations",
    "organization",
    "upvotes",
    "citations",
    "funding",
    "license",
]
Field = Literal["authors", "published", "year", DetailField]
DETAIL_FIELDS: tuple[str, ...] = get_args(DetailField)
Op = Literal["max", "min", "value", "==", "<", ">", "<=", ">=", "between", "month", "list"]

_WORD_NUMBERS = {
    "one": 1, "a single": 1, "single": 1, "a sole": 1, "sole": 1, "two": 2, "three": 3,
    "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_N = r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_YEAR = r"((?:19|20)\d\d)"
# "in February 2023", "in Feb. 2023": a month of a year (values: the year, the month's number).
_MONTH = re.compile(
    r"\b(?:in|during|from)\s+("
    + "|".join(m[:3] + (m[3:] and f"(?:{m[3:]}|\\.)?") for m in MONTHS)
    + r")\s+"
    + _YEAR
    + r"\b",
    re.I,
)


@dataclass(frozen=True)
class MetaQuery:
    """What a metadata question asks of the listing."""

    field: Field
    op: Op
    values: tuple[int, ...] = ()  # the number(s) or year(s) the rule compares with
    want: Literal["papers", "count", "value"] = "papers"  # which papers, how many, or a value
    topic: str = ""  # "" = the whole listing
    count: int | None = None  # "of the two surveys": how many papers it chooses among


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else _WORD_NUMBERS[word]


# (pattern, field, op): the first that matches decides; the most specific come first.
_RULES: list[tuple[re.Pattern[str], Field, Op]] = [
    # What one paper's entry may or may not carry comes first: "Which university are the three
    # authors affiliated with?" asks for affiliations, not for papers with three authors.
    (
        re.compile(
            r"\b(?:(?:in|at)\s+)?(?:which|what)\s+(?:publication\s+)?(?:venue|conference|journal|"
            r"workshop|proceedings)(?:\s+or\s+(?:venue|conference|journal|workshop|proceedings))?(?=\s+(?:was|were|did|is|has|had|published|accepted|"
            r"presented|hosted|featured|carried)\b|\s*\?)|\bwhere\s+(?:was|were|did)\b.*\b(?:publish(?:ed)?|appear(?:ed)?|"
            r"presented)\b|\bpublication\s+venue\b",
            re.I,
        ),
        "venue",
        "value",
    ),
    # "Which organization is credited in the listing for X?": the organization a listing entry
    # names (a Daily Papers page credits some papers to one, "Cohere Labs"), not affiliations.
    (
        re.compile(
            r"\b(?:which|what)\s+(?:organi[sz]ations?|orgs?|labs?|compan(?:y|ies)|"
            r"institutions?)\b[^?]*?\b(?:credited|listed|tagged|attributed|(?:(?:shown|displayed|"
            r"printed|appears?)\s+)?(?:on|in|under)\s+(?:the|its)\s+(?:listing|entry))\b|"
            r"\borgani[sz]ation\s+(?:tag|label|credit|name|line)\b|"
            # "X is listed under an organization. Which organization is shown?"
            r"^(?=.*\b(?:listing|listed|entry)\b).*\b(?:which|what)\s+organi[sz]ation\b|"
            r"\b(?:credited|attributed)\s+to\s+(?:which|what)\b|\blisting\s+(?:credits?|"
            r"attributes?|names?)\b[^?]*\borgani[sz]ation",
            re.I,
        ),
        "organization",
        "value",
    ),
    # "How many upvotes does the listing show for X?": the number a Daily Papers page prints after
    # an entry's date (not "the most upvoted paper", which no rule compares)
    (
        re.compile(
            # (not the upvotes of a dataset's posts or comments, a preference signal)
            r"^(?!.*\b(?:dataset|reddit|comments?|posts?|threshold|signal|reward|annotat\w*|raters?|"
            r"workers?|users?|participants?)\b)(?:"
            r".*\b(?:how\s+many|number\s+of|count\s+of)\s+up-?votes\b|.*\bup-?vote\s+(?:count|number|tally)\b"
            r"|.*\bup-?votes?\s+(?:does|did|do|has|have|had|shown|listed)\b"
            # ... "votes" or "likes" of a listing entry, not those a study's raters cast
            r"|(?=.*\b(?:listing|listed|entry|daily\s+papers)\b)"
            r".*(?:\b(?:how\s+many|number\s+of|count\s+of)\s+(?:votes|likes)\b|\b(?:vote|like)\s+"
            r"(?:count|number|tally)\b))",
            re.I,
        ),
        "upvotes",
        "value",
    ),
    (
        re.compile(
            r"\baffiliat\w*|"
            # "In which country are the authors based?", "Where are the authors from?"
            r"\b(?:which|what)\s+(?:country|countries|city|cities|nation|continent|region)\b[^?]*"
            r"\bauthors?\b|\bauthors?\s+(?:are|were|is|was)\s+(?:\w+\s+){0,2}?(?:based|located|"
            r"headquartered)\b|\bwhere\s+(?:are|"
            r"were|is|was|do|does|did)\s+[^?]*?\bauthors?\b[^?]*\b(?:from|based|located|work)\b|"
            r"\bnationalit(?:y|ies)\b|\b(?:which|what)\s+(?:institutions?|universit(?:y|ies)|"
            r"organi[sz]ations?)\b[^?]*\bauthors?\b"
            # "Which company built X?", "what lab is behind it?": who made it, not its content
            r"|\b(?:which|what)\s+(?:companies|company|labs?|organi[sz]ations?|institutions?|"
            r"universit(?:y|ies)|firms?)\s+(?:\w+\s+)?(?:built|developed|created|made|released|"
            r"produced|is\s+behind|was\s+behind|are\s+behind|(?:is|was)\s+responsible)\b",
            re.I,
        ),
        "affiliations",
        "value",
    ),
    (
        re.compile(
            r"\bhow\s+many\s+(?:times\s+)?(?:citations|cites)\b|\bcitation\s+(?:count|number)s?\b"
            r"|\bnumber\s+of\s+citations\b|\bhow\s+(?:often|many\s+times)\s+(?:has|have|had|was|is)"
            r"\b[^?]*\b(?:paper|work|article|study)\b[^?]*\bcited\b",
            re.I,
        ),
        "citations",
        "value",
    ),
    (
        re.compile(
            r"\b(?:which|what)\s+(?:\w+\s+)?(?:funding|funders?|grants?|sponsors?|agenc(?:y|ies))\b"
            r"|\bfunded\s+by\b|\bwho\s+(?:funded|sponsored)\b|\b(?:supported|sponsored)\s+by\s+"
            r"(?:which|what)\b|\bfunding\s+(?:agenc(?:y|ies)|sources?|bod(?:y|ies))\b",
            re.I,
        ),
        "funding",
        "value",
    ),
    (
        re.compile(
            r"\b(?:which|what)\s+(?:\S+\s+){0,2}?licen[sc]es?\b|\blicen[sc]ed\s+under\b|"
            r"\bunder\s+(?:which|what)\s+(?:\S+\s+){0,2}?licen[sc]e\b",
            re.I,
        ),
        "license",
        "value",
    ),
    (
        re.compile(
            r"\b(?:single|sole|solo|one)[- ]author(?:ed)?\b|\bsolo\s+authors?\b|"
            r"\b(?:by|with|lists?|has|have)\s+"
            r"(?:only\s+)?(?:a\s+single|a\s+sole|one|just\s+one|a)\s+author\b",
            re.I,
        ),
        "authors",
        "==",
    ),
    (re.compile(rf"\b(?:at\s+least|{_N}\s+or\s+more)\s+(?:{_N}\s+)?authors\b", re.I), "authors", ">="),
    (re.compile(rf"\b(?:more\s+than|over)\s+{_N}\s+authors\b", re.I), "authors", ">"),
    (re.compile(rf"\b(?:fewer|less)\s+than\s+{_N}\s+authors\b", re.I), "authors", "<"),
    (re.compile(rf"\b(?:at\s+most|{_N}\s+or\s+fewer)\s+(?:{_N}\s+)?authors\b", re.I), "authors", "<="),
    (re.compile(rf"\bexactly\s+{_N}\s+authors?\b|\b{_N}\s+authors\b", re.I), "authors", "=="),
    (re.compile(r"\b(?:most|largest\s+number\s+of|more)\s+(?:co-?)?authors\b|\b(?:largest|longest|biggest)\s+(?:author\s+(?:list|count|team)|team)\b", re.I), "authors", "max"),
    (re.compile(r"\b(?:fewest|least|smallest\s+number\s+of|fewer)\s+(?:co-?)?authors\b|\b(?:smallest|shortest)\s+(?:author\s+(?:list|count)|team)\b", re.I), "authors", "min"),
    (re.compile(rf"\bbetween\s+{_YEAR}\s+and\s+{_YEAR}\b|\bfrom\s+{_YEAR}\s+(?:to|until|through)\s+{_YEAR}\b", re.I), "year", "between"),
    (re.compile(rf"\b{_YEAR}\s+or\s+(?:earlier|before)\b|\bno\s+later\s+than\s+{_YEAR}\b|\buntil\s+{_YEAR}\b|\bup\s+to\s+{_YEAR}\b", re.I), "year", "<="),
    (re.compile(rf"\b{_YEAR}\s+or\s+(?:later|after)\b|\bno\s+earlier\s+than\s+{_YEAR}\b|\bsince\s+{_YEAR}\b", re.I), "year", ">="),
    (
        re.compile(
            r"\b(?:earliest|oldest|first\s+(?:published|to\s+appear|posted|listed)|(?:appeared|"
            r"published|came\s+out|released|posted|listed|submitted)\s+(?:first|earliest))\b",
            re.I,
        ),
        "published",
        "min",
    ),
    (re.compile(r"\b(?:latest|newest|most\s+recent(?:ly)?|last\s+(?:published|to\s+appear))\b", re.I), "published", "max"),
    (re.compile(rf"\bbefore\s+{_YEAR}\b", re.I), "year", "<"),
    (re.compile(rf"\bafter\s+{_YEAR}\b", re.I), "year", ">"),
    (
        re.compile(
            rf"\b(?:in|during|from|dated)\s+{_YEAR}\b|\b{_YEAR}\s+(?:listing|publication|posting)\s+"
            r"dates?\b",
            re.I,
        ),
        "year",
        "==",
    ),
    (
        re.compile(
            r"\b(?:when\s+(?:was|were|did|is)|(?:what|which)\s+(?:year|date|month)|in\s+(?:what|which)"
            r"\s+year|on\s+what\s+date)\b.*\b(?:published|released|appear(?:ed|s)?|c[oa]me\s+out|"
            r"posted|listed|submitted|dated)\b|\b(?:publication|posting|listing)\s+(?:date|year)\b",
            re.I,
        ),
        "published",
        "value",
    ),
    (
        re.compile(
            r"\bwho\s+(?:are|were|is|was)\s+(?:the\s+|its\s+|their\s+)?(?:(?:first|lead|last|"
            r"senior|corresponding|and)\s+){0,3}(?:co-?)?authors?\b|\bwho\s+(?:co-?wrote|wrote|authored)\b"
            r"|\bwho\s+(?:\w+\s+){0,8}?(?:written|authored)\s+by\b|\b(?:names?\s+of\s+(?:the\s+|"
            r"its\s+|their\s+)?(?:co-?)?authors|authors'?\s+names|author\s+names)\b|\b(?:list|name)"
            r"\s+(?:the\s+|its\s+|their\s+)(?:(?:first|last|lead|senior|corresponding|and)\s+){0,3}"
            r"(?:co-?)?authors?\b|\bwhich\s+(?:people|researchers|"
            r"authors)\s+(?:co-?wrote|wrote|authored)\b",
            re.I,
        ),
        "names",
        "value",
    ),
    # "On what date does the listing show X?": a date, whatever the verb.
    (re.compile(r"\bon\s+(?:what|which)\s+(?:date|day)\b|\bwhat\s+(?:is|was)\s+the\s+date\s+of\b"
                # "What date is shown for X?", "What submission date does the listing give?"
                r"|\b(?:what|which)\s+(?:(?:publication|submission|posting|listing|entry|arxiv)\s+)?date\s+"
                r"(?:(?:is|was)\s+(?:shown|listed|given|displayed|printed)|(?:does|did|do)\s+(?:the\s+)?(?:listing|entry|page))\b",
                re.I), "published", "value"),
    # Last: "which is the oldest paper, and how many authors does it have?" is about the oldest.
    (
        re.compile(
            r"\bhow\s+many\s+(?:co-?)?authors\b|\bhow\s+many\s+(?:people|researchers|persons|"
            r"contributors|names)\s+(?:\w+\s+){0,6}?(?:co-?wrote|co-?authored|wrote|authored|"
            r"are\s+listed|list(?:s|ed)?|author\s+list)\b|\bauthor\s+count\b|\bnumber\s+of\s+"
            r"(?:co-?)?authors\b|\b(?:how\s+(?:large|big)\s+is|size\s+of)\s+the\s+author\s+"
            r"(?:team|list)\b",
            re.I,
        ),
        "authors",
        "value",
    ),
]  # fmt: skip
_DATE_WORDS = re.compile(
    r"\b(?:appeared|published|released|came\s+out|dated?|dates|listed|posted|submitted)\b"
    r"|\b(?:papers?|works?|studies|articles|entries)\s+(?:from|of)\s+(?:19|20)\d\d\b",
    re.I,
)
# "how many papers", "how many single-author papers" (not "how many authors does the paper").
_COUNT = re.compile(
    r"\bhow\s+many\s+(?:of\s+the\s+)?(?:(?!authors\b)[\w-]+\s+){0,2}?"
    r"(?:papers|works|articles|studies|entries)\b",
    re.I,
)
_STATED_COUNT = re.compile(
    rf"\b(?:among|of|between)\s+(?:the\s+|these\s+|those\s+)?(?!(?:19|20)\d\d\b){_N}\b"
    r"(?!\s+authors)",
    re.I,
)
# What a metadata question says apart from its topic.
_NOISE = re.compile(
    r"\b(?:which|what|who|whose|how\s+many|how\s+(?:large|big)|how|is|are|was|were|has|have|had|does|do|did|the|a|an|"
    r"of|among|in|on|about|for|that|these|those|this|there|any|all|every|each|only|just|paper|papers|"
    r"listings|acknowledged|acknowledges|acknowledge|licen[sc]es?|licen[sc]ed|open-source|"
    r"companies|company|labs?|firms?|built|developed|created|behind|responsible|under|"
    r"work|works|study|studies|article|articles|entries|entry|one|ones|collection|corpus|listing|"
    r"list|lists|listed|index|indexed|author|authors|authored|written|wrote|by|with|most|fewest|"
    r"least|more|fewer|less|than|at|or|and|earlier|later|before|after|since|until|between|"
    r"to|from|through|up|no|exactly|single|sole|solo|earliest|oldest|first|latest|newest|recent|"
    r"recently|last|appeared|appears|appearing|appear|published|released|came|out|dated|date|year|years|"
    r"when|number|largest|smallest|over|\d+|(?:19|20)\d\d|two|three|four|five|six|seven|"
    r"eight|nine|ten|topic|topics|field|area|subject|their|its|it|they|them|we|you|\w+ed\s+on|"
    r"shows?|showing|gives?|giving|counts?|known|available|stated|recorded|whole|entire|full|"
    r"carr(?:y|ies|ied|ying)|bears?|bearing|holds?|holding|displays?|displayed|instead|rather|"
    r"complete|overall|posted|posting|submitted|dates|related|co-?authors|team|teams|size|"
    r"across|according|within|shown|come|comes|biggest|longest|shortest|name|find|tell|me|"
    r"identify|please|month|publication|people|researchers|persons|co-?wrote|counting|counted|"
    r"considering|considered|including|included|excluding|excluded|ignoring|restricted|"
    r"restricting|limited|names?|venue|conference|journal|workshop|proceedings|where|"
    r"presented|affiliated|affiliations?|institutions?|universit(?:y|ies)|organi[sz]ations?|"
    r"citations?|cited|cites|times|often|according|been|s|sept|funding|funded|funders?|grants?|"
    r"sponsors?|sponsored|agency|agencies|supported|financially|credited|tagged|"
    r"attributed|orgs?|co-?authored|contributors|day|lead|senior|corresponding|"
    r"up-?votes?|up-?voted|"
    r"countr(?:y|ies)|city|cities|nation|nationalit(?:y|ies)|located|headquartered|"
    r"(?<=are\s)based|(?<=were\s)based|(?<=authors\s)based|based(?=\s*\??\s*$)|"
    + "|".join(sorted({*MONTHS, *(m[:3] for m in MONTHS)}))
    + r")\b"
    r"|[?.,;:()'\"-]",
    re.I,
)
_TOPIC_CUE = re.compile(
    r"\b(?:on|about|among|of|for|regarding|concerning)\s+(?:the\s+)?(?:papers?|works?|studies|"
    r"articles)?\s*(?:on|about)?\s*(?P<t>[^,?]+)",
    re.I,
)


# Words that only ask for one field, stripped from the topic when that field is asked ("a paper
# on majority votes" keeps its votes when its author count is asked).
_FIELD_NOISE = {
    "upvotes": re.compile(r"\b(?:votes?|likes|tally|get|got|receive|received|earn(?:ed)?)\b", re.I),
    "published": re.compile(r"\b(?:submission|give|gives|given|printed)\b", re.I),
}


def topic_of(question: str) -> str:
    """The topic a metadata question is about, or "" for the whole listing.

    >>> topic_of("Among the papers on differential privacy, which lists the most authors?")
    'differential privacy'
    >>> topic_of("Which paper in the collection lists the most authors?")
    ''
    >>> topic_of("Which paper in the listings carries the earliest date?")
    ''
    >>> topic_of("Among the papers in the listing that show an author count, which are single-author?")
    ''
    >>> topic_of("Counting only papers whose listing date shows a year, which is the most recent?")
    ''
    """
    return " ".join(_NOISE.sub(" ", question).split())


def parse_meta(question: str) -> MetaQuery | None:
    """The metadata query a question asks, or None when it asks about something else.

    >>> parse_meta("Which papers list more than 10 authors?")
    MetaQuery(field='authors', op='>', values=(10,), want='papers', topic='', count=None)
    >>> parse_meta("How many papers were published in 2019 or earlier?").want
    'count'
    >>> parse_meta("What does einspace search over?") is None
    True
    >>> parse_meta("Which papers were published in February 2023?")
    MetaQuery(field='published', op='month', values=(2023, 2), want='papers', topic='', count=None)
    """
    text = " ".join(question.split())
    month = _MONTH.search(text)
    if month and _DATE_WORDS.search(text):
        number = next(i for i, m in enumerate(MONTHS, 1) if m.startswith(month[1][:3].lower()))
        how: Literal["papers", "count"] = "count" if _COUNT.search(text) else "papers"
        return MetaQuery("published", "month", (int(month[2]), number), how, topic_of(text))
    for pattern, field, op in _RULES:
        found = pattern.search(text)
        if not found:
            continue
        if field == "year" and op == "==" and not _DATE_WORDS.search(text):
            continue  # "in 2023" without "published/appeared" is not about dates
        numbers = tuple(_number(g) for g in found.groups() if g)
        if field == "authors" and op == "==" and not numbers:
            numbers = (1,)  # single-author
        want: Literal["papers", "count", "value"] = "papers"
        if field in DETAIL_FIELDS:
            want = "value"  # "Who wrote the paper that ...?" is about one paper
        elif _COUNT.search(text):
            want = "count"
        elif op == "value":
            want = "value"
        stated = _STATED_COUNT.search(text)
        count = _number(stated.group(1)) if stated else None
        topic = topic_of(text)
        if field in _FIELD_NOISE:  # "How many votes did X get?": the words of the ask itself
            topic = " ".join(_FIELD_NOISE[field].sub(" ", topic).split())
        return MetaQuery(field, op, numbers, want, topic, count)
    return None
